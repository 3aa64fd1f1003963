using System.Text.Json.Nodes;
using Alba;
using Engagement.Tests.Support;
using Xunit.Abstractions;

namespace Engagement.Tests.Security;

/// <summary>
/// Every write operation of the OpenAPI document, sent hostile bodies, content types and ids: each is refused with a
/// 4xx problem and appends nothing, or, where the input is legitimate text (markup, SQL, one character), is accepted and
/// stored verbatim, and read back JSON-escaped.
/// </summary>
public class hostile_input(AppFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    private const int MinimumRequests = 2200;
    private const int MinimumRoundTrips = 100;

    private readonly List<string> _failures = [];
    private readonly SortedDictionary<int, int> _statuses = [];
    private int _requests, _serverErrors, _rejected, _accepted, _roundTrips;
    private long _events;
    private World _world = null!;

    [Fact]
    public async Task every_write_operation_refuses_hostile_input_with_a_problem_and_appends_nothing()
    {
        var document = await Host.GetOk("/openapi/v1.json");
        var schemas = document["components"]?["schemas"]?.AsObject();
        var operations = Operation.WritesOf(document);
        Assert.True(operations.Count >= 17, $"expected every write operation in the document, found {operations.Count}");

        _world = await World.Create(Host, Clock.Today);
        _events = await RequestedEvents();
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var operation in operations)
            await Attack(operation, new HostileRequests(operation, schemas, _world.Reference, Clock.Today));

        output.WriteLine($"hostile input: {_requests} requests, {_serverErrors} server errors, {_rejected} rejected, " +
                         $"{_accepted} accepted ({_roundTrips} stored verbatim and read back escaped) in {started.Elapsed.TotalSeconds:0.0} s " +
                         $"over {operations.Count} write operations; statuses " + string.Join(", ", _statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(_failures.Count == 0, $"{_failures.Count} hostile requests were mishandled:\n" + string.Join('\n', _failures.Take(60)));
        Assert.True(_requests >= MinimumRequests, $"only {_requests} hostile requests were sent; the suite shrank");
        Assert.True(_roundTrips >= MinimumRoundTrips, $"only {_roundTrips} accepted texts were read back; the suite shrank");
    }

    [Fact]
    public async Task every_query_parameter_answers_hostile_values_with_json_or_a_problem()
    {
        var document = await Host.GetOk("/openapi/v1.json");
        string[] values = ["", "%00", "a%00b", "%1B%5B31m", "%ED%A0%80", "%C3%28", Uri.EscapeDataString(HostileRequests.Sql),
            Uri.EscapeDataString(HostileRequests.Script), "%25", "_", new string('a', 10_000), "not-a-guid", "superuser", "government,other",
            Guid.NewGuid().ToString(), "1;DROP TABLE mt_events", "%22%27%5C"];
        var failures = new List<string>();
        var sent = 0;
        foreach (var (route, item) in document["paths"]!.AsObject())
        foreach (var parameter in item!["get"]?["parameters"]?.AsArray() ?? [])
        {
            if (parameter!["in"]!.GetValue<string>() != "query") continue;
            var path = route.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            foreach (var value in values)
            {
                sent++;
                var url = $"{path}?{parameter["name"]}={value}";
                var result = await Host.Scenario(s => { s.Get.Url(url); s.IgnoreStatusCode(); });
                var status = result.Context.Response.StatusCode;
                var type = result.Context.Response.ContentType?.Split(';')[0];
                if (!(status == 200 && type == "application/json" || status is >= 400 and < 500 && type == "application/problem+json"))
                    failures.Add($"GET {Shorten(url)} answered {status} {type}: {Shorten(await result.ReadAsTextAsync())}");
            }
        }

        output.WriteLine($"hostile query values: {sent} requests, {failures.Count} mishandled");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(sent >= 60, $"only {sent} query requests were sent");
        Assert.Equal(0, await EventCount());
    }

    private async Task Attack(Operation operation, HostileRequests hostile)
    {
        var target = await NewTarget(operation.Route);
        var baseline = operation.Schema is null ? null : System.Text.Encoding.UTF8.GetBytes(hostile.Baseline().ToJsonString());
        // A delivery retry names a delivery the suite cannot make, and a rebuild a projection it must not rebuild behind the
        // other tests' backs: every request to them names none that exists and must be refused (404).
        var noSuchDelivery = operation.Route.Contains("{webhookId}", StringComparison.Ordinal) || operation.Route.Contains("{name}", StringComparison.Ordinal);
        var valid = Operation.FileBody(operation.Route) is { } file
            ? new Variant("a valid file", file.Bytes, Expect.Accepted, file.ContentType)
            : new Variant(noSuchDelivery ? "a valid request for no delivery" : "a valid body", baseline,
                noSuchDelivery ? Expect.Rejected : Expect.Accepted, baseline is null ? null : "application/json");
        if (!await Check(operation, valid, target) && !noSuchDelivery) return;
        target = await NewTarget(operation.Route);

        foreach (var variant in hostile.Bodies())
            if (await Check(operation, variant, target))
                target = await NewTarget(operation.Route);

        if (!operation.HasPathId) return;
        foreach (var id in new[] { Guid.NewGuid().ToString(), "1;DROP TABLE mt_events", "not-a-guid", Guid.Empty.ToString(),
                     _world.AnotherKindThan(operation.Route).ToString(), Guid.NewGuid() + "0", "..%2F..%2Fapi%2Fkeys", new string('9', 5000) })
        {
            var body = operation.Schema is null ? null : System.Text.Encoding.UTF8.GetBytes(hostile.Baseline().ToJsonString());
            await Check(operation, new Variant($"path id {Shorten(id)}", body, Expect.Rejected, body is null ? null : "application/json",
                PathId: id), target);
            if (operation.Schema is null) continue;
            foreach (var malformed in new[] { "null", "[]", "{", "" })
                await Check(operation, new Variant($"path id {Shorten(id)} and body '{malformed}'", System.Text.Encoding.UTF8.GetBytes(malformed),
                    Expect.Rejected, PathId: id), target);
        }
    }

    private async Task<Guid?> NewTarget(string route)
    {
        var target = await _world.Target(route);
        _events = await RequestedEvents();
        return target;
    }

    /// <summary>Sends one variant and records what is wrong with the answer; true when it was accepted.</summary>
    private async Task<bool> Check(Operation operation, Variant variant, Guid? target)
    {
        var id = variant.PathId is { } given ? (given.Contains('%') ? given : Uri.EscapeDataString(given)) : target?.ToString();
        var url = operation.Route.Replace("{id}", id, StringComparison.Ordinal).Replace("{noteId}", World.NoteOf(target), StringComparison.Ordinal)
            .Replace("{webhookId}", "msg_hostile", StringComparison.Ordinal)
            .Replace("{name}", "NoSuchProjection", StringComparison.Ordinal).Replace("{kind}", Operation.UploadKind, StringComparison.Ordinal);
        var what = $"{operation.Name} with {variant.Name}";
        IScenarioResult result;
        try
        {
            _requests++;
            result = await Host.Scenario(s =>
            {
                _ = operation.Method switch
                {
                    "POST" => s.Post.Url(url),
                    "PUT" => s.Put.Url(url),
                    "PATCH" => s.Patch.Url(url),
                    _ => s.Delete.Url(url)
                };
                s.ConfigureHttpContext(http =>
                {
                    if (variant.Body is { } body)
                    {
                        http.Request.Body = new MemoryStream(body);
                        http.Request.ContentLength = body.Length;
                    }
                    if (variant.ContentType is { } type) http.Request.ContentType = type;
                    if (variant.IdempotencyKey is { } key) http.Request.Headers["Idempotency-Key"] = key;
                });
                s.IgnoreStatusCode();
            });
        }
        catch (Exception e)
        {
            _serverErrors++;
            _failures.Add($"{what}: threw {e.GetType().Name}: {Shorten(e.Message)}");
            return false;
        }

        var status = result.Context.Response.StatusCode;
        _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        var contentType = result.Context.Response.ContentType?.Split(';')[0];
        var text = await result.ReadAsTextAsync();
        var before = _events;
        _events = await RequestedEvents();

        if (status >= 500) _serverErrors++;
        if (status is >= 200 and < 300)
        {
            _accepted++;
            if (variant.Expect == Expect.Rejected) _failures.Add($"{what}: accepted ({status}) {Shorten(text)}");
            else if (_events <= before && !RecordsNoEvent(operation)) _failures.Add($"{what}: accepted ({status}) but appended nothing");
            else if (variant.RoundTrip is { } expected) await ReadBack(what, text, expected);
            return true;
        }

        if (variant.Expect == Expect.Accepted) _failures.Add($"{what}: refused ({status}) though it must be accepted: {Shorten(text)}");
        else if (status is < 400 or >= 500) _failures.Add($"{what}: answered {status} {Shorten(text)}");
        else if (contentType != "application/problem+json") _failures.Add($"{what}: answered {status} as {contentType ?? "(no content type)"}");
        else if (_events != before) _failures.Add($"{what}: refused ({status}) but the store went from {before} to {_events} events");
        else if (variant.Expect == Expect.MayBeAccepted && !NamesField(text, variant.Field!))
            _failures.Add($"{what}: refused ({status}) without naming '{variant.Field}': {Shorten(text)}");
        else _rejected++;
        return false;
    }

    private static bool NamesField(string problem, string field)
    {
        if (JsonNode.Parse(problem)?["errors"] is not JsonObject errors) return false;
        return field.Length == 0 || errors.Any(e => e.Key == field || e.Key.StartsWith(field + "[", StringComparison.Ordinal));
    }

    /// <summary>The accepted text is in the stream's history exactly as sent, and the JSON carries no raw markup.</summary>
    private async Task ReadBack(string what, string written, string expected)
    {
        var id = JsonNode.Parse(written)!["id"]!.GetValue<Guid>();
        await using var session = Fixture.Store.QuerySession();
        var stream = await session.Events.FetchStreamStateAsync(id);
        var url = stream?.AggregateType?.Name switch
        {
            "ApiKey" => "/api/keys",
            "Person" => $"/api/people/{id}/history",
            { } type => $"/api/{type.ToLowerInvariant()}s/{id}/history",
            null => null
        };
        if (url is null) { _failures.Add($"{what}: no stream {id} after the write"); return; }

        var read = await Host.Scenario(s => { s.Get.Url(url); s.IgnoreStatusCode(); });
        var text = await read.ReadAsTextAsync();
        if (read.Context.Response.StatusCode != 200 || read.Context.Response.ContentType?.StartsWith("application/json") != true)
            _failures.Add($"{what}: GET {url} answered {read.Context.Response.StatusCode} {read.Context.Response.ContentType}");
        else if (text.IndexOfAny(['<', '>']) >= 0)
            _failures.Add($"{what}: GET {url} returned markup unescaped: {Shorten(text)}");
        else if (!Strings(JsonNode.Parse(text)).Contains(expected))
            _failures.Add($"{what}: GET {url} does not return '{expected}' verbatim: {Shorten(text)}");
        else _roundTrips++;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => []
    };

    /// <summary>Replays and retries queue deliveries of events already recorded; they are not facts of their own.</summary>
    // An import's upload is a preview, and the commit of the world's import matches what is there: neither appends.
    private static bool RecordsNoEvent(Operation operation) =>
        operation.Route.EndsWith("/replay", StringComparison.Ordinal) || operation.Route.EndsWith("/retry", StringComparison.Ordinal)
        || operation.Route.StartsWith("/api/imports/", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>The streams hostile requests aim at: fresh ones on demand, since an accepted write may change what is allowed next.</summary>
    internal sealed class World(IAlbaHost host, DateOnly today)
    {
        private Guid _government, _member, _person, _meeting, _suggestion, _staffUser, _otherStaffUser;
        private int _keys;

        public static async Task<World> Create(IAlbaHost host, DateOnly today)
        {
            var world = new World(host, today);
            world._government = await host.Organization("Hostile Ministry", "government");
            world._member = await host.Organization("Hostile Member", "member");
            world._person = await host.Person("Hostile Person", world._government);
            world._meeting = await world.NewMeeting();
            world._suggestion = await host.Suggestion(world._meeting, world._member, world._government);
            world._staffUser = (await Engagement.Tests.Work.WorkScenarios.ActiveUser(host, "Hostile Staff")).Id;
            world._otherStaffUser = (await Engagement.Tests.Work.WorkScenarios.ActiveUser(host, "Other Staff")).Id;
            return world;
        }

        public JsonNode Reference(string property) => property switch
        {
            // The survivor of a merge: the fresh target organisation, a government body too, is merged into it.
            "organizationId" or "ownerId" or "addressedToId" or "survivorId" => _government.ToString(),
            "raisedById" => _member.ToString(),
            "suggestionId" => _suggestion.ToString(),
            "responsibleId" => _staffUser.ToString(),
            "organizationIds" => new JsonArray(_government.ToString()),
            "participantIds" or "mentions" => new JsonArray(_person.ToString()),
            "allowedUserIds" => new JsonArray(_staffUser.ToString()),
            HostileRequests.AnotherKind => _meeting.ToString(),
            _ => throw new InvalidOperationException($"The hostile-input suite does not know what '{property}' refers to; add it to World.Reference.")
        };

        public Guid AnotherKindThan(string route) => route.StartsWith("/api/meetings/", StringComparison.Ordinal) ? _government : _meeting;

        /// <summary>A fresh stream that the route's valid body applies to, or null for a route without an id.</summary>
        public async Task<Guid?> Target(string route)
        {
            var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (!route.Contains("{id}", StringComparison.Ordinal)) return null;
            return segments[1] switch
            {
                "organizations" => await host.Organization($"Target {Guid.NewGuid():N}", "government"),
                "people" => await host.Person($"Target Person {Guid.NewGuid():N}", _government, "Target title"),
                "meetings" when route.EndsWith("/restriction", StringComparison.Ordinal) => await RestrictedMeeting(),
                "meetings" => await NewMeeting(),
                "suggestions" when route.EndsWith("/reopening", StringComparison.Ordinal) => await ResolvedSuggestion(),
                // Someone else responsible, and a follow-up planned: both a new value and the removal are changes.
                "suggestions" when route.EndsWith("/responsible", StringComparison.Ordinal) =>
                    await Assigned("suggestions", await host.Suggestion(_meeting, _member, _government)),
                "suggestions" when route.EndsWith("/follow-up", StringComparison.Ordinal) => await WithFollowUp(),
                "suggestions" => await host.Suggestion(_meeting, _member, _government),
                "commitments" when route.EndsWith("/responsible", StringComparison.Ordinal) =>
                    await Assigned("commitments", await host.Commitment(_meeting, _government, today.AddDays(30))),
                "commitments" => await host.Commitment(_meeting, _government, today.AddDays(30)),
                "me" when route.StartsWith("/api/me/calendar-feeds/", StringComparison.Ordinal) =>
                    (await host.PostOk("/api/me/calendar-feeds", new { organizationId = _government }))["id"]!.GetValue<Guid>(),
                "keys" => (await host.PostOk("/api/keys", new { name = $"hostile target {++_keys}", role = "viewer" }))["id"]!.GetValue<Guid>(),
                "users" when route.EndsWith("/reactivation", StringComparison.Ordinal) => await DeactivatedUser(),
                "users" => await User(),
                // A public address literal: the shared host refuses private ones and resolves no names offline.
                "webhooks" when route.EndsWith("/enable", StringComparison.Ordinal) => await DisabledWebhook(),
                "webhooks" => await Webhook(),
                "imports" => await Import(),
                _ => throw new InvalidOperationException($"The hostile-input suite cannot make a target for {route}; add it to World.Target.")
            };
        }

        private async Task<Guid> Assigned(string kind, Guid id)
        {
            await host.PostOk($"/api/{kind}/{id}/responsible", new { responsibleId = _otherStaffUser });
            return id;
        }

        private async Task<Guid> WithFollowUp()
        {
            var id = await host.Suggestion(_meeting, _member, _government);
            await host.PostOk($"/api/suggestions/{id}/follow-up", new { followUpOn = today.AddDays(1) });
            return id;
        }

        /// <summary>A staff user: the valid role change (to the first role, viewer) is a change.</summary>
        private async Task<Guid> User() =>
            (await host.PostOk("/api/users", new { name = "Target user", email = $"target{++_keys}@chamber.example", role = "staff" }))["id"]!.GetValue<Guid>();

        private async Task<Guid> DeactivatedUser()
        {
            var id = await User();
            await host.PostOk($"/api/users/{id}/deactivation", new { });
            return id;
        }

        private async Task<Guid> Webhook() =>
            (await host.PostOk("/api/webhooks", new { url = "https://93.184.215.14/hooks/hostile" }))["id"]!.GetValue<Guid>();

        private async Task<Guid> DisabledWebhook()
        {
            var id = await Webhook();
            await host.PostOk($"/api/webhooks/{id}/disable", new { });
            return id;
        }

        /// <summary>A previewed import whose one row matches the ministry: committing it records nothing.</summary>
        private async Task<Guid> Import()
        {
            var (bytes, type) = Operation.FileBody("/api/imports/{kind}")!.Value;
            var result = await host.Scenario(s =>
            {
                s.Post.ByteArray(bytes).ToUrl($"/api/imports/{Operation.UploadKind}").ContentType(type);
                s.StatusCodeShouldBe(201);
            });
            return System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!["id"]!.GetValue<Guid>();
        }

        private async Task<Guid> NewMeeting() =>
            (await host.PostOk("/api/meetings", new { title = "Target meeting", heldOn = today.AddDays(-30), organizationIds = new[] { _government } }))["id"]!
            .GetValue<Guid>();

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> RestrictedNotes = new();

        /// <summary>The restricted note of a meeting made by <see cref="RestrictedMeeting"/>; for any other id, no note.</summary>
        public static string NoteOf(object? meeting) =>
            meeting is Guid id && RestrictedNotes.TryGetValue(id, out var note) ? note.ToString() : Guid.NewGuid().ToString();

        /// <summary>A meeting restricted to a staff user, with a note restricted too: lifting either, or changing who, is a change.</summary>
        private async Task<Guid> RestrictedMeeting()
        {
            var id = await NewMeeting();
            await host.PostOk($"/api/meetings/{id}/notes", new { text = "Target note" });
            var note = (await host.GetOk($"/api/meetings/{id}"))["notes"]![0]!["id"]!.GetValue<Guid>();
            foreach (var path in new[] { $"/api/meetings/{id}/restriction", $"/api/meetings/{id}/notes/{note}/restriction" })
                await host.Scenario(s =>
                {
                    s.Put.Json(new { allowedUserIds = new[] { _otherStaffUser }, reason = "target" }).ToUrl(path);
                    s.StatusCodeShouldBe(200);
                });
            RestrictedNotes[id] = note;
            return id;
        }

        private async Task<Guid> ResolvedSuggestion()
        {
            var id = await host.Suggestion(_meeting, _member, _government);
            await host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "declined" });
            return id;
        }
    }
}
