using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class route_ids(AppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string> Routes => WriteRoutes.Data(WriteRoutes.WithId);

    public static TheoryData<string> Reads => new()
    {
        "/api/organizations/{0}", "/api/people/{0}", "/api/meetings/{0}", "/api/suggestions/{0}", "/api/commitments/{0}",
        "/api/organizations/{0}/history", "/api/people/{0}/history", "/api/meetings/{0}/history", "/api/suggestions/{0}/history",
        "/api/commitments/{0}/history"
    };

    [Theory, MemberData(nameof(Routes))]
    public async Task a_write_to_an_unknown_id_is_a_404_problem_and_records_nothing(string route)
    {
        var world = await WriteRoutes.SetUp(Host);
        var id = Guid.NewGuid();

        var problem = await Host.PostRefused(WriteRoutes.Url(route, id), WriteRoutes.Body(route, world), 404);

        Assert.EndsWith($" with id {id}.", problem.Text("detail"));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_write_to_an_id_that_is_not_a_guid_is_a_404_problem(string route)
    {
        var world = await WriteRoutes.SetUp(Host);
        var url = WriteRoutes.Url(route, Guid.Empty).Replace(Guid.Empty.ToString(), "not-a-guid");

        await Host.PostRefused(url, WriteRoutes.Body(route, world), 404);
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_write_to_the_id_of_another_kind_of_record_is_a_404(string route)
    {
        var world = await WriteRoutes.SetUp(Host);
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), world.Government, world.Member);
        var suggestion = await Host.Suggestion(meeting, world.Member, world.Government);
        var other = WriteRoutes.StreamKind(route) switch
        {
            "meetings" => suggestion,
            "suggestions" => await Host.Commitment(meeting, world.Government),
            "commitments" => meeting,
            _ => world.Government
        };

        await Host.PostRefused(WriteRoutes.Url(route, other), WriteRoutes.Body(route, world), 404);
    }

    [Theory, MemberData(nameof(Reads))]
    public async Task a_read_of_an_unknown_id_is_a_404_problem(string template)
    {
        var id = Guid.NewGuid();

        var problem = (await Host.GetJson(string.Format(template, id))).ShouldBeProblem(404);

        Assert.EndsWith($" with id {id}.", problem.Text("detail"));
    }

    [Theory, MemberData(nameof(Reads))]
    public async Task a_read_of_an_id_that_is_not_a_guid_is_a_404_problem(string template)
    {
        (await Host.GetJson(string.Format(template, "12345"))).ShouldBeProblem(404);
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem()
    {
        (await Host.GetJson("/api/ministers")).ShouldBeProblem(404);
    }
}
