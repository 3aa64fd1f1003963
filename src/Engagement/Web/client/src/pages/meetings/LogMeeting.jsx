import { useEffect, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { get, send } from "../../api.js";
import { DuplicateChoice } from "../../components/Duplicates.jsx";
import { clean, Field, Form, useForm } from "../../components/Form.jsx";
import Picker from "../../components/Picker.jsx";
import * as find from "../../search.js";
import { KINDS } from "../../options.js";
import { organizationLabels } from "../organizations/RegisterOrganization.jsx";
import { personLabels } from "../people/RegisterPerson.jsx";

export const meetingLabels = {
  title: "Title", heldOn: "Date", location: "Place", organizationIds: "Organisations", participantIds: "Participants",
  topics: "Topics", summary: "Summary", sourceUrl: "Source link"
};

const ids = (picked) => picked.map((p) => p.id);

export default function LogMeeting() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const form = useForm({ title: "", heldOn: "", location: "", organizationIds: [], participantIds: [], topics: [], summary: "", sourceUrl: "" }, meetingLabels);
  const [newOrganization, setNewOrganization] = useState(null);
  const [newPerson, setNewPerson] = useState(null);

  const from = search.get("organizationId");
  useEffect(() => {
    if (!from) return;
    get(`/api/organizations/${from}`).then((a) => { if (a.ok) form.set("organizationIds", [{ id: a.data.id, name: a.data.name }]); });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from]);

  const add = (name, item) => form.setValues((v) => ({ ...v, [name]: [...v[name], item] }));

  return <>
    <h1>Log a meeting</h1>
    <Form form={form} label="Log a meeting" submitLabel="Log the meeting"
      onSubmit={(values, key) => send("POST", "/api/meetings", {
        ...clean(values), organizationIds: ids(values.organizationIds), participantIds: ids(values.participantIds),
        topics: values.topics.map((t) => t.name)
      }, { idempotencyKey: key })}
      onDone={(answer) => navigate(`/meetings/${answer.data.id}`)}>
      <Field name="title" required />
      <div className="row2">
        <Field name="heldOn" type="date" required />
        <Field name="location" />
      </div>
      <Picker name="organizationIds" label="Organisations" noun="organisation" search={find.organizations}
        hint="Everyone at the table, by organisation. Not on record yet? Type its name and choose “Add”."
        addLabel={(text) => `Add “${text}” as a new organisation`} onAdd={(name) => setNewOrganization({ name })}>
        {newOrganization ? <NewOrganization name={newOrganization.name} onCancel={() => setNewOrganization(null)}
          onCreated={(o) => { add("organizationIds", o); setNewOrganization(null); }} /> : null}
      </Picker>
      <Picker name="participantIds" label="Participants" noun="person" search={find.people}
        addLabel={(text) => `Add “${text}” as a new person`} onAdd={(name) => setNewPerson({ name })}>
        {newPerson ? <NewPerson name={newPerson.name} organizations={form.values.organizationIds} onCancel={() => setNewPerson(null)}
          onCreated={(p) => { add("participantIds", p); setNewPerson(null); }} /> : null}
      </Picker>
      <Picker name="topics" label="Topics" noun="topic" search={find.topics} hint="Topics already in use are suggested first."
        addLabel={(text) => `Use the new topic “${text}”`} onAdd={(name) => add("topics", { id: name, name })} />
      <Field name="summary" type="textarea" rows={6} />
      <Field name="sourceUrl" type="url" placeholder="https://" hint="A link to the official readout or minutes, if any" />
    </Form>
  </>;
}

/** A new organisation registered from inside another form, without leaving it. */
export function NewOrganization({ name, onCreated, onCancel }) {
  const form = useForm({ name, kind: "", country: "" }, organizationLabels);
  const confirmed = useRef(false);
  return <div className="inline-new">
    <h3>New organisation</h3>
    <Form form={form} nested label="New organisation" submitLabel="Register and add"
      onSubmit={(values, key) => send("POST", "/api/organizations", { ...clean(values), confirmDuplicate: confirmed.current || null }, { idempotencyKey: key })}
      onDone={(answer) => onCreated({ id: answer.data.id, name: form.values.name.trim() })}>
      <Field name="name" required />
      <DuplicateChoice what="An organisation" onConfirm={() => { confirmed.current = true; }} onUse={(d) => onCreated({ id: d.id, name: d.name })} />
      <Field name="kind" type="select" required options={[{ value: "", label: "Choose…" }, ...KINDS]} />
      <Field name="country" />
    </Form>
    <button type="button" onClick={onCancel}>Cancel</button>
  </div>;
}

/** A new person registered from inside the meeting form, at one of its organisations (or another). */
function NewPerson({ name, organizations, onCreated, onCancel }) {
  const form = useForm({ name, title: "", organizationId: organizations[0]?.id ?? "" }, personLabels);
  const confirmed = useRef(false);
  return <div className="inline-new">
    <h3>New person</h3>
    <Form form={form} nested label="New person" submitLabel="Register and add"
      onSubmit={(values, key) => send("POST", "/api/people", { ...clean(values), confirmDuplicate: confirmed.current || null }, { idempotencyKey: key })}
      onDone={(answer) => onCreated({ id: answer.data.id, name: form.values.name.trim() })}>
      <Field name="name" required />
      <DuplicateChoice what="A person" onConfirm={() => { confirmed.current = true; }} onUse={(d) => onCreated({ id: d.id, name: d.name })} />
      <Field name="title" />
      <Field name="organizationId" type="select" required hint="Choose among the meeting's organisations; add the organisation first if it is missing."
        options={[{ value: "", label: "Choose…" }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]} />
    </Form>
    <button type="button" onClick={onCancel}>Cancel</button>
  </div>;
}
