using Engagement.Tests.Support;

namespace Engagement.Tests.Webhooks;

public class delivering_webhooks(WebhookFixture fixture) : WebhookTest(fixture)
{
    [Fact]
    public async Task every_event_is_delivered_signed_in_sequence_order_with_names_resolved()
    {
        var receiver = await ReceiverAsync();
        var (endpoint, secret) = await SubscribeAsync(receiver);

        var ministry = await Host.Organization("Ministry of Science and Technology");
        var member = await Host.Organization("Member Co", "member");
        var meeting = await Host.Meeting(new DateOnly(2023, 7, 14), ministry, member);
        var suggestion = await Host.Suggestion(meeting, member, ministry);
        await Host.PostOk($"/api/suggestions/{suggestion}/responses", new { text = "We will consider it" });

        var received = (await Eventually("five deliveries", receiver, r => r.Count(x => x.Status == 200) >= 5))
            .OrderBy(r => r.Sequence).ToList();
        Assert.Equal(["organization.registered", "organization.registered", "meeting.logged", "suggestion.raised", "suggestion.responded"],
            received.Select(r => r.Type));
        Assert.All(received, r => Assert.True(
            StandardWebhooks.Verify(secret, r.Id, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow), $"signature of {r.Body}"));
        Assert.Equal(5, received.Select(r => r.Id).Distinct().Count());

        var raised = received[3].Json;
        Assert.Equal(suggestion, raised["data"]!["suggestion"]!["id"]!.GetValue<Guid>());
        Assert.Equal(member, raised["data"]!["raisedBy"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Member Co", raised["data"]!["raisedBy"]!["name"]!.GetValue<string>());
        Assert.Equal("Ministry of Science and Technology", raised["data"]!["addressedTo"]!["name"]!.GetValue<string>());
        Assert.Equal("Meeting", raised["data"]!["meeting"]!["name"]!.GetValue<string>());
        Assert.Equal("bootstrap", raised["recordedBy"]!.GetValue<string>());
        Assert.Equal("Member Co", received[4].Json["data"]!["raisedBy"]!["name"]!.GetValue<string>());

        var log = await LogAsync(endpoint, "succeeded", 5);
        Assert.All(log, row =>
        {
            Assert.Equal(200, row!["responseCode"]!.GetValue<int>());
            Assert.Equal("thanks", row["responseBody"]!.GetValue<string>());
            Assert.Equal(1, row["attempt"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task the_delivery_continues_the_trace_of_the_write_that_recorded_the_event()
    {
        var receiver = await ReceiverAsync();
        await SubscribeAsync(receiver);
        var trace = System.Diagnostics.ActivityTraceId.CreateRandom();

        await Host.Scenario(s =>
        {
            s.Post.Json(new { name = $"Ministry of Transport {trace}", kind = "government" }).ToUrl("/api/organizations");
            s.WithRequestHeader("traceparent", $"00-{trace}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");
            s.StatusCodeShouldBe(201);
        });

        var delivered = (await Eventually("the delivery", receiver, r => r.Any(x => x.Status == 200))).First(x => x.Status == 200);
        Assert.Equal(trace.ToString(), delivered.TraceParent?.Split('-')[1]);
    }

    [Fact]
    public async Task a_failing_endpoint_is_retried_with_the_same_webhook_id_until_it_answers()
    {
        var receiver = await ReceiverAsync();
        receiver.Script(Answer.Error500, Answer.Error500);
        var (endpoint, secret) = await SubscribeAsync(receiver);

        await Host.Organization("Ministry of Foreign Trade");

        var received = await Eventually("a success after two failures", receiver, r => r.Any(x => x.Status == 200));
        Assert.Equal([500, 500, 200], received.Select(r => r.Status));
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.Single(received.Select(r => r.Body).Distinct());
        Assert.All(received, r => Assert.True(StandardWebhooks.Verify(secret, r.Id, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow)));

        await LogAsync(endpoint, "succeeded", 1);
        var log = await DeliveriesAsync(endpoint);
        Assert.Equal([3, 2, 1], log.Select(r => r!["attempt"]!.GetValue<int>()));
        Assert.Equal(["succeeded", "failed", "failed"], log.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal([200, 500, 500], log.Select(r => r!["responseCode"]!.GetValue<int>()));
        Assert.Single(log.Select(r => r!["webhookId"]!.GetValue<string>()).Distinct());
        Assert.Equal(received[0].Id, log[0]!["webhookId"]!.GetValue<string>());
        Assert.Equal("answered 500 as told", log[2]!["responseBody"]!.GetValue<string>());
        Assert.NotNull(log[2]!["nextAttemptAt"]);
        Assert.Null(log[0]!["nextAttemptAt"]);
        Assert.Equal(2, (await DeliveriesAsync(endpoint, "failed")).Count);
    }

    [Fact]
    public async Task a_hanging_endpoint_times_out_and_is_tried_again()
    {
        var receiver = await ReceiverAsync();
        receiver.Script(Answer.Hang);
        var (endpoint, _) = await SubscribeAsync(receiver, "organization.registered");

        await Host.Organization("Ministry of Finance");

        var received = await Eventually("a success after a timeout", receiver, r => r.Any(x => x.Status == 200));
        Assert.Equal([0, 200], received.Select(r => r.Status));
        Assert.Equal(received[0].Id, received[1].Id);

        var failed = Assert.Single(await LogAsync(endpoint, "failed", 1))!;
        Assert.Null(failed["responseCode"]);
        Assert.Contains("no response within 1 s", failed["error"]!.GetValue<string>());
        Assert.True(failed["durationMs"]!.GetValue<long>() >= 900, failed.ToJsonString());
    }

    [Fact]
    public async Task deliveries_wait_out_a_receiver_that_refuses_connections()
    {
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await SubscribeAsync(receiver);
        await receiver.StopAsync();

        Guid[] sent = [await Host.Organization("Ministry of Industry"), await Host.Organization("Ministry of Education")];

        var refused = (await Eventually("refused attempts in the log", async () =>
        {
            var rows = await DeliveriesAsync(endpoint, "failed");
            return rows.Count >= 2 ? rows : null;
        }))[0]!;
        Assert.Null(refused["responseCode"]);
        Assert.Contains("refused", refused["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        await receiver.ListenAsync();

        var received = await Eventually("both events once the receiver listens again", receiver, r => r.Count(x => x.Status == 200) == 2);
        Assert.Equal(sent.Order(), received.Select(r => r.Json["data"]!["organization"]!["id"]!.GetValue<Guid>()).Order());
        await LogAsync(endpoint, "succeeded", 2);
    }

    [Fact]
    public async Task an_endpoint_that_answers_410_is_disabled_and_an_event_says_so()
    {
        var gone = await ReceiverAsync(Answer.Gone410);
        var watcher = await ReceiverAsync();
        var (goneId, _) = await SubscribeAsync(gone);
        await SubscribeAsync(watcher);

        await Host.Organization("Ministry of Ecology");

        var disabled = await Eventually("webhook.disabled at the watcher", watcher,
            r => r.Any(x => x.Type == "webhook.disabled"));
        var data = disabled.Single(x => x.Type == "webhook.disabled").Json["data"]!;
        Assert.Equal(goneId, data["webhook"]!["id"]!.GetValue<Guid>());
        Assert.Equal(gone.Url, data["webhook"]!["url"]!.GetValue<string>());
        Assert.Equal("gone", data["cause"]!.GetValue<string>());
        Assert.Equal("webhook-delivery", disabled.Single(x => x.Type == "webhook.disabled").Json["recordedBy"]!.GetValue<string>());

        var view = await Host.GetOk($"/api/webhooks/{goneId}");
        Assert.Equal("disabled", view["status"]!.GetValue<string>());
        Assert.Equal("gone", view["disabledCause"]!.GetValue<string>());
        Assert.Single(gone.Requests);

        await Host.Organization("Ministry of Transport");
        await Eventually("the next event at the watcher", watcher, r => r.Count(x => x.Type == "organization.registered") == 2);
        Assert.Single(gone.Requests);
        Assert.Single(await DeliveriesAsync(goneId));
    }

    [Theory]
    [InlineData(Answer.TooMany429, 429)]
    [InlineData(Answer.Unavailable503, 503)]
    public async Task retry_after_is_honoured(Answer answer, int status)
    {
        var receiver = await ReceiverAsync();
        receiver.RetryAfterSeconds = 2;
        receiver.Script(answer);
        await SubscribeAsync(receiver);

        await Host.Organization($"Ministry of Health {status}");

        var received = await Eventually($"a success after {status}", receiver, r => r.Any(x => x.Status == 200));
        Assert.Equal([status, 200], received.Select(r => r.Status));
        var waited = received[1].At - received[0].At;
        Assert.True(waited >= TimeSpan.FromSeconds(1.9), $"retried after {waited.TotalMilliseconds} ms, the schedule says 300 ms, Retry-After 2 s");
    }

    [Fact]
    public async Task an_endpoint_whose_every_attempt_fails_for_five_days_is_disabled_visibly()
    {
        var failing = await ReceiverAsync(Answer.Error500);
        var watcher = await ReceiverAsync();
        var (failingId, _) = await SubscribeAsync(failing);
        await SubscribeAsync(watcher, "webhook.disabled");

        await Host.Organization("Ministry of Agriculture");
        await Eventually("a first failure", failing, r => r.Count >= 1);
        var before = failing.Requests.Count;
        Fixture.Clock.Offset = TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1);

        var received = await Eventually("webhook.disabled at the watcher", watcher, r => r.Any());
        var data = Assert.Single(received).Json["data"]!;
        Assert.Equal(failingId, data["webhook"]!["id"]!.GetValue<Guid>());
        Assert.Equal("failing", data["cause"]!.GetValue<string>());
        Assert.Contains("Every attempt since", data["reason"]!.GetValue<string>());

        var view = await Host.GetOk($"/api/webhooks/{failingId}");
        Assert.Equal("disabled", view["status"]!.GetValue<string>());
        Assert.Equal("failing", view["disabledCause"]!.GetValue<string>());
        Assert.True(failing.Requests.Count > before);

        await Host.PostOk($"/api/webhooks/{failingId}/enable", new { });
        var afterEnabling = failing.Requests.Count;
        await Host.Organization("Ministry of Veterans Affairs");
        await Eventually("a failure after enabling", failing, r => r.Count > afterEnabling + 1);
        Assert.Equal("enabled", (await Host.GetOk($"/api/webhooks/{failingId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_endpoint_gets_at_most_the_configured_number_of_first_attempts_at_a_time_in_sequence_order()
    {
        var receiver = await ReceiverAsync(Answer.Hang);
        await SubscribeAsync(receiver);

        const int inFlight = WebhookFixture.MaxInFlightPerEndpoint;
        await RecordOrganizationsAsync(3 * inFlight, "Bureau of Culture");

        // Every request hangs until the timeout: the first few land together, and nothing more comes before they end.
        var sent = await Eventually("the first attempts in flight", receiver, r => r.Count >= inFlight);
        await Task.Delay(WebhookFixture.RequestTimeout / 2);
        Assert.Equal(inFlight, receiver.MaxInFlight);
        Assert.Equal(inFlight, receiver.Requests.Count);
        receiver.Default = Answer.Ok;

        var received = await Eventually("every event delivered", receiver,
            r => r.Where(x => x.Status == 200).Select(x => x.Sequence).Distinct().Count() == 3 * inFlight);
        var firstAttempts = received.GroupBy(x => x.Id).Select(g => g.First().Sequence).ToList();
        Assert.Equal(firstAttempts.Order().Take(inFlight), firstAttempts.Take(inFlight).Order());
        Assert.InRange(receiver.MaxInFlight, inFlight, 2 * inFlight);
    }

    [Fact]
    public async Task the_service_stopped_mid_delivery_loses_nothing_when_it_starts_again()
    {
        var receiver = await ReceiverAsync(Answer.Hang);
        var (endpoint, secret) = await SubscribeAsync(receiver);

        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await Host.Organization($"Provincial Bureau {i}"));
        await Eventually("a delivery in flight", receiver, r => r.Count >= 1);

        await Fixture.RestartAsync();
        receiver.Default = Answer.Ok;

        var received = await Eventually("all three events after the restart", receiver,
            r => r.Where(x => x.Status == 200).Select(x => x.Sequence).Distinct().Count() == 3);
        Assert.Equal(ids.Order(), received.Where(x => x.Status == 200)
            .Select(x => x.Json["data"]!["organization"]!["id"]!.GetValue<Guid>()).Distinct().Order());
        foreach (var attempts in received.GroupBy(x => x.Sequence))
            Assert.Single(attempts.Select(x => x.Id).Distinct());
        Assert.All(received.Where(x => x.Status == 200),
            r => Assert.True(StandardWebhooks.Verify(secret, r.Id, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow)));
        await LogAsync(endpoint, "succeeded", 3);
    }

    [Fact]
    public async Task replay_resends_exactly_the_events_from_the_given_point_with_their_webhook_ids()
    {
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await SubscribeAsync(receiver, "organization.registered");
        for (var i = 0; i < 5; i++) await Host.Organization($"Agency {i}");
        var first = (await Eventually("five deliveries", receiver, r => r.Count(x => x.Status == 200) == 5)).OrderBy(r => r.Sequence).ToList();
        var third = first[2];

        var (status, body, _) = await Host.PostJson($"/api/webhooks/{endpoint}/replay", new { fromSequence = third.Sequence });
        Assert.Equal(202, status);
        Assert.Equal(3, body!["events"]!.GetValue<int>());

        var all = await Eventually("three replayed deliveries", receiver, r => r.Count == 8);
        var replayed = all.Skip(5).OrderBy(r => r.Sequence).ToList();
        Assert.Equal(first.Skip(2).Select(r => (r.Sequence, r.Id, r.Body)), replayed.Select(r => (r.Sequence, r.Id, r.Body)));

        var fourth = first[3];
        var since = fourth.Json["timestamp"]!.GetValue<DateTimeOffset>();
        (status, body, _) = await Host.PostJson($"/api/webhooks/{endpoint}/replay", new { since });
        Assert.Equal(202, status);
        Assert.Equal(2, body!["events"]!.GetValue<int>());
        all = await Eventually("two more replayed deliveries", receiver, r => r.Count == 10);
        Assert.Equal(first.Skip(3).Select(r => r.Id), all.Skip(8).OrderBy(r => r.Sequence).Select(r => r.Id));
    }

    [Fact]
    public async Task a_manual_retry_sends_a_delivery_again_now_with_the_same_webhook_id()
    {
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await SubscribeAsync(receiver);
        await Host.Organization("Ministry of Water Resources");
        var first = (await Eventually("the delivery", receiver, r => r.Count == 1))[0];

        var (status, body, _) = await Host.PostJson($"/api/webhooks/{endpoint}/deliveries/{first.Id}/retry", null);
        Assert.Equal(202, status);
        Assert.Equal(2, body!["attempt"]!.GetValue<int>());

        var again = (await Eventually("the delivery again", receiver, r => r.Count == 2))[1];
        Assert.Equal((first.Id, first.Body), (again.Id, again.Body));
        var log = await LogAsync(endpoint, "succeeded", 2);
        Assert.Equal([2, 1], log.Select(r => r!["attempt"]!.GetValue<int>()));
    }

    [Fact]
    public async Task after_a_secret_rotation_both_secrets_sign_until_the_overlap_ends()
    {
        var receiver = await ReceiverAsync();
        var (endpoint, oldSecret) = await SubscribeAsync(receiver, "organization.registered");
        var rotated = await Host.PostOk($"/api/webhooks/{endpoint}/secret-rotation", new { });
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);

        await Host.Organization("State Council Office");
        var during = (await Eventually("a delivery during the overlap", receiver, r => r.Count == 1))[0];
        Assert.Equal(2, during.Signature!.Split(' ').Length);
        Assert.True(StandardWebhooks.Verify(oldSecret, during.Id, during.Timestamp, during.Signature, during.Body, DateTimeOffset.UtcNow));
        Assert.True(StandardWebhooks.Verify(newSecret, during.Id, during.Timestamp, during.Signature, during.Body, DateTimeOffset.UtcNow));

        Fixture.Clock.Offset = TimeSpan.FromHours(25);
        await Host.Organization("Customs Administration");
        var after = (await Eventually("a delivery after the overlap", receiver, r => r.Count == 2))[1];
        var then = DateTimeOffset.UtcNow + Fixture.Clock.Offset;
        Assert.Single(after.Signature!.Split(' '));
        Assert.True(StandardWebhooks.Verify(newSecret, after.Id, after.Timestamp, after.Signature, after.Body, then));
        Assert.False(StandardWebhooks.Verify(oldSecret, after.Id, after.Timestamp, after.Signature, after.Body, then));
    }
}
