using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Asks;

public sealed record AskView(Guid Id, string Text, string? Topic, Ref RaisedBy, Ref AddressedTo, MeetingRef Meeting,
    DateOnly RaisedOn, SuggestionStatus Status, SuggestionOutcome? Outcome, int Responses, int AgeDays, DateOnly LastActivityOn)
{
    public string Href => $"/api/suggestions/{Id}";
}

public sealed record AskList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<AskView> Asks);

public sealed record AskFilter(IReadOnlySet<SuggestionStatus> Statuses, Guid? AddressedToId, Guid? RaisedById, string? Topic)
{
    public static readonly IReadOnlySet<SuggestionStatus> Unresolved = new HashSet<SuggestionStatus> { SuggestionStatus.Open, SuggestionStatus.Answered };

    /// <summary>
    /// <c>status</c> is one or more of open, answered, resolved, or the shorthands unresolved (open and answered, the
    /// default) and all, separated by commas.
    /// </summary>
    public static AskFilter Parse(string? status, string? addressedToId, string? raisedById, string? topic, Errors errors)
    {
        var statuses = new HashSet<SuggestionStatus>();
        foreach (var word in (status ?? "unresolved").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (word.ToLowerInvariant())
            {
                case "open": statuses.Add(SuggestionStatus.Open); break;
                case "answered": statuses.Add(SuggestionStatus.Answered); break;
                case "resolved": statuses.Add(SuggestionStatus.Resolved); break;
                case "unresolved": statuses.UnionWith(Unresolved); break;
                case "all": statuses.UnionWith(Enum.GetValues<SuggestionStatus>()); break;
                default: errors.Add("status", "must be open, answered, resolved, unresolved or all (several separated by commas)"); break;
            }
        }
        if (statuses.Count == 0) statuses.UnionWith(Unresolved);
        errors.Optional("topic", topic, Limits.Topic);
        return new AskFilter(statuses, errors.OptionalId("addressedToId", addressedToId), errors.OptionalId("raisedById", raisedById),
            string.IsNullOrWhiteSpace(topic) ? null : topic.Trim());
    }

    public bool Matches(Suggestion s) =>
        Statuses.Contains(s.Status)
        && (AddressedToId is null || s.AddressedToId == AddressedToId)
        && (RaisedById is null || s.RaisedById == RaisedById)
        && (Topic is null || string.Equals(s.Topic, Topic, StringComparison.OrdinalIgnoreCase));
}

public static class Asks
{
    /// <summary>
    /// The suggestions that match, oldest first. Age counts days from being raised to today, or to the resolution for
    /// a resolved one.
    /// </summary>
    public static IReadOnlyList<AskView> Select(IEnumerable<Suggestion> suggestions, AskFilter filter,
        IReadOnlyDictionary<Guid, Meeting> meetings, IReadOnlyDictionary<Guid, Organization> organizations, DateOnly today) =>
    [
        .. suggestions.Where(filter.Matches).OrderBy(s => s.RaisedOn).ThenBy(s => s.Id).Select(s => new AskView(s.Id, s.Text, s.Topic,
            organizations.RefTo(s.RaisedById), organizations.RefTo(s.AddressedToId), MeetingRef.Of(meetings, s.MeetingId), s.RaisedOn,
            s.Status, s.Outcome, s.Responses.Count, (s.ResolvedOn ?? today).DayNumber - s.RaisedOn.DayNumber, s.LastActivityOn))
    ];
}

public static class ListAsksEndpoint
{
    [WolverineGet("/api/asks", Name = "ListAsks"), Tags("Asks")]
    [ProducesResponseType<AskList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? status, string? addressedToId, string? raisedById, string? topic, string? asOf,
        string? knownAt, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var filter = AskFilter.Parse(status, addressedToId, raisedById, topic, errors);
        if (errors.Any) return QueryProblem.From(errors);

        if (!point.IsLive)
        {
            var history = await History.LoadAsync(session, point, ct);
            return Results.Ok(new AskList(point.AsOf, point.KnownAt,
                Asks.Select(history.Suggestions.Values, filter, history.Meetings, history.Organizations, point.AsOf)));
        }

        var statuses = filter.Statuses.ToArray();
        IQueryable<Suggestion> query = session.Query<Suggestion>().Where(s => statuses.Contains(s.Status));
        if (filter.AddressedToId is { } to) query = query.Where(s => s.AddressedToId == to);
        if (filter.RaisedById is { } by) query = query.Where(s => s.RaisedById == by);
        var suggestions = await query.ToListAsync(ct);
        var meetings = await Refs.MeetingsAsync(session, suggestions.Select(s => s.MeetingId), ct);
        var organizations = await Names.OrganizationsAsync(session, suggestions.SelectMany(s => new[] { s.RaisedById, s.AddressedToId }), ct);
        return Results.Ok(new AskList(point.AsOf, point.KnownAt, Asks.Select(suggestions, filter, meetings, organizations, point.AsOf)));
    }
}
