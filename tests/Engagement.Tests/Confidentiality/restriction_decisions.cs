using Engagement.Confidentiality;
using Engagement.Meetings;

namespace Engagement.Tests.Confidentiality;

public class restriction_decisions
{
    private static readonly Guid Alice = Guid.NewGuid(), Bob = Guid.NewGuid(), NoteId = Guid.NewGuid();

    private static readonly Meeting Held = Meeting.Create(new MeetingLogged(Guid.NewGuid(), "Tax talks", new DateOnly(2026, 11, 1), null,
        [Guid.NewGuid()], [], [], null, null)).Apply(new MeetingNoteAdded(Guid.Empty, NoteId, "A note", new DateOnly(2026, 11, 2)));

    private static MeetingConfidentiality RestrictedTo(params Guid[] users) =>
        new MeetingConfidentiality { Id = Held.Id }.With(null, new Restriction(users, "legal"));

    [Fact]
    public void the_one_who_restricts_is_always_allowed()
    {
        var decision = RestrictMeetingEndpoint.Decide(Held, null, null, [Bob], " legal ", new Caller(Alice, false));
        var restricted = Assert.IsType<MeetingRestricted>(Assert.Single(decision.Events));
        Assert.Equal([Bob, Alice], restricted.AllowedUserIds);
        Assert.Equal("legal", restricted.Reason);
    }

    [Fact]
    public void only_a_listed_user_or_an_administrator_may_change_or_lift_it()
    {
        Assert.Equal(403, RestrictMeetingEndpoint.Decide(Held, RestrictedTo(Alice), null, [Bob], null, new Caller(Bob, false)).Rejection!.Status);
        Assert.Equal(403, RestrictMeetingEndpoint.Decide(Held, RestrictedTo(Alice), null, null, null, new Caller(Bob, false)).Rejection!.Status);
        Assert.IsType<MeetingRestrictionLifted>(
            Assert.Single(RestrictMeetingEndpoint.Decide(Held, RestrictedTo(Alice), null, null, null, new Caller(null, true)).Events));
        Assert.IsType<MeetingRestrictionChanged>(
            Assert.Single(RestrictMeetingEndpoint.Decide(Held, RestrictedTo(Alice), null, [Bob], null, new Caller(Alice, false)).Events));
    }

    [Fact]
    public void a_key_cannot_restrict_and_a_note_of_a_meeting_one_may_not_see_cannot_be_restricted()
    {
        Assert.Equal(403, RestrictMeetingEndpoint.Decide(Held, null, null, [Bob], null, new Caller(null, false)).Rejection!.Status);
        Assert.Equal(403, RestrictMeetingEndpoint.Decide(Held, RestrictedTo(Alice), NoteId, [Bob], null, new Caller(Bob, false)).Rejection!.Status);
        Assert.Equal(404, RestrictMeetingEndpoint.Decide(Held, null, Guid.NewGuid(), [Bob], null, new Caller(Bob, false)).Rejection!.Status);
    }

    [Fact]
    public void the_same_restriction_again_and_lifting_none_are_conflicts()
    {
        Assert.Equal(409, RestrictMeetingEndpoint.Decide(Held, RestrictedTo(Alice), null, [], "legal", new Caller(Alice, false)).Rejection!.Status);
        Assert.Equal(409, RestrictMeetingEndpoint.Decide(Held, null, NoteId, null, null, new Caller(Alice, false)).Rejection!.Status);
    }
}
