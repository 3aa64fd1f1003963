import { useParams } from "react-router";
import { useResource, useTitle } from "../../hooks.js";
import History from "../../components/History.jsx";
import { Action, itemsOf, LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { send } from "../../api.js";
import { Field, Form, useForm } from "../../components/Form.jsx";
import MergeOrganization from "./MergeOrganization.jsx";

/** Sets, changes or (left empty) removes the organisation's Transparency Register id. */
function ChangeRegisterId({ org, etag, reload }) {
  const form = useForm({ registerId: org.registerId ?? "" }, { registerId: "Transparency Register id" });
  return <Form form={form} label="Change the register id" submitLabel="Save the register id" onReload={reload}
    onSubmit={(values, key) => send("POST", `/api/organizations/${org.id}/register-id`, { registerId: values.registerId.trim() }, { idempotencyKey: key, ifMatch: etag })}
    onDone={reload}>
    <Field name="registerId" hint="Digits, a hyphen, digits (0123456789012-34); leave it empty to remove it." />
  </Form>;
}

function Card({ n, label, children }) {
  const date = typeof n === "string" && /^\d{4}-\d{2}-\d{2}$/.test(n);
  return <div className="card">{children ?? <div className={date ? "n date" : "n"}>{n ?? 0}</div>}<div className="l">{label}</div></div>;
}

/** "meeting held: <title>"; a follow-up names what it follows: "commitment fulfilled: <description> — <note>". */
export function timelineText(item) {
  const kind = item.kind ?? "";
  let what = item.detail;
  if (kind === "meeting-held") what = item.meeting?.title;
  else if (kind.startsWith("commitment-") && kind !== "commitment-made") what = [item.commitment?.description, item.detail].filter(Boolean).join(" — ");
  else if (kind.startsWith("suggestion-") && kind !== "suggestion-raised")
    what = [item.suggestion?.topic ? `on ${item.suggestion.topic}` : null, item.detail].filter(Boolean).join(" — ");
  const about = [item.person?.name, what].filter(Boolean).join(", ");
  return [kind.replace(/-/g, " "), about].filter(Boolean).join(": ");
}

/** Where a timeline entry leads: the ask or commitment it is about, else its meeting. */
export function timelineHref(item) {
  if (item.suggestion?.id) return `/asks/${item.suggestion.id}`;
  if (item.commitment?.id) return `/commitments/${item.commitment.id}`;
  if (item.kind === "person-registered" && item.person?.id) return `/people/${item.person.id}`;
  if ((item.kind === "organization-merged" || item.kind === "organization-absorbed") && item.organization?.id) return `/organizations/${item.organization.id}`;
  const meetingId = item.meeting?.id ?? item.meetingId;
  return meetingId ? `/meetings/${meetingId}` : null;
}

export function Timeline({ answer }) {
  const entries = answer?.entries ?? itemsOf(answer);
  return <Panel title="Timeline">
    {entries.length ? <ul className="timeline">{entries.map((item) => {
      const href = timelineHref(item);
      const full = timelineText(item);
      const text = full.length > 200 ? full.slice(0, 199).trimEnd() + "…" : full;
      return <li key={item.sequence} title={text === full ? undefined : full}>
        <span className="on">{item.on}</span>{href ? <WhenLink to={href}>{text}</WhenLink> : text}
      </li>;
    })}</ul> : <p className="muted">Nothing yet.</p>}
  </Panel>;
}

export default function Organization() {
  const { id } = useParams();
  const me = useMe();
  const organization = useResource(`/api/organizations/${id}`, {}, { when: false });
  const engagement = useResource(`/api/engagement/${id}`);
  const timeline = useResource(`/api/organizations/${id}/timeline`, { limit: 500 });
  const people = useResource("/api/people", { organizationId: id, limit: 500 }, { when: false });
  const org = organization.data;
  useTitle(org?.name);
  if (organization.problem) return <LoadProblem problem={organization.problem} what="this organisation" />;
  if (!org || !timeline.data) return <>{timeline.problem ? <LoadProblem problem={timeline.problem} what="the timeline" /> : <Loading />}</>;
  const s = engagement.data?.stakeholder;
  const merged = org.mergedInto;
  const writable = mayWrite(me) && !merged;
  return <>
    <h1>{org.name}</h1>
    {merged ? <div className="notice merged" role="note">
      <p>Merged into <WhenLink to={`/organizations/${merged.id}`}>{merged.name}</WhenLink> on {merged.mergedOn}: {merged.reason}</p>
      <p>{merged.name} answers for it now: the figures, timeline and people below are those of both.</p>
    </div> : null}
    {org.absorbed?.length ? <p className="muted">Also registered as: {org.absorbed.map((a) => `${a.name} (merged ${a.mergedOn})`).join(", ")}</p> : null}
    <p className="muted">{[org.kind, org.country, org.registerId ? `Transparency Register ${org.registerId}` : null].filter(Boolean).join(" · ")}{org.website ? <> · <a href={org.website} rel="noopener noreferrer">{org.website}</a></> : null}</p>
    {writable ? <p className="page-actions">
      <WhenLink to={`/people/new?organizationId=${id}`} className="button">Register a person here</WhenLink>
      <WhenLink to={`/meetings/new?organizationId=${id}`} className="button">Log a meeting with them</WhenLink>
    </p> : null}
    <p className="page-actions"><WhenLink to={`/reports/member?organizationId=${id}`} className="button">Member report</WhenLink></p>
    {s ? <div className="cards">
      <Card label="health"><Pill value={s.health} /></Card>
      <Card n={s.lastMetOn ?? "never"} label="last met" /><Card n={s.meetingsLast90Days} label="meetings, last 90 days" />
      <Card n={s.meetings} label="meetings in all" /><Card n={s.openAsks} label="open asks addressed to them" />
      <Card n={s.theirOpenCommitments} label="their open commitments" /><Card n={s.ourOpenCommitments} label="our open commitments" />
      <Card n={s.overdueCommitments} label="overdue commitments" />
    </div> : null}
    <Timeline answer={timeline.data} />
    <Panel title="People">
      {itemsOf(people.data).length ? <ul className="plain">{itemsOf(people.data).map((p) => <li key={p.id}>
        <WhenLink to={`/people/${p.id}`}>{p.name}</WhenLink>{p.title ? `, ${p.title}` : ""}
      </li>)}</ul> : <p className="muted">No one registered here.</p>}
    </Panel>
    {writable ? <Action title="Change the register id"><ChangeRegisterId org={org} etag={organization.etag} reload={organization.reload} /></Action> : null}
    {writable ? <Action key={org.id} title="Merge into another organisation…"><MergeOrganization org={org} etag={organization.etag} /></Action> : null}
    <History kind="organizations" id={id} names={{ [org.id]: org.name }} version={org.version} />
  </>;
}
