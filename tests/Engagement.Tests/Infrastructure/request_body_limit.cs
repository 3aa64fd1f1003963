using System.Text;
using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class request_body_limit(AppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string> Routes => WriteRoutes.Data(WriteRoutes.All);

    private static string OrganizationOfSize(long bytes)
    {
        var json = $$"""{"name":"Acme","kind":"member","country":""}""";
        return json.Insert(json.Length - 2, new string('x', (int)(bytes - json.Length)));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_body_over_256_kib_is_a_413_and_records_nothing(string route)
    {
        var problem = await Host.PostRefused(WriteRoutes.Url(route, Guid.NewGuid()), OrganizationOfSize(Limits.RequestBodyBytes + 1), 413);

        Assert.Equal("Request body too large", problem.Text("title"));
        Assert.Equal("Request bodies are limited to 256 KiB.", problem.Text("detail"));
    }

    [Fact]
    public async Task a_body_of_exactly_256_kib_is_read()
    {
        var body = OrganizationOfSize(Limits.RequestBodyBytes);
        Assert.Equal(Limits.RequestBodyBytes, Encoding.UTF8.GetByteCount(body));

        var messages = await Host.PostRejectingField("/api/organizations", body, "country");

        Assert.Equal([$"must be at most {Limits.Country} characters"], messages);
    }

    [Fact]
    public async Task a_streamed_body_without_a_length_is_cut_off_at_the_limit()
    {
        var before = await EventCount();
        var bytes = Encoding.UTF8.GetBytes(OrganizationOfSize(Limits.RequestBodyBytes * 2));

        var response = await Host.PostJson("/api/organizations", "{}", s => s.ConfigureHttpContext(http =>
        {
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = null;
        }));

        response.ShouldBeProblem(413);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task a_declared_length_over_the_limit_is_refused_before_the_body_is_read()
    {
        var before = await EventCount();

        var response = await Host.PostJson("/api/organizations", "{}", s => s.ConfigureHttpContext(http =>
        {
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"name":"Acme","kind":"member"}"""));
            http.Request.ContentLength = Limits.RequestBodyBytes + 1;
        }));

        response.ShouldBeProblem(413);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task a_small_body_after_a_large_one_is_still_read()
    {
        await Host.PostRefused("/api/organizations", OrganizationOfSize(Limits.RequestBodyBytes + 10), 413);

        Assert.Equal(201, (await Host.PostJson("/api/organizations", new { name = "Acme", kind = "member" })).Status);
    }
}
