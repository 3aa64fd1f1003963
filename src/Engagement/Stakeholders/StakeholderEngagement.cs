using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Engagement.Suggestions;

namespace Engagement.Stakeholders;

public sealed record MetOn(Guid MeetingId, DateOnly HeldOn);

public sealed record OpenCommitment(Guid CommitmentId, CommitmentSide Side, bool Overdue);

/// <summary>
/// The facts behind one organisation's engagement status. Figures that depend on today (meetings in the last 90
/// days, health) are worked out when read, by <see cref="EngagementFigures"/>, so the document never goes stale.
/// </summary>
public sealed record StakeholderEngagement(Guid Id, string Name, OrganizationKind Kind, DateOnly? RegisteredOn,
    DateOnly? FirstEngagedOn, IReadOnlyList<MetOn> Meetings, IReadOnlyList<Guid> OpenAsks, IReadOnlyList<OpenCommitment> OpenCommitments)
{
    public static readonly Type[] EventTypes =
    [
        typeof(OrganizationRegistered), typeof(OrganizationRenamed), typeof(MeetingLogged), typeof(SuggestionRaised),
        typeof(SuggestionResolved), typeof(SuggestionReopened), typeof(CommitmentMade), typeof(CommitmentDueDateChanged),
        typeof(CommitmentFellOverdue), typeof(CommitmentFulfilled), typeof(CommitmentCancelled)
    ];

    /// <summary>The organisations whose engagement an event changes.</summary>
    public static IEnumerable<Guid> Route(object data, Parties parties) => data switch
    {
        OrganizationRegistered e => [e.OrganizationId],
        OrganizationRenamed e => [e.OrganizationId],
        MeetingLogged e => e.OrganizationIds.Distinct(),
        SuggestionRaised e => [e.AddressedToId],
        SuggestionResolved e => parties.Suggestion(e.SuggestionId) is { } s ? [s.AddressedToId] : [],
        SuggestionReopened e => parties.Suggestion(e.SuggestionId) is { } s ? [s.AddressedToId] : [],
        CommitmentMade e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentDueDateChanged e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentFellOverdue e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentFulfilled e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentCancelled e => parties.OrganizationsOfCommitment(e.CommitmentId),
        _ => []
    };

    /// <summary>
    /// One event applied to one organisation's facts. Every change sets or removes one keyed fact, so applying the
    /// history again over a finished document changes nothing.
    /// </summary>
    public static StakeholderEngagement Fold(StakeholderEngagement? current, Guid organizationId, object data)
    {
        var doc = current ?? new StakeholderEngagement(organizationId, "", OrganizationKind.Other, null, null, [], [], []);
        return data switch
        {
            OrganizationRegistered e => doc with { Name = e.Name, Kind = e.Kind, RegisteredOn = e.RegisteredOn },
            OrganizationRenamed e => doc with { Name = e.Name },
            MeetingLogged e => doc.Engaged(e.HeldOn) with
            {
                Meetings = [.. doc.Meetings.Where(m => m.MeetingId != e.MeetingId).Append(new MetOn(e.MeetingId, e.HeldOn))
                    .OrderBy(m => m.HeldOn).ThenBy(m => m.MeetingId)]
            },
            SuggestionRaised e => doc.Engaged(e.RaisedOn).WithAsk(e.SuggestionId, open: true),
            SuggestionReopened e => doc.Engaged(e.ReopenedOn).WithAsk(e.SuggestionId, open: true),
            SuggestionResolved e => doc.Engaged(e.ResolvedOn).WithAsk(e.SuggestionId, open: false),
            CommitmentMade e => doc.Engaged(e.MadeOn) with
            {
                OpenCommitments = [.. doc.OpenCommitments.Where(c => c.CommitmentId != e.CommitmentId),
                    new OpenCommitment(e.CommitmentId, e.OwnerId == doc.Id ? CommitmentSide.Theirs : CommitmentSide.Ours, false)]
            },
            CommitmentDueDateChanged e => doc.Engaged(e.ChangedOn).WithOverdue(e.CommitmentId, false),
            CommitmentFellOverdue e => doc.Engaged(e.FellOverdueOn).WithOverdue(e.CommitmentId, true),
            CommitmentFulfilled e => doc.Engaged(e.FulfilledOn).Closed(e.CommitmentId),
            CommitmentCancelled e => doc.Engaged(e.CancelledOn).Closed(e.CommitmentId),
            _ => doc
        };
    }

    /// <summary>
    /// A survivor's facts with those of the organisations merged into it: one stakeholder, met at every meeting either
    /// was at (once each), with every open ask and commitment of either. A commitment the merged one owned is the
    /// survivor's own, so it stays on their side.
    /// </summary>
    public StakeholderEngagement Absorbing(IEnumerable<StakeholderEngagement> merged)
    {
        var all = merged.Prepend(this).ToList();
        return this with
        {
            RegisteredOn = all.Min(e => e.RegisteredOn),
            FirstEngagedOn = all.Min(e => e.FirstEngagedOn),
            Meetings = [.. all.SelectMany(e => e.Meetings).DistinctBy(m => m.MeetingId).OrderBy(m => m.HeldOn).ThenBy(m => m.MeetingId)],
            OpenAsks = [.. all.SelectMany(e => e.OpenAsks).Distinct()],
            OpenCommitments = [.. all.SelectMany(e => e.OpenCommitments).DistinctBy(c => c.CommitmentId)]
        };
    }

    /// <summary>An organisation with nothing yet recorded about its engagement.</summary>
    public static StakeholderEngagement Unengaged(Organization o) => new(o.Id, o.Name, o.Kind, o.RegisteredOn, null, [], [], []);

    /// <summary>Whether the organisation is part of the picture on a day: registered by then, or already engaged.</summary>
    public bool ExistsOn(DateOnly day) => RegisteredOn <= day || FirstEngagedOn <= day;

    private StakeholderEngagement Engaged(DateOnly on) =>
        FirstEngagedOn is { } first && first <= on ? this : this with { FirstEngagedOn = on };

    private StakeholderEngagement WithAsk(Guid suggestionId, bool open) => this with
    {
        OpenAsks = open ? [.. OpenAsks.Where(id => id != suggestionId), suggestionId] : [.. OpenAsks.Where(id => id != suggestionId)]
    };

    private StakeholderEngagement WithOverdue(Guid commitmentId, bool overdue) => this with
    {
        OpenCommitments = [.. OpenCommitments.Select(c => c.CommitmentId == commitmentId ? c with { Overdue = overdue } : c)]
    };

    private StakeholderEngagement Closed(Guid commitmentId) =>
        this with { OpenCommitments = [.. OpenCommitments.Where(c => c.CommitmentId != commitmentId)] };
}
