import { Fragment } from "react";
import { useParams } from "react-router";
import { useResource, useTitle, useWhen } from "../../hooks.js";
import History from "../../components/History.jsx";
import { Action, LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import MeetingActions from "./MeetingActions.jsx";
import { isCleared, RestrictedBadge, RestrictionNotice, RestrictMeeting } from "./Restriction.jsx";

export default function Meeting() {
  const { id } = useParams();
  const me = useMe();
  const { asOf, knownAt } = useWhen();
  const meeting = useResource(`/api/meetings/${id}`);
  const m = meeting.data;
  useTitle(m?.title);
  if (meeting.problem) return <LoadProblem problem={meeting.problem} what="this meeting" />;
  if (!m) return <Loading />;
  const live = !asOf && !knownAt;
  // Those a restriction does not list see the placeholder the API answers; an administrator may still change or lift it.
  const cleared = isCleared(m.restriction, me);
  const mayRestrict = live && mayWrite(me) && (me?.role === "admin" || me?.kind === "user" && cleared);
  const names = Object.fromEntries([...m.organizations, ...m.participants,
    ...m.suggestions.flatMap((s) => [s.raisedBy, s.addressedTo]), ...m.commitments.map((c) => c.owner),
    ...(m.restriction?.allowedUsers ?? []), ...m.notes.flatMap((n) => n.restriction?.allowedUsers ?? [])].map((r) => [r.id, r.name]));
  return <>
    <h1>{m.title}{m.restricted ? <> <RestrictedBadge /></> : null}</h1>
    <p className="muted">{[m.heldOn, m.location].filter(Boolean).join(" · ")}</p>
    {m.restriction ? <RestrictionNotice restriction={m.restriction} cleared={cleared} /> : null}
    <p className="page-actions"><a className="button" href={`/api/meetings/${m.id}/calendar`} download>Add to calendar (.ics)</a></p>
    {mayRestrict ? <Action title={m.restricted ? "Restriction" : "Restrict…"}>
      <RestrictMeeting meeting={m} etag={meeting.etag} reload={meeting.reload} me={me} /></Action> : null}
    {!cleared ? <Panel title="Organisations"><p>{m.organizations.map((o, i) =>
      <Fragment key={o.id}>{i ? ", " : null}<WhenLink to={`/organizations/${o.id}`}>{o.name}</WhenLink></Fragment>)}</p></Panel> : <div className="grid">
      <Panel title="Who and what"><dl>
        <dt>Organisations</dt>
        <dd>{m.organizations.map((o, i) => <Fragment key={o.id}>{i ? ", " : null}<WhenLink to={`/organizations/${o.id}`}>{o.name}</WhenLink></Fragment>)}</dd>
        <dt>Participants</dt>
        <dd>{m.participants.length ? m.participants.map((p) => <div key={p.id}>
          <WhenLink to={`/people/${p.id}`}>{p.name}</WhenLink>{[p.title, p.organization?.name].filter(Boolean).map((t) => `, ${t}`).join("")}
        </div>) : "—"}</dd>
        <dt>Topics</dt><dd>{m.topics.join(", ") || "—"}</dd>
        {m.sourceUrl ? <><dt>Source</dt><dd><a href={m.sourceUrl} rel="noopener noreferrer">{m.sourceUrl}</a></dd></> : null}
      </dl></Panel>
      <Panel title="Summary"><p className="summary">{m.summary ?? "—"}</p></Panel>
    </div>}
    <Panel title="Asks raised"><div className="table-scroll"><table>
      <thead><tr><th scope="col">raised by</th><th scope="col">to</th><th scope="col">topic</th><th scope="col">ask</th><th scope="col">status</th></tr></thead>
      <tbody>{m.suggestions.length ? m.suggestions.map((s) => <tr key={s.id}>
        <td>{s.raisedBy.name}</td><td>{s.addressedTo.name}</td><td>{s.topic ?? ""}</td>
        <td><WhenLink to={`/asks/${s.id}`}>{s.text}</WhenLink></td>
        <td><Pill value={s.status} />{s.outcome ? " " + s.outcome.replace(/-/g, " ") : null}</td>
      </tr>) : <tr><td colSpan={5} className="muted">None.</td></tr>}</tbody>
    </table></div></Panel>
    <Panel title="Commitments"><div className="table-scroll"><table>
      <thead><tr><th scope="col">by</th><th scope="col">commitment</th><th scope="col">due</th><th scope="col">status</th></tr></thead>
      <tbody>{m.commitments.length ? m.commitments.map((c) => <tr key={c.id}>
        <td>{c.owner.name}</td><td><WhenLink to={`/commitments/${c.id}`}>{c.description}</WhenLink></td>
        <td className="date">{c.dueOn ?? ""}</td><td><Pill value={c.overdue ? "overdue" : c.status} /></td>
      </tr>) : <tr><td colSpan={4} className="muted">None.</td></tr>}</tbody>
    </table></div></Panel>
    {cleared ? <Panel title="Notes">
      {m.notes.length ? <ul className="timeline">{m.notes.map((n) => <li key={n.id} className="note">
        <span className="on">{n.notedOn}</span>{n.restricted ? <> <RestrictedBadge /> </> : null}
        <span className="summary">{n.restricted && !isCleared(n.restriction, me) ? "A restricted note." : n.text}</span>
      </li>)}</ul> : <p className="muted">No notes.</p>}
    </Panel> : null}
    {live && mayWrite(me) && cleared ? <MeetingActions meeting={m} etag={meeting.etag} reload={meeting.reload} /> : null}
    <History kind="meetings" id={id} names={names} version={m.version} />
  </>;
}
