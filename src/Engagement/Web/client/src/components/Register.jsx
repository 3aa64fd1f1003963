import { useEffect, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { url } from "../api.js";
import { useResource, useWhen } from "../hooks.js";
import { itemsOf, LoadProblem, Loading } from "./Bits.jsx";
import { useLiveRefresh } from "../live.js";

const PAGE_SIZES = [25, 50, 100, 200];

/**
 * A register: filters, sortable columns, pages of `limit` rows with the contract's cursor, and a CSV export of every
 * row matching the same filters at the same point in time. All of its state lives in the URL, so a register can be
 * bookmarked, shared and reached from a chart.
 *
 * path: the API list; filters: [{name, label, type: text|select|date|number, options}]; columns: [{key, label,
 * render(row), sort}]; csv: the file's register name.
 */
export default function Register({ path, filters = [], columns, defaults = {}, csv = true, empty = "Nothing matches these filters.", caption }) {
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { asOf, knownAt } = useWhen();
  const names = filters.map((f) => f.name);
  const applied = Object.fromEntries(names.map((n) => [n, search.get(n) ?? defaults[n] ?? ""]));
  const [draft, setDraft] = useState(applied);
  const appliedKey = JSON.stringify(applied);
  useEffect(() => { setDraft(JSON.parse(appliedKey)); }, [appliedKey]);

  const sort = search.get("sort") ?? "";
  const order = search.get("order") ?? "";
  const limit = Number(search.get("limit") ?? 50);
  const cursor = search.get("cursor") ?? "";
  const query = { ...applied, sort, order, limit, cursor };
  const list = useResource(path, query);
  useLiveRefresh(list.reload);
  const items = itemsOf(list.data);
  const total = list.data?.total ?? items.length;
  const previous = location.state?.cursors ?? [];

  function go(changes, state) {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) if (v === "" || v === null || v === undefined) next.delete(k); else next.set(k, String(v));
    navigate(location.pathname + (next.toString() ? `?${next}` : ""), { state });
  }

  function apply(event) {
    event.preventDefault();
    go({ ...draft, cursor: "" });
  }

  function clear() {
    go({ ...Object.fromEntries(names.map((n) => [n, ""])), cursor: "" });
  }

  function sortBy(column) {
    const key = column.sort;
    go({ sort: key, order: sort === key && order !== "desc" ? "desc" : "asc", cursor: "" });
  }

  const exportHref = url(path, { ...applied, sort, order, asOf, knownAt, format: "csv" });
  const first = (previous.length ? previous.length * limit : 0) + 1;
  const last = first + items.length - 1;

  return <div className="register">
    {filters.length ? <form className="filters" onSubmit={apply} aria-label="Filters">
      {filters.map((f) => <FilterField key={f.name} filter={f} value={draft[f.name] ?? ""} onChange={(v) => setDraft((d) => ({ ...d, [f.name]: v }))} />)}
      <div className="filter-actions">
        <button type="submit" className="primary">Apply filters</button>
        <button type="button" onClick={clear}>Clear</button>
      </div>
    </form> : null}

    <div className="register-bar">
      <p className="count" role="status">{list.loading && !list.data ? "Loading…" : total === 0 ? "No rows." :
        `Showing ${first}–${Math.max(first, last)} of ${total}`}</p>
      {csv ? <a className="button" href={exportHref} download>Export CSV</a> : null}
    </div>

    <LoadProblem problem={list.problem} what="this register" />
    {list.loading && !list.data ? <Loading /> : null}
    {list.data ? <div className="table-scroll" tabIndex={0} role="region" aria-label={caption ?? "Rows"}>
      <table className="rows">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead><tr>{columns.map((c) => <th key={c.key} scope="col" className={c.num ? "num" : undefined}
          aria-sort={c.sort && sort === c.sort ? (order === "desc" ? "descending" : "ascending") : undefined}>
          {c.sort ? <button type="button" className="sort" onClick={() => sortBy(c)}>{c.label}
            <span aria-hidden="true">{sort === c.sort ? (order === "desc" ? " ▼" : " ▲") : " ↕"}</span></button> : c.label}
        </th>)}</tr></thead>
        <tbody>{items.length ? items.map((row, i) => <tr key={row.id ?? i}>
          {columns.map((c, j) => j === 0
            ? <th key={c.key} scope="row">{c.render ? c.render(row) : row[c.key]}</th>
            : <td key={c.key} className={c.num ? "num" : c.date ? "date" : undefined}>{c.render ? c.render(row) : row[c.key]}</td>)}
        </tr>) : <tr><td colSpan={columns.length} className="muted">{empty}</td></tr>}</tbody>
      </table>
    </div> : null}

    <nav className="pager" aria-label="Pages">
      {previous.length ? <button type="button" onClick={() => go({ cursor: previous.at(-1) }, { cursors: previous.slice(0, -1) })}>Previous page</button> : null}
      {list.data?.nextCursor ? <button type="button" onClick={() => go({ cursor: list.data.nextCursor }, { cursors: [...previous, cursor] })}>Next page</button> : null}
      <label>Rows per page <select value={limit} onChange={(e) => go({ limit: e.target.value, cursor: "" })}>
        {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
      </select></label>
    </nav>
  </div>;
}

function FilterField({ filter, value, onChange }) {
  const id = `filter-${filter.name}`;
  let input;
  if (filter.type === "select") input = <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
    {filter.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
  </select>;
  else input = <input id={id} type={filter.type ?? "search"} value={value} onChange={(e) => onChange(e.target.value)}
    min={filter.min} placeholder={filter.placeholder} />;
  return <div className="field"><label htmlFor={id}>{filter.label}</label>{input}</div>;
}
