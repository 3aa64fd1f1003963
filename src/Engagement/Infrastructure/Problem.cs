using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Infrastructure;

/// <summary>An RFC 9457 problem, answered as application/problem+json.</summary>
public sealed record Problem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Problem Conflict(string detail) => new(StatusCodes.Status409Conflict, "The request conflicts with the current state", detail);
    public static Problem NotFound(string what, Guid id) => new(StatusCodes.Status404NotFound, "Not found", $"No {what} with id {id}.");
    public static Problem Invalid(string field, string message) => Invalid(new Errors().Add(field, message));
    public static Problem Invalid(Errors errors) => new(StatusCodes.Status400BadRequest, "The request is invalid",
        "See 'errors' for what to change; nothing was recorded.", errors.ToDictionary());

    public IResult ToResult() => Results.Problem(ToProblemDetails());

    public ProblemDetails ToProblemDetails()
    {
        var details = Errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(Errors.ToDictionary(x => x.Key, x => x.Value));
        details.Status = Status;
        details.Title = Title;
        details.Detail = Detail;
        details.Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{Status}";
        return details;
    }
}

/// <summary>Validation errors keyed by the JSON path of the offending field.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _errors = new();
    public bool Any => _errors.Count > 0;

    public Errors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Errors When(bool condition, string field, string message) => condition ? Add(field, message) : this;

    public Errors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required");
        return Optional(field, value, maxLength);
    }

    public Errors Optional(string field, string? value, int maxLength)
    {
        if (value is null) return this;
        // Characters as a person counts them (an emoji, a letter with its accents), not UTF-16 code units.
        if (value.Length > maxLength && new System.Globalization.StringInfo(value).LengthInTextElements > maxLength)
            Add(field, $"must be at most {maxLength} characters");
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) Add(field, "must not contain control characters");
        if (HasUnpairedSurrogate(value)) Add(field, "must be valid Unicode text");
        return this;
    }

    public Errors NotInFuture(string field, DateOnly? date, DateOnly today)
    {
        if (date is { } d && d > today) Add(field, $"must not be after today ({today:yyyy-MM-dd})");
        return this;
    }

    public Errors NotBefore(string field, DateOnly? date, DateOnly earliest, string what)
    {
        if (date is { } d && d < earliest) Add(field, $"must not be before {what} ({earliest:yyyy-MM-dd})");
        return this;
    }

    public Errors Url(string field, string? value)
    {
        if (value is null) return this;
        Optional(field, value, Limits.Url);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            Add(field, "must be an absolute http or https URL");
        return this;
    }

    public Problem? ToProblem() => Any ? Problem.Invalid(this) : null;

    /// <summary>For Wolverine's Validate step: no errors lets the request through.</summary>
    public ProblemDetails ToProblemDetails() => Any ? Problem.Invalid(this).ToProblemDetails() : WolverineContinue.NoProblems;

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(x => x.Key, x => x.Value.ToArray());

    private static bool HasUnpairedSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return true;
                i++;
            }
            else if (char.IsLowSurrogate(s[i])) return true;
        }
        return false;
    }
}

/// <summary>The documented length limits of text fields.</summary>
public static class Limits
{
    public const int Name = 200;
    public const int Title = 300;
    public const int Topic = 100;
    public const int Text = 20_000;
    public const int Note = 10_000;
    public const int Url = 2_000;
    public const int Country = 100;
    public const int Topics = 20;
    public const int References = 100;
    public const long RequestBodyBytes = 256 * 1024;
    public const long ImportBodyBytes = 16 * 1024 * 1024;
}

public static class ReferenceChecks
{
    /// <summary>Adds "is required" or "no {what} with this id" for a reference that must name an existing document.</summary>
    public static async Task<Errors> ExistingAsync<T>(this Errors errors, Marten.IQuerySession session, string field, Guid? id,
        string what, CancellationToken ct) where T : class
    {
        if (id is null || id == Guid.Empty) return errors.Add(field, "is required");
        if (await session.LoadAsync<T>(id.Value, ct) is null) errors.Add(field, $"no {what} with this id");
        return errors;
    }

    /// <summary>Checks each id of a list in one query; errors are keyed <c>field[index]</c>.</summary>
    public static async Task<Errors> AllExistingAsync<T>(this Errors errors, Marten.IQuerySession session, string field,
        IReadOnlyList<Guid>? ids, string what, Func<T, Guid> idOf, CancellationToken ct) where T : class
    {
        if (ids is null || ids.Count == 0) return errors;
        if (ids.Count > Limits.References) return errors.Add(field, $"must have at most {Limits.References} entries");
        var found = (await session.LoadManyAsync<T>(ct, ids.Distinct())).Select(idOf).ToHashSet();
        for (var i = 0; i < ids.Count; i++)
            if (!found.Contains(ids[i])) errors.Add($"{field}[{i}]", $"no {what} with this id");
        if (ids.Distinct().Count() != ids.Count) errors.Add(field, "must not list the same id twice");
        return errors;
    }
}
