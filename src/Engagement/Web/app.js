// Fills the page from the JSON API. Every value is set as text, never as markup.
"use strict";

const params = new URLSearchParams(location.search);
const main = document.getElementById("main");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}
const link = (href, text) => el("a", { href: withWhen(href), text });
const pill = (value) => el("span", { class: "pill " + (value || ""), text: (value || "").replace(/-/g, " ") });
const num = (n) => el("td", { class: "num", text: n ?? "" });

function withWhen(href) {
  const q = new URLSearchParams();
  for (const k of ["asOf", "knownAt"]) if (params.get(k)) q.set(k, params.get(k));
  return q.toString() ? `${href}?${q}` : href;
}

async function api(path, extra = {}) {
  const q = new URLSearchParams(extra);
  for (const k of ["asOf", "knownAt"]) if (params.get(k) && !q.has(k)) q.set(k, params.get(k));
  const url = q.toString() ? `${path}?${q}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (response.status === 401) { location.href = "/auth/sign-in?returnUrl=" + encodeURIComponent(location.pathname + location.search); throw new Error("signed out"); }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.detail || body?.title || `${response.status} from ${path}`);
  return body;
}

function table(headers, rows) {
  return el("table", {},
    el("thead", {}, el("tr", {}, headers.map(h => el("th", { class: h.num ? "num" : null, text: h.text ?? h })))),
    el("tbody", {}, rows.length ? rows : [el("tr", {}, el("td", { colspan: headers.length, class: "muted", text: "None." }))]));
}

// replaceChildren turns null into the text "null": leave out what a page does not have (no banner, no health yet).
function show(...nodes) { main.replaceChildren(...nodes.filter(n => n !== null && n !== undefined)); }

function panel(title, ...content) { return el("section", { class: "panel" }, el("h2", { text: title }), ...content); }

function wide(section) { section.classList.add("wide"); return section; }

function card(n, label) {
  const date = typeof n === "string" && /^\d{4}-\d{2}-\d{2}$/.test(n);
  return el("div", { class: "card" }, el("div", { class: date ? "n date" : "n", text: n ?? 0 }), el("div", { class: "l", text: label }));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = String(text);
  return node;
}

const stackTotal = (stack) => (d) => stack.reduce((s, k) => s + (d[k.key] || 0), 0);

function legend(stack) {
  return stack.length > 1 ? el("div", { class: "legend" }, stack.map(k => el("span", { style: `--c:${k.color}`, text: k.label }))) : null;
}

// Drawn 560 units wide, about the width of a half-page panel, so that 11px text stays 11px where there is room.
// Vertical bars, one per item: `short` under the bar and `sub` (optional) on a second line; each segment has a tooltip.
function columns(series, stack, height = 160) {
  const width = 560, top = 18, w = width / (series.length || 1), total = stackTotal(stack);
  const max = Math.max(1, ...series.map(total));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height + 34}`, role: "img", class: "chart" });
  series.forEach((d, i) => {
    const x = i * w, middle = x + w / 2;
    let y = height;
    for (const k of stack) {
      const h = (d[k.key] || 0) / max * (height - top);
      if (h <= 0) continue;
      const bar = svg("rect", { x: x + 3, y: y - h, width: Math.max(1, w - 6), height: h, fill: k.color });
      bar.append(svg("title", {}, `${d.label}: ${d[k.key]} ${k.label}`));
      chart.append(bar);
      y -= h;
    }
    if (total(d)) chart.append(svg("text", { x: middle, y: y - 4, "text-anchor": "middle", class: "value" }, total(d)));
    chart.append(svg("text", { x: middle, y: height + 15, "text-anchor": "middle" }, d.short));
    if (d.sub) chart.append(svg("text", { x: middle, y: height + 29, "text-anchor": "middle" }, d.sub));
  });
  chart.append(svg("line", { x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5, class: "axis" }));
  return el("div", {}, chart, legend(stack));
}

// Horizontal bars, one row per item, for long labels (topics): the label left of its bar, the total after it.
function rows(series, stack) {
  if (!series.length) return el("p", { class: "muted", text: "None." });
  const width = 560, labelWidth = 220, row = 26, room = width - labelWidth - 40, total = stackTotal(stack);
  const max = Math.max(1, ...series.map(total));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${series.length * row}`, role: "img", class: "chart" });
  series.forEach((d, i) => {
    const y = i * row;
    const name = svg("text", { x: labelWidth - 8, y: y + row / 2 + 4, "text-anchor": "end" }, d.short);
    name.append(svg("title", {}, d.label));
    chart.append(name);
    let x = labelWidth;
    for (const k of stack) {
      const w = (d[k.key] || 0) / max * room;
      if (w <= 0) continue;
      const bar = svg("rect", { x, y: y + 4, width: w, height: row - 8, fill: k.color });
      bar.append(svg("title", {}, `${d.label}: ${d[k.key]} ${k.label}`));
      chart.append(bar);
      x += w;
    }
    chart.append(svg("text", { x: x + 5, y: y + row / 2 + 4, class: "value" }, total(d)));
  });
  return el("div", {}, chart, legend(stack));
}

const shorten = (text, n) => text.length > n ? text.slice(0, n - 1).trimEnd() + "…" : text;

function asOfBanner(answer) {
  if (!params.get("asOf") && !params.get("knownAt")) return null;
  const parts = [`As it stood at the end of ${answer?.asOf ?? params.get("asOf")}`];
  if (answer?.knownAt || params.get("knownAt")) parts.push(`with only what had been recorded by ${answer?.knownAt ?? params.get("knownAt")}`);
  return el("p", { class: "banner", text: parts.join(", ") + "." });
}

const stakeholderRow = (s) => el("tr", {},
  el("td", {}, link(`/organizations/${s.organization.id}`, s.organization.name)),
  el("td", {}, pill(s.health)), num(s.meetingsLast365Days), el("td", { class: "date", text: s.lastMetOn ?? "never" }));

async function dashboard() {
  const [d, overdue] = await Promise.all([api("/api/dashboard"), api("/api/commitments", { status: "overdue" })]);
  const h = d.headline;
  const months = d.meetingsPerMonth.map((m, i) => ({ label: m.month, short: MONTHS[Number(m.month.slice(5)) - 1],
    sub: i === 0 || m.month.endsWith("-01") ? m.month.slice(0, 4) : null, meetings: m.meetings }));
  const topics = d.asksByTopic.slice(0, 10).map(t => ({ label: t.topic, short: shorten(t.topic, 34), ...t }));
  const c = d.commitmentsByStatus;
  const overdueRows = (overdue.commitments ?? overdue.items ?? overdue).slice?.(0, 15).map(x => el("tr", {},
    el("td", { text: x.owner?.name ?? "" }), el("td", {}, x.meeting ? link(`/meetings/${x.meeting.id}`, x.description) : x.description ?? ""),
    el("td", { class: "date", text: x.dueOn ?? "" }))) ?? [];
  show(
    asOfBanner(d),
    el("h1", { text: "Government engagement" }),
    el("p", { class: "muted", text: `As of ${d.asOf}` }),
    el("div", { class: "cards" },
      card(h.stakeholders, "stakeholders engaged"), card(h.activeStakeholders, "active (met within 90 days)"),
      card(h.coolingStakeholders, "cooling"), card(h.atRiskStakeholders, "at risk (overdue commitment)"),
      card(h.meetingsLast90Days, "meetings, last 90 days"), card(h.meetingsLast365Days, "meetings, last 365 days"),
      card(h.openAsks, "open asks"), card(h.overdueCommitments, "overdue commitments")),
    el("div", { class: "grid" },
      panel("Meetings per month", columns(months, [{ key: "meetings", label: "meetings", color: "var(--accent)" }])),
      panel("Asks by topic", rows(topics, [
        { key: "open", label: "open", color: "var(--open)" }, { key: "answered", label: "answered", color: "var(--answered)" },
        { key: "resolved", label: "resolved", color: "var(--resolved)" }])),
      wide(panel("Overdue commitments", table(["owner", "commitment", "due"], overdueRows))),
      panel("Most engaged stakeholders", table(["stakeholder", "health", { text: "meetings (365 d)", num: true }, "last met"], d.mostEngaged.map(stakeholderRow))),
      panel("Cooling off", table(["stakeholder", "health", { text: "meetings (365 d)", num: true }, "last met"], d.coolingOff.map(stakeholderRow))),
      panel("Commitments", table(["status", { text: "count", num: true }], [
        ["open", c.open], ["overdue", c.overdue], ["fulfilled", c.fulfilled], ["cancelled", c.cancelled]]
        .map(([s, n]) => el("tr", {}, el("td", {}, pill(s)), num(n))))),
      panel("Member companies' asks", table(["member", { text: "raised", num: true }, { text: "answered", num: true }, { text: "resolved", num: true }, { text: "open", num: true }],
        d.memberCompanies.map(m => el("tr", {}, el("td", {}, link(`/organizations/${m.organization.id}`, m.organization.name)),
          num(m.asksRaised), num(m.asksAnswered), num(m.asksResolved), num(m.asksOpen)))))));
}

function timelineHref(item) {
  const meetingId = item.meeting?.id ?? item.meetingId;
  return meetingId ? `/meetings/${meetingId}` : null;
}

// "meeting held: <title>", "person registered: <name>, <title>", "commitment made: <description>", ...
// "meeting held: <title>", "person registered: <name>, <title>", "commitment made: <description>"; a follow-up names what it
// follows: "commitment fulfilled: <description> — <note>", "suggestion answered: on <topic> — <answer>".
function timelineText(item) {
  const kind = item.kind ?? "";
  let what = item.detail;
  if (kind === "meeting-held") what = item.meeting?.title;
  else if (kind.startsWith("commitment-") && kind !== "commitment-made") what = [item.commitment?.description, item.detail].filter(Boolean).join(" — ");
  else if (kind.startsWith("suggestion-") && kind !== "suggestion-raised")
    what = [item.suggestion?.topic ? `on ${item.suggestion.topic}` : null, item.detail].filter(Boolean).join(" — ");
  const about = [item.person?.name, what].filter(Boolean).join(", ");
  return [kind.replace(/-/g, " "), about].filter(Boolean).join(": ");
}

async function organization(id) {
  const [org, engagement, timeline] = await Promise.all([
    api(`/api/organizations/${id}`, { asOf: "", knownAt: "" }).catch(() => null),
    api(`/api/engagement/${id}`).catch(() => null),
    api(`/api/organizations/${id}/timeline`)]);
  const s = engagement?.stakeholder;
  const entries = timeline.items ?? [];
  show(
    asOfBanner(timeline),
    el("h1", { text: org?.name ?? timeline.subject?.name ?? "Organisation" }),
    el("p", { class: "muted", text: [org?.kind, org?.country].filter(Boolean).join(" · ") }),
    s ? el("div", { class: "cards" },
      el("div", { class: "card" }, pill(s.health), el("div", { class: "l", text: "health" })),
      card(s.lastMetOn ?? "never", "last met"), card(s.meetingsLast90Days, "meetings, last 90 days"), card(s.meetings, "meetings in all"),
      card(s.openAsks, "open asks addressed to them"), card(s.theirOpenCommitments, "their open commitments"),
      card(s.ourOpenCommitments, "our open commitments"), card(s.overdueCommitments, "overdue commitments")) : null,
    panel("Timeline", entries.length ? el("ul", { class: "timeline" }, entries.map(item => {
      const href = timelineHref(item);
      const full = timelineText(item);
      const text = full.length > 200 ? full.slice(0, 199).trimEnd() + "…" : full;
      return el("li", { title: text === full ? null : full }, el("span", { class: "on", text: item.on }), href ? link(href, text) : text);
    })) : el("p", { class: "muted", text: "Nothing yet." })));
}

async function meeting(id) {
  const m = await api(`/api/meetings/${id}`, { asOf: "", knownAt: "" });
  show(
    el("h1", { text: m.title }),
    el("p", { class: "muted", text: [m.heldOn, m.location].filter(Boolean).join(" · ") }),
    el("div", { class: "grid" },
      panel("Who and what", el("dl", {},
        el("dt", { text: "Organisations" }), el("dd", {}, m.organizations.flatMap((o, i) => [i ? ", " : null, link(`/organizations/${o.id}`, o.name)])),
        el("dt", { text: "Participants" }), el("dd", {}, m.participants.length
          ? m.participants.map(p => el("div", { text: [p.name, p.title, p.organization?.name].filter(Boolean).join(", ") })) : "—"),
        el("dt", { text: "Topics" }), el("dd", { text: m.topics.join(", ") || "—" }),
        m.sourceUrl ? el("dt", { text: "Source" }) : null, m.sourceUrl ? el("dd", {}, el("a", { href: m.sourceUrl, rel: "noopener noreferrer", text: m.sourceUrl })) : null)),
      panel("Summary", el("p", { class: "summary", text: m.summary ?? "—" }))),
    panel("Asks raised", table(["raised by", "to", "topic", "ask", "status"], m.suggestions.map(s => el("tr", {},
      el("td", { text: s.raisedBy.name }), el("td", { text: s.addressedTo.name }), el("td", { text: s.topic ?? "" }), el("td", { text: s.text }),
      el("td", {}, pill(s.status), s.outcome ? " " + s.outcome.replace(/-/g, " ") : null))))),
    panel("Commitments", table(["by", "commitment", "due", "status"], m.commitments.map(c => el("tr", {},
      el("td", { text: c.owner.name }), el("td", { text: c.description }), el("td", { class: "date", text: c.dueOn ?? "" }),
      el("td", {}, pill(c.overdue ? "overdue" : c.status)))))),
    panel("Notes", m.notes.length ? el("ul", { class: "timeline" }, m.notes.map(n => el("li", { class: "note" }, el("span", { class: "on", text: n.notedOn }),
      el("span", { class: "summary", text: n.text })))) : el("p", { class: "muted", text: "No notes." })));
}

document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("asOf").value = params.get("asOf") ?? "";
  document.getElementById("asOf").max = new Date().toISOString().slice(0, 10);
  document.getElementById("knownAt").value = (params.get("knownAt") ?? "").slice(0, 16);
  document.getElementById("today").href = location.pathname;
  document.getElementById("when").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    const asOf = document.getElementById("asOf").value, knownAt = document.getElementById("knownAt").value;
    if (asOf) q.set("asOf", asOf);
    if (knownAt) q.set("knownAt", new Date(knownAt).toISOString());
    location.search = q.toString();
  });
  const path = location.pathname.split("/").filter(Boolean);
  try {
    if (path[0] === "organizations" && path[1]) await organization(path[1]);
    else if (path[0] === "meetings" && path[1]) await meeting(path[1]);
    else await dashboard();
  } catch (error) {
    if (error.message !== "signed out") main.replaceChildren(el("p", { class: "error", text: `Could not load this page: ${error.message}` }));
  }
});
