using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Suggestions;

public sealed record RaiseSuggestion([Required] Guid? RaisedById, [Required] Guid? AddressedToId, string? Topic, [Required] string? Text);

public static class RaiseSuggestionEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(RaiseSuggestion command, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors()
            .Required("text", command.Text, Limits.Text)
            .When(command.Topic is not null && string.IsNullOrWhiteSpace(command.Topic), "topic", "must not be blank")
            .Optional("topic", command.Topic, Limits.Topic);
        await errors.CurrentOrganizationAsync(session, "addressedToId", command.AddressedToId, ct);
        if (command.RaisedById is { } raisedBy && await session.LoadAsync<Organization>(raisedBy, ct) is { } raiser)
            errors.When(raiser.Kind is not (OrganizationKind.Member or OrganizationKind.Chamber), "raisedById",
                "must be a member company or the chamber").NotMerged("raisedById", raiser);
        else await errors.ExistingAsync<Organization>(session, "raisedById", command.RaisedById, "organisation", ct);
        errors.When(command.RaisedById is not null && command.RaisedById == command.AddressedToId, "addressedToId",
            "must differ from raisedById");
        return errors.ToProblemDetails();
    }

    [WolverinePost("/api/meetings/{id}/suggestions", Name = "RaiseSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(Guid id, RaiseSuggestion command, IDocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var meeting = await session.LoadAsync<Meeting>(id, ct);
        if (meeting is null) return Problem.NotFound("meeting", id).ToResult();
        var suggestionId = Guid.CreateVersion7();
        var raised = new SuggestionRaised(suggestionId, meeting.Id, command.RaisedById!.Value, command.AddressedToId!.Value,
            command.Topic?.Trim(), command.Text!.Trim(), meeting.HeldOn);
        return await Streams.Start<Suggestion>(session, http, $"/api/suggestions/{suggestionId}", suggestionId, [raised], ct);
    }
}
