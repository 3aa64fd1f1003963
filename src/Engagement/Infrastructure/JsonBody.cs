using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure;

/// <summary>
/// Reads an endpoint's JSON body before the endpoint does, with the same options, and refuses a malformed one here:
/// 400 keyed by the field at fault, and one Warning without a stack trace (Wolverine would log every bad body as an
/// Error with one, so any key holder could flood the logs). A property named twice is refused, not "last one wins".
/// Reads the body that <see cref="RequestBodyLimit"/> buffered.
/// </summary>
public sealed class JsonBody(RequestDelegate next, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<JsonBody> logger)
{
    private const string NotAField = "is not a field of this request";
    private const string WrongType = "has the wrong type or an unknown value; see the API reference";
    private const string Twice = "is given more than once";

    public async Task InvokeAsync(HttpContext http)
    {
        var accepts = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts?.RequestType is not { } type || !accepts.ContentTypes.Contains("application/json") || !IsJson(http.Request.ContentType))
        {
            await next(http);
            return;
        }
        var body = http.Request.Body is MemoryStream buffered && buffered.TryGetBuffer(out var bytes) ? bytes.AsMemory() : default;
        if (body.IsEmpty && accepts.IsOptional)
        {
            await next(http);
            return;
        }
        if (Refusal(body, type, json.Value.SerializerOptions) is not { } problem)
        {
            await next(http);
            return;
        }
        logger.LogWarning("Refused a malformed JSON body on {Method} {Path}: {Problem}", http.Request.Method, http.Request.Path,
            problem.Errors is { } errors ? string.Join("; ", errors.Select(e => $"{Shorten(e.Key)} {e.Value[0]}")) : problem.Detail);
        http.Response.StatusCode = problem.Status;
        await problem.ToResult().ExecuteAsync(http);
    }

    /// <summary>Why the body cannot be read as <paramref name="type"/>, or null when it can.</summary>
    public static Problem? Refusal(ReadOnlyMemory<byte> body, Type type, JsonSerializerOptions options)
    {
        var errors = new Errors();
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
            FindDuplicates(document.RootElement, "", errors, options.PropertyNameCaseInsensitive);
        }
        catch (JsonException e)
        {
            return new Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}). Nothing was recorded.");
        }
        catch (InvalidOperationException)
        {
            return new Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid JSON text. Nothing was recorded.");
        }
        if (errors.Any) return Malformed(errors);
        try
        {
            JsonSerializer.Deserialize(body.Span, type, options);
            return null;
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : null;
            if (string.IsNullOrEmpty(field))
                return new Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                    "The body must be a JSON object with the fields of this request. Nothing was recorded.");
            return Malformed(errors.Add(field, IsMember(options, type, field) ? WrongType : NotAField));
        }
    }

    private static Problem Malformed(Errors errors)
    {
        var first = errors.ToDictionary().First();
        return new Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"'{first.Key}' {first.Value[0]}. Nothing was recorded.",
            errors.ToDictionary());
    }

    private static void FindDuplicates(JsonElement element, string path, Errors errors, bool caseInsensitive)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!seen.Add(property.Name)) errors.Add(at, Twice);
                    FindDuplicates(property.Value, at, errors, caseInsensitive);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) FindDuplicates(item, $"{path}[{index++}]", errors, caseInsensitive);
                break;
        }
    }

    /// <summary>Whether a JSON path such as <c>topics[0]</c> or <c>post.title</c> names a member of the request's contract.</summary>
    private static bool IsMember(JsonSerializerOptions options, Type type, string path)
    {
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var segment in path.Split('.'))
        {
            var name = segment.Split('[')[0];
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object || info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) is not { } property)
                return false;
            type = property.PropertyType;
            for (var i = segment.Count(c => c == '['); i > 0; i--)
                type = options.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element } ? element : type;
        }
        return true;
    }

    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType) || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                          || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string field) => field.Length <= 100 ? field : field[..100] + "…";
}
