using Engagement.Infrastructure;
using Engagement.Organizations;
using Engagement.ReadModels;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Meetings;

public sealed record MeetingHit(Guid Id, string Title, DateOnly HeldOn, string? Location, IReadOnlyList<Ref> Organizations,
    IReadOnlyList<string> Topics, string? Summary, double? Rank)
{
    public string Href => $"/api/meetings/{Id}";
}

public sealed record MeetingSearchAnswer(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<MeetingHit> Meetings, Freshness? Freshness);

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

    public bool Matches(MeetingSearchEntry m) =>
        (OrganizationId is null || m.OrganizationIds.Contains(OrganizationId.Value))
        && (Topic is null || m.Topics.Contains(Topic, StringComparer.OrdinalIgnoreCase))
        && (From is null || m.HeldOn >= From)
        && (To is null || m.HeldOn <= To);
}

/// <summary>
/// Meeting search. <c>q</c> is PostgreSQL full-text search (websearch syntax: words, "quoted phrases", or, -not) over
/// title, summary and notes, ranked by <c>ts_rank</c>; live answers use the index on the search projection, as-of
/// answers rank the meetings as they stood with the very same expressions.
/// </summary>
public static class MeetingSearch
{
    private const string Vector = $"to_tsvector('{MeetingSearchConfiguration.TextSearchConfig}', {{0}})";
    private const string Query = $"websearch_to_tsquery('{MeetingSearchConfiguration.TextSearchConfig}', ?)";

    public static IReadOnlyList<MeetingHit> Select(IEnumerable<MeetingSearchEntry> entries, IReadOnlyDictionary<Guid, double>? ranks,
        MeetingSearchFilter filter, IReadOnlyDictionary<Guid, Organization> organizations) =>
    [
        .. entries.Where(m => filter.Matches(m) && (ranks is null || ranks.ContainsKey(m.Id)))
            .OrderByDescending(m => ranks?.GetValueOrDefault(m.Id) ?? 0).ThenByDescending(m => m.HeldOn).ThenBy(m => m.Id)
            .Select(m => new MeetingHit(m.Id, m.Title, m.HeldOn, m.Location, [.. m.OrganizationIds.Select(organizations.RefTo)], m.Topics,
                m.Summary, ranks?.GetValueOrDefault(m.Id)))
    ];

    /// <summary>The stored entries matching <paramref name="q"/>, with their rank.</summary>
    public static async Task<IReadOnlyDictionary<Guid, double>> RankStoredAsync(IQuerySession session, string q, CancellationToken ct)
    {
        var table = session.DocumentStore.Options.Schema.For<MeetingSearchEntry>();
        var vector = string.Format(Vector, "d.data ->> 'searchText'");
        var rows = await session.AdvancedSql.QueryAsync<Guid, double>(
            $"select row(d.id), row(ts_rank({vector}, {Query})::float8) from {table} d where {vector} @@ {Query}",
            ct, q, q);
        return ToRanks(rows);
    }

    /// <summary>The given entries matching <paramref name="q"/>, ranked by the same expressions as stored ones.</summary>
    public static async Task<IReadOnlyDictionary<Guid, double>> RankAsync(IQuerySession session, IReadOnlyCollection<MeetingSearchEntry> entries,
        string q, CancellationToken ct)
    {
        if (entries.Count == 0) return new Dictionary<Guid, double>();
        var vector = string.Format(Vector, "x.text");
        var rows = await session.AdvancedSql.QueryAsync<Guid, double>(
            $"select row(x.id), row(ts_rank({vector}, {Query})::float8) " +
            $"from unnest(?::uuid[], ?::text[]) as x(id, text) where {vector} @@ {Query}",
            ct, q, entries.Select(e => e.Id).ToArray(), entries.Select(e => e.SearchText).ToArray(), q);
        return ToRanks(rows);
    }

    private static Dictionary<Guid, double> ToRanks(IEnumerable<(Guid Id, double Rank)> rows) =>
        rows.ToDictionary(r => r.Id, r => Math.Round(r.Rank, 6));
}

public static class SearchMeetingsEndpoint
{
    [WolverineGet("/api/meetings", Name = "SearchMeetings"), Tags("Meetings")]
    [ProducesResponseType<MeetingSearchAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Search(string? organizationId, string? topic, string? from, string? to, string? q, string? asOf,
        string? knownAt, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var filter = MeetingSearchFilter.Parse(organizationId, topic, from, to, q, errors);
        if (errors.Any) return QueryProblem.From(errors);

        if (!point.IsLive)
        {
            var history = await History.LoadAsync(session, point, ct);
            var entries = history.MeetingSearch.Values.Where(filter.Matches).ToList();
            var ranks = filter.Q is null ? null : await MeetingSearch.RankAsync(session, entries, filter.Q, ct);
            return Results.Ok(new MeetingSearchAnswer(point.AsOf, point.KnownAt,
                MeetingSearch.Select(entries, ranks, filter, history.Organizations), null));
        }

        var freshness = await Freshness.OfAsync(session, MeetingSearchProjection.ProjectionName, ct);
        var stored = filter.Q is null ? null : await MeetingSearch.RankStoredAsync(session, filter.Q, ct);
        IQueryable<MeetingSearchEntry> query = session.Query<MeetingSearchEntry>();
        if (stored is not null)
        {
            var ids = stored.Keys.ToArray();
            query = query.Where(m => ids.Contains(m.Id));
        }
        if (filter.From is { } f) query = query.Where(m => m.HeldOn >= f);
        if (filter.To is { } t) query = query.Where(m => m.HeldOn <= t);
        var found = await query.ToListAsync(ct);
        var organizations = await Names.OrganizationsAsync(session, found.SelectMany(m => m.OrganizationIds), ct);
        return Results.Ok(new MeetingSearchAnswer(point.AsOf, point.KnownAt, MeetingSearch.Select(found, stored, filter, organizations),
            freshness));
    }
}
