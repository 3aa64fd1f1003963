using Engagement.Access.Users;
using Engagement.Commitments;
using Engagement.Confidentiality;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Engagement.Suggestions;
using Engagement.Work;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Marten;

namespace Engagement.Calendars;

/// <summary>One all-day entry of a feed: a commitment's due date or an ask's next follow-up.</summary>
public sealed record CalendarItem(string Uid, DateOnly On, string Summary, string Description, string Path, int Sequence);

public static class CalendarItems
{
    public static CalendarItem Of(Commitment c, string owner) =>
        new($"commitment-{c.Id}@engagement", c.DueOn!.Value, $"Due: {c.Description}", $"Commitment by {owner}.", $"/commitments/{c.Id}", c.Version);

    public static CalendarItem Of(Suggestion s, string addressedTo) =>
        new($"ask-{s.Id}-follow-up@engagement", s.FollowUpOn!.Value, $"Follow up: {MyWorkRules.TitleOf(s)}", $"Ask to {addressedTo}.",
            $"/asks/{s.Id}", s.Version);

    /// <summary>
    /// The feed as iCalendar text. Each entry keeps its UID whatever changes, and its SEQUENCE is the item's version, so a
    /// calendar application replaces an entry on the next refresh instead of adding a second one.
    /// </summary>
    public static string Serialize(string name, IEnumerable<CalendarItem> items, string site, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Engagement//Calendar feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var item in items.OrderBy(i => i.On).ThenBy(i => i.Uid, StringComparer.Ordinal))
        {
            var url = new Uri(site + item.Path);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = item.Uid,
                Summary = item.Summary,
                Description = $"{item.Description}\n{url}",
                Url = url,
                DtStart = new CalDateTime(item.On),
                DtEnd = new CalDateTime(item.On.AddDays(1)),
                DtStamp = new CalDateTime(now.UtcDateTime),
                Sequence = item.Sequence,
                Transparency = "TRANSPARENT"
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}

public static class GetCalendarEndpoint
{
    public static void MapCalendars(this WebApplication app) =>
        // Calendar applications send no headers, so the secret address is the credential; it is not an API operation.
        app.MapGet(CalendarFeeds.PathPrefix + "{token}.ics", Get).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Get(string token, IQuerySession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var hash = Accounts.HashToken(token);
        var feed = await session.Query<CalendarFeed>().Where(f => f.TokenHash == hash).FirstOrDefaultAsync(ct);
        if (feed is null || feed.Revoked)
            return new Problem(StatusCodes.Status404NotFound, "Not found", "No calendar feed at this address (it may have been revoked).").ToResult();

        // The feed shows what its owner may see, whoever holds the address.
        var redaction = await Redaction.ForUserAsync(session, feed.OwnerId, ct);
        var (name, items) = feed.OrganizationId is { } organizationId
            ? await OfOrganizationAsync(session, organizationId, redaction, ct)
            : await OfResponsibleAsync(session, feed, redaction, ct);
        http.Response.Headers.CacheControl = "private, no-cache";
        var site = $"{http.Request.Scheme}://{http.Request.Host}";
        return Results.Text(CalendarItems.Serialize(name, items, site, clock.GetUtcNow()), "text/calendar; charset=utf-8");
    }

    private static async Task<(string, IReadOnlyList<CalendarItem>)> OfResponsibleAsync(IQuerySession session, CalendarFeed feed,
        Redaction redaction, CancellationToken ct)
    {
        var commitments = await session.Query<Commitment>()
            .Where(c => c.ResponsibleId == feed.OwnerId && c.Status == CommitmentStatus.Open && c.DueOn != null).ToListAsync(ct);
        var asks = await session.Query<Suggestion>()
            .Where(s => s.ResponsibleId == feed.OwnerId && s.Status != SuggestionStatus.Resolved && s.FollowUpOn != null).ToListAsync(ct);
        var names = await Names.OrganizationsAsync(session, commitments.Select(c => c.OwnerId).Concat(asks.Select(s => s.AddressedToId)), ct);
        var user = await session.LoadAsync<User>(feed.OwnerId, ct);
        return ($"Engagement: {user?.Name ?? feed.OwnerName}", Items(commitments.Select(redaction.Apply), asks.Select(redaction.Apply), names));
    }

    private static async Task<(string, IReadOnlyList<CalendarItem>)> OfOrganizationAsync(IQuerySession session, Guid organizationId,
        Redaction redaction, CancellationToken ct)
    {
        // An organisation's feed holds the dates of the organisations merged into it, and a merged one's its survivor's.
        var group = (await Merges.LoadAsync(session, (ReadModels.History?)null, ct)).GroupOf(organizationId).ToArray();
        var commitments = await session.Query<Commitment>()
            .Where(c => group.Contains(c.OwnerId) && c.Status == CommitmentStatus.Open && c.DueOn != null).ToListAsync(ct);
        var asks = await session.Query<Suggestion>()
            .Where(s => (group.Contains(s.RaisedById) || group.Contains(s.AddressedToId)) && s.Status != SuggestionStatus.Resolved
                        && s.FollowUpOn != null).ToListAsync(ct);
        var names = await Names.OrganizationsAsync(session,
            commitments.Select(c => c.OwnerId).Concat(asks.Select(s => s.AddressedToId)).Append(organizationId), ct);
        return ($"Engagement: {names.RefTo(organizationId).Name}", Items(commitments.Select(redaction.Apply), asks.Select(redaction.Apply), names));
    }

    private static IReadOnlyList<CalendarItem> Items(IEnumerable<Commitment> commitments, IEnumerable<Suggestion> asks,
        IReadOnlyDictionary<Guid, Organization> names) =>
        [.. commitments.Select(c => CalendarItems.Of(c, names.RefTo(c.OwnerId).Name)), .. asks.Select(s => CalendarItems.Of(s, names.RefTo(s.AddressedToId).Name))];
}
