using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Engagement.Meetings;

/// <summary>A meeting as the search sees it: the fields it filters on and the text it ranks.</summary>
public sealed record MeetingSearchEntry(Guid Id, string Title, DateOnly HeldOn, string? Location, IReadOnlyList<Guid> OrganizationIds,
    IReadOnlyList<string> Topics, string? Summary, IReadOnlyList<string> Notes, string SearchText, IReadOnlyList<Guid>? NoteIds = null)
{
    public static readonly Type[] EventTypes = [typeof(MeetingLogged), typeof(MeetingNoteAdded), typeof(MeetingCorrected), typeof(MeetingNoteMasked)];

    public static MeetingSearchEntry? Fold(MeetingSearchEntry? current, object data) => (current, data) switch
    {
        (_, MeetingLogged e) => Indexed(new MeetingSearchEntry(e.MeetingId, e.Title, e.HeldOn, e.Location, e.OrganizationIds, e.Topics,
            e.Summary, [], "")),
        ({ } m, MeetingNoteAdded e) => Indexed(m with { Notes = [.. m.Notes, e.Text], NoteIds = [.. m.NoteIds ?? [], e.NoteId] }),
        ({ } m, MeetingNoteMasked e) => Masked(m, e),
        ({ } m, MeetingCorrected e) => Indexed(m with
        {
            Title = e.Title ?? m.Title, Location = e.Location ?? m.Location, Topics = e.Topics ?? m.Topics, Summary = e.Summary ?? m.Summary
        }),
        _ => current
    };

    /// <summary>
    /// <see cref="NoteIds"/> came after <see cref="Notes"/>: an entry written before then knows the ids of its latest
    /// notes only (the last ones of the list), and a rebuild gives it all of them.
    /// </summary>
    private static MeetingSearchEntry Masked(MeetingSearchEntry m, MeetingNoteMasked e)
    {
        var ids = m.NoteIds ?? [];
        var at = ids.ToList().IndexOf(e.NoteId);
        if (at < 0) return m;
        var index = m.Notes.Count - ids.Count + at;
        return index < 0 ? m : Indexed(m with { Notes = [.. m.Notes.Select((text, i) => i == index ? e.Text : text)] });
    }

    /// <summary>Title, summary and notes are what the full-text search ranks.</summary>
    private static MeetingSearchEntry Indexed(MeetingSearchEntry m) =>
        m with { SearchText = string.Join("\n", new[] { m.Title, m.Summary }.Concat(m.Notes).Where(t => !string.IsNullOrWhiteSpace(t))) };
}

public sealed class MeetingSearchProjection : SingleStreamProjection<MeetingSearchEntry, Guid>
{
    public const string ProjectionName = "MeetingSearch";

    public MeetingSearchProjection()
    {
        Name = ProjectionName;
        foreach (var type in MeetingSearchEntry.EventTypes) IncludeType(type);
    }

    public override MeetingSearchEntry? Evolve(MeetingSearchEntry? snapshot, Guid id, IEvent e) => MeetingSearchEntry.Fold(snapshot, e.Data);
}

public static class MeetingSearchConfiguration
{
    public const string TextSearchConfig = "english";

    public static void ConfigureMeetingSearch(this StoreOptions options)
    {
        // Async: ranking text is the heaviest thing written for a meeting, and search may trail a write by a moment;
        // the search answer says how far behind it is.
        options.Projections.Add(new MeetingSearchProjection(), ProjectionLifecycle.Async);
        options.Schema.For<MeetingSearchEntry>().FullTextIndex(TextSearchConfig, x => x.SearchText);
    }
}
