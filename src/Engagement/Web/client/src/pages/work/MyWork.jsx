import { useState } from "react";
import { send } from "../../api.js";
import { useResource, useTitle } from "../../hooks.js";
import { Field, Form, useForm } from "../../components/Form.jsx";
import { useOrganizations } from "../../options.js";
import { useLiveRefresh } from "../../live.js";
import { LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import "./work.css";

const KIND = { ask: "Ask", commitment: "Commitment", meeting: "Meeting" };
const DATE_LABEL = { ask: "next follow-up", commitment: "due", meeting: "held" };
const URGENCY = { overdue: "overdue", due: "due today", soon: "due soon", later: "later", undated: "no date", logged: "logged" };

/** What the signed-in user is responsible for, most pressing first (GET /api/me/work), and their calendar feeds. */
export default function MyWork() {
  const work = useResource("/api/me/work", {}, { when: false });
  useLiveRefresh(work.reload);
  useTitle("My work");
  const w = work.data;
  if (work.problem) return <LoadProblem problem={work.problem} what="your work" />;
  if (!w) return <><h1>My work</h1><Loading /></>;
  if (!w.user) return <>
    <h1>My work</h1>
    <p className="muted">You are signed in with an API key, which no ask or commitment can name as responsible: there is nothing here.
      Sign in with your email and password to see your work.</p>
  </>;
  const c = w.counts;
  return <>
    <h1>My work</h1>
    <p className="muted">{w.user.name}: the open asks you are responsible for, your commitments due within {w.fallingDueDays} days or
      overdue, and the meetings you logged since {w.weekFrom}. Most pressing first.</p>
    <div className="cards">
      <div className="card"><div className="n">{c.openAsks}</div><div className="l">Open asks</div></div>
      <div className="card"><div className="n">{c.followUpsDue}</div><div className="l">Follow-ups due</div></div>
      <div className="card"><div className="n">{c.commitmentsDueSoon}</div><div className="l">Commitments due soon</div></div>
      <div className="card"><div className="n">{c.commitmentsOverdue}</div><div className="l">Commitments overdue</div></div>
    </div>
    <Panel title="To do">
      {w.items.length ? <ol className="work-list" aria-label="My work, most pressing first">
        {w.items.map((item) => <li key={item.kind + item.id} className={`work ${item.urgency}`}>
          <span className="kind">{KIND[item.kind]}</span>
          <WhenLink to={item.path} className="title">{item.title}</WhenLink>
          <span className="on">{item.on ? `${DATE_LABEL[item.kind]} ${item.on}` : "no follow-up planned"}</span>
          <span className="state"><Pill value={item.urgency === "overdue" ? "overdue" : null} />
            {item.urgency !== "overdue" ? URGENCY[item.urgency] : null}{item.reminded ? " · reminded" : ""}</span>
          {item.organization ? <span className="org">{item.organization.name}</span> : null}
        </li>)}
      </ol> : <p className="muted">Nothing is waiting for you.</p>}
    </Panel>
    <CalendarFeeds />
  </>;
}

/**
 * "Subscribe in your calendar": a secret address (shown once, to copy into Outlook, Google Calendar or any calendar
 * application) of the user's own items or of one organisation's; revoking one makes its address answer 404.
 */
function CalendarFeeds() {
  const feeds = useResource("/api/me/calendar-feeds", {}, { when: false });
  const organizations = useOrganizations();
  const [created, setCreated] = useState(null);
  const [revoking, setRevoking] = useState(null);
  const form = useForm({ organizationId: "" }, { organizationId: "Calendar of" });
  const items = feeds.data?.items ?? [];

  async function revoke(feed) {
    setRevoking(feed.id);
    await send("DELETE", `/api/me/calendar-feeds/${feed.id}`);
    setRevoking(null);
    if (created?.id === feed.id) setCreated(null);
    feeds.reload();
  }

  return <Panel title="Subscribe in your calendar">
    <p className="muted">Your calendar application fetches the address below by itself: keep it secret, as anyone with it can read
      the dates. It is shown once; revoke it if it is shared by mistake, and make a new one.</p>
    <Form form={form} label="Make a calendar address" submitLabel="Make a calendar address"
      onSubmit={(values, key) => send("POST", "/api/me/calendar-feeds", { organizationId: values.organizationId || null }, { idempotencyKey: key })}
      onDone={(answer) => { setCreated({ id: answer.data.id, url: location.origin + answer.data.url }); feeds.reload(); }}>
      <Field name="organizationId" type="select" hint="Your own asks' follow-ups and commitments' due dates, or an organisation's"
        options={[{ value: "", label: "What I am responsible for" }, ...organizations.options]} />
    </Form>
    {created ? <div className="feed-url" role="status">
      <label htmlFor="feed-url">Calendar address</label>
      <input id="feed-url" readOnly value={created.url} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => navigator.clipboard?.writeText(created.url)}>Copy</button>
    </div> : null}
    {items.length ? <div className="table-scroll" tabIndex={0} role="region" aria-label="Your calendar addresses"><table className="rows">
      <caption className="visually-hidden">Your calendar addresses</caption>
      <thead><tr><th scope="col">Calendar of</th><th scope="col">Made</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
      <tbody>{items.map((f) => <tr key={f.id}>
        <th scope="row">{f.organization?.name ?? "What I am responsible for"}</th>
        <td>{f.createdAt.slice(0, 10)}</td>
        <td><button type="button" onClick={() => revoke(f)} disabled={revoking === f.id}>Revoke</button></td>
      </tr>)}</tbody>
    </table></div> : <p className="muted">No calendar address yet.</p>}
  </Panel>;
}
