using System.Collections.Frozen;
using System.Reflection;
using Engagement.Access;
using Microsoft.AspNetCore.StaticFiles;

namespace Engagement.Web;

/// <summary>
/// The web application (built from Web/client into the assembly): its hashed files under /assets, and its one page,
/// index.html, for every other GET path that is not the API's, sign-in's, health's or the reference's. Which paths the
/// application has is the client's business (its routes.jsx); all of it needs a signed-in reader, assets included.
/// </summary>
public static class Pages
{
    private const string Prefix = "WebClient/";
    private static readonly string[] NotTheApp = ["/api", "/auth", "/health", "/docs", "/openapi", "/assets"];

    private sealed record File(byte[] Content, string ContentType);

    public static void MapPages(this WebApplication app)
    {
        var files = Load();
        var index = files.GetValueOrDefault("index.html")
                    ?? throw new InvalidOperationException("The web application is not built into this assembly (Web/client/dist/index.html is missing): build the project with Node.js and npm on the PATH.");

        app.MapGet("/assets/{**file}", (string file, HttpContext http) =>
        {
            if (!files.TryGetValue("assets/" + file, out var found)) return Results.NotFound();
            // Vite names every asset after a hash of its content, so a file at one address never changes.
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return Results.Bytes(found.Content, found.ContentType);
        }).RequireAuthorization(Policies.Read).ExcludeFromDescription();

        // GET and HEAD only, last of all routes: a POST to an API route with the wrong content type must still get
        // that route's 415, not this page.
        app.MapMethods("{*path:nonfile}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
        {
            var request = http.Request;
            if (NotTheApp.Any(p => request.Path.StartsWithSegments(p)))
                return Results.NotFound();
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(index.Content, index.ContentType);
        }).RequireAuthorization(Policies.Read).ExcludeFromDescription().Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    private static FrozenDictionary<string, File> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var types = new FileExtensionContentTypeProvider();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[Prefix.Length..].Replace('\\', '/'), name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                var type = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
                return new File(memory.ToArray(), type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal) ? type + "; charset=utf-8" : type);
            });
    }
}
