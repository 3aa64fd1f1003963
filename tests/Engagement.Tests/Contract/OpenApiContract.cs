using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Engagement.Tests.Contract;

/// <summary>
/// The OpenAPI document as a contract: finds the operation a request went to, and says what is wrong with an answer
/// (a status the operation does not declare, a content type it does not declare, a body its schema refuses).
/// Schemas are evaluated in place inside the document, so their <c>#/components/schemas/...</c> references resolve.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Uri Base = new("https://engagement.invalid/openapi/v1.json");
    private readonly EvaluationOptions _options;
    private readonly List<Template> _templates;

    public JsonNode Document { get; }

    public OpenApiContract(JsonNode document)
    {
        Document = document;
        _options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        _options.SchemaRegistry.Register(new JsonNodeBaseDocument(document, Base));
        _templates =
        [
            .. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation =>
                new Template(operation.Key.ToUpperInvariant(), path.Key, path.Key.Split('/', StringSplitOptions.RemoveEmptyEntries)))),
        ];
    }

    /// <summary>Every operation as "METHOD /route".</summary>
    public IEnumerable<string> Operations => _templates.Select(t => t.Name);

    /// <summary>The operation's route template for a concrete path, or null when the document has none.</summary>
    public string? RouteOf(string method, string path)
    {
        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return _templates
            .Where(t => t.Method == method && t.Segments.Length == segments.Length
                        && t.Segments.Zip(segments).All(p => IsParameter(p.First) || p.First == p.Second))
            .OrderBy(t => t.Segments.Count(IsParameter)) // a literal segment beats a parameter: event-types before {id}
            .FirstOrDefault()?.Route;
    }

    /// <summary>What is wrong with this answer by the document; empty when it is as described.</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? contentType, string body)
    {
        var route = RouteOf(method, path);
        if (route is null) return [$"no operation {method} {path} in the document"];
        var responsePointer = $"/paths/{Escape(route)}/{method.ToLowerInvariant()}/responses/{status}";
        var response = Find(responsePointer);
        if (response is null) return [$"{method} {route} answered {status}, which the operation does not declare"];

        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
            return body.Length == 0 ? [] : [$"{method} {route} {status}: a body where the document declares none: {Shorten(body)}"];
        var mediaType = contentType?.Split(';')[0].Trim();
        if (mediaType is null || !content.ContainsKey(mediaType))
            return [$"{method} {route} {status}: content type '{contentType}' where the document declares {string.Join(", ", content.Select(c => c.Key))}"];
        if (!mediaType.EndsWith("json", StringComparison.Ordinal)) return [];

        JsonNode? instance;
        try { instance = JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException) { return [$"{method} {route} {status}: a body that is not JSON: {Shorten(body)}"]; }
        var errors = Evaluate($"{responsePointer}/content/{Escape(mediaType)}/schema", instance);
        return errors.Count == 0 ? [] : [$"{method} {route} {status}: {string.Join("; ", errors)} in {Shorten(body)}"];
    }

    /// <summary>The schema failures of an instance against the schema at a JSON pointer of the document.</summary>
    public IReadOnlyList<string> Evaluate(string pointer, JsonNode? instance)
    {
        var schema = new JsonSchemaBuilder().Ref(new Uri(Base, "#" + pointer)).Build();
        var results = schema.Evaluate(instance, _options);
        if (results.IsValid) return [];
        List<string> errors =
        [
            .. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value} ({d.EvaluationPath})"))
                .Distinct().Take(5)
        ];
        // Keywords such as not and anyOf can fail without a message of their own.
        return errors.Count > 0 ? errors : [$"invalid by {pointer}"];
    }

    /// <summary>The request body schema's pointer of an operation, or null when it takes no JSON body.</summary>
    public string? RequestSchemaPointer(string method, string route)
    {
        var pointer = $"/paths/{Escape(route)}/{method.ToLowerInvariant()}/requestBody/content/application~1json/schema";
        return Find(pointer) is null ? null : pointer;
    }

    /// <summary>An event stream answers until the client leaves, so a scenario cannot wait for its end.</summary>
    public bool Streams(string method, string route) =>
        Find($"/paths/{Escape(route)}/{method.ToLowerInvariant()}/responses/200/content")?.AsObject().ContainsKey("text/event-stream") == true;

    public JsonNode? Find(string pointer) =>
        JsonPointer.Parse(pointer).TryEvaluate(Document, out var found) ? found : null;

    private static bool IsParameter(string segment) => segment.StartsWith('{');

    private static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private sealed record Template(string Method, string Route, string[] Segments)
    {
        public string Name => $"{Method} {Route}";
    }
}
