using JasperFx.Events.Projections;
using Marten;

namespace Engagement.Commitments;

public static class Configuration
{
    public static void ConfigureCommitments(this StoreOptions options)
    {
        options.Projections.Snapshot<Commitment>(SnapshotLifecycle.Inline);
        options.Schema.For<Commitment>().Index(x => x.MeetingId).Index(x => x.ResponsibleId);
    }
}
