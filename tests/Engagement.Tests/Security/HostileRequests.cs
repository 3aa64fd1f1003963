using System.Text;
using System.Text.Json.Nodes;

namespace Engagement.Tests.Security;

/// <summary>One write operation of the OpenAPI document: its method, route and request body schema.</summary>
public sealed record Operation(string Method, string Route, JsonObject? Schema)
{
    public string Name => $"{Method} {Route}";
    public bool HasPathId => Route.Contains("{id}", StringComparison.Ordinal);

    /// <summary>The write operations (POST, PUT, PATCH, DELETE) of an OpenAPI 3 document, with body schemas resolved.</summary>
    public static IReadOnlyList<Operation> WritesOf(JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var operations = new List<Operation>();
        foreach (var (route, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            if (method is not ("post" or "put" or "patch" or "delete")) continue;
            var schema = operation!["requestBody"]?["content"]?["application/json"]?["schema"];
            operations.Add(new Operation(method.ToUpperInvariant(), route, schema is null ? null : Resolve(schema, schemas).AsObject()));
        }
        return operations;
    }

    /// <summary>
    /// The valid body of an operation that takes a file, not JSON (an import's upload), in the kind the route is called
    /// with (<see cref="UploadKind"/>): a row matching the hostile world's ministry, so committing it records nothing.
    /// </summary>
    public static (byte[] Bytes, string ContentType)? FileBody(string route) => route == "/api/imports/{kind}"
        ? (System.Text.Encoding.UTF8.GetBytes("name,kind\nHostile Ministry,government\n"), "text/csv")
        : null;

    public const string UploadKind = "organizations";

    public static JsonNode Resolve(JsonNode schema, JsonObject? schemas)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return Resolve(schemas![reference.Split('/')[^1]]!, schemas);
        if (schema["oneOf"] is JsonArray oneOf)
            return oneOf.Select(s => Resolve(s!, schemas)).FirstOrDefault(s => s["type"]?.ToJsonString() != "\"null\"") ?? schema;
        return schema;
    }
}

public enum Expect
{
    /// <summary>A 4xx problem, and nothing appended.</summary>
    Rejected,

    /// <summary>A 2xx that appended events and stored <see cref="Variant.RoundTrip"/> verbatim.</summary>
    Accepted,

    /// <summary>
    /// Either a 400 whose errors name <see cref="Variant.Field"/> and nothing appended, or a 2xx that appended events
    /// and (when <see cref="Variant.RoundTrip"/> is set) stored that text verbatim.
    /// </summary>
    MayBeAccepted
}

/// <summary>A request to send: the body as raw bytes so that malformed JSON and invalid UTF-8 reach the server as they are.</summary>
public sealed record Variant(string Name, byte[]? Body, Expect Expect, string? ContentType = "application/json",
    string? Field = null, string? RoundTrip = null, string? PathId = null, string? IdempotencyKey = null);

/// <summary>
/// Hostile variants of a valid body, property by property, from the property's type in the schema. A valid body takes
/// its ids from <paramref name="reference"/>, which knows which existing stream each reference property must name.
/// </summary>
public sealed class HostileRequests(Operation operation, JsonObject? schemas, Func<string, JsonNode> reference, DateOnly today)
{
    public const string Sql = "'; DROP TABLE mt_events; --";
    public const string Script = "<script>alert(1)</script>";
    private static readonly string Huge = new('a', 100_000);

    /// <summary>Asked of <c>reference</c> for the id of an existing stream that no reference property may name.</summary>
    public const string AnotherKind = "(another kind of stream)";

    private int _texts;

    /// <summary>A body the operation accepts: every property set, texts unique so that no two bodies collide.</summary>
    public JsonObject Baseline()
    {
        var body = new JsonObject();
        foreach (var (name, schema) in Properties) body[name] = Valid(name, schema);
        return body;
    }

    private JsonNode Valid(string name, JsonNode schema) => KindOf(name, schema) switch
    {
        Kind.Text => $"valid {name} {++_texts}",
        // A public address literal: webhook URLs must resolve to public addresses, and nothing resolves offline.
        Kind.Url => $"https://93.184.215.14/{name}/{++_texts}",
        Kind.Email => $"valid{++_texts}@chamber.example",
        Kind.RegisterId => $"{++_texts:D12}-34",
        Kind.Date => today.ToString("yyyy-MM-dd"),
        Kind.EventTypes => new JsonArray("meeting.logged", "suggestion.raised"),
        // A replay names exactly one starting point: the valid body starts from a sequence, so "since" stays unset.
        Kind.Instant => null!,
        Kind.Integer => name == "fromSequence" ? 1 : null!,
        Kind.Boolean => true,
        Kind.Enum => schema["enum"]!.AsArray().OfType<JsonValue>().First().GetValue<string>(),
        Kind.TextList => new JsonArray("trade", $"topic {++_texts}"),
        _ => reference(name)
    };

    private IEnumerable<(string Name, JsonNode Schema)> Properties =>
        operation.Schema?["properties"]?.AsObject().Select(p => (p.Key, Operation.Resolve(p.Value!, schemas))) ?? [];

    public IEnumerable<Variant> Bodies()
    {
        if (operation.Schema is null) yield break;
        var baseline = Baseline().ToJsonString();

        yield return Raw("truncated JSON", baseline[..(baseline.Length / 2)]);
        yield return Raw("trailing garbage", baseline + "}garbage");
        yield return Raw("two documents", baseline + baseline);
        yield return Raw("an array", "[]");
        yield return Raw("null", "null");
        yield return Raw("a bare string", "\"hello\"");
        yield return Raw("a number", "42");
        yield return Raw("true", "true");
        yield return Raw("a comment", "/* hello */" + baseline);
        yield return Raw("single quotes", baseline.Replace('"', '\''));
        yield return Raw("10k nested arrays", new string('[', 10_000) + new string(']', 10_000));
        yield return Raw("10k nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000));
        yield return new Variant("an empty body", [], Expect.Rejected);
        yield return Raw("whitespace only", "  \n ");
        yield return new Variant("invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], Expect.Rejected);
        yield return new Variant("a byte-order mark and garbage", [0xEF, 0xBB, 0xBF, 0xFF, 0xFE], Expect.Rejected);
        yield return new Variant("an empty object", Utf8("{}"), Expect.MayBeAccepted, Field: "");

        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html", "application/jsonx", "image/png" })
            yield return new Variant($"content type {contentType}", Utf8(baseline), Expect.Rejected, contentType);
        // Wolverine reads a body without a content type as JSON; a browser sends none cross-site only without the
        // SameSite=Strict session cookie, so this is no forgery route.
        yield return new Variant("no content type", Utf8(baseline), Expect.MayBeAccepted, null, Field: "");
        yield return new Variant("form fields", Utf8("name=x&role=admin"), Expect.Rejected, "application/x-www-form-urlencoded");

        if (operation.Method == "POST")
            foreach (var key in new[] { new string('k', 201), "key with spaces", "ключ", "a\tb", "" + '\u007f' })
                yield return new Variant($"Idempotency-Key {key[..Math.Min(key.Length, 20)]}", Utf8(baseline), Expect.Rejected, IdempotencyKey: key);

        foreach (var extra in new[] { "\"unexpected\":1", "\"$type\":\"System.Object\"", "\"__proto__\":{\"isAdmin\":true}", "\"id\":\"" + Guid.NewGuid() + "\"", "\"recordedBy\":\"someone else\"", "\"\":1" })
            yield return Raw($"an unknown field {extra}", baseline.TrimEnd('}') + (baseline.Length > 2 ? "," : "") + extra + "}");

        foreach (var (name, schema) in Properties)
        foreach (var variant in ForProperty(name, schema))
            yield return variant;
    }

    private IEnumerable<Variant> ForProperty(string name, JsonNode schema)
    {
        var kind = KindOf(name, schema);
        yield return With(name, $"{name} null", "null", Expect.MayBeAccepted);
        yield return Without(name);
        yield return With(name, $"{name} an object", "{}");
        yield return With(name, $"{name} true", "true", kind == Kind.Boolean ? Expect.MayBeAccepted : Expect.Rejected);
        yield return With(name, $"{name} a number", "42", kind == Kind.Integer ? Expect.MayBeAccepted : Expect.Rejected);
        yield return With(name, $"{name} a huge number", "1e400");
        yield return With(name, $"{name} 10k nested arrays", new string('[', 10_000) + new string(']', 10_000));

        switch (kind)
        {
            case Kind.Text or Kind.Url or Kind.Email or Kind.RegisterId:
                yield return With(name, $"{name} an array", "[\"a\"]");
                foreach (var v in Texts(kind == Kind.Text, (json, label, expect, roundTrip) => With(name, $"{name} {label}", json, expect, roundTrip)))
                    yield return v;
                break;
            case Kind.Date:
                yield return With(name, $"{name} an array", "[]");
                foreach (var bad in new[] { "", "2023-02-30", "2023-13-01", "2023-00-10", "yesterday", "2023-1-1", "20230101", "2023-01-01T00:00:00Z",
                             "01/02/2023", "-0001-01-01", "10000-01-01", Sql, Script })
                    yield return With(name, $"{name} \"{bad}\"", Quote(bad));
                yield return With(name, $"{name} a number of days", "20230101");
                foreach (var absurd in new[] { "0001-01-01", "9999-12-31" })
                    yield return With(name, $"{name} {absurd}", Quote(absurd), Expect.MayBeAccepted, absurd);
                break;
            case Kind.EventTypes:
                yield return With(name, $"{name} a string", "\"meeting.logged\"");
                yield return With(name, $"{name} an empty list", "[]");
                yield return With(name, $"{name} the same type twice", "[\"meeting.logged\",\"meeting.logged\"]");
                yield return With(name, $"{name} 10k items", "[" + string.Join(',', Enumerable.Repeat("\"meeting.logged\"", 10_000)) + "]");
                foreach (var bad in new[] { "", "meeting", "Meeting.Logged", "meeting.logged ", "meeting_logged", "*", Sql, Script, "\u0000" })
                    yield return With(name, $"{name} item \"{bad}\"", $"[{Quote(bad)}]");
                yield return With(name, $"{name} a null item", "[null]");
                yield return With(name, $"{name} a number item", "[1]");
                break;
            case Kind.Instant:
                foreach (var bad in new[] { "", "yesterday", "2023-02-30T00:00:00Z", "2023-01-01T25:00:00Z", "not a time", Sql, Script })
                    yield return With(name, $"{name} \"{bad}\"", Quote(bad));
                // A valid instant beside fromSequence names two starting points: refused.
                yield return With(name, $"{name} beside fromSequence", Quote("2023-01-01T00:00:00Z"));
                break;
            case Kind.Integer:
                foreach (var bad in new[] { "\"1\"", "1.5", "-1", "0", "99999999999999999999", "[1]", "\"" + Sql + "\"" })
                    yield return With(name, $"{name} {bad}", bad);
                break;
            case Kind.Boolean:
                foreach (var bad in new[] { "\"true\"", "\"yes\"", "1", "0", "[true]" })
                    yield return With(name, $"{name} {bad}", bad);
                break;
            case Kind.Uuid:
                yield return With(name, $"{name} an array", $"[{reference(name).ToJsonString()}]");
                foreach (var (label, json) in WrongIds())
                    yield return With(name, $"{name} {label}", json);
                break;
            case Kind.Enum:
                var values = schema["enum"]!.AsArray().OfType<JsonValue>().Select(v => v.GetValue<string>()).ToList();
                yield return With(name, $"{name} an array", $"[\"{values[0]}\"]");
                foreach (var bad in new[] { "", "superuser", values[0] + "-x", "0", "1", $"{values[0]},{values[^1]}", $"{values[0]}, {values[^1]}", Sql, Script, "\u0000" })
                    yield return With(name, $"{name} \"{bad}\"", Quote(bad));
                yield return With(name, $"{name} the integer 0", "0");
                yield return With(name, $"{name} the integer 1", "1");
                break;
            case Kind.UuidList or Kind.TextList:
                yield return With(name, $"{name} a string", "\"a\"");
                yield return With(name, $"{name} numbers", "[1,2]");
                yield return With(name, $"{name} a null item", "[null]");
                yield return With(name, $"{name} an object item", "[{}]");
                yield return With(name, $"{name} a nested array", "[[]]");
                yield return With(name, $"{name} an empty list", "[]", Expect.MayBeAccepted);
                var item = Valid(name, schema).AsArray()[0]!.ToJsonString();
                yield return With(name, $"{name} 10k items", "[" + string.Join(',', Enumerable.Repeat(item, 10_000)) + "]");
                yield return With(name, $"{name} 101 items", "[" + string.Join(',', Enumerable.Repeat(item, 101)) + "]");
                if (kind == Kind.UuidList)
                {
                    yield return With(name, $"{name} the same id twice", $"[{item},{item}]");
                    foreach (var (label, json) in WrongIds())
                        yield return With(name, $"{name} item {label}", $"[{json}]");
                }
                else
                {
                    foreach (var v in Texts(true, (json, label, expect, roundTrip) => With(name, $"{name} item {label}", $"[{json}]", expect, roundTrip)))
                        yield return v;
                }
                break;
        }
    }

    private delegate Variant TextVariant(string json, string label, Expect expect, string? roundTrip);

    /// <summary>
    /// Text variants. In a free-text field, markup, SQL, one character and non-ASCII text are legitimate and must be
    /// stored as sent; in a URL field they may be refused.
    /// </summary>
    private static IEnumerable<Variant> Texts(bool freeText, TextVariant with)
    {
        var inert = freeText ? Expect.Accepted : Expect.MayBeAccepted;
        yield return with("\"\"", "empty", Expect.MayBeAccepted, null);
        yield return with("\"   \"", "blank", Expect.MayBeAccepted, null);
        yield return with("\"x\"", "one character", inert, "x");
        yield return with(Quote(Huge), "100k characters", Expect.Rejected, null);
        yield return with("\"a\\u0000b\"", "a NUL character", Expect.Rejected, null);
        yield return with("\"\\u001b[31mred\"", "an escape character", Expect.Rejected, null);
        yield return with("\"bell\\u0007\"", "a bell character", Expect.Rejected, null);
        yield return with("\"a\u0001b\"", "a raw control character", Expect.Rejected, null);
        yield return with("\"\\ud800\"", "an unpaired high surrogate", Expect.Rejected, null);
        yield return with("\"x\\udc00y\"", "an unpaired low surrogate", Expect.Rejected, null);
        yield return with("\"\\udc00\\ud800\"", "reversed surrogates", Expect.Rejected, null);
        foreach (var (label, text) in new[] { ("SQL injection", Sql), ("a script tag", Script), ("an attribute breakout", "\"><img src=x onerror=alert(1)>"),
                     ("a template expression", "{{7*7}} ${7*7}"), ("non-ASCII text", "Zoë 日本 🇪🇺") })
            yield return with(Quote(text), label, inert, text);
    }

    private IEnumerable<(string Label, string Json)> WrongIds()
    {
        yield return ("empty", "\"\"");
        yield return ("not a GUID", "\"not-a-guid\"");
        yield return ("SQL", Quote("1;DROP TABLE mt_events"));
        yield return ("SQL quote", Quote(Sql));
        yield return ("the empty GUID", "\"00000000-0000-0000-0000-000000000000\"");
        yield return ("a GUID of nothing", Quote(Guid.NewGuid().ToString()));
        yield return ("a GUID too long", Quote(Guid.NewGuid() + "0"));
        yield return ("a GUID in braces with garbage", Quote("{" + Guid.NewGuid() + "}x"));
        yield return ("a script tag", Quote(Script));
        yield return ("the id of another kind of stream", reference(AnotherKind).ToJsonString());
    }

    private enum Kind { Text, Url, Email, RegisterId, Date, Uuid, Enum, UuidList, TextList, EventTypes, Instant, Integer, Boolean }

    private static Kind KindOf(string name, JsonNode schema)
    {
        var types = schema["type"] switch
        {
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToArray(),
            JsonValue v => [v.GetValue<string>()],
            _ => []
        };
        var format = schema["format"]?.GetValue<string>();
        if (schema["enum"] is not null) return Kind.Enum;
        if (name == "eventTypes") return Kind.EventTypes;
        if (types.Contains("integer")) return Kind.Integer;
        if (types.Contains("boolean")) return Kind.Boolean;
        if (types.Contains("array"))
            return schema["items"]?["format"]?.GetValue<string>() == "uuid" ? Kind.UuidList
                : schema["items"]?["type"]?.GetValue<string>() == "string" ? Kind.TextList
                : throw new InvalidOperationException($"No hostile values for the array '{name}': {schema.ToJsonString()}");
        if (types.Contains("string"))
            return format switch
            {
                "uuid" => Kind.Uuid,
                "date" => Kind.Date,
                "date-time" => Kind.Instant,
                null when name.EndsWith("Url", StringComparison.Ordinal) || name is "website" or "url" => Kind.Url,
                null when name == "email" => Kind.Email,
                null when name == "registerId" => Kind.RegisterId,
                null => Kind.Text,
                _ => throw new InvalidOperationException($"No hostile values for '{name}' of format {format}")
            };
        throw new InvalidOperationException($"No hostile values for '{name}': {schema.ToJsonString()}");
    }

    private Variant With(string name, string label, string json, Expect expect = Expect.Rejected, string? roundTrip = null)
    {
        var body = Baseline();
        body[name] = JsonNode.Parse("0");
        var text = body.ToJsonString().Replace($"\"{name}\":0", $"\"{name}\":{json}", StringComparison.Ordinal);
        return new Variant(label, Utf8(text), expect, Field: name, RoundTrip: roundTrip);
    }

    private Variant Without(string name)
    {
        var body = Baseline();
        body.Remove(name);
        return new Variant($"{name} missing", Utf8(body.ToJsonString()), Expect.MayBeAccepted, Field: name);
    }

    private static Variant Raw(string label, string text) => new(label, Utf8(text), Expect.Rejected);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Quotes as JSON but leaves &lt;, &gt; and quotes raw, so the markup reaches the server as it is.</summary>
    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
