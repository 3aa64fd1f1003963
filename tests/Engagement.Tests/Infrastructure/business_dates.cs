using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class business_dates(AppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, string> DatedFields => new()
    {
        { WriteRoutes.People, "since" },
        { WriteRoutes.Posts, "since" },
        { WriteRoutes.Meetings, "heldOn" },
        { WriteRoutes.Notes, "notedOn" },
        { WriteRoutes.Responses, "respondedOn" },
        { WriteRoutes.Resolution, "resolvedOn" },
        { WriteRoutes.Reopening, "reopenedOn" },
        { WriteRoutes.Progress, "notedOn" },
        { WriteRoutes.Fulfilment, "fulfilledOn" },
        { WriteRoutes.Cancellation, "cancelledOn" }
    };

    [Theory, MemberData(nameof(DatedFields))]
    public async Task a_day_after_today_is_refused_and_records_nothing(string route, string field)
    {
        Clock.SetToday(new DateOnly(2026, 3, 1));
        var world = await WriteRoutes.SetUp(Host);
        var body = System.Text.Json.JsonSerializer.SerializeToNode(WriteRoutes.Body(route, world), Scenarios.Json)!.AsObject();
        body[field] = "2026-03-02";

        var messages = await Host.PostRejectingField(WriteRoutes.Url(route, Guid.NewGuid()), body.ToJsonString(), field);

        Assert.Equal(["must not be after today (2026-03-01)"], messages);
    }

    [Fact]
    public async Task today_is_the_utc_day_of_the_service_clock()
    {
        var most = await Host.Organization("Ministry of Commerce");
        Clock.SetToday(new DateOnly(2026, 3, 1));
        Clock.Advance(TimeSpan.FromHours(14.5));

        await Host.PostRejectingField("/api/meetings", new { title = "Late call", heldOn = "2026-03-02", organizationIds = new[] { most } },
            "heldOn");
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(201, (await Host.PostJson("/api/meetings",
            new { title = "Late call", heldOn = "2026-03-02", organizationIds = new[] { most } })).Status);
    }

    [Fact]
    public async Task a_due_date_may_lie_in_the_future()
    {
        var most = await Host.Organization("Ministry of Commerce");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        var id = await Host.Commitment(meeting, most, new DateOnly(2030, 1, 1));
        (await Host.PostJson($"/api/commitments/{id}/due-date", new { dueOn = "2031-01-01" })).ShouldBeWritten(200, 2);
    }
}
