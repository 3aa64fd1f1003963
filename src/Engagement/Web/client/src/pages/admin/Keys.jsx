import { useState } from "react";
import { Field, Form, useForm } from "../../components/Form.jsx";
import { LoadProblem, Loading, Panel } from "../../components/Bits.jsx";
import { useResource } from "../../hooks.js";
import { Action, itemsOf, OneTime, post, remove, Rows, when } from "./parts.jsx";
import "./admin.css";

const KEY_ROLES = [
  { value: "", label: "Choose a role" }, { value: "viewer", label: "viewer: reads everything" },
  { value: "staff", label: "staff: records meetings, asks, commitments" }, { value: "admin", label: "admin: also keys, webhooks, users" },
  { value: "integration", label: "integration: reads and the event feed, never writes" }];

/** API keys for integrations and automation: issued with a role, shown once, listed with their last use, revoked. */
export default function Keys() {
  const keys = useResource("/api/keys", { limit: 500 }, { when: false });
  const form = useForm({ name: "", role: "" }, { name: "Name", role: "Role" });
  const [issued, setIssued] = useState(null);

  return <div className="admin">
    <h1>API keys</h1>
    <p className="muted">For integrations and scripts: <code>Authorization: Bearer &lt;key&gt;</code>. People sign in with their own
      accounts (Users); a key is named after what uses it.</p>

    <Panel title="Issue a key">
      {issued ? <OneTime label={`The key “${issued.name}” (${issued.role})`} value={issued.key} onDismiss={() => setIssued(null)} /> : null}
      <Form form={form} submitLabel="Issue key" resetOnDone={{ name: "", role: "" }}
        onSubmit={(v, idempotencyKey) => send(v, idempotencyKey)}
        onDone={(answer) => { setIssued(answer.data); keys.reload(); }}>
        <div className="form-row">
          <Field name="name" required autoComplete="off" hint="Who or what uses it, e.g. CRM sync." />
          <Field name="role" type="select" required options={KEY_ROLES} />
        </div>
      </Form>
    </Panel>

    <Panel title="Keys" wide>
      <LoadProblem problem={keys.problem} what="the keys" />
      {keys.data ? <Rows caption="API keys" items={itemsOf(keys.data)} columns={[
        { label: "Name", cell: (k) => k.name },
        { label: "Role", cell: (k) => k.role },
        { label: "Starts with", cell: (k) => <code>{k.prefix}</code> },
        { label: "Issued", cell: (k) => when(k.issuedAt) },
        { label: "Last used", cell: (k) => when(k.lastUsedAt) || "never" },
        { label: "Status", cell: (k) => (k.revokedAt ? `revoked ${when(k.revokedAt)}` : "active") },
        { label: "Actions", cell: (k) => (k.revokedAt ? null : <Action label="Revoke" confirm={`Revoke “${k.name}” now`}
          run={(key) => remove(`/api/keys/${k.id}`, key)} onDone={keys.reload} />) }
      ]} /> : <Loading />}
    </Panel>
  </div>;
}

const send = (v, idempotencyKey) => post("/api/keys", { name: v.name, role: v.role || null }, idempotencyKey);
