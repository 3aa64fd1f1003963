using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.Webhooks;

public class pulling_events(WebhookFixture fixture) : WebhookTest(fixture)
{
    private async Task<JsonNode> Feed(string query) => await Host.GetOk($"/api/events{query}");

    [Fact]
    public async Task the_feed_serves_the_delivered_envelopes_in_sequence_order()
    {
        var receiver = await ReceiverAsync();
        await SubscribeAsync(receiver);
        var ministry = await Host.Organization("Ministry of Commerce");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var person = await Host.Person("Vice Minister", ministry, "Vice Minister");
        var meeting = await Host.Meeting(new DateOnly(2023, 7, 14), ministry, chamber);
        // Due after today, so the overdue check appends no eighth event while the test writes.
        var commitment = await Host.Commitment(meeting, ministry, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));
        await Host.PostOk($"/api/commitments/{commitment}/progress", new { note = "First consultation held" });
        await Host.PostOk($"/api/commitments/{commitment}/fulfilment", new { note = "Done" });

        var delivered = (await Eventually("seven deliveries", receiver, r => r.Count(x => x.Status == 200) >= 7))
            .OrderBy(r => r.Sequence).ToList();
        Assert.Equal(7, delivered.Count);
        var after = delivered[0].Sequence - 1;
        var page = await Eventually("the feed to reach the last event", async () =>
        {
            var feed = await Feed($"?after={after}&limit=7");
            return feed["events"]!.AsArray().Count == 7 ? feed : null;
        });

        var events = page["events"]!.AsArray();
        Assert.Equal(delivered.Select(d => d.Sequence), events.Select(e => e!["sequence"]!.GetValue<long>()));
        foreach (var (envelope, delivery) in events.Zip(delivered))
            Assert.True(JsonNode.DeepEquals(envelope, delivery.Json), $"{envelope!.ToJsonString()}\n{delivery.Body}");
        Assert.Equal(delivered[^1].Sequence, page["next"]!.GetValue<long>());

        var registered = events.Single(e => e!["type"]!.GetValue<string>() == "person.registered")!["data"]!;
        Assert.Equal(person, registered["person"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Ministry of Commerce", registered["organization"]!["name"]!.GetValue<string>());
        var progressed = events.Single(e => e!["type"]!.GetValue<string>() == "commitment.progressed")!["data"]!;
        Assert.Equal(commitment, progressed["commitment"]!["id"]!.GetValue<Guid>());
        Assert.Equal("We will follow up", progressed["commitment"]!["description"]!.GetValue<string>());
        Assert.Equal("Ministry of Commerce", progressed["owner"]!["name"]!.GetValue<string>());
        Assert.Equal(meeting, progressed["meeting"]!["id"]!.GetValue<Guid>());
        Assert.Equal("First consultation held", progressed["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_feed_filters_by_type_and_pages_with_next()
    {
        var receiver = await ReceiverAsync();
        await SubscribeAsync(receiver);
        var ministry = await Host.Organization("Ministry of Justice");
        var member = await Host.Organization("Member A", "member");
        var meeting = await Host.Meeting(new DateOnly(2024, 1, 10), ministry, member);
        await Host.Suggestion(meeting, member, ministry);
        await Host.Suggestion(meeting, member, ministry, "tax");
        var start = (await Eventually("five deliveries", receiver, r => r.Count(x => x.Status == 200) == 5)).Min(r => r.Sequence) - 1;

        var raised = await Eventually("the feed to reach the suggestions", async () =>
        {
            var feed = await Feed($"?after={start}&types=suggestion.raised,commitment.made");
            return feed["events"]!.AsArray().Count == 2 ? feed : null;
        });
        Assert.All(raised["events"]!.AsArray(), e => Assert.Equal("suggestion.raised", e!["type"]!.GetValue<string>()));

        var first = await Feed($"?after={start}&limit=2");
        Assert.Equal(["organization.registered", "organization.registered"],
            first["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        var second = await Feed($"?after={first["next"]!.GetValue<long>()}&limit=2");
        Assert.Equal(["meeting.logged", "suggestion.raised"], second["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        var third = await Feed($"?after={second["next"]!.GetValue<long>()}&limit=2");
        Assert.Equal(["suggestion.raised"], third["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        var empty = await Feed($"?after={third["next"]!.GetValue<long>()}");
        Assert.Empty(empty["events"]!.AsArray());
        Assert.True(empty["next"]!.GetValue<long>() >= third["next"]!.GetValue<long>());
    }

    [Fact]
    public async Task an_endpoint_receives_only_the_types_it_subscribed_to()
    {
        var everything = await ReceiverAsync();
        var asks = await ReceiverAsync();
        await SubscribeAsync(everything);
        await SubscribeAsync(asks, "suggestion.raised");

        var ministry = await Host.Organization("Ministry of Trade");
        var member = await Host.Organization("Member B", "member");
        var meeting = await Host.Meeting(new DateOnly(2024, 2, 1), ministry, member);
        var suggestion = await Host.Suggestion(meeting, member, ministry);

        await Eventually("four deliveries to the catch-all endpoint", everything, r => r.Count(x => x.Status == 200) == 4);
        var only = Assert.Single(await Eventually("the suggestion", asks, r => r.Count >= 1));
        Assert.Equal("suggestion.raised", only.Type);
        Assert.Equal(suggestion, only.Json["data"]!["suggestion"]!["id"]!.GetValue<Guid>());
    }
}
