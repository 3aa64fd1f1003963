using Engagement.Infrastructure;
using JasperFx.Events;

namespace Engagement.People;

public sealed record PersonRegistered(Guid PersonId, string Name, string? Title, Guid OrganizationId, DateOnly Since);

/// <summary>A new title, a move to another organisation, or both; the earlier post stays in the history.</summary>
public sealed record PersonChangedPost(Guid PersonId, string? Title, Guid OrganizationId, DateOnly Since);

/// <summary>
/// An administrator erased the person's personal data (the right to erasure). <see cref="OrganizationIds"/> are the
/// organisations of their posts, whose timelines showed their titles. Who erased them is the event's recordedBy.
/// </summary>
public sealed record PersonErased(Guid PersonId, string Reason, DateOnly ErasedOn, IReadOnlyList<Guid> OrganizationIds);

public sealed record Erasure(DateOnly ErasedOn, string? ErasedBy, string Reason);

public sealed record Post(string? Title, Guid OrganizationId, DateOnly Since, DateOnly? Until);

public sealed record Person(Guid Id, string Name, string? Title, Guid OrganizationId, IReadOnlyList<Post> Posts, int Version,
    Erasure? Erasure = null)
{
    public static Person Create(PersonRegistered e) =>
        new(e.PersonId, e.Name, e.Title, e.OrganizationId, [new Post(e.Title, e.OrganizationId, e.Since, null)], 1);

    public Person Apply(PersonChangedPost e) => this with
    {
        Title = e.Title,
        OrganizationId = e.OrganizationId,
        Posts = [.. Posts.Select(p => p.Until is null ? p with { Until = e.Since } : p), new Post(e.Title, e.OrganizationId, e.Since, null)]
    };

    /// <summary>The masked events already say "Erased person"; this also records when, by whom and why.</summary>
    public Person Apply(IEvent<PersonErased> e) => this with
    {
        Name = PersonalData.ErasedName,
        Title = null,
        Posts = [.. Posts.Select(p => p with { Title = null })],
        Erasure = new Erasure(e.Data.ErasedOn,
            e.Headers?.TryGetValue(HistoryEndpoints.RecordedByHeader, out var by) == true ? by?.ToString() : null, e.Data.Reason)
    };

    /// <summary>The post held on a given day, for "who was this when we met them".</summary>
    public Post? PostOn(DateOnly day) => Posts.LastOrDefault(p => p.Since <= day && (p.Until is null || p.Until > day));
}
