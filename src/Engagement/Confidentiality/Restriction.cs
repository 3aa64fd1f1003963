using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Suggestions;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Engagement.Confidentiality;

/// <summary>
/// A meeting (with its notes, the asks raised in it and the commitments made in it), or only its note
/// <see cref="NoteId"/>, is restricted to the staff users listed; the one who marked it is always among them.
/// </summary>
public sealed record MeetingRestricted(Guid MeetingId, Guid? NoteId, IReadOnlyList<Guid> AllowedUserIds, string? Reason);

/// <summary>Who may see a restricted meeting or note changed; the restriction stays.</summary>
public sealed record MeetingRestrictionChanged(Guid MeetingId, Guid? NoteId, IReadOnlyList<Guid> AllowedUserIds, string? Reason);

/// <summary>The meeting or note is no longer restricted: everyone who reads may see it again.</summary>
public sealed record MeetingRestrictionLifted(Guid MeetingId, Guid? NoteId);

public sealed record Restriction(IReadOnlyList<Guid> AllowedUserIds, string? Reason)
{
    public bool Allows(Guid? userId) => userId is { } id && AllowedUserIds.Contains(id);
}

public sealed record NoteRestriction(Guid NoteId, IReadOnlyList<Guid> AllowedUserIds, string? Reason);

/// <summary>
/// What is restricted about one meeting, kept inline with the writes so a read never shows what was just restricted:
/// the meeting's own restriction, its notes', and the asks and commitments that follow the meeting's.
/// </summary>
public sealed record MeetingConfidentiality
{
    public Guid Id { get; init; }
    public Restriction? Meeting { get; init; }
    public IReadOnlyList<NoteRestriction> Notes { get; init; } = [];
    public IReadOnlyList<Guid> SuggestionIds { get; init; } = [];
    public IReadOnlyList<Guid> CommitmentIds { get; init; } = [];
    /// <summary>Anything restricted at all: the one indexed condition every answer's redaction reads by.</summary>
    public bool Active { get; init; }

    public Restriction? Of(Guid? noteId) => noteId is { } id
        ? Notes.FirstOrDefault(n => n.NoteId == id) is { } n ? new Restriction(n.AllowedUserIds, n.Reason) : null
        : Meeting;

    public MeetingConfidentiality With(Guid? noteId, Restriction? restriction)
    {
        var next = noteId is { } id
            ? this with
            {
                Notes = [.. Notes.Where(n => n.NoteId != id),
                    .. restriction is null ? [] : new[] { new NoteRestriction(id, restriction.AllowedUserIds, restriction.Reason) }]
            }
            : this with { Meeting = restriction };
        return next with { Active = next.Meeting is not null || next.Notes.Count > 0 };
    }
}

public sealed class MeetingConfidentialityProjection : MultiStreamProjection<MeetingConfidentiality, Guid>
{
    public MeetingConfidentialityProjection()
    {
        Identity<MeetingRestricted>(e => e.MeetingId);
        Identity<MeetingRestrictionChanged>(e => e.MeetingId);
        Identity<MeetingRestrictionLifted>(e => e.MeetingId);
        Identity<SuggestionRaised>(e => e.MeetingId);
        Identity<CommitmentMade>(e => e.MeetingId);
    }

    public override MeetingConfidentiality Evolve(MeetingConfidentiality? snapshot, Guid id, IEvent e)
    {
        var current = snapshot ?? new MeetingConfidentiality { Id = id };
        return e.Data switch
        {
            MeetingRestricted x => current.With(x.NoteId, new Restriction(x.AllowedUserIds, x.Reason)),
            MeetingRestrictionChanged x => current.With(x.NoteId, new Restriction(x.AllowedUserIds, x.Reason)),
            MeetingRestrictionLifted x => current.With(x.NoteId, null),
            SuggestionRaised x => current with { SuggestionIds = [.. current.SuggestionIds, x.SuggestionId] },
            CommitmentMade x => current with { CommitmentIds = [.. current.CommitmentIds, x.CommitmentId] },
            _ => current
        };
    }
}
