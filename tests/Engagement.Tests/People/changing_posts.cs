using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.People;

public class changing_posts(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_change_of_post_keeps_the_earlier_post_in_the_history()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var mofcom = await Host.Organization("Ministry of Commerce");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 3, 1));

        var response = await Host.PostJson($"/api/people/{id}/posts",
            new { title = " Vice Minister ", organizationId = mofcom, since = "2023-06-01" });

        Assert.Equal(id, response.ShouldBeWritten(200, 2));
        var read = await Host.GetJson($"/api/people/{id}");
        Assert.Equal("\"2\"", read.Result.Context.Response.Headers.ETag.ToString());
        var person = read.Body!;
        Assert.Equal("Vice Minister", person.Text("title"));
        Assert.Equal(mofcom, person["organizationId"]!.GetValue<Guid>());
        Assert.Equal("Ministry of Commerce", person.Text("organizationName"));
        Assert.Equal(2, person["version"]!.GetValue<int>());
        var posts = person["posts"]!.AsArray();
        Assert.Equal(2, posts.Count);
        Assert.Equal(("Director", "Ministry of Science and Technology", "2020-03-01", "2023-06-01"), Describe(posts[0]!));
        Assert.Equal(("Vice Minister", "Ministry of Commerce", "2023-06-01", null), Describe(posts[1]!));
    }

    private static (string?, string, string, string?) Describe(JsonNode post) =>
        (post["title"]?.GetValue<string>(), post.Text("organizationName"), post.Text("since"), post["until"]?.GetValue<string>());

    [Fact]
    public async Task a_new_title_in_the_same_organisation_is_a_change_of_post()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 3, 1));

        (await Host.PostJson($"/api/people/{id}/posts", new { title = "Vice Minister", organizationId = most })).ShouldBeWritten(200, 2);

        var posts = (await Host.GetOk($"/api/people/{id}"))["posts"]!.AsArray();
        Assert.Equal(["Director", "Vice Minister"], posts.Select(p => p!.Text("title")));
    }

    [Fact]
    public async Task the_new_post_starts_today_when_no_date_is_given()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 3, 1));
        Clock.SetToday(new DateOnly(2026, 9, 9));

        await Host.PostOk($"/api/people/{id}/posts", new { title = "Vice Minister", organizationId = most });

        var posts = (await Host.GetOk($"/api/people/{id}"))["posts"]!.AsArray();
        Assert.Equal("2026-09-09", posts[0]!.Text("until"));
        Assert.Equal("2026-09-09", posts[1]!.Text("since"));
    }

    [Fact]
    public async Task moving_to_the_post_already_held_is_a_conflict()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 3, 1));

        var problem = await Host.PostRefused($"/api/people/{id}/posts", new { title = " Director ", organizationId = most }, 409);

        Assert.Equal("The person already holds this post.", problem.Text("detail"));
    }

    [Fact]
    public async Task a_post_cannot_start_before_the_current_one()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 3, 1));

        var messages = await Host.PostRejectingField($"/api/people/{id}/posts",
            new { title = "Vice Minister", organizationId = most, since = "2020-02-29" }, "since");

        Assert.Equal(["must not be before the start of the current post (2020-03-01)"], messages);
    }

    [Fact]
    public async Task a_post_cannot_start_in_the_future()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director", new DateOnly(2020, 3, 1));

        await Host.PostRejectingField($"/api/people/{id}/posts",
            new { title = "Vice Minister", organizationId = most, since = Clock.Today.AddDays(1) }, "since");
    }

    [Fact]
    public async Task the_new_organisation_must_exist()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director");

        var messages = await Host.PostRejectingField($"/api/people/{id}/posts", new { title = "Minister", organizationId = Guid.NewGuid() },
            "organizationId");

        Assert.Equal(["no organisation with this id"], messages);
    }

    [Fact]
    public async Task the_organisation_is_required()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = await Host.Person("Vice Minister A", most, "Director");

        var messages = await Host.PostRejectingField($"/api/people/{id}/posts", new { title = "Minister" }, "organizationId");

        Assert.Equal(["is required"], messages);
    }

    [Fact]
    public async Task an_unknown_person_is_a_404()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = Guid.NewGuid();

        var problem = await Host.PostRefused($"/api/people/{id}/posts", new { title = "Minister", organizationId = most }, 404);

        Assert.Equal($"No person with id {id}.", problem.Text("detail"));
    }

    [Fact]
    public async Task an_organisation_is_not_a_person_whose_post_can_change()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        await Host.PostRefused($"/api/people/{most}/posts", new { title = "Minister", organizationId = most }, 404);
    }
}
