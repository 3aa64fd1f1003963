using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;
using Marten;

namespace Engagement.Webhooks;

/// <summary>The names (and the suggestions and commitments) that a batch of envelopes refers to, read in a few queries.</summary>
public sealed class Lookup(
    IReadOnlyDictionary<Guid, string> organizations,
    IReadOnlyDictionary<Guid, string> people,
    IReadOnlyDictionary<Guid, string> meetings,
    IReadOnlyDictionary<Guid, Suggestion> suggestions,
    IReadOnlyDictionary<Guid, Commitment> commitments)
{
    public const string Unknown = "(unknown)";
    public static readonly Ref UnknownRef = new(Guid.Empty, Unknown);

    public Ref Organization(Guid id) => new(id, organizations.GetValueOrDefault(id, Unknown));
    public Ref Person(Guid id) => new(id, people.GetValueOrDefault(id, Unknown));
    public Ref Meeting(Guid id) => new(id, meetings.GetValueOrDefault(id, Unknown));
    public Suggestion? Suggestion(Guid id) => suggestions.GetValueOrDefault(id);
    public Commitment? Commitment(Guid id) => commitments.GetValueOrDefault(id);

    public static async Task<Lookup> LoadAsync(IQuerySession session, IEnumerable<object> events, CancellationToken ct)
    {
        var organizationIds = new HashSet<Guid>();
        var personIds = new HashSet<Guid>();
        var meetingIds = new HashSet<Guid>();
        var suggestionIds = new HashSet<Guid>();
        var commitmentIds = new HashSet<Guid>();
        foreach (var e in events)
        {
            switch (e)
            {
                case PersonRegistered x: organizationIds.Add(x.OrganizationId); break;
                case OrganizationRegisterIdChanged x: organizationIds.Add(x.OrganizationId); break;
                case OrganizationMerged x: organizationIds.Add(x.OrganizationId); organizationIds.Add(x.SurvivorId); break;
                case PersonChangedPost x: personIds.Add(x.PersonId); organizationIds.Add(x.OrganizationId); break;
                case MeetingLogged x: organizationIds.UnionWith(x.OrganizationIds); personIds.UnionWith(x.ParticipantIds); break;
                case MeetingNoteAdded x: meetingIds.Add(x.MeetingId); break;
                case MeetingNoteMasked x: meetingIds.Add(x.MeetingId); break;
                case MeetingCorrected x: meetingIds.Add(x.MeetingId); break;
                case SuggestionRaised x: meetingIds.Add(x.MeetingId); organizationIds.Add(x.RaisedById); organizationIds.Add(x.AddressedToId); break;
                case SuggestionResponded x: suggestionIds.Add(x.SuggestionId); break;
                case SuggestionResolved x: suggestionIds.Add(x.SuggestionId); break;
                case SuggestionReopened x: suggestionIds.Add(x.SuggestionId); break;
                case CommitmentMade x: meetingIds.Add(x.MeetingId); organizationIds.Add(x.OwnerId); break;
                case CommitmentProgressed x: commitmentIds.Add(x.CommitmentId); break;
                case CommitmentDueDateChanged x: commitmentIds.Add(x.CommitmentId); break;
                case CommitmentFulfilled x: commitmentIds.Add(x.CommitmentId); break;
                case CommitmentCancelled x: commitmentIds.Add(x.CommitmentId); break;
                case CommitmentFellOverdue x: commitmentIds.Add(x.CommitmentId); break;
                case CommitmentFallingDue x: commitmentIds.Add(x.CommitmentId); break;
                case AskFollowUpDue x: suggestionIds.Add(x.SuggestionId); break;
            }
        }

        var suggestions = await LoadAll<Suggestion>(session, suggestionIds, s => s.Id, ct);
        var commitments = await LoadAll<Commitment>(session, commitmentIds, c => c.Id, ct);
        foreach (var s in suggestions.Values)
        {
            meetingIds.Add(s.MeetingId);
            organizationIds.Add(s.RaisedById);
            organizationIds.Add(s.AddressedToId);
        }
        foreach (var c in commitments.Values)
        {
            meetingIds.Add(c.MeetingId);
            organizationIds.Add(c.OwnerId);
        }

        var organizations = await LoadAll<Organization>(session, organizationIds, o => o.Id, ct);
        var people = await LoadAll<Person>(session, personIds, p => p.Id, ct);
        var meetings = await LoadAll<Meeting>(session, meetingIds, m => m.Id, ct);
        return new Lookup(organizations.ToDictionary(x => x.Key, x => x.Value.Name), people.ToDictionary(x => x.Key, x => x.Value.Name),
            meetings.ToDictionary(x => x.Key, x => x.Value.Title), suggestions, commitments);
    }

    private static async Task<Dictionary<Guid, T>> LoadAll<T>(IQuerySession session, HashSet<Guid> ids, Func<T, Guid> idOf,
        CancellationToken ct) where T : notnull
    {
        if (ids.Count == 0) return [];
        var found = await session.LoadManyAsync<T>(ct, ids);
        return found.ToDictionary(idOf);
    }
}
