using Engagement.Tests.Support;

namespace Engagement.Tests.Webhooks;

public class delivering_webhooks(WebhookFixture fixture) : WebhookTest(fixture)
{
    [Fact]
    public async Task every_event_is_delivered_signed_in_sequence_order_with_names_resolved()
    {
        var receiver = await ReceiverAsync();
        var (endpoint, secret) = await SubscribeAsync(receiver);

        var ministry = await Host.Organization("Ministry of Science and Technology");
        var member = await Host.Organization("Member Co", "member");
        var meeting = await Host.Meeting(new DateOnly(2023, 7, 14), ministry, member);
        var suggestion = await Host.Suggestion(meeting, member, ministry);
        await Host.PostOk($"/api/suggestions/{suggestion}/responses", new { text = "We will consider it" });

        var received = await Eventually("five deliveries", receiver, r => r.Count(x => x.Status == 200) >= 5);
        Assert.Equal(["organization.registered", "organization.registered", "meeting.logged", "suggestion.raised", "suggestion.responded"],
            received.Select(r => r.Type));
        Assert.Equal(received.Select(r => r.Sequence).Order(), received.Select(r => r.Sequence));
        Assert.All(received, r => Assert.True(
            StandardWebhooks.Verify(secret, r.Id, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow), $"signature of {r.Body}"));
        Assert.Equal(5, received.Select(r => r.Id).Distinct().Count());

        var raised = received[3].Json;
        Assert.Equal(suggestion, raised["data"]!["suggestion"]!["id"]!.GetValue<Guid>());
        Assert.Equal(member, raised["data"]!["raisedBy"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Member Co", raised["data"]!["raisedBy"]!["name"]!.GetValue<string>());
        Assert.Equal("Ministry of Science and Technology", raised["data"]!["addressedTo"]!["name"]!.GetValue<string>());
        Assert.Equal("Meeting", raised["data"]!["meeting"]!["name"]!.GetValue<string>());
        Assert.Equal("unauthenticated", raised["recordedBy"]!.GetValue<string>());
        Assert.Equal("Member Co", received[4].Json["data"]!["raisedBy"]!["name"]!.GetValue<string>());

        var log = await Eventually("five succeeded attempts in the log", async () =>
        {
            var rows = await DeliveriesAsync(endpoint, "succeeded");
            return rows.Count == 5 ? rows : null;
        });
        Assert.All(log, row =>
        {
            Assert.Equal(200, row!["responseCode"]!.GetValue<int>());
            Assert.Equal("thanks", row["responseBody"]!.GetValue<string>());
            Assert.Equal(1, row["attempt"]!.GetValue<int>());
        });
    }
}
