using Engagement.Tests.Support;
using Engagement.Tests.Webhooks;
using Engagement.Tests.Work;

namespace Engagement.Tests.Confidentiality;

/// <summary>A restricted meeting's content leaves only for an endpoint an administrator cleared for it.</summary>
public class confidential_webhooks(WebhookFixture fixture) : WebhookTest(fixture)
{
    [Fact]
    public async Task a_delivery_omits_restricted_content_unless_the_endpoint_is_cleared_for_it()
    {
        var secret = "zq" + Guid.NewGuid().ToString("N");
        var plain = await ReceiverAsync();
        await SubscribeAsync(plain, "meeting.note-added");
        var cleared = await ReceiverAsync();
        var confidential = (await Host.PostOk("/api/webhooks",
            new { url = cleared.Url, eventTypes = new[] { "meeting.note-added" }, confidential = true }))["id"]!.GetValue<Guid>();
        try
        {
            Assert.True((await Host.GetOk($"/api/webhooks/{confidential}"))["confidential"]!.GetValue<bool>());
            var staff = await Host.ActiveUser("Cleared Staff");
            var ministry = await Host.Organization($"Ministry {secret[..8]}");
            var meeting = (await Host.PostOk("/api/meetings", new { title = $"Talks {secret}", heldOn = new DateOnly(2026, 11, 20),
                organizationIds = new[] { ministry } }))["id"]!.GetValue<Guid>();
            await Host.Scenario(s =>
            {
                s.Put.Json(new { allowedUserIds = new[] { staff.Id } }).ToUrl($"/api/meetings/{meeting}/restriction");
                s.StatusCodeShouldBe(200);
            });
            await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = $"Note {secret}" });

            // The note is recorded after the restriction, so its delivery is written knowing of it.
            bool Both(IReadOnlyList<Received> r) => r.Any(x => x.Type == "meeting.note-added" && x.Body.Contains(meeting.ToString()));
            var whole = (await Eventually("the cleared endpoint's deliveries", cleared, Both)).Where(x => x.Body.Contains(meeting.ToString())).ToList();
            var redacted = (await Eventually("the other endpoint's deliveries", plain, Both)).Where(x => x.Body.Contains(meeting.ToString())).ToList();

            Assert.All(whole, x => Assert.Contains(secret, x.Body));
            Assert.All(redacted, x => Assert.DoesNotContain(secret, x.Body));
            var note = redacted.Single(x => x.Type == "meeting.note-added").Json["data"]!;
            Assert.Equal("Restricted meeting", note["meeting"]!["name"]!.GetValue<string>());
            Assert.Equal("Restricted", note["text"]!.GetValue<string>());
        }
        finally
        {
            await Host.Scenario(s => { s.Delete.Url($"/api/webhooks/{confidential}"); s.IgnoreStatusCode(); });
        }
    }
}
