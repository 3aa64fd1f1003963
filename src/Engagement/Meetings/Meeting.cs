using Engagement.Confidentiality;

namespace Engagement.Meetings;

public sealed record MeetingLogged(Guid MeetingId, string Title, DateOnly HeldOn, string? Location,
    IReadOnlyList<Guid> OrganizationIds, IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<string> Topics,
    string? Summary, string? SourceUrl);

/// <summary><c>Mentions</c>: the people the note names, so that erasing one of them masks their name in it.</summary>
public sealed record MeetingNoteAdded(Guid MeetingId, Guid NoteId, string Text, DateOnly NotedOn, IReadOnlyList<Guid>? Mentions = null);

/// <summary>
/// A mentioned person's personal data was erased and their name masked in the note; <c>Text</c> is the masked text and
/// <c>NoteSequence</c> the sequence of the event that added the note.
/// </summary>
public sealed record MeetingNoteMasked(Guid MeetingId, Guid NoteId, long NoteSequence, Guid PersonId, string Text, DateOnly MaskedOn);

/// <summary>A fix to what was logged; the original stays in the stream's history.</summary>
public sealed record MeetingCorrected(Guid MeetingId, string? Title, string? Location, IReadOnlyList<string>? Topics,
    string? Summary, string? SourceUrl, string Reason, DateOnly CorrectedOn);

public sealed record MeetingNote(Guid Id, string Text, DateOnly NotedOn, IReadOnlyList<Guid>? Mentions = null);

public sealed record Meeting(Guid Id, string Title, DateOnly HeldOn, string? Location, IReadOnlyList<Guid> OrganizationIds,
    IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<string> Topics, string? Summary, string? SourceUrl,
    IReadOnlyList<MeetingNote> Notes, int Version)
{
    public static Meeting Create(MeetingLogged e) => new(e.MeetingId, e.Title, e.HeldOn, e.Location, e.OrganizationIds,
        e.ParticipantIds, e.Topics, e.Summary, e.SourceUrl, [], 1);

    public Meeting Apply(MeetingNoteAdded e) => this with { Notes = [.. Notes, new MeetingNote(e.NoteId, e.Text, e.NotedOn, e.Mentions)] };

    public Meeting Apply(MeetingNoteMasked e) => this with
    {
        Notes = [.. Notes.Select(n => n.Id == e.NoteId ? n with { Text = e.Text } : n)]
    };

    // A restriction changes who may read the meeting, not what it says; it is a change to the meeting all the same, so
    // its version (the ETag every form sends) moves on.
    public Meeting Apply(MeetingRestricted e) => this;
    public Meeting Apply(MeetingRestrictionChanged e) => this;
    public Meeting Apply(MeetingRestrictionLifted e) => this;

    public Meeting Apply(MeetingCorrected e) => this with
    {
        Title = e.Title ?? Title,
        Location = e.Location ?? Location,
        Topics = e.Topics ?? Topics,
        Summary = e.Summary ?? Summary,
        SourceUrl = e.SourceUrl ?? SourceUrl
    };
}

public static class Topics
{
    /// <summary>Topics are compared without regard to case or surrounding space; the first spelling is kept.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? topics) =>
        topics is null ? [] : [.. topics.Select(t => t.Trim()).Where(t => t.Length > 0).DistinctBy(t => t.ToLowerInvariant())];
}
