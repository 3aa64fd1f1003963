import { Fragment } from "react";
import { useResource } from "../../hooks.js";
import { LoadProblem, Loading, Panel, WhenLink } from "../../components/Bits.jsx";
import { ReportForm, ReportHead, ReportTable, useReportQuery } from "./parts.jsx";

const PARAMS = ["from", "to"];

/** Meetings with public officials in a period, in the shape the European Commission publishes its meetings lists. */
export default function DisclosureReport() {
  const query = useReportQuery(PARAMS);
  const report = useResource("/api/reports/disclosure", query);
  const r = report.data;
  return <div className="report">
    <ReportForm label="Disclosure report" fields={[{ name: "from", label: "From", type: "date" }, { name: "to", label: "To", type: "date" }]} />
    {report.problem ? <><h1>Disclosure report</h1><LoadProblem problem={report.problem} what="the disclosure report" /></> : !r ? <Loading /> : <>
      <ReportHead title="Disclosure report: meetings with public officials"
        subtitle={`${r.total} meeting${r.total === 1 ? "" : "s"} from ${r.from} to ${r.to}`} answer={r} path="/api/reports/disclosure" params={query} csv />
      <Panel title="Meetings" wide>
        <ReportTable caption="Meetings with public officials" items={r.items} id={(m) => m.id} columns={[
          { label: "date", cell: (m) => <WhenLink to={`/meetings/${m.id}`}>{m.heldOn}</WhenLink> },
          { label: "location", cell: (m) => m.location ?? "" },
          { label: "officials", cell: (m) => m.officials.length ? <ul>{m.officials.map((o) => <li key={o.id}>
            {o.name}{o.post ? `, ${o.post}` : ""} ({o.organization.name})</li>)}</ul>
            : m.publicBodies.map((b, i) => <Fragment key={b.id}>{i ? ", " : ""}{b.name}</Fragment>) },
          { label: "organisations (Transparency Register id)", cell: (m) => <ul>{m.organizations.map((o) => <li key={o.id}>
            {o.name}{o.registerId ? ` (${o.registerId})` : ""}</li>)}</ul> },
          { label: "subject", cell: (m) => <>{m.subject}{m.topics.length ? <div className="muted">{m.topics.join(", ")}</div> : null}</> }
        ]} />
      </Panel>
    </>}
  </div>;
}
