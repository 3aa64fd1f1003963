using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.People;

public sealed record RegisterPerson([Required] string? Name, string? Title, [Required] Guid? OrganizationId, DateOnly? Since);

public static class RegisterPersonEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(RegisterPerson command, IQuerySession session, TimeProvider clock,
        CancellationToken ct) => (await new Errors()
            .Required("name", command.Name, Limits.Name)
            .Optional("title", command.Title, Limits.Title)
            .NotInFuture("since", command.Since, clock.Today())
            .ExistingAsync<Organization>(session, "organizationId", command.OrganizationId, "organisation", ct))
        .ToProblemDetails();

    [WolverinePost("/api/people", Name = "RegisterPerson"), Tags("People")]
    [ProducesResponseType<Written>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(RegisterPerson command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var registered = new PersonRegistered(id, command.Name!.Trim(), command.Title?.Trim(), command.OrganizationId!.Value,
            command.Since ?? clock.Today());
        return Streams.Start<Person>(session, http, $"/api/people/{id}", id, [registered], ct);
    }
}
