namespace Engagement.People;

public sealed record PersonRegistered(Guid PersonId, string Name, string? Title, Guid OrganizationId, DateOnly Since);

/// <summary>A new title, a move to another organisation, or both; the earlier post stays in the history.</summary>
public sealed record PersonChangedPost(Guid PersonId, string? Title, Guid OrganizationId, DateOnly Since);

public sealed record Post(string? Title, Guid OrganizationId, DateOnly Since, DateOnly? Until);

public sealed record Person(Guid Id, string Name, string? Title, Guid OrganizationId, IReadOnlyList<Post> Posts, int Version)
{
    public static Person Create(PersonRegistered e) =>
        new(e.PersonId, e.Name, e.Title, e.OrganizationId, [new Post(e.Title, e.OrganizationId, e.Since, null)], 1);

    public Person Apply(PersonChangedPost e) => this with
    {
        Title = e.Title,
        OrganizationId = e.OrganizationId,
        Posts = [.. Posts.Select(p => p.Until is null ? p with { Until = e.Since } : p), new Post(e.Title, e.OrganizationId, e.Since, null)]
    };

    /// <summary>The post held on a given day, for "who was this when we met them".</summary>
    public Post? PostOn(DateOnly day) => Posts.LastOrDefault(p => p.Since <= day && (p.Until is null || p.Until > day));
}
