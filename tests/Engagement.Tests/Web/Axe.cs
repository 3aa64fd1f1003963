using System.Text.Json;
using Microsoft.Playwright;

namespace Engagement.Tests.Web;

/// <summary>
/// axe-core, the accessibility engine, from the client's npm packages (a devDependency, so the lock file pins it), run
/// inside the page under test. It is evaluated through the browser's debugging protocol, which the page's CSP does not
/// govern, so the page keeps its real policy while it is checked.
/// </summary>
public static class Axe
{
    public const string Package = "src/Engagement/Web/client/node_modules/axe-core/axe.min.js";

    private static readonly Lazy<string> Source = new(() => File.ReadAllText(Locate()));

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, Package);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"axe-core is not installed ({Package}): build the service, which runs npm ci in its client.");
    }

    /// <summary>The serious and critical violations of WCAG 2.x A/AA rules and best practices on the page as it is now.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
                resultTypes: ["violations"]
              });
              return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact} ${v.id} (${v.help}): ` + v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | "));
            }
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }
}
