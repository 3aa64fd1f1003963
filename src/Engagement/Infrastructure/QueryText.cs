namespace Engagement.Infrastructure;

/// <summary>
/// Holds query values to the rules of text fields (no control characters but tab and newline, no unpaired
/// surrogates): PostgreSQL refuses a NUL in a parameter with an error, so "?q=%00" was a 500.
/// </summary>
public sealed class QueryText(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var errors = new Errors();
        foreach (var (name, values) in http.Request.Query)
        foreach (var value in values)
            errors.Optional(name, value, int.MaxValue);
        if (!errors.Any) return next(http);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return Problem.Invalid(errors).ToResult().ExecuteAsync(http);
    }
}
