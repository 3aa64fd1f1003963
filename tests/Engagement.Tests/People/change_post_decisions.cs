using Engagement.Infrastructure;
using Engagement.People;

namespace Engagement.Tests.People;

public class change_post_decisions
{
    private static readonly Guid Most = Guid.NewGuid();
    private static readonly Guid Mofcom = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly Person Director =
        Person.Create(new PersonRegistered(Guid.NewGuid(), "Vice Minister A", "Director", Most, new DateOnly(2020, 3, 1)));

    [Fact]
    public void a_new_post_starts_today_unless_a_day_is_given()
    {
        var decision = ChangePostEndpoint.Decide(Director, new ChangePost(" Vice Minister ", Mofcom, null), Today);

        Assert.True(decision.IsAccepted);
        Assert.Equal([new PersonChangedPost(Director.Id, "Vice Minister", Mofcom, Today)], decision.Events);
    }

    [Fact]
    public void the_given_day_is_kept()
    {
        var decision = ChangePostEndpoint.Decide(Director, new ChangePost("Vice Minister", Mofcom, new DateOnly(2023, 6, 1)), Today);

        Assert.Equal(new DateOnly(2023, 6, 1), Assert.IsType<PersonChangedPost>(Assert.Single(decision.Events)).Since);
    }

    [Fact]
    public void a_new_post_may_start_the_day_the_current_one_did()
    {
        var decision = ChangePostEndpoint.Decide(Director, new ChangePost("Vice Minister", Most, new DateOnly(2020, 3, 1)), Today);

        Assert.True(decision.IsAccepted);
    }

    [Fact]
    public void a_new_post_cannot_start_before_the_current_one()
    {
        var decision = ChangePostEndpoint.Decide(Director, new ChangePost("Vice Minister", Most, new DateOnly(2020, 2, 29)), Today);

        Assert.Empty(decision.Events);
        Assert.Equal(400, decision.Rejection!.Status);
        Assert.Equal(["must not be before the start of the current post (2020-03-01)"], decision.Rejection.Errors!["since"]);
    }

    [Fact]
    public void the_post_already_held_is_a_conflict()
    {
        var decision = ChangePostEndpoint.Decide(Director, new ChangePost(" Director", Most, null), Today);

        Assert.Empty(decision.Events);
        Assert.Equal(409, decision.Rejection!.Status);
    }

    [Fact]
    public void the_same_title_in_another_organisation_is_a_new_post()
    {
        Assert.True(ChangePostEndpoint.Decide(Director, new ChangePost("Director", Mofcom, null), Today).IsAccepted);
    }

    [Fact]
    public void no_title_in_the_same_organisation_is_a_new_post_for_someone_with_a_title()
    {
        Assert.True(ChangePostEndpoint.Decide(Director, new ChangePost(null, Most, null), Today).IsAccepted);
    }

    [Fact]
    public void the_comparison_is_with_the_latest_post_not_the_first()
    {
        var moved = Director.Apply(new PersonChangedPost(Director.Id, "Vice Minister", Mofcom, new DateOnly(2023, 6, 1)));

        Assert.True(ChangePostEndpoint.Decide(moved, new ChangePost("Director", Most, null), Today).IsAccepted);
        Assert.Equal(409, ChangePostEndpoint.Decide(moved, new ChangePost("Vice Minister", Mofcom, null), Today).Rejection!.Status);
        Assert.Equal(400, ChangePostEndpoint.Decide(moved, new ChangePost("Minister", Mofcom, new DateOnly(2023, 5, 31)), Today)
            .Rejection!.Status);
    }
}
