using System.Diagnostics;
using System.Text.Json.Nodes;
using Alba;
using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Engagement.Tests.Operations;

/// <summary>
/// ops/backup of the shared database, ops/restore into a new one, and a second service on the restored copy: it must
/// give the same answers, live and as of a past day, as the service whose data was backed up.
/// </summary>
public class backing_up_and_restoring(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly DateOnly Held = new(2023, 7, 14);

    private static readonly string[] Reads =
    [
        "/api/dashboard", "/api/dashboard?asOf=2023-07-31", "/api/asks?status=all", "/api/asks?asOf=2023-07-31",
        "/api/commitments", "/api/commitments?asOf=2023-07-31", "/api/meetings", "/api/engagement",
        "/api/engagement?asOf=2023-07-31", "/api/organizations", "/api/events?after=0"
    ];

    [Fact]
    public async Task a_restored_backup_answers_every_read_as_the_original_did()
    {
        var ministry = await Host.Organization("Ministry of Science and Technology");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var member = await Host.Organization("Member Company", "member");
        var meeting = await Host.Meeting("Vice Minister meets the chamber", Held, [ministry, chamber, member], topics: ["innovation"]);
        var ask = await Host.Suggestion(meeting, member, ministry);
        await Host.Commitment(meeting, ministry, Held.AddDays(60));
        await Host.Respond(ask, Held.AddDays(30));
        await Fixture.SettleAsync();
        var before = await AnswersAsync(Host);

        var folder = Directory.CreateTempSubdirectory("engagement-backup-");
        var restored = new OwnDatabase("restored");
        await restored.DropAsync();
        try
        {
            var file = Path.Combine(folder.FullName, "engagement.dump");
            var backup = await RunAsync("ops/backup", AppFixture.ConnectionString, file);
            Assert.True(backup.Code == 0, backup.Output);
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(file + ".manifest.json"))!;
            Assert.True(manifest["eventCount"]!.GetValue<long>() >= 7, manifest.ToJsonString());

            var restore = await RunAsync("ops/restore", restored.ConnectionString, file);
            Assert.True(restore.Code == 0, restore.Output);
            var again = await RunAsync("ops/restore", restored.ConnectionString, file);
            Assert.True(again.Code != 0 && again.Output.Contains("already holds"), "a restore over data must refuse: " + again.Output);

            await using var copy = await AlbaHost.For<Program>(builder =>
            {
                builder.UseSetting("ConnectionStrings:Engagement", restored.ConnectionString);
                builder.UseSetting("Auth:BootstrapKey", AppFixture.AdminKey);
                builder.ConfigureServices(services =>
                {
                    services.AddSingleton<TimeProvider>(Clock);
                    services.RunWolverineInSoloMode();
                    services.DisableAllExternalWolverineTransports();
                });
            });
            AppFixture.SendAdminKeyByDefault(copy);
            var after = await AnswersAsync(copy);

            foreach (var read in Reads) Assert.Equal(before[read], after[read]);
        }
        finally
        {
            await restored.DropAsync();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Each read's answer as text, without the projection progress figures, which name the store's own counters.</summary>
    private static async Task<Dictionary<string, string>> AnswersAsync(IAlbaHost host)
    {
        var answers = new Dictionary<string, string>();
        foreach (var read in Reads)
        {
            var body = await host.GetOk(read);
            if (body is JsonObject answer) answer.Remove("freshness");
            answers[read] = body.ToJsonString();
        }
        return answers;
    }

    private static async Task<(int Code, string Output)> RunAsync(string script, string connectionString, string file)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ops", "backup"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        var start = new ProcessStartInfo("bash", [Path.Combine(root, script), file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root
        };
        start.Environment["ConnectionStrings__Engagement"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (process.ExitCode, await output + await errors);
    }
}
