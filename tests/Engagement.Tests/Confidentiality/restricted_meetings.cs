using System.Text.Json.Nodes;
using Engagement.Tests.Support;
using Engagement.Tests.Work;

namespace Engagement.Tests.Confidentiality;

/// <summary>
/// The heart of confidentiality: a restricted meeting's content, and a restricted note's, reaches no answer of any read
/// route for a staff user it does not list, while the users it lists see all of it and the figures count it alike.
/// </summary>
public class restricted_meetings(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    /// <summary>Lower-case letters only, so full-text search finds it as one word and no encoding changes it.</summary>
    private static string Marker() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)));

    private sealed record Recorded(SignedInUser Alice, SignedInUser Bob, Guid Ministry, Guid Member, Guid Person, Guid Meeting,
        Guid Ask, Guid Commitment, Guid OtherMeeting, Guid Note, string Secret, string NoteSecret, string[] Feeds);

    /// <summary>
    /// A meeting whose every text carries <c>Secret</c>, with an ask and a commitment (Bob responsible, so they are on his
    /// work and in his calendar), restricted by Alice; and another meeting whose one note, carrying <c>NoteSecret</c>, is.
    /// </summary>
    private async Task<Recorded> RecordAsync()
    {
        var secret = Marker();
        var noteSecret = Marker();
        var alice = await Host.ActiveUser("Alice Cleared");
        var bob = await Host.ActiveUser("Bob Uncleared");
        var ministry = await Host.Organization("Ministry of Trade");
        var member = await Host.Organization("Member Works", "member");
        var person = await Host.Person("Deputy Minister", ministry, "Deputy Minister");

        var meeting = (await Host.PostOk("/api/meetings", new
        {
            title = $"Briefing {secret}", heldOn = Today.AddDays(-4), location = $"Room {secret}", organizationIds = new[] { ministry, member },
            participantIds = new[] { person }, topics = new[] { $"topic{secret}" }, summary = $"Summary {secret}",
            sourceUrl = $"https://example.org/{secret}"
        }))["id"]!.GetValue<Guid>();
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = $"Note {secret}" });
        var ask = (await Host.PostOk($"/api/meetings/{meeting}/suggestions",
            new { raisedById = member, addressedToId = ministry, topic = $"asktopic{secret}", text = $"Ask {secret}" }))["id"]!.GetValue<Guid>();
        await Host.PostOk($"/api/suggestions/{ask}/responses", new { text = $"Response {secret}" });
        var commitment = (await Host.PostOk($"/api/meetings/{meeting}/commitments",
            new { ownerId = ministry, description = $"Promise {secret}", dueOn = Today.AddDays(3), suggestionId = ask }))["id"]!.GetValue<Guid>();
        await Host.PostOk($"/api/commitments/{commitment}/progress", new { note = $"Progress {secret}" });
        await Host.PostOk($"/api/suggestions/{ask}/responsible", new { responsibleId = bob.Id });
        await Host.PostOk($"/api/commitments/{commitment}/responsible", new { responsibleId = bob.Id });
        await Host.PostOk($"/api/suggestions/{ask}/follow-up", new { followUpOn = Today.AddDays(1) });

        var other = (await Host.PostOk("/api/meetings", new
        {
            title = "Open roundtable", heldOn = Today.AddDays(-2), organizationIds = new[] { ministry }
        }))["id"]!.GetValue<Guid>();
        await Host.PostOk($"/api/meetings/{other}/notes", new { text = "An ordinary note" });
        await Host.PostOk($"/api/meetings/{other}/notes", new { text = $"Confidential {noteSecret}" });
        var note = (await Host.GetOk($"/api/meetings/{other}")).AsObject()["notes"]!.AsArray()[1]!["id"]!.GetValue<Guid>();

        var feeds = new List<string>();
        foreach (object body in new object[] { new { }, new { organizationId = ministry } })
        {
            var (status, created) = await bob.Send(HttpMethod.Post, "/api/me/calendar-feeds", body);
            Assert.True(status == 201, created?.ToJsonString());
            feeds.Add(new Uri(new Uri("http://localhost"), created!.Text("url")).PathAndQuery);
        }

        var (restricted, answer) = await alice.Send(HttpMethod.Put, $"/api/meetings/{meeting}/restriction",
            new { allowedUserIds = Array.Empty<Guid>(), reason = "Legal advice" });
        Assert.True(restricted == 200, answer?.ToJsonString());
        var (noteRestricted, noteAnswer) = await alice.Send(HttpMethod.Put, $"/api/meetings/{other}/notes/{note}/restriction",
            new { allowedUserIds = Array.Empty<Guid>() });
        Assert.True(noteRestricted == 200, noteAnswer?.ToJsonString());
        await Host.SettleAsync();
        return new Recorded(alice, bob, ministry, member, person, meeting, ask, commitment, other, note, secret, noteSecret, [.. feeds]);
    }

    /// <summary>Every GET of the API document, path filled with the ids recorded, in its plain, CSV, asOf and knownAt forms.</summary>
    private async Task<IReadOnlyList<string>> EveryReadAsync(Recorded r)
    {
        var document = await Host.GetOk("/openapi/v1.json");
        var calls = new List<string>();
        foreach (var (route, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is not JsonObject get || route == "/api/live") continue;
            var declared = (get["parameters"] as JsonArray ?? []).Select(p => p!["name"]!.GetValue<string>()).ToHashSet();
            foreach (var path in Paths(route, r))
            {
                var basics = new List<string>();
                if (declared.Contains("organizationId")) basics.Add($"organizationId={r.Member}");
                if (declared.Contains("from")) basics.Add("from=2026-01-01");
                if (declared.Contains("to")) basics.Add("to=2026-12-31");
                if (declared.Contains("quarter")) basics.Add("quarter=2026-Q4");
                if (declared.Contains("status")) basics.Add(route.Contains("asks") ? "status=all" : "status=open,overdue,fulfilled,cancelled");
                List<List<string>> variants = [[]];
                if (declared.Contains("format")) variants.Add(["format=csv"]);
                if (declared.Contains("asOf")) variants.AddRange([["asOf=2026-11-24"], ["asOf=2026-11-24", "format=csv"]]);
                if (declared.Contains("knownAt")) variants.Add([$"knownAt={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"]);
                if (declared.Contains("q")) variants.AddRange([[$"q={r.Secret}"], [$"q={r.NoteSecret}"], ["q=briefing"]]);
                if (declared.Contains("topic")) variants.Add([$"topic=topic{r.Secret}"]);
                if (declared.Contains("organizationId") && route is "/api/meetings") variants.Add([$"organizationId={r.Ministry}"]);
                foreach (var variant in variants)
                {
                    var query = string.Join('&', basics.Concat(variant));
                    calls.Add(query.Length == 0 ? path : $"{path}?{query}");
                }
            }
        }
        calls.AddRange(r.Feeds);
        return calls;
    }

    private static IEnumerable<string> Paths(string route, Recorded r)
    {
        if (!route.Contains('{')) return [route];
        Guid[] ids = route.Split('/')[2] switch
        {
            "meetings" => [r.Meeting, r.OtherMeeting],
            "suggestions" => [r.Ask],
            "commitments" => [r.Commitment],
            "organizations" or "engagement" => [r.Ministry, r.Member],
            "people" => [r.Person],
            "users" => [r.Bob.Id],
            _ => [Guid.NewGuid()]
        };
        return ids.Select(id => route.Replace("{id}", id.ToString()).Replace("{organizationId}", id.ToString()).Replace("{kind}", "meetings"));
    }

    /// <summary>The text of an answer; iCalendar folds long lines, which are unfolded first.</summary>
    private static async Task<(int Status, string Text)> Read(SignedInUser user, string path)
    {
        var response = await user.Browser.Get(path);
        return ((int)response.StatusCode, (await response.Content.ReadAsStringAsync()).Replace("\r\n ", "").Replace("\n ", ""));
    }

    [Fact]
    public async Task no_read_route_shows_restricted_content_to_a_staff_user_it_does_not_list_and_the_listed_user_sees_it()
    {
        var r = await RecordAsync();
        var calls = await EveryReadAsync(r);
        Assert.True(calls.Count > 80, $"only {calls.Count} reads; expected every GET route in several forms");

        var leaks = new List<string>();
        var answered = 0;
        foreach (var call in calls)
        {
            var (status, text) = await Read(r.Bob, call);
            if (status == 200) answered++;
            if (status >= 500) leaks.Add($"{call} answered {status}: {text}");
            if (text.Contains(r.Secret, StringComparison.OrdinalIgnoreCase) || text.Contains(r.NoteSecret, StringComparison.OrdinalIgnoreCase))
                leaks.Add($"{call} ({status}): {text}");
        }
        Assert.True(leaks.Count == 0, "Restricted content reached the uncleared user:\n" + string.Join("\n\n", leaks.Take(10)));
        Assert.True(answered > 60, $"only {answered} reads answered 200");

        // The same routes do carry it to the user the restriction lists, so the walk above looked where it could be.
        string[] cleared =
        [
            $"/api/meetings/{r.Meeting}", $"/api/meetings/{r.Meeting}/history", $"/api/meetings/{r.Meeting}/calendar",
            $"/api/meetings?q={r.Secret}", "/api/meetings?format=csv", "/api/asks?status=all", "/api/asks?status=all&format=csv",
            "/api/commitments?status=open,overdue,fulfilled,cancelled&format=csv", $"/api/suggestions/{r.Ask}", $"/api/suggestions/{r.Ask}/history",
            $"/api/commitments/{r.Commitment}", $"/api/commitments/{r.Commitment}/history", $"/api/organizations/{r.Ministry}/timeline",
            "/api/events", "/api/dashboard", "/api/topics", $"/api/reports/member?organizationId={r.Member}&from=2026-01-01&to=2026-12-31",
            "/api/reports/disclosure?from=2026-01-01&to=2026-12-31&format=csv", "/api/dashboard?asOf=2026-11-24"
        ];
        var missing = new List<string>();
        foreach (var path in cleared)
            if (!(await Read(r.Alice, path)).Text.Contains(r.Secret, StringComparison.OrdinalIgnoreCase)) missing.Add(path);
        Assert.Empty(missing);
        Assert.Contains(r.NoteSecret, (await Read(r.Alice, $"/api/meetings/{r.OtherMeeting}")).Text);

        // Bob's own work and calendar keep the items he is responsible for, without their text.
        var (_, work) = await r.Bob.Get("/api/me/work");
        Assert.Contains(work!["items"]!.AsArray(), i => i!.Text("title") == "Restricted");
        Assert.Contains("SUMMARY:Due: Restricted", (await Read(r.Bob, r.Feeds[0])).Text);
    }

    [Fact]
    public async Task the_uncleared_see_that_the_meeting_took_place_on_its_day_with_its_organisations_and_nothing_else()
    {
        var r = await RecordAsync();

        var (_, seen) = await r.Bob.Get($"/api/meetings/{r.Meeting}");
        var view = seen!;
        Assert.Equal("Restricted meeting", view.Text("title"));
        Assert.Equal("2026-11-20", view.Text("heldOn"));
        Assert.True(view["restricted"]!.GetValue<bool>());
        Assert.Equal(["Alice Cleared"], view["restriction"]!["allowedUsers"]!.AsArray().Select(u => u!.Text("name")));
        Assert.Equal("Legal advice", view["restriction"]!.Text("reason"));
        Assert.Equal(["Ministry of Trade", "Member Works"], view["organizations"]!.AsArray().Select(o => o!.Text("name")));
        Assert.Empty(view["participants"]!.AsArray());
        Assert.Empty(view["notes"]!.AsArray());
        Assert.Null(view["summary"]);
        Assert.Single(view["suggestions"]!.AsArray());

        var (_, full) = await r.Alice.Get($"/api/meetings/{r.Meeting}");
        var whole = full!;
        Assert.Equal($"Briefing {r.Secret}", whole.Text("title"));
        Assert.Equal(["Alice Cleared"], whole["restriction"]!["allowedUsers"]!.AsArray().Select(u => u!.Text("name")));

        var (_, other) = await r.Bob.Get($"/api/meetings/{r.OtherMeeting}");
        var open = other!;
        Assert.Equal("Open roundtable", open.Text("title"));
        Assert.False(open["restricted"]!.GetValue<bool>());
        Assert.Equal(["An ordinary note", "Restricted"], open["notes"]!.AsArray().Select(n => n!.Text("text")));

        var (_, listed) = await r.Bob.Get("/api/meetings");
        Assert.Equal(["Open roundtable", "Restricted meeting"], listed!["items"]!.AsArray().Select(m => m!.Text("title")));
        var (_, found) = await r.Bob.Get($"/api/meetings?q={r.Secret}");
        Assert.Equal(0, found!["total"]!.GetValue<int>());
        var (_, foundByAlice) = await r.Alice.Get($"/api/meetings?q={r.Secret}");
        Assert.Equal(1, foundByAlice!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task figures_count_a_restricted_meeting_for_everyone_alike()
    {
        var r = await RecordAsync();
        foreach (var path in new[] { "/api/dashboard", "/api/engagement", $"/api/engagement/{r.Ministry}", "/api/reports/board-pack?quarter=2026-Q4" })
        {
            var (_, bob) = await r.Bob.Get(path);
            var (_, alice) = await r.Alice.Get(path);
            foreach (var figure in new[] { "headline", "meetingsPerMonth", "commitments", "items", "stakeholder", "figures", "remindersDue" })
                if (alice![figure] is { } expected) Assert.Equal(expected.ToJsonString(), bob![figure]!.ToJsonString());
        }
        var (_, dashboard) = await r.Bob.Get("/api/dashboard");
        Assert.Equal(2, dashboard!["meetingsPerMonth"]!.AsArray().Sum(m => m!["meetings"]!.GetValue<int>()));
    }

    [Fact]
    public async Task marking_changing_and_lifting_are_events_in_the_meetings_history()
    {
        var r = await RecordAsync();
        var (changed, _) = await r.Alice.Send(HttpMethod.Put, $"/api/meetings/{r.Meeting}/restriction", new { allowedUserIds = new[] { r.Bob.Id } });
        Assert.Equal(200, changed);
        var (_, now) = await r.Bob.Get($"/api/meetings/{r.Meeting}");
        Assert.Equal($"Briefing {r.Secret}", now!.Text("title"));

        var (lifted, _) = await r.Bob.Send(HttpMethod.Delete, $"/api/meetings/{r.Meeting}/restriction");
        Assert.Equal(200, lifted);
        var (_, history) = await r.Alice.Get($"/api/meetings/{r.Meeting}/history");
        Assert.Equal(["meeting_restricted", "meeting_restriction_changed", "meeting_restriction_lifted"],
            history!.AsArray().Select(e => e!.Text("type")).Where(t => t.Contains("restrict")));
        var (_, lifted2, _) = await Host.GetJson($"/api/meetings/{r.Meeting}");
        Assert.False(lifted2!["restricted"]!.GetValue<bool>());
        // Each is a change to the meeting: its version (the ETag forms send with If-Match) counts them.
        Assert.Equal(history.AsArray().Count, lifted2["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task only_a_listed_user_or_an_administrator_may_change_a_restriction()
    {
        var r = await RecordAsync();
        var before = await EventCount();

        var (status, problem) = await r.Bob.Send(HttpMethod.Put, $"/api/meetings/{r.Meeting}/restriction", new { allowedUserIds = new[] { r.Bob.Id } });
        Assert.True(status == 403, problem?.ToJsonString());
        Assert.Equal(403, (await r.Bob.Send(HttpMethod.Delete, $"/api/meetings/{r.Meeting}/restriction")).Status);
        Assert.Equal(403, (await r.Bob.Send(HttpMethod.Delete, $"/api/meetings/{r.OtherMeeting}/notes/{r.Note}/restriction")).Status);
        Assert.Equal(before, await EventCount());

        // An administrator (here the bootstrap key) is never listed, yet can always lift one, so none is ever orphaned.
        var (_, hidden, _) = await Host.GetJson($"/api/meetings/{r.Meeting}");
        Assert.Equal("Restricted meeting", hidden!.Text("title"));
        await Host.Scenario(s => { s.Delete.Url($"/api/meetings/{r.Meeting}/restriction"); s.StatusCodeShouldBe(200); });
        Assert.Equal(409, (await r.Alice.Send(HttpMethod.Delete, $"/api/meetings/{r.Meeting}/restriction")).Status);
    }

    [Fact]
    public async Task unknown_deactivated_and_viewer_users_are_refused_by_field()
    {
        var r = await RecordAsync();
        var viewer = await Host.ActiveUser("Vera Viewer", "viewer");
        var gone = await Host.ActiveUser("Gone Staff");
        await Host.PostOk($"/api/users/{gone.Id}/deactivation", new { });
        var before = await EventCount();

        var (status, problem) = await r.Alice.Send(HttpMethod.Put, $"/api/meetings/{r.Meeting}/restriction",
            new { allowedUserIds = new[] { Guid.NewGuid(), gone.Id, viewer.Id } });
        Assert.True(status == 400, problem?.ToJsonString());
        Assert.Equal(["allowedUserIds[0]", "allowedUserIds[1]", "allowedUserIds[2]"],
            problem!["errors"]!.AsObject().Select(e => e.Key).Order());
        var (missing, body) = await r.Alice.Send(HttpMethod.Put, $"/api/meetings/{r.OtherMeeting}/restriction", new { reason = "no list" });
        Assert.True(missing == 400, body?.ToJsonString());
        Assert.NotNull(body!["errors"]!["allowedUserIds"]);
        Assert.Equal(before, await EventCount());
    }
}
