using Engagement.Confidentiality;
using Engagement.Infrastructure;
using Engagement.People;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Meetings;

public static class MeetingCalendarEndpoint
{
    public const string ContentType = "text/calendar";

    /// <summary>
    /// The meeting as an iCalendar event (RFC 5545) to open in Outlook, Google Calendar or Apple Calendar: an all-day event
    /// on the day it was held (the log keeps no time of day), its place, who took part and the topics, and a link back
    /// to its page. The event's UID is the meeting's id, so importing it again updates the same entry.
    /// </summary>
    [WolverineGet("/api/meetings/{id}/calendar", Name = "MeetingCalendar"), Tags("Meetings")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, ContentType)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<Meeting>(id, ct) is not { } stored) return Problem.NotFound("meeting", id).ToResult();
        var meeting = (await Redaction.ForAsync(http)).Apply(stored);
        var people = await Names.LoadByIdAsync<Person>(session, meeting.ParticipantIds, p => p.Id, ct);
        var organizations = await Names.OrganizationsAsync(session, meeting.OrganizationIds, ct);
        var page = new Uri($"{http.Request.Scheme}://{http.Request.Host}/meetings/{meeting.Id}");

        var description = new List<string>
        {
            "With: " + string.Join(", ", meeting.OrganizationIds.Select(o => organizations.RefTo(o).Name))
        };
        if (meeting.ParticipantIds.Count > 0)
            description.Add("Participants: " + string.Join(", ", meeting.ParticipantIds.Select(p => people.TryGetValue(p, out var person)
                ? (person.PostOn(meeting.HeldOn)?.Title ?? person.Title) is { } title ? $"{person.Name} ({title})" : person.Name
                : "(unknown)")));
        if (meeting.Topics.Count > 0) description.Add("Topics: " + string.Join(", ", meeting.Topics));
        if (meeting.Summary is { } summary) description.Add(summary);
        description.Add(page.ToString());

        var calendar = new Calendar { ProductId = "-//Engagement//Meetings//EN" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"meeting-{meeting.Id}@engagement",
            Summary = meeting.Title,
            Location = meeting.Location,
            Description = string.Join("\n\n", description),
            Start = new CalDateTime(meeting.HeldOn.Year, meeting.HeldOn.Month, meeting.HeldOn.Day),
            End = new CalDateTime(meeting.HeldOn.AddDays(1).Year, meeting.HeldOn.AddDays(1).Month, meeting.HeldOn.AddDays(1).Day),
            Url = page,
            Categories = [.. meeting.Topics],
            Sequence = meeting.Version,
            Transparency = TransparencyType.Transparent
        });
        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"meeting-{meeting.HeldOn:yyyy-MM-dd}.ics\"";
        return Results.Text(text, ContentType + "; charset=utf-8");
    }
}
