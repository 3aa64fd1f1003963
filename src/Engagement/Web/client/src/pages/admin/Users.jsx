import { useRef, useState } from "react";
import { Field, Form, useForm } from "../../components/Form.jsx";
import { Panel, Pill } from "../../components/Bits.jsx";
import Register from "../../components/Register.jsx";
import { useMe } from "../../components/Layout.jsx";
import { Action, OneTime, post, ROLES, when } from "./parts.jsx";
import "./admin.css";

const ROLE_OPTIONS = [{ value: "", label: "Choose a role" }, ...ROLES.map((r) => ({ value: r, label: r }))];
const STATUSES = [{ value: "", label: "Any" }, { value: "invited", label: "Invited" }, { value: "active", label: "Active" },
  { value: "deactivated", label: "Deactivated" }];

// The register re-reads its rows when the window hears this (see hooks.js useResource).
const changed = () => window.dispatchEvent(new Event("engagement:changed"));

const linkOf = (answer) => new URL(answer.data.invitationUrl, location.origin).href;

/** People who sign in: invited by an admin with a one-time link (no mail is sent), deactivated, given another role. */
export default function Users() {
  const form = useForm({ name: "", email: "", role: "" }, { name: "Name", email: "Email", role: "Role" });
  const [link, setLink] = useState(null);
  const me = useMe();
  const inviting = useRef("");

  const invited = (who) => (answer) => { setLink({ who, url: linkOf(answer) }); changed(); };

  return <div className="admin">
    <h1>Users</h1>
    <p className="muted">Invite a colleague: they set their own password at the link you give them. A deactivated user is signed
      out at once.</p>

    <Panel title="Invite a user">
      {link ? <OneTime label={`Invitation link for ${link.who}`} value={link.url} onDismiss={() => setLink(null)}
        note="Give it to them yourself (no mail is sent). It works once; inviting again makes a new link and voids this one." /> : null}
      <Form form={form} submitLabel="Invite" resetOnDone={{ name: "", email: "", role: "" }}
        onSubmit={(v, key) => { inviting.current = v.name; return post("/api/users", { name: v.name, email: v.email, role: v.role || null }, key); }}
        onDone={(answer) => invited(inviting.current)(answer)}>
        <div className="form-row">
          <Field name="name" required autoComplete="off" />
          <Field name="email" type="email" required autoComplete="off" />
          <Field name="role" type="select" required options={ROLE_OPTIONS} />
        </div>
      </Form>
    </Panel>

    <Register path="/api/users" csv={false} caption="Users" empty="No users match these filters."
      filters={[{ name: "q", label: "Name or email" }, { name: "status", label: "Status", type: "select", options: STATUSES }]}
      columns={[
        { key: "name", label: "Name" },
        { key: "email", label: "Email" },
        { key: "role", label: "Role", render: (u) => <RoleChange user={u} self={me?.id === u.id} /> },
        { key: "status", label: "Status", render: (u) => <Pill value={u.status} /> },
        { key: "invitedAt", label: "Invited", render: (u) => when(u.invitedAt) },
        { key: "lastSignInAt", label: "Last signed in", render: (u) => when(u.lastSignInAt) || "never" },
        { key: "actions", label: "Actions", render: (u) => <span className="actions-cell">
          {u.status === "deactivated"
            ? <Action label="Reactivate" run={(key) => post(`/api/users/${u.id}/reactivation`, {}, key)} onDone={changed} />
            : <Action label="Deactivate" confirm={`Deactivate ${u.name} and sign them out`} disabled={me?.id === u.id}
              run={(key) => post(`/api/users/${u.id}/deactivation`, {}, key)} onDone={changed} />}
          {u.status === "invited"
            ? <Action label="New invitation link" run={(key) => post(`/api/users/${u.id}/invitation`, {}, key)} onDone={invited(u.name)} />
            : null}
        </span> }
      ]} />
  </div>;
}

function RoleChange({ user, self }) {
  const [role, setRole] = useState(user.role);
  const id = `role-${user.id}`;
  return <span className="role-change">
    <label htmlFor={id} className="visually-hidden">Role of {user.name}</label>
    <select id={id} value={role} disabled={self} onChange={(e) => setRole(e.target.value)}>
      {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
    </select>
    {role !== user.role
      ? <Action label="Change role" run={(key) => post(`/api/users/${user.id}/role`, { role }, key)} onDone={changed} />
      : null}
  </span>;
}
