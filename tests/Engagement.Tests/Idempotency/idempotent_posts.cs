using Engagement.Tests.Support;

namespace Engagement.Tests.Idempotency;

public class idempotent_posts(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly object Ministry = new { name = "Ministry of Commerce", kind = "government" };

    [Fact]
    public async Task a_retry_with_the_same_key_returns_the_original_answer_and_appends_nothing()
    {
        var first = await Host.PostJson("/api/organizations", Ministry, s => s.WithRequestHeader("Idempotency-Key", "key-1"));
        var afterFirst = await EventCount();
        var retry = await Host.PostJson("/api/organizations", Ministry, s => s.WithRequestHeader("Idempotency-Key", "key-1"));

        Assert.Equal(201, first.Status);
        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Body!["id"]!.GetValue<Guid>(), retry.Body!["id"]!.GetValue<Guid>());
        Assert.Equal(first.Result.Context.Response.Headers.Location.ToString(), retry.Result.Context.Response.Headers.Location.ToString());
        Assert.Equal("true", retry.Result.Context.Response.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(afterFirst, await EventCount());
        Assert.Equal(1, afterFirst);
    }

    [Fact]
    public async Task the_same_key_with_a_different_body_is_unprocessable()
    {
        await Host.PostJson("/api/organizations", Ministry, s => s.WithRequestHeader("Idempotency-Key", "key-2"));
        var before = await EventCount();

        var reused = await Host.PostJson("/api/organizations", new { name = "Another body", kind = "member" },
            s => s.WithRequestHeader("Idempotency-Key", "key-2"));

        reused.ShouldBeProblem(422);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task a_rejected_request_is_replayed_as_rejected()
    {
        var invalid = new { name = "", kind = "government" };
        var first = await Host.PostJson("/api/organizations", invalid, s => s.WithRequestHeader("Idempotency-Key", "key-3"));
        var retry = await Host.PostJson("/api/organizations", invalid, s => s.WithRequestHeader("Idempotency-Key", "key-3"));

        first.ShouldRejectField("name");
        retry.ShouldRejectField("name");
        Assert.Equal(0, await EventCount());
    }

    [Fact]
    public async Task different_keys_are_different_requests()
    {
        // The same organisation twice: only a confirmed duplicate is registered again.
        var again = new { name = "Ministry of Commerce", kind = "government", confirmDuplicate = true };
        await Host.PostJson("/api/organizations", again, s => s.WithRequestHeader("Idempotency-Key", "key-4"));
        await Host.PostJson("/api/organizations", again, s => s.WithRequestHeader("Idempotency-Key", "key-5"));
        Assert.Equal(2, await EventCount());
    }

    [Fact]
    public async Task a_key_with_control_characters_is_refused()
    {
        var response = await Host.PostJson("/api/organizations", Ministry, s => s.WithRequestHeader("Idempotency-Key", "bad key"));
        response.ShouldBeProblem(400);
        Assert.Equal(0, await EventCount());
    }
}
