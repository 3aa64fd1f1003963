using Engagement.People;

namespace Engagement.Tests.People;

public class person_posts
{
    private static readonly Guid Most = Guid.NewGuid();
    private static readonly Guid Mofcom = Guid.NewGuid();

    private static Person Registered(DateOnly since) =>
        Person.Create(new PersonRegistered(Guid.NewGuid(), "Vice Minister A", "Director", Most, since));

    [Fact]
    public void a_registered_person_holds_one_open_post()
    {
        var person = Registered(new DateOnly(2020, 3, 1));

        Assert.Equal([new Post("Director", Most, new DateOnly(2020, 3, 1), null)], person.Posts);
        Assert.Equal("Director", person.Title);
        Assert.Equal(Most, person.OrganizationId);
        Assert.Equal(1, person.Version);
    }

    [Fact]
    public void a_change_of_post_ends_the_open_post_the_day_the_new_one_starts()
    {
        var person = Registered(new DateOnly(2020, 3, 1));

        var changed = person.Apply(new PersonChangedPost(person.Id, "Vice Minister", Mofcom, new DateOnly(2023, 6, 1)));

        Assert.Equal(
        [
            new Post("Director", Most, new DateOnly(2020, 3, 1), new DateOnly(2023, 6, 1)),
            new Post("Vice Minister", Mofcom, new DateOnly(2023, 6, 1), null)
        ], changed.Posts);
        Assert.Equal("Vice Minister", changed.Title);
        Assert.Equal(Mofcom, changed.OrganizationId);
    }

    [Fact]
    public void a_second_change_leaves_the_ended_posts_as_they_were()
    {
        var person = Registered(new DateOnly(2020, 3, 1))
            .Apply(new PersonChangedPost(Guid.Empty, "Vice Minister", Mofcom, new DateOnly(2023, 6, 1)))
            .Apply(new PersonChangedPost(Guid.Empty, "Minister", Mofcom, new DateOnly(2025, 1, 1)));

        Assert.Equal(
            [(new DateOnly(2020, 3, 1), (DateOnly?)new DateOnly(2023, 6, 1)), (new DateOnly(2023, 6, 1), new DateOnly(2025, 1, 1)),
                (new DateOnly(2025, 1, 1), null)],
            person.Posts.Select(p => (p.Since, p.Until)));
    }

    [Fact]
    public void the_post_on_a_day_is_the_one_held_that_day()
    {
        var person = Registered(new DateOnly(2020, 3, 1))
            .Apply(new PersonChangedPost(Guid.Empty, "Vice Minister", Mofcom, new DateOnly(2023, 6, 1)));

        Assert.Null(person.PostOn(new DateOnly(2020, 2, 29)));
        Assert.Equal("Director", person.PostOn(new DateOnly(2020, 3, 1))!.Title);
        Assert.Equal("Director", person.PostOn(new DateOnly(2023, 5, 31))!.Title);
        Assert.Equal("Vice Minister", person.PostOn(new DateOnly(2023, 6, 1))!.Title);
        Assert.Equal(Mofcom, person.PostOn(new DateOnly(2030, 1, 1))!.OrganizationId);
    }

    [Fact]
    public void a_post_changed_on_its_first_day_gives_way_to_the_new_one_that_day()
    {
        var day = new DateOnly(2026, 11, 24);
        var person = Registered(day).Apply(new PersonChangedPost(Guid.Empty, "Vice Minister", Most, day));

        Assert.Equal("Vice Minister", person.PostOn(day)!.Title);
    }
}
