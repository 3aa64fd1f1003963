using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.People;

/// <summary><c>confirmDuplicate</c>: register even though a person with a matching name is at that organisation.</summary>
public sealed record RegisterPerson([Required] string? Name, string? Title, [Required] Guid? OrganizationId, DateOnly? Since,
    bool? ConfirmDuplicate = null);

public static class RegisterPersonEndpoint
{
    /// <summary>The field rules, shared with the CSV import (which finds the organisation itself).</summary>
    public static Errors Check(RegisterPerson command, DateOnly today) => new Errors()
        .Required("name", command.Name, Limits.Name)
        .Optional("title", command.Title, Limits.Title)
        .NotInFuture("since", command.Since, today);

    public static async Task<ProblemDetails> ValidateAsync(RegisterPerson command, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = await Check(command, clock.Today())
            .CurrentOrganizationAsync(session, "organizationId", command.OrganizationId, ct);
        if (errors.Any || command.ConfirmDuplicate == true) return errors.ToProblemDetails();
        var same = await PeopleNamedAsync(session, command.Name!, command.OrganizationId!.Value, ct);
        return same.Count == 0 ? WolverineContinue.NoProblems : Duplicates.Problem("person", same);
    }

    /// <summary>People now at the organisation whose names match; someone of the same name elsewhere is not a duplicate.</summary>
    public static async Task<IReadOnlyList<DuplicateCandidate>> PeopleNamedAsync(IQuerySession session, string name, Guid organizationId,
        CancellationToken ct)
    {
        var key = NameKey.Person(name);
        var there = await session.Query<Person>().Where(p => p.OrganizationId == organizationId)
            .Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        return [.. there.Where(p => NameKey.Person(p.Name) == key).Select(p => new DuplicateCandidate(p.Id, p.Name))];
    }

    public static PersonRegistered Registered(RegisterPerson command, Guid id, DateOnly today) =>
        new(id, command.Name!.Trim(), command.Title?.Trim(), command.OrganizationId!.Value, command.Since ?? today);

    [WolverinePost("/api/people", Name = "RegisterPerson"), Tags("People")]
    [ProducesResponseType<Written>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(RegisterPerson command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        return Streams.Start<Person>(session, http, $"/api/people/{id}", id, [Registered(command, id, clock.Today())], ct);
    }
}
