using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class text_limits(AppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, string, int> TextFields => new()
    {
        { WriteRoutes.Organizations, "name", Limits.Name },
        { WriteRoutes.Organizations, "country", Limits.Country },
        { WriteRoutes.People, "name", Limits.Name },
        { WriteRoutes.People, "title", Limits.Title },
        { WriteRoutes.Posts, "title", Limits.Title },
        { WriteRoutes.Meetings, "title", Limits.Title },
        { WriteRoutes.Meetings, "location", Limits.Title },
        { WriteRoutes.Meetings, "summary", Limits.Text },
        { WriteRoutes.Meetings, "topics[0]", Limits.Topic },
        { WriteRoutes.Notes, "text", Limits.Note },
        { WriteRoutes.Corrections, "title", Limits.Title },
        { WriteRoutes.Corrections, "location", Limits.Title },
        { WriteRoutes.Corrections, "summary", Limits.Text },
        { WriteRoutes.Corrections, "topics[0]", Limits.Topic },
        { WriteRoutes.Corrections, "reason", Limits.Note },
        { WriteRoutes.Suggestions, "topic", Limits.Topic },
        { WriteRoutes.Suggestions, "text", Limits.Text },
        { WriteRoutes.Responses, "text", Limits.Text },
        { WriteRoutes.Resolution, "note", Limits.Note },
        { WriteRoutes.Reopening, "reason", Limits.Note },
        { WriteRoutes.Commitments, "description", Limits.Text },
        { WriteRoutes.Progress, "note", Limits.Note },
        { WriteRoutes.DueDate, "reason", Limits.Note },
        { WriteRoutes.Fulfilment, "note", Limits.Note },
        { WriteRoutes.Cancellation, "reason", Limits.Note }
    };

    private async Task<string> BodyWith(string route, string field, string value)
    {
        var body = JsonSerializer.SerializeToNode(WriteRoutes.Body(route, await WriteRoutes.SetUp(Host)), Scenarios.Json)!.AsObject();
        if (field == "topics[0]") body["topics"] = new JsonArray(value);
        else body[field] = value;
        return body.ToJsonString();
    }

    [Theory, MemberData(nameof(TextFields))]
    public async Task text_one_character_over_its_limit_is_refused(string route, string field, int limit)
    {
        var messages = await Host.PostRejectingField(WriteRoutes.Url(route, Guid.NewGuid()),
            await BodyWith(route, field, new string('x', limit + 1)), field);

        Assert.Equal([$"must be at most {limit} characters"], messages);
    }

    public static TheoryData<string, string> Fields()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in TextFields) data.Add((string)row[0], (string)row[1]);
        return data;
    }

    [Theory, MemberData(nameof(Fields))]
    public async Task control_characters_are_refused(string route, string field)
    {
        var messages = await Host.PostRejectingField(WriteRoutes.Url(route, Guid.NewGuid()), await BodyWith(route, field, "a\u0000b"), field);

        Assert.Equal(["must not contain control characters"], messages);
    }

    [Fact]
    public async Task limits_count_characters_not_bytes()
    {
        var id = (await Host.PostJson("/api/organizations", new { name = new string('中', Limits.Name), kind = "member" })).ShouldBeWritten(201, 1);

        Assert.Equal(Limits.Name, (await Host.GetOk($"/api/organizations/{id}")).Text("name").Length);
    }

    [Fact]
    public async Task limits_count_characters_as_a_person_does_not_utf16_units()
    {
        var world = await WriteRoutes.SetUp(Host);
        string Meeting(string summary) => $$"""{"title": "Call", "heldOn": "2026-11-01", "organizationIds": ["{{world.Government}}"], "summary": "{{summary}}"}""";
        var emoji = string.Concat(Enumerable.Repeat("🚀", Limits.Text));

        Assert.Equal(201, (await Host.PostJson("/api/meetings", Meeting(emoji))).Status);
        Assert.Equal([$"must be at most {Limits.Text} characters"],
            await Host.PostRejectingField("/api/meetings", Meeting(emoji + "🚀"), "summary"));
    }

    [Fact]
    public async Task an_emoji_sequence_or_a_letter_with_its_accent_is_one_character()
    {
        const string family = "👨‍👩‍👧‍👦", accented = "é";

        Assert.Equal(201, (await Host.PostJson("/api/organizations",
            new { name = string.Concat(Enumerable.Repeat(family, Limits.Name / 2)) + string.Concat(Enumerable.Repeat(accented, Limits.Name / 2)), kind = "member" })).Status);
        await Host.PostRejectingField("/api/organizations", new { name = new string('x', Limits.Name - 1) + family + accented, kind = "member" }, "name");
    }

    [Fact]
    public async Task delete_and_c1_controls_are_control_characters_too()
    {
        await Host.PostRejectingField("/api/organizations", new { name = "Acme\u007f", kind = "member" }, "name");
        await Host.PostRejectingField("/api/organizations", new { name = "Acme\u0085", kind = "member" }, "name");
    }

    [Fact]
    public async Task text_beyond_the_basic_plane_is_kept_intact()
    {
        var id = await Host.Organization("Acme 🚀 科技", "member");

        Assert.Equal("Acme 🚀 科技", (await Host.GetOk($"/api/organizations/{id}")).Text("name"));
    }
}
