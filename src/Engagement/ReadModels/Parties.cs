using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;
using JasperFx.Events;
using Marten;

namespace Engagement.ReadModels;

/// <summary>Which side of the table made a commitment: the stakeholder itself, or the chamber or one of its members.</summary>
public enum CommitmentSide { Theirs, Ours }

public sealed record MeetingParties(IReadOnlyList<Guid> OrganizationIds, IReadOnlyList<Guid> ParticipantIds);

public sealed record SuggestionParties(Guid MeetingId, Guid RaisedById, Guid AddressedToId);

public sealed record CommitmentParties(Guid MeetingId, Guid OwnerId);

/// <summary>
/// Who each stream involves, learnt from the event that started it (and an organisation's kind from its registration).
/// Those facts never change, so the live projections, which read them from the event store, and the as-of answers,
/// which read them from the history in hand, send every event to the same organisations and people.
/// </summary>
public sealed class Parties
{
    private readonly Dictionary<Guid, MeetingParties> _meetings = new();
    private readonly Dictionary<Guid, SuggestionParties> _suggestions = new();
    private readonly Dictionary<Guid, CommitmentParties> _commitments = new();
    private readonly Dictionary<Guid, OrganizationKind> _kinds = new();

    public void Learn(object data)
    {
        switch (data)
        {
            case OrganizationRegistered e: _kinds[e.OrganizationId] = e.Kind; break;
            case MeetingLogged e: _meetings[e.MeetingId] = new MeetingParties(e.OrganizationIds, e.ParticipantIds); break;
            case SuggestionRaised e: _suggestions[e.SuggestionId] = new SuggestionParties(e.MeetingId, e.RaisedById, e.AddressedToId); break;
            case CommitmentMade e: _commitments[e.CommitmentId] = new CommitmentParties(e.MeetingId, e.OwnerId); break;
        }
    }

    public static bool IsOurs(OrganizationKind kind) => kind is OrganizationKind.Chamber or OrganizationKind.Member;

    public static CommitmentSide SideOf(OrganizationKind ownerKind) => IsOurs(ownerKind) ? CommitmentSide.Ours : CommitmentSide.Theirs;

    public MeetingParties? Meeting(Guid meetingId) => _meetings.GetValueOrDefault(meetingId);

    public SuggestionParties? Suggestion(Guid suggestionId) => _suggestions.GetValueOrDefault(suggestionId);

    /// <summary>The organisations a suggestion concerns: the one that raised it and the one it is addressed to.</summary>
    public IEnumerable<Guid> OrganizationsOfSuggestion(Guid suggestionId) =>
        Suggestion(suggestionId) is { } s ? new[] { s.RaisedById, s.AddressedToId }.Distinct() : [];

    /// <summary>
    /// The organisations a commitment concerns: its owner, and when the chamber or a member made it, every other
    /// stakeholder at the meeting where it was made.
    /// </summary>
    public IEnumerable<Guid> OrganizationsOfCommitment(Guid commitmentId)
    {
        if (!_commitments.TryGetValue(commitmentId, out var c)) yield break;
        yield return c.OwnerId;
        if (!IsOurs(KindOf(c.OwnerId)) || Meeting(c.MeetingId) is not { } meeting) yield break;
        foreach (var organizationId in meeting.OrganizationIds)
            if (organizationId != c.OwnerId && !IsOurs(KindOf(organizationId)))
                yield return organizationId;
    }

    private OrganizationKind KindOf(Guid organizationId) => _kinds.GetValueOrDefault(organizationId, OrganizationKind.Other);

    /// <summary>
    /// Parties for a batch of events: what the batch itself starts, and for the rest the starting events of the
    /// streams it refers to, read from the event store (never from documents, which a rebuild may be rewriting).
    /// </summary>
    public static async Task<Parties> LoadAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var parties = new Parties();
        foreach (var e in events) parties.Learn(e.Data);

        var commitments = new HashSet<Guid>();
        var streams = new HashSet<Guid>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MeetingNoteAdded n when !parties._meetings.ContainsKey(n.MeetingId): streams.Add(n.MeetingId); break;
                case MeetingNoteMasked n when !parties._meetings.ContainsKey(n.MeetingId): streams.Add(n.MeetingId); break;
                case SuggestionResponded or SuggestionResolved or SuggestionReopened when !parties._suggestions.ContainsKey(e.StreamId):
                    streams.Add(e.StreamId); break;
                case CommitmentMade m: commitments.Add(m.CommitmentId); break;
                case CommitmentProgressed or CommitmentDueDateChanged or CommitmentFulfilled or CommitmentCancelled or CommitmentFellOverdue:
                    commitments.Add(e.StreamId);
                    if (!parties._commitments.ContainsKey(e.StreamId)) streams.Add(e.StreamId);
                    break;
            }
        }
        await parties.LearnStartsAsync(session, streams, ct);

        // A commitment's organisations also depend on its meeting and on the kinds of the organisations involved.
        var known = commitments.Where(parties._commitments.ContainsKey).Select(id => parties._commitments[id]).ToList();
        await parties.LearnStartsAsync(session, known.Select(c => c.MeetingId).Where(id => !parties._meetings.ContainsKey(id))
            .Concat(known.Select(c => c.OwnerId).Where(id => !parties._kinds.ContainsKey(id))), ct);
        await parties.LearnStartsAsync(session, known.SelectMany(c => parties.Meeting(c.MeetingId)?.OrganizationIds ?? [])
            .Where(id => !parties._kinds.ContainsKey(id)), ct);
        return parties;
    }

    private async Task LearnStartsAsync(IQuerySession session, IEnumerable<Guid> streamIds, CancellationToken ct)
    {
        var ids = streamIds.Distinct().ToArray();
        if (ids.Length == 0) return;
        var starts = await session.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.StreamId) && e.Version == 1)
            .ToListAsync(ct);
        foreach (var e in starts) Learn(e.Data);
    }
}
