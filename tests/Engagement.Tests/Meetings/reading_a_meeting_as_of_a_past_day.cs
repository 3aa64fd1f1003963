using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.Meetings;

public class reading_a_meeting_as_of_a_past_day(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task as_of_a_past_day_a_meeting_shows_only_the_notes_asks_and_commitments_dated_by_then()
    {
        var ministry = await Host.Organization("Ministry");
        var member = await Host.Organization("Member", "member");
        var meeting = await Host.Meeting(new DateOnly(2023, 7, 14), ministry, member);
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "Early note", notedOn = new DateOnly(2023, 7, 15) });
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "Late note", notedOn = new DateOnly(2024, 2, 1) });
        var ask = await Host.Suggestion(meeting, member, ministry);
        var commitment = await Host.Commitment(meeting, ministry, new DateOnly(2023, 8, 1), ask);
        await Host.PostOk($"/api/commitments/{commitment}/fulfilment", new { fulfilledOn = new DateOnly(2023, 9, 1) });

        var live = await Host.GetOk($"/api/meetings/{meeting}");
        Assert.Equal(["Early note", "Late note"], Texts(live["notes"], "text"));
        Assert.Equal("fulfilled", live["commitments"]![0]!["status"]!.GetValue<string>());

        var august = await Host.GetOk($"/api/meetings/{meeting}?asOf=2023-08-15");
        Assert.Equal(["Early note"], Texts(august["notes"], "text"));
        Assert.Equal([ask], august["suggestions"]!.AsArray().Select(s => s!["id"]!.GetValue<Guid>()));
        Assert.Equal("open", august["commitments"]![0]!["status"]!.GetValue<string>());
        Assert.True(august["commitments"]![0]!["overdue"]!.GetValue<bool>(), "due on 2023-08-01 and open on 2023-08-15");
        Assert.Equal("Ministry", august["organizations"]![0]!["name"]!.GetValue<string>());

        // Before the meeting was held there was no meeting; before anything was recorded neither.
        (await Host.GetJson($"/api/meetings/{meeting}?asOf=2023-07-01")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/meetings/{meeting}?knownAt=2000-01-01T00:00:00Z")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/meetings/{meeting}?asOf=2023-13-01")).ShouldRejectField("asOf");
    }

    [Fact]
    public async Task as_of_a_past_day_an_ask_and_a_commitment_stand_as_they_did_then()
    {
        var ministry = await Host.Organization("Ministry");
        var member = await Host.Organization("Member", "member");
        var meeting = await Host.Meeting(new DateOnly(2023, 7, 14), ministry, member);
        var ask = await Host.Suggestion(meeting, member, ministry);
        await Host.PostOk($"/api/suggestions/{ask}/responses", new { text = "Considering it", respondedOn = new DateOnly(2023, 9, 1) });
        var commitment = await Host.Commitment(meeting, ministry, new DateOnly(2023, 8, 1), ask);
        await Host.PostOk($"/api/commitments/{commitment}/fulfilment", new { fulfilledOn = new DateOnly(2023, 9, 1) });

        Assert.Equal("answered", (await Host.GetOk($"/api/suggestions/{ask}"))["status"]!.GetValue<string>());
        var august = await Host.GetOk($"/api/suggestions/{ask}?asOf=2023-08-15");
        Assert.Equal("open", august["status"]!.GetValue<string>());
        Assert.Empty(august["responses"]!.AsArray());

        Assert.Equal("fulfilled", (await Host.GetOk($"/api/commitments/{commitment}"))["status"]!.GetValue<string>());
        var then = await Host.GetOk($"/api/commitments/{commitment}?asOf=2023-08-15");
        Assert.Equal(("open", true), (then["status"]!.GetValue<string>(), then["overdue"]!.GetValue<bool>()));

        (await Host.GetJson($"/api/suggestions/{ask}?asOf=2023-07-01")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/commitments/{commitment}?knownAt=2000-01-01T00:00:00Z")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/commitments/{commitment}?asOf=tomorrow")).ShouldRejectField("asOf");
    }

    private static string[] Texts(JsonNode? list, string property) => [.. list!.AsArray().Select(n => n![property]!.GetValue<string>())];
}
