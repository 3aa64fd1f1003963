import { createContext, useContext, useId, useRef, useState } from "react";
import { newKey } from "../api.js";

const FormContext = createContext(null);

/**
 * The state of one form: what was typed (never cleared by an error), the field-keyed errors of the last answer,
 * and whether the item changed since the page was opened (412). `labels` names every field the form shows, in
 * the words used beside it; an error for a field not shown goes to the summary at the top.
 */
export function useForm(initial, labels) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState(null);
  const [stale, setStale] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(null);
  // A field's messages go once it is changed: they were about what it held before.
  const set = (name, value) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => Object.keys(e).some((k) => rootOf(k) === name)
      ? Object.fromEntries(Object.entries(e).filter(([k]) => rootOf(k) !== name)) : e);
  };
  const reset = () => { setValues(initial); setErrors({}); setProblem(null); setStale(false); };
  return { values, set, setValues, errors, setErrors, problem, setProblem, stale, setStale, submitting, setSubmitting, done, setDone, labels, reset };
}

/** The root field an error key belongs to: "organizationIds[0]" and "posts.title" belong to "organizationIds" and "posts". */
const rootOf = (key) => {
  const root = key.split(/[.[]/)[0];
  return root ? root[0].toLowerCase() + root.slice(1) : key;
};

/** The messages for one field, as sentences that name it: "Title is required." */
export function messagesFor(form, name) {
  const label = form.labels?.[name] ?? name;
  return Object.entries(form.errors)
    .filter(([key]) => rootOf(key) === name)
    .flatMap(([key, messages]) => messages.map((m) => sentence(label, key !== name ? key.slice(name.length) : "", m)));
}

function sentence(label, where, message) {
  const text = /^[A-Z]/.test(message) ? message : `${label}${where ? ` ${where}` : ""} ${message}`;
  return /[.!?)]$/.test(text) ? text : text + ".";
}

/**
 * A form that sends what was typed once per submission: a double click or a retry after a lost answer carries the
 * same Idempotency-Key, so it records once; an answer of 400 shows each message beside its field and keeps the
 * values; 412 says a colleague changed the item, with a reload.
 * onSubmit(values, idempotencyKey) returns the api.js answer; onDone(answer) runs after a success.
 */
export function Form({ form, onSubmit, onDone, onReload, submitLabel, children, className, resetOnDone = false, doneMessage, nested = false, label }) {
  const key = useRef(null);
  const busy = useRef(false);
  const summary = useRef(null);

  async function submit(event) {
    event?.preventDefault();
    if (busy.current) return;
    busy.current = true;
    form.setSubmitting(true);
    form.setDone(null);
    key.current ??= newKey();
    try {
      const answer = await onSubmit(form.values, key.current);
      if (answer.ok) {
        key.current = null;
        form.setErrors({}); form.setProblem(null); form.setStale(false);
        if (resetOnDone) form.setValues(typeof resetOnDone === "object" ? resetOnDone : {});
        form.setDone(doneMessage ?? null);
        await onDone?.(answer);
        return;
      }
      // A lost answer or a server fault may be retried as the same submission; anything else was an answer to it.
      if (answer.status !== 0 && answer.status < 500) key.current = null;
      form.setStale(answer.status === 412);
      form.setErrors(answer.status === 412 ? {} : answer.problem?.errors ?? {});
      form.setProblem(answer.status === 412 ? null : answer.problem);
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      busy.current = false;
      form.setSubmitting(false);
    }
  }

  const shown = new Set(Object.keys(form.labels ?? {}));
  const elsewhere = Object.entries(form.errors).filter(([k]) => !shown.has(rootOf(k)));

  return <FormContext.Provider value={{ ...form, submit }}>
    <Wrapper nested={nested} label={label} className={className ? `form ${className}` : "form"} onSubmit={submit}>
      <div ref={summary} tabIndex={-1} className="form-summary">
        {form.stale ? <div className="error stale" role="alert">
          <p><strong>This was changed by a colleague since you opened it.</strong> Nothing was recorded. Reload to see
            their change; what you typed stays here.</p>
          <button type="button" onClick={() => { form.setStale(false); onReload ? onReload() : location.reload(); }}>Reload</button>
        </div> : null}
        {form.problem ? <div className="error" role="alert">
          <p><strong>{Object.keys(form.errors).length ? "Nothing was recorded: please correct what is marked below." : form.problem.title}</strong>
            {!Object.keys(form.errors).length && form.problem.detail ? ` ${form.problem.detail}` : ""}</p>
          {elsewhere.length ? <ul>{elsewhere.flatMap(([k, ms]) => ms.map((m) => <li key={k + m}>{sentence(k, "", m)}</li>))}</ul> : null}
        </div> : null}
      </div>
      {children}
      <div className="actions">
        <button type={nested ? "button" : "submit"} onClick={nested ? submit : undefined} className="primary" disabled={form.submitting}>{submitLabel}</button>
        {form.submitting ? <span className="muted" role="status">Saving…</span> : null}
        {form.done ? <span className="saved" role="status">{form.done}</span> : null}
      </div>
    </Wrapper>
  </FormContext.Provider>;
}

/**
 * A form, or inside another form (a new organisation added while logging a meeting) a group that behaves like one:
 * HTML forms cannot nest, so Enter in one of its fields submits the group, not the outer form.
 */
function Wrapper({ nested, label, className, onSubmit, children }) {
  if (!nested) return <form className={className} onSubmit={onSubmit} noValidate aria-label={label}>{children}</form>;
  const enter = (event) => {
    if (event.key === "Enter" && event.target.tagName === "INPUT") { event.preventDefault(); onSubmit(); }
  };
  return <div role="group" aria-label={label} className={className} onKeyDown={enter}>{children}</div>;
}

/** What a form sends: empty text as absent, so the API's own rules say what is required. */
export function clean(values) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" && v.trim() === "" ? null : v]));
}

/** A labelled field bound to its form by name, with its errors beside it. */
export function Field({ name, label, type = "text", hint, options, required, rows = 4, placeholder, autoComplete, ...rest }) {
  const form = useContext(FormContext);
  const id = useId();
  const messages = messagesFor(form, name);
  const describedBy = [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id, name, value: form.values[name] ?? "", "aria-invalid": messages.length ? true : undefined, "aria-describedby": describedBy,
    onChange: (e) => form.set(name, e.target.value), placeholder, autoComplete, ...rest
  };
  let input;
  if (type === "textarea") input = <textarea rows={rows} {...common} />;
  else if (type === "select") input = <select {...common}>
    {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
  </select>;
  else input = <input type={type} {...common} />;
  return <div className={messages.length ? "field invalid" : "field"} data-field={name}>
    <label htmlFor={id}>{label ?? form.labels?.[name] ?? name}{required ? <span className="required"> (required)</span> : null}</label>
    {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
    {input}
    {messages.length ? <ul className="field-error" id={`${id}-error`}>{messages.map((m) => <li key={m}>{m}</li>)}</ul> : null}
  </div>;
}

/** Errors for a field drawn by the page itself (a type-ahead, a list), in the same place a Field shows them. */
export function FieldErrors({ name, id }) {
  const form = useContext(FormContext);
  const messages = messagesFor(form, name);
  if (!messages.length) return null;
  return <ul className="field-error" id={id}>{messages.map((m) => <li key={m}>{m}</li>)}</ul>;
}

export const useFormContext = () => useContext(FormContext);
