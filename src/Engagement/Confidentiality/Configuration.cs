using JasperFx.Events.Projections;
using Marten;

namespace Engagement.Confidentiality;

public static class Configuration
{
    public static void ConfigureConfidentiality(this StoreOptions options)
    {
        // Inline: a restriction holds from the answer to the write that made it.
        options.Projections.Add(new MeetingConfidentialityProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<MeetingConfidentiality>().Index(x => x.Active);
    }
}
