namespace Engagement.Organizations;

public enum OrganizationKind { Government, Member, Chamber, Other }

public sealed record OrganizationRegistered(
    Guid OrganizationId, string Name, OrganizationKind Kind, string? Country, string? Website, DateOnly RegisteredOn);

public sealed record OrganizationRenamed(Guid OrganizationId, string Name, string? PreviousName, DateOnly RenamedOn);

public sealed record Organization(
    Guid Id, string Name, OrganizationKind Kind, string? Country, string? Website, DateOnly RegisteredOn, int Version)
{
    public static Organization Create(OrganizationRegistered e) =>
        new(e.OrganizationId, e.Name, e.Kind, e.Country, e.Website, e.RegisteredOn, 1);

    public Organization Apply(OrganizationRenamed e) => this with { Name = e.Name };
}
