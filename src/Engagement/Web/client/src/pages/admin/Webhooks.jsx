import { useState } from "react";
import { Link } from "react-router";
import { Field, FieldErrors, Form, useForm, useFormContext } from "../../components/Form.jsx";
import { LoadProblem, Loading, Panel, Pill } from "../../components/Bits.jsx";
import { useResource } from "../../hooks.js";
import { Action, itemsOf, OneTime, post, remove, Rows, when } from "./parts.jsx";
import "./admin.css";

/** Where the chamber's CRM is told of changes: signed deliveries, each endpoint with its secret and delivery log. */
export default function Webhooks() {
  const webhooks = useResource("/api/webhooks", { limit: 500 }, { when: false });
  const types = useResource("/api/webhooks/event-types", {}, { when: false });
  const form = useForm({ url: "", description: "", eventTypes: [] }, { url: "URL", description: "Description", eventTypes: "Event types" });
  const [secret, setSecret] = useState(null);

  return <div className="admin">
    <h1>Webhooks</h1>
    <p className="muted">Each delivery is signed (Standard Webhooks) with the endpoint's secret and retried until it is taken.</p>

    <Panel title="Register an endpoint">
      {secret ? <OneTime label={secret.label} value={secret.value} onDismiss={() => setSecret(null)}
        note="The signing secret is shown only now: give it to the receiver, which verifies every delivery with it." /> : null}
      <Form form={form} submitLabel="Register endpoint" resetOnDone={{ url: "", description: "", eventTypes: [] }}
        onSubmit={(v, key) => post("/api/webhooks", {
          url: v.url, description: v.description || null, eventTypes: v.eventTypes.length ? v.eventTypes : null
        }, key)}
        onDone={(answer) => { setSecret({ label: "Signing secret of the new endpoint", value: answer.data.secret }); webhooks.reload(); }}>
        <Field name="url" type="url" required placeholder="https://crm.example.org/hooks/engagement" autoComplete="off" />
        <Field name="description" autoComplete="off" />
        <EventTypes types={itemsOf(types.data)} />
      </Form>
    </Panel>

    <Panel title="Endpoints" wide>
      <LoadProblem problem={webhooks.problem} what="the webhooks" />
      {webhooks.data ? <Rows caption="Webhook endpoints" items={itemsOf(webhooks.data)} columns={[
        { label: "URL", cell: (w) => <Link to={`/admin/webhooks/${w.id}`}>{w.url}</Link> },
        { label: "Description", cell: (w) => w.description ?? "" },
        { label: "Event types", cell: (w) => (w.eventTypes ? w.eventTypes.join(", ") : "every type") },
        { label: "Status", cell: (w) => <><Pill value={w.status} />{w.disabledReason ? <div className="muted">{w.disabledReason}</div> : null}</> },
        { label: "Registered", cell: (w) => when(w.registeredAt) },
        { label: "Actions", cell: (w) => <span className="actions-cell">
          <Link className="button" to={`/admin/webhooks/${w.id}`}>Delivery log</Link>
          {w.status === "disabled"
            ? <Action label="Enable" run={(key) => post(`/api/webhooks/${w.id}/enable`, {}, key)} onDone={webhooks.reload} />
            : <Action label="Disable" run={(key) => post(`/api/webhooks/${w.id}/disable`, {}, key)} onDone={webhooks.reload} />}
          <Action label="Rotate secret" confirm="Rotate: make a new secret" run={(key) => post(`/api/webhooks/${w.id}/secret-rotation`, {}, key)}
            onDone={(answer) => { setSecret({ label: `New signing secret for ${w.url} (the old one keeps working until ${when(answer.data.previousValidUntil)})`, value: answer.data.secret }); webhooks.reload(); }} />
          <Action label="Delete" confirm="Delete it and its log" run={(key) => remove(`/api/webhooks/${w.id}`, key)} onDone={webhooks.reload} />
        </span> }
      ]} /> : <Loading />}
    </Panel>
  </div>;
}

/** The event types to send, as checkboxes; none ticked means every type, including types added later. */
function EventTypes({ types }) {
  const form = useFormContext();
  const chosen = form.values.eventTypes;
  const toggle = (type) => form.set("eventTypes", chosen.includes(type) ? chosen.filter((t) => t !== type) : [...chosen, type]);
  return <fieldset className="field event-types" aria-describedby="event-types-hint">
    <legend className="label">Event types</legend>
    <p className="hint" id="event-types-hint">Tick none to receive every type, including types added later.</p>
    <div className="checks">
      {types.map((t) => <label key={t.type} title={t.description}>
        <input type="checkbox" checked={chosen.includes(t.type)} onChange={() => toggle(t.type)} /> <code>{t.type}</code>
      </label>)}
    </div>
    <FieldErrors name="eventTypes" />
  </fieldset>;
}
