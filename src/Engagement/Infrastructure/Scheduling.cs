using Wolverine;

namespace Engagement.Infrastructure;

public static class Scheduling
{
    /// <summary>
    /// Schedules a message for a moment by the service's clock. Wolverine adds the wait to its own clock, so a moment at
    /// the end of what a timestamp can hold (a due date of 9999-12-31, which any caller may set) would overflow there and
    /// stop the subscription that schedules it, for every later event. A moment that far off never comes: nothing is
    /// scheduled for it.
    /// </summary>
    public static ValueTask ScheduleForAsync(this IMessageBus bus, object message, DateTimeOffset at, TimeProvider clock)
    {
        var wait = at - clock.GetUtcNow();
        return wait > DateTimeOffset.MaxValue - DateTimeOffset.UtcNow - TimeSpan.FromDays(366)
            ? ValueTask.CompletedTask
            : bus.ScheduleAsync(message, wait);
    }
}
