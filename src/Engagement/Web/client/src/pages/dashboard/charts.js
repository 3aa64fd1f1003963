// The dashboard's four charts as ECharts options, and the rows of the tables that say the same in text. Every bar and
// segment carries the address of the register filtered to it; `at` adds the page's asOf/knownAt to an address.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// At least 3:1 against white (WCAG's contrast for graphics); the same colours as the status pills.
export const COLOURS = {
  meetings: "#1f5fa8", open: "#1f5fa8", answered: "#7c4dbd", resolved: "#5f6b7a",
  overdue: "#c0392b", fulfilled: "#2e7d32", cancelled: "#5f6b7a", recent: "#1f5fa8", earlier: "#7fa7d4"
};
const INK = "#1d2733";
const MUTED = "#566170";

export const NO_TOPIC = "(no topic)";
export const ASK_STATUSES = ["open", "answered", "resolved"];
export const COMMITMENT_STATUSES = ["open", "overdue", "fulfilled", "cancelled"];

const base = {
  animation: false,
  textStyle: { color: INK, fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif" },
  tooltip: { trigger: "item", renderMode: "richText" }
};

const axisLabel = { color: MUTED, fontSize: 12 };

/** The first and last day of a "yyyy-MM" month. */
export function monthRange(month) {
  const [year, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export function monthName(month) {
  return `${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;
}

export const meetingsHref = (month, at) => at(`/meetings?from=${monthRange(month).from}&to=${monthRange(month).to}`);

export const asksHref = (topic, status, at) => {
  const query = new URLSearchParams();
  if (topic && topic !== NO_TOPIC) query.set("topic", topic);
  if (status) query.set("status", status);
  return at(`/asks?${query}`);
};

export const commitmentsHref = (status, at) => at(`/commitments?status=${status}`);

export const organizationHref = (id, at) => at(`/organizations/${id}`);

/** Below this width (a phone) the charts say less beside each bar and turn the month names. */
export const NARROW = 520;

/** How wide the names beside horizontal bars may be in a chart this wide. */
export const labelWidth = (width) => Math.round(Math.min(220, Math.max(96, width * 0.36)));

/** How many lines a name takes wrapped at word boundaries into `width` pixels (about 7 px a character at 12 px). */
function lines(text, width) {
  const room = Math.max(6, Math.floor(width / 7));
  let count = 1, used = 0;
  for (const word of text.split(/\s+/)) {
    const length = word.length;
    if (used && used + 1 + length > room) { count++; used = length; } else used += (used ? 1 : 0) + length;
    while (used > room) { count++; used -= room; }
  }
  return count;
}

/** A horizontal bar chart's height: the rows share it equally, so each is as tall as the longest name wraps. */
export function rowsHeight(labels, width) {
  const row = Math.max(30, Math.max(1, ...labels.map((l) => lines(l, width))) * 14 + 10);
  return Math.max(120, labels.length * row + 48);
}

/**
 * Meetings per month: one column per month, January labelled with its year. The grid's edges are fixed in pixels
 * (MEETINGS_GRID), so a month's column sits at a place that can be worked out from the chart's width.
 */
export const MEETINGS_GRID = { left: 40, right: 16, top: 28, bottom: 64 };

export function meetingsOption(months, at, width) {
  const narrow = width < NARROW;
  const name = (m) => MONTHS[Number(m.slice(5)) - 1];
  return {
    ...base,
    grid: { ...MEETINGS_GRID, outerBoundsMode: "none" },
    xAxis: {
      type: "category", data: months.map((m) => m.month),
      axisLabel: {
        ...axisLabel, interval: 0, rotate: narrow ? 90 : 0,
        formatter: (m, i) => (i === 0 || m.endsWith("-01") ? `${name(m)}${narrow ? " " : "\n"}${m.slice(0, 4)}` : name(m))
      },
      axisTick: { alignWithLabel: true }
    },
    yAxis: { type: "value", minInterval: 1, axisLabel },
    series: [{
      type: "bar", name: "meetings", itemStyle: { color: COLOURS.meetings }, barMaxWidth: 36,
      label: { show: true, position: "top", color: INK, fontWeight: 600, formatter: (p) => (p.value ? String(p.value) : "") },
      tooltip: { formatter: (p) => `${monthName(p.name)}: ${p.value} meetings` },
      data: months.map((m) => ({ value: m.meetings, href: meetingsHref(m.month, at) }))
    }]
  };
}

/** Asks by topic: one row per topic (the first ten), a segment per status, the whole topic name beside it. */
export function asksOption(topics, at, labelWidth) {
  return {
    ...base,
    legend: { top: 0, left: 0, textStyle: { color: INK }, data: ASK_STATUSES },
    grid: { left: 8, right: 28, top: 32, bottom: 8 },
    xAxis: { type: "value", minInterval: 1, axisLabel },
    yAxis: {
      type: "category", inverse: true, data: topics.map((t) => t.topic),
      axisLabel: { ...axisLabel, color: INK, width: labelWidth, overflow: "break", lineHeight: 14 }
    },
    series: ASK_STATUSES.map((status) => ({
      type: "bar", name: status, stack: "asks", itemStyle: { color: COLOURS[status] }, barMaxWidth: 22,
      tooltip: { formatter: (p) => `${p.name}: ${p.value} ${status}` },
      data: topics.map((t) => ({ value: t[status] || null, href: asksHref(t.topic, status, at) }))
    }))
  };
}

/** Commitments by status: a ring, one segment per status that has any. */
export function commitmentsOption(counts, at, width) {
  const narrow = width < NARROW;
  return {
    ...base,
    legend: { bottom: 0, textStyle: { color: INK }, data: COMMITMENT_STATUSES },
    series: [{
      type: "pie", name: "commitments", radius: ["38%", "64%"], center: ["50%", "45%"],
      // On a phone the names would be cut at the edge: the legend names the colours, the ring shows the counts.
      label: narrow ? { position: "inside", color: "#fff", fontWeight: 600, formatter: "{c}" } : { color: INK, formatter: "{b}: {c}" },
      tooltip: { formatter: (p) => `${p.value} ${p.name} (${p.percent}%)` },
      data: COMMITMENT_STATUSES.filter((s) => counts[s] > 0)
        .map((s) => ({ name: s, value: counts[s], itemStyle: { color: COLOURS[s] }, href: commitmentsHref(s, at) }))
    }]
  };
}

/** The stakeholders the engagement chart shows: those ever met, most meetings in the last 365 days first, at most ten. */
export function engagedStakeholders(stakeholders) {
  return stakeholders.filter((s) => s.meetings > 0)
    .sort((a, b) => b.meetingsLast365Days - a.meetingsLast365Days || b.meetings - a.meetings
      || (b.lastMetOn ?? "").localeCompare(a.lastMetOn ?? "") || a.organization.name.localeCompare(b.organization.name))
    .slice(0, 10);
}

/** Engagement by stakeholder: meetings in the last 90 days and earlier in the year, one row per stakeholder. */
export function engagementOption(stakeholders, at, labelWidth) {
  const series = [
    { name: "last 90 days", colour: COLOURS.recent, value: (s) => s.meetingsLast90Days },
    { name: "91–365 days ago", colour: COLOURS.earlier, value: (s) => s.meetingsLast365Days - s.meetingsLast90Days }
  ];
  return {
    ...base,
    legend: { top: 0, left: 0, textStyle: { color: INK } },
    grid: { left: 8, right: 28, top: 32, bottom: 8 },
    xAxis: { type: "value", minInterval: 1, axisLabel },
    yAxis: {
      type: "category", inverse: true, data: stakeholders.map((s) => s.organization.name),
      axisLabel: { ...axisLabel, color: INK, width: labelWidth, overflow: "break", lineHeight: 14 }
    },
    series: series.map((k) => ({
      type: "bar", name: k.name, stack: "meetings", itemStyle: { color: k.colour }, barMaxWidth: 22,
      tooltip: { formatter: (p) => `${p.name}: ${p.value} meetings ${k.name}` },
      data: stakeholders.map((s) => ({ value: k.value(s) || null, href: organizationHref(s.organization.id, at) }))
    }))
  };
}

/** A sentence for the chart's aria-label: what it shows, largest first. */
export function describe(pairs, unit) {
  const shown = pairs.filter(([, n]) => n > 0);
  if (!shown.length) return `no ${unit}`;
  return shown.map(([label, n]) => `${label}: ${n}`).join("; ");
}
