using Engagement.Access;
using Engagement.Access.Users;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Calendars;

/// <summary>Without an organisation, the feed holds the items its owner is responsible for (none for a key).</summary>
public sealed record CreateCalendarFeed(Guid? OrganizationId);

/// <summary>The one answer that carries the feed's address, <c>/calendar/{token}.ics</c>; it cannot be shown again.</summary>
public sealed record CalendarFeedCreatedAnswer(Guid Id, long Version, string Url);

public sealed record CalendarFeedView(Guid Id, Ref? Organization, DateTimeOffset CreatedAt);

public sealed record CalendarFeedList(IReadOnlyList<CalendarFeedView> Items);

public static class CalendarFeeds
{
    public const string PathPrefix = "/calendar/";

    /// <summary>Whose feeds a caller manages: a user's id, or a key's (a token's subject has none).</summary>
    public static Guid? OwnerOf(HttpContext http) =>
        Guid.TryParse(http.User.FindFirst(Claims.UserId)?.Value ?? http.User.FindFirst(Claims.KeyId)?.Value, out var id) ? id : null;
}

public static class CreateCalendarFeedEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(CreateCalendarFeed command, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors();
        if (command.OrganizationId is not null)
            await errors.ExistingAsync<Organization>(session, "organizationId", command.OrganizationId, "organisation", ct);
        return errors.ToProblemDetails();
    }

    /// <summary>
    /// A secret address for a calendar application to subscribe to: the caller's own items, or with
    /// <c>organizationId</c> that organisation's commitments' due dates and asks' follow-up dates. Shown once.
    /// </summary>
    [WolverinePost("/api/me/calendar-feeds", Name = "CreateCalendarFeed"), Tags("Work")]
    [ProducesResponseType<CalendarFeedCreatedAnswer>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(CreateCalendarFeed command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (CalendarFeeds.OwnerOf(http) is not { } owner)
            return new Problem(StatusCodes.Status403Forbidden, "No one to own the feed",
                "Calendar feeds belong to a user or an API key; this token has neither.").ToResult();
        var token = Accounts.NewInvitationToken();
        var id = Guid.CreateVersion7();
        session.Events.StartStream<CalendarFeed>(id, new CalendarFeedCreated(id, owner, RecordingContext.RecordedBy(http),
            command.OrganizationId, Accounts.HashToken(token), clock.GetUtcNow()));
        Streams.SetETag(http, 1);
        return await Streams.Commit(session, http, StatusCodes.Status201Created,
            new CalendarFeedCreatedAnswer(id, 1, $"{CalendarFeeds.PathPrefix}{token}.ics"), $"/api/me/calendar-feeds/{id}", ct);
    }
}

public static class ListCalendarFeedsEndpoint
{
    /// <summary>The caller's calendar feeds that still work, newest first (their addresses are not kept, so not shown).</summary>
    [WolverineGet("/api/me/calendar-feeds", Name = "ListCalendarFeeds"), Tags("Work")]
    [ProducesResponseType<CalendarFeedList>(StatusCodes.Status200OK)]
    public static async Task<CalendarFeedList> Get(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (CalendarFeeds.OwnerOf(http) is not { } owner) return new CalendarFeedList([]);
        var feeds = await session.Query<CalendarFeed>().Where(f => f.OwnerId == owner && f.RevokedAt == null).ToListAsync(ct);
        var names = await Names.OrganizationsAsync(session, feeds.Where(f => f.OrganizationId is not null).Select(f => f.OrganizationId!.Value), ct);
        return new CalendarFeedList([
            .. feeds.OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id)
                .Select(f => new CalendarFeedView(f.Id, f.OrganizationId is { } o ? names.RefTo(o) : null, f.CreatedAt))
        ]);
    }
}

public static class RevokeCalendarFeedEndpoint
{
    /// <summary>Stops the feed's address working at once (it answers 404 from then on). Only its owner may revoke it.</summary>
    [WolverineDelete("/api/me/calendar-feeds/{id}", Name = "RevokeCalendarFeed"), Tags("Work")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Streams.Append<CalendarFeed>(session, http, id, "calendar feed", feed =>
            feed.OwnerId != CalendarFeeds.OwnerOf(http) ? new Decision([], Problem.NotFound("calendar feed", id))
            : feed.Revoked ? Decision.Conflict("The calendar feed is already revoked.")
            : Decision.Accept(new CalendarFeedRevoked(feed.Id, clock.GetUtcNow())), ct);
}
