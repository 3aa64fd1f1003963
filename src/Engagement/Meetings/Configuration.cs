using JasperFx.Events.Projections;
using Marten;

namespace Engagement.Meetings;

public static class Configuration
{
    public static void ConfigureMeetings(this StoreOptions options)
    {
        options.Projections.Snapshot<Meeting>(SnapshotLifecycle.Inline);
    }
}
