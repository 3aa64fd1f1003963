import { useEffect } from "react";
import { LoadProblem, Loading, Panel, Pill } from "../../components/Bits.jsx";
import { useResource } from "../../hooks.js";
import { useLiveRefresh } from "../../live.js";
import { Action, itemsOf, post, Rows } from "./parts.jsx";
import "./admin.css";

const POLL_MS = 1000;

/** The read models built from the events, how far each has got, and a rebuild from the first event. */
export default function Projections() {
  const projections = useResource("/api/admin/projections", {}, { when: false });
  const { reload } = projections;
  const rows = itemsOf(projections.data);
  const rebuilding = rows.some((p) => p.status === "rebuilding");
  useLiveRefresh(reload);

  useEffect(() => {
    if (!rebuilding) return undefined;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [rebuilding, reload]);

  return <div className="admin">
    <h1>Projections</h1>
    <p className="muted">The asynchronous read models and subscriptions, against the event store's last sequence. A rebuild replays
      every event into a read model; its answers stay available while it runs.</p>
    <Panel title="Status" wide>
      <LoadProblem problem={projections.problem} what="the projections" />
      {projections.data ? <Rows caption="Projections" items={rows} columns={[
        { label: "Name", cell: (p) => p.name },
        { label: "Kind", cell: (p) => p.kind },
        { label: "Processed", num: true, cell: (p) => p.processedSequence },
        { label: "Last event", num: true, cell: (p) => p.highWaterMark },
        { label: "Behind", num: true, cell: (p) => p.eventsBehind },
        { label: "Status", cell: (p) => <Pill value={p.status} /> },
        { label: "Actions", cell: (p) => (p.kind === "projection"
          ? <Action label="Rebuild" confirm={`Rebuild ${p.name} from the first event`} disabled={p.status === "rebuilding"}
            run={(key) => post(`/api/admin/projections/${encodeURIComponent(p.name)}/rebuild`, {}, key)} onDone={reload} />
          : null) }
      ]} /> : <Loading />}
    </Panel>
  </div>;
}
