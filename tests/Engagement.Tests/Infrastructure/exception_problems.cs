using System.Text.Json;
using Engagement.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Engagement.Tests.Infrastructure;

public class exception_problems
{
    private static HttpContext Request(string? ifMatch = null)
    {
        var http = new DefaultHttpContext();
        if (ifMatch is not null) http.Request.Headers.IfMatch = ifMatch;
        return http;
    }

    [Fact]
    public void a_lost_race_is_a_412_when_the_client_named_a_version()
    {
        var problem = ExceptionProblems.ToProblem(Request("\"3\""), new JasperFx.ConcurrencyException("stream moved", null))!;

        Assert.Equal(412, problem.Status);
    }

    [Fact]
    public void a_lost_race_is_a_409_when_the_client_named_no_version()
    {
        var problem = ExceptionProblems.ToProblem(Request(), new JasperFx.ConcurrencyException("stream moved", null))!;

        Assert.Equal(409, problem.Status);
        Assert.Contains("Retry", problem.Detail);
    }

    [Fact]
    public void a_deadlock_victim_wrapped_by_the_store_is_a_lost_race()
    {
        var deadlock = new InvalidOperationException("session unusable",
            new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.DeadlockDetected));

        Assert.True(ConcurrencyRetry.IsLostRace(deadlock));
        Assert.Equal(409, ExceptionProblems.ToProblem(Request(), deadlock)!.Status);
        Assert.False(ConcurrencyRetry.IsLostRace(new InvalidOperationException("other",
            new Npgsql.PostgresException("unique", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.UniqueViolation))));
    }

    [Fact]
    public void a_body_over_the_limit_is_a_413()
    {
        var problem = ExceptionProblems.ToProblem(Request(), new BadHttpRequestException("too big", StatusCodes.Status413PayloadTooLarge))!;

        Assert.Same(ExceptionProblems.TooLarge, problem);
    }

    [Fact]
    public void unreadable_json_is_a_400_naming_the_path()
    {
        var json = new JsonException("The JSON value could not be converted to System.DateOnly. Path: $.heldOn | LineNumber: 0.", "$.heldOn",
            0, 12);

        var problem = ExceptionProblems.ToProblem(Request(), new BadHttpRequestException("bad", json))!;

        Assert.Equal(400, problem.Status);
        Assert.Equal(["heldOn"], problem.Errors!.Keys);
        Assert.DoesNotContain("LineNumber", problem.Detail);
    }

    [Fact]
    public void json_unreadable_at_the_root_has_no_field()
    {
        var problem = ExceptionProblems.ToProblem(Request(), new JsonException("Unexpected end", "$", 0, 0))!;

        Assert.Equal(400, problem.Status);
        Assert.Null(problem.Errors);
    }

    [Fact]
    public void other_failures_stay_unhandled()
    {
        Assert.Null(ExceptionProblems.ToProblem(Request(), new InvalidOperationException("bug")));
        Assert.Null(ExceptionProblems.ToProblem(Request(), new NullReferenceException()));
    }
}
