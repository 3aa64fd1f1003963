using Engagement.Tests.Support;

namespace Engagement.Tests.People;

public class duplicate_people(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task registering_a_person_already_at_the_organisation_is_a_409_naming_them_and_records_nothing()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var first = await Host.Person("Li Wei", ministry, "Director");

        var problem = await Host.PostRefused("/api/people", new { name = " li  WEI ", organizationId = ministry }, 409);

        var duplicate = Assert.Single(problem["duplicates"]!.AsArray());
        Assert.Equal(first, duplicate!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task the_same_name_at_another_organisation_is_no_duplicate()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var chamber = await Host.Organization("AmCham China", "chamber");
        await Host.Person("Li Wei", ministry);

        Assert.Equal(201, (await Host.PostJson("/api/people", new { name = "Li Wei", organizationId = chamber })).Status);
    }

    [Fact]
    public async Task confirming_the_duplicate_registers_them_anyway()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        await Host.Person("Li Wei", ministry);

        (await Host.PostJson("/api/people", new { name = "Li Wei", organizationId = ministry, confirmDuplicate = true })).ShouldBeWritten(201, 1);
    }
}
