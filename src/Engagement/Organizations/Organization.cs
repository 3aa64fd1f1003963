namespace Engagement.Organizations;

public enum OrganizationKind { Government, Member, Chamber, Other }

public sealed record OrganizationRegistered(
    Guid OrganizationId, string Name, OrganizationKind Kind, string? Country, string? Website, DateOnly RegisteredOn,
    string? RegisterId = null);

public sealed record OrganizationRenamed(Guid OrganizationId, string Name, string? PreviousName, DateOnly RenamedOn);

/// <summary>The organisation's id in a public lobbying register (the EU Transparency Register) was set, changed or removed.</summary>
public sealed record OrganizationRegisterIdChanged(Guid OrganizationId, string? RegisterId, string? PreviousRegisterId, DateOnly ChangedOn);

/// <summary>
/// A duplicate was merged into another organisation, the survivor. Its own history stays; every later read points at
/// the survivor.
/// </summary>
public sealed record OrganizationMerged(Guid OrganizationId, Guid SurvivorId, string SurvivorName, string Reason, DateOnly MergedOn);

/// <summary>The survivor's side of a merge: it absorbed the merged organisation, whose name it keeps as a former name.</summary>
public sealed record OrganizationAbsorbed(Guid OrganizationId, Guid MergedId, string MergedName, string Reason, DateOnly MergedOn);

/// <summary>The organisation this one was merged into, and when and why.</summary>
public sealed record MergedInto(Guid Id, string Name, DateOnly MergedOn, string Reason);

/// <summary>An organisation merged into this one: its name is a former name of this one.</summary>
public sealed record AbsorbedOrganization(Guid Id, string Name, DateOnly MergedOn);

public sealed record Organization(
    Guid Id, string Name, OrganizationKind Kind, string? Country, string? Website, DateOnly RegisteredOn, int Version,
    string? RegisterId = null)
{
    public static Organization Create(OrganizationRegistered e) =>
        new(e.OrganizationId, e.Name, e.Kind, e.Country, e.Website, e.RegisteredOn, 1, e.RegisterId);

    public Organization Apply(OrganizationRenamed e) => this with { Name = e.Name };

    public Organization Apply(OrganizationRegisterIdChanged e) => this with { RegisterId = e.RegisterId };

    /// <summary>Set once merged: the survivor, which answers for this organisation from then on.</summary>
    public MergedInto? MergedInto { get; init; }

    /// <summary>The organisations merged into this one, oldest merge first.</summary>
    public IReadOnlyList<AbsorbedOrganization> Absorbed { get; init; } = [];

    public Organization Apply(OrganizationMerged e) => this with { MergedInto = new MergedInto(e.SurvivorId, e.SurvivorName, e.MergedOn, e.Reason) };

    public Organization Apply(OrganizationAbsorbed e) =>
        this with { Absorbed = [.. Absorbed.Where(a => a.Id != e.MergedId), new AbsorbedOrganization(e.MergedId, e.MergedName, e.MergedOn)] };
}
