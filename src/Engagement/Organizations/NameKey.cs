using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Organizations;

/// <summary>
/// The form of a name that two spellings of one organisation or person share: case, punctuation and spacing
/// do not count, nor (for organisations) a trailing legal form, so "UX Widgets Ltd" and "ux widgets limited" match.
/// </summary>
public static class NameKey
{
    private static readonly HashSet<string> LegalForms =
    [
        "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp", "corporation", "co", "company",
        "gmbh", "ag", "sa", "sarl", "srl", "spa", "bv", "nv", "pty", "pte", "kk", "oy", "ab", "as"
    ];

    public static string Person(string name) => string.Join(' ', Words(name));

    public static string Organization(string name)
    {
        var words = Words(name);
        while (words.Count > 1 && LegalForms.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    private static List<string> Words(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
            else if (c == '&') text.Append(" and ");
            else if (c is '.' or '\'' or '\u2019') continue; // "U.K." and "UK", "O'Brien" and "OBrien"
            else text.Append(' ');
        }
        return [.. text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }
}

/// <summary>An existing record whose name matches the one being registered.</summary>
public sealed record DuplicateCandidate(Guid Id, string Name);

public static class Duplicates
{
    public static async Task<IReadOnlyList<DuplicateCandidate>> OrganizationsNamedAsync(IQuerySession session, string name, CancellationToken ct)
    {
        var key = NameKey.Organization(name);
        // A merged organisation is not offered: its survivor is, by its former names too.
        var all = await session.Query<Organization>().ToListAsync(ct);
        return [.. all.Where(o => o.MergedInto is null && o.Absorbed.Select(a => a.Name).Prepend(o.Name).Any(n => NameKey.Organization(n) == key))
            .Select(o => new DuplicateCandidate(o.Id, o.Name))];
    }

    /// <summary>
    /// 409: probably registered already. <c>duplicates</c> lists the matches; the same request with
    /// <c>"confirmDuplicate": true</c> registers anyway.
    /// </summary>
    public static ProblemDetails Problem(string what, IReadOnlyList<DuplicateCandidate> candidates)
    {
        var names = string.Join(", ", candidates.Select(c => $"\"{c.Name}\""));
        var details = new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["name"] = [$"matches {(candidates.Count == 1 ? "one" : candidates.Count.ToString(CultureInfo.InvariantCulture))} already registered: {names}"]
        })
        {
            Status = StatusCodes.Status409Conflict,
            Title = $"Possibly a duplicate {what}",
            Detail = $"Already registered: {names}. Nothing was recorded; open it, or send the request again with " +
                     "\"confirmDuplicate\": true to register anyway.",
            Type = "https://www.rfc-editor.org/rfc/rfc9110#status.409"
        };
        details.Extensions["duplicates"] = candidates;
        return details;
    }
}
