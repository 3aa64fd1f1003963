using Alba;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Support;

/// <summary>Every route the host maps, with a callable path, and a way to call it with any method.</summary>
public static class MappedRoutes
{
    public static IReadOnlyList<(string Method, string Route, string Path)> All(IAlbaHost host) =>
        [.. host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + e.RoutePattern.RawText!.TrimStart('/'), Path(e.RoutePattern))))
            .Distinct()];

    /// <summary>The route with an existing-looking value in each parameter: a GUID for ids, "v1" for a document name.</summary>
    public static string Path(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(
        segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: "documentName" } => "v1",
            RoutePatternParameterPart => Guid.NewGuid().ToString(),
            _ => ""
        }))));

    /// <summary>Calls the path with the method, an empty JSON object as the body of a write, and the Authorization given.</summary>
    public static Task<IScenarioResult> Call(this IAlbaHost host, string method, string path, string authorization) =>
        host.Scenario(s =>
        {
            s.Get.Url(path);
            s.ConfigureHttpContext(http =>
            {
                http.Request.Method = method;
                if (method is "GET" or "HEAD") return;
                http.Request.ContentType = "application/json";
                http.Request.Body = new MemoryStream("{}"u8.ToArray());
                http.Request.ContentLength = 2;
            });
            s.WithRequestHeader("Authorization", authorization);
            s.IgnoreStatusCode();
        });
}
