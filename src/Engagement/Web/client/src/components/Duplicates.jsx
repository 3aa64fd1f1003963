import { Link } from "react-router";
import { useFormContext } from "./Form.jsx";

/**
 * After a 409 "possibly a duplicate": the records already registered under a matching name, each to open (or, inside
 * another form, to use instead), and a button that sends the same form again with confirmDuplicate.
 * onConfirm sets the page's flag that its onSubmit sends; onUse(candidate), when given, takes an existing record.
 */
export function DuplicateChoice({ what, path, onConfirm, onUse }) {
  // what: "An organisation", "A person"
  const form = useFormContext();
  const found = form.problem?.duplicates;
  if (!found?.length) return null;
  const names = found.map((d) => `“${d.name}”`).join(", ");
  return <div className="notice duplicate" role="alert">
    <p>{found.length === 1 ? `${what} named ${names} already exists` : `${found.length} with that name already exist: ${names}`} — {onUse ? "use it" : "open it"}, or register anyway.</p>
    <ul>{found.map((d) => <li key={d.id}>
      {onUse ? <button type="button" onClick={() => onUse(d)}>Use “{d.name}”</button> : <Link to={`${path}/${d.id}`}>Open “{d.name}”</Link>}
    </li>)}</ul>
    <button type="button" onClick={() => { onConfirm(); form.submit(); }}>Register anyway</button>
  </div>;
}
