using Engagement.Tests.Support;

namespace Engagement.Tests.Imports;

public class importing_organisations(AppFixture fixture) : ApiTest(fixture)
{
    private const string File = """
        externalId,name,kind,country,website
        crm-1,UX Widgets Ltd,member,United Kingdom,https://ux-widgets.example/
        crm-2,Ministry of Commerce,government,China,
        crm-3,"Chamber of Commerce, Shanghai",chamber,,
        """;

    [Fact]
    public async Task the_preview_counts_the_rows_and_records_nothing_until_the_commit()
    {
        var preview = await Host.Previewed("organizations", File);

        Assert.Equal(3, preview.Int("rows"));
        Assert.Equal(3, preview.Int("toCreate"));
        Assert.Equal(0, preview.Int("errorCount"));
        Assert.Equal(0, await EventCount());
        Assert.Equal(0, (await Host.GetOk("/api/organizations")).Int("total"));
    }

    [Fact]
    public async Task a_committed_import_records_each_row_as_the_api_would_by_the_importing_caller()
    {
        var preview = await Host.Previewed("organizations", File);

        var done = await Host.Committed(preview.Id());

        Assert.Equal("committed", done.Text("status"));
        Assert.Equal(3, done.Int("created"));
        Assert.Equal(3, done.Int("processed"));
        Assert.Equal(3, await EventCount());
        var list = (await Host.GetOk("/api/organizations?sort=name")).AsObject()["items"]!.AsArray();
        Assert.Equal(["Chamber of Commerce, Shanghai", "Ministry of Commerce", "UX Widgets Ltd"], list.Select(o => o!.Text("name")));
        var widgets = list.Single(o => o!.Text("name") == "UX Widgets Ltd")!;
        Assert.Equal("member", widgets.Text("kind"));
        Assert.Equal("United Kingdom", widgets.Text("country"));
        Assert.Equal("https://ux-widgets.example/", widgets.Text("website"));
        var history = (await Host.GetOk($"/api/organizations/{widgets.Id()}/history")).AsArray();
        var registered = Assert.Single(history)!;
        Assert.Equal("organization_registered", registered.Text("type"));
        Assert.Equal(done.Text("committedBy"), registered.Text("recordedBy"));
    }

    [Fact]
    public async Task importing_the_same_file_again_changes_nothing()
    {
        await Host.Import("organizations", File);
        var events = await EventCount();

        var again = await Host.Previewed("organizations", File);
        Assert.Equal(0, again.Int("toCreate"));
        Assert.Equal(3, again.Int("matched"));
        var done = await Host.Committed(again.Id());

        Assert.Equal(0, done.Int("created"));
        Assert.Equal(events, await EventCount());
        Assert.Equal(3, (await Host.GetOk("/api/organizations")).Int("total"));
    }

    [Fact]
    public async Task rows_match_by_external_id_even_when_renamed_in_the_file()
    {
        await Host.Import("organizations", File);

        var renamed = await Host.Previewed("organizations", "externalId,name,kind\ncrm-1,UX Widgets International,member\n");

        Assert.Equal(1, renamed.Int("matched"));
        Assert.Equal(0, renamed.Int("toCreate"));
    }

    [Fact]
    public async Task without_an_external_id_a_row_matches_an_organisation_of_the_same_normalised_name()
    {
        var existing = await Host.Organization("UX Widgets Ltd", "member");

        var preview = await Host.Previewed("organizations", "name,kind\nux widgets limited,member\nUX Widgets,member\nNew One,other\n");

        Assert.Equal(2, preview.Int("matched"));
        Assert.Equal(1, preview.Int("toCreate"));
        await Host.Committed(preview.Id());
        Assert.Equal(2, (await Host.GetOk("/api/organizations")).Int("total"));
        Assert.Equal(existing, (await Host.GetOk("/api/organizations?q=widgets"))["items"]![0]!.Id());
    }

    [Fact]
    public async Task row_errors_name_the_row_and_column_with_the_apis_own_messages_and_the_commit_is_refused()
    {
        var preview = await Host.Previewed("organizations", $"""
            name,kind,website
            Good One,member,
            Bad Kind,ministry,
            ,member,ftp://example.org/
            {new string('x', 201)},member,
            """);

        Assert.Equal(4, preview.Int("errorCount"));
        var errors = preview["errors"]!.AsArray().Select(e => e!).Select(e => (e.Int("row"), e.Text("column"), e["messages"]![0]!.GetValue<string>())).ToList();
        Assert.Contains((3, "kind", "must be one of government, member, chamber, other"), errors);
        Assert.Single(preview["errors"]!.AsArray(), e => e is not null && e.Int("row") == 3 && e["messages"]!.AsArray().Count == 1);
        Assert.Contains((4, "name", "is required"), errors);
        Assert.Contains((4, "website", "must be an absolute http or https URL"), errors);
        Assert.Contains((5, "name", "must be at most 200 characters"), errors);

        var refused = await Host.PostRefused($"/api/imports/{preview.Id()}/commit", null, 409);
        Assert.Contains("errors", refused.Text("detail"));
        Assert.Equal(0, await EventCount());
    }

    [Fact]
    public async Task a_name_repeated_in_the_file_is_created_once()
    {
        var preview = await Host.Previewed("organizations", "name,kind\nAcme Ltd,member\nACME Limited,member\n");

        Assert.Equal(1, preview.Int("toCreate"));
        Assert.Equal(1, preview.Int("matched"));
    }

    [Fact]
    public async Task committing_twice_is_a_409_and_writes_once()
    {
        var preview = await Host.Previewed("organizations", File);
        await Host.Committed(preview.Id());

        await Host.PostRefused($"/api/imports/{preview.Id()}/commit", null, 409);
        Assert.Equal(3, await EventCount());
    }

    [Fact]
    public async Task a_multipart_form_upload_keeps_the_file_name()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("name,kind\nAcme,member\n"), "file", "members 2024.csv");
        var result = await Host.Scenario(s =>
        {
            s.Post.Url("/api/imports/organizations");
            s.ConfigureHttpContext(http =>
            {
                http.Request.ContentType = form.Headers.ContentType!.ToString();
                var bytes = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                http.Request.Body = new MemoryStream(bytes);
                http.Request.ContentLength = bytes.Length;
            });
            s.StatusCodeShouldBe(201);
        });

        var body = System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!;
        Assert.Equal("members 2024.csv", body.Text("fileName"));
        Assert.Equal(1, body.Int("toCreate"));
    }
}
