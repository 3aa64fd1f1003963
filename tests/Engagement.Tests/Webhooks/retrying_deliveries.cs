using Engagement.Webhooks;

namespace Engagement.Tests.Webhooks;

public class retrying_deliveries
{
    private static readonly IReadOnlyList<TimeSpan> Schedule = WebhookSettings.DefaultRetrySchedule;

    private static AttemptOutcome Answered(int status, TimeSpan? retryAfter = null) =>
        new(status, "", null, TimeSpan.FromMilliseconds(20), retryAfter);

    private static readonly AttemptOutcome NoAnswer = new(null, null, "Connection refused", TimeSpan.FromMilliseconds(1), null);

    [Fact]
    public void the_default_schedule_is_svix_style()
    {
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
                TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)], Schedule);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(204)]
    public void any_2xx_is_done(int status) => Assert.IsType<NextStep.Done>(RetryPolicy.After(Answered(status), 1, Schedule, 0.1, 0.5));

    [Theory]
    [InlineData(301)]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(500)]
    public void anything_else_waits_the_next_delay_of_the_schedule(int status)
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<NextStep.RetryIn>(RetryPolicy.After(Answered(status), 1, Schedule, 0, 0.3)).Delay);
        Assert.Equal(TimeSpan.FromMinutes(30), Assert.IsType<NextStep.RetryIn>(RetryPolicy.After(NoAnswer, 3, Schedule, 0, 0.3)).Delay);
    }

    [Fact]
    public void the_delay_is_jittered_within_the_configured_fraction()
    {
        var low = Assert.IsType<NextStep.RetryIn>(RetryPolicy.After(NoAnswer, 2, Schedule, 0.1, 0.0)).Delay;
        var high = Assert.IsType<NextStep.RetryIn>(RetryPolicy.After(NoAnswer, 2, Schedule, 0.1, 0.999999)).Delay;
        Assert.Equal(TimeSpan.FromMinutes(4.5), low);
        Assert.InRange(high, TimeSpan.FromMinutes(5.49), TimeSpan.FromMinutes(5.5));
    }

    [Fact]
    public void the_last_attempt_of_the_schedule_gives_up() =>
        Assert.IsType<NextStep.GiveUp>(RetryPolicy.After(NoAnswer, Schedule.Count, Schedule, 0.1, 0.5));

    [Fact]
    public void a_410_disables_the_endpoint_even_on_the_last_attempt()
    {
        Assert.IsType<NextStep.DisableEndpoint>(RetryPolicy.After(Answered(410), 1, Schedule, 0.1, 0.5));
        Assert.IsType<NextStep.DisableEndpoint>(RetryPolicy.After(Answered(410), Schedule.Count, Schedule, 0.1, 0.5));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void retry_after_on_429_and_503_is_waited_when_longer_than_the_schedule(int status)
    {
        var longer = RetryPolicy.After(Answered(status, TimeSpan.FromMinutes(2)), 1, Schedule, 0, 0.5);
        Assert.Equal(TimeSpan.FromMinutes(2), Assert.IsType<NextStep.RetryIn>(longer).Delay);
        var shorter = RetryPolicy.After(Answered(status, TimeSpan.FromSeconds(1)), 2, Schedule, 0, 0.5);
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<NextStep.RetryIn>(shorter).Delay);
    }

    [Fact]
    public void an_endpoint_is_failing_too_long_once_every_attempt_failed_for_the_limit()
    {
        var since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.False(RetryPolicy.FailedTooLong(since, since.AddDays(5).AddSeconds(-1), TimeSpan.FromDays(5)));
        Assert.True(RetryPolicy.FailedTooLong(since, since.AddDays(5), TimeSpan.FromDays(5)));
    }
}
