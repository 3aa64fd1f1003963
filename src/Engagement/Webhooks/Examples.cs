using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;

namespace Engagement.Webhooks;

/// <summary>One example envelope per event type, built by the same code as real deliveries from the seed meeting.</summary>
public static class Examples
{
    private static readonly Guid Ministry = Guid.Parse("0193a1f0-0000-7000-8000-000000000001");
    private static readonly Guid Chamber = Guid.Parse("0193a1f0-0000-7000-8000-000000000002");
    private static readonly Guid Member = Guid.Parse("0193a1f0-0000-7000-8000-000000000003");
    private static readonly Guid ViceMinister = Guid.Parse("0193a1f0-0000-7000-8000-000000000011");
    private static readonly Guid President = Guid.Parse("0193a1f0-0000-7000-8000-000000000012");
    private static readonly Guid Meeting = Guid.Parse("0193a1f0-0000-7000-8000-000000000021");
    private static readonly Guid Ask = Guid.Parse("0193a1f0-0000-7000-8000-000000000031");
    private static readonly Guid Promise = Guid.Parse("0193a1f0-0000-7000-8000-000000000041");
    private static readonly Guid Endpoint = Guid.Parse("0193a1f0-0000-7000-8000-000000000051");
    private static readonly DateOnly HeldOn = new(2023, 7, 14);
    private static readonly DateTimeOffset At = new(2023, 7, 14, 10, 30, 0, TimeSpan.Zero);
    private const string AskText = "Optimise the innovation ecosystem and support foreign enterprises' R&D in China.";
    private const string PromiseText = "Communicate more with the chamber and listen to its members' demands.";

    private static readonly Lookup Names = new(
        new Dictionary<Guid, string>
        {
            [Ministry] = "Ministry of Science and Technology", [Chamber] = "American Chamber of Commerce in China",
            [Member] = "Example Member Company"
        },
        new Dictionary<Guid, string> { [ViceMinister] = "Vice Minister", [President] = "Chamber President" },
        new Dictionary<Guid, string> { [Meeting] = "Vice Minister meets the chamber" },
        new Dictionary<Guid, Suggestion>
        {
            [Ask] = new(Ask, Meeting, Member, Ministry, "innovation", AskText, HeldOn, [], SuggestionStatus.Open, null, null, null,
                HeldOn, 1)
        },
        new Dictionary<Guid, Commitment>
        {
            [Promise] = new(Promise, Meeting, Ministry, PromiseText, new DateOnly(2023, 12, 31), Ask, HeldOn, CommitmentStatus.Open, [],
                null, null, HeldOn, 1)
        });

    private static readonly Dictionary<Type, object> Events = new object[]
    {
        new OrganizationRegistered(Member, "Example Member Company", OrganizationKind.Member, "United States", "https://example.com", HeldOn),
        new OrganizationRenamed(Member, "Example Member Company (China)", "Example Member Company", HeldOn.AddDays(30)),
        new PersonRegistered(ViceMinister, "Vice Minister", "Vice Minister of Science and Technology", Ministry, new DateOnly(2022, 1, 1)),
        new PersonChangedPost(ViceMinister, "Minister of Science and Technology", Ministry, new DateOnly(2024, 3, 1)),
        new MeetingLogged(Meeting, "Vice Minister meets the chamber", HeldOn, "Beijing", [Ministry, Chamber, Member],
            [ViceMinister, President], ["innovation", "R&D"], "Topics discussed, suggestions raised, follow-ups agreed.",
            "https://example.org/news/2023-07-14"),
        new MeetingNoteAdded(Meeting, Guid.Parse("0193a1f0-0000-7000-8000-000000000022"), "The white paper was handed over.", HeldOn),
        new MeetingCorrected(Meeting, null, "Ministry of Science and Technology, Beijing", null, null, null, "The place was wrong.",
            HeldOn.AddDays(1)),
        new SuggestionRaised(Ask, Meeting, Member, Ministry, "innovation", AskText, HeldOn),
        new SuggestionResponded(Ask, Guid.Parse("0193a1f0-0000-7000-8000-000000000032"), "The ministry will consult the chamber.",
            HeldOn.AddDays(20)),
        new SuggestionResolved(Ask, SuggestionOutcome.PartiallyAdopted, "Part of it is in the new guidelines.", HeldOn.AddDays(90)),
        new SuggestionReopened(Ask, "The guidelines were withdrawn.", HeldOn.AddDays(120)),
        new CommitmentMade(Promise, Meeting, Ministry, PromiseText, new DateOnly(2023, 12, 31), Ask, HeldOn),
        new CommitmentProgressed(Promise, "A first consultation took place.", HeldOn.AddDays(45)),
        new CommitmentDueDateChanged(Promise, new DateOnly(2024, 3, 31), new DateOnly(2023, 12, 31), "More time was asked for.",
            HeldOn.AddDays(100)),
        new CommitmentFulfilled(Promise, "Quarterly meetings are now held.", new DateOnly(2024, 3, 15)),
        new CommitmentCancelled(Promise, "Overtaken by the new dialogue mechanism.", new DateOnly(2024, 3, 15)),
        new CommitmentFellOverdue(Promise, new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 1)),
        new WebhookDisabled(Endpoint, "https://crm.example.com/hooks/engagement", DisabledCause.Failing,
            "Every attempt failed for 5 days.", At.AddDays(5))
    }.ToDictionary(e => e.GetType());

    public static EventEnvelope For(EventType type) =>
        new(type.Type, At, 1234, "staff@chamber.example", Payloads.Data(Events[type.EventClass], Names));
}
