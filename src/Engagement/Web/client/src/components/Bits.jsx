import { useState } from "react";
import { Link } from "react-router";
import { useWithWhen } from "../hooks.js";

/** A status or health label: words, never colour alone. */
export function Pill({ value }) {
  if (!value) return null;
  return <span className={`pill ${value}`}>{String(value).replace(/-/g, " ")}</span>;
}

/** A section of a page with its heading. */
export function Panel({ title, children, wide, actions }) {
  return <section className={wide ? "panel wide" : "panel"} aria-label={title}>
    <div className="panel-head"><h2>{title}</h2>{actions}</div>
    {children}
  </section>;
}

/** A link that keeps the page's point in time. */
export function WhenLink({ to, children, ...rest }) {
  const withWhen = useWithWhen();
  return <Link to={withWhen(to)} {...rest}>{children}</Link>;
}

/** What a read answered instead of data, in words. */
export function LoadProblem({ problem, what = "this page" }) {
  if (!problem) return null;
  return <div className="error" role="alert">
    <p><strong>Could not load {what}:</strong> {problem.title}{problem.detail ? `. ${problem.detail}` : ""}</p>
    {Object.entries(problem.errors ?? {}).map(([field, messages]) => <p key={field}>{field}: {messages.join("; ")}</p>)}
  </div>;
}

export function Loading() {
  return <p className="muted" role="status">Loading…</p>;
}

/** A date as the API writes it (yyyy-mm-dd); timestamps shortened to the minute, in UTC. */
export function when(value) {
  if (!value) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** The items of a list answer: `items` (the paginated contract), or the older named arrays. */
export function itemsOf(data) {
  if (!data) return [];
  if (Array.isArray(data)) return data;
  if (Array.isArray(data.items)) return data.items;
  const array = Object.values(data).find(Array.isArray);
  return array ?? [];
}

/** A form behind its title: opened on demand, and drawn only while open (nothing it would load is asked before). */
export function Action({ title, children }) {
  const [open, setOpen] = useState(false);
  return <details className="action" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
    <summary>{title}</summary>
    {open ? <div>{children}</div> : null}
  </details>;
}
