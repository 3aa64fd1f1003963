using Engagement.Tests.Support;

namespace Engagement.Tests.Commitments;

public class overdue_commitments(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> DueOn(DateOnly? dueOn)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        return await Host.Commitment(await Host.Meeting(new DateOnly(2026, 11, 1), most), most, dueOn);
    }

    private async Task<bool> Overdue(Guid id) => (await Host.GetOk($"/api/commitments/{id}"))["overdue"]!.GetValue<bool>();

    [Fact]
    public async Task an_open_commitment_is_overdue_from_the_day_after_it_was_due()
    {
        var id = await DueOn(new DateOnly(2026, 11, 10));

        Clock.SetToday(new DateOnly(2026, 11, 10));
        Assert.False(await Overdue(id));
        Clock.SetToday(new DateOnly(2026, 11, 11));
        Assert.True(await Overdue(id));
    }

    [Fact]
    public async Task a_commitment_without_a_due_date_is_never_overdue()
    {
        var id = await DueOn(null);
        Clock.SetToday(new DateOnly(2030, 1, 1));

        Assert.False(await Overdue(id));
    }

    [Fact]
    public async Task a_later_due_date_ends_the_overdue()
    {
        var id = await DueOn(new DateOnly(2026, 11, 10));
        Assert.True(await Overdue(id));

        await Host.PostOk($"/api/commitments/{id}/due-date", new { dueOn = "2026-12-10", reason = "More time" });

        Assert.False(await Overdue(id));
    }

    [Theory]
    [InlineData("fulfilment")]
    [InlineData("cancellation")]
    public async Task a_closed_commitment_is_not_overdue(string closing)
    {
        var id = await DueOn(new DateOnly(2026, 11, 10));

        await Host.PostOk($"/api/commitments/{id}/{closing}", closing == "cancellation" ? new { reason = "Closed" } : new object());

        Assert.False(await Overdue(id));
    }

    [Fact]
    public async Task the_meeting_shows_the_same_overdue_as_the_commitment()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);
        var late = await Host.Commitment(meeting, most, new DateOnly(2026, 11, 20));
        var onTime = await Host.Commitment(meeting, most, new DateOnly(2026, 11, 30));

        var listed = (await Host.GetOk($"/api/meetings/{meeting}"))["commitments"]!.AsArray()
            .ToDictionary(c => c!["id"]!.GetValue<Guid>(), c => c!["overdue"]!.GetValue<bool>());

        Assert.Equal(new Dictionary<Guid, bool> { [late] = true, [onTime] = false }, listed);
    }
}
