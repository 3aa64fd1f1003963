import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { get, newKey, send, upload } from "../../api.js";
import { LoadProblem, Loading, Panel, Pill, when } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { useResource } from "../../hooks.js";
import "./imports.css";

const KINDS = [
  { value: "organizations", label: "Organisations", register: "/organizations" },
  { value: "people", label: "People", register: "/people" },
  { value: "meetings", label: "Past meetings", register: "/meetings" }
];
const POLL_MS = 500;

/**
 * Bringing records in from a spreadsheet: upload a CSV file of one kind, read its preview (what would be created,
 * what is there already, and every cell in error), then import it and follow the progress. Nothing is recorded before
 * "Import"; a file with errors is not imported at all.
 */
export default function Imports() {
  const me = useMe();
  const columns = useResource("/api/imports/columns", {}, { when: false });
  const [kind, setKind] = useState("organizations");
  const [file, setFile] = useState(null);
  const [preview, setPreview] = useState(null);
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(null);

  async function sendFile(event) {
    event.preventDefault();
    if (!file) { setProblem({ title: "Choose a file first", errors: {} }); return; }
    setBusy(true); setProblem(null); setPreview(null);
    key.current ??= newKey();
    const answer = await upload(`/api/imports/${kind}`, file, { idempotencyKey: key.current });
    if (answer.status !== 0 && answer.status < 500) key.current = null;
    setBusy(false);
    if (answer.ok) setPreview(answer.data); else setProblem(answer.problem);
  }

  if (me && !mayWrite(me)) return <><h1>Import records</h1><p>Imports are for staff: your role may only read.</p></>;
  const chosen = KINDS.find((k) => k.value === kind);
  return <>
    <h1>Import records</h1>
    <p className="muted">Bring organisations, people and past meetings in from a spreadsheet saved as CSV (UTF-8). Import organisations
      first, then people, then meetings, which name them. A file imported again changes nothing: rows are matched by their
      <code> externalId</code>, or else by name (and organisation, or date and title).</p>
    <Panel title="Upload a file" wide>
      <form className="form import-form" onSubmit={sendFile} noValidate aria-label="Upload a file">
        <fieldset>
          <legend>What the file holds</legend>
          {KINDS.map((k) => <label key={k.value} className="choice">
            <input type="radio" name="kind" value={k.value} checked={kind === k.value}
              onChange={() => { setKind(k.value); setPreview(null); setProblem(null); }} /> {k.label}
          </label>)}
        </fieldset>
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPreview(null); }} />
          <p className="hint"><a href={`/api/imports/templates/${kind}`} download>Download the {chosen.label.toLowerCase()} template</a> (the header row to fill in).</p>
        </div>
        {problem ? <div className="error" role="alert">
          <p><strong>{problem.title}</strong>{problem.detail ? ` ${problem.detail}` : ""}</p>
          {Object.keys(problem.errors ?? {}).length ? <ul>{Object.entries(problem.errors).flatMap(([field, ms]) =>
            ms.map((m) => <li key={field + m}>{field === "file" ? "The file" : `Column “${field}”`} {m}.</li>))}</ul> : null}
        </div> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>Upload and preview</button>
          {busy ? <span className="muted" role="status">Reading the file…</span> : null}
        </div>
      </form>
    </Panel>
    {preview ? <Preview key={preview.id} first={preview} register={chosen.register} /> : null}
    <Panel title={`The columns of a file of ${chosen.label.toLowerCase()}`} wide>
      <LoadProblem problem={columns.problem} what="the columns" />
      {columns.data ? <div className="table-scroll"><table>
        <caption>One row per record; lists inside a cell are separated by ;</caption>
        <thead><tr><th scope="col">Column</th><th scope="col">Required</th><th scope="col">What it holds</th></tr></thead>
        <tbody>{(columns.data[kind] ?? []).map((c) => <tr key={c.name}>
          <td><code>{c.name}</code></td><td>{c.required ? "yes" : "no"}</td><td>{c.description}</td>
        </tr>)}</tbody>
      </table></div> : <Loading />}
    </Panel>
  </>;
}

/** The preview of one upload, then its commit followed to the end. */
function Preview({ first, register }) {
  const [state, setState] = useState(first);
  const [problem, setProblem] = useState(null);
  const key = useRef(null);

  useEffect(() => {
    if (state.status !== "committing") return undefined;
    const timer = setInterval(async () => {
      const answer = await get(`/api/imports/${state.id}`);
      if (answer.ok) setState(answer.data);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [state.status, state.id]);

  async function commit() {
    key.current ??= newKey();
    const answer = await send("POST", `/api/imports/${state.id}/commit`, undefined, { idempotencyKey: key.current });
    if (answer.status !== 0 && answer.status < 500) key.current = null;
    if (answer.ok) { setProblem(null); setState(answer.data); } else setProblem(answer.problem);
  }

  const errors = state.errorCount > 0;
  return <Panel title={state.fileName ? `Preview of ${state.fileName}` : "Preview"} wide>
    <dl className="import-figures">
      <div><dt>Rows</dt><dd>{state.rows}</dd></div>
      <div><dt>New</dt><dd>{state.toCreate}</dd></div>
      <div><dt>Already recorded</dt><dd>{state.matched}</dd></div>
      <div><dt>Cells in error</dt><dd>{state.errorCount}</dd></div>
      <div><dt>Status</dt><dd><Pill value={state.status} /></dd></div>
    </dl>
    {problem ? <div className="error" role="alert"><p><strong>{problem.title}</strong> {problem.detail}</p></div> : null}
    {state.failure ? <div className="error" role="alert"><p>{state.failure}</p></div> : null}
    {errors ? <>
      <p role="status">Nothing can be imported from this file until it is corrected: fix the cells below in the spreadsheet and upload it again.</p>
      <div className="table-scroll"><table>
        <caption>Errors by row and column{state.errors.length < state.errorCount ? ` (the first ${state.errors.length} of ${state.errorCount})` : ""}</caption>
        <thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">What is wrong</th></tr></thead>
        <tbody>{state.errors.map((e) => <tr key={`${e.row}-${e.column}`}>
          <td>{e.row}</td><td><code>{e.column}</code></td><td>{e.messages.join("; ")}</td>
        </tr>)}</tbody>
      </table></div>
    </> : null}
    {state.status === "previewed" && !errors ? <div className="actions">
      <button type="button" className="primary" onClick={commit}>Import {state.toCreate} new {state.toCreate === 1 ? "record" : "records"}</button>
    </div> : null}
    {state.status === "failed" && !errors ? <div className="actions"><button type="button" onClick={commit}>Try the import again</button></div> : null}
    {state.status === "committing" ? <div className="import-progress">
      <label htmlFor={`progress-${state.id}`}>Importing: {state.processed} of {state.rows} rows</label>
      <progress id={`progress-${state.id}`} max={state.rows} value={state.processed}>{state.processed} of {state.rows}</progress>
    </div> : null}
    {state.status === "committed" ? <p className="saved" role="status">
      Imported {when(state.completedAt)}: {state.created} created, {state.matched} already recorded. <Link to={register}>Open the register</Link>.
    </p> : null}
  </Panel>;
}
