using System.Net;
using System.Text;
using System.Text.Json;
using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;

namespace Engagement.Demo;

internal enum DemoLoadStatus { Loaded, AlreadyLoaded }

internal sealed record DemoLoadResult(DemoLoadStatus Status, Guid? SeedMeetingId, int Organizations, int People, int Meetings,
    int Suggestions, int Commitments, int Writes);

/// <summary>Why the demo could not be loaded, and what to do about it; the message is meant for the console.</summary>
internal sealed class DemoLoadException(string message) : Exception(message);

/// <summary>
/// Loads <see cref="DemoData"/> through the HTTP API, as any client would: the same requests, the same validation.
/// Every write must succeed; the first that does not stops the load with the service's problem+json answer.
/// If the demo is already there (the chamber is registered and the load's last write is found), it writes nothing.
/// </summary>
internal sealed class DemoLoader(HttpClient http, TextWriter log, DateOnly today)
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();
    private readonly string _correlationId = $"demo-load-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
    private readonly Dictionary<string, Guid> _organizations = new();
    private readonly Dictionary<string, Guid> _people = new();
    private readonly Dictionary<string, Guid> _suggestions = new();
    private int _writes;

    public async Task<DemoLoadResult> LoadAsync(CancellationToken ct = default)
    {
        var plan = DemoData.Build(today);
        log.WriteLine($"Demo data for {http.BaseAddress} (today is {today:yyyy-MM-dd})");

        if (await FindOrganizationAsync(DemoData.ChamberName, OrganizationKind.Chamber, ct) is { } chamber)
        {
            if (await LastWriteFoundAsync(ct))
            {
                log.WriteLine($"The demo data is already loaded ('{DemoData.ChamberName}' is registered). Nothing to do.");
                return new DemoLoadResult(DemoLoadStatus.AlreadyLoaded, null, 0, 0, 0, 0, 0, 0);
            }
            throw new DemoLoadException(
                $"The service already has '{DemoData.ChamberName}' (id {chamber}) but not the complete demo data: an earlier " +
                "load stopped part-way, or the data was entered by other means. The demo loads into an empty database only. " +
                "To start over, drop and recreate the database (ops/run uses 'engagement' unless ENGAGEMENT_DB says otherwise), " +
                "start the service and run 'demo' again.");
        }

        foreach (var o in plan.Organizations)
            _organizations[o.Key] = await CreateAsync("api/organizations", new RegisterOrganization(o.Name, o.Kind, o.Country, null), ct);
        log.WriteLine($"  {plan.Organizations.Count} organisations registered " +
                      $"({plan.Organizations.Count(o => !o.Name.StartsWith(DemoData.Synthetic))} from the seed text, " +
                      $"{plan.Organizations.Count(o => o.Name.StartsWith(DemoData.Synthetic))} synthetic)");

        foreach (var p in plan.People)
            _people[p.Key] = await CreateAsync("api/people", new RegisterPerson(p.Name, p.Title, _organizations[p.Organization], p.Since), ct);
        log.WriteLine($"  {plan.People.Count} people registered");

        Guid? seedMeetingId = null;
        var (suggestions, commitments) = (0, 0);
        foreach (var m in plan.Meetings)
        {
            var meetingId = await LogMeetingAsync(m, ct);
            if (m.IsSeed) seedMeetingId = meetingId;
            suggestions += m.Suggestions.Count;
            commitments += m.Commitments.Count;
            log.WriteLine($"  {m.HeldOn:yyyy-MM-dd}  {m.Title}: {Count(m.Suggestions.Count, "suggestion")}, " +
                          $"{Count(m.Commitments.Count, "commitment")}{(m.IsSeed ? "  (the seed meeting)" : "")}");
        }

        // Last, on purpose: finding this change tells a complete load from one that stopped part-way.
        foreach (var change in plan.PostChanges)
            await WriteAsync($"api/people/{_people[change.Person]}/posts",
                new ChangePost(change.Title, _organizations[change.Organization], change.Since), ct);
        log.WriteLine($"  {Count(plan.PostChanges.Count, "change of post", "changes of post")} recorded");

        var result = new DemoLoadResult(DemoLoadStatus.Loaded, seedMeetingId, plan.Organizations.Count, plan.People.Count,
            plan.Meetings.Count, suggestions, commitments, _writes);
        log.WriteLine($"Loaded: {result.Organizations} organisations, {result.People} people, {result.Meetings} meetings, " +
                      $"{result.Suggestions} suggestions, {result.Commitments} commitments ({result.Writes} writes, none rejected). " +
                      $"The seed meeting is {seedMeetingId}.");
        return result;
    }

    private async Task<Guid> LogMeetingAsync(MeetingPlan m, CancellationToken ct)
    {
        var meetingId = await CreateAsync("api/meetings", new LogMeeting(m.Title, m.HeldOn, m.Location,
            [.. m.Organizations.Select(k => _organizations[k])], [.. m.Participants.Select(k => _people[k])], m.Topics,
            m.Summary, null), ct);

        foreach (var note in m.Notes)
            await WriteAsync($"api/meetings/{meetingId}/notes", new AddNote(note.Text, note.NotedOn), ct);

        foreach (var s in m.Suggestions)
        {
            var id = await CreateAsync($"api/meetings/{meetingId}/suggestions",
                new RaiseSuggestion(_organizations[s.RaisedBy], _organizations[s.AddressedTo], s.Topic, s.Text), ct);
            if (s.Key is not null) _suggestions[s.Key] = id;
            foreach (var step in s.Steps)
                await (step switch
                {
                    Respond r => WriteAsync($"api/suggestions/{id}/responses", new RespondToSuggestion(r.Text, r.On), ct),
                    Resolve r => WriteAsync($"api/suggestions/{id}/resolution", new ResolveSuggestion(r.Outcome, r.Note, r.On), ct),
                    Reopen r => WriteAsync($"api/suggestions/{id}/reopening", new ReopenSuggestion(r.Reason, r.On), ct),
                    _ => throw new InvalidOperationException($"Unknown suggestion step {step}")
                });
        }

        foreach (var c in m.Commitments)
        {
            var id = await CreateAsync($"api/meetings/{meetingId}/commitments", new MakeCommitment(_organizations[c.Owner],
                c.Description, c.DueOn, c.Suggestion is null ? null : _suggestions[c.Suggestion]), ct);
            foreach (var step in c.Steps)
                await (step switch
                {
                    Progress p => WriteAsync($"api/commitments/{id}/progress", new RecordProgress(p.Note, p.On), ct),
                    MoveDueDate d => WriteAsync($"api/commitments/{id}/due-date", new ChangeDueDate(d.DueOn, d.Reason), ct),
                    Fulfil f => WriteAsync($"api/commitments/{id}/fulfilment", new FulfilCommitment(f.Note, f.On), ct),
                    Cancel x => WriteAsync($"api/commitments/{id}/cancellation", new CancelCommitment(x.Reason, x.On), ct),
                    _ => throw new InvalidOperationException($"Unknown commitment step {step}")
                });
        }
        return meetingId;
    }

    private async Task<Guid?> FindOrganizationAsync(string name, OrganizationKind kind, CancellationToken ct)
    {
        var found = await GetAsync($"api/organizations?kind={kind.Kebab()}&q={Uri.EscapeDataString(name)}", ct);
        return found.GetProperty("items").EnumerateArray().Where(o => o.GetProperty("name").GetString() == name)
            .Select(o => (Guid?)o.GetProperty("id").GetGuid()).FirstOrDefault();
    }

    private async Task<bool> LastWriteFoundAsync(CancellationToken ct)
    {
        var people = await GetAsync($"api/people?q={Uri.EscapeDataString(DemoData.LastWritePerson)}", ct);
        foreach (var person in people.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("name").GetString() == DemoData.LastWritePerson))
        {
            var view = await GetAsync($"api/people/{person.GetProperty("id").GetGuid()}", ct);
            if (view.GetProperty("posts").GetArrayLength() > 1) return true;
        }
        return false;
    }

    private async Task<Guid> CreateAsync(string path, object body, CancellationToken ct) =>
        (await WriteAsync(path, body, ct)).GetProperty("id").GetGuid();

    private async Task<JsonElement> WriteAsync(string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), Json), Encoding.UTF8, "application/json");
        var answer = await SendAsync(request, ct);
        _writes++;
        return answer;
    }

    private Task<JsonElement> GetAsync(string path, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var _ = request;
        request.Headers.Add(RecordingContext.CorrelationHeader, _correlationId);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new DemoLoadException(Describe(request, response.StatusCode, text));
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new DemoLoadException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} with a body " +
                                        $"that is not JSON ({e.Message}). Is {http.BaseAddress} the Engagement service?");
        }
    }

    private string Describe(HttpRequestMessage request, HttpStatusCode status, string body)
    {
        var next = (int)status switch
        {
            401 or 403 => "The service refused the request: pass --api-key with a key that may write.",
            404 when request.Method == HttpMethod.Get =>
                $"Is {http.BaseAddress} the Engagement service? Check --url.",
            >= 500 => "The service failed; its log says why. Fix that, recreate the database and run 'demo' again.",
            _ when _writes == 0 => "Nothing was written. Check --url and that the service is the same version as this command.",
            _ => "The demo data and the API disagree, which is a bug in src/Engagement/Demo/DemoData.cs. The database now holds " +
                 "part of the demo: after fixing it, drop and recreate the database and run 'demo' again."
        };
        var shown = string.IsNullOrWhiteSpace(body) ? "(empty body)" : body;
        return $"{request.Method} {request.RequestUri} answered {(int)status} {status}:\n{shown}\n{next}";
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }
}
