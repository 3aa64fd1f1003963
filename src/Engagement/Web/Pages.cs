using System.Reflection;
using Engagement.Access;

namespace Engagement.Web;

/// <summary>
/// The executives' pages: one HTML shell for the dashboard, a stakeholder and a meeting, and the script that fills it
/// from the JSON API with the session cookie. All of it needs a signed-in reader, assets included.
/// </summary>
public static class Pages
{
    private static readonly string[] Shells = ["/", "/organizations/{id:guid}", "/meetings/{id:guid}"];

    public static void MapPages(this WebApplication app)
    {
        foreach (var route in Shells)
            app.MapGet(route, () => Asset("index.html", "text/html; charset=utf-8")).RequireAuthorization(Policies.Read).ExcludeFromDescription();
        app.MapGet("/assets/app.js", () => Asset("app.js", "text/javascript; charset=utf-8")).RequireAuthorization(Policies.Read).ExcludeFromDescription();
        app.MapGet("/assets/app.css", () => Asset("app.css", "text/css; charset=utf-8")).RequireAuthorization(Policies.Read).ExcludeFromDescription();
    }

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Engagement.Web.{name}")
                     ?? throw new InvalidOperationException($"The page asset {name} is not embedded in the build.");
        return Results.Stream(stream, contentType);
    }
}
