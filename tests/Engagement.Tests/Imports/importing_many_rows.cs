using System.Diagnostics;
using Engagement.Tests.Support;
using Xunit.Abstractions;

namespace Engagement.Tests.Imports;

public class importing_many_rows(AppFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    [Fact]
    public async Task ten_thousand_organisations_import_in_under_a_minute_with_progress()
    {
        var csv = "externalId,name,kind,country\n" +
                  string.Join('\n', Enumerable.Range(1, 10_000).Select(i => $"ext-{i},Member company {i},member,China"));
        var clock = Stopwatch.StartNew();

        var preview = await Host.Previewed("organizations", csv);
        var previewed = clock.Elapsed;
        var (status, _, _) = await Scenarios.PostJson(Host, $"/api/imports/{preview.Id()}/commit", null);
        Assert.Equal(202, status);
        var seen = new SortedSet<int>();
        while (true)
        {
            var now = await Host.GetOk($"/api/imports/{preview.Id()}");
            seen.Add(now.Int("processed"));
            if (now.Text("status") != "committing")
            {
                Assert.Equal("committed", now.Text("status"));
                break;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "still committing after two minutes");
            await Task.Delay(100);
        }
        var total = clock.Elapsed;
        output.WriteLine($"10,000 organisations: preview {previewed.TotalSeconds:F1} s, preview and commit {total.TotalSeconds:F1} s");

        Assert.Equal(10_000, (await Host.GetOk("/api/organizations?limit=1")).Int("total"));
        Assert.True(seen.Count(p => p is > 0 and < 10_000) > 0, $"no progress between 0 and 10,000 was seen: {string.Join(", ", seen)}");
        Assert.True(total < TimeSpan.FromMinutes(1), $"took {total.TotalSeconds:F1} s");
    }
}
