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
        // Async: one organisation's document gathers events from many streams, and inline updates from two concurrent
        // requests could overwrite each other's change to it; the daemon applies them in order on one node. Reads say
        // how far behind it is.
        options.Projections.Add(new StakeholderEngagementProjection(), ProjectionLifecycle.Async);
    }

    public static void AddHealthRules(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<HealthRules>()
            .Bind(builder.Configuration.GetSection(HealthRules.Section))
            .Validate(rules => !rules.Problems().Any(), "Invalid health rules in " + HealthRules.Section)
            .ValidateOnStart();
}
