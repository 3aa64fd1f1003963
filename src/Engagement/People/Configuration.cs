using JasperFx.Events.Projections;
using Marten;

namespace Engagement.People;

public static class Configuration
{
    public static void ConfigurePeople(this StoreOptions options)
    {
        options.Projections.Snapshot<Person>(SnapshotLifecycle.Inline);
        options.Schema.For<Person>().Index(x => x.OrganizationId);
        options.AddMaskingRules();
    }
}
