import { useRef } from "react";
import { useNavigate } from "react-router";
import { send } from "../../api.js";
import { DuplicateChoice } from "../../components/Duplicates.jsx";
import { clean, Field, Form, useForm } from "../../components/Form.jsx";
import { KINDS } from "../../options.js";

export const organizationLabels = { name: "Name", kind: "Kind", country: "Country", website: "Website", registerId: "Transparency Register id" };

export default function RegisterOrganization() {
  const navigate = useNavigate();
  const form = useForm({ name: "", kind: "", country: "", website: "", registerId: "" }, organizationLabels);
  const confirmed = useRef(false);
  return <>
    <h1>Register an organisation</h1>
    <Form form={form} label="Register an organisation" submitLabel="Register the organisation"
      onSubmit={(values, key) => send("POST", "/api/organizations", { ...clean(values), confirmDuplicate: confirmed.current || null }, { idempotencyKey: key })}
      onDone={(answer) => navigate(`/organizations/${answer.data.id}`)}>
      <Field name="name" required autoComplete="organization" />
      <DuplicateChoice what="An organisation" path="/organizations" onConfirm={() => { confirmed.current = true; }} />
      <Field name="kind" type="select" required options={[{ value: "", label: "Choose…" }, ...KINDS]} />
      <div className="row2">
        <Field name="country" autoComplete="country-name" />
        <Field name="website" type="url" placeholder="https://" />
      </div>
      <Field name="registerId" hint="The organisation's id in the EU Transparency Register, if it has one: digits, a hyphen, digits (0123456789012-34)." />
    </Form>
  </>;
}
