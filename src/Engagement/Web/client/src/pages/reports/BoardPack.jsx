import { lazy, Suspense, useMemo } from "react";
import { useNavigate } from "react-router";
import { useResource, useWithWhen } from "../../hooks.js";
import { LoadProblem, Loading, Panel } from "../../components/Bits.jsx";
import {
  asksOption, COLOURS, COMMITMENT_STATUSES, commitmentsOption, describe, labelWidth, meetingsOption, monthName, rowsHeight
} from "../dashboard/charts.js";
import { ReportForm, ReportHead, ReportTable, useReportQuery } from "./parts.jsx";
import "../dashboard/dashboard.css";

// The dashboard's chart component, loaded only where charts are drawn.
const EChart = lazy(() => import("../dashboard/EChart.jsx"));

const PARAMS = ["quarter"];
const TOPICS = 10;

/** This quarter's figures beside the previous quarter's, as grouped bars: what happened within each. */
function quartersOption(figures, current, previous, width) {
  const labels = figures.map((f) => f.label);
  return {
    animation: false,
    textStyle: { color: "#1d2733" },
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { data: [previous, current], top: 0 },
    grid: { left: labelWidth(width) + 8, right: 24, top: 28, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: labels, inverse: true, axisLabel: { width: labelWidth(width), overflow: "break", color: "#566170" } },
    series: [
      { name: previous, type: "bar", data: figures.map((f) => f.previous), itemStyle: { color: COLOURS.earlier } },
      { name: current, type: "bar", data: figures.map((f) => f.current), itemStyle: { color: COLOURS.recent } }
    ]
  };
}

function Chart({ title, label, option, height }) {
  const navigate = useNavigate();
  return <Panel title={title}>
    <Suspense fallback={<div className="chart" />}>
      <EChart option={option} height={height} label={`${title}: ${label}`} onOpen={(href) => navigate(href)} />
    </Suspense>
  </Panel>;
}

const signed = (n) => (n > 0 ? `+${n}` : String(n));

/** The dashboard for a quarter, with the change against the previous quarter: for the board. */
export default function BoardPack() {
  const query = useReportQuery(PARAMS);
  const pack = useResource("/api/reports/board-pack", query);
  const at = useWithWhen();
  const p = pack.data;

  const charts = useMemo(() => {
    if (!p) return null;
    const flows = p.figures.filter((f) => !f.label.includes("quarter's end"));
    const topics = p.current.asksByTopic.slice(0, TOPICS);
    return {
      flows, topics,
      quarters: (width) => quartersOption(flows, p.quarter, p.previousQuarter, width),
      quartersHeight: (width) => rowsHeight(flows.map((f) => f.label), labelWidth(width)) + 40,
      meetings: (width) => meetingsOption(p.current.meetingsPerMonth, at, width),
      asks: (width) => asksOption(topics, at, labelWidth(width)),
      asksHeight: (width) => rowsHeight(topics.map((t) => t.topic), labelWidth(width)),
      commitments: (width) => commitmentsOption(p.current.commitmentsByStatus, at, width)
    };
  }, [p, at]);

  return <div className="report dashboard">
    <ReportForm label="Board pack" fields={[{ name: "quarter", label: "Quarter", placeholder: "2026-Q3" }]} />
    {pack.problem ? <><h1>Board pack</h1><LoadProblem problem={pack.problem} what="the board pack" /></> : !p ? <Loading /> : <>
      <ReportHead title={`Board pack: ${p.quarter}`}
        subtitle={`${p.from} to ${p.to}, against ${p.previousQuarter} (${p.previousFrom} to ${p.previousTo})`}
        answer={p} path="/api/reports/board-pack" params={query} />
      <Panel title="The quarter against the previous one" wide>
        <ReportTable caption="Figures of the quarter and of the previous quarter" items={p.figures} id={(f) => f.measure} columns={[
          { label: "figure", cell: (f) => f.label },
          { label: p.quarter, num: true, cell: (f) => f.current },
          { label: p.previousQuarter, num: true, cell: (f) => f.previous },
          { label: "change", num: true, cell: (f) => <span className={f.change > 0 ? "change up" : f.change < 0 ? "change down" : "change"}>{signed(f.change)}</span> }
        ]} />
      </Panel>
      <div className="grid">
        <Chart title="This quarter and the previous one" height={charts.quartersHeight} option={charts.quarters}
          label={charts.flows.map((f) => `${f.label}: ${f.current} (${p.previousQuarter}: ${f.previous})`).join("; ")} />
        <Chart title="Meetings per month" height={280} option={charts.meetings}
          label={describe(p.current.meetingsPerMonth.map((m) => [monthName(m.month), m.meetings]), "meetings in the twelve months to the quarter's end")} />
        <Chart title="Asks by topic" height={charts.asksHeight} option={charts.asks}
          label={describe(charts.topics.map((t) => [t.topic, t.open + t.answered + t.resolved]), "asks")} />
        <Chart title="Commitments by status" height={280} option={charts.commitments}
          label={describe(COMMITMENT_STATUSES.map((s) => [s, p.current.commitmentsByStatus[s]]), "commitments at the quarter's end")} />
      </div>
    </>}
  </div>;
}
