using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Stakeholders;
using Engagement.Suggestions;
using Engagement.Timelines;
using JasperFx.Events;

namespace Engagement.Tests.ReadModels;

/// <summary>The pure functions the projections and the as-of answers share, without a database.</summary>
public class projection_functions
{
    private static readonly DateOnly Day = new(2026, 6, 1);
    private static readonly Guid Ministry = Guid.NewGuid(), Bureau = Guid.NewGuid(), Chamber = Guid.NewGuid(), Acme = Guid.NewGuid();
    private static readonly Guid MeetingId = Guid.NewGuid(), AskId = Guid.NewGuid(), Theirs = Guid.NewGuid(), Ours = Guid.NewGuid();
    private static readonly Guid Li = Guid.NewGuid();

    private static readonly object[] History =
    [
        new OrganizationRegistered(Ministry, "Ministry", OrganizationKind.Government, null, null, Day),
        new OrganizationRegistered(Bureau, "Bureau", OrganizationKind.Government, null, null, Day),
        new OrganizationRegistered(Chamber, "Chamber", OrganizationKind.Chamber, null, null, Day),
        new OrganizationRegistered(Acme, "Acme", OrganizationKind.Member, null, null, Day),
        new MeetingLogged(MeetingId, "Round table", Day.AddDays(1), null, [Ministry, Bureau, Chamber, Acme], [Li], ["innovation"], "Summary", null),
        new SuggestionRaised(AskId, MeetingId, Acme, Ministry, "innovation", "Please", Day.AddDays(1)),
        new CommitmentMade(Theirs, MeetingId, Ministry, "We will reply", Day.AddDays(10), AskId, Day.AddDays(1)),
        new CommitmentMade(Ours, MeetingId, Chamber, "We will write", Day.AddDays(5), null, Day.AddDays(1)),
    ];

    private static Parties PartiesOf(IEnumerable<object> history)
    {
        var parties = new Parties();
        foreach (var e in history) parties.Learn(e);
        return parties;
    }

    private static Dictionary<Guid, StakeholderEngagement> Fold(IEnumerable<object> history)
    {
        var events = history.ToList();
        var parties = PartiesOf(events);
        var docs = new Dictionary<Guid, StakeholderEngagement>();
        foreach (var e in events)
        foreach (var id in StakeholderEngagement.Route(e, parties))
            docs[id] = StakeholderEngagement.Fold(docs.GetValueOrDefault(id), id, e);
        return docs;
    }

    [Fact]
    public void a_meeting_counts_for_every_organisation_at_it()
    {
        Assert.Equal([Ministry, Bureau, Chamber, Acme], StakeholderEngagement.Route(History[4], PartiesOf(History)));
    }

    [Fact]
    public void a_commitment_by_the_chamber_concerns_the_chamber_and_every_stakeholder_at_the_meeting_but_no_member()
    {
        var parties = PartiesOf(History);
        Assert.Equal([Chamber, Ministry, Bureau], StakeholderEngagement.Route(new CommitmentFulfilled(Ours, null, Day.AddDays(3)), parties));
    }

    [Fact]
    public void a_commitment_by_a_stakeholder_concerns_only_that_stakeholder()
    {
        Assert.Equal([Ministry], StakeholderEngagement.Route(new CommitmentFellOverdue(Theirs, Day.AddDays(10), Day.AddDays(11)),
            PartiesOf(History)));
    }

    [Fact]
    public void a_resolution_concerns_the_organisation_the_ask_was_addressed_to()
    {
        Assert.Equal([Ministry], StakeholderEngagement.Route(new SuggestionResolved(AskId, SuggestionOutcome.Adopted, null, Day.AddDays(2)),
            PartiesOf(History)));
    }

    [Fact]
    public void folding_the_history_sorts_open_commitments_into_theirs_and_ours()
    {
        var docs = Fold(History);

        var ministry = docs[Ministry];
        Assert.Equal("Ministry", ministry.Name);
        Assert.Equal([new MetOn(MeetingId, Day.AddDays(1))], ministry.Meetings);
        Assert.Equal([AskId], ministry.OpenAsks);
        Assert.Equal([new OpenCommitment(Theirs, CommitmentSide.Theirs, false), new OpenCommitment(Ours, CommitmentSide.Ours, false)],
            ministry.OpenCommitments);
        Assert.Equal([new OpenCommitment(Ours, CommitmentSide.Ours, false)], docs[Bureau].OpenCommitments);
        Assert.Equal([new OpenCommitment(Ours, CommitmentSide.Theirs, false)], docs[Chamber].OpenCommitments);
        Assert.Empty(docs[Acme].OpenCommitments);
        Assert.Equal(Day.AddDays(1), ministry.FirstEngagedOn);
    }

    [Fact]
    public void falling_overdue_sets_the_overdue_a_moved_due_date_clears_it_and_fulfilment_closes_the_commitment()
    {
        StakeholderEngagement Ministry_(params object[] more) => Fold(History.Concat(more))[Ministry];
        var fell = new CommitmentFellOverdue(Ours, Day.AddDays(5), Day.AddDays(6));

        Assert.True(Ministry_(fell).OpenCommitments.Single(c => c.CommitmentId == Ours).Overdue);
        Assert.False(Ministry_(fell, new CommitmentDueDateChanged(Ours, Day.AddDays(30), Day.AddDays(5), null, Day.AddDays(8)))
            .OpenCommitments.Single(c => c.CommitmentId == Ours).Overdue);
        Assert.DoesNotContain(Ministry_(fell, new CommitmentFulfilled(Ours, null, Day.AddDays(9))).OpenCommitments, c => c.CommitmentId == Ours);
    }

    [Fact]
    public void a_resolved_ask_leaves_the_open_asks_and_a_reopened_one_returns()
    {
        var resolved = new SuggestionResolved(AskId, SuggestionOutcome.Declined, null, Day.AddDays(2));
        Assert.Empty(Fold(History.Append(resolved))[Ministry].OpenAsks);
        Assert.Equal([AskId], Fold(History.Append(resolved).Append(new SuggestionReopened(AskId, "Again", Day.AddDays(3))))[Ministry].OpenAsks);
    }

    [Fact]
    public void folding_the_history_again_over_the_finished_documents_changes_nothing()
    {
        var once = Fold(History);
        var parties = PartiesOf(History);
        var twice = new Dictionary<Guid, StakeholderEngagement>(once);
        foreach (var e in History)
        foreach (var id in StakeholderEngagement.Route(e, parties))
            twice[id] = StakeholderEngagement.Fold(twice[id], id, e);

        foreach (var (id, doc) in once)
        {
            Assert.Equal(doc.Meetings, twice[id].Meetings);
            Assert.Equal(doc.OpenAsks, twice[id].OpenAsks);
            Assert.Equal(doc.OpenCommitments, twice[id].OpenCommitments);
        }
    }

    [Theory]
    [InlineData(0, "Active")]
    [InlineData(30, "Active")]
    [InlineData(31, "Cooling")]
    [InlineData(60, "Cooling")]
    [InlineData(61, "Dormant")]
    public void health_follows_the_configured_windows(int daysSinceMet, string health)
    {
        var rules = new HealthRules { ActiveWithinDays = 30, CoolingWithinDays = 60 };
        Assert.Equal(Enum.Parse<Health>(health), EngagementFigures.HealthOf(Day.AddDays(-daysSinceMet), 0, Day, rules));
    }

    [Fact]
    public void an_overdue_commitment_puts_a_stakeholder_at_risk_unless_configured_otherwise()
    {
        Assert.Equal(Health.AtRisk, EngagementFigures.HealthOf(Day, 1, Day, new HealthRules()));
        Assert.Equal(Health.Active, EngagementFigures.HealthOf(Day, 1, Day, new HealthRules { AtRiskWhenOverdue = false }));
        Assert.Equal(Health.Dormant, EngagementFigures.HealthOf(null, 0, Day, new HealthRules()));
    }

    [Fact]
    public void health_rules_with_a_cooling_window_shorter_than_the_active_one_are_refused()
    {
        Assert.NotEmpty(new HealthRules { ActiveWithinDays = 90, CoolingWithinDays = 30 }.Problems());
        Assert.Empty(new HealthRules().Problems());
    }

    [Fact]
    public void figures_count_only_meetings_held_by_the_day_asked()
    {
        var doc = Fold(History)[Ministry];
        var before = EngagementFigures.Figure(doc, Day, new HealthRules());
        Assert.Equal((0, (DateOnly?)null), (before.Meetings, before.LastMetOn));
        var after = EngagementFigures.Figure(doc, Day.AddDays(1), new HealthRules());
        Assert.Equal((1, 1, 1, (DateOnly?)Day.AddDays(1)), (after.Meetings, after.MeetingsLast90Days, after.MeetingsLast365Days, after.LastMetOn));
    }

    [Fact]
    public void timeline_entries_carry_the_business_date_and_what_they_link_to()
    {
        var entry = Timeline.EntryFor(7, new SuggestionResponded(AskId, Guid.NewGuid(), "Under review", Day.AddDays(4)));
        Assert.Equal(new TimelineEntry(7, Day.AddDays(4), TimelineEntryKind.SuggestionAnswered, null, AskId, null, null, null, "Under review"), entry);
        var moved = Timeline.EntryFor(8, new CommitmentDueDateChanged(Ours, Day.AddDays(30), Day.AddDays(5), "Later", Day.AddDays(6)))!;
        Assert.Equal("due 2026-07-01 (was 2026-06-06): Later", moved.Detail);
        Assert.Null(Timeline.EntryFor(9, new MeetingCorrected(MeetingId, "New", null, null, null, null, "Typo", Day)));
    }

    [Fact]
    public void a_note_goes_on_the_timelines_of_the_meetings_organisations_and_participants()
    {
        Assert.Equal([Ministry, Bureau, Chamber, Acme, Li],
            Timeline.Route(new MeetingNoteAdded(MeetingId, Guid.NewGuid(), "Minutes", Day.AddDays(2)), PartiesOf(History)));
    }

    [Fact]
    public void an_event_already_on_a_timeline_is_not_added_twice()
    {
        IEvent e = new Event<MeetingLogged>((MeetingLogged)History[4]) { Sequence = 5 };
        var once = Timeline.Fold(null, Ministry, e);
        Assert.Single(Timeline.Fold(once, Ministry, e).Entries);
    }

    [Fact]
    public void search_text_is_the_title_summary_and_notes_and_follows_corrections()
    {
        var entry = MeetingSearchEntry.Fold(null, History[4]);
        entry = MeetingSearchEntry.Fold(entry, new MeetingNoteAdded(MeetingId, Guid.NewGuid(), "Vouchers", Day.AddDays(2)));
        entry = MeetingSearchEntry.Fold(entry, new MeetingCorrected(MeetingId, "Innovation round table", null, null, null, null, "Title", Day));
        Assert.Equal("Innovation round table\nSummary\nVouchers", entry!.SearchText);
        Assert.Null(MeetingSearchEntry.Fold(null, new MeetingNoteAdded(MeetingId, Guid.NewGuid(), "Orphan", Day)));
    }

    [Fact]
    public void overdue_is_decided_only_for_an_open_commitment_still_due_on_the_date_checked()
    {
        var due = Day.AddDays(5);
        var commitment = Commitment.Create((CommitmentMade)History[7]);
        var check = new CheckCommitmentOverdue(Ours, due, Day.AddDays(1));

        Assert.Equal(OverdueOutcome.NotYetDue, OverdueRules.Decide(commitment, check, due).Outcome);
        Assert.Equal((OverdueOutcome.FallsOverdue, new CommitmentFellOverdue(Ours, due, due.AddDays(1))),
            OverdueRules.Decide(commitment, check, due.AddDays(1)));
        Assert.Equal(OverdueOutcome.NoLongerApplies, OverdueRules.Decide(commitment with { FellOverdueOn = due.AddDays(1) }, check, due.AddDays(9)).Outcome);
        Assert.Equal(OverdueOutcome.NoLongerApplies, OverdueRules.Decide(commitment with { DueOn = due.AddDays(1) }, check, due.AddDays(9)).Outcome);
        Assert.Equal(OverdueOutcome.NoLongerApplies,
            OverdueRules.Decide(commitment with { Status = CommitmentStatus.Fulfilled }, check, due.AddDays(9)).Outcome);
    }

    [Fact]
    public void a_due_date_set_after_it_had_passed_falls_overdue_on_the_day_it_was_set()
    {
        var due = Day.AddDays(5);
        var commitment = Commitment.Create((CommitmentMade)History[7]) with { DueOn = due };
        var (_, fell) = OverdueRules.Decide(commitment, new CheckCommitmentOverdue(Ours, due, Day.AddDays(20)), Day.AddDays(20));
        Assert.Equal(Day.AddDays(20), fell!.FellOverdueOn);
    }

    [Fact]
    public void a_commitment_is_overdue_from_the_start_of_the_day_after_its_due_date_in_utc()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 6, 0, 0, 0, TimeSpan.Zero), OverdueRules.OverdueFrom(Day.AddDays(4)));
        Assert.Equal(new CheckCommitmentOverdue(Ours, Day.AddDays(5), Day.AddDays(1)), OverdueRules.CheckFor(History[7]));
        Assert.Null(OverdueRules.CheckFor(new CommitmentMade(Ours, MeetingId, Chamber, "No date", null, null, Day)));
    }

    [Fact]
    public void registrations_and_corrections_hold_whatever_the_day_asked_and_everything_else_from_its_business_date()
    {
        Assert.True(BusinessTime.HappenedBy(History[0], new DateOnly(2000, 1, 1)));
        Assert.True(BusinessTime.HappenedBy(new PersonRegistered(Li, "Li", null, Ministry, Day), new DateOnly(2000, 1, 1)));
        Assert.True(BusinessTime.HappenedBy(new MeetingCorrected(MeetingId, "x", null, null, null, null, "y", Day), new DateOnly(2000, 1, 1)));
        Assert.False(BusinessTime.HappenedBy(History[4], Day));
        Assert.True(BusinessTime.HappenedBy(History[4], Day.AddDays(1)));
        Assert.False(BusinessTime.HappenedBy(new PersonChangedPost(Li, null, Bureau, Day.AddDays(3)), Day.AddDays(2)));
    }

    [Fact]
    public void without_as_of_or_known_at_the_answer_is_live()
    {
        var errors = new Engagement.Infrastructure.Errors();
        Assert.Equal(PointInTime.Live(Day), PointInTimeQuery.Parse(null, null, Day, errors));
        Assert.False(errors.Any);
    }

    [Fact]
    public void as_of_after_today_and_malformed_values_are_errors()
    {
        var errors = new Engagement.Infrastructure.Errors();
        PointInTimeQuery.Parse(Day.AddDays(1).ToString("yyyy-MM-dd"), "2026-06-01", Day, errors);
        Assert.Equal(["asOf", "knownAt"], errors.ToDictionary().Keys.Order());
        var malformed = new Engagement.Infrastructure.Errors();
        PointInTimeQuery.Parse("2026-6-1", null, Day, malformed);
        Assert.True(malformed.Any);
    }

    [Fact]
    public void known_at_keeps_its_offset_even_when_the_plus_arrived_as_a_space_and_is_utc_without_one()
    {
        var errors = new Engagement.Infrastructure.Errors();
        var point = PointInTimeQuery.Parse(null, "2026-05-31T10:00:00 02:00", Day, errors);
        Assert.False(errors.Any);
        Assert.Equal(new PointInTime(Day, new DateTimeOffset(2026, 5, 31, 8, 0, 0, TimeSpan.Zero), false), point);
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 10, 0, 0, TimeSpan.Zero), PointInTimeQuery.Parse("2026-05-31", "2026-05-31T10:00:00", Day, errors).KnownAt);
        Assert.Equal(new DateOnly(2026, 5, 31), PointInTimeQuery.Parse("2026-05-31", null, Day, errors).AsOf);
    }
}
