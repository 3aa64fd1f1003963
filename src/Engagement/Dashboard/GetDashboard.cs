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
    IReadOnlyList<EngagedStakeholder> CoolingOff, IReadOnlyList<MemberAsks> MemberCompanies, Freshness? Freshness, RemindersDue Reminders);

/// <summary>
/// Reminders the scheduler recorded that still stand: open commitments reminded of their current due date and not yet
/// overdue, and unresolved asks whose planned follow-up day has come and was reminded of.
/// </summary>
public sealed record RemindersDue(int CommitmentsFallingDue, int FollowUpsDue);

/// <summary>One stakeholder's figures as PostgreSQL works them out for the dashboard: a row, not its document.</summary>
public sealed record StakeholderRow(Guid Id, string Name, DateOnly? LastMetOn, int MeetingsLast365Days, int OverdueCommitments);

public static class DashboardFigures
{
    public const int Months = 12;
    public const int Top = 5;
    public const string NoTopic = "(no topic)";

    /// <summary>
    /// The dashboard on a day, counted by PostgreSQL from the items (meetings, asks, commitments, organisations): the
    /// stored ones for a live answer, those that stood at the point (<see cref="Past"/>) for an as-of one, by the same
    /// statements either way. Meetings per month covers the twelve calendar months up to and including the day's month;
    /// the most engaged are ranked by meetings in the last 365 days; cooling off lists the stakeholders whose health is
    /// cooling, longest unmet first; an ask counts as answered once it has had a response. A stakeholder is part of the
    /// picture once registered by the day or engaged by it (met, asked, or concerned by a commitment).
    /// </summary>
    /// <param name="withheldAsks">asks whose topic the reader may not see: they count under "Restricted"</param>
    public static async Task<DashboardAnswer> ComputeAsync(IQuerySession session, PointInTime point, Past? past, HealthRules rules,
        Freshness? freshness, Guid[] withheldAsks, CancellationToken ct)
    {
        var today = point.AsOf;
        var day = ListSource.Literal(today);
        var text = $"'{today:yyyy-MM-dd}'";
        var sql = new SqlList();
        string Items<T>() where T : notnull => past is null ? $"{session.DocumentStore.Options.Schema.For<T>()}" : past.Source<T>(session, sql);
        var meetings = Items<Meeting>();
        var suggestions = Items<Suggestion>();
        var commitments = Items<Commitment>();
        var organizations = Items<Organization>();

        // A merged organisation counts as its survivor: left out itself, its facts added to the survivor's (see Merges).
        var merges = await Merges.LoadAsync(session, past, ct);
        var merged = sql.Param(merges.Merged.ToArray());
        var survivorOf = sql.Param(System.Text.Json.JsonSerializer.Serialize(
            merges.Merged.ToDictionary(id => id.ToString(), id => merges.SurvivorOf(id).ToString())));
        string Survivor(string id) => $"coalesce({survivorOf}::jsonb ->> ({id}), ({id}))::uuid";
        const string ours = "('Chamber', 'Member')";
        var figures = await sql.QueryAsync(session, $"""
            with met as (
              select x.org::uuid as own, {Survivor("x.org")} as org, m.id as meeting, m.data ->> 'heldOn' as held
              from {meetings} m cross join lateral jsonb_array_elements_text(m.data -> 'organizationIds') as x(org)
              where m.data ->> 'heldOn' <= {text}
            ),
            concerns as ({PastEngagement.Concerns(session, commitments)}),
            meetings_of as (
              select org, max(held) as last_met,
                     count(distinct meeting) filter (where held::date >= {day} - 365)::int as last_year
              from met group by org
            ),
            overdue_of as (
              select {Survivor("k.org")} as org, count(distinct k.id)::int as overdue from concerns k
              where k.data ->> 'status' = 'Open' and k.data ->> 'fellOverdueOn' is not null group by 1
            ),
            engaged as (
              select own as org from met
              union select (s.data ->> 'addressedToId')::uuid from {suggestions} s where s.data ->> 'raisedOn' <= {text}
              union select k.org::uuid from concerns k where k.data ->> 'madeOn' <= {text}
            )
            select o.id, o.data ->> 'name', mo.last_met, coalesce(mo.last_year, 0), coalesce(od.overdue, 0)
            from {organizations} o
              left join meetings_of mo on mo.org = o.id
              left join overdue_of od on od.org = o.id
            where o.data ->> 'kind' not in {ours} and not o.id = any({merged})
              and (o.data ->> 'registeredOn' <= {text} or o.id in (select org from engaged))
            """, r => new StakeholderRow(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd"),
            r.GetInt32(3), r.GetInt32(4)), ct);

        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - Months);
        var months = (await sql.QueryAsync(session, $"""
            select substr(d.data ->> 'heldOn', 1, 7), count(*)::int from {meetings} d
            where d.data ->> 'heldOn' >= '{firstMonth:yyyy-MM-dd}' and d.data ->> 'heldOn' <= {text} group by 1
            """, r => (Month: r.GetString(0), Meetings: r.GetInt32(1)), ct)).ToDictionary(m => m.Month, m => m.Meetings);
        var recent = (await sql.QueryAsync(session, $"""
            select count(*) filter (where (d.data ->> 'heldOn')::date >= {day} - 90)::int,
                   count(*) filter (where (d.data ->> 'heldOn')::date >= {day} - 365)::int
            from {meetings} d where d.data ->> 'heldOn' <= {text}
            """, r => (Last90: r.GetInt32(0), Last365: r.GetInt32(1)), ct)).Single();

        var topic = $"case when d.id = any({sql.Param(withheldAsks)}) then '{Confidentiality.Redaction.Withheld}' else d.data ->> 'topic' end";
        var topics = await sql.QueryAsync(session, $"""
            select coalesce(lower(btrim({topic})), ''),
                   (array_agg({topic} order by d.data ->> 'raisedOn', d.id))[1],
                   count(*) filter (where d.data ->> 'status' = 'Open')::int,
                   count(*) filter (where d.data ->> 'status' = 'Answered')::int,
                   count(*) filter (where d.data ->> 'status' = 'Resolved')::int
            from {suggestions} d group by 1
            """, r => r.GetString(0) == ""
                ? new TopicAsks(NoTopic, r.GetInt32(2), r.GetInt32(3), r.GetInt32(4))
                : new TopicAsks(r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)), ct);

        var byStatus = (await sql.QueryAsync(session, $"""
            select count(*) filter (where d.data ->> 'status' = 'Open' and d.data ->> 'fellOverdueOn' is null)::int,
                   count(*) filter (where d.data ->> 'status' = 'Open' and d.data ->> 'fellOverdueOn' is not null)::int,
                   count(*) filter (where d.data ->> 'status' = 'Fulfilled')::int,
                   count(*) filter (where d.data ->> 'status' = 'Cancelled')::int
            from {commitments} d
            """, r => new CommitmentCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), ct)).Single();

        var members = await sql.QueryAsync(session, $"""
            select o.id, o.data ->> 'name', count(*)::int,
                   count(*) filter (where jsonb_array_length(d.data -> 'responses') > 0)::int,
                   count(*) filter (where d.data ->> 'status' = 'Resolved')::int,
                   count(*) filter (where d.data ->> 'status' <> 'Resolved')::int
            from {suggestions} d
              join {organizations} o on o.id = coalesce({survivorOf}::jsonb ->> (d.data ->> 'raisedById'), d.data ->> 'raisedById')::uuid
            where o.data ->> 'kind' = 'Member'
            group by o.id, o.data ->> 'name'
            """, r => new MemberAsks(new Ref(r.GetGuid(0), r.GetString(1)), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)), ct);

        var reminders = (await sql.QueryAsync(session, $"""
            select (select count(*) from {commitments} d where d.data ->> 'status' = 'Open' and d.data ->> 'fellOverdueOn' is null
                      and d.data -> 'dueDatesReminded' @> jsonb_build_array(d.data -> 'dueOn'))::int,
                   (select count(*) from {suggestions} d where d.data ->> 'status' <> 'Resolved' and d.data ->> 'followUpOn' <= {text}
                      and d.data -> 'followUpsReminded' @> jsonb_build_array(d.data -> 'followUpOn'))::int
            """, r => new RemindersDue(r.GetInt32(0), r.GetInt32(1)), ct)).Single();

        var stakeholders = figures.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Id)
            .Select(f => new EngagedStakeholder(new Ref(f.Id, f.Name), f.MeetingsLast365Days, f.LastMetOn,
                f.LastMetOn is { } met ? today.DayNumber - met.DayNumber : null,
                EngagementFigures.HealthOf(f.LastMetOn, f.OverdueCommitments, today, rules)))
            .ToList();

        var headline = new Headline(stakeholders.Count, stakeholders.Count(s => s.Health == Health.Active),
            stakeholders.Count(s => s.Health == Health.Cooling), stakeholders.Count(s => s.Health == Health.Dormant),
            stakeholders.Count(s => s.Health == Health.AtRisk), recent.Last90, recent.Last365, topics.Sum(t => t.Open + t.Answered),
            byStatus.Open + byStatus.Overdue, byStatus.Overdue);

        var perMonth = Enumerable.Range(0, Months).Select(i => firstMonth.AddMonths(i))
            .Select(m => new MonthCount(m.ToString("yyyy-MM"), months.GetValueOrDefault(m.ToString("yyyy-MM"))))
            .ToList();

        var byTopic = topics
            .OrderByDescending(t => t.Open + t.Answered).ThenByDescending(t => t.Resolved).ThenBy(t => t.Topic, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var mostEngaged = stakeholders.Where(s => s.MeetingsLast365Days > 0)
            .OrderByDescending(s => s.MeetingsLast365Days).ThenByDescending(s => s.LastMetOn).ThenBy(s => s.Organization.Name)
            .Take(Top).ToList();
        var coolingOff = stakeholders.Where(s => s.Health == Health.Cooling)
            .OrderBy(s => s.LastMetOn).ThenBy(s => s.Organization.Name).Take(Top).ToList();

        var memberCompanies = members
            .OrderByDescending(m => m.AsksRaised).ThenByDescending(m => m.AsksAnswered).ThenBy(m => m.Organization.Name)
            .ToList();

        return new DashboardAnswer(today, point.KnownAt, headline, perMonth, byTopic, byStatus, mostEngaged, coolingOff, memberCompanies,
            freshness, reminders);
    }
}

public static class GetDashboardEndpoint
{
    [WolverineGet("/api/dashboard", Name = "Dashboard"), Tags("Dashboard")]
    [ProducesResponseType<DashboardAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? asOf, string? knownAt, IQuerySession session, TimeProvider clock,
        IOptions<HealthRules> rules, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);

        var freshness = point.IsLive ? await Freshness.OfAsync(session, StakeholderEngagementProjection.ProjectionName, ct) : null;
        var past = await Past.ForAsync(session, point, ct);
        var withheld = (await Confidentiality.Redaction.ForAsync(http)).HiddenItems;
        return Results.Ok(await DashboardFigures.ComputeAsync(session, point, past, rules.Value, freshness, withheld, ct));
    }
}
