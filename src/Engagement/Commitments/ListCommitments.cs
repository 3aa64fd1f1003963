using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Commitments;

/// <summary>Where a commitment stands: an open one is overdue once it has fallen overdue for its current due date.</summary>
public enum CommitmentState { Open, Overdue, Fulfilled, Cancelled }

public sealed record CommitmentListItem(Guid Id, string Description, Ref Owner, CommitmentSide Side, MeetingRef Meeting,
    Guid? SuggestionId, DateOnly MadeOn, DateOnly? DueOn, CommitmentState Status, DateOnly? FellOverdueOn, DateOnly? ClosedOn,
    DateOnly LastActivityOn)
{
    public string Href => $"/api/commitments/{Id}";
}

public sealed record CommitmentList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<CommitmentListItem> Commitments);

public sealed record CommitmentFilter(CommitmentState? Status, Guid? OwnerId, DateOnly? DueBefore)
{
    public static CommitmentFilter Parse(string? status, string? ownerId, string? dueBefore, Errors errors)
    {
        CommitmentState? state = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = status.Trim().ToLowerInvariant();
            state = Enum.GetValues<CommitmentState>().Cast<CommitmentState?>().FirstOrDefault(s => s!.Value.Kebab() == wanted);
            if (state is null) errors.Add("status", "must be open, overdue, fulfilled or cancelled");
        }
        return new CommitmentFilter(state, errors.OptionalId("ownerId", ownerId), errors.Optional("dueBefore", dueBefore));
    }

    public bool Matches(Commitment c) =>
        (Status is null || StateOf(c) == Status)
        && (OwnerId is null || c.OwnerId == OwnerId)
        && (DueBefore is null || c.DueOn < DueBefore);

    public static CommitmentState StateOf(Commitment c) => c.Status switch
    {
        CommitmentStatus.Fulfilled => CommitmentState.Fulfilled,
        CommitmentStatus.Cancelled => CommitmentState.Cancelled,
        _ => c.FellOverdueOn is null ? CommitmentState.Open : CommitmentState.Overdue
    };
}

public static class CommitmentListing
{
    /// <summary>The commitments that match, soonest due first (those without a due date last).</summary>
    public static IReadOnlyList<CommitmentListItem> Select(IEnumerable<Commitment> commitments, CommitmentFilter filter,
        IReadOnlyDictionary<Guid, Meeting> meetings, IReadOnlyDictionary<Guid, Organization> organizations) =>
    [
        .. commitments.Where(filter.Matches)
            .OrderBy(c => c.DueOn ?? DateOnly.MaxValue).ThenBy(c => c.MadeOn).ThenBy(c => c.Id)
            .Select(c => new CommitmentListItem(c.Id, c.Description, organizations.RefTo(c.OwnerId),
                Parties.SideOf(organizations.TryGetValue(c.OwnerId, out var owner) ? owner.Kind : OrganizationKind.Other),
                MeetingRef.Of(meetings, c.MeetingId), c.SuggestionId, c.MadeOn, c.DueOn, CommitmentFilter.StateOf(c),
                c.Status == CommitmentStatus.Open ? c.FellOverdueOn : null, c.ClosedOn, c.LastActivityOn))
    ];
}

public static class ListCommitmentsEndpoint
{
    [WolverineGet("/api/commitments", Name = "ListCommitments"), Tags("Commitments")]
    [ProducesResponseType<CommitmentList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? status, string? ownerId, string? dueBefore, string? asOf, string? knownAt,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var filter = CommitmentFilter.Parse(status, ownerId, dueBefore, errors);
        if (errors.Any) return QueryProblem.From(errors);

        if (!point.IsLive)
        {
            var history = await History.LoadAsync(session, point, ct);
            return Results.Ok(new CommitmentList(point.AsOf, point.KnownAt,
                CommitmentListing.Select(history.Commitments.Values, filter, history.Meetings, history.Organizations)));
        }

        IQueryable<Commitment> query = session.Query<Commitment>();
        if (filter.OwnerId is { } owner) query = query.Where(c => c.OwnerId == owner);
        if (filter.DueBefore is { } before) query = query.Where(c => c.DueOn < before);
        var commitments = await query.ToListAsync(ct);
        var meetings = await Refs.MeetingsAsync(session, commitments.Select(c => c.MeetingId), ct);
        var organizations = await Names.OrganizationsAsync(session, commitments.Select(c => c.OwnerId), ct);
        return Results.Ok(new CommitmentList(point.AsOf, point.KnownAt,
            CommitmentListing.Select(commitments, filter, meetings, organizations)));
    }
}
