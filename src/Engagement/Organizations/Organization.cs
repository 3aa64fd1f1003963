namespace Engagement.Organizations;

public enum OrganizationKind { Government, Member, Chamber, Other }

public sealed record OrganizationRegistered(
    Guid OrganizationId, string Name, OrganizationKind Kind, string? Country, string? Website, DateOnly RegisteredOn,
    string? RegisterId = null);

public sealed record OrganizationRenamed(Guid OrganizationId, string Name, string? PreviousName, DateOnly RenamedOn);

/// <summary>The organisation's id in a public lobbying register (the EU Transparency Register) was set, changed or removed.</summary>
public sealed record OrganizationRegisterIdChanged(Guid OrganizationId, string? RegisterId, string? PreviousRegisterId, DateOnly ChangedOn);

public sealed record Organization(
    Guid Id, string Name, OrganizationKind Kind, string? Country, string? Website, DateOnly RegisteredOn, int Version,
    string? RegisterId = null)
{
    public static Organization Create(OrganizationRegistered e) =>
        new(e.OrganizationId, e.Name, e.Kind, e.Country, e.Website, e.RegisteredOn, 1, e.RegisterId);

    public Organization Apply(OrganizationRenamed e) => this with { Name = e.Name };

    public Organization Apply(OrganizationRegisterIdChanged e) => this with { RegisterId = e.RegisterId };
}
