using Engagement.Infrastructure;
using Engagement.Organizations;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.People;

public sealed record PostView(string? Title, Guid OrganizationId, string OrganizationName, DateOnly Since, DateOnly? Until);

public sealed record PersonView(Guid Id, string Name, string? Title, Guid OrganizationId, string OrganizationName,
    IReadOnlyList<PostView> Posts, int Version);

public static class GetPersonEndpoint
{
    [WolverineGet("/api/people/{id}", Name = "GetPerson"), Tags("People")]
    [ProducesResponseType<PersonView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var person = await session.LoadAsync<Person>(id, ct);
        if (person is null) return Problem.NotFound("person", id).ToResult();
        var organizations = await Names.OrganizationsAsync(session, person.Posts.Select(p => p.OrganizationId), ct);
        Streams.SetETag(http, person.Version);
        return Results.Ok(new PersonView(person.Id, person.Name, person.Title, person.OrganizationId,
            organizations.RefTo(person.OrganizationId).Name,
            [.. person.Posts.Select(p => new PostView(p.Title, p.OrganizationId, organizations.RefTo(p.OrganizationId).Name, p.Since, p.Until))],
            person.Version));
    }

    [WolverineGet("/api/people", Name = "ListPeople"), Tags("People")]
    public static async Task<IReadOnlyList<Person>> List(Guid? organizationId, string? q, IQuerySession session, CancellationToken ct)
    {
        IQueryable<Person> query = session.Query<Person>();
        if (organizationId is { } org) query = query.Where(x => x.OrganizationId == org);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(x => x.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase));
        return await query.OrderBy(x => x.Name).Take(1000).ToListAsync(ct);
    }
}
