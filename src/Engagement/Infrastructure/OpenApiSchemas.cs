using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engagement.Infrastructure;

/// <summary>
/// Which properties a body must carry and which may be null, as the API enforces them. Request records declare every
/// field nullable so that their Validate step, not the serializer, names what is missing; <c>[Required]</c> on a
/// request record's parameter is what that step insists on, and the document says so (present, not null). Answers
/// always carry every property (nulls are written), so each is required there, and nullable where C# says it is.
/// </summary>
public static class OpenApiSchemas
{
    public static Task PresenceAndNulls(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties) return Task.CompletedTask;

        var request = RequestBodyTypes(context.ApplicationServices).Contains(type.Type);
        schema.Required = new HashSet<string>();
        foreach (var property in type.Properties)
        {
            if (!properties.ContainsKey(property.Name)) continue;
            if (request ? IsRequired(property) : property.Get is not null && property.ShouldSerialize is null)
                schema.Required.Add(property.Name);
        }
        if (request && type.Type.GetCustomAttributes(typeof(ExactlyOneOfAttribute), false) is [ExactlyOneOfAttribute { Properties: var names }])
        {
            var given = type.Properties.Where(p => p.AttributeProvider is MemberInfo m && names.Contains(m.Name)).Select(p => p.Name).ToList();
            // anyOf and not rather than oneOf, which the document uses for "this or null" alone.
            schema.AnyOf = [.. given.Select(name => Given(name))];
            schema.Not = new OpenApiSchema
            {
                AnyOf = [.. given.SelectMany((a, i) => given.Skip(i + 1).Select(b => (IOpenApiSchema)new OpenApiSchema { AllOf = [Given(a), Given(b)] }))]
            };
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A request's required property may not be null either. Done on the finished document, where a nullable
    /// reference has become <c>oneOf: [null, $ref]</c>.
    /// </summary>
    public static Task RequiredIsNotNull(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        if (document.Paths is null || document.Components?.Schemas is not { } components) return Task.CompletedTask;
        var bodies = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            .Select(c => c.Schema).OfType<OpenApiSchemaReference>().Select(r => r.Reference.Id).ToHashSet();
        foreach (var (id, component) in components)
        {
            if (!bodies.Contains(id) || component is not OpenApiSchema { Properties: { } properties, Required: { } required }) continue;
            foreach (var name in required)
                if (properties.TryGetValue(name, out var property)) properties[name] = NotNull(property);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every refusal is RFC 9457 problem+json: the framework's members, <c>errors</c> (JSON field name to messages)
    /// when fields are at fault, and the <c>traceId</c> that the server's logs carry.
    /// </summary>
    public static Task Problem(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type)) return Task.CompletedTask;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var name in new[] { "type", "title", "detail", "instance" })
            schema.Properties[name] = new OpenApiSchema { Type = JsonSchemaType.String };
        schema.Properties["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } }
        };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String };
        schema.Required = new HashSet<string> { "type", "title", "status", "traceId" };
        // Problem details may carry extension members (RFC 9457, section 3.2).
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
        return Task.CompletedTask;
    }

    private static IOpenApiSchema Given(string name) => new OpenApiSchema
    {
        Required = new HashSet<string> { name },
        Properties = new Dictionary<string, IOpenApiSchema> { [name] = new OpenApiSchema { Not = new OpenApiSchema { Type = JsonSchemaType.Null } } }
    };

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true;

    private static IOpenApiSchema NotNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline) return schema;
        if (inline.OneOf is { Count: > 0 } choices)
        {
            var others = choices.Where(c => c.Type != JsonSchemaType.Null).ToList();
            if (others.Count == 1 && inline.Type is null && inline.Properties is not { Count: > 0 }) return others[0];
            inline.OneOf = others;
        }
        if (inline.Type is { } type) inline.Type = type & ~JsonSchemaType.Null;
        return inline;
    }

    private static HashSet<Type> RequestBodyTypes(IServiceProvider services) =>
    [
        .. services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items).SelectMany(d => d.ParameterDescriptions)
            .Where(p => p.Source == BindingSource.Body).Select(p => p.Type)
    ];
}

/// <summary>On a request record: exactly one of these properties (C# names) must be given, not null.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ExactlyOneOfAttribute(params string[] properties) : Attribute
{
    public IReadOnlyList<string> Properties { get; } = properties;
}
