import { useState } from "react";
import { useNavigate } from "react-router";
import TypeAhead from "../../components/TypeAhead.jsx";
import { Field, FieldErrors, Form, messagesFor, useForm } from "../../components/Form.jsx";
import { send } from "../../api.js";
import * as find from "../../search.js";

const labels = { survivorId: "The organisation to keep", reason: "Reason" };

/**
 * Merges this organisation (a duplicate) into another of its kind, picked with the organisation type-ahead. The first
 * submission only shows what will happen; the second, confirmed, records the merge and opens the survivor.
 */
export default function MergeOrganization({ org, etag }) {
  const navigate = useNavigate();
  const form = useForm({ survivorId: null, reason: "" }, labels);
  const [confirming, setConfirming] = useState(false);
  const survivor = form.values.survivorId;
  const change = (name, value) => { setConfirming(false); form.set(name, value); };
  const search = async (q) => (await find.organizations(q)).filter((o) => o.id !== org.id && o.sub === org.kind);

  function review(values) {
    const errors = {};
    if (!values.survivorId) errors.survivorId = ["is required: pick the organisation to keep"];
    if (!values.reason.trim()) errors.reason = ["is required: say why, for the record"];
    if (Object.keys(errors).length) return { ok: false, status: 400, problem: { title: "The request is invalid", errors } };
    setConfirming(true);
    return { ok: true, review: true };
  }

  const merge = (values, key) => send("POST", `/api/organizations/${org.id}/merge`,
    { survivorId: values.survivorId.id, reason: values.reason.trim() }, { idempotencyKey: key, ifMatch: etag });

  const invalid = messagesFor(form, "survivorId").length > 0;
  return <Form form={form} label="Merge into another organisation" onSubmit={(values, key) => confirming ? merge(values, key) : review(values)}
    onDone={(answer) => { if (!answer.review) navigate(`/organizations/${survivor.id}`); }}
    submitLabel={confirming ? `Merge into ${survivor.name}` : "Review the merge…"}>
    <div className={invalid ? "field invalid" : "field"} data-field="survivorId">
      <TypeAhead label={labels.survivorId} search={search} invalid={invalid} describedBy={invalid ? "merge-survivor-error" : undefined}
        hint={`The record that stays: another ${org.kind} organisation, the one to keep.`}
        onPick={(item) => change("survivorId", { id: item.id, name: item.name })} />
      {survivor ? <p className="chosen">Keep: <strong>{survivor.name}</strong></p> : null}
      <FieldErrors name="survivorId" id="merge-survivor-error" />
    </div>
    <Field name="reason" required hint="For example: registered twice, once with its legal form." onChange={(e) => change("reason", e.target.value)} />
    {confirming ? <div className="notice merge-confirm" role="alert">
      <p><strong>{org.name}</strong> will be merged into <strong>{survivor.name}</strong>. From then on {survivor.name} answers for
        it: its meetings, asks, commitments and people count and show under {survivor.name}, and {org.name} leaves the registers
        (its page stays, marked as merged). Both histories are kept, and answers as of an earlier day still show the two apart.
        A merge cannot be undone.</p>
      <button type="button" onClick={() => setConfirming(false)}>Back</button>
    </div> : null}
  </Form>;
}
