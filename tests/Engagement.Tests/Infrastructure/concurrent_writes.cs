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
