using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Engagement.Tests.Support;

/// <summary>
/// The built service in a process of its own on a loopback port, as an operator runs it: started, asked over HTTP with
/// the bootstrap admin key, and killed with SIGKILL (nothing runs on the way out: its node record and agents stay).
/// </summary>
public sealed class ServiceProcess(string connectionString, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private readonly List<string> _output = [];
    private Process? _process;
    public int Port { get; } = FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts the process and waits until it answers /health/live.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(ServiceDirectory, "Engagement.dll")])
        {
            WorkingDirectory = ServiceDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Engagement"] = connectionString,
                ["ASPNETCORE_URLS"] = BaseUrl,
                ["Auth__BootstrapKey"] = AppFixture.AdminKey,
                ["Webhooks__AllowPrivateNetworks"] = "true",
                ["RateLimiting__PermitsPerMinute"] = "1000000"
            }
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new Xunit.Sdk.XunitException($"The service exited with {_process.ExitCode}\n{Log()}");
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var live = await Client.GetAsync($"{BaseUrl}/health/live", probe.Token);
                if (live.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(120)) throw new Xunit.Sdk.XunitException($"The service did not start\n{Log()}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The service's own build output (src/Engagement/bin/...), not the test folder: there the command line would scan
    /// the test assemblies too, and fail to load xunit.
    /// </summary>
    private static string ServiceDirectory { get; } = AppContext.BaseDirectory.Replace(
        Path.Combine("tests", "Engagement.Tests", "bin"), Path.Combine("src", "Engagement", "bin"));

    public bool IsRunning => _process is { HasExited: false };

    public void Kill()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public async Task<JsonNode> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", AppFixture.AdminKey);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
        request.Headers.Authorization = new("Bearer", AppFixture.AdminKey);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 200) _output.RemoveAt(0);
        }
    }

    public string Log()
    {
        lock (_output) return string.Join('\n', _output.TakeLast(60));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
