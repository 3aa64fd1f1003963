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

    private static string[] Texts(JsonNode? list, string property) => [.. list!.AsArray().Select(n => n![property]!.GetValue<string>())];
}
