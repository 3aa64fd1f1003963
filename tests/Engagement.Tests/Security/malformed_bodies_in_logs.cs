using Engagement.Tests.Support;

namespace Engagement.Tests.Security;

[Collection(LoggedCollection.Name)]
public class malformed_bodies_in_logs(LoggedHost fixture) : SecurityTest<LoggedHost>(fixture)
{
    public static TheoryData<string> Bodies => new()
    {
        """{"name": "Acme", """,
        """{"name": 5, "kind": "member"}""",
        """{"name": "Acme", "kind": "member", "recordedBy": "x"}""",
        """{"name": "Acme", "name": "Other", "kind": "member"}""",
        "[]"
    };

    [Theory, MemberData(nameof(Bodies))]
    public async Task a_malformed_body_is_one_warning_without_a_stack_trace(string body)
    {
        Fixture.Logs.Clear();

        (await Host.PostJson("/api/organizations", body, s => s.WithBearerToken(Fixture.AdminKey))).ShouldBeProblem(400);

        var entries = Fixture.Logs.Entries.ToList();
        var warnings = entries.Where(e => e.StartsWith("Warning ", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 1, $"expected one warning, got: {string.Join(Environment.NewLine, warnings)}");
        Assert.Contains("malformed JSON body on POST /api/organizations", warnings[0]);
        Assert.DoesNotContain(" at ", warnings[0]);
        var errors = entries.Where(e => e.StartsWith("Error ", StringComparison.Ordinal) || e.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"errors were logged: {string.Join(Environment.NewLine, errors)}");
    }
}
