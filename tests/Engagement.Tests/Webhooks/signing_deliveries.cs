using Engagement.Webhooks;

namespace Engagement.Tests.Webhooks;

public class signing_deliveries
{
    // The published test vector of the Standard Webhooks reference libraries: "sign function works" in
    // standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = "{\"test\": 2432232314}";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void the_signature_matches_the_standard_webhooks_test_vector()
    {
        Assert.Equal(VectorSignature, Signing.Sign(VectorId, VectorTimestamp, VectorBody, VectorSecret));
        Assert.True(StandardWebhooks.Verify(VectorSecret, VectorId, VectorTimestamp.ToString(), VectorSignature, VectorBody,
            DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp)));
    }

    [Fact]
    public void the_independent_check_refuses_a_changed_body_an_old_timestamp_and_another_secret()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);
        Assert.False(StandardWebhooks.Verify(VectorSecret, VectorId, VectorTimestamp.ToString(), VectorSignature, VectorBody + " ", at));
        Assert.False(StandardWebhooks.Verify(VectorSecret, VectorId, VectorTimestamp.ToString(), VectorSignature, VectorBody,
            at.AddMinutes(6)));
        Assert.False(StandardWebhooks.Verify(WebhookSecrets.NewSecret(), VectorId, VectorTimestamp.ToString(), VectorSignature,
            VectorBody, at));
    }

    [Fact]
    public void several_secrets_give_one_space_separated_signature_each()
    {
        var other = WebhookSecrets.NewSecret();
        var header = Signing.Header(VectorId, VectorTimestamp, VectorBody, [other, VectorSecret]);
        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(VectorSignature, parts[1]);
        Assert.True(StandardWebhooks.Verify(other, VectorId, VectorTimestamp.ToString(), header, VectorBody,
            DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp)));
    }

    [Fact]
    public void a_new_secret_is_whsec_and_at_least_24_random_bytes()
    {
        var secret = WebhookSecrets.NewSecret();
        Assert.StartsWith("whsec_", secret);
        Assert.True(Convert.FromBase64String(secret["whsec_".Length..]).Length >= 24);
        Assert.NotEqual(secret, WebhookSecrets.NewSecret());
    }

    [Fact]
    public void a_rotated_secret_keeps_signing_until_its_overlap_ends()
    {
        var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        var secrets = new WebhookSecrets(Guid.NewGuid(), [new SigningSecret("whsec_b2xk", null)])
            .Rotate("whsec_bmV3", now, now.AddHours(24));
        Assert.Equal(["whsec_bmV3", "whsec_b2xk"], secrets.SigningAt(now.AddHours(23)));
        Assert.Equal(["whsec_bmV3"], secrets.SigningAt(now.AddHours(24)));

        var twice = secrets.Rotate("whsec_dGhpcmQ=", now.AddHours(1), now.AddHours(25));
        Assert.Equal(["whsec_dGhpcmQ=", "whsec_bmV3", "whsec_b2xk"], twice.SigningAt(now.AddHours(2)));
        Assert.Equal(["whsec_dGhpcmQ=", "whsec_bmV3"], twice.SigningAt(now.AddHours(24)));
    }
}
