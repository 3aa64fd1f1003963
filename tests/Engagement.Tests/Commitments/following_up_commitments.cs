using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Commitments;

public class following_up_commitments(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> MadeOn(DateOnly day, DateOnly? dueOn = null)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        return await Host.Commitment(await Host.Meeting(day, most), most, dueOn);
    }

    private static object BodyFor(string change) => change switch
    {
        "progress" => new { note = "More" },
        "due-date" => new { dueOn = "2027-01-01" },
        "fulfilment" => new { note = "Done" },
        _ => new { reason = "Dropped" }
    };

    [Fact]
    public async Task progress_notes_accumulate_in_order()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1));

        Assert.Equal(id, (await Host.PostJson($"/api/commitments/{id}/progress", new { note = " Draft written ", notedOn = "2026-11-10" }))
            .ShouldBeWritten(200, 2));
        (await Host.PostJson($"/api/commitments/{id}/progress", new { note = "Sent to legal" })).ShouldBeWritten(200, 3);

        var commitment = await Host.GetOk($"/api/commitments/{id}");
        Assert.Equal([("Draft written", "2026-11-10"), ("Sent to legal", "2026-11-24")],
            commitment["progress"]!.AsArray().Select(p => (p!.Text("note"), p!.Text("notedOn"))));
        Assert.Equal("open", commitment.Text("status"));
        Assert.Equal("2026-11-24", commitment.Text("lastActivityOn"));
    }

    [Fact]
    public async Task progress_needs_a_note_dated_between_the_meeting_and_today()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1));
        var url = $"/api/commitments/{id}/progress";

        Assert.Equal(["is required"], await Host.PostRejectingField(url, new { notedOn = "2026-11-10" }, "note"));
        await Host.PostRejectingField(url, new { note = new string('n', Limits.Note + 1) }, "note");
        Assert.Equal(["must not be before the commitment was made (2026-11-01)"],
            await Host.PostRejectingField(url, new { note = "x", notedOn = "2026-10-31" }, "notedOn"));
        await Host.PostRejectingField(url, new { note = "x", notedOn = "2026-11-25" }, "notedOn");
    }

    [Fact]
    public async Task a_new_due_date_is_recorded_with_the_previous_one_and_the_reason()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20));

        (await Host.PostJson($"/api/commitments/{id}/due-date", new { dueOn = "2027-01-31", reason = " Legal review " })).ShouldBeWritten(200, 2);

        var commitment = await Host.GetOk($"/api/commitments/{id}");
        Assert.Equal("2027-01-31", commitment.Text("dueOn"));
        Assert.False(commitment["overdue"]!.GetValue<bool>());
        var changed = (await Host.GetOk($"/api/commitments/{id}/history")).AsArray()[1]!;
        Assert.Equal("commitment_due_date_changed", changed.Text("type"));
        Assert.Equal(("2027-01-31", "2026-11-20", "Legal review", "2026-11-24"),
            (changed["data"]!.Text("dueOn"), changed["data"]!.Text("previousDueOn"), changed["data"]!.Text("reason"),
                changed["data"]!.Text("changedOn")));
    }

    [Fact]
    public async Task a_due_date_can_be_set_where_there_was_none_without_a_reason()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1));

        (await Host.PostJson($"/api/commitments/{id}/due-date", new { dueOn = "2026-12-15" })).ShouldBeWritten(200, 2);

        Assert.Equal("2026-12-15", (await Host.GetOk($"/api/commitments/{id}")).Text("dueOn"));
    }

    [Fact]
    public async Task the_same_due_date_again_is_a_conflict()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20));

        var problem = await Host.PostRefused($"/api/commitments/{id}/due-date", new { dueOn = "2026-11-20" }, 409);

        Assert.Equal("The commitment is already due on 2026-11-20.", problem.Text("detail"));
    }

    [Fact]
    public async Task a_due_date_is_required_and_not_before_the_meeting()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20));

        await Host.PostRejectingField($"/api/commitments/{id}/due-date", new { reason = "r" }, "dueOn");
        Assert.Equal(["must not be before the commitment was made (2026-11-01)"],
            await Host.PostRejectingField($"/api/commitments/{id}/due-date", new { dueOn = "2026-10-31" }, "dueOn"));
        await Host.PostRejectingField($"/api/commitments/{id}/due-date",
            new { dueOn = "2026-12-01", reason = new string('r', Limits.Note + 1) }, "reason");
    }

    [Fact]
    public async Task a_fulfilled_commitment_is_closed_with_its_note_and_day()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10));

        (await Host.PostJson($"/api/commitments/{id}/fulfilment", new { note = " Rules published ", fulfilledOn = "2026-11-20" }))
            .ShouldBeWritten(200, 2);

        var commitment = await Host.GetOk($"/api/commitments/{id}");
        Assert.Equal(("fulfilled", "2026-11-20", "Rules published"),
            (commitment.Text("status"), commitment.Text("closedOn"), commitment.Text("closingNote")));
        Assert.False(commitment["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task fulfilment_needs_nothing_and_is_dated_today()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1));

        await Host.PostOk($"/api/commitments/{id}/fulfilment", new { });

        var commitment = await Host.GetOk($"/api/commitments/{id}");
        Assert.Equal("2026-11-24", commitment.Text("closedOn"));
        Assert.Null(commitment["closingNote"]);
    }

    [Fact]
    public async Task fulfilment_is_dated_between_the_meeting_and_today()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1));

        await Host.PostRejectingField($"/api/commitments/{id}/fulfilment", new { fulfilledOn = "2026-10-31" }, "fulfilledOn");
        await Host.PostRejectingField($"/api/commitments/{id}/fulfilment", new { fulfilledOn = "2026-11-25" }, "fulfilledOn");
        await Host.PostRejectingField($"/api/commitments/{id}/fulfilment", new { note = new string('n', Limits.Note + 1) }, "note");
    }

    [Fact]
    public async Task a_cancelled_commitment_is_closed_with_its_reason()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10));

        (await Host.PostJson($"/api/commitments/{id}/cancellation", new { reason = " Policy changed ", cancelledOn = "2026-11-15" }))
            .ShouldBeWritten(200, 2);

        var commitment = await Host.GetOk($"/api/commitments/{id}");
        Assert.Equal(("cancelled", "2026-11-15", "Policy changed"),
            (commitment.Text("status"), commitment.Text("closedOn"), commitment.Text("closingNote")));
        Assert.False(commitment["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task a_cancellation_needs_a_reason_and_a_day_between_the_meeting_and_today()
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1));
        var url = $"/api/commitments/{id}/cancellation";

        Assert.Equal(["is required"], await Host.PostRejectingField(url, new { cancelledOn = "2026-11-10" }, "reason"));
        await Host.PostRejectingField(url, new { reason = "r", cancelledOn = "2026-10-31" }, "cancelledOn");
        await Host.PostRejectingField(url, new { reason = "r", cancelledOn = "2026-11-25" }, "cancelledOn");
    }

    [Theory]
    [InlineData("fulfilment", "progress", "record progress on")]
    [InlineData("fulfilment", "due-date", "change the due date of")]
    [InlineData("fulfilment", "fulfilment", "fulfil")]
    [InlineData("fulfilment", "cancellation", "cancel")]
    [InlineData("cancellation", "progress", "record progress on")]
    [InlineData("cancellation", "due-date", "change the due date of")]
    [InlineData("cancellation", "fulfilment", "fulfil")]
    [InlineData("cancellation", "cancellation", "cancel")]
    public async Task a_closed_commitment_takes_no_further_change(string closedBy, string change, string verb)
    {
        var id = await MadeOn(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10));
        await Host.PostOk($"/api/commitments/{id}/{closedBy}", BodyFor(closedBy));

        var problem = await Host.PostRefused($"/api/commitments/{id}/{change}", BodyFor(change), 409);

        var state = closedBy == "fulfilment" ? "fulfilled" : "cancelled";
        Assert.Equal($"Cannot {verb} a commitment that is {state}.", problem.Text("detail"));
        Assert.Equal(state, (await Host.GetOk($"/api/commitments/{id}")).Text("status"));
    }

    [Theory]
    [InlineData("progress")]
    [InlineData("due-date")]
    [InlineData("fulfilment")]
    [InlineData("cancellation")]
    public async Task changing_an_unknown_commitment_is_a_404(string change)
    {
        var id = Guid.NewGuid();

        var problem = await Host.PostRefused($"/api/commitments/{id}/{change}", BodyFor(change), 404);

        Assert.Equal($"No commitment with id {id}.", problem.Text("detail"));
    }
}
