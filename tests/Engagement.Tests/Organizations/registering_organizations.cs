using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Organizations;

public class registering_organizations(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_registered_organisation_can_be_read_back()
    {
        var (status, body, result) = await Host.PostJson("/api/organizations",
            new { name = "Ministry of Science and Technology", kind = "government", country = "China" });

        Assert.Equal(201, status);
        var id = body!["id"]!.GetValue<Guid>();
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Equal($"/api/organizations/{id}", result.Context.Response.Headers.Location.ToString());
        Assert.Equal("\"1\"", result.Context.Response.Headers.ETag.ToString());

        var read = await Host.GetOk($"/api/organizations/{id}");
        Assert.Equal("Ministry of Science and Technology", read["name"]!.GetValue<string>());
        Assert.Equal("government", read["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_unknown_kind_is_a_400_naming_the_field_and_records_nothing()
    {
        var before = await EventCount();
        var response = await Host.PostJson("/api/organizations", new { name = "X", kind = "ministry" });
        response.ShouldRejectField("kind");
        Assert.Equal(before, await EventCount());
    }

    [Theory]
    [InlineData("government")]
    [InlineData("member")]
    [InlineData("chamber")]
    [InlineData("other")]
    public async Task each_kind_can_be_registered(string kind)
    {
        var id = await Host.Organization("Somebody", kind);

        Assert.Equal(kind, (await Host.GetOk($"/api/organizations/{id}")).Text("kind"));
    }

    [Fact]
    public async Task country_and_website_are_kept_the_name_is_trimmed_and_the_day_of_registration_recorded()
    {
        Clock.SetToday(new DateOnly(2026, 3, 5));

        var id = (await Host.PostJson("/api/organizations",
                new { name = "  AmCham China ", kind = "chamber", country = "China", website = "https://www.amchamchina.org/" }))
            .ShouldBeWritten(201, 1);

        var read = await Host.GetOk($"/api/organizations/{id}");
        Assert.Equal(id, read["id"]!.GetValue<Guid>());
        Assert.Equal("AmCham China", read.Text("name"));
        Assert.Equal("China", read.Text("country"));
        Assert.Equal("https://www.amchamchina.org/", read.Text("website"));
        Assert.Equal("2026-03-05", read.Text("registeredOn"));
        Assert.Equal(1, read["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task country_and_website_may_be_left_out()
    {
        var id = await Host.Organization("Acme", "member");

        var read = await Host.GetOk($"/api/organizations/{id}");
        Assert.Null(read["country"]);
        Assert.Null(read["website"]);
    }

    [Fact]
    public async Task a_name_and_a_kind_are_required()
    {
        var problem = await Host.PostRefused("/api/organizations", new { }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["is required"], errors["name"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(errors.ContainsKey("kind"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task a_blank_name_is_refused(string name)
    {
        await Host.PostRejectingField("/api/organizations", new { name, kind = "member" }, "name");
    }

    [Theory]
    [InlineData("name", Limits.Name)]
    [InlineData("country", Limits.Country)]
    public async Task text_over_its_limit_is_refused_and_text_at_the_limit_accepted(string field, int limit)
    {
        var tooLong = new Dictionary<string, object> { ["name"] = "Acme", ["kind"] = "member", [field] = new string('x', limit + 1) };
        var messages = await Host.PostRejectingField("/api/organizations", tooLong, field);
        Assert.Equal([$"must be at most {limit} characters"], messages);

        var atLimit = new Dictionary<string, object> { ["name"] = "Acme", ["kind"] = "member", [field] = new string('x', limit) };
        Assert.Equal(201, (await Host.PostJson("/api/organizations", atLimit)).Status);
    }

    [Fact]
    public async Task a_website_over_the_url_limit_is_refused()
    {
        var website = "https://example.org/" + new string('a', Limits.Url);

        var messages = await Host.PostRejectingField("/api/organizations", new { name = "Acme", kind = "member", website }, "website");

        Assert.Contains($"must be at most {Limits.Url} characters", messages);
    }

    [Theory]
    [InlineData("ftp://example.org/")]
    [InlineData("www.example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    public async Task a_website_must_be_an_absolute_http_or_https_url(string website)
    {
        var messages = await Host.PostRejectingField("/api/organizations", new { name = "Acme", kind = "member", website }, "website");

        Assert.Contains("must be an absolute http or https URL", messages);
    }

    [Theory]
    [InlineData("name", "Acme\u0000Corp")]
    [InlineData("name", "Acme\u001bCorp")]
    [InlineData("country", "Chi\u0007na")]
    public async Task control_characters_are_refused(string field, string value)
    {
        var body = new Dictionary<string, object> { ["name"] = "Acme", ["kind"] = "member", [field] = value };

        var messages = await Host.PostRejectingField("/api/organizations", body, field);

        Assert.Equal(["must not contain control characters"], messages);
    }

    [Fact]
    public async Task tabs_and_line_breaks_are_not_control_characters_that_matter()
    {
        var id = await Host.Organization("Acme\tCorp\r\nBeijing", "member");

        Assert.Equal("Acme\tCorp\r\nBeijing", (await Host.GetOk($"/api/organizations/{id}")).Text("name"));
    }

    [Fact]
    public async Task a_kind_given_as_a_number_is_refused()
    {
        await Host.PostRejectingField("/api/organizations", """{"name":"Acme","kind":1}""", "kind");
    }
}
