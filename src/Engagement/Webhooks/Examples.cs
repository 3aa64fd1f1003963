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
    private static readonly Guid Duplicate = Guid.Parse("0193a1f0-0000-7000-8000-000000000004");
    private static readonly Guid ViceMinister = Guid.Parse("0193a1f0-0000-7000-8000-000000000011");
    private static readonly Guid President = Guid.Parse("0193a1f0-0000-7000-8000-000000000012");
    private static readonly Guid Meeting = Guid.Parse("0193a1f0-0000-7000-8000-000000000021");
    private static readonly Guid Ask = Guid.Parse("0193a1f0-0000-7000-8000-000000000031");
    private static readonly Guid Promise = Guid.Parse("0193a1f0-0000-7000-8000-000000000041");
    private static readonly Guid Endpoint = Guid.Parse("0193a1f0-0000-7000-8000-000000000051");
    private static readonly DateOnly HeldOn = new(2023, 7, 14);
    private const string AskText = "Optimise the innovation ecosystem and support foreign enterprises' R&D in China.";
    private const string PromiseText = "Communicate more with the chamber and listen to its members' demands.";

    private static readonly Lookup Names = new(
        new Dictionary<Guid, string>
        {
            [Ministry] = "Ministry of Science and Technology", [Chamber] = "American Chamber of Commerce in China",
            [Member] = "Example Member Company", [Duplicate] = "Example Member Company Ltd"
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

    private const string Staff = "staff@chamber.example";

    /// <summary>Each example event, when it was recorded and by whom.</summary>
    private static readonly (object Event, DateTimeOffset At, string By)[] Events =
    [
        (new OrganizationRegistered(Member, "Example Member Company", OrganizationKind.Member, "United States", "https://example.com", HeldOn),
            At(HeldOn.AddDays(-30)), Staff),
        (new OrganizationRenamed(Member, "Example Member Company (China)", "Example Member Company", HeldOn.AddDays(30)),
            At(HeldOn.AddDays(30)), Staff),
        (new OrganizationRegisterIdChanged(Member, "0123456789012-34", null, HeldOn.AddDays(31)), At(HeldOn.AddDays(31)), Staff),
        (new OrganizationMerged(Duplicate, Member, "Example Member Company", "Registered twice, once with its legal form.", HeldOn.AddDays(32)),
            At(HeldOn.AddDays(32)), Staff),
        (new PersonRegistered(ViceMinister, "Vice Minister", "Vice Minister of Science and Technology", Ministry, new DateOnly(2022, 1, 1)),
            At(HeldOn.AddDays(-1)), Staff),
        (new PersonChangedPost(ViceMinister, "Minister of Science and Technology", Ministry, new DateOnly(2024, 3, 1)),
            At(new DateOnly(2024, 3, 4)), Staff),
        (new PersonErased(President, "They asked us to erase their personal data.", new DateOnly(2025, 5, 6), [Chamber]),
            At(new DateOnly(2025, 5, 6)), "admin@chamber.example"),
        (new MeetingLogged(Meeting, "Vice Minister meets the chamber", HeldOn, "Beijing", [Ministry, Chamber, Member],
            [ViceMinister, President], ["innovation", "R&D"], "Topics discussed, suggestions raised, follow-ups agreed.",
            "https://example.org/news/2023-07-14"), At(HeldOn), Staff),
        (new MeetingNoteAdded(Meeting, Guid.Parse("0193a1f0-0000-7000-8000-000000000022"), "The white paper was handed over.", HeldOn),
            At(HeldOn), Staff),
        (new MeetingNoteMasked(Meeting, Guid.Parse("0193a1f0-0000-7000-8000-000000000022"), 1008, President,
            "The white paper was handed over by Erased person.", new DateOnly(2025, 5, 6)), At(new DateOnly(2025, 5, 6)), "admin@chamber.example"),
        (new MeetingCorrected(Meeting, null, "Ministry of Science and Technology, Beijing", null, null, null, "The place was wrong.",
            HeldOn.AddDays(1)), At(HeldOn.AddDays(1)), Staff),
        (new SuggestionRaised(Ask, Meeting, Member, Ministry, "innovation", AskText, HeldOn), At(HeldOn), Staff),
        (new SuggestionResponded(Ask, Guid.Parse("0193a1f0-0000-7000-8000-000000000032"), "The ministry will consult the chamber.",
            HeldOn.AddDays(20)), At(HeldOn.AddDays(20)), Staff),
        (new SuggestionResolved(Ask, SuggestionOutcome.PartiallyAdopted, "Part of it is in the new guidelines.", HeldOn.AddDays(90)),
            At(HeldOn.AddDays(90)), Staff),
        (new SuggestionReopened(Ask, "The guidelines were withdrawn.", HeldOn.AddDays(120)), At(HeldOn.AddDays(120)), Staff),
        (new CommitmentMade(Promise, Meeting, Ministry, PromiseText, new DateOnly(2023, 12, 31), Ask, HeldOn), At(HeldOn), Staff),
        (new CommitmentProgressed(Promise, "A first consultation took place.", HeldOn.AddDays(45)), At(HeldOn.AddDays(45)), Staff),
        (new CommitmentDueDateChanged(Promise, new DateOnly(2024, 3, 31), new DateOnly(2023, 12, 31), "More time was asked for.",
            HeldOn.AddDays(100)), At(HeldOn.AddDays(100)), Staff),
        (new CommitmentFulfilled(Promise, "Quarterly meetings are now held.", new DateOnly(2024, 3, 15)), At(new DateOnly(2024, 3, 15)), Staff),
        (new CommitmentCancelled(Promise, "Overtaken by the new dialogue mechanism.", new DateOnly(2024, 3, 15)),
            At(new DateOnly(2024, 3, 15)), Staff),
        (new CommitmentFellOverdue(Promise, new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 1)), At(new DateOnly(2024, 1, 1)),
            "system"),
        (new CommitmentFallingDue(Promise, new DateOnly(2023, 12, 31), new DateOnly(2023, 12, 24), null, null), At(new DateOnly(2023, 12, 24)),
            "reminder"),
        (new AskFollowUpDue(Ask, HeldOn.AddDays(14), null, null), At(HeldOn.AddDays(14)), "reminder"),
        (new WebhookDisabled(Endpoint, "https://crm.example.com/hooks/engagement", DisabledCause.Failing,
            "Every attempt since 2024-01-02 08:00:00Z failed (the limit is 5 days).", At(new DateOnly(2024, 1, 7))),
            At(new DateOnly(2024, 1, 7)), WebhookDispatcher.RecordedBy)
    ];

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 30)), TimeSpan.Zero);

    public static EventEnvelope For(EventType type)
    {
        var index = Array.FindIndex(Events, e => e.Event.GetType() == type.EventClass);
        var (e, at, by) = Events[index];
        return new EventEnvelope(type.Type, at, 1001 + index, by, Payloads.Data(e, Names));
    }
}
