using Engagement.ReadModels;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Engagement.Timelines;

public sealed class TimelineProjection : MultiStreamProjection<Timeline, Guid>
{
    public const string ProjectionName = "Timeline";

    public TimelineProjection()
    {
        Name = ProjectionName;
        foreach (var type in Timeline.EventTypes) IncludeType(type);
        CustomGrouping(async (session, events, grouping) =>
        {
            var parties = await Parties.LoadAsync(session, events, CancellationToken.None);
            foreach (var e in events)
            foreach (var subjectId in Timeline.Route(e.Data, parties))
                grouping.AddEvent(subjectId, e);
        });
    }

    public override Timeline? Evolve(Timeline? snapshot, Guid id, IEvent e) => Timeline.Fold(snapshot, id, e);
}

public static class Configuration
{
    public static void ConfigureTimelines(this StoreOptions options)
    {
        // Async: every event fans out to several timelines and nobody reads a timeline in the same breath as the write;
        // the timeline answer says how far behind it is.
        options.Projections.Add(new TimelineProjection(), ProjectionLifecycle.Async);
    }
}
