using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Engagement.Infrastructure;

/// <summary>camelCase members, kebab-case enumerations, ISO dates, and no unknown members.</summary>
public static class JsonConventions
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        // ASP.NET Core's default leaves < > & ' unescaped; escaped, stored text stays inert even where a page inlines the JSON.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    }
}

public static class EnumText
{
    /// <summary>An enumeration value as clients see it in JSON (kebab-case).</summary>
    public static string Kebab<T>(this T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Kebab<T>(this T? value) where T : struct, Enum => value is { } v ? v.Kebab() : "";
}
