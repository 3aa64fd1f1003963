using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Engagement.Infrastructure;

/// <summary>
/// Wolverine answers an unreadable body with a problem titled "Invalid JSON format" whose detail names the JSON path;
/// this adds the <c>errors</c> map keyed by field that every other validation failure carries, and drops the
/// serializer's internal type names from the text.
/// </summary>
public static partial class ProblemConventions
{
    public static void Customize(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        details.Extensions.Remove("lineNumber");
        details.Extensions.Remove("bytePositionInLine");
        if (details.Title == "Invalid query string value" && details.Extensions.TryGetValue("parameter", out var parameter))
        {
            details.Detail = $"The query parameter '{parameter}' has a value this route cannot use. Nothing was read or recorded.";
            details.Extensions["errors"] = new Dictionary<string, string[]> { [$"{parameter}"] = ["has the wrong type or an unknown value"] };
            return;
        }
        if (details.Title != "Invalid JSON format" || details.Detail is null) return;

        details.Title = "Malformed JSON";
        var unmapped = UnmappedMember().Match(details.Detail);
        var path = JsonPath().Match(details.Detail);
        var (field, message) = unmapped.Success
            ? (unmapped.Groups[1].Value, "is not a field of this request")
            : path.Success && path.Groups[1].Value.Length > 0
                ? (path.Groups[1].Value, "has the wrong type or an unknown value; see the API reference")
                : (null, null);
        if (field is null)
        {
            details.Detail = "The body is not valid JSON. " + details.Detail;
            return;
        }
        details.Detail = $"'{field}' {message}. Nothing was recorded.";
        details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message!] };
    }

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"Path: \$\.?([^ |]*)")]
    private static partial Regex JsonPath();
}
