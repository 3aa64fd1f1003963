using System.Text.Json.Nodes;
using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;

namespace Engagement.Tests.Work;

public class assigning_responsibility(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Theory]
    [InlineData("suggestions")]
    [InlineData("commitments")]
    public async Task assigning_reassigning_and_unassigning_are_events_in_the_items_history(string kind)
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var tom = await Host.ActiveUser("Tom Baker", "admin");
        var id = kind == "suggestions" ? await Host.Ask(Today.AddDays(-3)) : await Host.Commitment(Today.AddDays(-3), Today.AddDays(20));

        await Host.Assign(kind, id, mei.Id);
        Assert.Equal("Mei Chen", (await Host.GetOk($"/api/{kind}/{id}"))["responsible"]!.Text("name"));
        await Host.Assign(kind, id, tom.Id);
        var item = await Host.GetOk($"/api/{kind}/{id}");
        Assert.Equal(tom.Id, item["responsible"]!["id"]!.GetValue<Guid>());
        var (status, body) = await Host.Delete($"/api/{kind}/{id}/responsible", $"\"{item.Value<int>("version")}\"");
        Assert.True(status == 200, body);
        Assert.Null((await Host.GetOk($"/api/{kind}/{id}"))["responsible"]);

        var history = (await Host.GetOk($"/api/{kind}/{id}/history")).AsArray().Skip(1).ToList();
        var prefix = kind == "suggestions" ? "suggestion" : "commitment";
        Assert.Equal([$"{prefix}_responsible_assigned", $"{prefix}_responsible_assigned", $"{prefix}_responsible_unassigned"],
            history.Select(e => e!.Text("type")));
        Assert.Equal("Mei Chen", history[0]!["data"]!.Text("responsibleName"));
        Assert.Equal(mei.Id, history[1]!["data"]!["previousResponsibleId"]!.GetValue<Guid>());
        Assert.Equal(tom.Id, history[2]!["data"]!["previousResponsibleId"]!.GetValue<Guid>());
    }

    [Theory]
    [InlineData("suggestions")]
    [InlineData("commitments")]
    public async Task only_an_active_staff_or_admin_user_can_be_made_responsible(string kind)
    {
        var viewer = await Host.ActiveUser("Vic Viewer", "viewer");
        var gone = await Host.ActiveUser("Gone Away");
        await Host.PostOk($"/api/users/{gone.Id}/deactivation", new { });
        var invited = (await Host.PostOk("/api/users", new { name = "Not Yet", email = "not.yet@chamber.example", role = "staff" }))["id"]!
            .GetValue<Guid>();
        var id = kind == "suggestions" ? await Host.Ask(Today.AddDays(-3)) : await Host.Commitment(Today.AddDays(-3), null);

        foreach (var (responsibleId, message) in new (object?, string)[]
                 {
                     (null, "is required"), (Guid.NewGuid(), "no user with this id"), (gone.Id, "is deactivated"),
                     (invited, "has not accepted the invitation yet"), (viewer.Id, "must have the staff or admin role")
                 })
            Assert.Equal([message], await Host.PostRejectingField($"/api/{kind}/{id}/responsible", new { responsibleId }, "responsibleId"));
    }

    [Fact]
    public async Task the_same_responsible_twice_or_no_one_to_unassign_is_a_conflict()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var id = await Host.Ask(Today.AddDays(-3));

        Assert.Equal(409, (await Host.Delete($"/api/suggestions/{id}/responsible")).Status);
        await Host.Assign("suggestions", id, mei.Id);
        await Host.PostRefused($"/api/suggestions/{id}/responsible", new { responsibleId = mei.Id }, 409);
    }

    [Fact]
    public async Task an_assignment_with_a_stale_version_is_refused()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var id = await Host.Ask(Today.AddDays(-3));
        await Host.Respond(id, Today);

        await Host.PostRefused($"/api/suggestions/{id}/responsible", new { responsibleId = mei.Id }, 412,
            s => s.WithRequestHeader("If-Match", "\"1\""));
    }

    [Fact]
    public async Task the_registers_filter_by_responsible_user_and_show_their_name_also_in_csv()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var tom = await Host.ActiveUser("Tom Baker");
        var meis = await Host.Ask(Today.AddDays(-3));
        var toms = await Host.Ask(Today.AddDays(-3));
        await Host.Ask(Today.AddDays(-3));
        var meiCommitment = await Host.Commitment(Today.AddDays(-3), Today.AddDays(5));
        await Host.Commitment(Today.AddDays(-3), Today.AddDays(5));
        await Host.Assign("suggestions", meis, mei.Id);
        await Host.Assign("suggestions", toms, tom.Id);
        await Host.Assign("commitments", meiCommitment, mei.Id);

        var asks = await Host.GetOk($"/api/asks?responsibleId={mei.Id}");
        var ask = Assert.Single(asks.Array("items"))!;
        Assert.Equal(meis, ask["id"]!.GetValue<Guid>());
        Assert.Equal("Mei Chen", ask["responsible"]!.Text("name"));
        Assert.Equal(3, (await Host.GetOk("/api/asks")).Value<int>("total"));
        var commitment = Assert.Single((await Host.GetOk($"/api/commitments?responsibleId={mei.Id}")).Array("items"))!;
        Assert.Equal(meiCommitment, commitment["id"]!.GetValue<Guid>());
        Assert.Equal("Mei Chen", commitment["responsible"]!.Text("name"));

        var csv = await Host.Scenario(s => s.Get.Url($"/api/asks?format=csv&responsibleId={tom.Id}"));
        var lines = csv.ReadAsText().TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("responsible", lines[0].Split(','));
        Assert.Equal(2, lines.Length);
        Assert.Contains("Tom Baker", lines[1]);
        Assert.Equal(400, (await Host.GetJson("/api/commitments?responsibleId=nobody")).Status);
    }

    [Fact]
    public async Task as_of_a_day_before_the_assignment_no_one_was_responsible()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var id = await Host.Ask(Today.AddDays(-3));
        await Host.Assign("suggestions", id, mei.Id);

        Assert.Null((await Host.GetOk($"/api/suggestions/{id}?asOf={Today.AddDays(-1).Day()}"))["responsible"]);
        Assert.Empty((await Host.GetOk($"/api/asks?responsibleId={mei.Id}&asOf={Today.AddDays(-1).Day()}")).Array("items"));
        Assert.Single((await Host.GetOk($"/api/asks?responsibleId={mei.Id}&asOf={Today.Day()}")).Array("items"));
    }
}
