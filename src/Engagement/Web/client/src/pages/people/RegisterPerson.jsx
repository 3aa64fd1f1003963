import { useRef } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { send } from "../../api.js";
import { DuplicateChoice } from "../../components/Duplicates.jsx";
import { clean, Field, Form, useForm } from "../../components/Form.jsx";
import { useOrganizations } from "../../options.js";

export const personLabels = { name: "Name", title: "Title", organizationId: "Organisation", since: "In this post since" };

export default function RegisterPerson() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const organizations = useOrganizations();
  const form = useForm({ name: "", title: "", organizationId: search.get("organizationId") ?? "", since: "" }, personLabels);
  const confirmed = useRef(false);
  return <>
    <h1>Register a person</h1>
    <Form form={form} label="Register a person" submitLabel="Register the person"
      onSubmit={(values, key) => send("POST", "/api/people", { ...clean(values), confirmDuplicate: confirmed.current || null }, { idempotencyKey: key })}
      onDone={(answer) => navigate(`/people/${answer.data.id}`)}>
      <Field name="name" required autoComplete="name" />
      <DuplicateChoice what="A person" path="/people" onConfirm={() => { confirmed.current = true; }} />
      <Field name="title" hint="The post they hold, e.g. Vice Minister of Science and Technology" />
      <Field name="organizationId" type="select" required options={[{ value: "", label: organizations.loading ? "Loading…" : "Choose…" }, ...organizations.options]} />
      <Field name="since" type="date" hint="Leave empty for today" />
    </Form>
  </>;
}
