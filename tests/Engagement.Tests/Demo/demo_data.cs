using Marten;
using System.Text.Json.Nodes;
using Engagement.Demo;
using Engagement.Tests.Support;

namespace Engagement.Tests.Demo;

public class demo_data(AppFixture fixture) : ApiTest(fixture)
{
    private HttpClient AuthorizedClient()
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AppFixture.AdminKey);
        return client;
    }

    private async Task<(DemoLoadResult Result, string Output)> Load()
    {
        var output = new StringWriter();
        var result = await new DemoLoader(AuthorizedClient(), output, Clock.Today).LoadAsync();
        return (result, output.ToString());
    }

    [Fact]
    public async Task the_seed_meeting_is_loaded_with_its_suggestions_and_commitments()
    {
        var (result, _) = await Load();

        Assert.Equal(DemoLoadStatus.Loaded, result.Status);
        var meeting = await Host.GetOk($"/api/meetings/{result.SeedMeetingId}");
        Assert.Equal("Vice Minister Zhang Guangjun Meets AmCham China President Michael Hart", meeting["title"]!.GetValue<string>());
        Assert.Equal("2023-07-14", meeting["heldOn"]!.GetValue<string>());
        Assert.Equal(
            ["China-US technology relations", "China's technology policies",
             "Foreign enterprises' participation in China's technology development"],
            Strings(meeting["topics"]));
        Assert.Equal(
            ["Ministry of Science and Technology", "American Chamber of Commerce in China (AmCham China)",
             "AmCham China member companies (unnamed in the source)"],
            Strings(meeting["organizations"], "name"));

        var participants = meeting["participants"]!.AsArray();
        Assert.Contains(participants, p => p!["name"]!.GetValue<string>() == "Zhang Guangjun"
            && p["title"]!.GetValue<string>() == "Vice Minister of Science and Technology"
            && p["organization"]!["name"]!.GetValue<string>() == "Ministry of Science and Technology");
        Assert.Contains(participants, p => p!["name"]!.GetValue<string>() == "Michael Hart"
            && p["title"]!.GetValue<string>() == "President"
            && p["organization"]!["name"]!.GetValue<string>() == "American Chamber of Commerce in China (AmCham China)");

        // The full source text is kept with the meeting.
        var note = Assert.Single(meeting["notes"]!.AsArray())!;
        Assert.Contains("representatives from the chamber’s member companies presented suggestions", note["text"]!.GetValue<string>());

        var suggestions = meeting["suggestions"]!.AsArray();
        Assert.Equal(2, suggestions.Count);
        Assert.All(suggestions, s =>
        {
            Assert.Equal("AmCham China member companies (unnamed in the source)", s!["raisedBy"]!["name"]!.GetValue<string>());
            Assert.Equal("Ministry of Science and Technology", s["addressedTo"]!["name"]!.GetValue<string>());
            Assert.Equal("open", s["status"]!.GetValue<string>());
        });
        Assert.Contains(suggestions, s => s!["text"]!.GetValue<string>().StartsWith("Optimise the innovation ecosystem"));
        Assert.Contains(suggestions, s => s!["text"]!.GetValue<string>().StartsWith("Support foreign enterprises to conduct research"));

        var commitments = meeting["commitments"]!.AsArray();
        Assert.Equal(5, commitments.Count);
        Assert.Equal(2, commitments.Count(c => c!["owner"]!["name"]!.GetValue<string>() == "Ministry of Science and Technology"));
        Assert.Equal(3, commitments.Count(c => c!["owner"]!["name"]!.GetValue<string>() == "American Chamber of Commerce in China (AmCham China)"));
        Assert.Contains(commitments, c => c!["description"]!.GetValue<string>().Contains("White Paper on American Companies in China"));
        Assert.Contains(commitments, c => c!["description"]!.GetValue<string>().Contains("Washington DC Doorknock"));
        Assert.All(commitments, c =>
        {
            Assert.Null(c!["dueOn"]);
            Assert.Equal("open", c["status"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task every_write_is_accepted_and_everything_not_from_the_seed_is_labelled_synthetic()
    {
        var (result, output) = await Load();

        // Each accepted write appends exactly one event; the loader stops at the first rejection. Commitments that fall
        // overdue or due soon, and follow-ups that come due, append their own events in the background: not the loader's.
        var recordedByLoader = await RequestedEvents() - Fixture.BaselineEvents;
        Assert.Equal(result.Writes, recordedByLoader);
        Assert.Equal(25, result.Meetings);
        Assert.InRange(result.Suggestions, 25, 40);
        Assert.InRange(result.Commitments, 35, 50);
        Assert.Contains("none rejected", output);

        var organizations = (await Host.GetOk("/api/organizations?limit=500"))["items"]!.AsArray();
        Assert.Equal(result.Organizations, organizations.Count);
        var fromSeed = new[]
        {
            "Ministry of Science and Technology", "American Chamber of Commerce in China (AmCham China)",
            "AmCham China member companies (unnamed in the source)"
        };
        Assert.All(organizations.Select(o => o!["name"]!.GetValue<string>()).Except(fromSeed),
            name => Assert.StartsWith("[synthetic] ", name));

        var people = (await Host.GetOk("/api/people?limit=500"))["items"]!.AsArray();
        Assert.Equal(result.People, people.Count);
        Assert.All(people.Select(p => p!["name"]!.GetValue<string>()).Except(["Zhang Guangjun", "Michael Hart"]),
            name => Assert.StartsWith("[synthetic] ", name));
    }

    [Fact]
    public async Task loading_twice_writes_nothing_the_second_time()
    {
        var (first, _) = await Load();
        var events = await RequestedEvents();
        var organizations = (await Host.GetOk("/api/organizations"))["total"]!.GetValue<int>();

        var (second, output) = await Load();

        Assert.Equal(DemoLoadStatus.Loaded, first.Status);
        Assert.Equal(DemoLoadStatus.AlreadyLoaded, second.Status);
        Assert.Equal(0, second.Writes);
        Assert.Contains("already loaded", output);
        Assert.Equal(events, await RequestedEvents());
        Assert.Equal(organizations, (await Host.GetOk("/api/organizations"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_database_with_the_chamber_but_not_the_demo_is_refused_with_what_to_do()
    {
        await Host.Organization("American Chamber of Commerce in China (AmCham China)", "chamber");
        var events = await EventCount();

        var refused = await Assert.ThrowsAsync<DemoLoadException>(Load);

        Assert.Contains("empty database", refused.Message);
        Assert.Equal(events, await EventCount());
    }

    [Fact]
    public async Task a_rejected_write_stops_the_load_and_shows_the_problem()
    {
        // The service's today is before some of the demo's dates, so it must refuse them.
        Clock.SetToday(new DateOnly(2025, 1, 1));
        var loader = new DemoLoader(AuthorizedClient(), TextWriter.Null, new DateOnly(2026, 11, 24));

        var refused = await Assert.ThrowsAsync<DemoLoadException>(() => loader.LoadAsync());

        Assert.Contains("answered 400", refused.Message);
        Assert.Contains("\"since\":[\"must not be after today (2025-01-01)\"]", refused.Message);
        Assert.Contains("recreate the database", refused.Message);
    }

    private static string[] Strings(JsonNode? array, string? property = null) =>
        [.. array!.AsArray().Select(n => (property is null ? n : n![property])!.GetValue<string>())];
}
