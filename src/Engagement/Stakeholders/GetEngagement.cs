using Engagement.Infrastructure;
using Engagement.Organizations;
using Engagement.ReadModels;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Engagement.Stakeholders;

public sealed record EngagementList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<StakeholderStatus> Items, int Total, int Limit,
    string? NextCursor, Freshness? Freshness);

public sealed record EngagementAnswer(DateOnly AsOf, DateTimeOffset? KnownAt, StakeholderStatus Stakeholder, Freshness? Freshness);

public static class GetEngagementEndpoint
{
    /// <summary>
    /// Every stakeholder (government bodies and other outside organisations) with its engagement figures and health, by
    /// name by default; <c>sort=lastMetOn</c> puts the most recently met first. Ties by id. <c>format=csv</c> answers
    /// every row.
    /// </summary>
    [WolverineGet("/api/engagement", Name = "ListEngagement"), Tags("Engagement")]
    [ProducesResponseType<EngagementList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? asOf, string? knownAt, string? limit, string? cursor, string? sort, string? order,
        string? format, IQuerySession session, TimeProvider clock, IOptions<HealthRules> rules, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var request = Paging.Parse(limit, cursor, sort, order, Sorts(point.AsOf),
            Paging.Fingerprint("engagement", point.IsLive ? null : point.AsOf, point.KnownAt), errors);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var freshness = point.IsLive ? await Freshness.OfAsync(session, StakeholderEngagementProjection.ProjectionName, ct) : null;
        var past = await Past.ForAsync(session, point, ct);
        var merges = await Merges.LoadAsync(session, past, ct);
        // The last day each survivor's merged organisations were met, for the survivor's place in the lastMetOn order.
        var mergedMet = (await EngagementsAsync(session, past, merges.Merged, ct)).Values
            .Select(e => (Survivor: merges.SurvivorOf(e.Id), Met: e.Meetings.Where(m => m.HeldOn <= point.AsOf).Select(m => (DateOnly?)m.HeldOn).Max()))
            .Where(x => x.Met is not null).GroupBy(x => x.Survivor)
            .ToDictionary(g => g.Key.ToString(), g => g.Max(x => x.Met)!.Value.ToString("yyyy-MM-dd"));
        async Task<(Page<StakeholderStatus>, Cursor?)> PageOf(PageRequest r, CancellationToken token)
        {
            var day = $"'{point.AsOf:yyyy-MM-dd}'";
            var list = (past is null ? SqlList.Table<StakeholderEngagement>(session) : SqlList.From(l => PastEngagement.Source(session, l, past) + " d"))
                .Where("d.data ->> 'kind' not in ('Chamber', 'Member')")
                .Where($"d.data ->> 'registeredOn' <= {day} or d.data ->> 'firstEngagedOn' <= {day}");
            // A merged organisation is answered for by its survivor, whose figures include its own.
            if (merges.Merged.Count > 0) list.Where(l => $"d.id <> all({l.Param(merges.Merged.ToArray())})");
            if (mergedMet.Count > 0)
                r = r with { Sort = Sorts(point.AsOf, list.Param(System.Text.Json.JsonSerializer.Serialize(mergedMet))).Single(s => s.Name == r.Sort.Name) };
            var (page, next) = await list.PageWithCursorAsync(session, "d.data", r, x => ListSource.Document<StakeholderEngagement>(session, x), token);
            var absorbed = await EngagementsAsync(session, past, page.Items.SelectMany(e => merges.GroupOf(e.Id).Skip(1)), token);
            return (page.Map(e => EngagementFigures.Figure(e.Absorbing(merges.GroupOf(e.Id).Skip(1).Select(absorbed.GetValueOrDefault)
                .OfType<StakeholderEngagement>()), point.AsOf, rules.Value)), next);
        }
        if (csv) return CsvExport.Result(http, "engagement", point.AsOf, request, PageOf, Columns);
        var (page, _) = await PageOf(request, ct);
        return Results.Ok(new EngagementList(point.AsOf, point.KnownAt, page.Items, page.Total, request.Limit, page.NextCursor, freshness));
    }

    /// <param name="mergedMet">the placeholder of a JSON object: survivor id to the last day its merged organisations were met</param>
    public static SortKey[] Sorts(DateOnly day, string? mergedMet = null) =>
    [
        new("name", "lower(d.data ->> 'name')", KeyType.Text),
        new("lastMetOn", "greatest(coalesce((select max(m ->> 'heldOn') from jsonb_array_elements(d.data -> 'meetings') m " +
            $"where m ->> 'heldOn' <= '{day:yyyy-MM-dd}'), '')" +
            (mergedMet is null ? "" : $", coalesce({mergedMet}::jsonb ->> d.id::text, '')") + ")", KeyType.Text, Descending: true)
    ];

    private static readonly CsvColumn<StakeholderStatus>[] Columns =
    [
        new("id", s => s.Organization.Id), new("organization", s => s.Organization.Name), new("kind", s => s.Kind),
        new("health", s => s.Health), new("lastMetOn", s => s.LastMetOn), new("daysSinceLastMet", s => s.DaysSinceLastMet),
        new("meetings", s => s.Meetings), new("meetingsLast90Days", s => s.MeetingsLast90Days),
        new("meetingsLast365Days", s => s.MeetingsLast365Days), new("openAsks", s => s.OpenAsks),
        new("theirOpenCommitments", s => s.TheirOpenCommitments), new("ourOpenCommitments", s => s.OurOpenCommitments),
        new("overdueCommitments", s => s.OverdueCommitments)
    ];

    /// <summary>One organisation's engagement figures; before anything happened with it they are all zero.</summary>
    [WolverineGet("/api/engagement/{organizationId}", Name = "GetEngagement"), Tags("Engagement")]
    [ProducesResponseType<EngagementAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid organizationId, string? asOf, string? knownAt, IQuerySession session, TimeProvider clock,
        IOptions<HealthRules> rules, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);

        var freshness = point.IsLive ? await Freshness.OfAsync(session, StakeholderEngagementProjection.ProjectionName, ct) : null;
        var past = await Past.ForAsync(session, point, ct);
        // A merged organisation's figures are its survivor's, which include its own.
        var group = (await Merges.LoadAsync(session, past, ct)).GroupOf(organizationId);
        var engagements = await EngagementsAsync(session, past, group, ct);
        var survivorId = group[0];
        var engagement = engagements.GetValueOrDefault(survivorId)
            // Registered a moment ago: the projection has not caught up yet (freshness says so).
            ?? (past is null && await session.LoadAsync<Organizations.Organization>(survivorId, ct) is { } registered
                ? StakeholderEngagement.Unengaged(registered) : null);
        if (engagement?.RegisteredOn is null) return Problem.NotFound("organisation", organizationId).ToResult();
        engagement = engagement.Absorbing(group.Skip(1).Select(engagements.GetValueOrDefault).OfType<StakeholderEngagement>());
        return Results.Ok(new EngagementAnswer(point.AsOf, point.KnownAt, EngagementFigures.Figure(engagement, point.AsOf, rules.Value),
            freshness));
    }

    private static async Task<IReadOnlyDictionary<Guid, StakeholderEngagement>> EngagementsAsync(IQuerySession session, Past? past,
        IEnumerable<Guid> ids, CancellationToken ct) =>
        past is null
            ? await Names.LoadByIdAsync<StakeholderEngagement>(session, ids, e => e.Id, ct)
            : await PastEngagement.LoadAsync(session, past, ids, ct);
}
