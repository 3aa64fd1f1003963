import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { Field, Form, useForm } from "../../components/Form.jsx";
import { LoadProblem, Loading, Panel, Pill } from "../../components/Bits.jsx";
import { useResource } from "../../hooks.js";
import { Action, itemsOf, post, Rows, when } from "./parts.jsx";
import "./admin.css";

const STATUSES = [{ value: "", label: "Any" }, { value: "pending", label: "Pending" }, { value: "succeeded", label: "Succeeded" },
  { value: "failed", label: "Failed" }];

const POLL_MS = 2000;

/** One endpoint's delivery log, newest first: every attempt made and the next one waiting, with retry and replay. */
export default function WebhookDeliveries() {
  const { id } = useParams();
  const [status, setStatus] = useState("");
  const webhook = useResource(`/api/webhooks/${id}`, {}, { when: false });
  const log = useResource(`/api/webhooks/${id}/deliveries`, { status, limit: 100 }, { when: false });
  const rows = itemsOf(log.data);
  const waiting = rows.some((r) => r.status === "pending");
  const replay = useForm({ since: "" }, { since: "From" });
  const [replayed, setReplayed] = useState(null);

  // Deliveries happen in the background: while one is waiting the log is read again every two seconds.
  const { reload } = log;
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  const w = webhook.data;
  return <div className="admin">
    <p><Link to="/admin/webhooks">← Webhooks</Link></p>
    <h1>Delivery log</h1>
    <LoadProblem problem={webhook.problem} what="the webhook" />
    {w ? <p className="muted"><code>{w.url}</code> · <Pill value={w.status} /> · {w.eventTypes ? w.eventTypes.join(", ") : "every event type"}</p> : null}

    <Panel title="Replay">
      {replayed ? <p className="saved" role="status">{replayed}</p> : null}
      <Form form={replay} submitLabel="Replay from this day" onSubmit={(v, key) => post(`/api/webhooks/${id}/replay`,
        { since: v.since ? new Date(`${v.since}T00:00:00Z`).toISOString() : null }, key)}
        onDone={(answer) => { setReplayed(`${answer.data.events} events queued to send again.`); reload(); }}>
        <Field name="since" type="date" required hint="Every matching event recorded on or after this day (UTC) is sent again, in order, with the webhook-id it had." />
      </Form>
    </Panel>

    <Panel title="Deliveries" wide actions={<span className="panel-tools">
      <label>Status <select value={status} onChange={(e) => setStatus(e.target.value)}>
        {STATUSES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}</select></label>
      <button type="button" onClick={reload}>Refresh</button>
    </span>}>
      <LoadProblem problem={log.problem} what="the delivery log" />
      {log.data ? <Rows caption="Deliveries" items={rows} empty="No deliveries yet." columns={[
        { label: "Event", cell: (d) => <><code>{d.eventType}</code> <span className="muted">#{d.sequence}</span></> },
        { label: "Attempt", num: true, cell: (d) => d.attempt },
        { label: "Status", cell: (d) => <Pill value={d.status} /> },
        { label: "Response", cell: (d) => (d.responseCode ? `HTTP ${d.responseCode}` : d.error ?? "") },
        { label: "Duration", num: true, cell: (d) => (d.durationMs != null ? `${d.durationMs} ms` : "") },
        { label: "When", cell: (d) => when(d.attemptedAt) || (d.nextAttemptAt ? `next ${when(d.nextAttemptAt)}` : "") },
        { label: "Response excerpt", cell: (d) => <span className="excerpt">{d.responseBody ?? ""}</span> },
        { label: "Actions", cell: (d) => <Action label="Retry" run={(key) => post(`/api/webhooks/${id}/deliveries/${encodeURIComponent(d.webhookId)}/retry`, {}, key)}
          onDone={reload} /> }
      ]} /> : <Loading />}
    </Panel>
  </div>;
}
