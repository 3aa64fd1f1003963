import { send } from "../../api.js";
import { Action } from "../../components/Bits.jsx";
import { clean, Field, Form, useForm } from "../../components/Form.jsx";
import Picker from "../../components/Picker.jsx";
import * as find from "../../search.js";
import { meetingLabels } from "./LogMeeting.jsx";

const choose = { value: "", label: "Choose…" };

/** The meeting page's forms: add a note, correct the meeting, raise an ask, make a commitment. */
export default function MeetingActions({ meeting, etag, reload }) {
  const parties = meeting.organizations.map((o) => ({ value: o.id, label: o.name }));
  return <section aria-labelledby="record-heading" className="record">
    <h2 id="record-heading" className="visually-hidden">Record</h2>
    <div className="actions-grid">
      <div>
        <Action title="Raise an ask"><RaiseAsk meeting={meeting} parties={parties} reload={reload} /></Action>
        <Action title="Make a commitment"><MakeCommitment meeting={meeting} parties={parties} reload={reload} /></Action>
      </div>
      <div>
        <Action title="Add a note"><AddNote meeting={meeting} etag={etag} reload={reload} /></Action>
        <Action title="Correct the meeting"><Correct meeting={meeting} etag={etag} reload={reload} /></Action>
      </div>
    </div>
  </section>;
}

/** People whose personal data was erased cannot be mentioned again, so they are not offered. */
const mentionable = async (q) => (await find.people(q)).filter((p) => !p.erased);

function AddNote({ meeting, etag, reload }) {
  const empty = { text: "", notedOn: "", mentions: [] };
  const form = useForm(empty, { text: "Note", notedOn: "Noted on", mentions: "Mentions" });
  return <Form form={form} label="Add a note" submitLabel="Add the note" resetOnDone={empty} doneMessage="The note is added."
    onSubmit={(values, key) => send("POST", `/api/meetings/${meeting.id}/notes`,
      { ...clean(values), mentions: values.mentions.length ? values.mentions.map((p) => p.id) : null }, { idempotencyKey: key, ifMatch: etag })}
    onDone={reload} onReload={reload}>
    <Field name="text" type="textarea" required />
    <Picker name="mentions" label="Mentions" noun="person" search={mentionable}
      hint="The people the note names: if one of them is erased, their name is masked in it" />
    <Field name="notedOn" type="date" hint="Leave empty for today" />
  </Form>;
}

function Correct({ meeting, etag, reload }) {
  const initial = {
    title: meeting.title, location: meeting.location ?? "", topics: meeting.topics.map((t) => ({ id: t, name: t })),
    summary: meeting.summary ?? "", sourceUrl: meeting.sourceUrl ?? "", reason: ""
  };
  const form = useForm(initial, { ...meetingLabels, reason: "Reason for the correction" });
  // Only what changed is sent: the API keeps every field it is not given.
  const changes = (values) => {
    const body = { reason: values.reason.trim() || null };
    for (const field of ["title", "location", "summary", "sourceUrl"])
      if (values[field] !== initial[field]) body[field] = values[field];
    const topics = values.topics.map((t) => t.name);
    if (topics.join("\n") !== meeting.topics.join("\n")) body.topics = topics;
    return body;
  };
  return <Form form={form} label="Correct the meeting" submitLabel="Record the correction" doneMessage="The correction is recorded."
    onSubmit={(values, key) => send("POST", `/api/meetings/${meeting.id}/corrections`, changes(values), { idempotencyKey: key, ifMatch: etag })}
    onDone={reload} onReload={reload}>
    <Field name="title" required />
    <Field name="location" />
    <Picker name="topics" label="Topics" noun="topic" search={find.topics} addLabel={(text) => `Use the new topic “${text}”`}
      onAdd={(name) => form.set("topics", [...form.values.topics, { id: name, name }])} />
    <Field name="summary" type="textarea" rows={5} />
    <Field name="sourceUrl" type="url" />
    <Field name="reason" type="textarea" rows={2} required hint="Kept in the meeting's history with the correction" />
  </Form>;
}

function RaiseAsk({ meeting, parties, reload }) {
  const empty = { raisedById: "", addressedToId: "", topic: "", text: "" };
  const form = useForm(empty, { raisedById: "Raised by", addressedToId: "Addressed to", topic: "Topic", text: "The ask" });
  return <Form form={form} label="Raise an ask" submitLabel="Raise the ask" resetOnDone={empty} doneMessage="The ask is raised."
    onSubmit={(values, key) => send("POST", `/api/meetings/${meeting.id}/suggestions`, clean(values), { idempotencyKey: key })}
    onDone={reload}>
    <Field name="raisedById" type="select" required options={[choose, ...parties]} hint="A member company or the chamber" />
    <Field name="addressedToId" type="select" required options={[choose, ...parties]} />
    <Field name="topic" list="topics-in-meeting" />
    <datalist id="topics-in-meeting">{meeting.topics.map((t) => <option key={t} value={t} />)}</datalist>
    <Field name="text" type="textarea" required />
  </Form>;
}

function MakeCommitment({ meeting, parties, reload }) {
  const empty = { ownerId: "", description: "", dueOn: "", suggestionId: "" };
  const form = useForm(empty, { ownerId: "Owner", description: "Commitment", dueOn: "Due on", suggestionId: "Answers the ask" });
  const asks = meeting.suggestions.map((s) => ({ value: s.id, label: `${s.topic ? `${s.topic}: ` : ""}${s.text.length > 90 ? s.text.slice(0, 89) + "…" : s.text}` }));
  return <Form form={form} label="Make a commitment" submitLabel="Record the commitment" resetOnDone={empty} doneMessage="The commitment is recorded."
    onSubmit={(values, key) => send("POST", `/api/meetings/${meeting.id}/commitments`, clean(values), { idempotencyKey: key })}
    onDone={reload}>
    <Field name="ownerId" type="select" required options={[choose, ...parties]} hint="Who promised it" />
    <Field name="description" type="textarea" rows={3} required />
    <Field name="dueOn" type="date" />
    <Field name="suggestionId" type="select" options={[{ value: "", label: "None" }, ...asks]} />
  </Form>;
}
