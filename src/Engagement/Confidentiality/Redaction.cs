using System.Security.Claims;
using System.Text.Json.Nodes;
using Engagement.Access;
using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Suggestions;
using Marten;

namespace Engagement.Confidentiality;

/// <summary>
/// What one reader may not see, and the one step every read answer goes through to take it out. A restricted meeting
/// stays in every answer (its day, its organisations, the figures that count it) but loses its title, place, topics,
/// participants, summary, source, notes, and the text of the asks raised and commitments made in it; a restricted note
/// loses its text. The restriction itself (who may see it, and why) stays, so the others know whom to ask. An answer's parts are recognised by the ids they carry (<c>id</c>, <c>meetingId</c>, <c>noteId</c>,
/// <c>suggestionId</c>, <c>commitmentId</c>, or a <c>meeting</c>, <c>suggestion</c> or <c>commitment</c> reference), so a
/// new answer made of the same records is redacted without being told.
/// </summary>
public sealed class Redaction
{
    public const string MeetingTitle = "Restricted meeting";
    public const string Withheld = "Restricted";

    private static readonly object ItemsKey = new();

    // Text that goes, kept as text (the answers' contracts say it is there); text that goes to null; lists emptied.
    private static readonly string[] KeptAsText = ["text", "description", "note", "reason", "response"];
    private static readonly string[] Nulled = ["location", "summary", "sourceUrl", "topic", "detail"];
    private static readonly string[] Emptied = ["participants", "notes", "topics", "responses", "progress", "officials"];
    // A restriction itself (who may see, and why) is for everyone to read: it tells the others whom to ask.
    private static readonly string[] RestrictionKeys = ["allowedUserIds", "allowedUsers"];
    private static readonly string[] Titles = ["title", "meetingTitle", "subject"];
    private static readonly string[] IdKeys = ["id", "meetingId", "noteId", "suggestionId", "commitmentId"];
    private static readonly string[] RefKeys = ["meeting", "suggestion", "commitment"];

    private readonly HashSet<Guid> _meetings = [];
    private readonly HashSet<Guid> _items = [];
    private readonly HashSet<Guid> _notes = [];
    private readonly HashSet<Guid> _meetingsWithHiddenNotes = [];
    private readonly Dictionary<Guid, MeetingConfidentiality> _restricted = [];

    private Redaction(IEnumerable<MeetingConfidentiality> restricted, Func<Restriction, bool> mayRead)
    {
        foreach (var c in restricted)
        {
            _restricted[c.Id] = c;
            if (c.Meeting is { } meeting && !mayRead(meeting))
            {
                _meetings.Add(c.Id);
                _items.UnionWith(c.SuggestionIds);
                _items.UnionWith(c.CommitmentIds);
                _notes.UnionWith(c.Notes.Select(n => n.NoteId));
            }
            foreach (var note in c.Notes.Where(n => !mayRead(new Restriction(n.AllowedUserIds, n.Reason))))
            {
                _notes.Add(note.NoteId);
                _meetingsWithHiddenNotes.Add(c.Id);
            }
        }
    }

    /// <summary>Whether anything in any answer is to be withheld from this reader.</summary>
    public bool Any => _meetings.Count > 0 || _notes.Count > 0;

    /// <summary>Meetings whose words must not make them match a search by this reader: restricted, or with a restricted note.</summary>
    public Guid[] UnsearchableMeetings => [.. _meetings.Union(_meetingsWithHiddenNotes)];

    public Guid[] HiddenMeetings => [.. _meetings];

    /// <summary>The asks and commitments of restricted meetings this reader may not see.</summary>
    public Guid[] HiddenItems => [.. _items];

    public bool Hides(Guid id) => _meetings.Contains(id) || _items.Contains(id) || _notes.Contains(id);

    public MeetingConfidentiality? Of(Guid meetingId) => _restricted.GetValueOrDefault(meetingId);

    /// <summary>The reader of this request: a signed-in user may be cleared; an API key or a token never is.</summary>
    public static async Task<Redaction> ForAsync(HttpContext http)
    {
        if (http.Items[ItemsKey] is Redaction known) return known;
        var session = http.RequestServices.GetRequiredService<IQuerySession>();
        var redaction = await ForUserAsync(session, UserOf(http.User), http.RequestAborted);
        http.Items[ItemsKey] = redaction;
        return redaction;
    }

    public static Guid? UserOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(Claims.UserId)?.Value, out var id) ? id : null;

    public static async Task<Redaction> ForUserAsync(IQuerySession session, Guid? userId, CancellationToken ct) =>
        new(await RestrictedAsync(session, ct), r => r.Allows(userId));

    /// <summary>For a reader no one cleared: a webhook endpoint that is not confidential.</summary>
    public static async Task<Redaction> ForNobodyAsync(IQuerySession session, CancellationToken ct) =>
        new(await RestrictedAsync(session, ct), _ => false);

    private static async Task<IReadOnlyList<MeetingConfidentiality>> RestrictedAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<MeetingConfidentiality>().Where(c => c.Active).ToListAsync(ct);

    /// <summary>Takes out of a JSON answer, in place, what this reader may not see.</summary>
    public void Redact(JsonNode? node) => Redact(node, false);

    /// <param name="within">inside a part already withheld: an ask's response, a commitment's progress</param>
    private void Redact(JsonNode? node, bool within)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) Redact(item, within);
                break;
            case JsonObject o:
                var tied = RedactObject(o, within);
                foreach (var (_, value) in o.ToList()) Redact(value, tied);
                break;
        }
    }

    /// <summary>A value of an answer's own type with the same redaction (for answers written as CSV or iCalendar).</summary>
    public T Apply<T>(T value)
    {
        if (!Any) return value;
        var node = System.Text.Json.JsonSerializer.SerializeToNode(value, RoundTrip);
        var before = node?.ToJsonString();
        Redact(node);
        return node is null || node.ToJsonString() == before ? value : System.Text.Json.JsonSerializer.Deserialize<T>(node, RoundTrip)!;
    }

    public Meeting Apply(Meeting meeting) => _meetings.Contains(meeting.Id)
        ? meeting with { Title = MeetingTitle, Location = null, Summary = null, SourceUrl = null, Topics = [], ParticipantIds = [], Notes = [] }
        : meeting with { Notes = [.. meeting.Notes.Select(n => _notes.Contains(n.Id) ? n with { Text = Withheld } : n)] };

    public Suggestion Apply(Suggestion s) => _items.Contains(s.Id) ? s with { Text = Withheld, Topic = null } : s;

    public Commitment Apply(Commitment c) => _items.Contains(c.Id) ? c with { Description = Withheld } : c;

    private static readonly System.Text.Json.JsonSerializerOptions RoundTrip = CreateRoundTrip();

    private static System.Text.Json.JsonSerializerOptions CreateRoundTrip()
    {
        var options = new System.Text.Json.JsonSerializerOptions();
        Infrastructure.JsonConventions.Apply(options);
        // Computed members (an item's href) are written but have nothing to be read into.
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }

    private bool RedactObject(JsonObject o, bool within)
    {
        if (RestrictionKeys.Any(o.ContainsKey)) return false;
        var selfIsMeeting = IdOf(o, "id") is { } self && _meetings.Contains(self);
        var viaMeeting = selfIsMeeting || IdOf(o, "meetingId") is { } m && _meetings.Contains(m)
                         || o["meeting"] is JsonObject r && IdOf(r, "id") is { } rm && _meetings.Contains(rm);
        var tied = viaMeeting || IdKeys.Any(k => IdOf(o, k) is { } id && Hides(id))
                   || RefKeys.Any(k => o[k] is JsonObject child && IdOf(child, "id") is { } id && Hides(id))
                   || IsHiddenNoteEntry(o) || within;
        if (!tied) return false;

        foreach (var key in Titles)
            if (o[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                o[key] = key == "meetingTitle" || viaMeeting && !IsItem(o) ? MeetingTitle : Withheld;
        if (selfIsMeeting && o["name"] is JsonValue) o["name"] = MeetingTitle;
        foreach (var key in KeptAsText)
            if (o[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) o[key] = Withheld;
        foreach (var key in Nulled)
            if (o.ContainsKey(key) && o[key] is not null) o[key] = null;
        foreach (var key in Emptied)
            if (o[key] is JsonArray) o[key] = new JsonArray();
        return true;
    }

    /// <summary>An ask's or commitment's own object: its title is the item's, not the meeting's.</summary>
    private bool IsItem(JsonObject o) => IdOf(o, "id") is { } id && _items.Contains(id);

    /// <summary>A timeline entry of a note carries the meeting but not the note, so every note entry of such a meeting goes.</summary>
    private bool IsHiddenNoteEntry(JsonObject o) =>
        o["kind"] is JsonValue kind && kind.ToString() == "meeting-note-added"
        && o["meeting"] is JsonObject m && IdOf(m, "id") is { } id && _meetingsWithHiddenNotes.Contains(id);

    private static Guid? IdOf(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var id)
            ? id : null;
}
