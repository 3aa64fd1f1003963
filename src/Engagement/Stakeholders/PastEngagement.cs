using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Marten;

namespace Engagement.Stakeholders;

/// <summary>
/// Every organisation's engagement facts at a past point, worked out by PostgreSQL from the items as they stood
/// (<see cref="Past"/>) in the shape of the <see cref="StakeholderEngagement"/> documents, so the live statements run
/// over them unchanged: the meetings it was at, the open asks addressed to it, the open commitments that concern it
/// (its own, and when the chamber or a member made one, every stakeholder's at that meeting), and the first day of any
/// of them. Who a commitment concerns never changes, so it is read from the stored meetings and organisations.
/// </summary>
public static class PastEngagement
{
    public static string Source(IQuerySession session, SqlList list, Past past)
    {
        var organizations = past.Source<Organization>(session, list);
        var meetings = past.Source<Meeting>(session, list);
        var suggestions = past.Source<Suggestion>(session, list);
        var commitments = past.Source<Commitment>(session, list);
        return $"""
            (with concerns as ({Concerns(session, commitments)}),
             met as (
               select x.org::uuid as org, min(m.data ->> 'heldOn') as first,
                      jsonb_agg(jsonb_build_object('meetingId', m.id, 'heldOn', m.data -> 'heldOn') order by m.data ->> 'heldOn', m.id) as list
               from {meetings} m cross join lateral (select distinct v from jsonb_array_elements_text(m.data -> 'organizationIds') as v) as x(org)
               group by 1
             ),
             asked as (
               select (s.data ->> 'addressedToId')::uuid as org, min(s.data ->> 'raisedOn') as first,
                      coalesce(jsonb_agg(to_jsonb(s.id) order by s.id) filter (where s.data ->> 'status' <> 'Resolved'), '[]'::jsonb) as open
               from {suggestions} s group by 1
             ),
             promised as (
               select k.org::uuid as org, min(k.data ->> 'madeOn') as first,
                      coalesce(jsonb_agg(jsonb_build_object('commitmentId', k.id,
                          'side', case when k.data ->> 'ownerId' = k.org then 'Theirs' else 'Ours' end,
                          'overdue', k.data ->> 'fellOverdueOn' is not null) order by k.id)
                        filter (where k.data ->> 'status' = 'Open'), '[]'::jsonb) as open
               from concerns k group by 1
             )
             select o.id, jsonb_build_object('id', o.id, 'name', o.data -> 'name', 'kind', o.data -> 'kind',
                 'registeredOn', o.data -> 'registeredOn', 'firstEngagedOn', to_jsonb(least(met.first, asked.first, promised.first)),
                 'meetings', coalesce(met.list, '[]'::jsonb), 'openAsks', coalesce(asked.open, '[]'::jsonb),
                 'openCommitments', coalesce(promised.open, '[]'::jsonb)) as data
             from {organizations} o
               left join met on met.org = o.id
               left join asked on asked.org = o.id
               left join promised on promised.org = o.id)
            """;
    }

    /// <summary>
    /// Which organisations each commitment of <paramref name="commitments"/> concerns (<see cref="Parties.OrganizationsOfCommitment"/>):
    /// rows of <c>id</c> (the commitment), <c>org</c> (an organisation's id as text) and <c>data</c> (the commitment).
    /// </summary>
    public static string Concerns(IQuerySession session, string commitments)
    {
        var schema = session.DocumentStore.Options.Schema;
        const string ours = "('Chamber', 'Member')";
        return $"""
            select c.id, c.data ->> 'ownerId' as org, c.data from {commitments} c
            union all
            select c.id, x.org, c.data from {commitments} c
              join {schema.For<Organization>()} owner on owner.id = (c.data ->> 'ownerId')::uuid and owner.data ->> 'kind' in {ours}
              join {schema.For<Meeting>()} m on m.id = (c.data ->> 'meetingId')::uuid
              cross join lateral jsonb_array_elements_text(m.data -> 'organizationIds') as x(org)
              join {schema.For<Organization>()} other on other.id = x.org::uuid and other.data ->> 'kind' not in {ours}
            where x.org <> c.data ->> 'ownerId'
            """;
    }

    /// <summary>The facts of the organisations with the given ids, as they stood.</summary>
    public static async Task<IReadOnlyDictionary<Guid, StakeholderEngagement>> LoadAsync(IQuerySession session, Past past, IEnumerable<Guid> ids,
        CancellationToken ct)
    {
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0) return new Dictionary<Guid, StakeholderEngagement>();
        var list = new SqlList();
        var from = Source(session, list, past);
        var rows = await list.QueryAsync(session, $"select d.data from {from} d where d.id = any({list.Param(wanted)})",
            r => ListSource.Document<StakeholderEngagement>(session, r), ct);
        return rows.ToDictionary(e => e.Id);
    }
}
