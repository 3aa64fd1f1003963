using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Organizations;

/// <summary>Merge this organisation (a duplicate) into <c>survivorId</c>; <c>reason</c> says why, for the record.</summary>
public sealed record MergeOrganization([Required] Guid? SurvivorId, [Required] string? Reason);

public static class MergeOrganizationEndpoint
{
    public static ProblemDetails Validate(MergeOrganization command) => new Errors()
        .When(command.SurvivorId is null || command.SurvivorId == Guid.Empty, "survivorId", "is required: the organisation to keep")
        .Required("reason", command.Reason, Limits.Title)
        .ToProblemDetails();

    /// <summary>
    /// Both sides of the merge, or why not. Only organisations of one kind are merged: a duplicate is the same body
    /// registered twice, and the kind decides which side of the table its commitments are on.
    /// </summary>
    public static Decision Decide(Organization merged, Organization? survivor, MergeOrganization command, DateOnly today)
    {
        if (merged.MergedInto is { } already)
            return Decision.Conflict($"{merged.Name} was already merged into {already.Name} ({already.Id}) on {already.MergedOn:yyyy-MM-dd}.");
        if (survivor is null) return Decision.Invalid("survivorId", "no organisation with this id");
        if (survivor.Id == merged.Id) return Decision.Invalid("survivorId", "must be another organisation: one is not merged into itself");
        if (survivor.MergedInto is { } gone)
            return Decision.Invalid("survivorId",
                $"names {survivor.Name}, itself merged into {gone.Name} ({gone.Id}) on {gone.MergedOn:yyyy-MM-dd}: merge into {gone.Name} instead");
        if (survivor.Kind != merged.Kind)
            return Decision.Invalid("survivorId",
                $"is {Kind(survivor.Kind)} and {merged.Name} is {Kind(merged.Kind)}: only organisations of one kind are merged");
        var reason = command.Reason!.Trim();
        return Decision.Accept(
            new OrganizationMerged(merged.Id, survivor.Id, survivor.Name, reason, today),
            new OrganizationAbsorbed(survivor.Id, merged.Id, merged.Name, reason, today));
    }

    private static string Kind(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Government => "a government body",
        OrganizationKind.Member => "a member company",
        OrganizationKind.Chamber => "the chamber",
        _ => "another kind of organisation"
    };

    /// <summary>
    /// Appends <c>OrganizationMerged</c> to the merged organisation's stream (If-Match is its version) and
    /// <c>OrganizationAbsorbed</c> to the survivor's, in one transaction; the survivor's version is checked on commit, so
    /// two merges crossing each other (A into B while B into A) cannot both be recorded.
    /// </summary>
    [WolverinePost("/api/organizations/{id}/merge", Name = "MergeOrganization"), Tags("Organizations")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, MergeOrganization command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct) =>
        Streams.Append<Organization>(session, http, id, "organisation", async merged =>
        {
            var survivorId = command.SurvivorId!.Value;
            var survivor = survivorId == merged.Id ? merged : null;
            JasperFx.Events.IEventStream<Organization>? survivorStream = null;
            if (survivor is null && await session.Events.FetchStreamStateAsync(survivorId, ct) is { } state
                                  && state.AggregateType == typeof(Organization))
            {
                survivorStream = await session.Events.FetchForWriting<Organization>(survivorId, ct);
                survivor = survivorStream.Aggregate;
            }
            var decision = Decide(merged, survivor, command, clock.Today());
            if (!decision.IsAccepted) return decision;
            survivorStream!.AppendMany(decision.Events.OfType<OrganizationAbsorbed>().ToArray());
            return Decision.Accept([.. decision.Events.OfType<OrganizationMerged>()]);
        }, ct);
}
