namespace Engagement.Infrastructure;

public static class Clock
{
    /// <summary>Today in UTC: business dates are calendar days and the service keeps them in UTC.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
