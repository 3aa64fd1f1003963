using System.Globalization;

namespace Engagement.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    /// <summary>The delay before each attempt of one delivery: the first is at once, Svix-style.</summary>
    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)
    ];

    public IReadOnlyList<TimeSpan> RetrySchedule { get; set; } = DefaultRetrySchedule;

    /// <summary>Each retry waits its scheduled delay stretched or shrunk by up to this fraction, at random.</summary>
    public double Jitter { get; set; } = 0.1;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The most first attempts sent to one endpoint at a time (they start in <c>sequence</c> order); retries have as many
    /// again beside them. 1 sends one event at a time, in order, while the endpoint answers 2xx.
    /// </summary>
    public int MaxInFlightPerEndpoint { get; set; } = 8;

    /// <summary>How often due deliveries (new events, retries that fell due) are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long an old secret keeps signing beside the new one after a rotation.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose every attempt has failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>The longest Retry-After (on 429 and 503) that is honoured.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Lets endpoints resolve to loopback, private, link-local and similar addresses: for tests and closed networks only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Reads the section. Durations are a TimeSpan ("00:00:05") or a number with a unit ("500ms", "5s", "5m", "2h", "5d");
    /// <c>RetrySchedule</c> is a list of them or one comma-separated string.
    /// </summary>
    public static WebhookSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new WebhookSettings();
        var settings = new WebhookSettings
        {
            Jitter = section.GetValue(nameof(Jitter), defaults.Jitter),
            RequestTimeout = Duration(section, nameof(RequestTimeout)) ?? defaults.RequestTimeout,
            MaxInFlightPerEndpoint = section.GetValue(nameof(MaxInFlightPerEndpoint), defaults.MaxInFlightPerEndpoint),
            PollInterval = Duration(section, nameof(PollInterval)) ?? defaults.PollInterval,
            SecretRotationOverlap = Duration(section, nameof(SecretRotationOverlap)) ?? defaults.SecretRotationOverlap,
            DisableAfter = Duration(section, nameof(DisableAfter)) ?? defaults.DisableAfter,
            MaxRetryAfter = Duration(section, nameof(MaxRetryAfter)) ?? defaults.MaxRetryAfter,
            AllowPrivateNetworks = section.GetValue(nameof(AllowPrivateNetworks), defaults.AllowPrivateNetworks)
        };
        var schedule = section.GetSection(nameof(RetrySchedule));
        var entries = schedule.Value is { } single
            ? single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : schedule.GetChildren().Select(c => c.Value ?? "").ToArray();
        if (entries.Length > 0) settings.RetrySchedule = [.. entries.Select(ParseDuration)];
        settings.Validate();
        return settings;
    }

    private static TimeSpan? Duration(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } text ? ParseDuration(text, $"{Section}:{key}") : null;

    public static TimeSpan ParseDuration(string text) => ParseDuration(text, $"{Section}:{nameof(RetrySchedule)}");

    private static TimeSpan ParseDuration(string text, string key)
    {
        var t = text.Trim();
        foreach (var (unit, scale) in Units)
            if (t.EndsWith(unit, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(t[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                return TimeSpan.FromMilliseconds(n * scale);
        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span)) return span;
        throw new InvalidOperationException($"{key}: '{text}' is not a duration (e.g. 00:00:05, 500ms, 5s, 5m, 2h).");
    }

    private static readonly (string Unit, double Milliseconds)[] Units =
        [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)];

    private void Validate()
    {
        if (RetrySchedule.Count == 0 || RetrySchedule.Any(d => d < TimeSpan.Zero))
            throw new InvalidOperationException("Webhooks:RetrySchedule needs at least one delay, none negative.");
        if (RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException("Webhooks:RequestTimeout must be positive.");
        if (MaxInFlightPerEndpoint is < 1 or > 1000)
            throw new InvalidOperationException("Webhooks:MaxInFlightPerEndpoint must be a whole number from 1 to 1000.");
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromSeconds(1))
            throw new InvalidOperationException("Webhooks:PollInterval must be positive and at most 1 s (retries go out within it).");
        if (Jitter is < 0 or >= 1) throw new InvalidOperationException("Webhooks:Jitter must be at least 0 and below 1.");
    }
}
