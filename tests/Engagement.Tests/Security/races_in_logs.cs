using Engagement.Suggestions;
using Engagement.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Security;

[Collection(LoggedCollection.Name)]
public class races_in_logs(LoggedHost fixture) : SecurityTest<LoggedHost>(fixture)
{
    /// <summary>What <see cref="Engagement.Infrastructure.ConcurrencyRetry"/> logs as it runs a request again.</summary>
    private const string RetriedRequest = "Lost a concurrency race on POST /api/suggestions/";

    private async Task<Guid> Created(string path, object body)
    {
        var created = await Host.PostJson(path, body, s => s.WithBearerToken(Fixture.AdminKey));
        Assert.True(created.Status is 200 or 201, $"{path}: {created.Status} {created.Body?.ToJsonString()}");
        return created.Body!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task writes_that_lose_a_concurrency_race_and_run_again_log_no_error()
    {
        var ministry = await Created("/api/organizations", new { name = "Ministry of Commerce", kind = "government" });
        var member = await Created("/api/organizations", new { name = "Acme", kind = "member" });
        var meeting = await Created("/api/meetings", new { title = "Meeting", heldOn = "2026-11-02", organizationIds = new[] { ministry, member } });
        var suggestion = await Created($"/api/meetings/{meeting}/suggestions",
            new { raisedById = member, addressedToId = ministry, topic = "trade", text = "Please consider this" });
        Fixture.Logs.Clear();

        // Writes through the API take turns on a stream, so the race is with a writer that does not: one appending
        // straight to the store every few milliseconds (as the overdue check does now and then), until a request has
        // lost to it and run again.
        using var stop = new CancellationTokenSource();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        bool retried() => Fixture.Logs.Entries.Any(e => e.StartsWith("Debug ", StringComparison.Ordinal) && e.Contains(RetriedRequest));
        var rival = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && !retried())
            {
                await using var session = store.LightweightSession();
                session.Events.Append(suggestion, new SuggestionResponded(suggestion, Guid.NewGuid(), "Noted", new DateOnly(2026, 11, 3)));
                try
                {
                    await session.SaveChangesAsync();
                }
                catch (Exception e) when (Engagement.Infrastructure.ConcurrencyRetry.IsLostRace(e))
                {
                    // Lost to one of the requests: it simply writes again.
                }
                await Task.Delay(10);
            }
        });
        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Host.PostJson($"/api/suggestions/{suggestion}/responses",
            new { text = $"Response {i}" }, s => s.WithBearerToken(Fixture.AdminKey))));
        await stop.CancelAsync();
        await rival;

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        var entries = Fixture.Logs.Entries.ToList();
        Assert.True(retried(), "no request lost a race and ran again");
        // Errors logged while serving the requests (the daemon's own, from this host's data reset, are not theirs).
        var errors = entries.Where(e => (e.StartsWith("Error ", StringComparison.Ordinal) || e.StartsWith("Critical ", StringComparison.Ordinal))
                                        && e.Contains("RequestPath:/api/suggestions/", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"errors were logged: {string.Join(Environment.NewLine, errors.Take(3))}");
    }
}
