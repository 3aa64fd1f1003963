using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Organizations;

/// <summary>The new register id; an empty one removes it.</summary>
public sealed record ChangeRegisterId([Required] string? RegisterId);

public static class ChangeRegisterIdEndpoint
{
    public static ProblemDetails Validate(ChangeRegisterId command) => new Errors()
        .When(command.RegisterId is null, "registerId", "is required: the new id, or empty to remove it")
        .RegisterIdShape("registerId", command.RegisterId)
        .ToProblemDetails();

    public static Decision Decide(Organization organization, ChangeRegisterId command, DateOnly today)
    {
        var registerId = RegisterId.Normalize(command.RegisterId);
        if (registerId == organization.RegisterId)
            return Decision.Invalid("registerId", registerId is null
                ? "The organisation has no register id to remove."
                : "The organisation already has this register id.");
        return Decision.Accept(new OrganizationRegisterIdChanged(organization.Id, registerId, organization.RegisterId, today));
    }

    [WolverinePost("/api/organizations/{id}/register-id", Name = "ChangeRegisterId"), Tags("Organizations")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ChangeRegisterId command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct) =>
        Streams.Append<Organization>(session, http, id, "organisation", organization => Decide(organization, command, clock.Today()), ct);
}
