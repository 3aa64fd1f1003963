using Engagement.Infrastructure;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Organizations;

public static class GetOrganizationsEndpoint
{
    [WolverineGet("/api/organizations/{id}", Name = "GetOrganization"), Tags("Organizations")]
    [ProducesResponseType<Organization>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var organization = await session.LoadAsync<Organization>(id, ct);
        if (organization is null) return Problem.NotFound("organisation", id).ToResult();
        Streams.SetETag(http, organization.Version);
        return Results.Ok(organization);
    }

    [WolverineGet("/api/organizations", Name = "ListOrganizations"), Tags("Organizations")]
    public static async Task<IReadOnlyList<Organization>> List(OrganizationKind? kind, string? q, IQuerySession session,
        CancellationToken ct)
    {
        IQueryable<Organization> query = session.Query<Organization>();
        if (kind is { } k) query = query.Where(x => x.Kind == k);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(x => x.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase));
        return await query.OrderBy(x => x.Name).Take(1000).ToListAsync(ct);
    }
}
