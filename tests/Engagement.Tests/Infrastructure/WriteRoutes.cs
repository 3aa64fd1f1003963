using Alba;
using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

/// <summary>Every write route, with a body it would accept; for the cross-cutting rules every route must keep.</summary>
public static class WriteRoutes
{
    public const string Organizations = "organizations", People = "people", Posts = "posts", Meetings = "meetings",
        Notes = "notes", Corrections = "corrections", Suggestions = "suggestions", Responses = "responses",
        Resolution = "resolution", Reopening = "reopening", Commitments = "commitments", Progress = "progress",
        DueDate = "due-date", Fulfilment = "fulfilment", Cancellation = "cancellation";

    public static readonly string[] All =
    [
        Organizations, People, Posts, Meetings, Notes, Corrections, Suggestions, Responses, Resolution, Reopening, Commitments,
        Progress, DueDate, Fulfilment, Cancellation
    ];

    /// <summary>The routes that append to an existing stream (and so honour If-Match).</summary>
    public static readonly string[] Appending =
        [Posts, Notes, Corrections, Responses, Resolution, Reopening, Progress, DueDate, Fulfilment, Cancellation];

    /// <summary>The routes with an id in the path.</summary>
    public static readonly string[] WithId = [.. All.Except([Organizations, People, Meetings])];

    public static TheoryData<string> Data(IEnumerable<string> routes)
    {
        var data = new TheoryData<string>();
        foreach (var route in routes) data.Add(route);
        return data;
    }

    public static string Url(string route, Guid id) => route switch
    {
        Organizations => "/api/organizations",
        People => "/api/people",
        Posts => $"/api/people/{id}/posts",
        Meetings => "/api/meetings",
        Notes or Corrections or Suggestions or Commitments => $"/api/meetings/{id}/{route}",
        Responses or Resolution or Reopening => $"/api/suggestions/{id}/{route}",
        Progress or DueDate or Fulfilment or Cancellation => $"/api/commitments/{id}/{route}",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null)
    };

    /// <summary>The kind of stream the route's id names, as its history route spells it.</summary>
    public static string StreamKind(string route) => route switch
    {
        Posts => "people",
        Notes or Corrections or Suggestions or Commitments => "meetings",
        Responses or Resolution or Reopening => "suggestions",
        _ => "commitments"
    };

    /// <summary>Organisations every valid body can name.</summary>
    public sealed record World(Guid Government, Guid Member);

    public static async Task<World> SetUp(IAlbaHost host) =>
        new(await host.Organization("Ministry of Commerce"), await host.Organization("Example Pharma China", "member"));

    /// <summary>A body the route accepts once its references exist; the ids in it come from <paramref name="world"/>.</summary>
    public static object Body(string route, World world) => route switch
    {
        Organizations => new { name = "Example Aviation China", kind = "member" },
        People => new { name = "Vice Minister A", organizationId = world.Government },
        Posts => new { title = "Special Envoy", organizationId = world.Government },
        Meetings => new { title = "Call", heldOn = "2026-11-01", organizationIds = new[] { world.Government } },
        Notes => new { text = "Brief sent" },
        Corrections => new { title = "Corrected title", reason = "Typo" },
        Suggestions => new { raisedById = world.Member, addressedToId = world.Government, text = "Ask" },
        Responses => new { text = "Studying it" },
        Resolution => new { outcome = "adopted" },
        Reopening => new { reason = "Raised again" },
        Commitments => new { ownerId = world.Government, description = "Send the draft" },
        Progress => new { note = "Draft written" },
        DueDate => new { dueOn = "2027-01-31" },
        Fulfilment => new { note = "Done" },
        Cancellation => new { reason = "Dropped" },
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null)
    };

    /// <summary>
    /// The stream a route with an id writes to, made ready to accept <see cref="Body"/> and already at version 2,
    /// so that version 1 is stale.
    /// </summary>
    public static async Task<Guid> StreamAtVersionTwo(IAlbaHost host, string route, World world)
    {
        switch (route)
        {
            case Posts:
            {
                var person = await host.Person("Vice Minister A", world.Government, "Director", new DateOnly(2020, 1, 1));
                await host.PostOk($"/api/people/{person}/posts", new { title = "Vice Minister", organizationId = world.Government });
                return person;
            }
            case Notes or Corrections or Suggestions or Commitments:
            {
                var meeting = await host.Meeting(new DateOnly(2026, 11, 1), world.Government, world.Member);
                await host.PostOk($"/api/meetings/{meeting}/notes", new { text = "First note" });
                return meeting;
            }
            case Responses or Resolution or Reopening:
            {
                var meeting = await host.Meeting(new DateOnly(2026, 11, 1), world.Government, world.Member);
                var suggestion = await host.Suggestion(meeting, world.Member, world.Government);
                await host.PostOk(route == Reopening ? $"/api/suggestions/{suggestion}/resolution" : $"/api/suggestions/{suggestion}/responses",
                    route == Reopening ? new { outcome = "declined" } : new { text = "First response" });
                return suggestion;
            }
            default:
            {
                var meeting = await host.Meeting(new DateOnly(2026, 11, 1), world.Government, world.Member);
                var commitment = await host.Commitment(meeting, world.Government, new DateOnly(2026, 12, 31));
                await host.PostOk($"/api/commitments/{commitment}/progress", new { note = "Started" });
                return commitment;
            }
        }
    }
}
