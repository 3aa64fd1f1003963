using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Engagement.Load;
using Npgsql;

// ops/bench: the service as a process on loopback beside a raw PostgreSQL baseline, on one throwaway database.
var profile = args.Contains("--full") ? Profile.Full : args.Contains("--smoke") ? Profile.Smoke : Profile.Quick;
var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Engagement")
                 ?? throw new InvalidOperationException("Set ConnectionStrings__Engagement to an empty database, or run ops/bench.");
var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "Engagement.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from the repository.");
// ops/bench names the service as it ships (published, ReadyToRun); otherwise the Release build.
var dll = Environment.GetEnvironmentVariable("ENGAGEMENT_SERVICE_DLL") is { Length: > 0 } shipped
    ? shipped
    : Path.Combine(root, "src/Engagement/bin/Release/net10.0/Engagement.dll");
if (!File.Exists(dll)) throw new InvalidOperationException($"Build the service first: dotnet build src/Engagement -c Release ({dll} is missing).");

var clock = Stopwatch.StartNew();
void Progress(string line) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}");

await using var data = NpgsqlDataSource.Create(connection);
await using var service = new Service(dll, connection, "eng_benchmark-admin-key-000000000000000000");
var harness = new Harness(profile, service, new Baseline(data), data, Progress);
Progress($"Profile {profile.Name}: writes at {string.Join(", ", profile.Clients)} clients, reads at {profile.Meetings} meetings");
foreach (var (phase, run) in new (string, Func<Task>)[]
         {
             ("cold start", harness.ColdStartAsync), ("writes", harness.WritesAsync), ("load", harness.LoadAsync),
             ("reads", harness.ReadsAsync), ("webhooks", harness.WebhooksAsync), ("crash", harness.CrashAsync), ("rebuild", harness.RebuildAsync)
         })
{
    try
    {
        await run();
    }
    catch (Exception e)
    {
        Progress($"The {phase} phase failed: {e.Message}");
        harness.Rows.Add(new Row(phase, "phase failed", e.Message.Split('\n')[0]));
    }
}

async Task<string> Setting(string name)
{
    await using var command = data.CreateCommand($"show {name}");
    return (string)(await command.ExecuteScalarAsync())!;
}

var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
var machine = $"{Environment.ProcessorCount} cores, {long.Parse(memory) / 1048576.0:F0} GiB, PostgreSQL {await Setting("server_version")} " +
              $"(fsync {await Setting("fsync")}, synchronous_commit {await Setting("synchronous_commit")}, shared_buffers {await Setting("shared_buffers")}) " +
              "on the same machine";
var markdown = new StringBuilder();
var build = dll.Contains("bench-service") ? "the service as it ships (ReadyToRun, generated handlers loaded Static)" : "the service's Release build";
markdown.AppendLine($"Profile `{profile.Name}`, {DateTime.UtcNow:yyyy-MM-dd}, {machine}; {build}; data loaded through the API. The baseline is plain Npgsql " +
                    "(one transaction per command: a stream-version upsert and one row per event) or hand-written SQL over the same tables.");
markdown.AppendLine();
markdown.AppendLine("| section | what | service | baseline | ratio | target | met |");
markdown.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- |");
foreach (var row in harness.Rows)
    markdown.AppendLine($"| {row.Section} | {row.What} | {row.Service} | {row.Baseline} | {row.Ratio} | {row.Target} | {row.Met switch { true => "yes", false => "**no**", null => "" }} |");

var results = Path.Combine(root, "bench/results");
Directory.CreateDirectory(results);
await File.WriteAllTextAsync(Path.Combine(results, $"latest-{profile.Name}.md"), markdown.ToString());
await File.WriteAllTextAsync(Path.Combine(results, $"latest-{profile.Name}.json"),
    JsonSerializer.Serialize(new { profile = profile.Name, date = DateTime.UtcNow, machine, rows = harness.Rows }, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine();
Console.WriteLine(markdown);
Progress($"Wrote bench/results/latest-{profile.Name}.md and .json");
return harness.Rows.Any(r => r.What == "phase failed") ? 1 : 0;
