using System.Text.Json.Nodes;
using Alba;
using Engagement.Tests.Support;

namespace Engagement.Tests.Imports;

public static class ImportScenarios
{
    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> Upload(this IAlbaHost host, string kind, string csv,
        string contentType = "text/csv", Action<Scenario>? configure = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Text(csv).ToUrl($"/api/imports/{kind}").ContentType(contentType);
            configure?.Invoke(s);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text), result);
    }

    /// <summary>Uploads a file that must preview without errors; returns the preview.</summary>
    public static async Task<JsonNode> Previewed(this IAlbaHost host, string kind, string csv)
    {
        var (status, body, _) = await host.Upload(kind, csv);
        Assert.True(status == 201, $"upload answered {status}: {body?.ToJsonString()}");
        Assert.Equal("previewed", body!.Text("status"));
        return body!;
    }

    /// <summary>Commits an import and waits for it to finish (polling its status, as the page does); returns the final status.</summary>
    public static async Task<JsonNode> Committed(this IAlbaHost host, Guid importId, TimeSpan? within = null)
    {
        var (status, body, _) = await Scenarios.PostJson(host, $"/api/imports/{importId}/commit", null);
        Assert.True(status == 202, $"commit answered {status}: {body?.ToJsonString()}");
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var now = await host.GetOk($"/api/imports/{importId}");
            if (now.Text("status") != "committing") return now;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"import still committing: {now.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonNode> Import(this IAlbaHost host, string kind, string csv)
    {
        var preview = await host.Previewed(kind, csv);
        var done = await host.Committed(preview["id"]!.GetValue<Guid>());
        Assert.True(done.Text("status") == "committed", done.ToJsonString());
        return done;
    }

    public static Guid Id(this JsonNode node) => node["id"]!.GetValue<Guid>();
    public static int Int(this JsonNode node, string property) => node[property]!.GetValue<int>();
}
