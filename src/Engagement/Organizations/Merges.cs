using Engagement.Infrastructure;
using Engagement.ReadModels;
using Marten;

namespace Engagement.Organizations;

/// <summary>
/// Which organisations answer as one, at the point a read is for. A merge is resolved when read, not folded into the
/// read models: each organisation's documents stay its own (so an answer as of a day before the merge still shows them
/// apart), and a read that names either id asks for the whole group. The table is the organisations that were merged,
/// few beside the rest, read from the inline snapshots (or from the history for an as-of answer).
/// </summary>
public sealed class Merges
{
    // A merge into an organisation already merged is refused, but a survivor may itself be merged later: follow the chain.
    private const int MaxChain = 64;
    private readonly Dictionary<Guid, Guid> _into;

    private Merges(Dictionary<Guid, Guid> into) => _into = into;

    public static readonly Merges None = new(new Dictionary<Guid, Guid>());

    public static Merges Of(IEnumerable<Organization> organizations) =>
        new(organizations.Where(o => o.MergedInto is not null).ToDictionary(o => o.Id, o => o.MergedInto!.Id));

    /// <summary>The merges at the point answered for; none to read when no organisation is asked about.</summary>
    public static async Task<Merges> LoadAsync(IQuerySession session, History? history, CancellationToken ct, params Guid?[] askedAbout)
    {
        if (askedAbout.Length > 0 && askedAbout.All(id => id is null)) return None;
        if (history is not null) return Of(history.Organizations.Values);
        var merged = await session.QueryAsync<Organization>("where data ->> 'mergedInto' is not null", ct);
        return Of(merged);
    }

    /// <summary>As <see cref="LoadAsync(IQuerySession, History?, CancellationToken, Guid?[])"/>, from the organisations as they stood.</summary>
    public static async Task<Merges> LoadAsync(IQuerySession session, Past? past, CancellationToken ct, params Guid?[] askedAbout)
    {
        if (past is null) return await LoadAsync(session, (History?)null, ct, askedAbout);
        if (askedAbout.Length > 0 && askedAbout.All(id => id is null)) return None;
        return Of(await past.AllAsync<Organization>(session, ct));
    }

    /// <summary>The ids that were merged into another.</summary>
    public IReadOnlyCollection<Guid> Merged => _into.Keys;

    /// <summary>The organisation that answers for <paramref name="id"/>: itself unless it was merged.</summary>
    public Guid SurvivorOf(Guid id)
    {
        var current = id;
        for (var i = 0; i < MaxChain && _into.TryGetValue(current, out var next); i++) current = next;
        return current;
    }

    /// <summary>The survivor of <paramref name="id"/> and every organisation merged into it, the survivor first.</summary>
    public IReadOnlyList<Guid> GroupOf(Guid id)
    {
        var survivor = SurvivorOf(id);
        return [survivor, .. _into.Keys.Where(k => k != survivor && SurvivorOf(k) == survivor).Order()];
    }

    /// <summary>The group as text, for SQL comparing with ids stored in JSON.</summary>
    public string[] TextGroupOf(Guid id) => [.. GroupOf(id).Select(g => g.ToString())];
}

public static class CurrentOrganizations
{
    /// <summary>
    /// New records name the survivor, never a merged organisation: the field error says which one to use, so nothing is
    /// filed under an id every read has stopped showing.
    /// </summary>
    public static Errors NotMerged(this Errors errors, string field, Organization organization) =>
        organization.MergedInto is { } into
            ? errors.Add(field, $"names {organization.Name}, merged into {into.Name} ({into.Id}) on {into.MergedOn:yyyy-MM-dd}: use {into.Name}")
            : errors;

    /// <summary>As <see cref="ReferenceChecks.ExistingAsync{T}"/> for an organisation, which must also not have been merged.</summary>
    public static async Task<Errors> CurrentOrganizationAsync(this Errors errors, IQuerySession session, string field, Guid? id,
        CancellationToken ct)
    {
        if (id is null || id == Guid.Empty) return errors.Add(field, "is required");
        return await session.LoadAsync<Organization>(id.Value, ct) is { } organization
            ? errors.NotMerged(field, organization)
            : errors.Add(field, "no organisation with this id");
    }

    /// <summary>As <see cref="ReferenceChecks.AllExistingAsync{T}"/> for organisations, none of which may have been merged.</summary>
    public static async Task<Errors> AllCurrentOrganizationsAsync(this Errors errors, IQuerySession session, string field,
        IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        await errors.AllExistingAsync<Organization>(session, field, ids, "organisation", o => o.Id, ct);
        if (ids is null || ids.Count == 0 || ids.Count > Limits.References) return errors;
        var found = (await session.LoadManyAsync<Organization>(ct, ids.Distinct())).ToDictionary(o => o.Id);
        for (var i = 0; i < ids.Count; i++)
            if (found.TryGetValue(ids[i], out var organization)) errors.NotMerged($"{field}[{i}]", organization);
        return errors;
    }
}
