using Engagement.Webhooks;
using Microsoft.Extensions.Configuration;

namespace Engagement.Tests.Webhooks;

public class configuring_webhooks
{
    private static WebhookSettings Read(params (string Key, string Value)[] values) => WebhookSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void without_configuration_the_documented_defaults_apply()
    {
        var settings = Read();
        Assert.Equal(WebhookSettings.DefaultRetrySchedule, settings.RetrySchedule);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromHours(24), settings.SecretRotationOverlap);
        Assert.Equal(TimeSpan.FromDays(5), settings.DisableAfter);
        Assert.False(settings.AllowPrivateNetworks);
    }

    [Fact]
    public void the_retry_schedule_is_a_comma_separated_string_or_a_list()
    {
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2)],
            Read(("Webhooks:RetrySchedule", "0s, 500ms, 00:00:05, 2m")).RetrySchedule);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromHours(1)],
            Read(("Webhooks:RetrySchedule:0", "0"), ("Webhooks:RetrySchedule:1", "1h")).RetrySchedule);
    }

    [Fact]
    public void durations_and_switches_are_read()
    {
        var settings = Read(("Webhooks:RequestTimeout", "2s"), ("Webhooks:SecretRotationOverlap", "1.00:00:00"),
            ("Webhooks:DisableAfter", "3d"), ("Webhooks:AllowPrivateNetworks", "true"));
        Assert.Equal(TimeSpan.FromSeconds(2), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromDays(1), settings.SecretRotationOverlap);
        Assert.Equal(TimeSpan.FromDays(3), settings.DisableAfter);
        Assert.True(settings.AllowPrivateNetworks);
    }

    [Theory]
    [InlineData("Webhooks:RetrySchedule", "soon")]
    [InlineData("Webhooks:RetrySchedule", "-5s")]
    [InlineData("Webhooks:RequestTimeout", "0s")]
    public void nonsense_fails_at_start_naming_the_setting(string key, string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read((key, value)));
        Assert.Contains(key.Split(':')[1], e.Message);
    }
}
