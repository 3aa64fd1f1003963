using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Engagement.Stakeholders;
using Engagement.Suggestions;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Engagement.Dashboard;

public sealed record Headline(int Stakeholders, int ActiveStakeholders, int CoolingStakeholders, int DormantStakeholders,
    int AtRiskStakeholders, int MeetingsLast90Days, int MeetingsLast365Days, int OpenAsks, int OpenCommitments, int OverdueCommitments);

public sealed record MonthCount(string Month, int Meetings);

public sealed record TopicAsks(string Topic, int Open, int Answered, int Resolved);

public sealed record CommitmentCounts(int Open, int Overdue, int Fulfilled, int Cancelled);

public sealed record EngagedStakeholder(Ref Organization, int MeetingsLast365Days, DateOnly? LastMetOn, int? DaysSinceLastMet, Health Health);

public sealed record MemberAsks(Ref Organization, int AsksRaised, int AsksAnswered, int AsksResolved, int AsksOpen);

public sealed record DashboardAnswer(DateOnly AsOf, DateTimeOffset? KnownAt, Headline Headline, IReadOnlyList<MonthCount> MeetingsPerMonth,
    IReadOnlyList<TopicAsks> AsksByTopic, CommitmentCounts CommitmentsByStatus, IReadOnlyList<EngagedStakeholder> MostEngaged,
    IReadOnlyList<EngagedStakeholder> CoolingOff, IReadOnlyList<MemberAsks> MemberCompanies, Freshness? Freshness);

public static class DashboardFigures
{
    public const int Months = 12;
    public const int Top = 5;
    public const string NoTopic = "(no topic)";

    /// <summary>
    /// The dashboard on a day. Meetings per month covers the twelve calendar months up to and including the day's month;
    /// the most engaged are ranked by meetings in the last 365 days; cooling off lists the stakeholders whose health is
    /// cooling, longest unmet first; an ask counts as answered once it has had a response.
    /// </summary>
    public static DashboardAnswer Compute(PointInTime point, IEnumerable<StakeholderEngagement> engagement, IEnumerable<DateOnly> meetingDays,
        IEnumerable<Suggestion> suggestions, IEnumerable<Commitment> commitments, IReadOnlyDictionary<Guid, Organization> organizations,
        HealthRules rules, Freshness? freshness = null)
    {
        var today = point.AsOf;
        var stakeholders = EngagementFigures.Stakeholders(engagement, today, rules);
        var days = meetingDays.Where(d => d <= today).ToList();
        var asks = suggestions.ToList();
        var states = commitments.Select(CommitmentFilter.StateOf).ToList();

        var headline = new Headline(stakeholders.Count, stakeholders.Count(s => s.Health == Health.Active),
            stakeholders.Count(s => s.Health == Health.Cooling), stakeholders.Count(s => s.Health == Health.Dormant),
            stakeholders.Count(s => s.Health == Health.AtRisk), days.Count(d => EngagementFigures.WithinDays(d, today, 90)),
            days.Count(d => EngagementFigures.WithinDays(d, today, 365)), asks.Count(a => a.Status != SuggestionStatus.Resolved),
            states.Count(s => s is CommitmentState.Open or CommitmentState.Overdue), states.Count(s => s == CommitmentState.Overdue));

        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - Months);
        var perMonth = Enumerable.Range(0, Months).Select(i => firstMonth.AddMonths(i))
            .Select(m => new MonthCount(m.ToString("yyyy-MM"), days.Count(d => d.Year == m.Year && d.Month == m.Month)))
            .ToList();

        var byTopic = asks.GroupBy(a => a.Topic?.Trim().ToLowerInvariant() ?? "")
            .Select(g => new TopicAsks(g.Key == "" ? NoTopic : g.OrderBy(a => a.RaisedOn).ThenBy(a => a.Id).First().Topic!,
                g.Count(a => a.Status == SuggestionStatus.Open), g.Count(a => a.Status == SuggestionStatus.Answered),
                g.Count(a => a.Status == SuggestionStatus.Resolved)))
            .OrderByDescending(t => t.Open + t.Answered).ThenByDescending(t => t.Resolved).ThenBy(t => t.Topic, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var byStatus = new CommitmentCounts(states.Count(s => s == CommitmentState.Open), states.Count(s => s == CommitmentState.Overdue),
            states.Count(s => s == CommitmentState.Fulfilled), states.Count(s => s == CommitmentState.Cancelled));

        var mostEngaged = stakeholders.Where(s => s.MeetingsLast365Days > 0)
            .OrderByDescending(s => s.MeetingsLast365Days).ThenByDescending(s => s.LastMetOn).ThenBy(s => s.Organization.Name)
            .Take(Top).Select(Engaged).ToList();
        var coolingOff = stakeholders.Where(s => s.Health == Health.Cooling)
            .OrderBy(s => s.LastMetOn).ThenBy(s => s.Organization.Name).Take(Top).Select(Engaged).ToList();

        var members = asks.GroupBy(a => a.RaisedById)
            .Where(g => organizations.TryGetValue(g.Key, out var o) && o.Kind == OrganizationKind.Member)
            .Select(g => new MemberAsks(organizations.RefTo(g.Key), g.Count(), g.Count(a => a.Responses.Count > 0),
                g.Count(a => a.Status == SuggestionStatus.Resolved), g.Count(a => a.Status != SuggestionStatus.Resolved)))
            .OrderByDescending(m => m.AsksRaised).ThenByDescending(m => m.AsksAnswered).ThenBy(m => m.Organization.Name)
            .ToList();

        return new DashboardAnswer(today, point.KnownAt, headline, perMonth, byTopic, byStatus, mostEngaged, coolingOff, members, freshness);
    }

    private static EngagedStakeholder Engaged(StakeholderStatus s) =>
        new(s.Organization, s.MeetingsLast365Days, s.LastMetOn, s.DaysSinceLastMet, s.Health);
}

public static class GetDashboardEndpoint
{
    [WolverineGet("/api/dashboard", Name = "Dashboard"), Tags("Dashboard")]
    [ProducesResponseType<DashboardAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? asOf, string? knownAt, IQuerySession session, TimeProvider clock,
        IOptions<HealthRules> rules, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);

        if (!point.IsLive)
        {
            var h = await History.LoadAsync(session, point, ct);
            return Results.Ok(DashboardFigures.Compute(point, h.Engagement.Values, h.Meetings.Values.Select(m => m.HeldOn),
                h.Suggestions.Values, h.Commitments.Values, h.Organizations, rules.Value));
        }

        var freshness = await Freshness.OfAsync(session, StakeholderEngagementProjection.ProjectionName, ct);
        var engagement = await session.Query<StakeholderEngagement>().ToListAsync(ct);
        var meetingDays = await session.Query<Meeting>().Select(m => m.HeldOn).ToListAsync(ct);
        var suggestions = await session.Query<Suggestion>().ToListAsync(ct);
        var commitments = await session.Query<Commitment>().ToListAsync(ct);
        var organizations = (await session.Query<Organization>().ToListAsync(ct)).ToDictionary(o => o.Id);
        return Results.Ok(DashboardFigures.Compute(point, engagement, meetingDays, suggestions, commitments, organizations, rules.Value,
            freshness));
    }
}
