using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class stream_history(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<JsonArray> History(string kind, Guid id) => (await Host.GetOk($"/api/{kind}/{id}/history")).AsArray();

    private static string[] Types(JsonArray history) => history.Select(e => e!.Text("type")).ToArray();

    [Fact]
    public async Task an_organisation_history_holds_its_registration()
    {
        Clock.SetToday(new DateOnly(2026, 5, 6));
        var id = await Host.Organization("Ministry of Commerce");

        var registered = Assert.Single(await History("organizations", id))!;

        Assert.Equal("organization_registered", registered.Text("type"));
        Assert.Equal(1, registered["version"]!.GetValue<long>());
        Assert.Equal(id, registered["data"]!["organizationId"]!.GetValue<Guid>());
        Assert.Equal("Ministry of Commerce", registered["data"]!.Text("name"));
        Assert.Equal("government", registered["data"]!.Text("kind"));
        Assert.Equal("2026-05-06", registered["data"]!.Text("registeredOn"));
        Assert.Equal("bootstrap", registered.Text("recordedBy"));
    }

    [Fact]
    public async Task a_person_history_holds_each_post()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 1, 1));
        await Host.PostOk($"/api/people/{id}/posts", new { title = "Vice Minister", organizationId = most, since = "2023-06-01" });

        var history = await History("people", id);

        Assert.Equal(["person_registered", "person_changed_post"], Types(history));
        Assert.Equal("Director", history[0]!["data"]!.Text("title"));
        Assert.Equal("2023-06-01", history[1]!["data"]!.Text("since"));
    }

    [Fact]
    public async Task events_come_oldest_first_with_versions_sequences_and_timestamps_in_order()
    {
        var most = await Host.Organization("Ministry of Commerce");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "first" });
        await Host.Organization("Interleaved");
        await Host.PostOk($"/api/meetings/{meeting}/corrections", new { title = "Better title", reason = "Typo" });
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "second" });

        var history = await History("meetings", meeting);

        Assert.Equal(["meeting_logged", "meeting_note_added", "meeting_corrected", "meeting_note_added"], Types(history));
        Assert.Equal([1L, 2L, 3L, 4L], history.Select(e => e!["version"]!.GetValue<long>()));
        var sequences = history.Select(e => e!["sequence"]!.GetValue<long>()).ToArray();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Length, sequences.Distinct().Count());
        Assert.True(sequences[2] - sequences[1] > 1, "the organisation registered in between has a sequence of its own");
        var timestamps = history.Select(e => e!["timestamp"]!.GetValue<DateTimeOffset>()).ToArray();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.Equal("second", history[3]!["data"]!.Text("text"));
    }

    [Fact]
    public async Task suggestion_and_commitment_histories_hold_their_lifecycle()
    {
        var most = await Host.Organization("Ministry of Commerce");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most, pharma);
        var suggestion = await Host.Suggestion(meeting, pharma, most);
        await Host.PostOk($"/api/suggestions/{suggestion}/responses", new { text = "Studying it" });
        await Host.PostOk($"/api/suggestions/{suggestion}/resolution", new { outcome = "partially-adopted" });
        var commitment = await Host.Commitment(meeting, most, new DateOnly(2026, 12, 1), suggestion);
        await Host.PostOk($"/api/commitments/{commitment}/progress", new { note = "Draft" });
        await Host.PostOk($"/api/commitments/{commitment}/due-date", new { dueOn = "2026-12-15" });
        await Host.PostOk($"/api/commitments/{commitment}/cancellation", new { reason = "Dropped" });

        var suggestionHistory = await History("suggestions", suggestion);
        var commitmentHistory = await History("commitments", commitment);

        Assert.Equal(["suggestion_raised", "suggestion_responded", "suggestion_resolved"], Types(suggestionHistory));
        Assert.Equal("partially-adopted", suggestionHistory[2]!["data"]!.Text("outcome"));
        Assert.Equal(["commitment_made", "commitment_progressed", "commitment_due_date_changed", "commitment_cancelled"],
            Types(commitmentHistory));
        Assert.Equal(suggestion, commitmentHistory[0]!["data"]!["suggestionId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task the_callers_correlation_id_is_recorded_with_the_events_and_echoed()
    {
        var most = await Host.Organization("Ministry of Commerce");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        var response = await Host.PostJson($"/api/meetings/{meeting}/notes", new { text = "Brief sent" },
            s => s.WithRequestHeader("X-Correlation-Id", "crm-sync:2026-11-24.0042"));

        Assert.Equal("crm-sync:2026-11-24.0042", response.Result.Context.Response.Headers["X-Correlation-Id"].ToString());
        var history = await History("meetings", meeting);
        Assert.Equal("crm-sync:2026-11-24.0042", history[1]!.Text("correlationId"));
        Assert.NotEqual("crm-sync:2026-11-24.0042", history[0]!.Text("correlationId"));
    }

    [Theory]
    [InlineData("has spaces")]
    [InlineData("<script>")]
    public async Task an_unsafe_correlation_id_is_replaced_by_the_trace_identifier(string given)
    {
        var most = await Host.Organization("Ministry of Commerce");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        var response = await Host.PostJson($"/api/meetings/{meeting}/notes", new { text = "Brief sent" },
            s => s.WithRequestHeader("X-Correlation-Id", given));

        var echoed = response.Result.Context.Response.Headers["X-Correlation-Id"].ToString();
        Assert.Equal(response.Result.Context.TraceIdentifier, echoed);
        Assert.Equal(echoed, (await History("meetings", meeting))[1]!.Text("correlationId"));
    }

    [Fact]
    public async Task each_request_without_a_correlation_id_gets_its_own()
    {
        var most = await Host.Organization("Ministry of Commerce");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "one" });

        var history = await History("meetings", meeting);

        Assert.False(string.IsNullOrEmpty(history[0]!.Text("correlationId")));
        Assert.NotEqual(history[0]!.Text("correlationId"), history[1]!.Text("correlationId"));
    }

    public static TheoryData<string, string> OtherKinds => new()
    {
        { "organizations", "person" }, { "people", "organization" }, { "meetings", "suggestion" }, { "suggestions", "commitment" },
        { "commitments", "meeting" }
    };

    [Theory, MemberData(nameof(OtherKinds))]
    public async Task the_history_of_another_kind_of_record_is_a_404(string kind, string actually)
    {
        var most = await Host.Organization("Ministry of Commerce");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most, pharma);
        var id = actually switch
        {
            "person" => await Host.Person("Vice Minister A", most),
            "organization" => most,
            "suggestion" => await Host.Suggestion(meeting, pharma, most),
            "commitment" => await Host.Commitment(meeting, most),
            _ => meeting
        };

        (await Host.GetJson($"/api/{kind}/{id}/history")).ShouldBeProblem(404);
    }
}
