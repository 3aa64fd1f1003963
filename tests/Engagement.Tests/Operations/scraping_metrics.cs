using Alba;
using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;

namespace Engagement.Tests.Operations;

public class scraping_metrics(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<(int Status, string Text)> Scrape(string authorization)
    {
        var result = await ScrapeWith(authorization);
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private Task<IScenarioResult> ScrapeWith(string authorization) => Host.Scenario(s =>
    {
        s.Get.Url("/metrics");
        // An empty header keeps the fixture from sending the admin key: the scrape is anonymous.
        s.WithRequestHeader("Authorization", authorization);
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task an_admin_scrapes_request_event_projection_and_queue_metrics_by_name()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        await Host.Meeting(new DateOnly(2026, 11, 2), ministry);
        await Fixture.SettleAsync();

        string[] names =
        [
            "http_server_request_duration_seconds", "marten_event_append", "engagement_projection_lag_events",
            "engagement_projection_lag_seconds", "engagement_webhook_deliveries_pending",
            "engagement_webhook_deliveries_oldest_pending_seconds"
        ];
        var text = "";
        // The projection lag and queue gauges are sampled every few seconds.
        for (var waited = 0; waited < 150 && names.Any(n => !text.Contains(n)); waited++)
        {
            var (status, body) = await Scrape($"Bearer {AppFixture.AdminKey}");
            Assert.Equal(200, status);
            text = body;
            if (names.Any(n => !text.Contains(n))) await Task.Delay(100);
        }
        Assert.All(names, n => Assert.Contains(n, text));
        Assert.Contains("projection=\"", text);
    }

    [Fact]
    public async Task metrics_are_for_admins_only()
    {
        var viewer = (await Host.PostOk("/api/keys", new { name = "dashboard", role = "viewer" }))["key"]!.GetValue<string>();

        Assert.Equal(403, (await Scrape($"Bearer {viewer}")).Status);
        var anonymous = await ScrapeWith("");
        // Not an API path, so an anonymous caller is sent to sign in, as a browser would be.
        Assert.Equal(302, anonymous.Context.Response.StatusCode);
        Assert.Equal("/auth/sign-in?ReturnUrl=%2Fmetrics", new Uri(anonymous.Context.Response.Headers.Location.ToString()).PathAndQuery);
        Assert.DoesNotContain("http_server_request_duration_seconds", await anonymous.ReadAsTextAsync());
    }
}
