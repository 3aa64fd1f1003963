using Engagement.Infrastructure;
using Engagement.ReadModels;
using Microsoft.AspNetCore.Mvc;
using Engagement.Organizations;
using Marten;
using Wolverine.Http;

namespace Engagement.People;

public sealed record PostView(string? Title, Guid OrganizationId, string OrganizationName, DateOnly Since, DateOnly? Until);

public sealed record PersonView(Guid Id, string Name, string? Title, Guid OrganizationId, string OrganizationName,
    IReadOnlyList<PostView> Posts, int Version, Erasure? Erasure);

public static class GetPersonEndpoint
{
    [WolverineGet("/api/people/{id}", Name = "GetPerson"), Tags("People")]
    [ProducesResponseType<PersonView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var person = await session.LoadAsync<Person>(id, ct);
        if (person is null) return Problem.NotFound("person", id).ToResult();
        Streams.SetETag(http, person.Version);
        return Results.Ok(await ViewAsync(session, person, ct));
    }

    public static async Task<PersonView> ViewAsync(IQuerySession session, Person person, CancellationToken ct)
    {
        var organizations = await Names.OrganizationsAsync(session, person.Posts.Select(p => p.OrganizationId), ct);
        return new PersonView(person.Id, person.Name, person.Title, person.OrganizationId,
            organizations.RefTo(person.OrganizationId).Name,
            [.. person.Posts.Select(p => new PostView(p.Title, p.OrganizationId, organizations.RefTo(p.OrganizationId).Name, p.Since, p.Until))],
            person.Version, person.Erasure);
    }

    /// <summary>
    /// By name by default, ties by id; <c>organizationId</c> is the organisation of the current post, <c>q</c> a
    /// case-insensitive part of the name. With <c>asOf</c>/<c>knownAt</c>, the people as they stood then.
    /// <c>format=csv</c> answers every matching row.
    /// </summary>
    [WolverineGet("/api/people", Name = "ListPeople"), Tags("People")]
    [ProducesResponseType<PersonList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? organizationId, string? q, string? asOf, string? knownAt, string? limit, string? cursor,
        string? sort, string? order, string? format, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var organization = errors.OptionalId("organizationId", organizationId);
        var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var request = Paging.Parse(limit, cursor, sort, order, Sorts,
            Paging.Fingerprint("people", organization, search?.ToLowerInvariant(), point.IsLive ? null : point.AsOf, point.KnownAt), errors);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var past = await Past.ForAsync(session, point, ct);
        var merges = await Merges.LoadAsync(session, past, ct, organization);
        Task<(Page<Person>, Cursor?)> PageOf(PageRequest r, CancellationToken token)
        {
            var list = ListSource.For<Person>(session, past);
            if (organization is { } org) list.Where(l => $"d.data ->> 'organizationId' = any({l.Param(merges.TextGroupOf(org))})");
            if (search is not null) list.Where(l => $"strpos(lower(d.data ->> 'name'), lower({l.Param(search)})) > 0");
            return list.PageWithCursorAsync(session, "d.data", r, x => ListSource.Document<Person>(session, x), token);
        }
        if (csv)
            return CsvExport.Result(http, "people", point.AsOf, request, async (r, token) =>
            {
                var (page, next) = await PageOf(r, token);
                var ids = page.Items.Select(p => p.OrganizationId);
                var names = past is null ? await Names.OrganizationsAsync(session, ids, token) : await past.LoadAsync<Organization>(session, ids, token);
                return (page.Map(p => (Person: p, Organization: names.RefTo(p.OrganizationId).Name)), next);
            }, Columns);
        var (page, _) = await PageOf(request, ct);
        return Results.Ok(new PersonList(point.AsOf, point.KnownAt, page.Items, page.Total, request.Limit, page.NextCursor));
    }

    public static readonly SortKey[] Sorts = [new("name", "lower(d.data ->> 'name')", KeyType.Text)];

    private static readonly CsvColumn<(Person Person, string Organization)>[] Columns =
    [
        new("id", p => p.Person.Id), new("name", p => p.Person.Name), new("title", p => p.Person.Title),
        new("organization", p => p.Organization), new("since", p => p.Person.Posts.LastOrDefault()?.Since)
    ];
}

public sealed record PersonList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<Person> Items, int Total, int Limit, string? NextCursor);
