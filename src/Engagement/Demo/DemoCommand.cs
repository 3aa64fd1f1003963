using System.Net.Http.Headers;
using JasperFx.CommandLine;

namespace Engagement.Demo;

public sealed class DemoInput
{
    [Description("Base URL of the running Engagement service")]
    [FlagAlias("url", 'u')]
    public string UrlFlag { get; set; } = "http://127.0.0.1:5080";

    [Description("API key, sent as 'Authorization: Bearer KEY'")]
    [FlagAlias("api-key", 'k')]
    public string? ApiKeyFlag { get; set; }
}

/// <summary>
/// <c>Engagement demo --url http://127.0.0.1:5080</c>: loads the demo data into a running service through its HTTP API.
/// It does not start the application or touch the database itself.
/// </summary>
[Description("Loads the demo data into a running service through its HTTP API (once; a second run does nothing)",
    Name = "demo")]
public sealed class DemoCommand : JasperFxAsyncCommand<DemoInput>
{
    public override async Task<bool> Execute(DemoInput input)
    {
        if (!Uri.TryCreate(input.UrlFlag, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"--url must be an absolute http or https URL, such as http://127.0.0.1:5080 (got '{input.UrlFlag}').");
            return false;
        }
        // A trailing slash keeps any path prefix when the API paths are resolved against it.
        if (!url.AbsolutePath.EndsWith('/')) url = new Uri(url + "/");

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrWhiteSpace(input.ApiKeyFlag))
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", input.ApiKeyFlag.Trim());

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        try
        {
            await new DemoLoader(http, Console.Out, today).LoadAsync();
            return true;
        }
        catch (DemoLoadException e)
        {
            Console.Error.WriteLine($"Demo data not loaded: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"Could not reach the service at {url}: {e.Message}. Start it first (ops/serve, or ops/run, " +
                                    "which also loads the demo), or point --url at it.");
        }
        catch (TaskCanceledException)
        {
            Console.Error.WriteLine($"The service at {url} did not answer within {http.Timeout.TotalSeconds:0} s. Check that it is " +
                                    "running and ready (GET /health/ready), then run 'demo' again.");
        }
        return false;
    }
}
