namespace Engagement.Tests.Support;

/// <summary>A clock the tests set: "today" is whatever the scenario needs.</summary>
public sealed class TestClock : TimeProvider
{
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;

    public TestClock(DateTimeOffset start) => _now = _start = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public DateOnly Today => DateOnly.FromDateTime(_now.UtcDateTime);

    public void SetToday(DateOnly day) => _now = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    public void Advance(TimeSpan by) => _now += by;

    public void Reset() => _now = _start;
}
