using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.People;
using Engagement.Timelines;
using JasperFx.Events;

namespace Engagement.Tests.People;

public class erasure_decisions
{
    private static readonly Guid Ministry = Guid.NewGuid();
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly Person Li = Person.Create(new PersonRegistered(Guid.NewGuid(), "Li Wei", "Director", Ministry, new DateOnly(2024, 1, 1)))
        .Apply(new PersonChangedPost(Guid.Empty, "Vice Minister", Bureau, new DateOnly(2025, 1, 1)));

    [Theory]
    [InlineData("Li Wei said yes.", "Erased person said yes.")]
    [InlineData("Mr Wei and LI WEI agreed; li will call.", "Mr Erased person and Erased person agreed; Erased person will call.")]
    [InlineData("Wei Ling is someone else; Liwei too.", "Erased person Ling is someone else; Liwei too.")]
    [InlineData("Nothing about them.", "Nothing about them.")]
    public void masking_replaces_the_full_name_and_each_part_of_it_as_a_word(string text, string masked) =>
        Assert.Equal(masked, PersonalData.Mask(text, "Li Wei"));

    [Fact]
    public void a_name_without_spaces_is_masked_wherever_it_stands() =>
        Assert.Equal("Erased person说会回复。", PersonalData.Mask("李伟说会回复。", "李伟"));

    [Fact]
    public void erasing_records_the_reason_today_and_the_organisations_of_every_post()
    {
        var decision = ErasePersonEndpoint.Decide(Li, new ErasePerson(" At their request "), Today);

        var erased = Assert.IsType<PersonErased>(Assert.Single(decision.Events));
        Assert.Equal((Li.Id, "At their request", Today), (erased.PersonId, erased.Reason, erased.ErasedOn));
        Assert.Equal([Ministry, Bureau], erased.OrganizationIds);
    }

    [Fact]
    public void an_erased_person_is_erased_once_and_takes_no_new_post()
    {
        var erased = Li.Apply(Recorded(new PersonErased(Li.Id, "Asked", Today, [Ministry, Bureau]), "admin (key)"));

        Assert.Equal(("Erased person", (string?)null), (erased.Name, erased.Title));
        Assert.All(erased.Posts, p => Assert.Null(p.Title));
        Assert.Equal(new Erasure(Today, "admin (key)", "Asked"), erased.Erasure);
        var again = ErasePersonEndpoint.Decide(erased, new ErasePerson("Again"), Today).Rejection!;
        Assert.Equal(409, again.Status);
        Assert.Contains("already erased on 2026-11-24 by admin (key)", again.Detail);
        Assert.Equal(409, ChangePostEndpoint.Decide(erased, new ChangePost("Minister", Ministry, null), Today).Rejection!.Status);
    }

    [Fact]
    public void the_erasure_takes_titles_and_the_masked_note_text_into_the_timeline()
    {
        var meeting = Guid.NewGuid();
        var timeline = new Timeline(Ministry, [
            new TimelineEntry(1, Today, TimelineEntryKind.PersonRegistered, null, null, null, Li.Id, Ministry, "Director"),
            new TimelineEntry(7, Today, TimelineEntryKind.MeetingNoteAdded, meeting, null, null, null, null, "Li Wei agreed"),
            new TimelineEntry(8, Today, TimelineEntryKind.MeetingNoteAdded, meeting, null, null, null, null, "Another note")
        ]);

        timeline = Timeline.Fold(timeline, Ministry, Recorded(new PersonErased(Li.Id, "Asked", Today, [Ministry]), "admin", 20));
        timeline = Timeline.Fold(timeline, Ministry, Recorded(new MeetingNoteMasked(meeting, Guid.NewGuid(), 7, Li.Id, "Erased person agreed", Today), "admin", 21));

        Assert.Equal([null, "Erased person agreed", "Another note"], timeline.Entries.Select(e => e.Detail));
    }

    [Fact]
    public void the_search_entry_takes_the_masked_text_of_the_note_it_names()
    {
        var meeting = Guid.NewGuid();
        var first = Guid.NewGuid();
        var entry = MeetingSearchEntry.Fold(null, new MeetingLogged(meeting, "Talks", Today, null, [Ministry], [Li.Id], [], null, null));
        entry = MeetingSearchEntry.Fold(entry, new MeetingNoteAdded(meeting, first, "Li Wei agreed", Today, [Li.Id]));
        entry = MeetingSearchEntry.Fold(entry, new MeetingNoteAdded(meeting, Guid.NewGuid(), "Another note", Today));

        entry = MeetingSearchEntry.Fold(entry, new MeetingNoteMasked(meeting, first, 7, Li.Id, "Erased person agreed", Today))!;

        Assert.Equal(["Erased person agreed", "Another note"], entry.Notes);
        Assert.DoesNotContain("Li Wei", entry.SearchText);
    }

    private static IEvent<T> Recorded<T>(T data, string by, long sequence = 1) where T : notnull
    {
        var e = new Event<T>(data) { Sequence = sequence };
        e.SetHeader(HistoryEndpoints.RecordedByHeader, by);
        return e;
    }
}
