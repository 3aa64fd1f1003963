using Microsoft.AspNetCore.Http;

namespace Engagement.Infrastructure;

/// <summary>
/// Wolverine answers a query value it cannot parse with a problem titled "Invalid query string value" that names the
/// parameter; this adds the <c>errors</c> map keyed by field that every other validation failure carries. Malformed
/// bodies never reach Wolverine: <see cref="JsonBody"/> refuses them first.
/// </summary>
public static class ProblemConventions
{
    public static void Customize(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        if (details.Title == "Invalid query string value" && details.Extensions.TryGetValue("parameter", out var parameter))
        {
            details.Detail = $"The query parameter '{parameter}' has a value this route cannot use. Nothing was read or recorded.";
            details.Extensions["errors"] = new Dictionary<string, string[]> { [$"{parameter}"] = ["has the wrong type or an unknown value"] };
        }
    }
}
