using System.Text.RegularExpressions;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.People;

/// <summary>
/// What erasing a person does to the stored events: Marten's event data masking rewrites the person's own events
/// and the notes that mention them, so every read model, and every rebuild of one, sees "Erased person".
/// </summary>
public static class PersonalData
{
    public const string ErasedName = "Erased person";

    /// <summary>
    /// Marten's masking rules are fixed at start-up and see only the event, but masking a note needs the name being
    /// erased: the erasure sets it here for the duration of its masking run (an async-local, so concurrent erasures
    /// do not see each other's).
    /// </summary>
    private static readonly AsyncLocal<string?> Erasing = new();

    public static void AddMaskingRules(this StoreOptions options)
    {
        // Only events an erasure includes are masked: the person's own stream, and the notes that mention them.
        options.Events.AddMaskingRuleForProtectedInformation<PersonRegistered>(e => e with { Name = ErasedName, Title = null });
        options.Events.AddMaskingRuleForProtectedInformation<PersonChangedPost>(e => e with { Title = null });
        options.Events.AddMaskingRuleForProtectedInformation<MeetingNoteAdded>(e =>
            Erasing.Value is { } name ? e with { Text = Mask(e.Text, name) } : e);
    }

    /// <summary>Masks the notes that mention someone, in this flow only, while <paramref name="run"/> runs.</summary>
    public static async Task MaskingNotesForAsync(string name, Func<Task> run)
    {
        var before = Erasing.Value;
        Erasing.Value = name;
        try { await run(); }
        finally { Erasing.Value = before; }
    }

    /// <summary>
    /// The text with the full name (anywhere: names in scripts without spaces stand next to other words) and then each
    /// part of it as a word of its own (a note may say just "Li" or "Mr Wang") replaced by "Erased person", ignoring
    /// case. Masking too much is the safe side.
    /// </summary>
    public static string Mask(string text, string name)
    {
        var full = name.Trim();
        if (full.Length == 0) return text;
        const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
        var masked = Regex.Replace(text, Regex.Escape(full), ErasedName, options);
        var parts = full.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Length > 1 && !ErasedName.Split(' ').Contains(p, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(p => p.Length).Select(Regex.Escape).ToList();
        return parts.Count == 0
            ? masked
            : Regex.Replace(masked, $@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', parts)})(?![\p{{L}}\p{{N}}])", ErasedName, options);
    }

    /// <summary>
    /// A write naming an erased person is refused (409, keyed by the field): recording a new post, meeting or mention
    /// would collect personal data about someone whose data was erased. Register them anew if they come back.
    /// </summary>
    public static async Task<ProblemDetails> RefuseErasedAsync(IQuerySession session, string field, IReadOnlyList<Guid>? personIds,
        CancellationToken ct)
    {
        if (personIds is not { Count: > 0 }) return WolverineContinue.NoProblems;
        var erased = (await session.LoadManyAsync<Person>(ct, personIds.Distinct())).Where(p => p.Erasure is not null).ToDictionary(p => p.Id);
        if (erased.Count == 0) return WolverineContinue.NoProblems;
        var errors = new Errors();
        for (var i = 0; i < personIds.Count; i++)
            if (erased.TryGetValue(personIds[i], out var person)) errors.Add($"{field}[{i}]", ErasedMessage(person));
        return new Problem(StatusCodes.Status409Conflict, "The request names an erased person",
            "The personal data of a person named here was erased; nothing new is recorded about them.", errors.ToDictionary())
            .ToProblemDetails();
    }

    public static string ErasedMessage(Person person) =>
        $"the personal data of person {person.Id} was erased on {person.Erasure!.ErasedOn:yyyy-MM-dd}; register them anew if they agree to it";
}
