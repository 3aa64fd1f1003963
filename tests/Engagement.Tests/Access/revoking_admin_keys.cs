using Alba;
using Engagement.Access;
using Engagement.Tests.Security;
using Engagement.Tests.Support;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Engagement.Tests.Access;

public class revoking_admin_keys(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> BootstrapKeyId()
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.Query<ApiKey>().SingleAsync(k => k.Name == BootstrapKey.Name)).Id;
    }

    private Task<IScenarioResult> Revoke(Guid id) => Host.Scenario(s =>
    {
        s.Delete.Url($"/api/keys/{id}");
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task the_last_active_admin_key_cannot_be_revoked()
    {
        var staff = (await Host.PostOk("/api/keys", new { name = "front desk", role = "staff" }))["id"]!.GetValue<Guid>();
        var before = await EventCount();

        var refused = await Revoke(await BootstrapKeyId());

        Assert.Equal(409, refused.Context.Response.StatusCode);
        Assert.Equal("application/problem+json", refused.Context.Response.ContentType?.Split(';')[0]);
        var detail = (await refused.ReadAsTextAsync());
        Assert.Contains("last active admin key", detail);
        Assert.Contains("Issue another admin key first", detail);
        Assert.Equal(before, await EventCount());
        Assert.Equal(200, (await Host.GetJson("/api/keys")).Status);
        Assert.Equal(200, (await Revoke(staff)).Context.Response.StatusCode);
    }

    [Fact]
    public async Task with_another_admin_the_key_can_be_revoked_and_then_that_one_is_the_last()
    {
        var second = await Host.PostOk("/api/keys", new { name = "second administrator", role = "admin" });

        Assert.Equal(200, (await Revoke(await BootstrapKeyId())).Context.Response.StatusCode);

        var refused = await Host.Scenario(s =>
        {
            s.Delete.Url($"/api/keys/{second["id"]}");
            s.WithBearerToken(second["key"]!.GetValue<string>());
            s.IgnoreStatusCode();
        });
        Assert.Equal(409, refused.Context.Response.StatusCode);
    }

    [Fact]
    public async Task two_admin_keys_revoked_at_the_same_moment_leave_one_active()
    {
        var bootstrap = await BootstrapKeyId();
        var second = await Host.PostOk("/api/keys", new { name = "second administrator", role = "admin" });
        var secondId = second["id"]!.GetValue<Guid>();

        // Each revokes the other: without turns, both see one other administrator and both succeed.
        var answers = await Task.WhenAll(
            Host.Scenario(s =>
            {
                s.Delete.Url($"/api/keys/{bootstrap}");
                s.WithBearerToken(second["key"]!.GetValue<string>());
                s.IgnoreStatusCode();
            }),
            Host.Scenario(s =>
            {
                s.Delete.Url($"/api/keys/{secondId}");
                s.IgnoreStatusCode();
            }));

        Assert.Equal([200, 409], answers.Select(a => a.Context.Response.StatusCode).Order());
        await using var session = Fixture.Store.QuerySession();
        Assert.Equal(1, await session.Query<ApiKey>().CountAsync(k => k.Role == Role.Admin && k.RevokedAt == null));
    }

    [Fact]
    public async Task a_revoked_bootstrap_key_stays_revoked_after_a_restart_and_the_log_says_how_to_set_a_new_one()
    {
        var second = await Host.PostOk("/api/keys", new { name = "second administrator", role = "admin" });
        Assert.Equal(200, (await Revoke(await BootstrapKeyId())).Context.Response.StatusCode);

        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [BootstrapKey.Setting] = AppFixture.AdminKey }).Build();
        await new BootstrapKey(configuration, Fixture.Store, factory.CreateLogger<BootstrapKey>()).StartAsync(CancellationToken.None);

        (await Host.GetJson("/api/organizations")).ShouldBeProblem(401);
        var warning = Assert.Single(logs.Entries, e => e.StartsWith("Warning"));
        Assert.Contains("stays revoked", warning);
        Assert.Contains("set Auth:BootstrapKey to a new value", warning);
        Assert.DoesNotContain(AppFixture.AdminKey, warning);
        Assert.Equal(200, (await Host.GetJson("/api/keys", s => s.WithBearerToken(second["key"]!.GetValue<string>()))).Status);
    }
}
