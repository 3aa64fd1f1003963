using Engagement.Tests.Support;

namespace Engagement.Tests.Security;

[Collection(LoggedCollection.Name)]
public class races_in_logs(LoggedHost fixture) : SecurityTest<LoggedHost>(fixture)
{
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

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Host.PostJson($"/api/suggestions/{suggestion}/responses",
            new { text = $"Response {i}" }, s => s.WithBearerToken(Fixture.AdminKey))));

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        var entries = Fixture.Logs.Entries.ToList();
        Assert.Contains(entries, e => e.StartsWith("Debug ", StringComparison.Ordinal) && e.Contains("Lost a concurrency race"));
        // Errors logged while serving the requests (the daemon's own, from this host's data reset, are not theirs).
        var errors = entries.Where(e => (e.StartsWith("Error ", StringComparison.Ordinal) || e.StartsWith("Critical ", StringComparison.Ordinal))
                                        && e.Contains("RequestPath:/api/suggestions/", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"errors were logged: {string.Join(Environment.NewLine, errors.Take(3))}");
    }
}
