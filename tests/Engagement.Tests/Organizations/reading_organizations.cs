using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.Organizations;

public class reading_organizations(AppFixture fixture) : ApiTest(fixture)
{
    private static string[] Names(JsonNode list) => list["items"]!.AsArray().Select(o => o!.Text("name")).ToArray();

    [Fact]
    public async Task reading_an_organisation_answers_its_version_as_the_etag()
    {
        var id = await Host.Organization("Ministry of Commerce");

        var (status, body, result) = await Host.GetJson($"/api/organizations/{id}");

        Assert.Equal(200, status);
        Assert.Equal("Ministry of Commerce", body!.Text("name"));
        Assert.Equal("\"1\"", result.Context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task an_unknown_organisation_is_a_404_problem()
    {
        var id = Guid.NewGuid();

        var problem = (await Host.GetJson($"/api/organizations/{id}")).ShouldBeProblem(404);

        Assert.Equal($"No organisation with id {id}.", problem.Text("detail"));
    }

    [Fact]
    public async Task an_id_that_is_not_a_guid_is_a_404_problem()
    {
        (await Host.GetJson("/api/organizations/ministry-of-commerce")).ShouldBeProblem(404);
    }

    [Fact]
    public async Task the_id_of_a_person_is_not_an_organisation()
    {
        var organization = await Host.Organization("Ministry of Commerce");
        var person = await Host.Person("Minister B", organization);

        (await Host.GetJson($"/api/organizations/{person}")).ShouldBeProblem(404);
    }

    [Fact]
    public async Task the_list_is_empty_when_nothing_is_registered()
    {
        Assert.Empty((await Host.GetOk("/api/organizations"))["items"]!.AsArray());
    }

    [Fact]
    public async Task the_list_is_ordered_by_name()
    {
        await Host.Organization("Example Pharma China", "member");
        await Host.Organization("Ministry of Commerce");
        await Host.Organization("AmCham China", "chamber");

        Assert.Equal(["AmCham China", "Example Pharma China", "Ministry of Commerce"], Names(await Host.GetOk("/api/organizations")));
    }

    [Fact]
    public async Task the_list_filters_by_kind()
    {
        await Host.Organization("Ministry of Commerce");
        await Host.Organization("Example Pharma China", "member");
        await Host.Organization("Example Aviation China", "member");
        await Host.Organization("AmCham China", "chamber");

        Assert.Equal(["Example Aviation China", "Example Pharma China"], Names(await Host.GetOk("/api/organizations?kind=member")));
        Assert.Equal(["AmCham China"], Names(await Host.GetOk("/api/organizations?kind=chamber")));
        Assert.Empty((await Host.GetOk("/api/organizations?kind=other"))["items"]!.AsArray());
    }

    [Fact]
    public async Task the_list_filters_by_a_case_insensitive_part_of_the_name()
    {
        await Host.Organization("Ministry of Commerce");
        await Host.Organization("Ministry of Finance");
        await Host.Organization("Example Pharma China", "member");

        Assert.Equal(["Ministry of Commerce", "Ministry of Finance"], Names(await Host.GetOk("/api/organizations?q=MINISTRY")));
        Assert.Equal(["Ministry of Commerce"], Names(await Host.GetOk("/api/organizations?q=COMMERCE")));
        Assert.Equal(["Example Pharma China"], Names(await Host.GetOk("/api/organizations?q=%20pharma%20")));
    }

    [Fact]
    public async Task like_wildcards_in_the_search_are_plain_characters()
    {
        await Host.Organization("50% Club", "member");
        await Host.Organization("Ministry of Commerce");

        Assert.Equal(["50% Club"], Names(await Host.GetOk("/api/organizations?q=%25")));
        Assert.Empty((await Host.GetOk("/api/organizations?q=_"))["items"]!.AsArray());
    }

    [Fact]
    public async Task kind_and_search_combine()
    {
        await Host.Organization("China Ministry of Commerce");
        await Host.Organization("Example Pharma China", "member");
        await Host.Organization("Example Aviation", "member");

        Assert.Equal(["Example Pharma China"], Names(await Host.GetOk("/api/organizations?kind=member&q=china")));
    }

    [Theory]
    [InlineData("ministry")]
    [InlineData("members")]
    public async Task an_unknown_kind_in_the_query_is_a_400_naming_the_parameter(string kind)
    {
        await Host.Organization("Ministry of Commerce");

        var problem = (await Host.GetJson($"/api/organizations?kind={kind}")).ShouldBeProblem(400);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("kind"), problem.ToJsonString());
    }
}
