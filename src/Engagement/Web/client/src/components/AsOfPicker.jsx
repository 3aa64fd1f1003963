import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { useWhen } from "../hooks.js";

const today = () => new Date().toISOString().slice(0, 10);

/** datetime-local shows local time without a zone; the URL keeps an ISO instant. */
function toLocalInput(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

/** "As of" and "Known at": the page as it stood at the end of a day, with only what had been recorded by a moment. */
export default function AsOfPicker() {
  const { asOf, knownAt } = useWhen();
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [day, setDay] = useState(asOf);
  const [moment, setMoment] = useState(toLocalInput(knownAt));
  useEffect(() => { setDay(asOf); setMoment(toLocalInput(knownAt)); }, [asOf, knownAt]);

  const live = new URLSearchParams(search);
  live.delete("asOf"); live.delete("knownAt"); live.delete("cursor");
  const liveHref = location.pathname + (live.toString() ? `?${live}` : "");

  function show(event) {
    event.preventDefault();
    const next = new URLSearchParams(search);
    next.delete("cursor");
    if (day) next.set("asOf", day); else next.delete("asOf");
    if (moment) next.set("knownAt", new Date(moment).toISOString()); else next.delete("knownAt");
    navigate(location.pathname + (next.toString() ? `?${next}` : ""));
  }

  return <form className="when" onSubmit={show} aria-label="Point in time">
    <label>As of <input type="date" name="asOf" value={day} max={today()} onChange={(e) => setDay(e.target.value)} /></label>
    <label title="Only what had been recorded by then">Known at <input type="datetime-local" name="knownAt" value={moment} onChange={(e) => setMoment(e.target.value)} /></label>
    <button type="submit">Show</button>
    <Link to={liveHref}>Today</Link>
  </form>;
}

/** Says, on every page that is not live, which point in time it shows. */
export function AsOfBanner() {
  const { asOf, knownAt } = useWhen();
  if (!asOf && !knownAt) return null;
  const parts = [`As it stood at the end of ${asOf || "today"}`];
  if (knownAt) parts.push(`with only what had been recorded by ${knownAt}`);
  return <p className="banner" role="status">{parts.join(", ")}.</p>;
}
