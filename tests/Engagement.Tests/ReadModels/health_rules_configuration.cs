using Engagement.Stakeholders;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Tests.ReadModels;

public class health_rules_configuration
{
    private static HealthRules Bound(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHealthRules();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<HealthRules>>().Value;
    }

    [Fact]
    public void the_health_rules_come_from_the_engagement_health_section()
    {
        var rules = Bound(new()
        {
            ["Engagement:Health:ActiveWithinDays"] = "30",
            ["Engagement:Health:CoolingWithinDays"] = "60",
            ["Engagement:Health:AtRiskWhenOverdue"] = "false"
        });
        Assert.Equal((30, 60, false), (rules.ActiveWithinDays, rules.CoolingWithinDays, rules.AtRiskWhenOverdue));
    }

    [Fact]
    public void without_configuration_the_rules_are_90_and_180_days_and_overdue_means_at_risk()
    {
        var rules = Bound([]);
        Assert.Equal((90, 180, true), (rules.ActiveWithinDays, rules.CoolingWithinDays, rules.AtRiskWhenOverdue));
    }

    [Fact]
    public void a_cooling_window_shorter_than_the_active_one_is_refused()
    {
        Assert.Throws<OptionsValidationException>(() => Bound(new()
        {
            ["Engagement:Health:ActiveWithinDays"] = "90", ["Engagement:Health:CoolingWithinDays"] = "30"
        }));
    }
}
