import { lazy, Suspense, useEffect, useId, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useResource, useWhen, useWithWhen } from "../../hooks.js";
import { itemsOf, LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import { useLiveRefresh } from "../../live.js";
import {
  ASK_STATUSES, asksHref, asksOption, COMMITMENT_STATUSES, commitmentsHref, commitmentsOption, describe, engagedStakeholders,
  engagementOption, labelWidth, meetingsHref, meetingsOption, monthName, NO_TOPIC, organizationHref, rowsHeight
} from "./charts.js";
import "./dashboard.css";

// ECharts is most of the application's weight: only the dashboard loads it.
const EChart = lazy(() => import("./EChart.jsx"));

const TOPICS = 10;
const OVERDUE = 15;

function Card({ n, label, to }) {
  const content = <><div className="n">{n ?? 0}</div><div className="l">{label}</div></>;
  return to ? <Link className="card" to={to}>{content}</Link> : <div className="card">{content}</div>;
}

/**
 * A table of `items`, one column per entry of `columns` ({label, num, date, cell(item)}). On a phone each row becomes a
 * card: the first cell as its title, then "label value" lines (the label comes from data-label).
 */
function Table({ columns, items, id, caption }) {
  return <div className="table-scroll"><table className="stack">
    {caption ? <caption className="visually-hidden">{caption}</caption> : null}
    <thead><tr>{columns.map((c) => <th key={c.label} scope="col" className={c.num ? "num" : undefined}>{c.label}</th>)}</tr></thead>
    <tbody>{items.length ? items.map((item) => <tr key={id(item)}>
      {columns.map((c) => <td key={c.label} data-label={c.label} className={c.num ? "num" : c.date ? "date" : undefined}>{c.cell(item)}</td>)}
    </tr>) : <tr><td colSpan={columns.length} className="muted">None.</td></tr>}</tbody>
  </table></div>;
}

/** A count that opens the register filtered to it; zero is plain text. */
const count = (n, to) => (n ? <Link to={to}>{n}</Link> : n);

/** A chart with its text alternative: a label saying what it shows, and the same figures as a table on demand. */
function ChartPanel({ title, label, option, height, table }) {
  const [shown, setShown] = useState(false);
  const navigate = useNavigate();
  const id = useId();
  return <Panel title={title} actions={<button type="button" className="chart-toggle" aria-expanded={shown} aria-controls={id}
    onClick={() => setShown((s) => !s)}>{shown ? "Hide table" : "View as table"}</button>}>
    <Suspense fallback={<div className="chart" />}>
      <EChart option={option} height={height} label={`${title}: ${label}`} onOpen={(href) => navigate(href)} />
    </Suspense>
    <div id={id} className="chart-table" hidden={!shown}><Table caption={title} {...table} /></div>
  </Panel>;
}

const stakeholderColumns = [
  { label: "stakeholder", cell: (s) => <WhenLink to={`/organizations/${s.organization.id}`}>{s.organization.name}</WhenLink> },
  { label: "health", cell: (s) => <Pill value={s.health} /> },
  { label: "meetings (365 d)", num: true, cell: (s) => s.meetingsLast365Days },
  { label: "last met", date: true, cell: (s) => s.lastMetOn ?? "never" }
];

const byOrganization = (x) => x.organization.id;

export default function Dashboard() {
  const dashboard = useResource("/api/dashboard");
  const overdue = useResource("/api/commitments", { status: "overdue", limit: OVERDUE });
  const engagement = useResource("/api/engagement", { limit: 500 });
  useLiveRefresh(() => { dashboard.reload(); overdue.reload(); engagement.reload(); });
  const at = useWithWhen();
  const { knownAt } = useWhen();
  const d = dashboard.data;

  const charts = useMemo(() => {
    if (!d) return null;
    const topics = d.asksByTopic.slice(0, TOPICS);
    const stakeholders = engagedStakeholders(itemsOf(engagement.data));
    return {
      topics, stakeholders,
      meetings: (width) => meetingsOption(d.meetingsPerMonth, at, width),
      asks: (width) => asksOption(topics, at, labelWidth(width)),
      asksHeight: (width) => rowsHeight(topics.map((t) => t.topic), labelWidth(width)),
      commitments: (width) => commitmentsOption(d.commitmentsByStatus, at, width),
      engagement: (width) => engagementOption(stakeholders, at, labelWidth(width)),
      engagementHeight: (width) => rowsHeight(stakeholders.map((s) => s.organization.name), labelWidth(width))
    };
  }, [d, engagement.data, at]);

  if (dashboard.problem) return <LoadProblem problem={dashboard.problem} what="the dashboard" />;
  if (!d) return <Loading />;
  const h = d.headline;
  const c = d.commitmentsByStatus;

  return <div className="dashboard">
    <div className="dashboard-head">
      <div>
        <h1>Government engagement</h1>
        <p className="muted">As of {d.asOf}{knownAt ? `, as recorded by ${d.knownAt ?? knownAt}` : ""}</p>
      </div>
      <button type="button" className="print" onClick={() => window.print()}>Print board pack</button>
    </div>

    <div className="cards">
      <Card n={h.stakeholders} label="stakeholders engaged" /><Card n={h.activeStakeholders} label="active (met within 90 days)" />
      <Card n={h.coolingStakeholders} label="cooling" /><Card n={h.atRiskStakeholders} label="at risk (overdue commitment)" />
      <Card n={h.meetingsLast90Days} label="meetings, last 90 days" /><Card n={h.meetingsLast365Days} label="meetings, last 365 days" />
      <Card n={h.openAsks} label="open asks" to={at("/asks")} />
      <Card n={h.overdueCommitments} label="overdue commitments" to={commitmentsHref("overdue", at)} />
    </div>
    {d.reminders ? <p className="reminders" role="note">Reminders standing: {d.reminders.commitmentsFallingDue} commitment
      {d.reminders.commitmentsFallingDue === 1 ? "" : "s"} falling due, {d.reminders.followUpsDue} follow-up
      {d.reminders.followUpsDue === 1 ? "" : "s"} due. <WhenLink to="/work">My work</WhenLink></p> : null}

    <div className="grid">
      <ChartPanel title="Meetings per month" height={280} option={charts.meetings}
        label={describe(d.meetingsPerMonth.map((m) => [monthName(m.month), m.meetings]), "meetings in these twelve months")}
        table={{ items: d.meetingsPerMonth, id: (m) => m.month, columns: [
          { label: "month", cell: (m) => monthName(m.month) },
          { label: "meetings", num: true, cell: (m) => count(m.meetings, meetingsHref(m.month, at)) }] }} />

      <ChartPanel title="Asks by topic" height={charts.asksHeight} option={charts.asks}
        label={describe(charts.topics.map((t) => [t.topic, t.open + t.answered + t.resolved]), "asks") +
          " (open, answered and resolved: the table gives each)"}
        table={{ items: charts.topics, id: (t) => t.topic, columns: [
          { label: "topic", cell: (t) => (t.topic === NO_TOPIC ? t.topic : <Link to={asksHref(t.topic, "", at)}>{t.topic}</Link>) },
          ...ASK_STATUSES.map((s) => ({ label: s, num: true, cell: (t) => count(t[s], asksHref(t.topic, s, at)) }))] }} />

      <ChartPanel title="Commitments by status" height={280} option={charts.commitments}
        label={describe(COMMITMENT_STATUSES.map((s) => [s, c[s]]), "commitments")}
        table={{ items: COMMITMENT_STATUSES, id: (s) => s, columns: [
          { label: "status", cell: (s) => <Pill value={s} /> },
          { label: "commitments", num: true, cell: (s) => count(c[s], commitmentsHref(s, at)) }] }} />

      <ChartPanel title="Engagement by stakeholder" height={charts.engagementHeight} option={charts.engagement}
        label={describe(charts.stakeholders.map((s) => [s.organization.name, s.meetingsLast365Days]), "meetings in the last 365 days") +
          " (meetings in the last 365 days)"}
        table={{ items: charts.stakeholders, id: byOrganization, columns: [
          { label: "stakeholder", cell: (s) => <Link to={organizationHref(s.organization.id, at)}>{s.organization.name}</Link> },
          { label: "last 90 days", num: true, cell: (s) => s.meetingsLast90Days },
          { label: "91–365 days ago", num: true, cell: (s) => s.meetingsLast365Days - s.meetingsLast90Days },
          { label: "last met", date: true, cell: (s) => s.lastMetOn ?? "never" }] }} />

      <Panel title="Overdue commitments" wide><Table items={itemsOf(overdue.data).slice(0, OVERDUE)} id={(x) => x.id} columns={[
        { label: "owner", cell: (x) => x.owner?.name },
        { label: "commitment", cell: (x) => (x.meeting ? <WhenLink to={`/meetings/${x.meeting.id}`}>{x.description}</WhenLink> : x.description) },
        { label: "due", date: true, cell: (x) => x.dueOn ?? "" }]} /></Panel>
      <Panel title="Most engaged stakeholders"><Table items={d.mostEngaged} id={byOrganization} columns={stakeholderColumns} /></Panel>
      <Panel title="Cooling off"><Table items={d.coolingOff} id={byOrganization} columns={stakeholderColumns} /></Panel>
      <Panel title="Member companies' asks" wide><Table items={d.memberCompanies} id={byOrganization} columns={[
        { label: "member", cell: (m) => <WhenLink to={`/organizations/${m.organization.id}`}>{m.organization.name}</WhenLink> },
        { label: "raised", num: true, cell: (m) => m.asksRaised },
        { label: "answered", num: true, cell: (m) => m.asksAnswered },
        { label: "resolved", num: true, cell: (m) => m.asksResolved },
        { label: "open", num: true, cell: (m) => m.asksOpen }]} /></Panel>
    </div>
  </div>;
}
