using Engagement.Tests.Support;

namespace Engagement.Tests.Imports;

public class importing_files_that_cannot_be_read(AppFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("name,kind,colour\nAcme,member,red\n", "colour")]
    [InlineData("name,country\nAcme,China\n", "kind")]
    [InlineData("name,kind,NAME\nAcme,member,Acme\n", "name")]
    [InlineData("", "file")]
    [InlineData("name,kind\n", "file")]
    [InlineData("name,kind\n\"Acme,member\n", "file")]
    public async Task a_file_that_cannot_be_read_is_a_400_naming_the_column_or_the_file_and_nothing_is_kept(string csv, string field)
    {
        var response = await Host.Upload("organizations", csv);

        response.ShouldRejectField(field);
    }

    [Fact]
    public async Task a_file_that_is_not_utf8_is_refused()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.ByteArray([.. "name,kind\nSoci"u8.ToArray(), 0xE9, .. "t\u00e9,member\n"u8.ToArray()]).ToUrl("/api/imports/organizations")
                .ContentType("text/csv");
            s.StatusCodeShouldBe(400);
        });
        Assert.Contains("UTF-8", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task an_unknown_kind_is_a_400()
    {
        (await Host.Upload("projects", "name\nX\n")).ShouldRejectField("kind");
    }

    [Fact]
    public async Task json_is_not_a_file()
    {
        (await Host.Upload("organizations", "{}", "application/json")).ShouldBeProblem(415);
    }

    [Fact]
    public async Task an_unknown_import_is_a_404()
    {
        (await Host.GetJson($"/api/imports/{Guid.NewGuid()}")).ShouldBeProblem(404);
        await Host.PostRefused($"/api/imports/{Guid.NewGuid()}/commit", null, 404);
    }

    [Fact]
    public async Task a_file_over_the_limit_is_a_413()
    {
        var big = "name,kind\n" + string.Concat(Enumerable.Repeat(new string('x', 190) + ",member\n", 17 * 1024 * 1024 / 198));

        (await Host.Upload("organizations", big)).ShouldBeProblem(413);
    }

    [Fact]
    public async Task a_file_over_the_json_limit_but_under_the_import_limit_is_accepted()
    {
        var rows = Enumerable.Range(1, 3000).Select(i => $"Organisation number {i} with a name long enough to fill the file past the limit of a JSON body,member");
        var csv = "name,kind\n" + string.Join('\n', rows);
        Assert.True(csv.Length > 256 * 1024);

        Assert.Equal(3000, (await Host.Previewed("organizations", csv)).Int("toCreate"));
    }

    [Theory]
    [InlineData("organizations", "externalId,name,kind,country,website")]
    [InlineData("people", "externalId,name,title,organization,organizationExternalId,since")]
    [InlineData("meetings", "externalId,title,heldOn,location,organizations,participants,topics,summary,sourceUrl")]
    public async Task each_kind_has_a_template_with_its_columns(string kind, string header)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/imports/templates/{kind}");
            s.StatusCodeShouldBe(200);
        });

        Assert.Equal("text/csv; charset=utf-8", result.Context.Response.ContentType);
        Assert.Equal($"attachment; filename=\"{kind}-import-template.csv\"", result.Context.Response.Headers.ContentDisposition.ToString());
        Assert.Equal(header, (await result.ReadAsTextAsync()).TrimStart('\uFEFF').TrimEnd());
    }

    [Fact]
    public async Task viewers_may_not_import_or_read_imports()
    {
        var viewer = (await Host.PostOk("/api/keys", new { name = "reader", role = "viewer" }))["key"]!.GetValue<string>();
        var staff = (await Host.PostOk("/api/keys", new { name = "desk", role = "staff" }))["key"]!.GetValue<string>();

        (await Host.Upload("organizations", "name,kind\nAcme,member\n", configure: s => s.WithBearerToken(viewer))).ShouldBeProblem(403);
        var (status, body, _) = await Host.Upload("organizations", "name,kind\nAcme,member\n", configure: s => s.WithBearerToken(staff));
        Assert.Equal(201, status);
        (await Host.GetJson($"/api/imports/{body!.Id()}", s => s.WithBearerToken(viewer))).ShouldBeProblem(403);
    }
}
