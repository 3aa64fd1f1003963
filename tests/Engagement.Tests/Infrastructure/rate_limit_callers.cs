using System.Net;
using System.Security.Claims;
using Engagement.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Engagement.Tests.Infrastructure;

public class rate_limit_callers
{
    private static string CallerOf(params Claim[] claims)
    {
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
        http.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
        return RateLimits.Caller(http);
    }

    [Fact]
    public void token_holders_are_told_apart_by_subject_not_by_name()
    {
        var ada = CallerOf(new Claim(ClaimTypes.Name, "Ada Lovelace"), new Claim("sub", "u-1", null, "https://idp.example.test"));
        var namesake = CallerOf(new Claim(ClaimTypes.Name, "Ada Lovelace"), new Claim("sub", "u-2", null, "https://idp.example.test"));
        var renamed = CallerOf(new Claim(ClaimTypes.Name, "Ada King"), new Claim("sub", "u-1", null, "https://idp.example.test"));

        Assert.NotEqual(ada, namesake);
        Assert.Equal(ada, renamed);
    }

    [Fact]
    public void keys_are_told_apart_by_id_not_by_name()
    {
        var first = CallerOf(new Claim(ClaimTypes.Name, "crm"), new Claim(Engagement.Access.Claims.KeyId, Guid.NewGuid().ToString()));
        var second = CallerOf(new Claim(ClaimTypes.Name, "crm"), new Claim(Engagement.Access.Claims.KeyId, Guid.NewGuid().ToString()));

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("crm", first);
    }

    [Fact]
    public void a_caller_with_no_id_is_its_address()
    {
        Assert.Equal("ip:198.51.100.7", RateLimits.Caller(new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("198.51.100.7") } }));
        Assert.Equal("ip:198.51.100.7", CallerOf(new Claim(ClaimTypes.Name, "someone")));
    }
}
