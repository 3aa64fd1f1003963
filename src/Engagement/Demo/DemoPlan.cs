using Engagement.Organizations;
using Engagement.Suggestions;

namespace Engagement.Demo;

// The demo data as a plan: what to register and record, in order, with business dates. Keys ("chamber", "most", ...)
// name things inside the plan; the loader maps them to the ids the API hands back.

internal sealed record DemoPlan(IReadOnlyList<OrganizationPlan> Organizations, IReadOnlyList<PersonPlan> People,
    IReadOnlyList<MeetingPlan> Meetings, IReadOnlyList<PostChangePlan> PostChanges);

internal sealed record OrganizationPlan(string Key, string Name, OrganizationKind Kind, string? Country);

internal sealed record PersonPlan(string Key, string Name, string? Title, string Organization, DateOnly Since);

internal sealed record PostChangePlan(string Person, string? Title, string Organization, DateOnly Since);

internal sealed record MeetingPlan(string Title, DateOnly HeldOn, string? Location, IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Participants, IReadOnlyList<string> Topics, string? Summary)
{
    public bool IsSeed { get; init; }
    public IReadOnlyList<NotePlan> Notes { get; init; } = [];
    public IReadOnlyList<SuggestionPlan> Suggestions { get; init; } = [];
    public IReadOnlyList<CommitmentPlan> Commitments { get; init; } = [];
}

internal sealed record NotePlan(string Text, DateOnly NotedOn);

/// <param name="Key">Lets a later commitment name the suggestion it answers; null when nothing refers to it.</param>
internal sealed record SuggestionPlan(string? Key, string RaisedBy, string AddressedTo, string? Topic, string Text,
    params SuggestionStep[] Steps);

internal abstract record SuggestionStep(DateOnly On);
internal sealed record Respond(DateOnly On, string Text) : SuggestionStep(On);
internal sealed record Resolve(DateOnly On, SuggestionOutcome Outcome, string? Note) : SuggestionStep(On);
internal sealed record Reopen(DateOnly On, string Reason) : SuggestionStep(On);

/// <param name="Suggestion">The key of the suggestion this commitment answers, if any.</param>
internal sealed record CommitmentPlan(string Owner, string Description, DateOnly? DueOn, string? Suggestion,
    params CommitmentStep[] Steps);

internal abstract record CommitmentStep;
internal sealed record Progress(DateOnly On, string Note) : CommitmentStep;
/// <summary>The API records a due-date change on the day it is made (today); there is no business date to give.</summary>
internal sealed record MoveDueDate(DateOnly DueOn, string Reason) : CommitmentStep;
internal sealed record Fulfil(DateOnly On, string? Note) : CommitmentStep;
internal sealed record Cancel(DateOnly On, string Reason) : CommitmentStep;
