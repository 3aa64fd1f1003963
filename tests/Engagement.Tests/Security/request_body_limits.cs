using Alba;
using Engagement.Tests.Support;

namespace Engagement.Tests.Security;

public class request_body_limits(AppFixture fixture) : ApiTest(fixture)
{
    private const int Limit = 256 * 1024;

    /// <summary>A request body that counts what the server reads of it.</summary>
    private sealed class CountingBody(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)' ', offset, n);
            BytesRead += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => BytesRead;
            set { if (value != BytesRead) throw new NotSupportedException(); }
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private async Task<(IScenarioResult Result, CountingBody Body)> Post(long bodyLength, bool declareLength)
    {
        var body = new CountingBody(bodyLength);
        var result = await Host.Scenario(s =>
        {
            s.Post.Url("/api/organizations");
            s.ConfigureHttpContext(http =>
            {
                http.Request.ContentType = "application/json";
                http.Request.Body = body;
                http.Request.ContentLength = declareLength ? bodyLength : null;
                if (!declareLength) http.Request.Headers.TransferEncoding = "chunked";
            });
            s.IgnoreStatusCode();
        });
        return (result, body);
    }

    private static async Task ShouldBeTooLarge(IScenarioResult result)
    {
        Assert.Equal(413, result.Context.Response.StatusCode);
        Assert.Equal("application/problem+json", result.Context.Response.ContentType?.Split(';')[0]);
        Assert.Contains("256 KiB", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task a_streamed_body_over_the_limit_is_a_413_after_reading_no_more_than_the_limit()
    {
        var (result, body) = await Post(16 * 1024 * 1024, declareLength: false);

        await ShouldBeTooLarge(result);
        Assert.True(body.BytesRead <= Limit + 16 * 1024, $"the server read {body.BytesRead} bytes of a 16 MiB body");
        Assert.Equal(0, await EventCount());
    }

    [Fact]
    public async Task a_declared_length_over_the_limit_is_a_413_before_reading_anything()
    {
        var (result, body) = await Post(Limit + 1, declareLength: true);

        await ShouldBeTooLarge(result);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal("close", result.Context.Response.Headers.Connection.ToString());
    }

    [Fact]
    public async Task a_streamed_body_one_byte_over_the_limit_is_refused_and_one_at_the_limit_is_read()
    {
        var (over, _) = await Post(Limit + 1, declareLength: false);
        var (at, atBody) = await Post(Limit, declareLength: false);

        await ShouldBeTooLarge(over);
        Assert.Equal(Limit, atBody.BytesRead);
        Assert.Equal(400, at.Context.Response.StatusCode); // read in full, then refused as JSON of nothing but spaces
        Assert.Equal(0, await EventCount());
    }
}
