using System.Net;
using Engagement.Webhooks;

namespace Engagement.Tests.Webhooks;

public class guarding_against_private_addresses
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.10")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:c0a8:101::1")]
    public void loopback_private_link_local_multicast_and_reserved_addresses_are_not_public(string address) =>
        Assert.False(AddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void globally_routable_addresses_are_public(string address) =>
        Assert.True(AddressGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task a_delivery_to_a_private_address_is_refused_before_connecting_unless_allowed()
    {
        await using var receiver = await Receiver.StartAsync();
        using var refusing = new WebhookSender(new WebhookSettings { AllowPrivateNetworks = false, RequestTimeout = TimeSpan.FromSeconds(5) });
        using var allowing = new WebhookSender(new WebhookSettings { AllowPrivateNetworks = true, RequestTimeout = TimeSpan.FromSeconds(5) });
        var secret = WebhookSecrets.NewSecret();

        var refused = await refusing.SendAsync(receiver.Url, "msg_1", DateTimeOffset.UtcNow, "{}", [secret], CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Null(refused.StatusCode);
        Assert.StartsWith("refused", refused.Error);
        Assert.Empty(receiver.Requests);

        var localhost = await refusing.SendAsync($"http://localhost:{receiver.Port}/hook", "msg_2", DateTimeOffset.UtcNow, "{}", [secret],
            CancellationToken.None);
        Assert.StartsWith("refused", localhost.Error);
        Assert.Empty(receiver.Requests);

        var sent = await allowing.SendAsync(receiver.Url, "msg_3", DateTimeOffset.UtcNow, "{}", [secret], CancellationToken.None);
        Assert.True(sent.Succeeded);
        Assert.Equal("thanks", sent.ResponseBody);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task registration_refuses_a_private_host_and_names_the_address()
    {
        var refusal = await AddressGuard.RefusalAsync(new Uri("http://localhost:8080/hook"), false, CancellationToken.None);
        Assert.NotNull(refusal);
        Assert.Null(await AddressGuard.RefusalAsync(new Uri("http://localhost:8080/hook"), true, CancellationToken.None));
        Assert.Null(await AddressGuard.RefusalAsync(new Uri("https://93.184.215.14/hook"), false, CancellationToken.None));
        Assert.Contains("::1", await AddressGuard.RefusalAsync(new Uri("http://[::1]/hook"), false, CancellationToken.None));
    }
}
