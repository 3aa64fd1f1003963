using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Stakeholders;
using Engagement.Suggestions;
using Engagement.Tests.Support;
using JasperFx.Events;
using Marten;

namespace Engagement.Tests.ReadModels;

/// <summary>
/// The property that makes the range queries of <see cref="Past"/> safe to answer from: for generated histories (out of
/// order business dates, backdated events, corrections, several events to one transaction), the items as of random
/// days and recorded times are exactly those that folding the events gives (<see cref="History"/>), both from the
/// projection's rows and for streams the projection has not reached.
/// </summary>
public class past_states_equal_the_fold(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly DateOnly Start = new(2019, 1, 1);

    private sealed class Generator(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly List<Guid> _organizations = [], _meetings = [], _asks = [], _commitments = [], _people = [];
        private readonly Dictionary<Guid, DateOnly> _startedOn = [];
        private readonly HashSet<Guid> _closed = [];

        private DateOnly Day() => Start.AddDays(_random.Next(0, 3 * 365));

        /// <summary>A business date near an item's start: usually after it, sometimes before (backdated).</summary>
        private DateOnly Near(Guid id) => _startedOn[id].AddDays(_random.Next(-30, 400));

        private T Pick<T>(List<T> from) => from[_random.Next(from.Count)];

        /// <summary>One transaction's events: new items and changes to earlier ones, by stream.</summary>
        public List<(Guid Stream, bool Starts, object[] Events)> Transaction()
        {
            var appended = new List<(Guid, bool, object[])>();
            var count = _random.Next(1, 4);
            for (var i = 0; i < count; i++) appended.Add(Next());
            return appended;
        }

        private (Guid, bool, object[]) Next()
        {
            if (_organizations.Count < 4 || _random.Next(12) == 0)
            {
                var id = Guid.NewGuid();
                var kind = _organizations.Count switch { 0 => OrganizationKind.Chamber, 1 => OrganizationKind.Member, _ => OrganizationKind.Government };
                _organizations.Add(id);
                _startedOn[id] = Day();
                return (id, true, [new OrganizationRegistered(id, $"Organisation {_organizations.Count}", kind, null, null, _startedOn[id])]);
            }
            if (_people.Count == 0 || _random.Next(15) == 0)
            {
                var id = Guid.NewGuid();
                _people.Add(id);
                _startedOn[id] = Day();
                return (id, true, [new PersonRegistered(id, $"Person {_people.Count}", "Adviser", Pick(_organizations), _startedOn[id])]);
            }
            switch (_random.Next(10))
            {
                case 0 or 1:
                {
                    var id = Guid.NewGuid();
                    var heldOn = Day();
                    _meetings.Add(id);
                    _startedOn[id] = heldOn;
                    object[] events = _random.Next(3) == 0
                        ? [Logged(id, heldOn), new MeetingNoteAdded(id, Guid.NewGuid(), "noted the same day", heldOn)]
                        : [Logged(id, heldOn)];
                    return (id, true, events);
                }
                case 2 when _meetings.Count > 0:
                {
                    var meeting = Pick(_meetings);
                    var id = Guid.NewGuid();
                    _asks.Add(id);
                    _startedOn[id] = Near(meeting);
                    return (id, true, [new SuggestionRaised(id, meeting, _organizations[1], Pick(_organizations), Pick(Topics), "An ask", _startedOn[id])]);
                }
                case 3 when _meetings.Count > 0:
                {
                    var meeting = Pick(_meetings);
                    var id = Guid.NewGuid();
                    _commitments.Add(id);
                    _startedOn[id] = Near(meeting);
                    return (id, true, [new CommitmentMade(id, meeting, Pick(_organizations), "A promise", _startedOn[id].AddDays(30), null, _startedOn[id])]);
                }
                case 4 or 5 when _asks.Count > 0:
                {
                    // As the API allows: a resolved ask is only reopened, an open one is only resolved, not reopened.
                    var ask = Pick(_asks);
                    object e = _closed.Contains(ask) ? new SuggestionReopened(ask, "again", Near(ask)) : _random.Next(3) switch
                    {
                        0 => new SuggestionResolved(ask, SuggestionOutcome.Adopted, null, Near(ask)),
                        1 => new SuggestionFollowUpScheduled(ask, Near(ask), null, Near(ask)),
                        _ => new SuggestionResponded(ask, Guid.NewGuid(), "A reply", Near(ask))
                    };
                    if (e is SuggestionResolved) _closed.Add(ask);
                    if (e is SuggestionReopened) _closed.Remove(ask);
                    return (ask, false, [e]);
                }
                case 6 or 7 when _commitments.Any(c => !_closed.Contains(c)):
                {
                    // A fulfilled or cancelled commitment takes nothing more.
                    var commitment = Pick([.. _commitments.Where(c => !_closed.Contains(c))]);
                    object e = _random.Next(4) switch
                    {
                        0 => new CommitmentFulfilled(commitment, null, Near(commitment)),
                        1 => new CommitmentCancelled(commitment, "no longer needed", Near(commitment)),
                        2 => new CommitmentDueDateChanged(commitment, Near(commitment), null, null, Near(commitment)),
                        _ => new CommitmentProgressed(commitment, "moving", Near(commitment))
                    };
                    if (e is CommitmentFulfilled or CommitmentCancelled) _closed.Add(commitment);
                    return (commitment, false, [e]);
                }
                case 8 when _meetings.Count > 0:
                {
                    var meeting = Pick(_meetings);
                    object e = _random.Next(2) == 0
                        ? new MeetingCorrected(meeting, $"Corrected {_random.Next(100)}", null, [Pick(Topics)], null, null, "typo", Near(meeting))
                        : new MeetingNoteAdded(meeting, Guid.NewGuid(), $"note {_random.Next(100)}", Near(meeting));
                    return (meeting, false, [e]);
                }
                default:
                {
                    var organization = Pick(_organizations);
                    var person = Pick(_people);
                    return _random.Next(3) == 0
                        ? (person, false, [new PersonChangedPost(person, "Director", organization, Near(person))])
                        : (organization, false, [new OrganizationRenamed(organization, $"Renamed {_random.Next(100)}", null, Near(organization))]);
                }
            }
        }

        private MeetingLogged Logged(Guid id, DateOnly heldOn) =>
            new(id, $"Meeting {_meetings.Count}", heldOn, "Brussels", [_organizations[0], _organizations[1], Pick(_organizations)], [], [Pick(Topics)],
                "A summary", null);

        private static readonly List<string> Topics = ["tax", "energy", "trade"];

        public DateOnly RandomDay() => Start.AddDays(_random.Next(-10, 4 * 365));

        public T Choose<T>(IReadOnlyList<T> from) => from[_random.Next(from.Count)];
    }

    private async Task AgreeAsync(Generator generator, IReadOnlyList<DateTimeOffset> times, int points)
    {
        await using var session = Fixture.Store.QuerySession();
        var serializer = Fixture.Store.Options.Serializer();
        for (var i = 0; i < points; i++)
        {
            // A day, and a moment that is exactly a recording time, just before one, or none (as known now).
            DateTimeOffset? knownAt = (i % 3) switch
            {
                0 => null,
                1 => generator.Choose(times),
                _ => generator.Choose(times).AddTicks(-10)
            };
            var point = new PointInTime(generator.RandomDay(), knownAt, false);
            // The scheduler may append meanwhile (a commitment falling overdue): a point is checked again when the
            // store changed under the comparison.
            for (var attempt = 1; ; attempt++)
            {
                var before = await GeneratedHistories.LastSequenceAsync(session);
                try
                {
                    await CheckAsync(point);
                    break;
                }
                catch (Xunit.Sdk.XunitException) when (attempt < 3)
                {
                    if (await GeneratedHistories.LastSequenceAsync(session) == before) throw;
                }
            }
        }

        async Task CheckAsync(PointInTime point)
        {
            var folded = await History.LoadAsync(session, point, CancellationToken.None);
            var past = await Past.ForAsync(session, point, CancellationToken.None) ?? throw new InvalidOperationException("not live");

            async Task Same<T>(IEnumerable<T> expected) where T : notnull
            {
                var want = expected.Select(x => serializer.ToJson(x)).Order(StringComparer.Ordinal).ToList();
                var got = (await past.AllAsync<T>(session, CancellationToken.None)).Select(x => serializer.ToJson(x)).Order(StringComparer.Ordinal)
                    .ToList();
                Assert.True(want.SequenceEqual(got),
                    $"{typeof(T).Name} as of {point.AsOf} known at {point.KnownAt?.ToString("O") ?? "now"}: the fold has {want.Count}, " +
                    $"the rows {got.Count}; first difference: fold {want.Except(got).FirstOrDefault()} rows {got.Except(want).FirstOrDefault()}");
            }

            await Same(folded.Suggestions.Values);
            await Same(folded.Commitments.Values);
            await Same(folded.Meetings.Values);
            await Same(folded.MeetingSearch.Values);
            await Same(folded.Organizations.Values);
            await Same(folded.People.Values);

            // The engagement facts worked out in SQL from those items: the same meetings, open asks and commitments
            // (as sets: the fold keeps them in the order they happened), and the same organisations in the picture.
            // The first day engaged is the earliest meeting, ask or commitment, which a backdated change can undercut
            // in the fold, so only whether it is by the day is compared.
            var engagement = await PastEngagement.LoadAsync(session, past, folded.Organizations.Keys, CancellationToken.None);
            foreach (var (id, want) in folded.Engagement.Where(e => folded.Organizations.ContainsKey(e.Key)))
            {
                var got = engagement[id];
                var at = $"engagement of {want.Name} as of {point.AsOf} known at {point.KnownAt?.ToString("O") ?? "now"}";
                Assert.Equal((want.Name, want.Kind, want.RegisteredOn), (got.Name, got.Kind, got.RegisteredOn));
                Assert.True(want.Meetings.ToHashSet().SetEquals(got.Meetings), $"{at}: meetings");
                Assert.True(want.OpenAsks.ToHashSet().SetEquals(got.OpenAsks), $"{at}: open asks, the fold's but not the rows': " +
                    string.Join(", ", want.OpenAsks.Except(got.OpenAsks).Select(a => serializer.ToJson(folded.Suggestions.GetValueOrDefault(a)))) +
                    "; the rows' but not the fold's: " +
                    string.Join(", ", got.OpenAsks.Except(want.OpenAsks).Select(a => serializer.ToJson(folded.Suggestions.GetValueOrDefault(a)))));
                Assert.True(want.OpenCommitments.ToHashSet().SetEquals(got.OpenCommitments), $"{at}: open commitments");
                Assert.True(want.ExistsOn(point.AsOf) == got.ExistsOn(point.AsOf), $"{at}: in the picture");
            }
        }
    }


    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task the_items_as_of_any_day_and_recorded_time_are_those_the_events_fold_into(int seed)
    {
        var generator = new Generator(seed);
        await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 60);
        await Host.SettleAsync();
        var times = await GeneratedHistories.RecordedTimesAsync(Fixture.Store);

        await AgreeAsync(generator, times, 40);
    }

    [Fact]
    public async Task an_event_recorded_at_an_earlier_time_than_the_one_it_follows_is_known_from_that_ones_time()
    {
        var generator = new Generator(5);
        await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 40);
        await Host.SettleAsync();
        await GeneratedHistories.RecordLastEventsEarlierAsync(Host, PastStatesProjection.ProjectionName);

        await AgreeAsync(generator, await GeneratedHistories.RecordedTimesAsync(Fixture.Store), 30);
    }

    [Fact]
    public async Task streams_the_projection_has_not_reached_are_folded_from_their_events()
    {
        var generator = new Generator(4);
        await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 30);
        await Host.SettleAsync();

        await Host.PauseAllDaemonsAsync();
        try
        {
            await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 15);
            await using (var session = Fixture.Store.QuerySession())
            {
                var processed = await Fixture.Store.Advanced.ProjectionProgressFor(new JasperFx.Events.Projections.ShardName(PastStatesProjection.ProjectionName));
                var last = await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
                Assert.True(processed < last, "the projection was to be behind");
            }
            await AgreeAsync(generator, await GeneratedHistories.RecordedTimesAsync(Fixture.Store), 20);
        }
        finally
        {
            await Host.ResumeAllDaemonsAsync();
            await Host.StartPausedShardsAsync();
        }
    }
}
