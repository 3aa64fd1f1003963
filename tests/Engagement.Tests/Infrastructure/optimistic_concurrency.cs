using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class optimistic_concurrency(AppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string> Routes => WriteRoutes.Data(WriteRoutes.Appending);

    private async Task<(string Url, object Body, Guid Id)> Prepared(string route)
    {
        var world = await WriteRoutes.SetUp(Host);
        var id = await WriteRoutes.StreamAtVersionTwo(Host, route, world);
        return (WriteRoutes.Url(route, id), WriteRoutes.Body(route, world), id);
    }

    private async Task<int> HistoryLength(string route, Guid id) =>
        (await Host.GetOk($"/api/{WriteRoutes.StreamKind(route)}/{id}/history")).AsArray().Count;

    [Theory, MemberData(nameof(Routes))]
    public async Task a_write_with_the_current_version_goes_through(string route)
    {
        var (url, body, id) = await Prepared(route);

        Assert.Equal(id, (await Host.PostWithIfMatch(url, body, "\"2\"")).ShouldBeWritten(200, 3));
        Assert.Equal(3, await HistoryLength(route, id));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_write_with_a_stale_version_is_a_412_and_records_nothing(string route)
    {
        var (url, body, id) = await Prepared(route);

        var problem = await Host.PostRefused(url, body, 412, s => s.WithRequestHeader("If-Match", "\"1\""));

        Assert.Equal("The version has changed", problem.Text("title"));
        Assert.Equal(2, await HistoryLength(route, id));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_version_the_stream_has_not_reached_is_a_412(string route)
    {
        var (url, body, _) = await Prepared(route);

        await Host.PostRefused(url, body, 412, s => s.WithRequestHeader("If-Match", "\"3\""));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_malformed_if_match_is_a_400_and_records_nothing(string route)
    {
        var (url, body, _) = await Prepared(route);

        var problem = await Host.PostRefused(url, body, 400, s => s.WithRequestHeader("If-Match", "version two"));

        Assert.Equal("Malformed If-Match header", problem.Text("title"));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task if_match_on_an_unknown_id_is_a_404(string route)
    {
        var world = await WriteRoutes.SetUp(Host);

        await Host.PostRefused(WriteRoutes.Url(route, Guid.NewGuid()), WriteRoutes.Body(route, world), 404,
            s => s.WithRequestHeader("If-Match", "\"1\""));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"0\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"1.5\"")]
    [InlineData("\"2\", \"3\"")]
    [InlineData("\"\"")]
    [InlineData("\" 2\"")]
    public async Task if_match_must_be_one_positive_quoted_version(string ifMatch)
    {
        var (url, body, _) = await Prepared(WriteRoutes.Notes);

        await Host.PostRefused(url, body, 400, s => s.WithRequestHeader("If-Match", ifMatch));
    }

    [Theory]
    [InlineData("W/\"2\"")]
    [InlineData(" \"2\" ")]
    public async Task a_weak_or_padded_version_is_understood(string ifMatch)
    {
        var (url, body, _) = await Prepared(WriteRoutes.Notes);

        (await Host.PostWithIfMatch(url, body, ifMatch)).ShouldBeWritten(200, 3);
    }

    [Fact]
    public async Task the_etag_of_a_read_can_be_sent_back_as_if_match()
    {
        var (url, body, id) = await Prepared(WriteRoutes.Notes);
        var etag = (await Host.GetJson($"/api/meetings/{id}")).Result.Context.Response.Headers.ETag.ToString();

        (await Host.PostWithIfMatch(url, body, etag)).ShouldBeWritten(200, 3);
        await Host.PostRefused(url, body, 412, s => s.WithRequestHeader("If-Match", etag));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task concurrent_writes_without_if_match_are_each_decided_on_the_current_state(string route)
    {
        var (url, body, id) = await Prepared(route);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Host.PostJson(url, body)));

        // A write that lost a race ran again: it was recorded, or refused by a rule on the new state (resolving twice is a
        // 409, making a correction already made a 400), never for the race itself.
        Assert.All(answers.Where(a => a.Status != 200), a =>
        {
            Assert.True(a.Status is 400 or 409, $"answered {a.Status}: {a.Body?.ToJsonString()}");
            Assert.NotEqual(ConcurrencyConflict, a.ShouldBeProblem(a.Status).Text("detail"));
        });
        Assert.Equal(2 + answers.Count(a => a.Status == 200), await HistoryLength(route, id));
    }

    private const string ConcurrencyConflict = "The record changed while this request was being handled. Retry the request.";

    [Fact]
    public async Task without_if_match_a_write_applies_to_whatever_version_is_current()
    {
        var (url, body, _) = await Prepared(WriteRoutes.Notes);

        (await Host.PostJson(url, body)).ShouldBeWritten(200, 3);
        (await Host.PostJson(url, body)).ShouldBeWritten(200, 4);
    }
}
