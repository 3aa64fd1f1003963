using System.Text.RegularExpressions;
using Engagement.Infrastructure;

namespace Engagement.Organizations;

/// <summary>
/// An organisation's id in a public lobbying register, in the EU Transparency Register's shape: digits, a hyphen, digits
/// (for example 0123456789012-34). Blank means none.
/// </summary>
public static partial class RegisterId
{
    public const int MaxLength = 32;

    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static Errors RegisterIdShape(this Errors errors, string field, string? value)
    {
        if (Normalize(value) is not { } id) return errors;
        errors.Optional(field, value, MaxLength);
        return errors.When(!Shape().IsMatch(id), field, "must be digits, a hyphen and digits, for example 0123456789012-34");
    }

    [GeneratedRegex("^[0-9]{1,20}-[0-9]{1,10}$")]
    private static partial Regex Shape();
}
