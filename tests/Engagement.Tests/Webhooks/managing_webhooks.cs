using Engagement.Tests.Support;

namespace Engagement.Tests.Webhooks;

/// <summary>The management API, on the shared "api" host, where private addresses are not allowed (the default).</summary>
public class managing_webhooks(AppFixture fixture) : ApiTest(fixture)
{
    private const string PublicUrl = "https://93.184.215.14/hooks/engagement";

    private async Task<Guid> Register(object? eventTypes = null) =>
        (await Host.PostOk("/api/webhooks", new { url = PublicUrl, eventTypes, description = "CRM" }))["id"]!.GetValue<Guid>();

    [Fact]
    public async Task registering_answers_the_id_and_a_secret_shown_only_once()
    {
        var (status, body, result) = await Host.PostJson("/api/webhooks",
            new { url = PublicUrl, eventTypes = new[] { "suggestion.raised", "suggestion.resolved" }, description = "CRM" });

        Assert.Equal(201, status);
        var id = body!["id"]!.GetValue<Guid>();
        var secret = body["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        Assert.True(Convert.FromBase64String(secret["whsec_".Length..]).Length >= 24);
        Assert.Equal($"/api/webhooks/{id}", result.Context.Response.Headers.Location.ToString());

        var read = await Host.GetOk($"/api/webhooks/{id}");
        Assert.Equal(PublicUrl, read["url"]!.GetValue<string>());
        Assert.Equal(["suggestion.raised", "suggestion.resolved"], read["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("enabled", read["status"]!.GetValue<string>());
        Assert.DoesNotContain("whsec_", read.ToJsonString());

        var list = (await Host.GetOk("/api/webhooks"))["items"]!.AsArray();
        Assert.Contains(list, w => w!["id"]!.GetValue<Guid>() == id);
        Assert.DoesNotContain("whsec_", list.ToJsonString());
    }

    [Fact]
    public async Task without_event_types_an_endpoint_receives_every_type()
    {
        var id = await Register();
        Assert.Null((await Host.GetOk($"/api/webhooks/{id}"))["eventTypes"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://224.0.0.1/hook")]
    public async Task a_url_resolving_to_a_private_address_is_refused(string url)
    {
        var before = await EventCount();
        var response = await Host.PostJson("/api/webhooks", new { url });
        response.ShouldRejectField("url");
        Assert.Equal(before, await EventCount());
    }

    [Theory]
    [InlineData("{}", "url")]
    [InlineData("{\"url\":\"ftp://93.184.215.14/x\"}", "url")]
    [InlineData("{\"url\":\"not a url\"}", "url")]
    [InlineData("{\"url\":\"https://user:pass@93.184.215.14/x\"}", "url")]
    [InlineData("{\"url\":\"https://no-such-host.invalid/x\"}", "url")]
    [InlineData("{\"url\":\"https://93.184.215.14/x\",\"eventTypes\":[]}", "eventTypes")]
    [InlineData("{\"url\":\"https://93.184.215.14/x\",\"eventTypes\":[\"suggestion.raised\",\"suggestion.raised\"]}", "eventTypes")]
    [InlineData("{\"url\":\"https://93.184.215.14/x\",\"eventTypes\":[\"meeting.logged\",\"SuggestionRaised\"]}", "eventTypes[1]")]
    [InlineData("{\"url\":\"https://93.184.215.14/x\",\"eventTypes\":\"meeting.logged\"}", "eventTypes")]
    [InlineData("{\"url\":\"https://93.184.215.14/x\",\"secret\":\"mine\"}", "secret")]
    public async Task bad_input_is_a_400_naming_the_field(string body, string field) =>
        (await Host.PostJson("/api/webhooks", body)).ShouldRejectField(field);

    [Fact]
    public async Task an_unknown_webhook_is_a_404_everywhere()
    {
        var id = Guid.NewGuid();
        (await Host.GetJson($"/api/webhooks/{id}")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/webhooks/{id}/deliveries")).ShouldBeProblem(404);
        (await Host.PostJson($"/api/webhooks/{id}/disable", null)).ShouldBeProblem(404);
        (await Host.PostJson($"/api/webhooks/{id}/enable", null)).ShouldBeProblem(404);
        (await Host.PostJson($"/api/webhooks/{id}/secret-rotation", null)).ShouldBeProblem(404);
        (await Host.PostJson($"/api/webhooks/{id}/deliveries/msg_x/retry", null)).ShouldBeProblem(404);
        (await Host.PostJson($"/api/webhooks/{id}/replay", new { fromSequence = 1 })).ShouldBeProblem(404);
        var delete = await Host.Scenario(s => { s.Delete.Url($"/api/webhooks/{id}"); s.StatusCodeShouldBe(404); });
        Assert.Equal("application/problem+json", delete.Context.Response.ContentType?.Split(';')[0]);
    }

    [Fact]
    public async Task an_id_that_is_not_a_uuid_is_a_404_not_a_500()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/api/webhooks/not-an-id"); s.IgnoreStatusCode(); });
        Assert.Equal(404, result.Context.Response.StatusCode);
    }

    [Fact]
    public async Task an_unknown_delivery_is_a_404()
    {
        var id = await Register();
        (await Host.PostJson($"/api/webhooks/{id}/deliveries/msg_nothing_1/retry", null)).ShouldBeProblem(404);
    }

    [Fact]
    public async Task disabling_and_enabling_are_recorded_and_repeating_either_is_a_conflict()
    {
        var id = await Register();

        await Host.PostOk($"/api/webhooks/{id}/disable", new { });
        var disabled = await Host.GetOk($"/api/webhooks/{id}");
        Assert.Equal("disabled", disabled["status"]!.GetValue<string>());
        Assert.Equal("manual", disabled["disabledCause"]!.GetValue<string>());
        (await Host.PostJson($"/api/webhooks/{id}/disable", null)).ShouldBeProblem(409);
        (await Host.PostJson($"/api/webhooks/{id}/replay", new { fromSequence = 1 })).ShouldBeProblem(409);

        await Host.PostOk($"/api/webhooks/{id}/enable", new { });
        Assert.Equal("enabled", (await Host.GetOk($"/api/webhooks/{id}"))["status"]!.GetValue<string>());
        (await Host.PostJson($"/api/webhooks/{id}/enable", null)).ShouldBeProblem(409);
    }

    [Fact]
    public async Task rotating_the_secret_answers_a_new_one_and_when_the_old_stops_signing()
    {
        var (_, created, _) = await Host.PostJson("/api/webhooks", new { url = PublicUrl });
        var id = created!["id"]!.GetValue<Guid>();

        var rotated = await Host.PostOk($"/api/webhooks/{id}/secret-rotation", new { });
        Assert.StartsWith("whsec_", rotated["secret"]!.GetValue<string>());
        Assert.NotEqual(created["secret"]!.GetValue<string>(), rotated["secret"]!.GetValue<string>());
        Assert.Equal(Clock.GetUtcNow().AddHours(24), rotated["previousValidUntil"]!.GetValue<DateTimeOffset>());
        Assert.NotNull((await Host.GetOk($"/api/webhooks/{id}"))["secretRotatedAt"]);
    }

    [Fact]
    public async Task a_deleted_webhook_is_gone()
    {
        var id = await Register();
        await Host.Scenario(s => { s.Delete.Url($"/api/webhooks/{id}"); s.StatusCodeShouldBe(204); });
        (await Host.GetJson($"/api/webhooks/{id}")).ShouldBeProblem(404);
        Assert.DoesNotContain((await Host.GetOk("/api/webhooks"))["items"]!.AsArray(), w => w!["id"]!.GetValue<Guid>() == id);
    }

    [Theory]
    [InlineData("{}", "fromSequence")]
    [InlineData("{\"fromSequence\":5,\"since\":\"2026-11-01T00:00:00Z\"}", "fromSequence")]
    [InlineData("{\"fromSequence\":0}", "fromSequence")]
    [InlineData("{\"fromSequence\":5,\"toSequence\":4}", "toSequence")]
    [InlineData("{\"since\":\"yesterday\"}", "since")]
    public async Task a_replay_needs_one_starting_point(string body, string field)
    {
        var id = await Register();
        (await Host.PostJson($"/api/webhooks/{id}/replay", body)).ShouldRejectField(field);
    }

    [Theory]
    [InlineData("?status=lost", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=many", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?cursor=nonsense", "cursor")]
    public async Task the_delivery_log_refuses_bad_filters(string query, string field)
    {
        var id = await Register();
        (await Host.GetJson($"/api/webhooks/{id}/deliveries{query}")).ShouldRejectField(field);
    }

    [Fact]
    public async Task the_catalogue_lists_every_event_type_with_an_example_envelope()
    {
        var types = (await Host.GetOk("/api/webhooks/event-types")).AsArray();
        Assert.Equal(
        [
            "organization.registered", "organization.renamed", "organization.register-id-changed", "organization.merged", "person.registered", "person.post-changed", "person.erased",
            "meeting.logged", "meeting.note-added", "meeting.note-masked", "meeting.corrected", "suggestion.raised", "suggestion.responded", "suggestion.resolved",
            "suggestion.reopened", "commitment.made", "commitment.progressed", "commitment.due-date-changed", "commitment.fulfilled",
            "commitment.cancelled", "commitment.overdue", "commitment.falling-due", "suggestion.follow-up-due", "webhook.disabled"
        ], types.Select(t => t!["type"]!.GetValue<string>()));
        Assert.All(types, t =>
        {
            var example = t!["example"]!;
            Assert.Equal(t["type"]!.GetValue<string>(), example["type"]!.GetValue<string>());
            Assert.NotNull(example["timestamp"]);
            Assert.NotNull(example["sequence"]);
            Assert.NotNull(example["recordedBy"]);
            Assert.NotEmpty(example["data"]!.AsObject());
            Assert.False(string.IsNullOrWhiteSpace(t["description"]!.GetValue<string>()));
        });
        var raised = types.Single(t => t!["type"]!.GetValue<string>() == "suggestion.raised")!["example"]!["data"]!;
        Assert.Equal("Example Member Company", raised["raisedBy"]!["name"]!.GetValue<string>());
        Assert.Equal("Ministry of Science and Technology", raised["addressedTo"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?after=x", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?types=suggestion.raised,suggestion.lost", "types")]
    [InlineData("?types=,", "types")]
    public async Task the_pull_feed_refuses_bad_parameters(string query, string field) =>
        (await Host.GetJson($"/api/events{query}")).ShouldRejectField(field);
}
