using Engagement.Tests.Support;

namespace Engagement.Tests.Organizations;

public class register_ids(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_register_id_given_on_registering_is_shown_in_the_organisation_its_register_and_the_csv()
    {
        var id = (await Host.PostOk("/api/organizations", new { name = "Widget Makers", kind = "member", registerId = " 0123456789012-34 " }))
            ["id"]!.GetValue<Guid>();

        Assert.Equal("0123456789012-34", (await Host.GetOk($"/api/organizations/{id}")).Text("registerId"));
        Assert.Equal("0123456789012-34", (await Host.GetOk("/api/organizations?q=widget"))["items"]![0]!.Text("registerId"));
        var csv = await (await Host.Scenario(s => s.Get.Url("/api/organizations?format=csv"))).ReadAsTextAsync();
        Assert.Contains("registerId", csv.Split('\n')[0]);
        Assert.Contains("0123456789012-34", csv);
    }

    [Theory]
    [InlineData("EU-123")]
    [InlineData("0123456789012")]
    [InlineData("12-34-56")]
    [InlineData("１２３-45")]
    public async Task a_register_id_of_the_wrong_shape_is_refused_by_field(string registerId)
    {
        await Host.PostRejectingField("/api/organizations", new { name = "Widget Makers", kind = "member", registerId }, "registerId");
        var id = await Host.Organization("Gadget Makers", "member");
        await Host.PostRejectingField($"/api/organizations/{id}/register-id", new { registerId }, "registerId");
    }

    [Fact]
    public async Task changing_the_register_id_is_an_event_in_the_history_and_removing_it_is_another()
    {
        var id = await Host.Organization("Gadget Makers", "member");
        var set = await Host.PostJson($"/api/organizations/{id}/register-id", new { registerId = "987654321-01" },
            s => s.WithRequestHeader("If-Match", "\"1\""));
        set.ShouldBeWritten(200, 2);
        Assert.Equal("987654321-01", (await Host.GetOk($"/api/organizations/{id}")).Text("registerId"));

        await Host.PostRefused($"/api/organizations/{id}/register-id", new { registerId = "987654321-01" }, 400);
        await Host.PostRefused($"/api/organizations/{id}/register-id", new { registerId = "1-1" }, 412,
            s => s.WithRequestHeader("If-Match", "\"1\""));

        (await Host.PostJson($"/api/organizations/{id}/register-id", new { registerId = "" })).ShouldBeWritten(200, 3);
        Assert.Null((await Host.GetOk($"/api/organizations/{id}"))["registerId"]);

        var history = (await Host.GetOk($"/api/organizations/{id}/history")).ToJsonString();
        Assert.Contains("987654321-01", history);
        Assert.Contains("organization_register_id_changed", history);
    }

    [Fact]
    public void an_unchanged_register_id_is_refused_by_the_decision()
    {
        var organization = new Engagement.Organizations.Organization(Guid.NewGuid(), "X", Engagement.Organizations.OrganizationKind.Member,
            null, null, new DateOnly(2026, 1, 1), 1, "1-2");
        Assert.False(Engagement.Organizations.ChangeRegisterIdEndpoint.Decide(organization, new("1-2"), new DateOnly(2026, 2, 1)).IsAccepted);
        var changed = Engagement.Organizations.ChangeRegisterIdEndpoint.Decide(organization, new(" 3-4 "), new DateOnly(2026, 2, 1));
        var e = Assert.IsType<Engagement.Organizations.OrganizationRegisterIdChanged>(Assert.Single(changed.Events));
        Assert.Equal(("3-4", "1-2"), (e.RegisterId, e.PreviousRegisterId));
    }
}
