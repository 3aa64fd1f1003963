using Engagement.Infrastructure;
using Engagement.ReadModels;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Engagement.Stakeholders;

public sealed record EngagementList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<StakeholderStatus> Stakeholders,
    Freshness? Freshness);

public sealed record EngagementAnswer(DateOnly AsOf, DateTimeOffset? KnownAt, StakeholderStatus Stakeholder, Freshness? Freshness);

public static class GetEngagementEndpoint
{
    /// <summary>Every stakeholder (government bodies and other outside organisations) with its engagement figures and health.</summary>
    [WolverineGet("/api/engagement", Name = "ListEngagement"), Tags("Engagement")]
    [ProducesResponseType<EngagementList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? asOf, string? knownAt, IQuerySession session, TimeProvider clock,
        IOptions<HealthRules> rules, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);

        var freshness = point.IsLive ? await Freshness.OfAsync(session, StakeholderEngagementProjection.ProjectionName, ct) : null;
        IEnumerable<StakeholderEngagement> all = point.IsLive
            ? await session.Query<StakeholderEngagement>().ToListAsync(ct)
            : (await History.LoadAsync(session, point, ct)).Engagement.Values;
        return Results.Ok(new EngagementList(point.AsOf, point.KnownAt, EngagementFigures.Stakeholders(all, point.AsOf, rules.Value),
            freshness));
    }

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
        var engagement = point.IsLive
            ? await session.LoadAsync<StakeholderEngagement>(organizationId, ct)
              // Registered a moment ago: the projection has not caught up yet (freshness says so).
              ?? (await session.LoadAsync<Organizations.Organization>(organizationId, ct) is { } registered
                  ? StakeholderEngagement.Unengaged(registered) : null)
            : (await History.LoadAsync(session, point, ct)).Engagement.GetValueOrDefault(organizationId);
        if (engagement?.RegisteredOn is null) return Problem.NotFound("organisation", organizationId).ToResult();
        return Results.Ok(new EngagementAnswer(point.AsOf, point.KnownAt, EngagementFigures.Figure(engagement, point.AsOf, rules.Value),
            freshness));
    }
}
