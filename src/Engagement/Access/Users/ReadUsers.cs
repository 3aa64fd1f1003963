using System.Globalization;
using System.Text;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Access.Users;

public sealed record UserView(Guid Id, string Name, string Email, Role Role, UserStatus Status, DateTimeOffset InvitedAt,
    DateTimeOffset? LastSignInAt)
{
    public static UserView Of(User u) => new(u.Id, u.Name, u.Email, u.Role, u.Status, u.InvitedAt, u.LastSignInAt);
}

public sealed record UserDetails(Guid Id, string Name, string Email, Role Role, UserStatus Status, DateTimeOffset InvitedAt,
    DateTimeOffset? LastSignInAt, DateTimeOffset? InvitationExpiresAt, DateTimeOffset? LockedUntil, long Version);

public sealed record UserList(IReadOnlyList<UserView> Items, int Total, int Limit, string? NextCursor, DateOnly AsOf, DateTimeOffset? KnownAt);

public static class ListUsersEndpoint
{
    /// <summary>
    /// Users by name (or email), filtered by <c>status</c> and <c>q</c> (name or email contains); paginated as every list
    /// is (limit, cursor, sort=name|email, order).
    /// </summary>
    [WolverineGet("/api/users", Name = "ListUsers"), Tags("Users")]
    [ProducesResponseType<UserList>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> List(IQuerySession session, TimeProvider clock, string? status, string? q, string? limit,
        string? cursor, string? sort, string? order, CancellationToken ct)
    {
        var errors = new Errors().Optional("q", q, Limits.Name);
        UserStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<UserStatus>(status.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                && !status.Trim().All(char.IsDigit)) wanted = parsed;
            else errors.Add("status", "must be one of invited, active, deactivated");
        }
        var page = UserPage.Parse(limit, cursor, sort, order, $"{wanted}|{q?.Trim()}", errors);
        if (errors.ToProblem() is { } problem) return problem.ToResult();

        var query = session.Query<User>().AsQueryable();
        if (wanted == UserStatus.Deactivated) query = query.Where(u => u.Deactivated);
        else if (wanted == UserStatus.Active) query = query.Where(u => !u.Deactivated && u.HasPassword);
        else if (wanted == UserStatus.Invited) query = query.Where(u => !u.Deactivated && !u.HasPassword);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(u => u.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                                     || u.Email.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        var users = await query.ToListAsync(ct);
        var (items, next) = page.Take(users);
        return Results.Ok(new UserList([.. items.Select(UserView.Of)], users.Count, page.Limit, next, clock.Today(), null));
    }
}

/// <summary>
/// Keyset pages over the (few) users matching the filters, in memory: the cursor carries the sort, order, filters and the
/// last row's sort value and id. One function, so the shared SQL paging can take its place.
/// </summary>
public sealed record UserPage(int Limit, string Sort, bool Descending, string Filters, (string Value, Guid Id)? After)
{
    public const int MaxLimit = 500;

    public static UserPage Parse(string? limit, string? cursor, string? sort, string? order, string filters, Errors errors)
    {
        var take = 50;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= MaxLimit))
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        var by = string.IsNullOrWhiteSpace(sort) ? "name" : sort.Trim().ToLowerInvariant();
        if (by is not ("name" or "email")) errors.Add("sort", "must be one of name, email");
        var descending = false;
        if (!string.IsNullOrWhiteSpace(order))
        {
            if (order.Trim().ToLowerInvariant() is var o && o is "asc" or "desc") descending = o == "desc";
            else errors.Add("order", "must be asc or desc");
        }
        var page = new UserPage(take, by, descending, filters, null);
        if (string.IsNullOrEmpty(cursor)) return page;
        var parts = Decode(cursor)?.Split('\u001f');
        if (parts is not { Length: 5 } || !Guid.TryParse(parts[4], out var id))
            errors.Add("cursor", "is not a cursor this list gave out; start again without it");
        else if (parts[0] != by || parts[1] != (descending ? "desc" : "asc") || parts[2] != filters)
            errors.Add("cursor", "was made for another sort, order or filter; start again without it");
        else return page with { After = (parts[3], id) };
        return page;
    }

    public (IReadOnlyList<User> Items, string? NextCursor) Take(IEnumerable<User> users)
    {
        var ordered = users.Select(u => (User: u, Key: KeyOf(u))).ToList();
        ordered.Sort((a, b) =>
        {
            var compared = string.CompareOrdinal(a.Key, b.Key);
            if (compared == 0) compared = a.User.Id.CompareTo(b.User.Id);
            return Descending ? -compared : compared;
        });
        var rest = After is { } after
            ? ordered.SkipWhile(x =>
            {
                var c = string.CompareOrdinal(x.Key, after.Value);
                if (c == 0) c = x.User.Id.CompareTo(after.Id);
                return Descending ? c >= 0 : c <= 0;
            })
            : ordered;
        var items = rest.Take(Limit + 1).ToList();
        if (items.Count <= Limit) return ([.. items.Select(x => x.User)], null);
        var last = items[Limit - 1];
        return ([.. items.Take(Limit).Select(x => x.User)],
            Encode(string.Join('\u001f', Sort, Descending ? "desc" : "asc", Filters, last.Key, last.User.Id.ToString())));
    }

    private string KeyOf(User u) => Sort == "email" ? u.EmailKey : u.Name.ToLowerInvariant();

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string cursor)
    {
        if (cursor.Length > 2000) return null;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }
}

public static class GetUserEndpoint
{
    [WolverineGet("/api/users/{id}", Name = "GetUser"), Tags("Users")]
    [ProducesResponseType<UserDetails>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<User>(id, ct) is not { } u) return Problem.NotFound("user", id).ToResult();
        Streams.SetETag(http, u.Version);
        return Results.Ok(new UserDetails(u.Id, u.Name, u.Email, u.Role, u.Status, u.InvitedAt, u.LastSignInAt, u.InvitationExpiresAt,
            u.LockedUntil, u.Version));
    }

    /// <summary>The user's events, oldest first, without the invitation tokens' hashes.</summary>
    [WolverineGet("/api/users/{id}/history", Name = "UserHistory"), Tags("Users")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> History(Guid id, IQuerySession session, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        if (state is null || state.AggregateType != typeof(User)) return Problem.NotFound("user", id).ToResult();
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return Results.Ok(events.Select(e => new HistoryEntry(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, e.CorrelationId,
            e.Headers?.TryGetValue(HistoryEndpoints.RecordedByHeader, out var by) == true ? by?.ToString() : null, Shown(e.Data))));
    }

    private static object Shown(object data) => data switch
    {
        UserInvited e => new { e.UserId, e.Name, e.Email, e.Role, e.InvitedAt, e.InvitationExpiresAt },
        UserInvitationReissued e => new { e.UserId, e.InvitationExpiresAt },
        _ => data
    };
}
