using Engagement.Organizations;
using Engagement.Tests.Support;

namespace Engagement.Tests.Organizations;

public class duplicate_organisations(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task registering_a_name_already_registered_is_a_409_naming_the_existing_one_and_records_nothing()
    {
        var first = await Host.Organization("UX Widgets Ltd", "member");

        var problem = await Host.PostRefused("/api/organizations", new { name = "UX Widgets Ltd", kind = "member" }, 409);

        var duplicate = Assert.Single(problem["duplicates"]!.AsArray());
        Assert.Equal(first, duplicate!["id"]!.GetValue<Guid>());
        Assert.Equal("UX Widgets Ltd", duplicate.Text("name"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("name"));
    }

    [Theory]
    [InlineData("ux widgets limited")]
    [InlineData("UX  Widgets, Ltd.")]
    [InlineData("U.X. Widgets Inc")]
    public async Task names_that_differ_in_case_punctuation_spacing_or_legal_form_match(string name)
    {
        await Host.Organization("UX Widgets Ltd", "member");

        await Host.PostRefused("/api/organizations", new { name, kind = "member" }, 409);
    }

    [Fact]
    public async Task confirming_the_duplicate_registers_it_anyway()
    {
        var first = await Host.Organization("UX Widgets Ltd", "member");

        var second = (await Host.PostJson("/api/organizations", new { name = "UX Widgets Ltd", kind = "member", confirmDuplicate = true }))
            .ShouldBeWritten(201, 1);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task a_different_name_is_no_duplicate()
    {
        await Host.Organization("UX Widgets Ltd", "member");

        Assert.Equal(201, (await Host.PostJson("/api/organizations", new { name = "UX Gadgets Ltd", kind = "member" })).Status);
    }

    [Fact]
    public async Task field_errors_come_before_the_duplicate_check()
    {
        await Host.Organization("UX Widgets Ltd", "member");

        await Host.PostRejectingField("/api/organizations", new { name = "UX Widgets Ltd", kind = "ministry" }, "kind");
    }
}

public class organisation_name_keys
{
    [Theory]
    [InlineData("UX Widgets Ltd", "ux widgets")]
    [InlineData("  UX   widgets LIMITED ", "ux widgets")]
    [InlineData("Procter & Gamble Co.", "procter and gamble")]
    [InlineData("Société Générale S.A.", "société générale")]
    [InlineData("Limited", "limited")]
    [InlineData("Widgets Holdings Ltd Inc", "widgets holdings")]
    public void legal_forms_case_and_punctuation_do_not_count(string name, string key) =>
        Assert.Equal(key, NameKey.Organization(name));

    [Fact]
    public void a_persons_name_keeps_its_words() => Assert.Equal("mary o brien co", NameKey.Person("Mary O-Brien Co"));
}
