using Engagement.Confidentiality;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Engagement.ReadModels;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Meetings;

public sealed record MeetingHit(Guid Id, string Title, DateOnly HeldOn, string? Location, IReadOnlyList<Ref> Organizations,
    IReadOnlyList<string> Topics, string? Summary, double? Rank, bool Restricted)
{
    public string Href => $"/api/meetings/{Id}";
}

public sealed record MeetingSearchAnswer(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<MeetingHit> Items, int Total, int Limit,
    string? NextCursor, Freshness? Freshness);

public sealed record MeetingSearchFilter(Guid? OrganizationId, string? Topic, DateOnly? From, DateOnly? To, string? Q)
{
    public const int MaxQueryLength = 200;

    public static MeetingSearchFilter Parse(string? organizationId, string? topic, string? from, string? to, string? q, Errors errors)
    {
        var filter = new MeetingSearchFilter(errors.OptionalId("organizationId", organizationId),
            string.IsNullOrWhiteSpace(topic) ? null : topic.Trim(), errors.Optional("from", from), errors.Optional("to", to),
            string.IsNullOrWhiteSpace(q) ? null : q.Trim());
        errors.Optional("topic", topic, Limits.Topic).Optional("q", q, MaxQueryLength)
            .When(filter.From > filter.To, "to", "must not be before from");
        return filter;
    }

    /// <summary>The same conditions in SQL, over search entries aliased <c>d</c>.</summary>
    /// <param name="q">the placeholder of <see cref="Q"/>, which the rank reuses</param>
    /// <param name="merges">an organisation asked about stands for its merge group</param>
    /// <param name="unsearchable">meetings whose words (or topics) must not make them match for this reader</param>
    public SqlList Apply(SqlList list, string? q, Merges merges, Guid[] unsearchable)
    {
        if ((q is not null || Topic is not null) && unsearchable.Length > 0)
            list.Where(l => $"not ((d.data ->> 'id') = any({l.Param(unsearchable.Select(id => id.ToString()).ToArray())}))");
        if (q is not null) list.Where($"{MeetingSearch.Vector} @@ websearch_to_tsquery('{MeetingSearchConfiguration.TextSearchConfig}', {q})");
        if (OrganizationId is { } org) list.Where(l => $"d.data -> 'organizationIds' ?| {l.Param(merges.TextGroupOf(org))}::text[]");
        if (Topic is { } topic)
            list.Where(l => $"exists (select 1 from jsonb_array_elements_text(d.data -> 'topics') t where lower(t) = lower({l.Param(topic)}))");
        if (From is { } from) list.Where(l => $"d.data ->> 'heldOn' >= {l.Param(from.ToString("yyyy-MM-dd"))}");
        if (To is { } to) list.Where(l => $"d.data ->> 'heldOn' <= {l.Param(to.ToString("yyyy-MM-dd"))}");
        return list;
    }

    public string Fingerprint(PointInTime point) => Paging.Fingerprint("meetings", OrganizationId, Topic?.ToLowerInvariant(), From, To, Q,
        point.IsLive ? null : point.AsOf, point.KnownAt);
}

/// <summary>
/// Meeting search. <c>q</c> is PostgreSQL full-text search (websearch syntax: words, "quoted phrases", or, -not) over
/// title, summary and notes, ranked by <c>ts_rank</c>, best first (then the newest); without <c>q</c>, newest first.
/// Live answers use the index on the search projection; as-of answers rank the meetings as they stood with the very
/// same SQL.
/// </summary>
public static class MeetingSearch
{
    public const string Vector = $"to_tsvector('{MeetingSearchConfiguration.TextSearchConfig}', d.data ->> 'searchText')";

    private static string Rank(string q) =>
        $"round(ts_rank({Vector}, websearch_to_tsquery('{MeetingSearchConfiguration.TextSearchConfig}', {q}))::numeric, 6)";

    /// <summary>With <c>q</c>: rank (best first), heldOn, title; without: heldOn (newest first), title. Ties by id.</summary>
    public static SortKey[] Sorts(string? q)
    {
        SortKey[] plain =
        [
            new("heldOn", "d.data ->> 'heldOn'", KeyType.Text, Descending: true),
            new("title", "lower(d.data ->> 'title')", KeyType.Text)
        ];
        if (q is null) return plain;
        // Rank in millionths, fixed width, then the day: one text key that orders by rank and then by date.
        return [new("rank", $"lpad(({Rank(q)} * 1000000)::bigint::text, 12, '0') || ' ' || (d.data ->> 'heldOn')", KeyType.Text,
            Descending: true), .. plain];
    }

    public static async Task<(Page<MeetingHit> Page, Cursor? Next)> PageAsync(IQuerySession session, Past? past,
        MeetingSearchFilter filter, PageRequest request, Redaction redaction, CancellationToken ct)
    {
        var list = ListSource.For<MeetingSearchEntry>(session, past);
        var q = filter.Q is null ? null : list.Param(filter.Q);
        filter.Apply(list, q, await Merges.LoadAsync(session, past, ct, filter.OrganizationId), redaction.UnsearchableMeetings);
        var rank = q is null ? "null::float8" : $"{Rank(q)}::float8";
        var sorted = request with { Sort = Sorts(q).Single(s => s.Name == request.Sort.Name) };
        var (page, next) = await list.PageWithCursorAsync(session, $"d.data, {rank}", sorted,
            r => (Entry: ListSource.Document<MeetingSearchEntry>(session, r), Rank: r.IsDBNull(1) ? (double?)null : r.GetDouble(1)), ct);
        var organizationIds = page.Items.SelectMany(m => m.Entry.OrganizationIds);
        var organizations = past is null
            ? await Names.OrganizationsAsync(session, organizationIds, ct)
            : await past.LoadAsync<Organization>(session, organizationIds, ct);
        return (page.Map(x => new MeetingHit(x.Entry.Id, x.Entry.Title, x.Entry.HeldOn, x.Entry.Location,
            [.. x.Entry.OrganizationIds.Select(organizations.RefTo)], x.Entry.Topics, x.Entry.Summary, x.Rank,
            redaction.Of(x.Entry.Id)?.Meeting is not null)), next);
    }

    public static readonly CsvColumn<MeetingHit>[] Columns =
    [
        new("id", m => m.Id), new("heldOn", m => m.HeldOn), new("title", m => m.Title), new("location", m => m.Location),
        new("organizations", m => m.Organizations.Select(o => o.Name)), new("topics", m => m.Topics), new("summary", m => m.Summary),
        new("rank", m => m.Rank), new("restricted", m => m.Restricted)
    ];
}

public static class SearchMeetingsEndpoint
{
    [WolverineGet("/api/meetings", Name = "SearchMeetings"), Tags("Meetings")]
    [ProducesResponseType<MeetingSearchAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Search(string? organizationId, string? topic, string? from, string? to, string? q, string? asOf,
        string? knownAt, string? limit, string? cursor, string? sort, string? order, string? format, IQuerySession session,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var filter = MeetingSearchFilter.Parse(organizationId, topic, from, to, q, errors);
        // The rank's SQL names the parameter of q, which each page binds again.
        var request = Paging.Parse(limit, cursor, sort, order, MeetingSearch.Sorts(filter.Q is null ? null : "$0"), filter.Fingerprint(point),
            errors);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var past = await Past.ForAsync(session, point, ct);
        var redaction = await Redaction.ForAsync(http);
        var freshness = point.IsLive ? await Freshness.OfAsync(session, MeetingSearchProjection.ProjectionName, ct) : null;
        if (csv)
            return CsvExport.Result(http, "meetings", point.AsOf, request,
                (r, token) => MeetingSearch.PageAsync(session, past, filter, r, redaction, token), MeetingSearch.Columns);
        var (page, _) = await MeetingSearch.PageAsync(session, past, filter, request, redaction, ct);
        return Results.Ok(new MeetingSearchAnswer(point.AsOf, point.KnownAt, page.Items, page.Total, request.Limit, page.NextCursor,
            freshness));
    }
}
