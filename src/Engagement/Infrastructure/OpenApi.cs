using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace Engagement.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and the reference at /docs. What the document says is derived from the
/// endpoints' types and metadata (<see cref="OpenApiSchemas"/>, <see cref="OpenApiAnswers"/>), never listed by hand.
/// </summary>
public static class OpenApi
{
    /// <param name="admitsEveryCaller">Whether every signed-in caller satisfies the authorization policy of this name.</param>
    public static void AddApiDocument(this IServiceCollection services, Func<string, bool> admitsEveryCaller) =>
        services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer(KebabEnumConverter.Describe);
            o.AddSchemaTransformer(OpenApiSchemas.PresenceAndNulls);
            o.AddSchemaTransformer(OpenApiSchemas.Problem);
            o.AddOperationTransformer(OperationId);
            o.AddOperationTransformer((operation, context, ct) => OpenApiAnswers.Describe(operation, context, admitsEveryCaller, ct));
            o.AddDocumentTransformer(OpenApiSchemas.RequiredIsNotNull);
            o.AddDocumentTransformer(OpenApiAnswers.DropUnusedResultSchema);
        });

    public static void MapApiDocument(this WebApplication app, string readPolicy)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(readPolicy);
        // The reference uses system fonts: its default ones come from fonts.scalar.com, which the page CSP (font-src 'self') refuses.
        app.MapScalarApiReference("/docs", o => o.DisableDefaultFonts()).RequireAuthorization(readPolicy);
    }

    /// <summary>Each route's name (RegisterOrganization, ListAsks, ...) is its operation id in the document.</summary>
    private static Task OperationId(Microsoft.OpenApi.OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken ct)
    {
        if (context.Description.ActionDescriptor is WolverineActionDescriptor action
            && action.Chain.Method.Method.GetCustomAttribute<WolverineHttpMethodAttribute>() is { Name: { Length: > 0 } name })
            operation.OperationId = name;
        return Task.CompletedTask;
    }
}
