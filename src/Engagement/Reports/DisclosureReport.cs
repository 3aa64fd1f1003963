using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Reports;

/// <summary>A public official at a meeting, with the post they held on the day of it.</summary>
public sealed record Official(Guid Id, string Name, string? Post, Ref Organization);

/// <summary>An organisation met, with its id in a lobbying register when it has one.</summary>
public sealed record RegisteredParty(Guid Id, string Name, OrganizationKind Kind, string? RegisterId);

public sealed record DisclosedMeeting(Guid Id, DateOnly HeldOn, string? Location, string Subject, IReadOnlyList<string> Topics,
    IReadOnlyList<Official> Officials, IReadOnlyList<Ref> PublicBodies, IReadOnlyList<RegisteredParty> Organizations, string? SourceUrl);

public sealed record DisclosureReport(DateOnly AsOf, DateTimeOffset? KnownAt, DateOnly From, DateOnly To, int Total,
    IReadOnlyList<DisclosedMeeting> Items);

public static class DisclosureReportEndpoint
{
    /// <summary>
    /// The meetings held with public bodies in the period (<c>from</c>–<c>to</c>), oldest first, in the shape public
    /// lobbying registers publish (the European Commission's meetings lists): date, location, the officials met with their
    /// posts on that day, the organisations met with their Transparency Register ids, and the subject. As at
    /// <c>asOf</c>/<c>knownAt</c>; <c>format=csv</c> gives one row per meeting.
    /// </summary>
    [WolverineGet("/api/reports/disclosure", Name = "DisclosureReport"), Tags("Reports")]
    [ProducesResponseType<DisclosureReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? from, string? to, string? asOf, string? knownAt, string? format, IQuerySession session,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var period = ReportPeriod.Parse(from, to, point, errors);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var report = await ComputeAsync(await ReportSource.ForAsync(session, point, ct), point, period, ct);
        if (!csv) return Results.Ok(report);
        return ReportCsv.Result(http, $"disclosure-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}", Headers, report.Items, Cells);
    }

    public static async Task<DisclosureReport> ComputeAsync(ReportSource source, PointInTime point, ReportPeriod period, CancellationToken ct)
    {
        var (first, last) = period.Text;
        var meetings = await source.WhereAsync<Meeting>(sql =>
            $"d.data ->> 'heldOn' >= {first} and d.data ->> 'heldOn' <= {last} and exists (select 1 from " +
            $"jsonb_array_elements_text(d.data -> 'organizationIds') x join {source.Of<Organization>(sql)} o on o.id = x::uuid " +
            "where o.data ->> 'kind' = 'Government')", "d.data ->> 'heldOn', d.id", ct);

        var people = await source.ByIdAsync<Person>(meetings.SelectMany(m => m.ParticipantIds), p => p.Id, ct);
        var organizations = await source.ByIdAsync<Organization>(meetings.SelectMany(m => m.OrganizationIds)
            .Concat(people.Values.SelectMany(p => p.Posts.Select(post => post.OrganizationId))), o => o.Id, ct);

        bool Public(Guid id) => organizations.TryGetValue(id, out var o) && o.Kind == OrganizationKind.Government;

        var items = meetings.Select(m =>
        {
            var officials = m.ParticipantIds.Select(id => people.GetValueOrDefault(id)).OfType<Person>()
                .Select(p => (Person: p, Post: p.PostOn(m.HeldOn)))
                .Where(x => Public(x.Post?.OrganizationId ?? x.Person.OrganizationId))
                .Select(x => new Official(x.Person.Id, x.Person.Name, x.Post?.Title ?? x.Person.Title,
                    organizations.RefTo(x.Post?.OrganizationId ?? x.Person.OrganizationId)))
                .ToList();
            var parties = m.OrganizationIds.Select(id => organizations.GetValueOrDefault(id)).OfType<Organization>().ToList();
            return new DisclosedMeeting(m.Id, m.HeldOn, m.Location, m.Title, m.Topics, officials,
                [.. parties.Where(o => o.Kind == OrganizationKind.Government).Select(o => new Ref(o.Id, o.Name))],
                [.. parties.Where(o => o.Kind != OrganizationKind.Government).Select(o => new RegisteredParty(o.Id, o.Name, o.Kind, o.RegisterId))],
                m.SourceUrl);
        }).ToList();
        return new DisclosureReport(point.AsOf, point.KnownAt, period.From, period.To, items.Count, items);
    }

    private static readonly string[] Headers =
        ["date", "location", "officials", "publicBodies", "organisations", "transparencyRegisterIds", "subject", "topics"];

    private static IEnumerable<object?> Cells(DisclosedMeeting m) =>
    [
        m.HeldOn, m.Location,
        m.Officials.Select(o => o.Post is null ? $"{o.Name} ({o.Organization.Name})" : $"{o.Name}, {o.Post} ({o.Organization.Name})"),
        m.PublicBodies.Select(b => b.Name),
        m.Organizations.Select(o => o.RegisterId is null ? o.Name : $"{o.Name} ({o.RegisterId})"),
        m.Organizations.Where(o => o.RegisterId is not null).Select(o => o.RegisterId!),
        m.Subject, m.Topics
    ];
}
