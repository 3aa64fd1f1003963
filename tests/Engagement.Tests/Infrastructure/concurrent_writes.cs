using Engagement.Suggestions;
using Engagement.Tests.Support;
using Marten;
using Marten.Services;
using Npgsql;

namespace Engagement.Tests.Infrastructure;

public class concurrent_writes(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> OpenSuggestion()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var member = await Host.Organization("Acme", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 2), ministry, member);
        return await Host.Suggestion(meeting, member, ministry);
    }

    private async Task<IReadOnlyList<object>> Events(Guid stream)
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(stream)).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task fifty_concurrent_responses_without_if_match_are_all_recorded()
    {
        var suggestion = await OpenSuggestion();

        var answers = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Host.PostJson($"/api/suggestions/{suggestion}/responses", new { text = $"Response {i}" })));

        Assert.All(answers, a => Assert.True(a.Status == 200, $"answered {a.Status}: {a.Body?.ToJsonString()}"));
        // Each answer names the version its own append made: all different, 2 to 51.
        Assert.Equal(Enumerable.Range(2, 50).Select(v => (long)v),
            answers.Select(a => a.Body!["version"]!.GetValue<long>()).Order());
        var responses = (await Events(suggestion)).OfType<SuggestionResponded>().Select(r => r.Text).ToList();
        Assert.Equal(50, responses.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"Response {i}").Order(), responses.Order());
    }

    /// <summary>
    /// Writers that keep coming, not one burst: each client sends its next response as soon as the last is answered, so
    /// a retry always meets new first attempts. Every write is still recorded.
    /// </summary>
    [Fact]
    public async Task thirty_two_clients_writing_to_one_suggestion_without_pause_have_every_response_recorded()
    {
        var suggestion = await OpenSuggestion();

        var answers = (await Task.WhenAll(Enumerable.Range(1, 32).Select(async client =>
        {
            var mine = new List<(int Status, string? Body)>();
            for (var i = 1; i <= 15; i++)
            {
                var answer = await Host.PostJson($"/api/suggestions/{suggestion}/responses", new { text = $"Response {client}.{i}" });
                mine.Add((answer.Status, answer.Body?.ToJsonString()));
            }
            return mine;
        }))).SelectMany(a => a).ToList();

        Assert.All(answers, a => Assert.True(a.Status == 200, $"answered {a.Status}: {a.Body}"));
        Assert.Equal(32 * 15, (await Events(suggestion)).OfType<SuggestionResponded>().Count());
    }

    [Fact]
    public async Task concurrent_writes_with_the_same_if_match_let_one_through_and_refuse_the_rest_with_412()
    {
        var suggestion = await OpenSuggestion();

        var answers = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Host.PostJson($"/api/suggestions/{suggestion}/responses", new { text = $"Response {i}" },
                s => s.WithRequestHeader("If-Match", "\"1\""))));

        Assert.Single(answers, a => a.Status == 200);
        Assert.All(answers.Where(a => a.Status != 200), a => a.ShouldBeProblem(412));
        Assert.Equal(2, (await Host.GetOk($"/api/suggestions/{suggestion}/history")).AsArray().Count);
    }

    [Fact]
    public async Task a_response_that_loses_the_race_to_a_resolution_is_decided_again_and_refused()
    {
        var suggestion = await OpenSuggestion();

        // Until this transaction commits, no other can add events: the response reads version 1, decides, and waits to
        // append; meanwhile the resolution is appended here, so the response's append fails on the version it read.
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockEvents = new NpgsqlCommand("lock table engagement.mt_events in share mode", connection, transaction))
            await lockEvents.ExecuteNonQueryAsync();
        var response = Host.PostJson($"/api/suggestions/{suggestion}/responses", new { text = "Too late" });
        await WaitForALockWait();
        await using (var resolver = Fixture.Store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            var stream = await resolver.Events.FetchForWriting<Suggestion>(suggestion);
            stream.AppendOne(new SuggestionResolved(suggestion, SuggestionOutcome.Adopted, null, Clock.Today));
            await resolver.SaveChangesAsync();
        }
        await transaction.CommitAsync();

        var problem = (await response).ShouldBeProblem(409);
        Assert.Equal("The suggestion is resolved; reopen it before recording another response.", problem.Text("detail"));
        Assert.DoesNotContain(await Events(suggestion), e => e is SuggestionResponded);
    }

    [Fact]
    public async Task concurrent_responses_with_idempotency_keys_replay_the_answer_of_the_attempt_that_committed()
    {
        var suggestion = await OpenSuggestion();
        var url = $"/api/suggestions/{suggestion}/responses";

        var first = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Host.PostJson(url, new { text = $"Response {i}" }, s => s.WithRequestHeader("Idempotency-Key", $"response-{i}"))));
        var again = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Host.PostJson(url, new { text = $"Response {i}" }, s => s.WithRequestHeader("Idempotency-Key", $"response-{i}"))));

        Assert.All(first, a => Assert.Equal(200, a.Status));
        Assert.Equal(first.Select(a => a.Body!.ToJsonString()), again.Select(a => a.Body!.ToJsonString()));
        Assert.Equal(first.Select(a => a.Result.Context.Response.Headers.ETag.ToString()),
            again.Select(a => a.Result.Context.Response.Headers.ETag.ToString()));
        Assert.All(again, a => Assert.Equal("true", a.Result.Context.Response.Headers["Idempotent-Replayed"].ToString()));
        Assert.Equal(10, (await Events(suggestion)).OfType<SuggestionResponded>().Count());
    }

    /// <summary>Until some statement of this database waits for a row lock (the request's append, blocked by ours).</summary>
    private async Task WaitForALockWait()
    {
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", connection);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((long)(await query.ExecuteScalarAsync())! == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The request never waited for the stream's lock.");
            await Task.Delay(10);
        }
    }
}
