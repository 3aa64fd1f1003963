using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Meetings;

public class adding_notes(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> MeetingHeldOn(DateOnly day) => await Host.Meeting(day, await Host.Organization("Ministry of Commerce"));

    [Fact]
    public async Task notes_are_added_in_order_and_each_write_moves_the_version()
    {
        var meeting = await MeetingHeldOn(new DateOnly(2026, 11, 1));

        Assert.Equal(meeting, (await Host.PostJson($"/api/meetings/{meeting}/notes",
            new { text = " Minister asked for a written brief. ", notedOn = "2026-11-02" })).ShouldBeWritten(200, 2));
        (await Host.PostJson($"/api/meetings/{meeting}/notes", new { text = "Brief sent" })).ShouldBeWritten(200, 3);

        var notes = (await Host.GetOk($"/api/meetings/{meeting}"))["notes"]!.AsArray();
        Assert.Equal(["Minister asked for a written brief.", "Brief sent"], notes.Select(n => n!.Text("text")));
        Assert.Equal(["2026-11-02", "2026-11-24"], notes.Select(n => n!.Text("notedOn")));
        Assert.NotEqual(notes[0]!["id"]!.GetValue<Guid>(), notes[1]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task a_note_may_be_dated_the_day_of_the_meeting_but_not_before()
    {
        var meeting = await MeetingHeldOn(new DateOnly(2026, 11, 1));

        Assert.Equal(["must not be before the meeting (2026-11-01)"],
            await Host.PostRejectingField($"/api/meetings/{meeting}/notes", new { text = "x", notedOn = "2026-10-31" }, "notedOn"));
        (await Host.PostJson($"/api/meetings/{meeting}/notes", new { text = "x", notedOn = "2026-11-01" })).ShouldBeWritten(200, 2);
    }

    [Fact]
    public async Task a_note_cannot_be_dated_in_the_future()
    {
        var meeting = await MeetingHeldOn(new DateOnly(2026, 11, 1));

        await Host.PostRejectingField($"/api/meetings/{meeting}/notes", new { text = "x", notedOn = "2026-11-25" }, "notedOn");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public async Task a_note_needs_text(string? text)
    {
        var meeting = await MeetingHeldOn(new DateOnly(2026, 11, 1));

        Assert.Equal(["is required"], await Host.PostRejectingField($"/api/meetings/{meeting}/notes", new { text }, "text"));
    }

    [Fact]
    public async Task a_note_is_at_most_ten_thousand_characters()
    {
        var meeting = await MeetingHeldOn(new DateOnly(2026, 11, 1));

        await Host.PostRejectingField($"/api/meetings/{meeting}/notes", new { text = new string('n', Limits.Note + 1) }, "text");
        (await Host.PostJson($"/api/meetings/{meeting}/notes", new { text = new string('n', Limits.Note) })).ShouldBeWritten(200, 2);
    }

    [Fact]
    public async Task a_note_on_an_unknown_meeting_is_a_404()
    {
        var id = Guid.NewGuid();

        var problem = await Host.PostRefused($"/api/meetings/{id}/notes", new { text = "x" }, 404);

        Assert.Equal($"No meeting with id {id}.", problem.Text("detail"));
    }
}
