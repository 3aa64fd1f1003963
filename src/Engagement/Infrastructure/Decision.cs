namespace Engagement.Infrastructure;

/// <summary>What a command decides given the current state: events to append, or a reason it cannot.</summary>
public sealed record Decision(IReadOnlyList<object> Events, Problem? Rejection)
{
    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Conflict(string detail) => new([], Problem.Conflict(detail));
    public static Decision Invalid(string field, string message) => new([], Problem.Invalid(field, message));
    public bool IsAccepted => Rejection is null;
}
