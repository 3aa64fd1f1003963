using Engagement.Meetings;

namespace Engagement.Tests.Meetings;

public class meeting_decisions
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly Meeting Held = Meeting.Create(new MeetingLogged(Guid.NewGuid(), "Innovation dialogue", new DateOnly(2026, 11, 1),
        "Beijing", [Guid.NewGuid()], [], ["innovation", "IP"], "Talked about R&D.", "https://www.most.gov.cn/a"));

    private static CorrectMeeting Correction(string? title = null, string? location = null, IReadOnlyList<string>? topics = null,
        string? summary = null, string? sourceUrl = null) => new(title, location, topics, summary, sourceUrl, " Typo ");

    [Fact]
    public void a_note_is_dated_today_unless_a_day_is_given()
    {
        var decision = AddNoteEndpoint.Decide(Held, new AddNote(" Brief sent ", null), Today);

        var added = Assert.IsType<MeetingNoteAdded>(Assert.Single(decision.Events));
        Assert.Equal((Held.Id, "Brief sent", Today), (added.MeetingId, added.Text, added.NotedOn));
        Assert.NotEqual(Guid.Empty, added.NoteId);
    }

    [Fact]
    public void each_note_gets_its_own_id()
    {
        var first = (MeetingNoteAdded)AddNoteEndpoint.Decide(Held, new AddNote("a", null), Today).Events[0];
        var second = (MeetingNoteAdded)AddNoteEndpoint.Decide(Held, new AddNote("a", null), Today).Events[0];

        Assert.NotEqual(first.NoteId, second.NoteId);
    }

    [Fact]
    public void a_note_may_be_dated_the_day_of_the_meeting_but_not_before()
    {
        Assert.True(AddNoteEndpoint.Decide(Held, new AddNote("a", new DateOnly(2026, 11, 1)), Today).IsAccepted);

        var refused = AddNoteEndpoint.Decide(Held, new AddNote("a", new DateOnly(2026, 10, 31)), Today);
        Assert.Empty(refused.Events);
        Assert.Equal(["must not be before the meeting (2026-11-01)"], refused.Rejection!.Errors!["notedOn"]);
    }

    [Fact]
    public void a_correction_records_the_new_values_the_trimmed_reason_and_today()
    {
        var decision = CorrectMeetingEndpoint.Decide(Held, Correction(title: " Innovation and IP dialogue "), Today);

        Assert.Equal([new MeetingCorrected(Held.Id, "Innovation and IP dialogue", null, null, null, null, "Typo", Today)], decision.Events);
    }

    [Fact]
    public void a_correction_repeating_the_current_values_changes_nothing()
    {
        var decision = CorrectMeetingEndpoint.Decide(Held, Correction(" Innovation dialogue ", "Beijing ", [" innovation", "IP", "ip"],
            "Talked about R&D.", "https://www.most.gov.cn/a"), Today);

        Assert.Empty(decision.Events);
        Assert.Equal(400, decision.Rejection!.Status);
    }

    [Fact]
    public void a_correction_without_fields_changes_nothing()
    {
        Assert.Equal(400, CorrectMeetingEndpoint.Decide(Held, Correction(), Today).Rejection!.Status);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("location")]
    [InlineData("summary")]
    [InlineData("sourceUrl")]
    public void changing_any_one_field_is_a_correction(string field)
    {
        var correction = field switch
        {
            "title" => Correction(title: "New"),
            "location" => Correction(location: "Shanghai"),
            "summary" => Correction(summary: "New"),
            _ => Correction(sourceUrl: "https://www.most.gov.cn/b")
        };

        Assert.True(CorrectMeetingEndpoint.Decide(Held, correction, Today).IsAccepted);
    }

    [Fact]
    public void reordering_or_recasing_topics_is_a_correction_and_they_are_kept_normalised()
    {
        var reordered = CorrectMeetingEndpoint.Decide(Held, Correction(topics: ["IP", "innovation", " ip "]), Today);

        Assert.Equal(["IP", "innovation"], Assert.IsType<MeetingCorrected>(Assert.Single(reordered.Events)).Topics);
        Assert.True(CorrectMeetingEndpoint.Decide(Held, Correction(topics: ["Innovation", "IP"]), Today).IsAccepted);
    }

    [Fact]
    public void an_empty_topic_list_clears_the_topics()
    {
        var decision = CorrectMeetingEndpoint.Decide(Held, Correction(topics: []), Today);

        Assert.Empty(Assert.IsType<MeetingCorrected>(Assert.Single(decision.Events)).Topics!);
    }

    [Fact]
    public void applying_a_correction_keeps_the_fields_it_left_out()
    {
        var corrected = Held.Apply(new MeetingCorrected(Held.Id, null, "Shanghai", null, null, null, "Typo", Today));

        Assert.Equal(Held with { Location = "Shanghai" }, corrected);
    }

    [Fact]
    public void applying_notes_appends_them_in_order()
    {
        var meeting = Held
            .Apply(new MeetingNoteAdded(Held.Id, Guid.NewGuid(), "first", Today))
            .Apply(new MeetingNoteAdded(Held.Id, Guid.NewGuid(), "second", Today));

        Assert.Equal(["first", "second"], meeting.Notes.Select(n => n.Text));
    }

    [Fact]
    public void topics_are_trimmed_and_deduplicated_without_regard_to_case_keeping_the_first_spelling()
    {
        Assert.Equal(["Trade", "IP"], Topics.Normalize([" Trade ", "trade", "", "IP", "TRADE", "ip "]));
        Assert.Empty(Topics.Normalize(null));
    }
}
