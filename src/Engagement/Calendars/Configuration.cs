using JasperFx.Events.Projections;
using Marten;

namespace Engagement.Calendars;

public static class Configuration
{
    public static void ConfigureCalendars(this StoreOptions options)
    {
        options.Projections.Snapshot<CalendarFeed>(SnapshotLifecycle.Inline);
        options.Schema.For<CalendarFeed>().Index(x => x.TokenHash).Index(x => x.OwnerId);
    }
}
