using Engagement.Tests.Support;

namespace Engagement.Tests.Access;

public class api_keys(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<string> Issue(string name, string role) =>
        (await Host.PostOk("/api/keys", new { name, role }))["key"]!.GetValue<string>();

    [Fact]
    public async Task a_request_without_a_key_is_a_401_problem()
    {
        var response = await Host.GetJson("/api/organizations", s => s.WithRequestHeader("Authorization", ""));
        response.ShouldBeProblem(401);
    }

    [Fact]
    public async Task an_unknown_key_is_a_401_problem()
    {
        var response = await Host.GetJson("/api/organizations", s => s.WithBearerToken("eng_not-a-key-we-ever-issued-000000000"));
        response.ShouldBeProblem(401);
    }

    [Fact]
    public async Task health_answers_without_a_key()
    {
        var response = await Host.GetJson("/health/ready", s => s.WithRequestHeader("Authorization", ""));
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task a_viewer_reads_but_may_not_write()
    {
        var viewer = await Issue("executive dashboard", "viewer");

        Assert.Equal(200, (await Host.GetJson("/api/organizations", s => s.WithBearerToken(viewer))).Status);
        var write = await Host.PostJson("/api/organizations", new { name = "X", kind = "member" }, s => s.WithBearerToken(viewer));
        write.ShouldBeProblem(403);
        Assert.Equal(1, await EventCount()); // only the viewer key's own stream
    }

    [Fact]
    public async Task staff_record_but_may_not_manage_keys()
    {
        var staff = await Issue("front desk", "staff");

        var write = await Host.PostJson("/api/organizations", new { name = "X", kind = "member" }, s => s.WithBearerToken(staff));
        Assert.Equal(201, write.Status);
        (await Host.PostJson("/api/keys", new { name = "sneaky", role = "admin" }, s => s.WithBearerToken(staff))).ShouldBeProblem(403);
        (await Host.GetJson("/api/keys", s => s.WithBearerToken(staff))).ShouldBeProblem(403);
    }

    [Fact]
    public async Task an_integration_reads_and_never_writes()
    {
        var crm = await Issue("crm", "integration");

        Assert.Equal(200, (await Host.GetJson("/api/organizations", s => s.WithBearerToken(crm))).Status);
        (await Host.PostJson("/api/organizations", new { name = "X", kind = "member" }, s => s.WithBearerToken(crm))).ShouldBeProblem(403);
    }

    [Fact]
    public async Task a_revoked_key_is_refused_at_once()
    {
        var issued = await Host.PostOk("/api/keys", new { name = "temporary", role = "staff" });
        var key = issued["key"]!.GetValue<string>();
        Assert.Equal(200, (await Host.GetJson("/api/organizations", s => s.WithBearerToken(key))).Status);

        var revoke = await Host.Scenario(s => s.Delete.Url($"/api/keys/{issued["id"]}"));
        Assert.Equal(200, revoke.Context.Response.StatusCode);

        (await Host.GetJson("/api/organizations", s => s.WithBearerToken(key))).ShouldBeProblem(401);
    }

    [Fact]
    public async Task the_key_list_shows_no_secrets_and_when_a_key_was_last_used()
    {
        var key = await Issue("reporting", "viewer");
        await Host.GetJson("/api/organizations", s => s.WithBearerToken(key));

        var list = (await Host.GetOk("/api/keys"))["items"]!.AsArray();
        var text = list.ToJsonString();
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        var reporting = list.Single(k => k!["name"]!.GetValue<string>() == "reporting")!;
        Assert.Equal("viewer", reporting["role"]!.GetValue<string>());
        Assert.Equal(Clock.GetUtcNow(), reporting["lastUsedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task events_say_which_key_recorded_them()
    {
        var staff = await Issue("policy desk", "staff");
        var created = await Host.PostJson("/api/organizations", new { name = "Customs", kind = "government" }, s => s.WithBearerToken(staff));

        var history = (await Host.GetOk($"/api/organizations/{created.Body!["id"]}/history")).AsArray();
        Assert.Equal("policy desk", history.Single()!["recordedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_key_needs_a_name_and_a_known_role()
    {
        (await Host.PostJson("/api/keys", new { name = "", role = "superuser" })).ShouldBeProblem(400);
        (await Host.PostJson("/api/keys", new { name = "no role" })).ShouldRejectField("role");
    }
}
