using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class openapi_document(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task every_operation_is_named_after_its_use_case_once()
    {
        var document = await Host.GetOk("/openapi/v1.json");
        var ids = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!["operationId"]?.GetValue<string>()))
            .ToList();

        Assert.True(ids.Count > 50, $"expected the whole API in the document, found {ids.Count} operations");
        Assert.All(ids, id => Assert.Matches("^[A-Z][A-Za-z]+$", id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("RegisterOrganization", ids);
        Assert.Contains("ReplayWebhookEvents", ids);
    }
}
