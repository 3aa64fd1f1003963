using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Reports;

public sealed record ReportCommitment(Guid Id, Ref Owner, string Description, DateOnly MadeOn, DateOnly? DueOn, CommitmentStatus Status,
    bool Overdue, DateOnly? ClosedOn, string? ClosingNote);

public sealed record MemberAsk(Guid Id, Ref RaisedBy, MeetingRef Meeting, Ref AddressedTo, string? Topic, string Text, DateOnly RaisedOn,
    IReadOnlyList<SuggestionResponse> Responses, SuggestionStatus Status, SuggestionOutcome? Outcome, string? ResolutionNote,
    DateOnly? ResolvedOn, IReadOnlyList<ReportCommitment> Commitments);

public sealed record MemberReportSummary(int Asks, int Answered, int Resolved, int Adopted, int PartiallyAdopted, int Declined,
    int Withdrawn, int StillOpen, int Commitments, int CommitmentsFulfilled);

public sealed record MemberReportOrganization(Guid Id, string Name, OrganizationKind Kind, string? RegisterId);

public sealed record MemberReport(DateOnly AsOf, DateTimeOffset? KnownAt, DateOnly From, DateOnly To,
    MemberReportOrganization? Organization, MemberReportSummary Summary, IReadOnlyList<MemberAsk> Asks);

public static class MemberReportEndpoint
{
    /// <summary>
    /// Every ask a member company raised in the period (<c>from</c>–<c>to</c>, by the day it was raised), to whom, the
    /// responses, the outcome and the commitments made in answer, as they stood at <c>asOf</c>/<c>knownAt</c>: what a
    /// chamber sends a member at renewal time. Without <c>organizationId</c>, the asks of every member company.
    /// <c>format=csv</c> gives one row per ask.
    /// </summary>
    [WolverineGet("/api/reports/member", Name = "MemberReport"), Tags("Reports")]
    [ProducesResponseType<MemberReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? organizationId, string? from, string? to, string? asOf, string? knownAt, string? format,
        IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var period = ReportPeriod.Parse(from, to, point, errors);
        var member = errors.OptionalId("organizationId", organizationId);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var source = await ReportSource.ForAsync(session, point, ct);
        Organization? organization = null;
        if (member is { } memberId)
        {
            organization = (await source.ByIdAsync<Organization>([memberId], o => o.Id, ct)).GetValueOrDefault(memberId);
            if (organization is null) return QueryProblem.From(errors.Add("organizationId", "is no organisation known at this point in time"));
        }

        var report = await ComputeAsync(source, point, period, organization, ct);
        if (!csv) return Results.Ok(report);
        var name = organization is null ? "members" : Slug(organization.Name);
        return ReportCsv.Result(http, $"member-report-{name}-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}", Headers, report.Asks, Cells);
    }

    public static async Task<MemberReport> ComputeAsync(ReportSource source, PointInTime point, ReportPeriod period, Organization? organization,
        CancellationToken ct)
    {
        var (first, last) = period.Text;
        // A member's report covers the asks of the organisations merged into it.
        var group = organization is null ? [] : (await Merges.LoadAsync(source.Session, source.Past, ct)).GroupOf(organization.Id).ToArray();
        var suggestions = await source.WhereAsync<Suggestion>(sql =>
        {
            var raisedOn = $"d.data ->> 'raisedOn' >= {first} and d.data ->> 'raisedOn' <= {last}";
            return organization is not null
                ? $"{raisedOn} and (d.data ->> 'raisedById')::uuid = any({sql.Param(group)})"
                : $"{raisedOn} and exists (select 1 from {source.Of<Organization>(sql)} o where o.id = (d.data ->> 'raisedById')::uuid " +
                  "and o.data ->> 'kind' = 'Member')";
        }, "d.data ->> 'raisedOn', d.id", ct);

        var ids = suggestions.Select(s => s.Id).ToArray();
        var commitments = ids.Length == 0 ? [] : await source.WhereAsync<Commitment>(
            sql => $"(d.data ->> 'suggestionId')::uuid = any({sql.Param(ids)})", "d.data ->> 'madeOn', d.id", ct);
        var organizations = await source.ByIdAsync<Organization>(suggestions.SelectMany(s => new[] { s.RaisedById, s.AddressedToId })
            .Concat(commitments.Select(c => c.OwnerId)), o => o.Id, ct);
        var meetings = await source.ByIdAsync<Meeting>(suggestions.Select(s => s.MeetingId), m => m.Id, ct);

        var asks = suggestions.Select(s => new MemberAsk(s.Id, organizations.RefTo(s.RaisedById), MeetingRef.Of(meetings, s.MeetingId),
            organizations.RefTo(s.AddressedToId), s.Topic, s.Text, s.RaisedOn, s.Responses, s.Status, s.Outcome, s.ResolutionNote, s.ResolvedOn,
            [.. commitments.Where(c => c.SuggestionId == s.Id).Select(c => new ReportCommitment(c.Id, organizations.RefTo(c.OwnerId),
                c.Description, c.MadeOn, c.DueOn, c.Status, c.IsOverdueOn(point.AsOf), c.ClosedOn, c.ClosingNote))])).ToList();

        var summary = new MemberReportSummary(asks.Count, asks.Count(a => a.Responses.Count > 0),
            asks.Count(a => a.Status == SuggestionStatus.Resolved),
            asks.Count(a => a.Outcome == SuggestionOutcome.Adopted), asks.Count(a => a.Outcome == SuggestionOutcome.PartiallyAdopted),
            asks.Count(a => a.Outcome == SuggestionOutcome.Declined), asks.Count(a => a.Outcome == SuggestionOutcome.Withdrawn),
            asks.Count(a => a.Status != SuggestionStatus.Resolved), commitments.Count,
            commitments.Count(c => c.Status == CommitmentStatus.Fulfilled));

        return new MemberReport(point.AsOf, point.KnownAt, period.From, period.To,
            organization is null ? null : new MemberReportOrganization(organization.Id, organization.Name, organization.Kind, organization.RegisterId),
            summary, asks);
    }

    private static readonly string[] Headers =
    [
        "raisedOn", "raisedBy", "meeting", "meetingHeldOn", "addressedTo", "topic", "ask", "responses", "status", "outcome",
        "resolvedOn", "resolutionNote", "commitments"
    ];

    private static IEnumerable<object?> Cells(MemberAsk a) =>
    [
        a.RaisedOn, a.RaisedBy.Name, a.Meeting.Title, a.Meeting.HeldOn, a.AddressedTo.Name, a.Topic, a.Text,
        a.Responses.Select(r => $"{r.RespondedOn:yyyy-MM-dd}: {r.Text}"), a.Status, a.Outcome, a.ResolvedOn, a.ResolutionNote,
        a.Commitments.Select(c => $"{c.Owner.Name}: {c.Description} ({ReportCsv.Text(c.Status)}{(c.DueOn is { } due ? $", due {due:yyyy-MM-dd}" : "")}{(c.Overdue ? ", overdue" : "")})")
    ];

    /// <summary>A name as a file name: letters and digits, the rest as hyphens.</summary>
    public static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "organisation" : slug[..Math.Min(60, slug.Length)];
    }
}
