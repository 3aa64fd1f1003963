using System.Net;
using System.Net.Sockets;

namespace Engagement.Webhooks;

/// <summary>
/// Keeps webhook deliveries from reaching inside the network (SSRF): only globally routable unicast addresses pass,
/// unless <see cref="WebhookSettings.AllowPrivateNetworks"/> is set.
/// </summary>
public static class AddressGuard
{
    private static readonly (IPAddress Network, int Prefix)[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"
        }.Select(Parse)
    ];

    /// <summary>Loopback, private, link-local, multicast, carrier-grade NAT, documentation and reserved ranges are not public.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Embedded(address) is { } inner) return IsPublic(inner);
        return !NotPublic.Any(range => Contains(range.Network, range.Prefix, address));
    }

    /// <summary>Why a URL may not receive deliveries, or null when it may; resolves the host name.</summary>
    public static async Task<string?> RefusalAsync(Uri url, bool allowPrivateNetworks, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(url.IdnHost, ct);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return $"the host '{url.Host}' could not be resolved";
        }
        if (addresses.Length == 0) return $"the host '{url.Host}' could not be resolved";
        if (allowPrivateNetworks) return null;
        var inside = addresses.FirstOrDefault(a => !IsPublic(a));
        return inside is null
            ? null
            : $"resolves to {inside}, a loopback, private, link-local, multicast or reserved address; webhooks go to public addresses only";
    }

    /// <summary>The addresses a delivery may connect to, in the resolver's order.</summary>
    public static IPAddress[] Permitted(IEnumerable<IPAddress> addresses, bool allowPrivateNetworks) =>
        [.. addresses.Where(a => allowPrivateNetworks || IsPublic(a))];

    /// <summary>The IPv4 address inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address, which is where packets go.</summary>
    private static IPAddress? Embedded(IPAddress v6)
    {
        var b = v6.GetAddressBytes();
        if (Contains(Nat64.Network, Nat64.Prefix, v6)) return new IPAddress(b[12..16]);
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b[2..6]);
        return null;
    }

    private static readonly (IPAddress Network, int Prefix) Nat64 = Parse("64:ff9b::/96");

    private static (IPAddress, int) Parse(string cidr)
    {
        var parts = cidr.Split('/');
        return (IPAddress.Parse(parts[0]), int.Parse(parts[1]));
    }

    private static bool Contains(IPAddress network, int prefix, IPAddress address)
    {
        if (network.AddressFamily != address.AddressFamily) return false;
        var n = network.GetAddressBytes();
        var a = address.GetAddressBytes();
        var whole = prefix / 8;
        for (var i = 0; i < whole; i++)
            if (n[i] != a[i]) return false;
        var rest = prefix % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (n[whole] & mask) == (a[whole] & mask);
    }
}
