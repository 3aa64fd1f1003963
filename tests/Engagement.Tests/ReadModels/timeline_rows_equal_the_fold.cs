using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Engagement.Tests.Support;
using Engagement.Timelines;
using JasperFx.Events.Projections;
using Marten;

namespace Engagement.Tests.ReadModels;

/// <summary>
/// The property that makes the timeline rows safe to answer from: for generated histories (out of order business dates,
/// backdated events, notes on meetings, posts, renames, merges, several events to one transaction), the timeline pages of
/// organisations (with their merge groups) and people, live and as of random days and recorded times, paged with
/// cursors, hold exactly the entries that folding the events gives (<see cref="History"/>'s timelines, up to the day),
/// in the same order; both from the projection's rows and with events it has not processed.
/// </summary>
public class timeline_rows_equal_the_fold(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly DateOnly Start = new(2019, 1, 1);

    private sealed class Generator(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly List<Guid> _organizations = [], _meetings = [], _asks = [], _commitments = [];
        private readonly Dictionary<Guid, DateOnly> _startedOn = [];
        private readonly HashSet<Guid> _merged = [];

        public List<Guid> Organizations => _organizations;
        public List<Guid> People { get; } = [];

        private readonly List<DateOnly> _days = [];

        private DateOnly Day() => Used(Start.AddDays(_random.Next(0, 3 * 365)));

        /// <summary>A business date near an item's start: usually after it, sometimes before (backdated).</summary>
        private DateOnly Near(Guid id) => Used(_startedOn[id].AddDays(_random.Next(-60, 300)));

        private DateOnly Used(DateOnly day)
        {
            _days.Add(day);
            return day;
        }

        private T Pick<T>(List<T> from) => from[_random.Next(from.Count)];

        private Guid Current() => Pick([.. _organizations.Where(o => !_merged.Contains(o))]);

        /// <summary>One transaction's events: new items and changes to earlier ones, by stream.</summary>
        public List<(Guid Stream, bool Starts, object[] Events)> Transaction()
        {
            var appended = new List<(Guid, bool, object[])>();
            var count = _random.Next(1, 4);
            for (var i = 0; i < count; i++) appended.AddRange(Next());
            return appended;
        }

        private IEnumerable<(Guid, bool, object[])> Next()
        {
            if (_organizations.Count < 5 || _random.Next(12) == 0)
            {
                var id = Guid.NewGuid();
                var kind = _organizations.Count switch { 0 => OrganizationKind.Chamber, 1 => OrganizationKind.Member, _ => OrganizationKind.Government };
                _organizations.Add(id);
                _startedOn[id] = Day();
                return [(id, true, [new OrganizationRegistered(id, $"Organisation {_organizations.Count}", kind, null, null, _startedOn[id])])];
            }
            if (People.Count < 2 || _random.Next(12) == 0)
            {
                var id = Guid.NewGuid();
                People.Add(id);
                _startedOn[id] = Day();
                return [(id, true, [new PersonRegistered(id, $"Person {People.Count}", $"Adviser {_random.Next(100)}", Current(), _startedOn[id])])];
            }
            switch (_random.Next(11))
            {
                case 0 or 1:
                {
                    var id = Guid.NewGuid();
                    var heldOn = Day();
                    _meetings.Add(id);
                    _startedOn[id] = heldOn;
                    var logged = new MeetingLogged(id, $"Meeting {_meetings.Count}", heldOn, "Brussels",
                        [.. new[] { _organizations[0], Current(), Current() }.Distinct()], [.. new[] { Pick(People), Pick(People) }.Distinct()],
                        ["tax"], "A summary", null);
                    object[] events = _random.Next(3) == 0 ? [logged, new MeetingNoteAdded(id, Guid.NewGuid(), "noted the same day", heldOn)] : [logged];
                    return [(id, true, events)];
                }
                case 2 when _meetings.Count > 0:
                {
                    var meeting = Pick(_meetings);
                    var id = Guid.NewGuid();
                    _asks.Add(id);
                    _startedOn[id] = Near(meeting);
                    return [(id, true, [new SuggestionRaised(id, meeting, _organizations[1], Current(), "tax", "An ask", _startedOn[id])])];
                }
                case 3 when _meetings.Count > 0:
                {
                    var meeting = Pick(_meetings);
                    var id = Guid.NewGuid();
                    _commitments.Add(id);
                    _startedOn[id] = Near(meeting);
                    // The chamber's or a member's commitments go on the other stakeholders' timelines too.
                    var owner = _random.Next(2) == 0 ? _organizations[_random.Next(2)] : Current();
                    return [(id, true, [new CommitmentMade(id, meeting, owner, "A promise", _startedOn[id].AddDays(30), null, _startedOn[id])])];
                }
                case 4 when _asks.Count > 0:
                {
                    var ask = Pick(_asks);
                    object e = _random.Next(3) switch
                    {
                        0 => new SuggestionResolved(ask, SuggestionOutcome.Adopted, _random.Next(2) == 0 ? null : "done", Near(ask)),
                        1 => new SuggestionReopened(ask, "again", Near(ask)),
                        _ => new SuggestionResponded(ask, Guid.NewGuid(), $"A reply {_random.Next(100)}", Near(ask))
                    };
                    return [(ask, false, [e])];
                }
                case 5 when _commitments.Count > 0:
                {
                    var commitment = Pick(_commitments);
                    object e = _random.Next(5) switch
                    {
                        0 => new CommitmentFulfilled(commitment, null, Near(commitment)),
                        1 => new CommitmentCancelled(commitment, "no longer needed", Near(commitment)),
                        2 => new CommitmentDueDateChanged(commitment, Near(commitment), null, null, Near(commitment)),
                        3 => new CommitmentFellOverdue(commitment, Near(commitment), Near(commitment)),
                        _ => new CommitmentProgressed(commitment, "moving", Near(commitment))
                    };
                    return [(commitment, false, [e])];
                }
                case 6 or 7 when _meetings.Count > 0:
                {
                    var meeting = Pick(_meetings);
                    object e = _random.Next(3) == 0
                        ? new MeetingCorrected(meeting, $"Corrected {_random.Next(100)}", null, null, null, null, "typo", Near(meeting))
                        : new MeetingNoteAdded(meeting, Guid.NewGuid(), $"note {_random.Next(100)}", Near(meeting));
                    return [(meeting, false, [e])];
                }
                case 8 when _organizations.Count - _merged.Count > 4:
                {
                    var merged = _organizations.Skip(2).Where(o => !_merged.Contains(o)).ToList();
                    var from = Pick(merged);
                    var into = Pick(merged.Where(o => o != from).ToList());
                    _merged.Add(from);
                    var on = Near(from);
                    return
                    [
                        (from, false, [new OrganizationMerged(from, into, "Survivor", "merged", on)]),
                        (into, false, [new OrganizationAbsorbed(into, from, "Merged", "merged", on)])
                    ];
                }
                default:
                {
                    if (_random.Next(2) == 0)
                    {
                        var person = Pick(People);
                        return [(person, false, [new PersonChangedPost(person, $"Director {_random.Next(100)}", Current(), Near(person))])];
                    }
                    var organization = Current();
                    return [(organization, false, [new OrganizationRenamed(organization, $"Renamed {_random.Next(100)}", null, Near(organization))])];
                }
            }
        }

        /// <summary>Any day, or one on or just before a business date of the history or the start of an item, where answers change.</summary>
        public DateOnly RandomDay() => _random.Next(4) switch
        {
            0 => Start.AddDays(_random.Next(-10, 4 * 365)),
            1 => Choose(_days),
            2 => Choose(_days).AddDays(-1),
            _ => Choose(_startedOn.Values.ToList()).AddDays(-1)
        };

        public T Choose<T>(IReadOnlyList<T> from) => from[_random.Next(from.Count)];

        /// <summary>Mostly the whole timeline at once; sometimes small pages, to follow the cursors.</summary>
        public int Limit() => _random.Next(3) == 0 ? _random.Next(3, 12) : 500;
    }

    /// <summary>What a page shows of an entry: its event, kind, day and detail.</summary>
    private static string Shown(long sequence, string kind, DateOnly on, string? detail) => $"{sequence} {kind} {on:yyyy-MM-dd} {detail}";

    private async Task AgreeAsync(Generator generator, IReadOnlyList<DateTimeOffset> times, int points, bool live)
    {
        await using var session = Fixture.Store.QuerySession();
        for (var i = 0; i < points; i++)
        {
            // A day, and a moment that is exactly a recording time, just before one, or none (as known now); or live.
            var point = live && i % 4 == 3
                ? PointInTime.Live(Clock.Today)
                : new PointInTime(generator.RandomDay(), (i % 3) switch
                {
                    0 => null,
                    1 => generator.Choose(times),
                    _ => generator.Choose(times).AddTicks(-10)
                }, false);
            // The overdue scheduler may append while a point is compared: then the fold and the pages saw different stores.
            for (var attempt = 1; ; attempt++)
            {
                var before = await GeneratedHistories.LastSequenceAsync(session);
                var differences = await DifferencesAsync(session, generator, point);
                if (await GeneratedHistories.LastSequenceAsync(session) != before && attempt < 3) continue;
                Assert.True(differences.Count == 0, string.Join('\n', differences));
                break;
            }
        }
    }


    /// <summary>Each subject whose pages at the point are not what the fold gives, and how.</summary>
    private async Task<List<string>> DifferencesAsync(IQuerySession session, Generator generator, PointInTime point)
    {
        var differences = new List<string>();
        var folded = await History.LoadAsync(session, point, CancellationToken.None);
        var merges = Merges.Of(folded.Organizations.Values);

        foreach (var (subject, isOrganization) in generator.Organizations.Select(o => (o, true)).Concat(generator.People.Select(p => (p, false))))
        {
            var group = isOrganization ? merges.GroupOf(subject) : [subject];
            var exists = isOrganization ? folded.Organizations.ContainsKey(subject) : folded.People.ContainsKey(subject);
            var want = group.Where(folded.Timelines.ContainsKey).SelectMany(id => folded.Timelines[id].Entries)
                .DistinctBy(e => e.Sequence).Where(e => e.On <= point.AsOf)
                .OrderByDescending(e => e.On).ThenByDescending(e => e.Sequence)
                .Select(e => Shown(e.Sequence, e.Kind.Kebab(), e.On, e.Detail)).ToList();

            var query = point.IsLive ? "" : $"&asOf={point.AsOf:yyyy-MM-dd}" + (point.KnownAt is { } k ? $"&knownAt={Uri.EscapeDataString(k.ToString("O"))}" : "");
            var route = $"/api/{(isOrganization ? "organizations" : "people")}/{subject}/timeline?limit={generator.Limit()}{query}";
            var what = $"{route} (as of {point.AsOf:yyyy-MM-dd}, known at {point.KnownAt?.ToString("O") ?? "now"})";
            var got = new List<string>();
            string? cursor = null;
            int? total = null;
            var answered = true;
            do
            {
                var (status, body, _) = await Host.GetJson(route + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
                if (status != (exists ? 200 : 404))
                {
                    differences.Add($"{what}: the subject {(exists ? "is" : "is not")} in the fold, the answer is {status}: {body?.ToJsonString()}");
                    answered = false;
                    break;
                }
                if (!exists) break;
                total ??= body!["total"]!.GetValue<int>();
                got.AddRange(body!["items"]!.AsArray().Select(e => Shown(e!["sequence"]!.GetValue<long>(), e["kind"]!.GetValue<string>(),
                    DateOnly.Parse(e["on"]!.GetValue<string>()), e["detail"]?.GetValue<string>())));
                cursor = body["nextCursor"]?.GetValue<string>();
            } while (cursor is not null);
            if (!exists || !answered) continue;

            if (!want.SequenceEqual(got) || total != want.Count)
                differences.Add($"{what}: the fold has {want.Count} entries, the pages {got.Count} (total {total}); first difference: fold " +
                                $"{want.Except(got).FirstOrDefault()} pages {got.Except(want).FirstOrDefault()}");
        }
        return differences;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task timeline_pages_as_of_any_day_and_recorded_time_are_what_the_events_fold_into(int seed)
    {
        var generator = new Generator(seed);
        await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 70);
        await Host.SettleAsync();

        await AgreeAsync(generator, await GeneratedHistories.RecordedTimesAsync(Fixture.Store), 32, live: true);
    }

    /// <summary>
    /// PostgreSQL stamps an event with its transaction's start, so an append that began earlier and committed later has
    /// a higher version and an earlier time. Known at a moment, such an event is there from its stream's latest time up
    /// to it, as <see cref="History.KnownBy"/> has it: the last event of every stream is given a time just before the
    /// one it follows, and the rows (the entries, and the past states that give the merge groups) are rebuilt.
    /// </summary>
    [Fact]
    public async Task an_event_recorded_at_an_earlier_time_than_the_one_it_follows_is_on_the_pages_from_that_ones_time()
    {
        var generator = new Generator(5);
        await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 50);
        await Host.SettleAsync();
        await GeneratedHistories.RecordLastEventsEarlierAsync(Host, TimelineProjection.ProjectionName, PastStatesProjection.ProjectionName);

        await AgreeAsync(generator, await GeneratedHistories.RecordedTimesAsync(Fixture.Store), 32, live: false);
    }

    [Fact]
    public async Task events_the_projection_has_not_processed_are_on_the_pages_of_the_past()
    {
        var generator = new Generator(4);
        await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 40);
        await Host.SettleAsync();

        await Host.PauseAllDaemonsAsync();
        try
        {
            await GeneratedHistories.AppendAsync(Fixture.Store, generator.Transaction, 20);
            await using (var session = Fixture.Store.QuerySession())
            {
                var processed = await Fixture.Store.Advanced.ProjectionProgressFor(new ShardName(TimelineProjection.ProjectionName));
                var last = await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
                Assert.True(processed < last, "the projection was to be behind");
            }
            await AgreeAsync(generator, await GeneratedHistories.RecordedTimesAsync(Fixture.Store), 20, live: false);
        }
        finally
        {
            await Host.ResumeAllDaemonsAsync();
            await Host.StartPausedShardsAsync();
        }
    }
}
