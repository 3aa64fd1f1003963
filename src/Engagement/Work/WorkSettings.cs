namespace Engagement.Work;

/// <summary>Reminders:* in configuration: how many days before its due date a commitment is reminded of (and counts as due soon on My work).</summary>
public sealed record WorkSettings(int FallingDueDays)
{
    public static readonly WorkSettings Default = new(7);

    public static WorkSettings From(IConfiguration configuration)
    {
        var days = configuration.GetValue("Reminders:FallingDueDays", Default.FallingDueDays);
        if (days is < 0 or > 365)
            throw new InvalidOperationException($"Reminders:FallingDueDays must be a whole number of days from 0 to 365, not {days}.");
        return new WorkSettings(days);
    }
}
