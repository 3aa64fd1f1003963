using System.Diagnostics;

namespace Engagement.Tests.Webhooks;

/// <summary>
/// Throughput and isolation of deliveries, timed from the commit of a backlog (so the fan-out is included). The bounds
/// are generous for a busy machine yet well beyond one request at a time per endpoint through a message queue, which took
/// 28 s for the thousand and 19 s for the three thousand.
/// </summary>
public class delivering_at_volume(WebhookFixture fixture) : WebhookTest(fixture)
{
    [Fact]
    public async Task a_backlog_of_a_thousand_events_reaches_one_endpoint_at_more_than_200_a_second()
    {
        var receiver = await ReceiverAsync();
        await SubscribeAsync(receiver, "organization.registered");

        var clock = await RecordOrganizationsAsync(1000, "Backlog");

        var received = await Eventually("a thousand deliveries", receiver, r => Delivered(r) >= 1000);
        var elapsed = clock.Elapsed;
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"1,000 deliveries took {elapsed.TotalSeconds:0.0} s");
        Assert.Equal(1000, received.Where(r => r.Status == 200).Select(r => r.Id).Distinct().Count());
        Assert.InRange(receiver.MaxInFlight, 1, WebhookFixture.MaxInFlightPerEndpoint);
    }

    [Fact]
    public async Task ten_endpoints_take_more_than_500_deliveries_a_second_between_them()
    {
        var receivers = new List<Receiver>();
        for (var i = 0; i < 10; i++)
        {
            var receiver = await ReceiverAsync();
            await SubscribeAsync(receiver, "organization.registered");
            receivers.Add(receiver);
        }

        var clock = await RecordOrganizationsAsync(300, "Fan");
        var committed = DateTimeOffset.UtcNow;

        await Eventually("300 deliveries at each of ten endpoints", () =>
            Task.FromResult(receivers.All(r => Delivered(r.Requests) >= 300) ? receivers : null));
        var elapsed = clock.Elapsed;
        var first = receivers.SelectMany(r => r.Requests).Min(r => r.At) - committed;
        Assert.True(elapsed < TimeSpan.FromSeconds(10),
            $"3,000 deliveries took {elapsed.TotalSeconds:0.0} s, the first after {first.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task an_endpoint_that_hangs_does_not_hold_back_another()
    {
        var hanging = await ReceiverAsync(Answer.Hang);
        var healthy = await ReceiverAsync();
        await SubscribeAsync(hanging, "organization.registered");
        await SubscribeAsync(healthy, "organization.registered");

        var clock = await RecordOrganizationsAsync(200, "Beside a hanging one");

        await Eventually("200 deliveries at the healthy endpoint", healthy, r => Delivered(r) >= 200);
        var elapsed = clock.Elapsed;
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"the healthy endpoint waited {elapsed.TotalSeconds:0.0} s");
        Assert.InRange(hanging.MaxInFlight, 1, WebhookFixture.MaxInFlightPerEndpoint);
    }

    [Fact]
    public async Task retries_go_out_within_a_second_of_when_they_are_due_even_behind_a_backlog()
    {
        var failing = await ReceiverAsync(Answer.Error500);
        var healthy = await ReceiverAsync();
        await SubscribeAsync(failing, "organization.registered");
        await SubscribeAsync(healthy, "organization.registered");

        await RecordOrganizationsAsync(100, "Retried");

        // The fixture's schedule: 300 ms, 500 ms and 1 s after the first, second and third attempts.
        var attempts = await Eventually("four attempts of every delivery", failing,
            r => r.GroupBy(x => x.Id).Count(g => g.Count() >= 4) == 100);
        await Eventually("100 deliveries at the healthy endpoint", healthy, r => Delivered(r) >= 100);
        var schedule = WebhookFixture.RetrySchedule.Split(',').Select(Engagement.Webhooks.WebhookSettings.ParseDuration).ToArray();
        var lateness = (
            from g in attempts.GroupBy(x => x.Id)
            let tries = g.OrderBy(x => x.At).ToArray()
            from n in Enumerable.Range(1, 3)
            select tries[n].At - tries[n - 1].At - schedule[n]).ToList();
        Assert.True(lateness.Max() < TimeSpan.FromSeconds(1),
            $"a retry went out {lateness.Max().TotalMilliseconds:0} ms after it was due");
        Assert.True(lateness.Min() > -TimeSpan.FromMilliseconds(50),
            $"a retry went out {-lateness.Min().TotalMilliseconds:0} ms before it was due");
    }

    private static int Delivered(IReadOnlyList<Received> requests) =>
        requests.Where(r => r.Status == 200).Select(r => r.Id).Distinct().Count();
}
