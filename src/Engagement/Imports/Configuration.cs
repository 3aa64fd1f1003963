using Marten;
using Wolverine;

namespace Engagement.Imports;

public static class Configuration
{
    public static void ConfigureImports(this StoreOptions options)
    {
        options.Schema.For<ImportBatch>();
        options.Schema.For<ImportFile>();
        options.Schema.For<ImportedRecord>().Identity(x => x.Id);
    }

    /// <summary>A commit survives a restart: the message waits in the durable inbox, and the transaction was rolled back.</summary>
    public static void ConfigureImports(this WolverineOptions options) => options.LocalQueueFor<CommitImport>().UseDurableInbox();
}
