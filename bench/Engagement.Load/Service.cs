using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Engagement.Load;

/// <summary>The service as a separate process on a loopback port, as an operator runs it: started, killed, restarted.</summary>
public sealed class Service(string dll, string connectionString, string key) : IAsyncDisposable
{
    private Process? _process;
    public int Port { get; } = FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public long PeakMemoryBytes { get; private set; }

    public HttpClient Client() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new("Bearer", key) }
    };

    /// <summary>Starts the process and answers how long it took until a first write succeeded.</summary>
    public async Task<TimeSpan> StartAsync(IDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true
        };
        start.Environment["ConnectionStrings__Engagement"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["Auth__BootstrapKey"] = key;
        start.Environment["RateLimiting__PermitsPerMinute"] = "100000000";
        start.Environment["Webhooks__AllowPrivateNetworks"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var watch = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = Client();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited with {_process.ExitCode} during start-up.");
            try
            {
                var response = await client.PostAsJsonAsync("/api/organizations", new { name = $"Cold start {Guid.NewGuid():N}", kind = "other" });
                if (response.IsSuccessStatusCode) return watch.Elapsed;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The service did not accept a write within 120 s.");
    }

    public void SampleMemory()
    {
        if (_process is null || _process.HasExited) return;
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
        if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
            PeakMemoryBytes = Math.Max(PeakMemoryBytes, kb * 1024);
    }

    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        SampleMemory();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the process as an orchestrator does (SIGTERM), and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        SampleMemory();
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
        await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    public async Task<(TimeSpan Elapsed, int Code, string Output)> RunCommandAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true
        };
        start.Environment["ConnectionStrings__Engagement"] = connectionString;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (watch.Elapsed, process.ExitCode, await output + await errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            SampleMemory();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
