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
}
