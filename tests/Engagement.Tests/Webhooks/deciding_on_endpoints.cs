using Engagement.Tests.Support;
using Engagement.Webhooks;

namespace Engagement.Tests.Webhooks;

public class deciding_on_endpoints
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly Webhook Enabled = new(Guid.NewGuid(), "https://crm.example.com/hook", ["suggestion.raised"], null,
        WebhookStatus.Enabled, null, null, null, Now.AddDays(-10), 42, Now.AddDays(-10), null, 1);

    [Fact]
    public void disabling_an_enabled_endpoint_by_hand_records_the_cause()
    {
        var decision = ManageWebhookEndpoint.Disable(Enabled, Now);
        var disabled = Assert.IsType<WebhookDisabled>(Assert.Single(decision.Events));
        Assert.Equal((DisabledCause.Manual, Now, Enabled.Url), (disabled.Cause, disabled.DisabledAt, disabled.Url));
    }

    [Fact]
    public void disabling_twice_or_enabling_an_enabled_endpoint_is_a_conflict()
    {
        var disabled = Enabled.Apply(new WebhookDisabled(Enabled.Id, Enabled.Url, DisabledCause.Gone, "410", Now));
        Assert.Equal(409, ManageWebhookEndpoint.Disable(disabled, Now).Rejection!.Status);
        Assert.Equal(409, ManageWebhookEndpoint.Enable(Enabled, Now).Rejection!.Status);
    }

    [Fact]
    public void enabling_again_restarts_the_count_of_failing_time()
    {
        var disabled = Enabled.Apply(new WebhookDisabled(Enabled.Id, Enabled.Url, DisabledCause.Failing, "5 days", Now));
        var enabled = disabled.Apply(new WebhookEnabled(Enabled.Id, Now.AddHours(1)));
        Assert.Equal(WebhookStatus.Enabled, enabled.Status);
        Assert.Null(enabled.DisabledCause);
        Assert.Equal(Now.AddHours(1), enabled.EnabledSince);
    }

    [Fact]
    public void an_endpoint_wants_the_types_it_listed_or_every_type_when_it_listed_none()
    {
        Assert.True(Enabled.Wants("suggestion.raised"));
        Assert.False(Enabled.Wants("meeting.logged"));
        Assert.True((Enabled with { EventTypes = null }).Wants("meeting.logged"));
    }
}

/// <summary>The catalogue against the event types the store itself registered, which nothing here writes by hand.</summary>
[Collection(ApiCollection.Name)]
public class the_event_catalogue(AppFixture fixture)
{
    private static readonly string[] PublishedFeatures =
        ["Engagement.Organizations", "Engagement.People", "Engagement.Meetings", "Engagement.Suggestions", "Engagement.Commitments"];

    /// <summary>
    /// The staff's own planning, deliberately not offered to integrators: who is responsible for an item and when to follow
    /// it up. The reminders they lead to are published (and name the responsible user). A merge is one fact, published
    /// once from the merged organisation's side (<c>organization.merged</c> names the survivor), not again from the survivor's.
    /// </summary>
    private static readonly Type[] Unpublished =
    [
        typeof(Engagement.Suggestions.SuggestionResponsibleAssigned), typeof(Engagement.Suggestions.SuggestionResponsibleUnassigned),
        typeof(Engagement.Suggestions.SuggestionFollowUpScheduled), typeof(Engagement.Suggestions.SuggestionFollowUpCleared),
        typeof(Engagement.Commitments.CommitmentResponsibleAssigned), typeof(Engagement.Commitments.CommitmentResponsibleUnassigned),
        typeof(Engagement.Organizations.OrganizationAbsorbed)
    ];

    [Fact]
    public void every_event_of_a_published_feature_is_in_the_catalogue_and_every_catalogued_type_is_a_stored_event()
    {
        var stored = fixture.Store.Options.Events.AllKnownEventTypes().Select(t => t.EventType).ToHashSet();
        var catalogued = EventCatalogue.Types.Select(t => t.EventClass).ToHashSet();

        Assert.Empty(stored.Where(t => PublishedFeatures.Contains(t.Namespace) && !catalogued.Contains(t) && !Unpublished.Contains(t))
            .Select(t => t.Name));
        Assert.Empty(catalogued.Where(t => !stored.Contains(t)).Select(t => t.Name));
        Assert.Equal(EventCatalogue.Types.Count, EventCatalogue.WithExamples().Select(e => e.Example.Sequence).Distinct().Count());
    }
}
