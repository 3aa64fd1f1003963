using Alba;
using Engagement.Infrastructure;
using Engagement.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// The schema is compared with the build only when its fingerprint differs from the build's: a start on a schema this
/// build made compares nothing (neither Marten's tables nor Wolverine's), a start on any other schema (new, older)
/// brings it up to date and notes the fingerprint.
/// </summary>
public class bringing_the_schema_up_to_date
{
    private readonly OwnDatabase _database = new("schema");

    /// <summary>An index of Wolverine's, on its dead-letter history.</summary>
    private const string WolverineIndex = "idx_wolverine_dead_letter_history_last_replayed_at";

    [Fact]
    public async Task a_new_database_gets_the_schema_and_the_fingerprint_and_a_changed_fingerprint_brings_it_up_to_date()
    {
        await _database.RecreateAsync();
        try
        {
            string fingerprint;
            await using (var first = await StartAsync())
            {
                fingerprint = StoreSchema.Fingerprint(first.Services.GetRequiredService<IDocumentStore>());
                Assert.StartsWith("engagement-schema:", fingerprint);
                await first.Scenario(s =>
                {
                    s.Post.Json(new { name = "Ministry of Science and Technology", kind = "government" }).ToUrl("/api/organizations");
                    s.StatusCodeShouldBe(201);
                });
            }
            Assert.Equal(fingerprint, await ScalarAsync("select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = 'engagement'"));

            // The fingerprint is this build's: the start trusts it and compares nothing, so a table dropped behind its
            // back stays dropped.
            // Wolverine's tables likewise: it checks only that they are there.
            await ScalarAsync("drop table engagement.mt_doc_apikeyusage");
            await ScalarAsync($"drop index engagement.{WolverineIndex}");
            await (await StartAsync()).DisposeAsync();
            Assert.Null(await ScalarAsync("select to_regclass('engagement.mt_doc_apikeyusage')::text"));
            Assert.Null(await ScalarAsync($"select to_regclass('engagement.{WolverineIndex}')::text"));

            // Another build's fingerprint (an older schema): the start compares, creates what is missing and notes its own.
            await ScalarAsync("comment on schema engagement is 'engagement-schema:an-older-build'");
            await (await StartAsync()).DisposeAsync();
            Assert.Equal("engagement.mt_doc_apikeyusage", await ScalarAsync("select to_regclass('engagement.mt_doc_apikeyusage')::text"));
            Assert.Equal($"engagement.{WolverineIndex}", await ScalarAsync($"select to_regclass('engagement.{WolverineIndex}')::text"));
            Assert.Equal(fingerprint, await ScalarAsync("select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = 'engagement'"));
        }
        finally
        {
            await _database.DropAsync();
        }
    }

    private async Task<IAlbaHost> StartAsync()
    {
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Engagement", _database.ConnectionString);
            builder.UseSetting("Auth:BootstrapKey", AppFixture.AdminKey);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
        AppFixture.SendAdminKeyByDefault(host);
        return host;
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
    }
}
