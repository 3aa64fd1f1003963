namespace Engagement.Calendars;

/// <summary>
/// A calendar feed's secret address was made: of the items its owner (a user, or a key) is responsible for, or of one
/// organisation's. Only the token's SHA-256 hash is kept; the address is shown once, in the answer.
/// </summary>
public sealed record CalendarFeedCreated(Guid FeedId, Guid OwnerId, string OwnerName, Guid? OrganizationId, string TokenHash,
    DateTimeOffset CreatedAt);

/// <summary>The feed's address stopped working.</summary>
public sealed record CalendarFeedRevoked(Guid FeedId, DateTimeOffset RevokedAt);

public sealed record CalendarFeed(Guid Id, Guid OwnerId, string OwnerName, Guid? OrganizationId, string TokenHash, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt, int Version)
{
    public static CalendarFeed Create(CalendarFeedCreated e) =>
        new(e.FeedId, e.OwnerId, e.OwnerName, e.OrganizationId, e.TokenHash, e.CreatedAt, null, 1);

    public CalendarFeed Apply(CalendarFeedRevoked e) => this with { RevokedAt = e.RevokedAt };

    public bool Revoked => RevokedAt is not null;
}
