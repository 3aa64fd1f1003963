using Alba;
using Engagement.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Tests.Security;

/// <summary>A host whose every log entry, at every level and from every category, is kept for inspection.</summary>
public sealed class LoggedHost : SecurityHost
{
    public CapturingLoggerProvider Logs { get; } = new();

    public override string AdminKey => "eng_logged-bootstrap-admin-key-0123456789abcdef";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddLogging(logging => logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
}

[CollectionDefinition(Name)]
public sealed class LoggedCollection : ICollectionFixture<LoggedHost>
{
    public const string Name = "captured logs";
}

[Collection(LoggedCollection.Name)]
public class secrets_in_logs(LoggedHost fixture) : SecurityTest<LoggedHost>(fixture)
{
    private const string BadKey = "eng_a-key-nobody-issued-9876543210fedcba9876543210";

    [Fact]
    public async Task no_log_entry_holds_an_issued_a_refused_or_the_bootstrap_key()
    {
        var issued = await Host.PostJson("/api/keys", new { name = "logged staff", role = "staff" }, s => s.WithBearerToken(Fixture.AdminKey));
        var key = issued.Body!["key"]!.GetValue<string>();
        Assert.Equal(201, (await Host.PostJson("/api/organizations", new { name = "Logged Ministry", kind = "government" },
            s => s.WithBearerToken(key))).Status);
        Assert.Equal(200, (await Host.GetJson("/api/organizations", s => s.WithBearerToken(key))).Status);
        (await Host.GetJson("/api/organizations", s => s.WithBearerToken(BadKey))).ShouldBeProblem(401);
        (await Host.GetJson("/api/organizations", s => s.WithBearerToken(key + "x"))).ShouldBeProblem(401);
        var browser = new Browser(Host);
        await browser.SignIn(key);
        await browser.SignIn(BadKey);
        await browser.PostForm("/auth/sign-in", ("key", key));
        await Host.PostJson("/api/organizations", $"{{\"name\":\"{key}\",\"kind\":", s => s.WithBearerToken(key));
        var revoked = await Host.Scenario(s =>
        {
            s.Delete.Url($"/api/keys/{issued.Body!["id"]}");
            s.WithBearerToken(Fixture.AdminKey);
        });
        Assert.Equal(200, revoked.Context.Response.StatusCode);
        (await Host.GetJson("/api/organizations", s => s.WithBearerToken(key))).ShouldBeProblem(401);

        var entries = Fixture.Logs.Entries;
        Assert.True(entries.Count > 100, $"only {entries.Count} log entries were captured; is the provider registered?");
        Assert.Contains(entries, e => e.Contains("Issued the bootstrap admin key eng_logged", StringComparison.Ordinal));
        foreach (var (secret, what) in new[] { (key, "the issued key"), (BadKey, "the refused key"), (Fixture.AdminKey, "the bootstrap key") })
        {
            var leaks = entries.Where(e => e.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"{what} is in {leaks.Count} log entries, first: {leaks.FirstOrDefault()}");
        }
    }
}
