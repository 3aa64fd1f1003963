using Engagement.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Engagement.Tests.Infrastructure;

public class if_match_parsing
{
    private static (bool Ok, long? Version) Parse(string? header)
    {
        var http = new DefaultHttpContext();
        if (header is not null) http.Request.Headers.IfMatch = header;
        var ok = IfMatch.TryParse(http.Request, out var version);
        return (ok, version);
    }

    [Fact]
    public void no_header_asks_for_no_version()
    {
        Assert.Equal((true, (long?)null), Parse(null));
        Assert.Equal((true, (long?)null), Parse("  "));
    }

    [Theory]
    [InlineData("\"7\"", 7)]
    [InlineData("W/\"7\"", 7)]
    [InlineData(" \"12\" ", 12)]
    [InlineData("\"9223372036854775807\"", long.MaxValue)]
    public void a_quoted_version_is_read(string header, long version)
    {
        Assert.Equal((true, (long?)version), Parse(header));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"0\"")]
    [InlineData("\"-3\"")]
    [InlineData("\"+3\"")]
    [InlineData("\"3.0\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"3\", \"4\"")]
    [InlineData("\"9223372036854775808\"")]
    public void anything_else_is_malformed(string header)
    {
        Assert.False(Parse(header).Ok);
    }
}
