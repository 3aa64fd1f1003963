using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Suggestions;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten.Subscriptions;
using Wolverine.Runtime.Handlers;

namespace Engagement.Work;

/// <summary>"Is this commitment falling due?", asked from the start of the day <see cref="WorkSettings.FallingDueDays"/> before it is due.</summary>
public sealed record CheckCommitmentFallingDue(Guid CommitmentId, DateOnly DueOn);

/// <summary>"Is this ask's follow-up due?", asked from the start of the follow-up day.</summary>
public sealed record CheckAskFollowUpDue(Guid SuggestionId, DateOnly FollowUpOn);

public enum ReminderOutcome { Remind, NotYet, NoLongerApplies }

/// <summary>
/// When reminders are due and whether they still apply. Like the overdue check, a check names the date it was scheduled
/// for: a date moved since gets its own check, and the stale one finds nothing to do; the item remembers each date it
/// was reminded of, so no date is ever reminded twice, whatever runs the check again.
/// </summary>
public static class ReminderRules
{
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly FallingDueFrom(DateOnly dueOn, int days) => dueOn.DayNumber < days ? DateOnly.MinValue : dueOn.AddDays(-days);

    /// <summary>The check a new or moved date calls for, with when it is due; none when a date was removed.</summary>
    public static (object Check, DateTimeOffset At)? CheckFor(object data, int fallingDueDays) => data switch
    {
        CommitmentMade { DueOn: { } due } e => (new CheckCommitmentFallingDue(e.CommitmentId, due), StartOf(FallingDueFrom(due, fallingDueDays))),
        CommitmentDueDateChanged { DueOn: { } due } e =>
            (new CheckCommitmentFallingDue(e.CommitmentId, due), StartOf(FallingDueFrom(due, fallingDueDays))),
        SuggestionFollowUpScheduled e => (new CheckAskFollowUpDue(e.SuggestionId, e.FollowUpOn), StartOf(e.FollowUpOn)),
        _ => null
    };

    /// <summary>
    /// Reminds while the commitment is open, still due on the date checked, not yet reminded of it and not overdue; from
    /// <paramref name="days"/> days before the due date up to the due date itself (after it, falling overdue says more).
    /// </summary>
    public static (ReminderOutcome Outcome, CommitmentFallingDue? Event) Decide(Commitment c, CheckCommitmentFallingDue check,
        DateOnly today, int days)
    {
        if (c.Status != CommitmentStatus.Open || c.DueOn != check.DueOn || c.WasReminded(check.DueOn) || c.FellOverdueOn is not null
            || today > check.DueOn)
            return (ReminderOutcome.NoLongerApplies, null);
        if (today < FallingDueFrom(check.DueOn, days)) return (ReminderOutcome.NotYet, null);
        return (ReminderOutcome.Remind, new CommitmentFallingDue(c.Id, check.DueOn, today, c.ResponsibleId, c.ResponsibleName));
    }

    /// <summary>Reminds while the ask is unresolved, its follow-up still planned for the day checked and not yet reminded of.</summary>
    public static (ReminderOutcome Outcome, AskFollowUpDue? Event) Decide(Suggestion s, CheckAskFollowUpDue check, DateOnly today)
    {
        if (s.Status == SuggestionStatus.Resolved || s.FollowUpOn != check.FollowUpOn || s.WasReminded(check.FollowUpOn))
            return (ReminderOutcome.NoLongerApplies, null);
        if (today < check.FollowUpOn) return (ReminderOutcome.NotYet, null);
        return (ReminderOutcome.Remind, new AskFollowUpDue(s.Id, check.FollowUpOn, s.ResponsibleId, s.ResponsibleName));
    }

    /// <summary>
    /// Queues the check at once when its moment has passed by the service's clock, otherwise schedules it for then; never
    /// runs it inside the subscription, so a check that loses a race with a write is retried by the queue instead of
    /// stopping the subscription.
    /// </summary>
    public static async Task CheckOrScheduleAsync(IMessageBus bus, object check, DateTimeOffset at, TimeProvider clock)
    {
        if (at > clock.GetUtcNow()) await bus.ScheduleForAsync(check, at, clock);
        else await bus.PublishAsync(check);
    }
}

public static class CheckCommitmentFallingDueHandler
{
    public const string RecordedBy = "reminder";

    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<EventStreamUnexpectedMaxEventIdException>().RetryTimes(3);

    public static async Task Handle(CheckCommitmentFallingDue check, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        WorkSettings settings, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Commitment>(check.CommitmentId, ct);
        if (stream.Aggregate is not { } commitment) return;
        var (outcome, reminder) = ReminderRules.Decide(commitment, check, clock.Today(), settings.FallingDueDays);
        if (outcome == ReminderOutcome.Remind)
        {
            session.SetHeader(HistoryEndpoints.RecordedByHeader, RecordedBy);
            stream.AppendOne(reminder!);
        }
        else if (outcome == ReminderOutcome.NotYet)
            await bus.ScheduleForAsync(check, ReminderRules.StartOf(ReminderRules.FallingDueFrom(check.DueOn, settings.FallingDueDays)), clock);
    }
}

public static class CheckAskFollowUpDueHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<EventStreamUnexpectedMaxEventIdException>().RetryTimes(3);

    public static async Task Handle(CheckAskFollowUpDue check, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Suggestion>(check.SuggestionId, ct);
        if (stream.Aggregate is not { } suggestion) return;
        var (outcome, reminder) = ReminderRules.Decide(suggestion, check, clock.Today());
        if (outcome == ReminderOutcome.Remind)
        {
            session.SetHeader(HistoryEndpoints.RecordedByHeader, CheckCommitmentFallingDueHandler.RecordedBy);
            stream.AppendOne(reminder!);
        }
        else if (outcome == ReminderOutcome.NotYet)
            await bus.ScheduleForAsync(check, ReminderRules.StartOf(check.FollowUpOn), clock);
    }
}

/// <summary>
/// A Wolverine-managed Marten subscription, like the overdue check's: every due date and follow-up date set or moved
/// schedules a durable check, stored with the subscription's progress in one transaction, so neither a restart nor a
/// second node loses or repeats one (and a repeated check finds the reminder already recorded).
/// </summary>
public sealed class ReminderDates : BatchSubscription
{
    private readonly TimeProvider _clock;
    private readonly WorkSettings _settings;

    public ReminderDates(TimeProvider clock, WorkSettings settings) : base("ReminderDates")
    {
        _clock = clock;
        _settings = settings;
        IncludeType<CommitmentMade>();
        IncludeType<CommitmentDueDateChanged>();
        IncludeType<SuggestionFollowUpScheduled>();
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
            if (ReminderRules.CheckFor(e.Data, _settings.FallingDueDays) is var (check, at))
                await ReminderRules.CheckOrScheduleAsync(bus, check, at, _clock);
    }
}

public static class ReminderConfiguration
{
    /// <summary>Checks wait in the durable inbox (PostgreSQL), so scheduled ones survive a restart.</summary>
    public static void ConfigureReminders(this WolverineOptions options)
    {
        options.LocalQueueFor<CheckCommitmentFallingDue>().UseDurableInbox();
        options.LocalQueueFor<CheckAskFollowUpDue>().UseDurableInbox();
    }
}
