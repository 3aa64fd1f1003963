import { useEffect, useId, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { url } from "../../api.js";
import { when } from "../../components/Bits.jsx";
import "./reports.css";

/** The report's query as it stands in the page's address: the parameters named, empty ones left out. */
export function useReportQuery(names) {
  const [search] = useSearchParams();
  return Object.fromEntries(names.map((n) => [n, search.get(n) ?? ""]));
}

/**
 * The parameters of a report, as a form that puts them in the page's address (so the address is the report); the
 * page's asOf/knownAt stay as they are. `fields` are [{name, label, type, options}].
 */
export function ReportForm({ fields, label }) {
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, search.get(f.name) ?? ""]));
  const [values, setValues] = useState(initial);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValues(initial()), [search.toString()]);

  function show(event) {
    event.preventDefault();
    const next = new URLSearchParams(search);
    for (const f of fields) { if (values[f.name]) next.set(f.name, values[f.name]); else next.delete(f.name); }
    navigate(location.pathname + (next.toString() ? `?${next}` : ""));
  }

  return <form className="report-form" onSubmit={show} aria-label={label}>
    {fields.map((f) => <div className="field" key={f.name}>
      <label htmlFor={`${id}-${f.name}`}>{f.label}</label>
      {f.type === "select"
        ? <select id={`${id}-${f.name}`} value={values[f.name]} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}>
          {f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
        : <input id={`${id}-${f.name}`} type={f.type ?? "text"} value={values[f.name]} placeholder={f.placeholder}
          onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />}
    </div>)}
    <div className="actions"><button type="submit" className="primary">Show the report</button></div>
  </form>;
}

/**
 * What a printed report must say: the day it describes (asOf), what had been recorded by then (knownAt), and the
 * address that makes it again exactly as it is now: this report with asOf and knownAt pinned to the moment it was made.
 */
export function ReportHead({ title, subtitle, answer, path, params, csv }) {
  const location = useLocation();
  const [madeAt] = useState(() => new Date().toISOString());
  const knownAt = answer.knownAt ?? madeAt;
  const again = url(location.pathname, { ...params, asOf: answer.asOf, knownAt });
  return <div className="report-head">
    <div>
      <h1>{title}</h1>
      {subtitle ? <p className="report-subtitle">{subtitle}</p> : null}
      <p className="muted report-when">
        As of {answer.asOf}, {answer.knownAt ? `as recorded by ${when(answer.knownAt)}` : `as recorded when made (${when(madeAt)})`}.{" "}
        <a href={again} className="again">Link that makes this report again as it is</a>
      </p>
    </div>
    <div className="report-buttons">
      {csv ? <a className="button" href={url(path, { ...params, asOf: answer.asOf, knownAt: answer.knownAt, format: "csv" })}>Download CSV</a> : null}
      <button type="button" className="print" onClick={() => window.print()}>Print</button>
    </div>
  </div>;
}

/** A plain table: [{label, cell(item), num}] over items, with a caption for assistive technology. */
export function ReportTable({ caption, columns, items, id }) {
  // Focusable, so a keyboard can scroll a table wider than a phone.
  return <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}><table className="report-table">
    <caption className="visually-hidden">{caption}</caption>
    <thead><tr>{columns.map((c) => <th key={c.label} scope="col" className={c.num ? "num" : undefined}>{c.label}</th>)}</tr></thead>
    <tbody>{items.length ? items.map((item) => <tr key={id(item)}>
      {columns.map((c) => <td key={c.label} className={c.num ? "num" : undefined}>{c.cell(item)}</td>)}
    </tr>) : <tr><td colSpan={columns.length} className="muted">None in this period.</td></tr>}</tbody>
  </table></div>;
}

export const words = (value) => (value ? String(value).replace(/-/g, " ") : "");
