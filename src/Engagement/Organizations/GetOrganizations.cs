using Engagement.Infrastructure;
using Engagement.ReadModels;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Wolverine.Http;

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

    /// <summary>
    /// By name by default (<c>sort</c> name or registeredOn), ties by id; <c>q</c> is a case-insensitive part of the name.
    /// With <c>asOf</c>/<c>knownAt</c>, the organisations as they stood then. <c>format=csv</c> answers every matching row.
    /// Organisations merged into another are left out unless <c>includeMerged=true</c>; <c>q</c> also finds a survivor by
    /// the name of an organisation merged into it.
    /// </summary>
    [WolverineGet("/api/organizations", Name = "ListOrganizations"), Tags("Organizations")]
    [ProducesResponseType<OrganizationList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(OrganizationKind? kind, string? q, string? includeMerged, string? asOf, string? knownAt, string? limit, string? cursor,
        string? sort, string? order, string? format, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var withMerged = false;
        if (!string.IsNullOrWhiteSpace(includeMerged) && !bool.TryParse(includeMerged.Trim(), out withMerged))
            errors.Add("includeMerged", "must be true or false");
        var request = Paging.Parse(limit, cursor, sort, order, Sorts,
            Paging.Fingerprint("organizations", kind?.ToString(), search?.ToLowerInvariant(), withMerged, point.IsLive ? null : point.AsOf,
                point.KnownAt), errors);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var past = await Past.ForAsync(session, point, ct);
        Task<(Page<Organization>, Cursor?)> PageOf(PageRequest r, CancellationToken token)
        {
            var list = ListSource.For<Organization>(session, past);
            if (kind is { } k) list.Where(l => $"d.data ->> 'kind' = {l.Param(k.ToString())}");
            if (!withMerged) list.Where("d.data ->> 'mergedInto' is null");
            if (search is not null)
                list.Where(l =>
                {
                    var text = l.Param(search);
                    return $"(strpos(lower(d.data ->> 'name'), lower({text})) > 0 or exists (select 1 from " +
                           $"jsonb_array_elements(coalesce(d.data -> 'absorbed', '[]')) a where strpos(lower(a ->> 'name'), lower({text})) > 0))";
                });
            return list.PageWithCursorAsync(session, "d.data", r, x => ListSource.Document<Organization>(session, x), token);
        }
        if (csv) return CsvExport.Result(http, "organizations", point.AsOf, request, PageOf, Columns);
        var (page, _) = await PageOf(request, ct);
        return Results.Ok(new OrganizationList(point.AsOf, point.KnownAt, page.Items, page.Total, request.Limit, page.NextCursor));
    }

    public static readonly SortKey[] Sorts =
    [
        new("name", "lower(d.data ->> 'name')", KeyType.Text),
        new("registeredOn", "d.data ->> 'registeredOn'", KeyType.Text, Descending: true)
    ];

    private static readonly CsvColumn<Organization>[] Columns =
    [
        new("id", o => o.Id), new("name", o => o.Name), new("kind", o => o.Kind), new("country", o => o.Country),
        new("website", o => o.Website), new("registerId", o => o.RegisterId), new("registeredOn", o => o.RegisteredOn)
    ];
}

public sealed record OrganizationList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<Organization> Items, int Total, int Limit,
    string? NextCursor);
