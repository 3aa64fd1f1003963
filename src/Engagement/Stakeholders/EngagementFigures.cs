using Engagement.Infrastructure;
using Engagement.Organizations;
using Engagement.ReadModels;

namespace Engagement.Stakeholders;

public enum Health { Active, Cooling, Dormant, AtRisk }

/// <summary>
/// The health rules, bound from the configuration section <c>Engagement:Health</c>. A meeting "within N days" is one
/// held no more than N days before the day asked about: 90 days ago counts, 91 days ago does not.
/// </summary>
public sealed class HealthRules
{
    public const string Section = "Engagement:Health";

    /// <summary>Active when last met within this many days.</summary>
    public int ActiveWithinDays { get; set; } = 90;

    /// <summary>Cooling when last met within this many days (and not active); dormant beyond, or never met.</summary>
    public int CoolingWithinDays { get; set; } = 180;

    /// <summary>At risk, whatever the meetings, while any open commitment with the stakeholder is overdue.</summary>
    public bool AtRiskWhenOverdue { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        if (ActiveWithinDays < 0) yield return $"{Section}:ActiveWithinDays must not be negative";
        if (CoolingWithinDays < ActiveWithinDays) yield return $"{Section}:CoolingWithinDays must not be less than ActiveWithinDays";
    }
}

public sealed record StakeholderStatus(Ref Organization, OrganizationKind Kind, DateOnly? LastMetOn, int? DaysSinceLastMet,
    int Meetings, int MeetingsLast90Days, int MeetingsLast365Days, int OpenAsks, int TheirOpenCommitments,
    int OurOpenCommitments, int OverdueCommitments, Health Health);

public static class EngagementFigures
{
    public static bool WithinDays(DateOnly day, DateOnly today, int days) => day <= today && today.DayNumber - day.DayNumber <= days;

    public static StakeholderStatus Figure(StakeholderEngagement e, DateOnly today, HealthRules rules)
    {
        var held = e.Meetings.Where(m => m.HeldOn <= today).ToList();
        DateOnly? lastMet = held.Count == 0 ? null : held.Max(m => m.HeldOn);
        var overdue = e.OpenCommitments.Count(c => c.Overdue);
        return new StakeholderStatus(new Ref(e.Id, e.Name), e.Kind, lastMet, lastMet is { } l ? today.DayNumber - l.DayNumber : null,
            held.Count, held.Count(m => WithinDays(m.HeldOn, today, 90)), held.Count(m => WithinDays(m.HeldOn, today, 365)),
            e.OpenAsks.Count, e.OpenCommitments.Count(c => c.Side == CommitmentSide.Theirs),
            e.OpenCommitments.Count(c => c.Side == CommitmentSide.Ours), overdue, HealthOf(lastMet, overdue, today, rules));
    }

    public static Health HealthOf(DateOnly? lastMet, int overdueCommitments, DateOnly today, HealthRules rules)
    {
        if (rules.AtRiskWhenOverdue && overdueCommitments > 0) return Health.AtRisk;
        if (lastMet is not { } met) return Health.Dormant;
        if (WithinDays(met, today, rules.ActiveWithinDays)) return Health.Active;
        return WithinDays(met, today, rules.CoolingWithinDays) ? Health.Cooling : Health.Dormant;
    }
}
