using System.Text.Json.Nodes;
using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

/// <summary>Keyset pagination as every list answers it, walked on the key list (the smallest list there is).</summary>
public sealed class paging_lists(AppFixture fixture) : ApiTest(fixture)
{
    /// <summary>Follows nextCursor from the first page to the last; answers the rows in the order visited.</summary>
    public static async Task<List<JsonNode>> Walk(Alba.IAlbaHost host, string url, int limit, Action<JsonNode>? eachPage = null)
    {
        var rows = new List<JsonNode>();
        var separator = url.Contains('?') ? "&" : "?";
        string? cursor = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await host.GetOk($"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            eachPage?.Invoke(page);
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= limit, $"a page of {items.Count} rows for limit {limit}");
            rows.AddRange(items.Select(i => i!));
            cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is null) return rows;
            Assert.Equal(limit, items.Count);
        }
        throw new Xunit.Sdk.XunitException("the pages never ended");
    }

    [Fact]
    public async Task paging_through_keys_visits_every_key_once_by_name()
    {
        foreach (var name in new[] { "delta", "Alpha", "charlie", "bravo", "echo" })
            await Host.PostOk("/api/keys", new { name, role = "viewer" });
        var expected = (await Host.GetOk("/api/keys?limit=500"))["items"]!.AsArray().Select(k => k!["name"]!.GetValue<string>()).ToList();
        Assert.True(expected.Count >= 5);

        var totals = new List<int>();
        var walked = await Walk(Host, "/api/keys", 2, page => totals.Add(page["total"]!.GetValue<int>()));

        Assert.Equal(expected, walked.Select(k => k["name"]!.GetValue<string>()));
        Assert.Equal(expected.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), expected);
        Assert.All(totals, t => Assert.Equal(expected.Count, t));
        var descending = await Walk(Host, "/api/keys?order=desc", 3);
        Assert.Equal(Enumerable.Reverse(expected), descending.Select(k => k["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("sort=colour", "sort")]
    [InlineData("order=sideways", "order")]
    public async Task a_bad_paging_parameter_is_a_400_naming_it(string query, string field)
    {
        var problem = (await Host.GetJson($"/api/keys?{query}")).ShouldBeProblem(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task a_cursor_made_for_another_sort_is_refused()
    {
        foreach (var name in new[] { "one", "two" }) await Host.PostOk("/api/keys", new { name, role = "viewer" });
        var cursor = (await Host.GetOk("/api/keys?limit=1"))["nextCursor"]!.GetValue<string>();
        var problem = (await Host.GetJson($"/api/keys?limit=1&sort=issuedAt&cursor={cursor}")).ShouldBeProblem(400);
        Assert.NotNull(problem["errors"]!["cursor"]);
        (await Host.GetJson($"/api/keys?limit=1&order=desc&cursor={cursor}")).ShouldBeProblem(400);
    }

    [Fact]
    public void a_forged_cursor_with_a_value_of_the_wrong_type_is_refused_before_it_reaches_sql()
    {
        var sorts = new[] { new SortKey("on", "x", KeyType.Date) };
        var fingerprint = Paging.Fingerprint("test");
        var good = new PageRequest(10, sorts[0], false, null, fingerprint).CursorAfter("2026-01-01", Guid.NewGuid().ToString());
        var bad = new PageRequest(10, sorts[0], false, null, fingerprint).CursorAfter("yesterday'; drop table x", Guid.NewGuid().ToString());

        var errors = new Errors();
        Assert.NotNull(Paging.Parse(null, good, null, null, sorts, fingerprint, errors).After);
        Assert.False(errors.Any);
        Paging.Parse(null, bad, null, null, sorts, fingerprint, errors);
        Assert.True(errors.ToDictionary().ContainsKey("cursor"));
    }
}
