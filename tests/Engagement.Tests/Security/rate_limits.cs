using Alba;
using Engagement.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Engagement.Tests.Security;

/// <summary>A host that lets each caller send five requests a minute.</summary>
public sealed class RateLimitedHost : SecurityHost
{
    public const int PermitsPerMinute = 5;

    protected override void Configure(IWebHostBuilder builder) =>
        builder.UseSetting("RateLimiting:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

[CollectionDefinition(Name)]
public sealed class RateLimitCollection : ICollectionFixture<RateLimitedHost>
{
    public const string Name = "rate limits";
}

/// <summary>
/// The limiter's windows are real minutes and outlive a test, so each test uses callers of its own: keys with new
/// names, issued directly in the store so that issuing them spends no permits.
/// </summary>
[Collection(RateLimitCollection.Name)]
public class rate_limits(RateLimitedHost fixture) : SecurityTest<RateLimitedHost>(fixture)
{
    private async Task<string> Key(string role = "viewer", string? name = null)
    {
        var key = Engagement.Access.ApiKeys.NewSecret();
        var id = Guid.CreateVersion7();
        await using var session = Fixture.Store.LightweightSession();
        session.Events.StartStream<Engagement.Access.ApiKey>(id, new Engagement.Access.ApiKeyIssued(id, name ?? $"caller {Guid.NewGuid():N}",
            Enum.Parse<Engagement.Access.Role>(role, ignoreCase: true), Engagement.Access.ApiKeys.Hash(key), Engagement.Access.ApiKeys.Shown(key)));
        await session.SaveChangesAsync();
        return key;
    }

    private Task<(int Status, System.Text.Json.Nodes.JsonNode? Body, IScenarioResult Result)> List(string key) =>
        Host.GetJson("/api/organizations", s => s.WithBearerToken(key));

    [Fact]
    public async Task the_request_after_the_permits_of_a_minute_is_a_429_problem_with_retry_after()
    {
        var key = await Key();
        for (var i = 1; i <= RateLimitedHost.PermitsPerMinute; i++)
            Assert.True((await List(key)).Status == 200, $"request {i} of {RateLimitedHost.PermitsPerMinute} was refused");

        var refused = await List(key);

        refused.ShouldBeProblem(429);
        var retryAfter = refused.Result.Context.Response.Headers.RetryAfter.ToString();
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds is >= 1 and <= 60, $"Retry-After: '{retryAfter}'");
        Assert.Equal("nosniff", refused.Result.Context.Response.Headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public async Task another_key_still_gets_through_while_one_is_limited()
    {
        var busy = await Key();
        var other = await Key();
        for (var i = 0; i <= RateLimitedHost.PermitsPerMinute; i++) await List(busy);
        Assert.Equal(429, (await List(busy)).Status);

        Assert.Equal(200, (await List(other)).Status);
    }

    [Fact]
    public async Task two_keys_with_the_same_name_have_windows_of_their_own()
    {
        var name = $"integration {Guid.NewGuid():N}";
        var busy = await Key(name: name);
        var namesake = await Key(name: name);
        for (var i = 0; i <= RateLimitedHost.PermitsPerMinute; i++) await List(busy);
        Assert.Equal(429, (await List(busy)).Status);

        Assert.Equal(200, (await List(namesake)).Status);
    }

    [Fact]
    public async Task refused_writes_over_the_limit_append_nothing()
    {
        var staff = await Key("staff");
        for (var i = 0; i < RateLimitedHost.PermitsPerMinute; i++) await List(staff);
        var before = await Fixture.EventCount();

        var write = await Host.PostJson("/api/organizations", new { name = "Over the limit", kind = "member" }, s => s.WithBearerToken(staff));

        write.ShouldBeProblem(429);
        Assert.Equal(before, await Fixture.EventCount());
    }

    [Fact]
    public async Task guessing_keys_is_limited_per_client_address()
    {
        Task<(int Status, System.Text.Json.Nodes.JsonNode? Body, IScenarioResult Result)> Guess(string address, int i) =>
            Host.GetJson("/api/organizations", s =>
            {
                s.WithBearerToken($"eng_guess-{i}-000000000000000000000000000000000000");
                s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address));
            });
        for (var i = 0; i < RateLimitedHost.PermitsPerMinute; i++) (await Guess("203.0.113.7", i)).ShouldBeProblem(401);

        (await Guess("203.0.113.7", 99)).ShouldBeProblem(429);
        (await Guess("198.51.100.20", 99)).ShouldBeProblem(401);
    }
}
