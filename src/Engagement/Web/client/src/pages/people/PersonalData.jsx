import { useRef, useState } from "react";
import { send } from "../../api.js";
import { Field, Form, useForm } from "../../components/Form.jsx";
import "./people.css";

/** "Personal data erased on D by X", with the reason: what is left of an erased person. */
export function ErasedNotice({ erasure }) {
  return <div className="erased-notice" role="note">
    <p><strong>Personal data erased on {erasure.erasedOn} by {erasure.erasedBy ?? "an unknown user"}.</strong></p>
    <p>Reason: {erasure.reason}</p>
  </div>;
}

/** The administrator's two acts on a person's personal data: hand all of it out, and erase it. */
export function PersonalDataActions({ person, etag, reload }) {
  const dialog = useRef(null);
  return <section className="personal-data" aria-labelledby="personal-data-heading">
    <h2 id="personal-data-heading">Personal data</h2>
    <p className="page-actions">
      <a className="button" href={`/api/people/${person.id}/export`} download>Download their data</a>
      {person.erasure ? null : <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>Erase personal data…</button>}
    </p>
    {person.erasure ? null : <EraseDialog dialog={dialog} person={person} etag={etag} reload={reload} />}
  </section>;
}

function EraseDialog({ dialog, person, etag, reload }) {
  const form = useForm({ reason: "" }, { reason: "Reason" });
  const [confirmed, setConfirmed] = useState(false);
  const titles = [...new Set(person.posts.map((p) => p.title).filter(Boolean))];
  const close = () => { dialog.current?.close(); setConfirmed(false); };
  return <dialog ref={dialog} className="erase-dialog" aria-labelledby="erase-heading" onClose={() => setConfirmed(false)}>
    <h2 id="erase-heading">Erase the personal data of {person.name}</h2>
    <p>This replaces, in every record and its history, the webhook deliveries and any rebuild:</p>
    <ul>
      <li>the name <strong>{person.name}</strong> with “Erased person”;</li>
      <li>{titles.length ? <>the titles {titles.map((t, i) => <span key={t}>{i ? ", " : ""}<strong>{t}</strong></span>)} (every post keeps only its organisation and dates);</> : "the titles of their posts (there are none);"}</li>
      <li>their name in the meeting notes that mention them.</li>
    </ul>
    <p>Meetings, asks and figures keep counting them. It cannot be undone, and nothing new can be recorded about them afterwards.</p>
    <Form form={form} label="Erase personal data" submitLabel="Erase personal data"
      onSubmit={(values, key) => confirmed
        ? send("POST", `/api/people/${person.id}/erasure`, { reason: values.reason.trim() || null }, { idempotencyKey: key, ifMatch: etag })
        : Promise.resolve({ ok: false, status: 400, problem: { title: "Please confirm", detail: null, errors: { confirm: ["Tick the box to confirm the erasure"] } } })}
      onDone={async () => { close(); await reload(); }} onReload={reload}>
      <Field name="reason" type="textarea" rows={3} required hint="Why, for the record: kept with the erasure, never sent to webhooks" />
      <div className={form.errors.confirm ? "field invalid" : "field"}>
        <label className="checkbox"><input type="checkbox" checked={confirmed} onChange={(e) => { setConfirmed(e.target.checked); form.setErrors({}); }} />
          {" "}I understand that this erases {person.name}'s personal data for good</label>
      </div>
    </Form>
    <p><button type="button" onClick={close}>Cancel</button></p>
  </dialog>;
}
