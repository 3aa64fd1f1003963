using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Organizations;

/// <summary><c>confirmDuplicate</c>: register even though an organisation with a matching name exists.</summary>
public sealed record RegisterOrganization([Required] string? Name, [Required] OrganizationKind? Kind, string? Country, string? Website,
    bool? ConfirmDuplicate = null, string? RegisterId = null);

public static class RegisterOrganizationEndpoint
{
    /// <summary>The field rules, shared with the CSV import.</summary>
    public static Errors Check(RegisterOrganization command) => new Errors()
        .Required("name", command.Name, Limits.Name)
        .When(command.Kind is null, "kind", "is required: government, member, chamber or other")
        .Optional("country", command.Country, Limits.Country)
        .Url("website", command.Website)
        .RegisterIdShape("registerId", command.RegisterId);

    public static async Task<ProblemDetails> ValidateAsync(RegisterOrganization command, IQuerySession session, CancellationToken ct)
    {
        var errors = Check(command);
        if (errors.Any || command.ConfirmDuplicate == true) return errors.ToProblemDetails();
        var same = await Duplicates.OrganizationsNamedAsync(session, command.Name!, ct);
        return same.Count == 0 ? WolverineContinue.NoProblems : Duplicates.Problem("organisation", same);
    }

    public static OrganizationRegistered Registered(RegisterOrganization command, Guid id, DateOnly today) =>
        new(id, command.Name!.Trim(), command.Kind!.Value, command.Country?.Trim(), command.Website, today,
            RegisterId.Normalize(command.RegisterId));

    [WolverinePost("/api/organizations", Name = "RegisterOrganization"), Tags("Organizations")]
    [ProducesResponseType<Written>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(RegisterOrganization command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        return Streams.Start<Organization>(session, http, $"/api/organizations/{id}", id, [Registered(command, id, clock.Today())], ct);
    }
}
