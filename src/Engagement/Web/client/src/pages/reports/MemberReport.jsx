import { useResource } from "../../hooks.js";
import { itemsOf, LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import { ReportForm, ReportHead, ReportTable, useReportQuery, words } from "./parts.jsx";

const PARAMS = ["organizationId", "from", "to"];

/** Every ask a member raised in a period, to whom, the answers, the outcome and the commitments: for renewal time. */
export default function MemberReport() {
  const query = useReportQuery(PARAMS);
  const report = useResource("/api/reports/member", query);
  const members = useResource("/api/organizations", { kind: "member", limit: 500 }, { when: false });
  const r = report.data;
  const options = [{ value: "", label: "Every member company" },
    ...itemsOf(members.data).map((o) => ({ value: o.id, label: o.name }))];

  return <div className="report">
    <ReportForm label="Member report" fields={[
      { name: "organizationId", label: "Member company", type: "select", options },
      { name: "from", label: "From", type: "date" }, { name: "to", label: "To", type: "date" }]} />
    {report.problem ? <><h1>Member report</h1><LoadProblem problem={report.problem} what="the member report" /></> : !r ? <Loading /> : <>
      <ReportHead title={r.organization ? `Member report: ${r.organization.name}` : "Member report: every member company"}
        subtitle={`Asks raised from ${r.from} to ${r.to}` + (r.organization?.registerId ? ` · Transparency Register ${r.organization.registerId}` : "")}
        answer={r} path="/api/reports/member" params={query} csv />
      <div className="cards">
        {[["asks raised", r.summary.asks], ["answered", r.summary.answered], ["resolved", r.summary.resolved],
          ["adopted", r.summary.adopted], ["partially adopted", r.summary.partiallyAdopted], ["still open", r.summary.stillOpen],
          ["commitments made in answer", r.summary.commitments], ["of them fulfilled", r.summary.commitmentsFulfilled]]
          .map(([label, n]) => <div className="card" key={label}><div className="n">{n}</div><div className="l">{label}</div></div>)}
      </div>
      <Panel title="Asks" wide>
        <ReportTable caption="Asks raised in the period" items={r.asks} id={(a) => a.id} columns={[
          { label: "raised", cell: (a) => <>{a.raisedOn}{r.organization ? null : <div>{a.raisedBy.name}</div>}</> },
          { label: "at", cell: (a) => <WhenLink to={`/meetings/${a.meeting.id}`}>{a.meeting.title}</WhenLink> },
          { label: "to", cell: (a) => a.addressedTo.name },
          { label: "ask", cell: (a) => <><WhenLink to={`/asks/${a.id}`}>{a.text}</WhenLink>{a.topic ? <div className="muted">{a.topic}</div> : null}</> },
          { label: "responses", cell: (a) => a.responses.length
            ? <ul>{a.responses.map((x) => <li key={x.id}>{x.respondedOn}: {x.text}</li>)}</ul> : <span className="muted">none yet</span> },
          { label: "outcome", cell: (a) => <><Pill value={a.status} />{a.outcome ? <div>{words(a.outcome)}{a.resolvedOn ? `, ${a.resolvedOn}` : ""}</div> : null}
            {a.resolutionNote ? <div className="muted">{a.resolutionNote}</div> : null}</> },
          { label: "commitments", cell: (a) => a.commitments.length ? <ul>{a.commitments.map((c) => <li key={c.id}>
            <WhenLink to={`/commitments/${c.id}`}>{c.owner.name}: {c.description}</WhenLink>{" "}
            <Pill value={c.overdue ? "overdue" : c.status} />{c.dueOn ? ` due ${c.dueOn}` : ""}</li>)}</ul> : <span className="muted">none</span> }
        ]} />
      </Panel>
    </>}
  </div>;
}
