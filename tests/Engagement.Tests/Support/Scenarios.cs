using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;

namespace Engagement.Tests.Support;

/// <summary>Scenario helpers: post JSON, read JSON, and the common setups (an organisation, a meeting, ...).</summary>
public static class Scenarios
{
    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> PostJson(this IAlbaHost host, string url,
        object? body, Action<Scenario>? configure = null)
    {
        var result = await host.Scenario(s =>
        {
            if (body is null) s.Post.Url(url); // an action with nothing to say: no body at all
            else s.Post.Text(body is string raw ? raw : JsonSerializer.Serialize(body, Json)).ToUrl(url).ContentType("application/json");
            configure?.Invoke(s);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text), result);
    }

    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> GetJson(this IAlbaHost host, string url,
        Action<Scenario>? configure = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            configure?.Invoke(s);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text), result);
    }

    /// <summary>Posts and expects 201 or 200; returns the body.</summary>
    public static async Task<JsonNode> PostOk(this IAlbaHost host, string url, object body)
    {
        var (status, json, result) = await host.PostJson(url, body);
        if (status is not ((int)HttpStatusCode.Created or (int)HttpStatusCode.OK))
            throw new Xunit.Sdk.XunitException($"POST {url} answered {status}: {json?.ToJsonString()}");
        return json!;
    }

    public static async Task<JsonNode> GetOk(this IAlbaHost host, string url)
    {
        var (status, json, _) = await host.GetJson(url);
        if (status != 200) throw new Xunit.Sdk.XunitException($"GET {url} answered {status}: {json?.ToJsonString()}");
        return json!;
    }

    public static async Task<Guid> Organization(this IAlbaHost host, string name, string kind = "government") =>
        (await host.PostOk("/api/organizations", new { name, kind }))["id"]!.GetValue<Guid>();

    public static async Task<Guid> Person(this IAlbaHost host, string name, Guid organizationId, string? title = null) =>
        (await host.PostOk("/api/people", new { name, title, organizationId }))["id"]!.GetValue<Guid>();

    public static async Task<Guid> Meeting(this IAlbaHost host, DateOnly heldOn, params Guid[] organizationIds) =>
        (await host.PostOk("/api/meetings", new { title = "Meeting", heldOn, organizationIds }))["id"]!.GetValue<Guid>();

    public static async Task<Guid> Suggestion(this IAlbaHost host, Guid meetingId, Guid raisedById, Guid addressedToId,
        string topic = "innovation") =>
        (await host.PostOk($"/api/meetings/{meetingId}/suggestions",
            new { raisedById, addressedToId, topic, text = "Please consider this" }))["id"]!.GetValue<Guid>();

    public static async Task<Guid> Commitment(this IAlbaHost host, Guid meetingId, Guid ownerId, DateOnly? dueOn = null,
        Guid? suggestionId = null) =>
        (await host.PostOk($"/api/meetings/{meetingId}/commitments",
            new { ownerId, description = "We will follow up", dueOn, suggestionId }))["id"]!.GetValue<Guid>();

    /// <summary>Asserts an RFC 9457 answer with the given status, and returns its body.</summary>
    public static JsonNode ShouldBeProblem(this (int Status, JsonNode? Body, IScenarioResult Result) response, int status)
    {
        Assert.True(response.Status == status, $"expected {status} but got {response.Status}: {response.Body?.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Result.Context.Response.ContentType?.Split(';')[0]);
        Assert.NotNull(response.Body);
        Assert.Equal(status, response.Body!["status"]!.GetValue<int>());
        return response.Body;
    }

    /// <summary>Asserts a 400 whose errors map names the field.</summary>
    public static void ShouldRejectField(this (int Status, JsonNode? Body, IScenarioResult Result) response, string field)
    {
        var body = response.ShouldBeProblem(400);
        var errors = body["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field),
            $"expected an error for '{field}' but got {body.ToJsonString()}");
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<long> EventCount(this IAlbaHost host) =>
        (await ((Marten.IDocumentStore)host.Services.GetService(typeof(Marten.IDocumentStore))!).Advanced.FetchEventStoreStatistics()).EventCount;

    /// <summary>Posts a request that must be refused with the given status as problem+json, appending no event.</summary>
    public static async Task<JsonNode> PostRefused(this IAlbaHost host, string url, object? body, int status,
        Action<Scenario>? configure = null)
    {
        var before = await host.EventCount();
        var response = await host.PostJson(url, body, configure);
        var problem = response.ShouldBeProblem(status);
        Assert.Equal(before, await host.EventCount());
        return problem;
    }

    /// <summary>Posts a request that must be refused with 400 naming the field, appending no event; returns the field's messages.</summary>
    public static async Task<string[]> PostRejectingField(this IAlbaHost host, string url, object? body, string field,
        Action<Scenario>? configure = null)
    {
        var before = await host.EventCount();
        var response = await host.PostJson(url, body, configure);
        response.ShouldRejectField(field);
        Assert.Equal(before, await host.EventCount());
        return response.Body!["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
    }

    /// <summary>Asserts a write's answer: the status, <c>{id, version}</c> and the ETag of that version.</summary>
    public static Guid ShouldBeWritten(this (int Status, JsonNode? Body, IScenarioResult Result) response, int status, long version)
    {
        Assert.True(response.Status == status, $"expected {status} but got {response.Status}: {response.Body?.ToJsonString()}");
        Assert.Equal(version, response.Body!["version"]!.GetValue<long>());
        Assert.Equal($"\"{version}\"", response.Result.Context.Response.Headers.ETag.ToString());
        return response.Body["id"]!.GetValue<Guid>();
    }

    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> PostWithIfMatch(this IAlbaHost host, string url,
        object body, string ifMatch) =>
        await host.PostJson(url, body, s => s.WithRequestHeader("If-Match", ifMatch));

    public static async Task<Guid> Person(this IAlbaHost host, string name, Guid organizationId, string? title, DateOnly since) =>
        (await host.PostOk("/api/people", new { name, title, organizationId, since }))["id"]!.GetValue<Guid>();

    public static async Task<Guid> Meeting(this IAlbaHost host, DateOnly heldOn, Guid[] organizationIds, Guid[] participantIds) =>
        (await host.PostOk("/api/meetings", new { title = "Meeting", heldOn, organizationIds, participantIds }))["id"]!.GetValue<Guid>();

    public static string Text(this JsonNode node, string property) => node[property]!.GetValue<string>();
}
