using System.Text;
using System.Text.Json.Nodes;
using Alba;
using Engagement.Tests.Security;
using Engagement.Tests.Support;
using Xunit.Abstractions;

namespace Engagement.Tests.Contract;

/// <summary>
/// Real requests to every operation of /openapi/v1.json (valid writes and reads, refusals of every kind the API gives,
/// the hostile-input suite's bodies and query values), each answer checked against the document: the status is
/// declared for that operation, the content type too, and the body validates against the declared schema.
/// </summary>
public class the_document_tells_the_truth(AppFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    private const string UnknownKey = "eng_contract-unknown-key-0123456789abcdefghijkl";

    private OpenApiContract _contract = null!;
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, SortedSet<int>> _answered = [];
    private int _checked;

    [Fact]
    public async Task every_answer_of_every_operation_is_declared_with_its_schema()
    {
        var document = await Host.GetOk("/openapi/v1.json");
        _contract = new OpenApiContract(document);
        var schemas = document["components"]?["schemas"]?.AsObject();
        var today = Clock.Today;
        var world = await hostile_input.World.Create(Host, today);
        var viewer = (await Host.PostOk("/api/keys", new { name = "contract viewer", role = "viewer" }))["key"]!.GetValue<string>();

        foreach (var operation in Operation.WritesOf(document))
            await Writes(operation, new HostileRequests(operation, schemas, world.Reference, today), world, viewer);
        // A read model's name is no id the hostile world knows: rebuild a real one, so the 202 is checked too.
        await Send("POST", $"/api/admin/projections/{Engagement.Timelines.TimelineProjection.ProjectionName}/rebuild");
        for (var waited = 0; waited < 300 && (await Host.GetOk("/api/admin/projections")).ToJsonString().Contains("\"rebuilding\""); waited++)
            await Task.Delay(100);
        // The writes leave the read models behind (on a busy machine past the readiness bound, so /health/ready would
        // only ever be 503): the reads come once they have caught up.
        await Host.SettleAsync();
        foreach (var route in _contract.Operations.Where(o => o.StartsWith("GET ", StringComparison.Ordinal)).Select(o => o[4..]))
            if (!_contract.Streams("GET", route)) await Reads(route, world, viewer, today);

        output.WriteLine($"contract: {_checked} answers checked over {_answered.Count} operations; operations per status " +
                         string.Join(", ", _answered.Values.SelectMany(s => s).GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.True(_violations.Count == 0,
            $"{_violations.Count} answers are not what the document says:\n" + string.Join('\n', _violations.Distinct().Take(80)));
        var unanswered = _contract.Operations.Where(o => !_answered.TryGetValue(o, out var s) || !s.Any(c => c is >= 200 and < 300))
            .Where(o => !_contract.Streams(o.Split(' ')[0], o.Split(' ')[1])).ToList();
        Assert.True(unanswered.Count == 0, "operations never answered with success, so their success schema went unchecked:\n" +
                                           string.Join('\n', unanswered));
        var seen = _answered.Values.SelectMany(s => s).ToHashSet();
        Assert.Superset(new HashSet<int> { 200, 201, 202, 204, 400, 401, 403, 404, 409, 412, 413, 415, 422 }, seen);
        Assert.True(_checked >= 1200, $"only {_checked} answers were checked; the suite shrank");
    }

    [Fact]
    public async Task a_body_the_document_allows_is_not_refused_for_a_missing_or_null_field_and_one_it_refuses_is_not_accepted()
    {
        var document = await Host.GetOk("/openapi/v1.json");
        _contract = new OpenApiContract(document);
        var schemas = document["components"]?["schemas"]?.AsObject();
        var world = await hostile_input.World.Create(Host, Clock.Today);
        var probes = 0;

        foreach (var operation in Operation.WritesOf(document).Where(o => o.Schema is not null))
        {
            var pointer = _contract.RequestSchemaPointer(operation.Method, operation.Route)!;
            var hostile = new HostileRequests(operation, schemas, world.Reference, Clock.Today);
            var baseline = hostile.Baseline();
            if (_contract.Evaluate(pointer, baseline) is { Count: > 0 } refused)
                _violations.Add($"{operation.Name}: the document refuses a body the API accepts, {baseline.ToJsonString()}: {string.Join("; ", refused)}");

            foreach (var property in operation.Schema!["properties"]!.AsObject().Select(p => p.Key))
            foreach (var (what, body) in new[] { ("without", Without(hostile.Baseline(), property)), ("null", WithNull(hostile.Baseline(), property)) })
            {
                probes++;
                var allowed = _contract.Evaluate(pointer, body).Count == 0;
                var url = Url(operation.Route, await world.Target(operation.Route), "msg_contract");
                var (status, answer, _) = await Send(operation.Method, url, Encoding.UTF8.GetBytes(body.ToJsonString()));
                var errors = answer?["errors"]?.AsObject();
                var namesIt = errors?.Any(e => e.Key == property || e.Key.StartsWith(property + "[", StringComparison.Ordinal)) == true;
                if (!allowed && status is >= 200 and < 300)
                    _violations.Add($"{operation.Name} with {property} {what}: accepted ({status}), though the document refuses it");
                if (allowed && status == 400 && namesIt)
                    _violations.Add($"{operation.Name} with {property} {what}: refused ({errors![property]?.ToJsonString()}), though the document allows it");
            }
        }

        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
        Assert.True(probes >= 60, $"only {probes} bodies were probed");
    }

    private async Task Writes(Operation operation, HostileRequests hostile, hostile_input.World world, string viewer)
    {
        var webhookId = operation.Route.Contains("{webhookId}", StringComparison.Ordinal) ? null : "msg_contract";
        var target = await world.Target(operation.Route);
        if (webhookId is null) (target, webhookId) = await DeliveryOf(world);
        var url = Url(operation.Route, target, webhookId);
        byte[]? Body() => operation.Schema is null ? null : Encoding.UTF8.GetBytes(hostile.Baseline().ToJsonString());

        if (Operation.FileBody(operation.Route) is { } file) await Send(operation.Method, url, file.Bytes, file.ContentType);
        await Send(operation.Method, url, Body());
        await Send(operation.Method, url, Body()); // again: a conflict for what may happen once
        await Send(operation.Method, url, Body(), auth: UnknownKey);
        await Send(operation.Method, url, Body(), auth: viewer);
        await Send(operation.Method, url, Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', 300_000) + "\"}"));
        if (operation.HasPathId)
        {
            await Send(operation.Method, Url(operation.Route, await world.Target(operation.Route), webhookId), Body(), ifMatch: "\"999\"");
            await Send(operation.Method, Url(operation.Route, Guid.NewGuid(), webhookId), Body());
        }
        if (operation.Method == "POST")
        {
            var key = Guid.NewGuid().ToString();
            var idempotent = Url(operation.Route, await world.Target(operation.Route), webhookId);
            await Send(operation.Method, idempotent, Body(), idempotencyKey: key);
            await Send(operation.Method, idempotent, Encoding.UTF8.GetBytes("{\"another\":\"body\"}"), idempotencyKey: key);
        }

        // Every third hostile body: each kind of refusal still comes up for every field, at a third of the time.
        foreach (var variant in hostile.Bodies().Where((_, i) => i % 3 == 0))
            await Send(operation.Method, variant.PathId is { } id ? Url(operation.Route, id, webhookId) : url, variant.Body,
                variant.ContentType, idempotencyKey: variant.IdempotencyKey);
        foreach (var id in new[] { "not-a-guid", Guid.Empty.ToString(), "1;DROP TABLE mt_events" })
            await Send(operation.Method, Url(operation.Route, Uri.EscapeDataString(id), webhookId), Body());
    }

    private async Task Reads(string route, hostile_input.World world, string viewer, DateOnly today)
    {
        var target = route.Contains("{organizationId}", StringComparison.Ordinal)
            ? await world.Target("/api/organizations/{id}")
            : await world.Target(route);
        var url = Url(route, target, "msg_contract").Replace("{organizationId}", target.ToString(), StringComparison.Ordinal);
        await Send("GET", url);
        await Send("GET", url, auth: UnknownKey);
        await Send("GET", url, auth: viewer);
        if (route.Contains('{')) await Send("GET", Url(route, Guid.NewGuid(), "msg_contract").Replace("{organizationId}", Guid.NewGuid().ToString()));

        var parameters = _contract.Find($"/paths/{route.Replace("~", "~0").Replace("/", "~1")}/get/parameters")?.AsArray() ?? [];
        var query = parameters.Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();
        if (query.Contains("asOf")) await Send("GET", $"{url}?asOf={today.AddDays(-1):yyyy-MM-dd}");
        foreach (var name in query.Append("unknown"))
        foreach (var value in new[] { "", "%00", "not-a-value", "-1", Uri.EscapeDataString(HostileRequests.Sql), new string('9', 400) })
            await Send("GET", $"{url}?{name}={value}");
    }

    /// <summary>A webhook with a delivery to retry: a replay creates deliveries once the events are below the safe ceiling.</summary>
    private async Task<(Guid Webhook, string Delivery)> DeliveryOf(hostile_input.World world)
    {
        var webhook = (await world.Target("/api/webhooks/{id}"))!.Value;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await Host.PostJson($"/api/webhooks/{webhook}/replay", new { fromSequence = 1 });
            var (_, rows, _) = await Host.GetJson($"/api/webhooks/{webhook}/deliveries");
            if (rows?["items"]?.AsArray().FirstOrDefault()?["webhookId"]?.GetValue<string>() is { } id) return (webhook, id);
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("no delivery was created for the retry operation");
    }

    private static string Url(string route, object? id, string webhookId) =>
        route.Replace("{id}", id?.ToString() ?? "", StringComparison.Ordinal).Replace("{webhookId}", webhookId, StringComparison.Ordinal)
            .Replace("{noteId}", hostile_input.World.NoteOf(id), StringComparison.Ordinal)
            .Replace("{kind}", Operation.UploadKind, StringComparison.Ordinal);

    private async Task<(int Status, JsonNode? Body, IScenarioResult Result)> Send(string method, string url, byte[]? body = null,
        string? contentType = "application/json", string? auth = null, string? ifMatch = null, string? idempotencyKey = null)
    {
        var result = await Host.Scenario(s =>
        {
            _ = method switch
            {
                "POST" => s.Post.Url(url),
                "PUT" => s.Put.Url(url),
                "PATCH" => s.Patch.Url(url),
                "DELETE" => s.Delete.Url(url),
                _ => s.Get.Url(url)
            };
            s.ConfigureHttpContext(http =>
            {
                if (body is not null)
                {
                    http.Request.Body = new MemoryStream(body);
                    http.Request.ContentLength = body.Length;
                    if (contentType is not null) http.Request.ContentType = contentType;
                }
                if (auth is not null) http.Request.Headers.Authorization = $"Bearer {auth}";
                if (ifMatch is not null) http.Request.Headers.IfMatch = ifMatch;
                if (idempotencyKey is not null) http.Request.Headers["Idempotency-Key"] = idempotencyKey;
            });
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        Check(new Answer(method, url, result.Context.Response.StatusCode, result.Context.Response.ContentType, text));
        JsonNode? json = null;
        try { json = text.Length == 0 ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { }
        return (result.Context.Response.StatusCode, json, result);
    }

    private sealed record Answer(string Method, string Path, int Status, string? ContentType, string Body);

    private void Check(Answer answer)
    {
        _checked++;
        var route = _contract.RouteOf(answer.Method, answer.Path);
        if (route is not null)
        {
            var name = $"{answer.Method} {route}";
            if (!_answered.TryGetValue(name, out var statuses)) _answered[name] = statuses = [];
            statuses.Add(answer.Status);
        }
        _violations.AddRange(_contract.Check(answer.Method, answer.Path, answer.Status, answer.ContentType, answer.Body));
    }

    private static JsonObject Without(JsonObject body, string property)
    {
        body.Remove(property);
        return body;
    }

    private static JsonObject WithNull(JsonObject body, string property)
    {
        body[property] = null;
        return body;
    }
}
