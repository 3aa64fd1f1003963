using System.Globalization;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;

namespace Engagement.Imports;

/// <summary>
/// What is recorded already, as an import matches rows against it: external ids of earlier imports and the natural
/// keys (organisation: its name as <see cref="NameKey.Organization"/> reads it; person: name and organisation;
/// meeting: day, first organisation and title). Rows planned for creation are added, so a row repeated in one file
/// matches the first.
/// </summary>
public sealed class Known
{
    public Dictionary<string, Guid> External { get; } = new();
    public Dictionary<string, Guid> Organizations { get; } = new();
    public Dictionary<string, Guid> People { get; } = new();
    public Dictionary<string, Guid> Meetings { get; } = new();

    public static string PersonKey(Guid organizationId, string name) => $"{organizationId:N}|{NameKey.Person(name)}";

    public static string MeetingKey(DateOnly heldOn, Guid organizationId, string title) =>
        $"{heldOn:yyyy-MM-dd}|{organizationId:N}|{NameKey.Person(title)}";

    public static string ExternalKey(ImportKind kind, string externalId) => $"{CsvFile.Slug(kind)}:{externalId}";
}

/// <summary>One row's outcome: a new stream with its first event, or the record it matched (then nothing is written).</summary>
public sealed record PlannedRow(int Row, Guid StreamId, Type? Aggregate, object? Event, string? ExternalKey)
{
    public bool Creates => Event is not null;
}

public sealed record Plan(IReadOnlyList<PlannedRow> Rows, IReadOnlyList<RowError> Errors)
{
    public int ToCreate => Rows.Count(r => r.Creates);
    public int Matched => Rows.Count(r => !r.Creates);
}

/// <summary>
/// Turns the rows of a file into the events the API would append for them, with the API's own field rules
/// (<see cref="RegisterOrganizationEndpoint.Check"/>, <see cref="RegisterPersonEndpoint.Check"/>,
/// <see cref="LogMeetingEndpoint.Check"/>); a row that matches a record by external id or natural key is left alone.
/// </summary>
public static class ImportPlanner
{
    public static Plan Decide(ImportKind kind, IReadOnlyList<CsvRow> rows, Known known, DateOnly today, Func<Guid> newId)
    {
        var planned = new List<PlannedRow>();
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var problems = new Errors();
            var outcome = kind switch
            {
                ImportKind.Organizations => Organization(row, known, today, newId, problems),
                ImportKind.People => Person(row, known, today, newId, problems),
                _ => Meeting(row, known, today, newId, problems)
            };
            if (problems.Any)
                errors.AddRange(problems.ToDictionary().Select(e => new RowError(row.Row, ColumnOf(kind, e.Key), e.Value)));
            else planned.Add(outcome!);
        }
        return new Plan(planned, errors);
    }

    private static PlannedRow? Organization(CsvRow row, Known known, DateOnly today, Func<Guid> newId, Errors errors)
    {
        var kind = Enumerated<OrganizationKind>(row, "kind", errors);
        var command = new RegisterOrganization(row["name"], kind, row["country"], row["website"]);
        var rules = RegisterOrganizationEndpoint.Check(command);
        // A kind given but not known has said so; "is required" would be wrong.
        errors.Merge(row["kind"] is null ? rules : Without(rules, "kind"));
        if (errors.Any) return null;
        var key = NameKey.Organization(command.Name!);
        if (Match(known, ImportKind.Organizations, row, known.Organizations.GetValueOrDefault(key)) is { } match) return match;
        var id = newId();
        known.Organizations.TryAdd(key, id);
        return Created<Organization>(known, ImportKind.Organizations, row, id, RegisterOrganizationEndpoint.Registered(command, id, today));
    }

    private static PlannedRow? Person(CsvRow row, Known known, DateOnly today, Func<Guid> newId, Errors errors)
    {
        var since = Date(row, "since", errors);
        var organizationId = OrganizationNamed(row, known, errors);
        var command = new RegisterPerson(row["name"], row["title"], organizationId, since);
        errors.Merge(RegisterPersonEndpoint.Check(command, today));
        if (errors.Any) return null;
        var key = Known.PersonKey(organizationId!.Value, command.Name!);
        if (Match(known, ImportKind.People, row, known.People.GetValueOrDefault(key)) is { } match) return match;
        var id = newId();
        known.People.TryAdd(key, id);
        return Created<Person>(known, ImportKind.People, row, id, RegisterPersonEndpoint.Registered(command, id, today));
    }

    private static PlannedRow? Meeting(CsvRow row, Known known, DateOnly today, Func<Guid> newId, Errors errors)
    {
        var heldOn = Date(row, "heldOn", errors);
        var organizationIds = new List<Guid>();
        foreach (var name in List(row["organizations"]))
        {
            if (known.Organizations.TryGetValue(NameKey.Organization(name), out var id)) organizationIds.Add(id);
            else errors.Add("organizations", $"has \"{name}\", which is no registered organisation; import or register it first");
        }
        var participantIds = new List<Guid>();
        foreach (var name in List(row["participants"]))
        {
            var found = organizationIds.Select(o => known.People.GetValueOrDefault(Known.PersonKey(o, name))).FirstOrDefault(p => p != Guid.Empty);
            if (found != Guid.Empty) participantIds.Add(found);
            else errors.Add("participants", $"has \"{name}\", who is not registered at the meeting's organisations");
        }
        var topics = List(row["topics"]);
        var command = new LogMeeting(row["title"], heldOn, row["location"], organizationIds.Distinct().ToList(), participantIds.Distinct().ToList(),
            topics.Count == 0 ? null : topics, row["summary"], row["sourceUrl"]);
        var rules = LogMeetingEndpoint.Check(command, today);
        // Names that match no organisation have said so already; "at least one" would say it again.
        if (List(row["organizations"]).Count > 0) rules = Without(rules, "organizationIds");
        errors.Merge(rules);
        if (errors.Any) return null;
        var key = Known.MeetingKey(heldOn!.Value, organizationIds[0], command.Title!);
        if (Match(known, ImportKind.Meetings, row, known.Meetings.GetValueOrDefault(key)) is { } match) return match;
        var meetingId = newId();
        known.Meetings.TryAdd(key, meetingId);
        return Created<Meeting>(known, ImportKind.Meetings, row, meetingId, LogMeetingEndpoint.Logged(command, meetingId));
    }

    private static PlannedRow? Match(Known known, ImportKind kind, CsvRow row, Guid byNaturalKey)
    {
        var external = row["externalId"] is { } given ? Known.ExternalKey(kind, given) : null;
        if (external is not null && known.External.TryGetValue(external, out var byExternalId))
            return new PlannedRow(row.Row, byExternalId, null, null, null);
        if (byNaturalKey == Guid.Empty) return null;
        // The external id is new: remember it for the record the row matched, so a later file can use it.
        if (external is not null) known.External[external] = byNaturalKey;
        return new PlannedRow(row.Row, byNaturalKey, null, null, external);
    }

    private static PlannedRow Created<T>(Known known, ImportKind kind, CsvRow row, Guid id, object @event)
    {
        var external = row["externalId"] is { } given ? Known.ExternalKey(kind, given) : null;
        if (external is not null) known.External[external] = id;
        return new PlannedRow(row.Row, id, typeof(T), @event, external);
    }

    private static Guid? OrganizationNamed(CsvRow row, Known known, Errors errors)
    {
        if (row["organizationExternalId"] is { } external)
        {
            if (known.External.TryGetValue(Known.ExternalKey(ImportKind.Organizations, external), out var id)) return id;
            errors.Add("organizationExternalId", "names no imported organisation");
            return null;
        }
        if (row["organization"] is not { } name)
        {
            errors.Add("organizationId", "is required");
            return null;
        }
        if (known.Organizations.TryGetValue(NameKey.Organization(name), out var found)) return found;
        errors.Add("organizationId", $"has \"{name}\", which is no registered organisation; import or register it first");
        return null;
    }

    private static T? Enumerated<T>(CsvRow row, string column, Errors errors) where T : struct, Enum
    {
        if (row[column] is not { } text) return null;
        var names = Enum.GetNames<T>();
        if (names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name) return Enum.Parse<T>(name);
        errors.Add(column, $"must be one of {string.Join(", ", names.Select(n => n.ToLowerInvariant()))}");
        return null;
    }

    private static DateOnly? Date(CsvRow row, string column, Errors errors)
    {
        if (row[column] is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(column, "must be a date, yyyy-mm-dd");
        return null;
    }

    private static List<string> List(string? cell) =>
        cell is null ? [] : [.. cell.Split(CsvFile.ListSeparator).Select(s => s.Trim()).Where(s => s.Length > 0)];

    private static Errors Without(Errors errors, string field)
    {
        var kept = new Errors();
        foreach (var (key, messages) in errors.ToDictionary())
            if (key != field) foreach (var m in messages) kept.Add(key, m);
        return kept;
    }

    /// <summary>The column of the file an API field's error is about: organizationIds[2] is the organizations column.</summary>
    private static string ColumnOf(ImportKind kind, string field)
    {
        var root = field.Split('[', '.')[0];
        return (kind, root) switch
        {
            (ImportKind.People, "organizationId") => "organization",
            (ImportKind.Meetings, "organizationIds") => "organizations",
            (ImportKind.Meetings, "participantIds") => "participants",
            _ => root
        };
    }
}

public static class ErrorsMerging
{
    public static Errors Merge(this Errors errors, Errors other)
    {
        foreach (var (key, messages) in other.ToDictionary())
            foreach (var message in messages) errors.Add(key, message);
        return errors;
    }
}
