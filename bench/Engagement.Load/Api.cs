using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Engagement.Load;

/// <summary>The service's API as the load uses it: the writes of a government-affairs team, and reads of what they built.</summary>
public sealed class Api(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<Guid> CreateAsync(string url, object body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public async Task<(int Status, long Bytes, JsonNode? Body)> GetAsync(string url)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (response.IsSuccessStatusCode && text.StartsWith('{')) body = JsonNode.Parse(text);
        return ((int)response.StatusCode, text.Length, body);
    }

    public async Task<Guid[]> OrganizationsAsync(int count)
    {
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
            ids[i] = await CreateAsync("/api/organizations", new { name = $"Organisation {i} {Guid.NewGuid():N}"[..30], kind = i % 2 == 0 ? "government" : "member" });
        return ids;
    }

    /// <summary>"Log a meeting with two asks and a commitment": four commands, four events.</summary>
    public async Task<(Guid Meeting, Guid[] Asks)> MeetingWithAsksAsync(Guid government, Guid member, DateOnly heldOn, string title,
        Action<double> latency)
    {
        var meeting = await Measure.Timed(() => CreateAsync("/api/meetings", new
        {
            title, heldOn, organizationIds = new[] { government, member }, topics = new[] { $"topic {heldOn.DayNumber % 12}" },
            summary = "Discussed market access, data rules and research cooperation."
        }), latency);
        var asks = new Guid[2];
        for (var s = 0; s < 2; s++)
            asks[s] = await Measure.Timed(() => CreateAsync($"/api/meetings/{meeting}/suggestions", new
            {
                raisedById = member, addressedToId = government, topic = $"topic {(heldOn.DayNumber + s) % 12}", text = "Please consider this ask."
            }), latency);
        await Measure.Timed(() => CreateAsync($"/api/meetings/{meeting}/commitments", new
        {
            ownerId = government, description = "Follow up in writing", dueOn = heldOn.AddDays(30), suggestionId = asks[0]
        }), latency);
        return (meeting, asks);
    }

    public Task<Guid> RespondAsync(Guid ask, DateOnly on) =>
        CreateAsync($"/api/suggestions/{ask}/responses", new { text = "We will study it.", respondedOn = on });
}
