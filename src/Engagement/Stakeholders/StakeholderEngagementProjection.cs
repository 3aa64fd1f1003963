using Engagement.ReadModels;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Engagement.Stakeholders;

public sealed class StakeholderEngagementProjection : MultiStreamProjection<StakeholderEngagement, Guid>
{
    public const string ProjectionName = "StakeholderEngagement";

    public StakeholderEngagementProjection()
    {
        Name = ProjectionName;
        foreach (var type in StakeholderEngagement.EventTypes) IncludeType(type);
        CustomGrouping(async (session, events, grouping) =>
        {
            var parties = await Parties.LoadAsync(session, events, CancellationToken.None);
            foreach (var e in events)
            foreach (var organizationId in StakeholderEngagement.Route(e.Data, parties))
                grouping.AddEvent(organizationId, e);
        });
    }

    public override StakeholderEngagement? Evolve(StakeholderEngagement? snapshot, Guid id, IEvent e) =>
        StakeholderEngagement.Fold(snapshot, id, e.Data);
}

public static class Configuration
{
    public static void ConfigureStakeholders(this StoreOptions options)
    {
        // Inline: health and counts must move the moment a meeting, ask or commitment is recorded, and each event
        // touches only the few organisations it involves.
        options.Projections.Add(new StakeholderEngagementProjection(), ProjectionLifecycle.Inline);
    }

    public static void AddHealthRules(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<HealthRules>()
            .Bind(builder.Configuration.GetSection(HealthRules.Section))
            .Validate(rules => !rules.Problems().Any(), "Invalid health rules in " + HealthRules.Section)
            .ValidateOnStart();
}
