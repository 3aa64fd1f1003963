using Engagement.Commitments;
using Engagement.Dashboard;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.ReadModels;
using Engagement.Stakeholders;
using Engagement.Suggestions;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Engagement.Reports;

/// <summary>One figure of the quarter beside the previous quarter's, and the change between them.</summary>
public sealed record QuarterFigure(string Measure, string Label, int Current, int Previous, int Change);

public sealed record BoardPack(DateOnly AsOf, DateTimeOffset? KnownAt, string Quarter, DateOnly From, DateOnly To, string PreviousQuarter,
    DateOnly PreviousFrom, DateOnly PreviousTo, IReadOnlyList<QuarterFigure> Figures, DashboardAnswer Current, DashboardAnswer Previous);

public static class BoardPackEndpoint
{
    /// <summary>
    /// The dashboard for a quarter (<c>quarter=2026-Q3</c>; by default the quarter of asOf) beside the previous quarter:
    /// what happened within each quarter (meetings held, asks raised, answered and resolved, commitments made and
    /// fulfilled) and where things stood at each quarter's end (the dashboard as of that day; a quarter not over yet ends
    /// at asOf). As at <c>asOf</c>/<c>knownAt</c>, so a pack can be made again exactly as it went to the board.
    /// </summary>
    [WolverineGet("/api/reports/board-pack", Name = "BoardPack"), Tags("Reports")]
    [ProducesResponseType<BoardPack>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? quarter, string? asOf, string? knownAt, IQuerySession session, TimeProvider clock,
        IOptions<HealthRules> rules, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var asked = Quarter.Parse(quarter, errors);
        if (asked is { } q && q.First > point.AsOf) errors.Add("quarter", $"must not begin after asOf ({point.AsOf:yyyy-MM-dd})");
        if (errors.Any) return QueryProblem.From(errors);

        var current = asked ?? Quarter.Of(point.AsOf);
        var previous = current.Previous;
        var end = current.Last < point.AsOf ? current.Last : point.AsOf;

        // Where things stood at each quarter's end; the live read models answer only for today as it is now.
        var endPoint = point.IsLive && end == point.AsOf ? point : new PointInTime(end, point.KnownAt, false);
        var endSource = await ReportSource.ForAsync(session, endPoint, ct);
        var previousPoint = new PointInTime(previous.Last, point.KnownAt, false);
        var previousSource = await ReportSource.ForAsync(session, previousPoint, ct);
        var freshness = endPoint.IsLive ? await Freshness.OfAsync(session, StakeholderEngagementProjection.ProjectionName, ct) : null;
        var withheld = (await Confidentiality.Redaction.ForAsync(http)).HiddenItems;
        var now = await DashboardFigures.ComputeAsync(session, endPoint, endSource.Past, rules.Value, freshness, withheld, ct);
        var then = await DashboardFigures.ComputeAsync(session, previousPoint, previousSource.Past, rules.Value, null, withheld, ct);

        // What happened within each quarter, counted over the records as they stood at the end of this one.
        var flowsNow = await FlowsAsync(endSource, new ReportPeriod(current.First, end), ct);
        var flowsThen = await FlowsAsync(endSource, new ReportPeriod(previous.First, previous.Last), ct);

        var figures = new List<QuarterFigure>();
        void Add(string measure, string label, int a, int b) => figures.Add(new QuarterFigure(measure, label, a, b, a - b));
        Add("meetingsHeld", "meetings held in the quarter", flowsNow.Meetings, flowsThen.Meetings);
        Add("meetingsWithGovernment", "meetings with public bodies", flowsNow.WithGovernment, flowsThen.WithGovernment);
        Add("asksRaised", "asks raised", flowsNow.AsksRaised, flowsThen.AsksRaised);
        Add("responsesReceived", "responses received", flowsNow.Responses, flowsThen.Responses);
        Add("asksResolved", "asks resolved", flowsNow.AsksResolved, flowsThen.AsksResolved);
        Add("asksAdopted", "asks adopted in whole or in part", flowsNow.AsksAdopted, flowsThen.AsksAdopted);
        Add("commitmentsMade", "commitments made", flowsNow.CommitmentsMade, flowsThen.CommitmentsMade);
        Add("commitmentsFulfilled", "commitments fulfilled", flowsNow.CommitmentsFulfilled, flowsThen.CommitmentsFulfilled);
        Add("stakeholders", "stakeholders engaged at the quarter's end", now.Headline.Stakeholders, then.Headline.Stakeholders);
        Add("activeStakeholders", "active stakeholders at the quarter's end", now.Headline.ActiveStakeholders, then.Headline.ActiveStakeholders);
        Add("atRiskStakeholders", "stakeholders at risk at the quarter's end", now.Headline.AtRiskStakeholders, then.Headline.AtRiskStakeholders);
        Add("openAsks", "open asks at the quarter's end", now.Headline.OpenAsks, then.Headline.OpenAsks);
        Add("openCommitments", "open commitments at the quarter's end", now.Headline.OpenCommitments, then.Headline.OpenCommitments);
        Add("overdueCommitments", "overdue commitments at the quarter's end", now.Headline.OverdueCommitments, then.Headline.OverdueCommitments);

        return Results.Ok(new BoardPack(point.AsOf, point.KnownAt, current.ToString(), current.First, end, previous.ToString(), previous.First,
            previous.Last, figures, now, then));
    }

    private sealed record Flows(int Meetings, int WithGovernment, int AsksRaised, int Responses, int AsksResolved, int AsksAdopted,
        int CommitmentsMade, int CommitmentsFulfilled);

    private static async Task<Flows> FlowsAsync(ReportSource source, ReportPeriod period, CancellationToken ct)
    {
        var (first, last) = period.Text;
        var sql = new SqlList();
        var meetings = source.Of<Meeting>(sql);
        var organizations = source.Of<Engagement.Organizations.Organization>(sql);
        var suggestions = source.Of<Suggestion>(sql);
        var commitments = source.Of<Commitment>(sql);
        string In(string field) => $"{field} >= {first} and {field} <= {last}";
        return (await source.QueryAsync(sql, $"""
            select
              (select count(*) from {meetings} m where {In("m.data ->> 'heldOn'")})::int,
              (select count(*) from {meetings} m where {In("m.data ->> 'heldOn'")} and exists (select 1
                 from jsonb_array_elements_text(m.data -> 'organizationIds') x join {organizations} o on o.id = x::uuid
                 where o.data ->> 'kind' = 'Government'))::int,
              (select count(*) from {suggestions} s where {In("s.data ->> 'raisedOn'")})::int,
              (select count(*) from {suggestions} s, jsonb_array_elements(s.data -> 'responses') r where {In("r ->> 'respondedOn'")})::int,
              (select count(*) from {suggestions} s where {In("s.data ->> 'resolvedOn'")})::int,
              (select count(*) from {suggestions} s where {In("s.data ->> 'resolvedOn'")}
                 and s.data ->> 'outcome' in ('Adopted', 'PartiallyAdopted'))::int,
              (select count(*) from {commitments} c where {In("c.data ->> 'madeOn'")})::int,
              (select count(*) from {commitments} c where {In("c.data ->> 'closedOn'")} and c.data ->> 'status' = 'Fulfilled')::int
            """, r => new Flows(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6),
            r.GetInt32(7)), ct)).Single();
    }
}
