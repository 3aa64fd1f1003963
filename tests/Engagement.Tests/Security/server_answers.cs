using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Tests.Support;
using Engagement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Engagement.Tests.Security;

/// <summary>
/// The service on real Kestrel, listening on 127.0.0.1 (the test server skips Kestrel's own parsing and limits, so what
/// Kestrel answers by itself can only be seen over a socket), built the way Program builds it.
/// </summary>
public sealed class KestrelHost : IAsyncLifetime
{
    private WebApplication _app = null!;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(Program).Assembly.GetName().Name });
        builder.Configuration["ConnectionStrings:Engagement"] = AppFixture.ConnectionString;
        builder.Configuration["Auth:BootstrapKey"] = AppFixture.AdminKey;
        builder.Configuration["RateLimiting:PermitsPerMinute"] = "1000000";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddEngagement();
        builder.Services.RunWolverineInSoloMode();
        builder.Services.DisableAllExternalWolverineTransports();
        _app = builder.Build();
        _app.UseEngagement();
        await _app.StartAsync();
        Port = new Uri(_app.Urls.First()).Port;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>Sends raw bytes as one HTTP/1.1 request and reads the whole answer (the request asks to close).</summary>
    public async Task<RawResponse> Send(string head) => (await SendAll(head))[0];

    /// <summary>Sends raw bytes (one request or several, pipelined) and reads every answer until the server closes.</summary>
    public async Task<IReadOnlyList<RawResponse>> SendAll(string head)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        using var reader = new MemoryStream();
        await stream.CopyToAsync(reader).WaitAsync(TimeSpan.FromSeconds(30));
        return RawResponse.ParseAll(Encoding.UTF8.GetString(reader.ToArray()));
    }
}

public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawResponse Parse(string text) => ParseAll(text)[0];

    /// <summary>Every response of a connection, in order (pipelined requests get one each).</summary>
    public static IReadOnlyList<RawResponse> ParseAll(string text)
    {
        var responses = new List<RawResponse>();
        while (text.Length > 0)
        {
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.True(end > 0, "no complete response: " + text);
            var lines = text[..end].Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var rest = text[(end + 4)..];
            string body;
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te == "chunked") (body, rest) = Unchunk(rest);
            else
            {
                var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : rest.Length;
                (body, rest) = (rest[..length], rest[length..]);
            }
            responses.Add(new RawResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, body));
            text = rest;
        }
        return responses;
    }

    private static (string Body, string After) Unchunk(string body)
    {
        var result = new StringBuilder();
        while (true)
        {
            var line = body.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(body[..line], 16);
            if (size == 0) return (result.ToString(), body[(line + 4)..]);
            result.Append(body, line + 2, size);
            body = body[(line + 2 + size + 2)..];
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KestrelCollection : ICollectionFixture<KestrelHost>
{
    public const string Name = "kestrel";
}

[Collection(KestrelCollection.Name)]
public class server_answers(KestrelHost kestrel)
{
    public static TheoryData<string, int> Oversized => new()
    {
        { "GET /api/organizations?q=" + new string('a', 9 * 1024) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 414 },
        { "GET /api/organizations HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + new string('a', 33 * 1024) + "\r\nConnection: close\r\n\r\n", 431 },
        {
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\n" + string.Concat(Enumerable.Range(0, 120).Select(i => $"X-Field-{i}: {i}\r\n")) +
            "Connection: close\r\n\r\n",
            431
        }
    };

    /// <summary>Requests Kestrel refuses by itself, before any middleware: it cannot parse them, or they exceed its own limits.</summary>
    public static TheoryData<string, int> RefusedByKestrel => new()
    {
        { "GET /health/live\0x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 400 },
        { "GET /api/organizations/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 400 },
        { "GET /health/live?q=\0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 400 },
        { "GET  HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 400 },
        { "GET /health/live HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\nConnection: close\r\n\r\n", 400 },
        { "GET /api/organizations?q=" + new string('a', 40 * 1024) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 414 },
        { "GET /api/organizations HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + new string('a', 140 * 1024) + "\r\nConnection: close\r\n\r\n", 431 },
        { "GET /health/live HTTP/1.7\r\nHost: localhost\r\nConnection: close\r\n\r\n", 505 }
    };

    [Theory, MemberData(nameof(Oversized)), MemberData(nameof(RefusedByKestrel))]
    public async Task a_request_the_server_refuses_gets_problem_json_with_the_security_headers(string request, int status) =>
        IsProblem(await kestrel.Send(request), status);

    [Fact]
    public async Task a_malformed_request_after_a_good_one_on_the_same_connection_gets_problem_json_and_the_good_one_its_answer()
    {
        var responses = await kestrel.SendAll("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n" +
                                              "GET /health/live\0 HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.Equal(2, responses.Count);
        Assert.Equal(200, responses[0].Status);
        Assert.Equal("nosniff", responses[0].Headers["X-Content-Type-Options"]);
        IsProblem(responses[1], 400);
    }

    private static void IsProblem(RawResponse response, int status)
    {
        Assert.True(response.Status == status, $"expected {status}, got {response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.Headers["Content-Type"].Split(';')[0]);
        var problem = System.Text.Json.JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
        Assert.Equal("DENY", response.Headers["X-Frame-Options"]);
        Assert.Contains("frame-ancestors 'none'", response.Headers["Content-Security-Policy"]);
    }

    [Fact]
    public async Task a_request_within_the_limits_is_answered_as_usual()
    {
        var response = await kestrel.Send("GET /health/live?q=" + new string('a', 7 * 1024) + " HTTP/1.1\r\nHost: localhost\r\nX-Padding: " +
                                          new string('a', 30 * 1024) + "\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, response.Status);
    }
}
