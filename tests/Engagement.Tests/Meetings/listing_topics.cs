using Engagement.Tests.Support;

namespace Engagement.Tests.Meetings;

public class listing_topics(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task topics_in_use_come_most_used_first_and_q_keeps_those_containing_it()
    {
        var ministry = await Host.Organization("Ministry");
        foreach (var topics in new[] { new[] { "Trade", "Data" }, ["trade", "Tax"], ["Trade"] })
            await Host.PostOk("/api/meetings", new { title = "Meeting", heldOn = new DateOnly(2026, 1, 5), organizationIds = new[] { ministry }, topics });

        var all = (await Host.GetOk("/api/topics"))["items"]!.AsArray();
        Assert.Equal(["Trade 3", "Data 1", "Tax 1"], all.Select(t => $"{t!["topic"]} {t["meetings"]}"));
        var some = (await Host.GetOk("/api/topics?q=ta"))["items"]!.AsArray();
        Assert.Equal(["Data", "Tax"], some.Select(t => t!["topic"]!.GetValue<string>()));
    }
}
