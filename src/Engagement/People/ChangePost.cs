using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.People;

public sealed record ChangePost(string? Title, [Required] Guid? OrganizationId, DateOnly? Since);

public static class ChangePostEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(ChangePost command, IQuerySession session, TimeProvider clock,
        CancellationToken ct) => (await new Errors()
            .Optional("title", command.Title, Limits.Title)
            .NotInFuture("since", command.Since, clock.Today())
            .CurrentOrganizationAsync(session, "organizationId", command.OrganizationId, ct))
        .ToProblemDetails();

    public static Decision Decide(Person person, ChangePost command, DateOnly today)
    {
        if (person.Erasure is not null) return Decision.Conflict(PersonalData.ErasedMessage(person) + ": a new post would record it again.");
        var since = command.Since ?? today;
        var current = person.Posts[^1];
        if (since < current.Since)
            return Decision.Invalid("since", $"must not be before the start of the current post ({current.Since:yyyy-MM-dd})");
        if (current.OrganizationId == command.OrganizationId && current.Title == command.Title?.Trim())
            return Decision.Conflict("The person already holds this post.");
        return Decision.Accept(new PersonChangedPost(person.Id, command.Title?.Trim(), command.OrganizationId!.Value, since));
    }

    [WolverinePost("/api/people/{id}/posts", Name = "ChangePost"), Tags("People")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ChangePost command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Person>(session, http, id, "person", person => Decide(person, command, clock.Today()), ct);
}
