namespace Engagement.Webhooks;

/// <summary>What to do after an attempt.</summary>
public abstract record NextStep
{
    public sealed record Done : NextStep;
    public sealed record RetryIn(TimeSpan Delay) : NextStep;
    public sealed record GiveUp : NextStep;
    public sealed record DisableEndpoint(string Reason) : NextStep;
}

public static class RetryPolicy
{
    /// <summary>
    /// After attempt number <paramref name="step"/> of a series (1 = the first, made at once): 2xx is done; 410 disables
    /// the endpoint; anything else waits the next delay of the schedule, with jitter, or at least what Retry-After asked
    /// (429 and 503), and gives up when the schedule is used up.
    /// </summary>
    public static NextStep After(AttemptOutcome outcome, int step, IReadOnlyList<TimeSpan> schedule, double jitter, double random)
    {
        if (outcome.Succeeded) return new NextStep.Done();
        if (outcome.StatusCode == 410)
            return new NextStep.DisableEndpoint("The endpoint answered 410 Gone: it asked not to receive deliveries any more.");
        if (step >= schedule.Count) return new NextStep.GiveUp();
        var delay = schedule[step] * (1 + jitter * (2 * random - 1));
        if (outcome.RetryAfter is { } asked && asked > delay) delay = asked;
        return new NextStep.RetryIn(delay);
    }

    /// <summary>Every attempt since <paramref name="failingSince"/> failed; past the limit, the endpoint is disabled.</summary>
    public static bool FailedTooLong(DateTimeOffset failingSince, DateTimeOffset now, TimeSpan disableAfter) =>
        now - failingSince >= disableAfter;
}
