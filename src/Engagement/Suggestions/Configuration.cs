using JasperFx.Events.Projections;
using Marten;

namespace Engagement.Suggestions;

public static class Configuration
{
    public static void ConfigureSuggestions(this StoreOptions options)
    {
        options.Projections.Snapshot<Suggestion>(SnapshotLifecycle.Inline);
        options.Schema.For<Suggestion>().Index(x => x.MeetingId).Index(x => x.ResponsibleId);
    }
}
