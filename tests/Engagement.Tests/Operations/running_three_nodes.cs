using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Engagement.Tests.Support;
using Engagement.Tests.Webhooks;
using Npgsql;

namespace Engagement.Tests.Operations;

/// <summary>
/// Three service processes on one database, as an operator runs them for availability: Wolverine places each async
/// projection and subscription on one node; writes go through any node; killing the node that holds most of the agents
/// moves them to the others without losing or repeating anything; a fourth node takes a share of the work.
/// </summary>
public sealed partial class running_three_nodes : IAsyncLifetime
{
    private static readonly DateOnly Held = new(2023, 7, 14);
    private readonly OwnDatabase _database = new("cluster");
    private readonly List<ServiceProcess> _nodes = [];

    public Task InitializeAsync() => _database.RecreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _database.DropAsync();
    }

    private async Task<ServiceProcess> StartNodeAsync()
    {
        var node = new ServiceProcess(_database.ConnectionString);
        _nodes.Add(node);
        await node.StartAsync();
        return node;
    }

    [Fact]
    public Task work_is_shared_once_and_sessions_work_on_every_node() => RunAsync(killOne: false);

    [Fact]
    public Task work_survives_a_killed_node_and_rebalances_to_a_new_one() => RunAsync(killOne: true);

    private async Task RunAsync(bool killOne)
    {
        await using var receiver = await Receiver.StartAsync();
        // One at a time, so Wolverine numbers the nodes 1, 2, 3 in the order of _nodes.
        for (var i = 0; i < 3; i++) await StartNodeAsync();
        await _nodes[0].PostAsync("/api/webhooks",
            new { url = receiver.Url, eventTypes = new[] { "organization.registered", "meeting.logged", "commitment.overdue" } });

        var organizations = new List<Guid>();
        var meetingsOf = new Dictionary<Guid, int>();
        var commitments = new List<Guid>();
        for (var i = 0; i < 15; i++)
        {
            var node = _nodes[i % 3];
            var government = Id(await node.PostAsync("/api/organizations", new { name = $"Ministry {i}", kind = "government" }));
            var member = Id(await node.PostAsync("/api/organizations", new { name = $"Member {i}", kind = "member" }));
            organizations.AddRange([government, member]);
            var meeting = Id(await _nodes[(i + 1) % 3].PostAsync("/api/meetings",
                new { title = $"Meeting {i}", heldOn = Held, organizationIds = new[] { government, member } }));
            meetingsOf[government] = 1;
            // Due long ago: each falls overdue at once, and must do so exactly once whichever node checks it.
            commitments.Add(Id(await _nodes[(i + 2) % 3].PostAsync($"/api/meetings/{meeting}/commitments",
                new { ownerId = government, description = "Write to the chamber", dueOn = Held.AddDays(30) })));
        }

        var expected = organizations.Count + meetingsOf.Count + commitments.Count;
        await Until(() => Delivered(receiver) >= expected, TimeSpan.FromSeconds(60), () => $"{Delivered(receiver)} of {expected} delivered");
        var assignments = await AssignmentsAsync();
        Assert.True(assignments.Select(a => a.Node).Distinct().Count() > 1, "the agents all ran on one node: " + Describe(assignments));
        await SettledAsync(_nodes[0]);
        foreach (var node in _nodes)
            foreach (var government in meetingsOf.Keys)
                Assert.Equal(1, (await node.GetAsync($"/api/engagement/{government}"))["stakeholder"]!["meetings"]!.GetValue<int>());
        Assert.All(await OverdueEventsPerCommitmentAsync(commitments), n => Assert.Equal(1, n));
        await SessionWorksAcrossNodesAsync(_nodes[1], _nodes[2]);
        if (!killOne) return;

        var busiest = assignments.GroupBy(a => a.Node).OrderByDescending(g => g.Count()).First().Key;
        var victim = _nodes[busiest - 1];
        victim.Kill();
        var survivor = _nodes.First(n => n.IsRunning);
        var afterKill = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
            organizations.Add(Id(await survivor.PostAsync("/api/organizations", new { name = $"After the kill {i}", kind = "other" })));
        await Until(() => Delivered(receiver) >= expected + 10, TimeSpan.FromSeconds(30),
            () => $"{Delivered(receiver) - expected} of 10 delivered {afterKill.Elapsed.TotalSeconds:0} s after the kill\n{survivor.Log()}");
        await SettledAsync(survivor);
        Assert.Equal(organizations.Count, (await survivor.GetAsync("/api/organizations?limit=500"))["total"]!.GetValue<int>());
        Assert.Empty(receiver.Requests.Where(r => r.Status == 200).GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key));

        await StartNodeAsync();
        var newcomer = _nodes.Count;
        await Until(async () => (await AssignmentsAsync()).Any(a => a.Node == newcomer), TimeSpan.FromSeconds(45),
            async () => "the new node took no agent: " + Describe(await AssignmentsAsync()));
    }

    private static Guid Id(System.Text.Json.Nodes.JsonNode written) => written["id"]!.GetValue<Guid>();

    private static int Delivered(Receiver receiver) =>
        receiver.Requests.Where(r => r.Status == 200).Select(r => r.Id).Distinct().Count();

    /// <summary>Which node (by Wolverine's node number) runs each event subscription agent.</summary>
    private async Task<List<(string Agent, int Node)>> AssignmentsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        string schema;
        await using (var find = new NpgsqlCommand(
                         "select table_schema from information_schema.tables where table_name = 'wolverine_node_assignments'", connection))
            schema = (string)(await find.ExecuteScalarAsync())!;
        await using var command = new NpgsqlCommand(
            $"select a.id, n.node_number from {schema}.wolverine_node_assignments a join {schema}.wolverine_nodes n on n.id = a.node_id " +
            "where a.id like 'event-subscriptions:%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt32(1)));
        return rows;
    }

    private static string Describe(IEnumerable<(string Agent, int Node)> assignments) =>
        string.Join(", ", assignments.Select(a => $"{a.Agent} on {a.Node}"));

    private async Task<List<int>> OverdueEventsPerCommitmentAsync(List<Guid> commitments)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from engagement.mt_events where type = 'commitment_fell_overdue' and stream_id = any($1) group by stream_id",
            connection) { Parameters = { new() { Value = commitments.ToArray() } } };
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<int>();
        while (await reader.ReadAsync()) counts.Add((int)reader.GetInt64(0));
        Assert.Equal(commitments.Count, counts.Count);
        return counts;
    }

    /// <summary>Waits until the async read models answer with nothing left to process.</summary>
    private static async Task SettledAsync(ServiceProcess node) =>
        await Until(async () => (await node.GetAsync("/api/engagement"))["freshness"]!["eventsBehind"]!.GetValue<long>() == 0,
            TimeSpan.FromSeconds(30), () => "the engagement projection did not catch up");

    /// <summary>A session cookie and anti-forgery token made by one node are honoured by another (one key ring).</summary>
    private static async Task SessionWorksAcrossNodesAsync(ServiceProcess signIn, ServiceProcess other)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var form = await browser.GetStringAsync($"{signIn.BaseUrl}/auth/sign-in");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        using var posted = await browser.PostAsync($"{signIn.BaseUrl}/auth/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = AppFixture.AdminKey, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["returnUrl"] = "/"
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/", posted.Headers.Location?.OriginalString);
        using var read = await browser.GetAsync($"{other.BaseUrl}/api/organizations");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static Task Until(Func<bool> done, TimeSpan patience, Func<string> why) =>
        Until(() => Task.FromResult(done()), patience, () => Task.FromResult(why()));

    private static async Task Until(Func<Task<bool>> done, TimeSpan patience, Func<Task<string>> why)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (waited.Elapsed > patience) throw new Xunit.Sdk.XunitException(await why());
            await Task.Delay(100);
        }
    }

    private static Task Until(Func<Task<bool>> done, TimeSpan patience, Func<string> why) =>
        Until(done, patience, () => Task.FromResult(why()));
}
