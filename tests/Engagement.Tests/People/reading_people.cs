using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.People;

public class reading_people(AppFixture fixture) : ApiTest(fixture)
{
    private static string[] Names(JsonNode list) => list["items"]!.AsArray().Select(p => p!.Text("name")).ToArray();

    [Fact]
    public async Task an_unknown_person_is_a_404_problem()
    {
        var id = Guid.NewGuid();

        var problem = (await Host.GetJson($"/api/people/{id}")).ShouldBeProblem(404);

        Assert.Equal($"No person with id {id}.", problem.Text("detail"));
    }

    [Fact]
    public async Task an_organisation_id_is_not_a_person()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        (await Host.GetJson($"/api/people/{most}")).ShouldBeProblem(404);
    }

    [Fact]
    public async Task the_list_is_ordered_by_name_and_filters_by_organisation()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var mofcom = await Host.Organization("Ministry of Commerce");
        await Host.Person("Director C", most);
        await Host.Person("Vice Minister A", most);
        await Host.Person("Minister B", mofcom);

        Assert.Equal(["Director C", "Minister B", "Vice Minister A"], Names(await Host.GetOk("/api/people")));
        Assert.Equal(["Director C", "Vice Minister A"], Names(await Host.GetOk($"/api/people?organizationId={most}")));
        Assert.Equal(["Minister B"], Names(await Host.GetOk($"/api/people?organizationId={mofcom}")));
    }

    [Fact]
    public async Task the_list_searches_names_without_regard_to_case()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        await Host.Person("Vice Minister A", most);
        await Host.Person("Minister B", most);

        Assert.Equal(["Minister B"], Names(await Host.GetOk("/api/people?q=MINISTER%20b")));
        Assert.Empty((await Host.GetOk("/api/people?q=smith"))["items"]!.AsArray());
    }

    [Fact]
    public async Task organisation_and_search_combine()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var mofcom = await Host.Organization("Ministry of Commerce");
        await Host.Person("Vice Minister A", most);
        await Host.Person("Official D", mofcom);

        Assert.Equal(["Official D"], Names(await Host.GetOk($"/api/people?organizationId={mofcom}&q=I")));
    }

    [Fact]
    public async Task the_organisation_filter_follows_the_current_post()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var mofcom = await Host.Organization("Ministry of Commerce");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 3, 1));
        await Host.PostOk($"/api/people/{id}/posts", new { title = "Vice Minister", organizationId = mofcom, since = "2023-06-01" });

        Assert.Empty((await Host.GetOk($"/api/people?organizationId={most}"))["items"]!.AsArray());
        Assert.Equal(["Vice Minister A"], Names(await Host.GetOk($"/api/people?organizationId={mofcom}")));
    }

    [Fact]
    public async Task an_organisation_filter_that_is_not_a_guid_is_a_400()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        await Host.Person("Vice Minister A", most);

        var problem = (await Host.GetJson("/api/people?organizationId=most")).ShouldBeProblem(400);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("organizationId"), problem.ToJsonString());
    }
}
