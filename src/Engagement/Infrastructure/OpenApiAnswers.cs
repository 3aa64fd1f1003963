using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Engagement.Infrastructure;

/// <summary>
/// The answers each operation can give. Success answers come from the route: its return type, or, for a route that
/// returns <see cref="IResult"/>, its <c>[ProducesResponseType]</c> attributes. The refusals come from what the
/// pipeline does to every request, read off the route's metadata:
/// 400 anywhere (query text, headers, bodies); 401 and 503 where a caller must sign in (the key is looked up in the
/// database); 403 where the policy admits only some callers; 404 where the path names something; 409 and 413 on every
/// write; 412 where the write answers <see cref="Written"/> with 200 (an append that honours If-Match); 415 where there
/// is a body; 422 on every POST (Idempotency-Key reused); 429 anywhere (the rate limit is global). Each is problem+json.
/// </summary>
public static class OpenApiAnswers
{
    public const string ProblemSchemaId = "ProblemDetails";
    private const string ResultSchemaId = "IResult";

    public static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        Func<string, bool> admitsEveryCaller, CancellationToken ct)
    {
        var description = context.Description;
        var method = description.HttpMethod?.ToUpperInvariant() ?? HttpMethods.Get;
        var writes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var inPath = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path);
        var body = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAllowAnonymous>().Any()
            ? []
            : metadata.OfType<IAuthorizeData>().Select(a => a.Policy ?? "").ToList();

        operation.Responses ??= new OpenApiResponses();
        // What an IResult route answers is known only from its attributes; the framework's guess is an empty object.
        foreach (var (status, response) in operation.Responses.ToList())
            if (response.Content?.Values.Any(c => c.Schema is OpenApiSchemaReference { Reference.Id: ResultSchemaId }) == true)
                operation.Responses.Remove(status);
        if (!inPath) operation.Responses.Remove("404");

        var refusals = new SortedSet<int> { 400, 429 };
        if (policies.Count > 0)
        {
            refusals.UnionWith([401, 503]);
            if (!policies.All(admitsEveryCaller)) refusals.Add(403);
        }
        if (inPath) refusals.Add(404);
        if (writes) refusals.UnionWith([409, 413]);
        if (description.SupportedResponseTypes.Any(r => r.StatusCode == 200 && r.Type == typeof(Written))) refusals.Add(412);
        if (body) refusals.Add(415);
        if (HttpMethods.IsPost(method)) refusals.Add(422);
        foreach (var declared in operation.Responses.Keys)
            if (int.TryParse(declared, out var status) && status >= 400) refusals.Add(status);

        var problem = await ProblemSchemaAsync(context, ct);
        foreach (var status in refusals)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = operation.Responses.TryGetValue(key, out var found) && found is OpenApiResponse existing ? existing : new OpenApiResponse();
            response.Description ??= ReasonPhrases.GetReasonPhrase(status);
            response.Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } };
            operation.Responses[key] = response;
        }
    }

    /// <summary>No operation answers the framework's empty IResult object any more; its schema would mislead.</summary>
    public static Task DropUnusedResultSchema(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components?.Schemas?.Remove(ResultSchemaId);
        return Task.CompletedTask;
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(ProblemSchemaId) != true)
        {
            document.AddComponent(ProblemSchemaId, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        }
        return new OpenApiSchemaReference(ProblemSchemaId, document);
    }
}
