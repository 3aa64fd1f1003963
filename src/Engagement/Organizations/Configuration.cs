using JasperFx.Events.Projections;
using Marten;

namespace Engagement.Organizations;

public static class Configuration
{
    public static void ConfigureOrganizations(this StoreOptions options)
    {
        options.Projections.Snapshot<Organization>(SnapshotLifecycle.Inline);
        options.Schema.For<Organization>().Index(x => x.Kind);
    }
}
