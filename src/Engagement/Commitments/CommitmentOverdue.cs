using Engagement.Infrastructure;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten.Subscriptions;
using Wolverine.Runtime.Handlers;

namespace Engagement.Commitments;

/// <summary>
/// "Has this commitment fallen overdue?", asked once its due date has passed. <see cref="DueSetOn"/> is the business
/// day the due date was set, because a commitment cannot fall overdue before it had that date.
/// </summary>
public sealed record CheckCommitmentOverdue(Guid CommitmentId, DateOnly DueOn, DateOnly DueSetOn);

public enum OverdueOutcome { FallsOverdue, NotYetDue, NoLongerApplies }

public static class OverdueRules
{
    /// <summary>A commitment is overdue from the start (00:00 UTC) of the day after its due date; one due on the last day never.</summary>
    public static DateTimeOffset OverdueFrom(DateOnly dueOn) => dueOn == DateOnly.MaxValue
        ? DateTimeOffset.MaxValue
        : new(dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The check a new or moved due date calls for; none when the date was removed.</summary>
    public static CheckCommitmentOverdue? CheckFor(object data) => data switch
    {
        CommitmentMade { DueOn: { } due } e => new CheckCommitmentOverdue(e.CommitmentId, due, e.MadeOn),
        CommitmentDueDateChanged { DueOn: { } due } e => new CheckCommitmentOverdue(e.CommitmentId, due, e.ChangedOn),
        _ => null
    };

    /// <summary>
    /// Falls overdue only while the commitment is still open, still due on the date checked, and has not already
    /// fallen overdue for it; the event is dated the day after the due date (or the day the date was set, if later).
    /// </summary>
    public static (OverdueOutcome Outcome, CommitmentFellOverdue? Event) Decide(Commitment commitment, CheckCommitmentOverdue check,
        DateOnly today)
    {
        if (commitment.Status != CommitmentStatus.Open || commitment.DueOn != check.DueOn || commitment.FellOverdueOn is not null)
            return (OverdueOutcome.NoLongerApplies, null);
        if (today <= check.DueOn) return (OverdueOutcome.NotYetDue, null);
        var day = check.DueOn.AddDays(1);
        return (OverdueOutcome.FallsOverdue,
            new CommitmentFellOverdue(commitment.Id, check.DueOn, day > check.DueSetOn ? day : check.DueSetOn));
    }

    /// <summary>Runs the check now when the moment has passed by the service's clock, otherwise schedules it.</summary>
    public static async Task CheckOrScheduleAsync(IMessageBus bus, CheckCommitmentOverdue check, TimeProvider clock, CancellationToken ct)
    {
        var at = OverdueFrom(check.DueOn);
        if (at > clock.GetUtcNow()) await bus.ScheduleForAsync(check, at, clock);
        else await bus.InvokeAsync(check, ct);
    }
}

public static class CheckCommitmentOverdueHandler
{
    public const string RecordedBy = "overdue-check";

    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<EventStreamUnexpectedMaxEventIdException>().RetryTimes(3);

    public static async Task Handle(CheckCommitmentOverdue check, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Commitment>(check.CommitmentId, ct);
        if (stream.Aggregate is not { } commitment) return;
        var (outcome, fell) = OverdueRules.Decide(commitment, check, clock.Today());
        switch (outcome)
        {
            case OverdueOutcome.FallsOverdue:
                session.SetHeader(HistoryEndpoints.RecordedByHeader, RecordedBy);
                stream.AppendOne(fell!);
                break;
            case OverdueOutcome.NotYetDue:
                // Asked too early (a clock behind, or someone asking by hand): ask again when it is due.
                await bus.ScheduleForAsync(check, OverdueRules.OverdueFrom(check.DueOn), clock);
                break;
        }
    }
}

/// <summary>
/// A Wolverine-managed Marten subscription: every due date set or moved schedules a durable check for the day after,
/// stored with the subscription's progress in one transaction, so neither a restart nor a second node loses or
/// repeats one (and a repeated check is harmless anyway).
/// </summary>
public sealed class CommitmentDueDates : BatchSubscription
{
    private readonly TimeProvider _clock;

    public CommitmentDueDates(TimeProvider clock) : base("CommitmentDueDates")
    {
        _clock = clock;
        IncludeType<CommitmentMade>();
        IncludeType<CommitmentDueDateChanged>();
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
            if (OverdueRules.CheckFor(e.Data) is { } check)
                await OverdueRules.CheckOrScheduleAsync(bus, check, _clock, cancellationToken);
    }
}

public static class OverdueConfiguration
{
    /// <summary>Checks wait in the durable inbox (PostgreSQL), so scheduled ones survive a restart.</summary>
    public static void ConfigureOverdueChecks(this WolverineOptions options) =>
        options.LocalQueueFor<CheckCommitmentOverdue>().UseDurableInbox();
}
