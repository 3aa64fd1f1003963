using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class malformed_requests(AppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string> Routes => WriteRoutes.Data(WriteRoutes.All);

    private static string AnyUrl(string route) => WriteRoutes.Url(route, Guid.NewGuid());

    [Theory, MemberData(nameof(Routes))]
    public async Task json_that_does_not_parse_is_a_400_and_records_nothing(string route)
    {
        var problem = await Host.PostRefused(AnyUrl(route), """{"name": "Acme", """, 400);

        Assert.Equal("Malformed JSON", problem.Text("title"));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task an_empty_body_is_a_400(string route)
    {
        Assert.Equal("Malformed JSON", (await Host.PostRefused(AnyUrl(route), "", 400)).Text("title"));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_body_of_null_is_a_400_not_a_500(string route)
    {
        Assert.Equal("Malformed JSON", (await Host.PostRefused(AnyUrl(route), "null", 400)).Text("title"));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_body_that_is_not_an_object_is_a_400(string route)
    {
        await Host.PostRefused(AnyUrl(route), "[]", 400);
        await Host.PostRefused(AnyUrl(route), "\"text\"", 400);
        await Host.PostRefused(AnyUrl(route), "42", 400);
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task an_unknown_field_is_a_400_naming_it(string route)
    {
        var world = await WriteRoutes.SetUp(Host);
        var body = JsonSerializer.SerializeToNode(WriteRoutes.Body(route, world), Scenarios.Json)!.AsObject();
        body["recordedBy"] = "someone else";

        var messages = await Host.PostRejectingField(AnyUrl(route), body.ToJsonString(), "recordedBy");

        Assert.Equal(["is not a field of this request"], messages);
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_field_given_twice_is_a_400_naming_it_not_last_one_wins(string route)
    {
        var world = await WriteRoutes.SetUp(Host);
        var body = JsonSerializer.SerializeToNode(WriteRoutes.Body(route, world), Scenarios.Json)!.AsObject().ToJsonString();
        var (field, value) = JsonNode.Parse(body)!.AsObject().First();
        var twice = body.TrimEnd('}') + $",\"{field}\":{value!.ToJsonString()}}}";

        var messages = await Host.PostRejectingField(AnyUrl(route), twice, field);

        Assert.Equal(["is given more than once"], messages);
    }

    [Fact]
    public async Task a_field_given_twice_in_another_case_is_refused_too()
    {
        await Host.PostRejectingField("/api/organizations", """{"name": "Acme", "Name": "Other", "kind": "member"}""", "name");
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { WriteRoutes.Organizations, "name", "5" },
        { WriteRoutes.Organizations, "kind", "\"ministry\"" },
        { WriteRoutes.People, "organizationId", "\"most\"" },
        { WriteRoutes.People, "since", "\"15/01/2023\"" },
        { WriteRoutes.Posts, "since", "\"2026-02-30\"" },
        { WriteRoutes.Posts, "title", "[\"Director\"]" },
        { WriteRoutes.Meetings, "organizationIds", "\"not a list\"" },
        { WriteRoutes.Meetings, "heldOn", "\"2026-11-01T09:00:00Z\"" },
        { WriteRoutes.Meetings, "topics", "{\"first\": \"innovation\"}" },
        { WriteRoutes.Notes, "notedOn", "true" },
        { WriteRoutes.Corrections, "topics", "\"innovation\"" },
        { WriteRoutes.Suggestions, "raisedById", "12" },
        { WriteRoutes.Responses, "respondedOn", "20261101" },
        { WriteRoutes.Resolution, "outcome", "\"accepted\"" },
        { WriteRoutes.Resolution, "outcome", "0" },
        { WriteRoutes.Reopening, "reason", "{}" },
        { WriteRoutes.Commitments, "dueOn", "\"tomorrow\"" },
        { WriteRoutes.Commitments, "suggestionId", "\"\"" },
        { WriteRoutes.Progress, "note", "false" },
        { WriteRoutes.DueDate, "dueOn", "\"2027-13-01\"" },
        { WriteRoutes.Fulfilment, "fulfilledOn", "\"yesterday\"" },
        { WriteRoutes.Cancellation, "cancelledOn", "1.5" }
    };

    [Theory, MemberData(nameof(WrongTypes))]
    public async Task a_value_of_the_wrong_type_is_a_400_naming_the_field(string route, string field, string json)
    {
        var messages = await Host.PostRejectingField(AnyUrl(route), $$"""{"{{field}}": {{json}}}""", field);

        Assert.Equal(["has the wrong type or an unknown value; see the API reference"], messages);
    }

    [Fact]
    public async Task a_wrong_value_inside_a_list_is_named_by_its_position()
    {
        await Host.PostRejectingField("/api/meetings", """{"organizationIds": ["1d1c0f8e-6d0f-4f0e-9d8e-1d1c0f8e6d0f", 7]}""",
            "organizationIds[1]");
    }

    [Fact]
    public async Task escaped_lone_surrogates_are_refused_as_malformed_text()
    {
        await Host.PostRejectingField("/api/organizations", """{"name": "Acme \ud800 Corp", "kind": "member"}""", "name");
    }

    [Fact]
    public async Task an_enumeration_given_as_a_numeric_string_is_refused()
    {
        await Host.PostRejectingField("/api/organizations", """{"name": "Acme", "kind": "1"}""", "kind");
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_refused_as_an_unsupported_media_type()
    {
        var before = await EventCount();

        var response = await Host.PostJson("/api/organizations", """{"name":"Acme","kind":"member"}""",
            s => s.WithRequestHeader("Content-Type", "text/plain"));

        response.ShouldBeProblem(415);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task the_malformed_json_problem_keeps_out_internal_type_names()
    {
        var problem = await Host.PostRefused(AnyUrl(WriteRoutes.Resolution), """{"outcome": "accepted"}""", 400);

        Assert.DoesNotContain("Engagement.", problem.ToJsonString());
        Assert.DoesNotContain("lineNumber", problem.ToJsonString());
    }

    [Fact]
    public async Task validation_problems_list_every_field_at_once()
    {
        var problem = await Host.PostRefused("/api/meetings", new { location = new string('x', 301), sourceUrl = "nope" }, 400);

        Assert.Equal(["heldOn", "location", "organizationIds", "sourceUrl", "title"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal("The request is invalid", problem.Text("title"));
    }

    [Fact]
    public async Task a_problem_names_its_status_in_type_and_status()
    {
        var problem = await Host.PostRefused("/api/organizations", new { name = "Acme" }, 400);

        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc9110#status.400", problem.Text("type"));
        Assert.IsType<JsonObject>(problem["errors"]);
    }
}
