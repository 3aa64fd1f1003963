import { useParams } from "react-router";
import { send } from "../../api.js";
import { useResource, useTitle, useWhen } from "../../hooks.js";
import History from "../../components/History.jsx";
import { clean, Field, Form, useForm } from "../../components/Form.jsx";
import { Action, LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { AssignResponsible } from "../work/Responsible.jsx";

export default function Commitment() {
  const { id } = useParams();
  const me = useMe();
  const { asOf, knownAt } = useWhen();
  const commitment = useResource(`/api/commitments/${id}`);
  const c = commitment.data;
  useTitle(c ? `Commitment: ${c.description.slice(0, 40)}` : null);
  if (commitment.problem) return <LoadProblem problem={commitment.problem} what="this commitment" />;
  if (!c) return <Loading />;
  const live = !asOf && !knownAt;
  const act = { commitment: c, etag: commitment.etag, reload: commitment.reload };
  return <>
    <h1>Commitment</h1>
    <p className="muted">Made on {c.madeOn} at <WhenLink to={`/meetings/${c.meetingId}`}>{c.meetingTitle}</WhenLink></p>
    <Panel title="The commitment"><dl>
      <dt>By</dt><dd><WhenLink to={`/organizations/${c.owner.id}`}>{c.owner.name}</WhenLink></dd>
      <dt>What</dt><dd className="summary">{c.description}</dd>
      <dt>Due</dt><dd>{c.dueOn ?? "no date"}</dd>
      <dt>Responsible</dt><dd>{c.responsible?.name ?? "no one"}</dd>
      <dt>Status</dt><dd><Pill value={c.overdue ? "overdue" : c.status} />{c.closedOn ? ` on ${c.closedOn}` : ""}</dd>
      {c.closingNote ? <><dt>Closing note</dt><dd className="summary">{c.closingNote}</dd></> : null}
      {c.suggestionId ? <><dt>Answers</dt><dd><WhenLink to={`/asks/${c.suggestionId}`}>the ask it answers</WhenLink></dd></> : null}
    </dl></Panel>
    <Panel title="Progress">
      {c.progress.length ? <ul className="timeline">{c.progress.map((p, i) => <li key={i} className="note">
        <span className="on">{p.notedOn}</span><span className="summary">{p.note}</span>
      </li>)}</ul> : <p className="muted">No progress noted yet.</p>}
    </Panel>
    {live && mayWrite(me) && c.status === "open" ? <div className="actions-grid">
      <div>
        <Action title="Responsible"><AssignResponsible kind="commitments" item={c} {...act} /></Action>
        <Action title="Note progress"><Progress {...act} /></Action>
        <Action title="New due date"><DueDate {...act} /></Action>
      </div>
      <div>
        <Action title="Fulfil"><Fulfil {...act} /></Action>
        <Action title="Cancel"><Cancel {...act} /></Action>
      </div>
    </div> : null}
    <History kind="commitments" id={id} names={{ [c.owner.id]: c.owner.name }} version={c.version} />
  </>;
}

const post = (c, path, etag) => (values, key) => send("POST", `/api/commitments/${c.id}/${path}`, clean(values), { idempotencyKey: key, ifMatch: etag });

function Progress({ commitment, etag, reload }) {
  const form = useForm({ note: "", notedOn: "" }, { note: "Progress", notedOn: "Noted on" });
  return <Form form={form} label="Note progress" submitLabel="Note the progress" resetOnDone={{ note: "", notedOn: "" }} doneMessage="The progress is noted."
    onSubmit={post(commitment, "progress", etag)} onDone={reload} onReload={reload}>
    <Field name="note" type="textarea" rows={3} required />
    <Field name="notedOn" type="date" hint="Leave empty for today" />
  </Form>;
}

function DueDate({ commitment, etag, reload }) {
  const form = useForm({ dueOn: commitment.dueOn ?? "", reason: "" }, { dueOn: "New due date", reason: "Reason" });
  return <Form form={form} label="New due date" submitLabel="Change the due date"
    onSubmit={post(commitment, "due-date", etag)} onDone={reload} onReload={reload}>
    <Field name="dueOn" type="date" required />
    <Field name="reason" type="textarea" rows={2} hint="Kept in the commitment's history" />
  </Form>;
}

function Fulfil({ commitment, etag, reload }) {
  const form = useForm({ note: "", fulfilledOn: "" }, { note: "Note", fulfilledOn: "Fulfilled on" });
  return <Form form={form} label="Fulfil" submitLabel="Mark as fulfilled"
    onSubmit={post(commitment, "fulfilment", etag)} onDone={reload} onReload={reload}>
    <Field name="note" type="textarea" rows={2} />
    <Field name="fulfilledOn" type="date" hint="Leave empty for today" />
  </Form>;
}

function Cancel({ commitment, etag, reload }) {
  const form = useForm({ reason: "", cancelledOn: "" }, { reason: "Reason", cancelledOn: "Cancelled on" });
  return <Form form={form} label="Cancel" submitLabel="Cancel the commitment"
    onSubmit={post(commitment, "cancellation", etag)} onDone={reload} onReload={reload}>
    <Field name="reason" type="textarea" rows={2} required />
    <Field name="cancelledOn" type="date" hint="Leave empty for today" />
  </Form>;
}
