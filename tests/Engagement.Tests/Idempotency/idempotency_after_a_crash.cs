using System.Text;
using System.Text.Json;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Engagement.Tests.Support;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Idempotency;

public class idempotency_after_a_crash(AppFixture fixture) : ApiTest(fixture)
{
    // Confirmed, so that each new key registers it again instead of answering "possibly a duplicate".
    private static readonly object Ministry = new { name = "Ministry of Commerce", kind = "government", confirmDuplicate = true };

    private Task<(int Status, System.Text.Json.Nodes.JsonNode? Body, Alba.IScenarioResult Result)> Post(string key, object? body = null) =>
        Host.PostJson("/api/organizations", body ?? Ministry, s => s.WithRequestHeader("Idempotency-Key", key));

    private async Task<int> Organizations()
    {
        await using var session = Fixture.Store.QuerySession();
        return await session.Query<Organization>().CountAsync();
    }

    private async Task<IReadOnlyList<IdempotentRequest>> Records()
    {
        await using var session = Fixture.Store.QuerySession();
        return await session.Query<IdempotentRequest>().ToListAsync();
    }

    [Fact]
    public async Task a_pending_record_left_by_a_crash_before_the_commit_does_not_block_the_retry()
    {
        // What the first attempt left when the process died before its write committed: a record with no answer.
        var hash = Engagement.Infrastructure.Idempotency.RequestHash("POST", "/api/organizations",
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Ministry, Scenarios.Json)));
        await using (var session = Fixture.Store.LightweightSession())
        {
            session.Store(new IdempotentRequest("bootstrap:crashed-before-commit", hash, Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }

        var retry = await Post("crashed-before-commit");

        Assert.Equal(201, retry.Status);
        Assert.Equal(1, await Organizations());
        var again = await Post("crashed-before-commit");
        Assert.Equal("true", again.Result.Context.Response.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(retry.Body!["id"]!.GetValue<Guid>(), again.Body!["id"]!.GetValue<Guid>());
        Assert.Equal(1, await Organizations());
    }

    [Fact]
    public async Task a_write_that_committed_but_never_answered_is_answered_on_retry_and_not_repeated()
    {
        var crash = new CrashAfterCommit();
        var listeners = ((DocumentStore)Fixture.Store).Options.Listeners;
        listeners.Add(crash);
        (int Status, System.Text.Json.Nodes.JsonNode? Body, Alba.IScenarioResult Result) first;
        try
        {
            first = await Post("crashed-after-commit");
        }
        finally
        {
            listeners.Remove(crash);
        }
        Assert.Equal(500, first.Status);
        Assert.Equal(1, await Organizations());

        var retry = await Post("crashed-after-commit");

        Assert.Equal(201, retry.Status);
        Assert.Equal("true", retry.Result.Context.Response.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal("\"1\"", retry.Result.Context.Response.Headers.ETag.ToString());
        await using var session = Fixture.Store.QuerySession();
        var organization = await session.Query<Organization>().SingleAsync();
        Assert.Equal(organization.Id, retry.Body!["id"]!.GetValue<Guid>());
        Assert.Equal($"/api/organizations/{organization.Id}", retry.Result.Context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task the_record_of_a_write_commits_in_the_same_transaction_as_its_events()
    {
        var written = await Post("same-transaction");
        var id = written.Body!["id"]!.GetValue<Guid>();

        await using var session = Fixture.Store.QuerySession();
        var recordTransaction = await session.QueryAsync<string>(
            "select xmin::text from engagement.mt_doc_idempotentrequest where id = ?", "bootstrap:same-transaction");
        var eventTransaction = await session.QueryAsync<string>("select xmin::text from engagement.mt_events where stream_id = ?", id);
        Assert.Equal(eventTransaction.Single(), recordTransaction.Single());
    }

    [Fact]
    public async Task concurrent_requests_with_one_key_write_once_and_all_get_the_same_answer()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Post("at-once")));

        Assert.All(answers, a => Assert.True(a.Status == 201, $"{a.Status}: {a.Body?.ToJsonString()}"));
        Assert.Single(answers.Select(a => a.Body!["id"]!.GetValue<Guid>()).Distinct());
        Assert.Equal(1, await Organizations());
    }

    [Fact]
    public async Task records_expire_after_the_retention_and_are_pruned()
    {
        await Post("expiring");
        Clock.Advance(TimeSpan.FromHours(23));
        await Post("kept");
        Clock.Advance(TimeSpan.FromHours(2));

        await Host.Services.GetRequiredService<Retention>().PruneAsync(CancellationToken.None);

        Assert.Equal(["bootstrap:kept"], (await Records()).Select(r => r.Id));
        Assert.Equal(201, (await Post("expiring")).Status);
        Assert.Equal(3, await Organizations());
    }

    [Fact]
    public async Task an_answer_that_shows_a_secret_is_kept_encrypted()
    {
        var issued = await Host.PostJson("/api/keys", new { name = "robot", role = "staff" },
            s => s.WithRequestHeader("Idempotency-Key", "issue-robot"));
        var key = issued.Body!["key"]!.GetValue<string>();

        await using var session = Fixture.Store.QuerySession();
        var raw = await session.QueryAsync<string>("select data::text from engagement.mt_doc_idempotentrequest");
        Assert.DoesNotContain(raw, r => r.Contains(key, StringComparison.Ordinal));
        var replay = await Host.PostJson("/api/keys", new { name = "robot", role = "staff" },
            s => s.WithRequestHeader("Idempotency-Key", "issue-robot"));
        Assert.Equal(key, replay.Body!["key"]!.GetValue<string>());
    }

    /// <summary>The process dying after PostgreSQL committed a write and before the answer went out.</summary>
    private sealed class CrashAfterCommit : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) =>
            commit.GetEvents().Any(e => e.Data is OrganizationRegistered) ? throw new InvalidOperationException("crash") : Task.CompletedTask;
    }
}
