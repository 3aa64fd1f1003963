using Engagement.Access.Users;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Work;

public sealed record StaffList(IReadOnlyList<Ref> Items);

public static class ListStaffEndpoint
{
    /// <summary>The users who may be made responsible for an ask or a commitment (active, staff or admin), by name.</summary>
    [WolverineGet("/api/staff", Name = "ListStaff"), Tags("Work")]
    [ProducesResponseType<StaffList>(StatusCodes.Status200OK)]
    public static async Task<StaffList> Get(IQuerySession session, CancellationToken ct)
    {
        var users = await session.Query<User>().Where(u => !u.Deactivated && u.HasPassword).ToListAsync(ct);
        return new StaffList([.. users.Where(Responsibles.MayBeResponsible).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(u => u.Id).Select(u => new Ref(u.Id, u.Name))]);
    }
}
