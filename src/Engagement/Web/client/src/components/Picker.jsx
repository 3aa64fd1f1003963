import { useId } from "react";
import TypeAhead from "./TypeAhead.jsx";
import { FieldErrors, messagesFor, useFormContext } from "./Form.jsx";

/**
 * Several picked items ({id, name}) as a list with remove buttons, and a type-ahead to pick more; the form keeps
 * the items under `name`, and the API's errors for that field show beneath.
 */
export default function Picker({ name, label, search, onAdd, addLabel, hint, children, noun = "item" }) {
  const form = useFormContext();
  const errorId = useId();
  const picked = form.values[name] ?? [];
  const invalid = messagesFor(form, name).length > 0;
  const remove = (id) => form.set(name, picked.filter((p) => p.id !== id));
  return <div className={invalid ? "field invalid" : "field"} data-field={name}>
    <TypeAhead label={label} hint={hint} search={search} onAdd={onAdd} addLabel={addLabel} exclude={picked.map((p) => p.id)}
      invalid={invalid} describedBy={invalid ? errorId : undefined}
      onPick={(item) => form.set(name, [...picked, { id: item.id, name: item.name }])} />
    {picked.length ? <ul className="chips" aria-label={`${label} chosen`}>{picked.map((p) => <li key={p.id}>
      <span>{p.name}</span>
      <button type="button" onClick={() => remove(p.id)} aria-label={`Remove ${p.name}`} title={`Remove this ${noun}`}>×</button>
    </li>)}</ul> : null}
    {children}
    <FieldErrors name={name} id={errorId} />
  </div>;
}
