using System.Net.Http.Headers;
using Engagement.Tests.Support;

namespace Engagement.Tests.Live;

public class live_updates(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<StreamReader> Open(string key = AppFixture.AdminKey)
    {
        var client = Host.Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The lines of the stream up to the first blank line after one starting with <paramref name="wanted"/>.</summary>
    private static async Task<List<string>> ReadUntil(StreamReader reader, string wanted, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("the stream ended: " + string.Join('|', lines));
            lines.Add(line);
            if (line.Length == 0 && lines.Any(l => l.StartsWith(wanted, StringComparison.Ordinal))) return lines;
        }
    }

    [Fact]
    public async Task an_open_stream_hears_of_a_new_event_within_two_seconds()
    {
        using var reader = await Open();
        Assert.Equal(["retry: 2000", ""], await ReadUntil(reader, "retry:", TimeSpan.FromSeconds(5)));
        // Give the poller a first look, so the write below is news to it.
        await Task.Delay(TimeSpan.FromMilliseconds(700));

        var written = System.Diagnostics.Stopwatch.StartNew();
        await Host.Organization("Ministry of Commerce");
        var appended = await ReadUntil(reader, "event: appended", TimeSpan.FromSeconds(5));

        Assert.True(written.Elapsed < TimeSpan.FromSeconds(2), $"heard after {written.Elapsed}");
        Assert.Equal("event: appended", appended[0]);
        var sequence = System.Text.Json.Nodes.JsonNode.Parse(appended[1]["data: ".Length..])!["sequence"]!.GetValue<long>();
        var last = (await Fixture.Store.Advanced.FetchEventStoreStatistics()).EventCount;
        Assert.True(sequence >= 1 && sequence <= last + 1000, $"sequence {sequence}");
    }

    [Fact]
    public async Task every_listener_hears_the_same_news_from_one_poller()
    {
        using var first = await Open();
        using var second = await Open(AppFixture.AdminKey);
        await ReadUntil(first, "retry:", TimeSpan.FromSeconds(5));
        await ReadUntil(second, "retry:", TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromMilliseconds(700));

        await Host.Organization("Ministry of Finance");

        Assert.Equal("event: appended", (await ReadUntil(first, "event: appended", TimeSpan.FromSeconds(5)))[0]);
        Assert.Equal("event: appended", (await ReadUntil(second, "event: appended", TimeSpan.FromSeconds(5)))[0]);
    }

    [Fact]
    public async Task the_stream_needs_a_reader()
    {
        var response = await Host.GetJson("/api/live", s => s.WithRequestHeader("Authorization", ""));
        response.ShouldBeProblem(401);
    }
}
