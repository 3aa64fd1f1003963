import { useParams } from "react-router";
import { send } from "../../api.js";
import { useResource, useTitle, useWhen } from "../../hooks.js";
import History from "../../components/History.jsx";
import { clean, Field, Form, useForm } from "../../components/Form.jsx";
import { Action, LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { OUTCOMES } from "../../options.js";
import { AssignResponsible } from "../work/Responsible.jsx";

export default function Ask() {
  const { id } = useParams();
  const me = useMe();
  const { asOf, knownAt } = useWhen();
  const ask = useResource(`/api/suggestions/${id}`);
  const a = ask.data;
  useTitle(a ? `Ask: ${a.topic ?? a.text.slice(0, 40)}` : null);
  if (ask.problem) return <LoadProblem problem={ask.problem} what="this ask" />;
  if (!a) return <Loading />;
  const live = !asOf && !knownAt;
  const names = { [a.raisedBy.id]: a.raisedBy.name, [a.addressedTo.id]: a.addressedTo.name };
  const act = { ask: a, etag: ask.etag, reload: ask.reload };
  return <>
    <h1>Ask{a.topic ? `: ${a.topic}` : ""}</h1>
    <p className="muted">Raised on {a.raisedOn} at <WhenLink to={`/meetings/${a.meetingId}`}>{a.meetingTitle}</WhenLink></p>
    <Panel title="The ask"><dl>
      <dt>Raised by</dt><dd><WhenLink to={`/organizations/${a.raisedBy.id}`}>{a.raisedBy.name}</WhenLink></dd>
      <dt>Addressed to</dt><dd><WhenLink to={`/organizations/${a.addressedTo.id}`}>{a.addressedTo.name}</WhenLink></dd>
      <dt>Status</dt><dd><Pill value={a.status} />{a.outcome ? ` ${a.outcome.replace(/-/g, " ")}` : ""}{a.resolvedOn ? ` on ${a.resolvedOn}` : ""}</dd>
      {a.resolutionNote ? <><dt>Resolution</dt><dd className="summary">{a.resolutionNote}</dd></> : null}
      <dt>Last activity</dt><dd>{a.lastActivityOn}</dd>
      <dt>Responsible</dt><dd>{a.responsible?.name ?? "no one"}</dd>
      <dt>Next follow-up</dt><dd>{a.followUpOn ?? "not planned"}</dd>
      <dt>Text</dt><dd className="summary">{a.text}</dd>
    </dl></Panel>
    <Panel title="Responses">
      {a.responses.length ? <ul className="timeline">{a.responses.map((r) => <li key={r.id} className="note">
        <span className="on">{r.respondedOn}</span><span className="summary">{r.text}</span>
      </li>)}</ul> : <p className="muted">No response yet.</p>}
    </Panel>
    {live && mayWrite(me) ? <div className="actions-grid">
      {a.status !== "resolved" ? <>
        <Action title="Responsible"><AssignResponsible kind="suggestions" item={a} {...act} /></Action>
        <Action title="Next follow-up"><FollowUp {...act} /></Action>
        <Action title="Record a response"><Respond {...act} /></Action>
        <Action title="Resolve"><Resolve {...act} /></Action>
      </> : <Action title="Reopen"><Reopen {...act} /></Action>}
    </div> : null}
    <History kind="suggestions" id={id} names={names} version={a.version} />
  </>;
}

function FollowUp({ ask, etag, reload }) {
  const form = useForm({ followUpOn: ask.followUpOn ?? "" }, { followUpOn: "Next follow-up on" });
  const path = `/api/suggestions/${ask.id}/follow-up`;
  return <Form form={form} label="Next follow-up" submitLabel="Save the follow-up date" doneMessage="Saved."
    onSubmit={(values, key) => values.followUpOn
      ? send("POST", path, { followUpOn: values.followUpOn }, { idempotencyKey: key, ifMatch: etag })
      : send("DELETE", path, undefined, { ifMatch: etag })}
    onDone={reload} onReload={reload}>
    <Field name="followUpOn" type="date" hint="A reminder is recorded on that day; leave empty to clear it" />
  </Form>;
}

function Respond({ ask, etag, reload }) {
  const form = useForm({ text: "", respondedOn: "" }, { text: "Response", respondedOn: "Responded on" });
  return <Form form={form} label="Record a response" submitLabel="Record the response" resetOnDone={{ text: "", respondedOn: "" }} doneMessage="The response is recorded."
    onSubmit={(values, key) => send("POST", `/api/suggestions/${ask.id}/responses`, clean(values), { idempotencyKey: key, ifMatch: etag })}
    onDone={reload} onReload={reload}>
    <Field name="text" type="textarea" required hint="What they answered" />
    <Field name="respondedOn" type="date" hint="Leave empty for today" />
  </Form>;
}

function Resolve({ ask, etag, reload }) {
  const form = useForm({ outcome: "", note: "", resolvedOn: "" }, { outcome: "Outcome", note: "Note", resolvedOn: "Resolved on" });
  return <Form form={form} label="Resolve" submitLabel="Resolve the ask"
    onSubmit={(values, key) => send("POST", `/api/suggestions/${ask.id}/resolution`, clean(values), { idempotencyKey: key, ifMatch: etag })}
    onDone={reload} onReload={reload}>
    <Field name="outcome" type="select" required options={[{ value: "", label: "Choose…" }, ...OUTCOMES]} />
    <Field name="note" type="textarea" rows={2} />
    <Field name="resolvedOn" type="date" hint="Leave empty for today" />
  </Form>;
}

function Reopen({ ask, etag, reload }) {
  const form = useForm({ reason: "", reopenedOn: "" }, { reason: "Reason", reopenedOn: "Reopened on" });
  return <Form form={form} label="Reopen" submitLabel="Reopen the ask"
    onSubmit={(values, key) => send("POST", `/api/suggestions/${ask.id}/reopening`, clean(values), { idempotencyKey: key, ifMatch: etag })}
    onDone={reload} onReload={reload}>
    <Field name="reason" type="textarea" rows={2} required />
    <Field name="reopenedOn" type="date" hint="Leave empty for today" />
  </Form>;
}
