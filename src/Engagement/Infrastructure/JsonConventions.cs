using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engagement.Infrastructure;

/// <summary>camelCase members, kebab-case enumerations, ISO dates, no unknown members and no member given twice.</summary>
public static class JsonConventions
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new KebabEnumConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        // ASP.NET Core's default leaves < > & ' unescaped; escaped, stored text stays inert even where a page inlines the JSON.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    }
}

/// <summary>
/// Kebab-case names, one value each. The standard converter also reads "staff, admin" and ORs the two values
/// (dotnet/runtime#122550), which quietly turns a list into a third, unrelated value; here that is malformed JSON.
/// </summary>
public sealed class KebabEnumConverter : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter Names = new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public override bool CanConvert(Type type) => type.IsEnum;

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Single<>).MakeGenericType(type), Names.CreateConverter(type, options))!;

    /// <summary>Lists the names in the OpenAPI document, which sees no values through a custom converter.</summary>
    public static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) is { IsEnum: true } type)
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonNamingPolicy.KebabCaseLower.ConvertName(name))];
        return Task.CompletedTask;
    }

    private sealed class Single<T>(JsonConverter<T> names) : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains(',')
                ? throw new JsonException($"Expected a single {typeof(T).Name} value.")
                : names.Read(ref reader, type, options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => names.Write(writer, value, options);
    }
}

public static class EnumText
{
    /// <summary>An enumeration value as clients see it in JSON (kebab-case).</summary>
    public static string Kebab<T>(this T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Kebab<T>(this T? value) where T : struct, Enum => value is { } v ? v.Kebab() : "";
}
