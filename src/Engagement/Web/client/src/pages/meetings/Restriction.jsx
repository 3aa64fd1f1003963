import { send } from "../../api.js";
import { Field, FieldErrors, Form, useForm, useFormContext } from "../../components/Form.jsx";
import { useStaff } from "../work/Responsible.jsx";
import "./restriction.css";

/** Marks a restricted meeting wherever it is shown. */
export function RestrictedBadge() {
  return <span className="pill restricted">restricted</span>;
}

/** Whether the signed-in user is among those a restriction lists (an administrator who is not sees the placeholder too). */
export const isCleared = (restriction, me) => !restriction || restriction.allowedUsers.some((u) => u.id === me?.id);

/** What a restriction says: who may see, and why; shown to everyone, so the others know whom to ask. */
export function RestrictionNotice({ restriction, cleared }) {
  const names = restriction.allowedUsers.map((u) => u.name).join(", ");
  return <div className={cleared ? "notice restricted-notice" : "notice restricted-notice hidden-content"} role="note">
    <p><RestrictedBadge /> {cleared
      ? <>This meeting is restricted: only {names} see what was discussed, and its asks and commitments.</>
      : <>This meeting is restricted. You can see that it took place, on this day, with these organisations; what was discussed is
        visible only to {names}.</>}</p>
    {restriction.reason ? <p>Reason: {restriction.reason}</p> : null}
  </div>;
}

/**
 * Restrict…: the staff users who may see the meeting (the one restricting is always among them) and a reason; on a
 * restricted meeting the same form changes who, and "Lift restriction" ends it.
 */
export function RestrictMeeting({ meeting, etag, reload, me }) {
  const current = meeting.restriction;
  const initial = { allowedUserIds: current ? current.allowedUsers.map((u) => u.id) : [], reason: current?.reason ?? "" };
  const form = useForm(initial, { allowedUserIds: "Who may see it", reason: "Reason" });
  const path = `/api/meetings/${meeting.id}/restriction`;
  const lift = useForm({}, {});
  return <>
    <Form form={form} label="Restrict the meeting" submitLabel={current ? "Change who may see it" : "Restrict the meeting"}
      doneMessage="Saved."
      onSubmit={(values) => send("PUT", path, { allowedUserIds: values.allowedUserIds, reason: values.reason.trim() || null }, { ifMatch: etag })}
      onDone={reload} onReload={reload}>
      <AllowedUsers me={me} />
      <Field name="reason" type="textarea" rows={2} hint="Shown to everyone with the placeholder, so say why without saying what" />
    </Form>
    {current ? <Form form={lift} label="Lift the restriction" submitLabel="Lift restriction" doneMessage="The restriction is lifted."
      onSubmit={() => send("DELETE", path, undefined, { ifMatch: etag })} onDone={reload} onReload={reload} /> : null}
  </>;
}

function AllowedUsers({ me }) {
  const form = useFormContext();
  const staff = useStaff();
  const chosen = form.values.allowedUserIds;
  const toggle = (id) => form.set("allowedUserIds", chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return <fieldset className="field allowed-users" aria-describedby="allowed-users-hint">
    <legend className="label">Who may see it</legend>
    <p className="hint" id="allowed-users-hint">Staff users; you are always among them when you restrict it.</p>
    <div className="checks">
      {staff.map((s) => <label key={s.value}>
        <input type="checkbox" checked={chosen.includes(s.value) || s.value === me?.id} disabled={s.value === me?.id}
          onChange={() => toggle(s.value)} /> {s.label}
      </label>)}
    </div>
    <FieldErrors name="allowedUserIds" />
  </fieldset>;
}
