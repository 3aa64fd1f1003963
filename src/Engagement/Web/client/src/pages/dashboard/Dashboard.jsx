import { useResource } from "../../hooks.js";
import { itemsOf, LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";

// The dashboard's figures as plain text and tables; the charts are drawn by the dashboard's own branch of work.

function Card({ n, label }) {
  const date = typeof n === "string" && /^\d{4}-\d{2}-\d{2}$/.test(n);
  return <div className="card"><div className={date ? "n date" : "n"}>{n ?? 0}</div><div className="l">{label}</div></div>;
}

const Stakeholders = ({ rows }) => <Table headers={["stakeholder", "health", { text: "meetings (365 d)", num: true }, "last met"]}
  rows={rows.map((s) => <tr key={s.organization.id}>
    <td><WhenLink to={`/organizations/${s.organization.id}`}>{s.organization.name}</WhenLink></td>
    <td><Pill value={s.health} /></td><td className="num">{s.meetingsLast365Days}</td><td className="date">{s.lastMetOn ?? "never"}</td>
  </tr>)} />;

function Table({ headers, rows }) {
  return <div className="table-scroll"><table>
    <thead><tr>{headers.map((h) => <th key={h.text ?? h} scope="col" className={h.num ? "num" : undefined}>{h.text ?? h}</th>)}</tr></thead>
    <tbody>{rows.length ? rows : <tr><td colSpan={headers.length} className="muted">None.</td></tr>}</tbody>
  </table></div>;
}

export default function Dashboard() {
  const dashboard = useResource("/api/dashboard");
  const overdue = useResource("/api/commitments", { status: "overdue" });
  const d = dashboard.data;
  if (dashboard.problem) return <LoadProblem problem={dashboard.problem} what="the dashboard" />;
  if (!d) return <Loading />;
  const h = d.headline;
  const c = d.commitmentsByStatus;
  return <>
    <h1>Government engagement</h1>
    <p className="muted">As of {d.asOf}</p>
    <div className="cards">
      <Card n={h.stakeholders} label="stakeholders engaged" /><Card n={h.activeStakeholders} label="active (met within 90 days)" />
      <Card n={h.coolingStakeholders} label="cooling" /><Card n={h.atRiskStakeholders} label="at risk (overdue commitment)" />
      <Card n={h.meetingsLast90Days} label="meetings, last 90 days" /><Card n={h.meetingsLast365Days} label="meetings, last 365 days" />
      <Card n={h.openAsks} label="open asks" /><Card n={h.overdueCommitments} label="overdue commitments" />
    </div>
    <div className="grid">
      <Panel title="Meetings per month"><Table headers={["month", { text: "meetings", num: true }]}
        rows={d.meetingsPerMonth.map((m) => <tr key={m.month}><td>{m.month}</td><td className="num">{m.meetings}</td></tr>)} /></Panel>
      <Panel title="Asks by topic"><Table headers={["topic", { text: "open", num: true }, { text: "answered", num: true }, { text: "resolved", num: true }]}
        rows={d.asksByTopic.slice(0, 10).map((t) => <tr key={t.topic}><td>{t.topic}</td><td className="num">{t.open}</td>
          <td className="num">{t.answered}</td><td className="num">{t.resolved}</td></tr>)} /></Panel>
      <Panel title="Overdue commitments" wide><Table headers={["owner", "commitment", "due"]}
        rows={itemsOf(overdue.data).slice(0, 15).map((x) => <tr key={x.id}><td>{x.owner?.name}</td>
          <td>{x.meeting ? <WhenLink to={`/meetings/${x.meeting.id}`}>{x.description}</WhenLink> : x.description}</td>
          <td className="date">{x.dueOn ?? ""}</td></tr>)} /></Panel>
      <Panel title="Most engaged stakeholders"><Stakeholders rows={d.mostEngaged} /></Panel>
      <Panel title="Cooling off"><Stakeholders rows={d.coolingOff} /></Panel>
      <Panel title="Commitments"><Table headers={["status", { text: "count", num: true }]}
        rows={[["open", c.open], ["overdue", c.overdue], ["fulfilled", c.fulfilled], ["cancelled", c.cancelled]].map(([s, n]) =>
          <tr key={s}><td><Pill value={s} /></td><td className="num">{n}</td></tr>)} /></Panel>
      <Panel title="Member companies' asks"><Table headers={["member", { text: "raised", num: true }, { text: "answered", num: true }, { text: "resolved", num: true }, { text: "open", num: true }]}
        rows={d.memberCompanies.map((m) => <tr key={m.organization.id}>
          <td><WhenLink to={`/organizations/${m.organization.id}`}>{m.organization.name}</WhenLink></td>
          <td className="num">{m.asksRaised}</td><td className="num">{m.asksAnswered}</td><td className="num">{m.asksResolved}</td><td className="num">{m.asksOpen}</td>
        </tr>)} /></Panel>
    </div>
  </>;
}
