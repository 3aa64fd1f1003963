using Engagement.Tests.Support;

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

    [Fact]
    public async Task fifty_concurrent_responses_without_if_match_are_all_recorded()
    {
        var suggestion = await OpenSuggestion();

        var answers = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Host.PostJson($"/api/suggestions/{suggestion}/responses", new { text = $"Response {i}" })));

        Assert.All(answers, a => Assert.True(a.Status == 200, $"{a.Status}: {a.Body?.ToJsonString()}"));
        Assert.Equal(Enumerable.Range(2, 50).Select(v => (long)v),
            answers.Select(a => a.Body!["version"]!.GetValue<long>()).Order());
        Assert.Equal(51, (await Host.GetOk($"/api/suggestions/{suggestion}/history")).AsArray().Count);
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
}
