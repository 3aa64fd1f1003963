using Engagement.Confidentiality;
using Engagement.Infrastructure;
using Engagement.ReadModels;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Meetings;

public sealed record TopicUse(string Topic, int Meetings);

public sealed record TopicList(IReadOnlyList<TopicUse> Items);

public static class ListTopicsEndpoint
{
    public const int Max = 50;

    /// <summary>
    /// The topics meetings already carry, for suggestions while typing: distinct (ignoring case, spelt as first used),
    /// most used first, at most 50; <c>q</c> keeps those containing it.
    /// </summary>
    [WolverineGet("/api/topics", Name = "ListTopics"), Tags("Meetings")]
    [ProducesResponseType<TopicList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? q, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors().Optional("q", q, Limits.Topic);
        if (errors.Any) return QueryProblem.From(errors);
        var sql = new SqlList();
        var search = string.IsNullOrWhiteSpace(q) ? null : sql.Param(q.Trim());
        var hidden = sql.Param((await Redaction.ForAsync(http)).HiddenMeetings);
        var topics = await sql.QueryAsync(session, $"""
            select (array_agg(t.topic order by d.data ->> 'heldOn', d.id))[1], count(distinct d.id)::int
            from {sql.Source<Meeting>(session, null, m => m.Id)} d, jsonb_array_elements_text(d.data -> 'topics') as t(topic)
            where btrim(t.topic) <> '' and not (d.id = any({hidden})){(search is null ? "" : $" and strpos(lower(t.topic), lower({search})) > 0")}
            group by lower(btrim(t.topic))
            order by 2 desc, 1
            limit {Max}
            """, r => new TopicUse(r.GetString(0).Trim(), r.GetInt32(1)), ct);
        return Results.Ok(new TopicList(topics));
    }
}
