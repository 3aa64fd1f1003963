using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Organizations;

public sealed record RegisterOrganization([Required] string? Name, [Required] OrganizationKind? Kind, string? Country, string? Website,
    string? RegisterId = null);

public static class RegisterOrganizationEndpoint
{
    public static ProblemDetails Validate(RegisterOrganization command) => new Errors()
        .Required("name", command.Name, Limits.Name)
        .When(command.Kind is null, "kind", "is required: government, member, chamber or other")
        .Optional("country", command.Country, Limits.Country)
        .Url("website", command.Website)
        .RegisterIdShape("registerId", command.RegisterId)
        .ToProblemDetails();

    [WolverinePost("/api/organizations", Name = "RegisterOrganization"), Tags("Organizations")]
    [ProducesResponseType<Written>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(RegisterOrganization command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var registered = new OrganizationRegistered(id, command.Name!.Trim(), command.Kind!.Value, command.Country?.Trim(),
            command.Website, clock.Today(), RegisterId.Normalize(command.RegisterId));
        return Streams.Start<Organization>(session, http, $"/api/organizations/{id}", id, [registered], ct);
    }
}
