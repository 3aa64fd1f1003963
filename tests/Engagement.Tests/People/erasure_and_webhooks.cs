using Engagement.Tests.Support;
using Engagement.Tests.Webhooks;
using Engagement.Webhooks;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.People;

public class erasure_and_webhooks(WebhookFixture fixture) : WebhookTest(fixture)
{
    [Fact]
    public async Task the_erasure_is_sent_without_the_reason_and_a_replay_of_an_earlier_delivery_sends_the_masked_event()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await SubscribeAsync(receiver, "person.registered", "person.erased");
        var ministry = await Host.Organization($"Ministry {tag}");
        var person = await Host.Person($"Wang Lina {tag}", ministry, "Director of Trade");
        var registered = await Eventually("the registration delivered", () =>
            Task.FromResult(receiver.Requests.FirstOrDefault(r => r.Type == "person.registered" && r.Body.Contains(tag))));
        Assert.Contains("Wang Lina", registered.Body);

        await Host.PostOk($"/api/people/{person}/erasure", new { reason = "Letter of 3 November" });

        var erased = await Eventually("the erasure delivered", () =>
            Task.FromResult(receiver.Requests.FirstOrDefault(r => r.Type == "person.erased" && r.Body.Contains(person.ToString()))));
        Assert.Equal("Erased person", erased.Json["data"]!["person"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("Letter", erased.Body);
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var stored = await session.Query<Delivery>().Where(d => d.EndpointId == endpoint).ToListAsync();
            Assert.Equal(2, stored.Count);
            Assert.All(stored, d => Assert.DoesNotContain("Wang", d.Body));
        }

        Assert.Equal(202, (await Host.PostJson($"/api/webhooks/{endpoint}/replay",
            new { fromSequence = registered.Sequence, toSequence = registered.Sequence })).Status);
        var replayed = await Eventually("the replay delivered", () => Task.FromResult(receiver.Requests
            .Where(r => r.Type == "person.registered" && r.Sequence == registered.Sequence).Skip(1).FirstOrDefault()));
        Assert.Equal("Erased person", replayed.Json["data"]!["person"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("Wang", replayed.Body);
        Assert.DoesNotContain("Director", replayed.Body);
    }
}
