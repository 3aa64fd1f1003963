using Engagement.Infrastructure;

namespace Engagement.Tests.Infrastructure;

public class validation_rules
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Errors errors) => errors.ToDictionary();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n")]
    public void required_text_must_have_something_besides_white_space(string? value)
    {
        Assert.Equal(["is required"], ErrorsOf(new Errors().Required("name", value, 10))["name"]);
    }

    [Fact]
    public void optional_text_may_be_absent_but_not_too_long()
    {
        Assert.False(new Errors().Optional("title", null, 3).Any);
        Assert.False(new Errors().Optional("title", "abc", 3).Any);
        Assert.Equal(["must be at most 3 characters"], ErrorsOf(new Errors().Optional("title", "abcd", 3))["title"]);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u001fb")]
    [InlineData("a\u007fb")]
    [InlineData("a\u009fb")]
    [InlineData("\u000b")]
    public void control_characters_are_refused(string value)
    {
        Assert.Equal(["must not contain control characters"], ErrorsOf(new Errors().Optional("text", value, 100))["text"]);
    }

    [Fact]
    public void tabs_and_line_breaks_are_allowed()
    {
        Assert.False(new Errors().Optional("text", "one\ttwo\r\nthree\n", 100).Any);
    }

    [Fact]
    public void unpaired_surrogates_are_refused()
    {
        foreach (var units in new[] { new[] { 'a', '\ud800' }, ['\udc00', 'a'], ['\ud800', '\ud800', '\udc00'] })
            Assert.Equal(["must be valid Unicode text"], ErrorsOf(new Errors().Optional("text", new string(units), 100))["text"]);
    }

    [Fact]
    public void paired_surrogates_are_text()
    {
        Assert.False(new Errors().Optional("text", "rocket \ud83d\ude80", 100).Any);
    }

    [Fact]
    public void a_day_may_be_today_but_not_after()
    {
        Assert.False(new Errors().NotInFuture("heldOn", Today, Today).Any);
        Assert.False(new Errors().NotInFuture("heldOn", null, Today).Any);
        Assert.Equal(["must not be after today (2026-11-24)"], ErrorsOf(new Errors().NotInFuture("heldOn", Today.AddDays(1), Today))["heldOn"]);
    }

    [Fact]
    public void a_day_may_be_the_earliest_but_not_before()
    {
        Assert.False(new Errors().NotBefore("dueOn", Today, Today, "the meeting").Any);
        Assert.Equal(["must not be before the meeting (2026-11-24)"],
            ErrorsOf(new Errors().NotBefore("dueOn", Today.AddDays(-1), Today, "the meeting"))["dueOn"]);
    }

    [Theory]
    [InlineData("https://example.org/a?b=c")]
    [InlineData("http://localhost:8080")]
    public void http_and_https_urls_are_urls(string url)
    {
        Assert.False(new Errors().Url("website", url).Any);
    }

    [Theory]
    [InlineData("ftp://example.org")]
    [InlineData("file:///etc/passwd")]
    [InlineData("example.org")]
    [InlineData("")]
    public void other_text_is_not_a_url(string url)
    {
        Assert.Contains("must be an absolute http or https URL", ErrorsOf(new Errors().Url("website", url))["website"]);
    }

    [Fact]
    public void errors_accumulate_per_field_in_order()
    {
        var errors = new Errors().Add("a", "one").Add("b", "two").Add("a", "three").When(false, "c", "never").When(true, "d", "four");

        Assert.Equal(new Dictionary<string, string[]> { ["a"] = ["one", "three"], ["b"] = ["two"], ["d"] = ["four"] }, ErrorsOf(errors));
    }

    [Fact]
    public void no_errors_let_the_request_through()
    {
        Assert.Null(new Errors().ToProblem());
        Assert.Same(Wolverine.Http.WolverineContinue.NoProblems, new Errors().ToProblemDetails());
    }

    [Fact]
    public void errors_make_a_400_problem()
    {
        var problem = new Errors().Add("name", "is required").ToProblem()!;

        Assert.Equal(400, problem.Status);
        Assert.Equal(["is required"], problem.Errors!["name"]);
        Assert.Equal(400, new Errors().Add("name", "is required").ToProblemDetails().Status);
    }
}
