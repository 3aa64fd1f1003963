import { useId, useRef, useState } from "react";
import { newKey, send } from "../../api.js";
import { itemsOf, when } from "../../components/Bits.jsx";

export { itemsOf, when };

export const ROLES = ["viewer", "staff", "admin"];

/**
 * A secret the server shows once (an invitation link, an API key, a webhook signing secret): in a read-only field,
 * with a button that copies it. Where the browser refuses the clipboard the text is selected, for Ctrl+C.
 */
export function OneTime({ label, value, note, onDismiss }) {
  const input = useRef(null);
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    input.current.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(document.execCommand?.("copy") ?? false);
    }
  }
  return <div className="one-time" role="status">
    <label htmlFor={id}>{label}</label>
    <div className="one-time-row">
      <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.target.select()} spellCheck={false} />
      <button type="button" onClick={copy}>{copied ? "Copied" : "Copy"}</button>
      {onDismiss ? <button type="button" onClick={onDismiss}>Done</button> : null}
    </div>
    <p className="hint">{note ?? "Shown only now: copy it before leaving this page."}</p>
  </div>;
}

/**
 * A button that makes one write and says how it went beside itself. `confirm` asks first, in place (a second button),
 * for what cannot be undone. run() returns the api.js answer; onDone(answer) runs after a success.
 */
export function Action({ label, run, onDone, confirm, className, disabled }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const key = useRef(null);

  async function go() {
    setAsking(false);
    setBusy(true);
    setProblem(null);
    key.current ??= newKey();
    try {
      const answer = await run(key.current);
      if (answer.status !== 0 && answer.status < 500) key.current = null;
      if (answer.ok) await onDone?.(answer);
      else setProblem(answer.problem);
    } finally {
      setBusy(false);
    }
  }

  return <span className="action">
    {asking
      ? <><button type="button" className="danger" onClick={go}>{confirm}</button>
        <button type="button" onClick={() => setAsking(false)}>Cancel</button></>
      : <button type="button" className={className} disabled={busy || disabled} onClick={() => (confirm ? setAsking(true) : go())}>{label}</button>}
    {problem ? <span className="action-error" role="alert">{problem.detail ?? problem.title}
      {Object.values(problem.errors ?? {}).flat().map((m) => ` ${m}`)}</span> : null}
  </span>;
}

/** POST/DELETE helpers with a fresh Idempotency-Key per action. */
export const post = (path, body, idempotencyKey) => send("POST", path, body ?? {}, { idempotencyKey });
export const remove = (path, idempotencyKey) => send("DELETE", path, undefined, { idempotencyKey });

/** A plain table of rows, the first cell a row header; on a phone each row is a card (admin.css). */
export function Rows({ columns, items, caption, empty = "None yet." }) {
  return <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
    <table className="admin-rows">
      <caption className="visually-hidden">{caption}</caption>
      <thead><tr>{columns.map((c) => <th key={c.label} scope="col" className={c.num ? "num" : undefined}>{c.label}</th>)}</tr></thead>
      <tbody>{items.length ? items.map((item, i) => <tr key={item.id ?? item.webhookId ?? item.name ?? i}>
        {columns.map((c, j) => j === 0
          ? <th key={c.label} scope="row" data-label={c.label}>{c.cell(item)}</th>
          : <td key={c.label} data-label={c.label} className={c.num ? "num" : undefined}>{c.cell(item)}</td>)}
      </tr>) : <tr><td colSpan={columns.length} className="muted">{empty}</td></tr>}</tbody>
    </table>
  </div>;
}
