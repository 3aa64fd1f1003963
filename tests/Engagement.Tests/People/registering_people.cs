using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.People;

public class registering_people(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_registered_person_can_be_read_back_with_the_organisation_named()
    {
        var ministry = await Host.Organization("Ministry of Science and Technology");

        var response = await Host.PostJson("/api/people",
            new { name = " Vice Minister A ", title = " Vice Minister ", organizationId = ministry, since = "2023-01-15" });

        var id = response.ShouldBeWritten(201, 1);
        Assert.Equal($"/api/people/{id}", response.Result.Context.Response.Headers.Location.ToString());
        var person = await Host.GetOk($"/api/people/{id}");
        Assert.Equal("Vice Minister A", person.Text("name"));
        Assert.Equal("Vice Minister", person.Text("title"));
        Assert.Equal(ministry, person["organizationId"]!.GetValue<Guid>());
        Assert.Equal("Ministry of Science and Technology", person.Text("organizationName"));
        Assert.Equal(1, person["version"]!.GetValue<int>());
        var post = Assert.Single(person["posts"]!.AsArray())!;
        Assert.Equal("Vice Minister", post.Text("title"));
        Assert.Equal("Ministry of Science and Technology", post.Text("organizationName"));
        Assert.Equal("2023-01-15", post.Text("since"));
        Assert.Null(post["until"]);
    }

    [Fact]
    public async Task the_post_starts_today_when_no_date_is_given()
    {
        Clock.SetToday(new DateOnly(2026, 2, 3));
        var ministry = await Host.Organization("Ministry of Commerce");

        var id = await Host.Person("Minister B", ministry);

        var post = Assert.Single((await Host.GetOk($"/api/people/{id}"))["posts"]!.AsArray())!;
        Assert.Equal("2026-02-03", post.Text("since"));
        Assert.Null(post["title"]);
    }

    [Fact]
    public async Task a_post_may_start_today_but_not_tomorrow()
    {
        var ministry = await Host.Organization("Ministry of Commerce");

        Assert.Equal(201, (await Host.PostJson("/api/people", new { name = "A", organizationId = ministry, since = Clock.Today })).Status);
        var messages = await Host.PostRejectingField("/api/people",
            new { name = "B", organizationId = ministry, since = Clock.Today.AddDays(1) }, "since");
        Assert.Equal(["must not be after today (2026-11-24)"], messages);
    }

    [Fact]
    public async Task a_name_and_an_organisation_are_required()
    {
        var problem = await Host.PostRefused("/api/people", new { title = "Director" }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("organizationId"), problem.ToJsonString());
    }

    [Fact]
    public async Task the_organisation_must_exist()
    {
        var messages = await Host.PostRejectingField("/api/people", new { name = "Vice Minister A", organizationId = Guid.NewGuid() },
            "organizationId");

        Assert.Equal(["no organisation with this id"], messages);
    }

    [Fact]
    public async Task the_empty_guid_is_no_organisation()
    {
        await Host.PostRejectingField("/api/people", new { name = "Vice Minister A", organizationId = Guid.Empty }, "organizationId");
    }

    [Fact]
    public async Task the_organisation_cannot_be_a_person()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var colleague = await Host.Person("Minister B", ministry);

        await Host.PostRejectingField("/api/people", new { name = "Vice Minister A", organizationId = colleague }, "organizationId");
    }

    [Theory]
    [InlineData("name", Limits.Name)]
    [InlineData("title", Limits.Title)]
    public async Task text_over_its_limit_is_refused(string field, int limit)
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var body = new Dictionary<string, object> { ["name"] = "Vice Minister A", ["organizationId"] = ministry, [field] = new string('x', limit + 1) };

        var messages = await Host.PostRejectingField("/api/people", body, field);

        Assert.Equal([$"must be at most {limit} characters"], messages);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("title")]
    public async Task control_characters_are_refused(string field)
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var body = new Dictionary<string, object> { ["name"] = "Vice Minister A", ["organizationId"] = ministry, [field] = "Li\u0008Meng" };

        await Host.PostRejectingField("/api/people", body, field);
    }
}
