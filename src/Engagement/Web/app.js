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

function card(n, label) { return el("div", { class: "card" }, el("div", { class: "n", text: n ?? 0 }), el("div", { class: "l", text: label })); }

function bars(series, { height = 150, stack }) {
  const width = 560, pad = 24, n = series.length || 1, w = (width - pad) / n;
  const total = (d) => stack.reduce((s, k) => s + (d[k.key] || 0), 0);
  const max = Math.max(1, ...series.map(total));
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height + 30}`);
  svg.setAttribute("role", "img");
  series.forEach((d, i) => {
    let y = height;
    for (const k of stack) {
      const h = (d[k.key] || 0) / max * (height - 10);
      if (h > 0) {
        const r = document.createElementNS(svg.namespaceURI, "rect");
        r.setAttribute("x", pad + i * w + 2); r.setAttribute("y", y - h); r.setAttribute("width", Math.max(1, w - 4)); r.setAttribute("height", h);
        r.setAttribute("fill", k.color);
        const t = document.createElementNS(svg.namespaceURI, "title"); t.textContent = `${d.label}: ${d[k.key]} ${k.label}`; r.append(t);
        svg.append(r); y -= h;
      }
    }
    const label = document.createElementNS(svg.namespaceURI, "text");
    label.setAttribute("x", pad + i * w + w / 2); label.setAttribute("y", height + 14); label.setAttribute("text-anchor", "middle");
    label.textContent = d.short ?? d.label; svg.append(label);
    const value = document.createElementNS(svg.namespaceURI, "text");
    value.setAttribute("x", pad + i * w + w / 2); value.setAttribute("y", y - 3); value.setAttribute("text-anchor", "middle");
    value.textContent = total(d) || ""; svg.append(value);
  });
  const legend = stack.length > 1 ? el("div", { class: "legend" }, stack.map(k => el("span", { style: `--c:${k.color}`, text: k.label }))) : null;
  return el("div", {}, svg, legend);
}

function asOfBanner(answer) {
  if (!params.get("asOf") && !params.get("knownAt")) return null;
  const parts = [`As it stood at the end of ${answer?.asOf ?? params.get("asOf")}`];
  if (answer?.knownAt || params.get("knownAt")) parts.push(`with only what had been recorded by ${answer?.knownAt ?? params.get("knownAt")}`);
  return el("p", { class: "banner", text: parts.join(", ") + "." });
}

const stakeholderRow = (s) => el("tr", {},
  el("td", {}, link(`/organizations/${s.organization.id}`, s.organization.name)),
  el("td", {}, pill(s.health)), num(s.meetingsLast365Days), el("td", { text: s.lastMetOn ?? "never" }));

async function dashboard() {
  const [d, overdue] = await Promise.all([api("/api/dashboard"), api("/api/commitments", { status: "overdue" })]);
  const h = d.headline;
  const months = d.meetingsPerMonth.map(m => ({ label: m.month, short: m.month.slice(5), meetings: m.meetings }));
  const topics = d.asksByTopic.slice(0, 10).map(t => ({ label: t.topic, short: t.topic.length > 12 ? t.topic.slice(0, 11) + "…" : t.topic, ...t }));
  const c = d.commitmentsByStatus;
  const overdueRows = (overdue.commitments ?? overdue.items ?? overdue).slice?.(0, 15).map(x => el("tr", {},
    el("td", { text: x.owner?.name ?? "" }), el("td", {}, x.meeting ? link(`/meetings/${x.meeting.id}`, x.description) : x.description ?? ""),
    el("td", { text: x.dueOn ?? "" }))) ?? [];
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
      panel("Meetings per month", bars(months, { stack: [{ key: "meetings", label: "meetings", color: "var(--accent)" }] })),
      panel("Asks by topic", bars(topics, { stack: [
        { key: "open", label: "open", color: "var(--open)" }, { key: "answered", label: "answered", color: "var(--answered)" },
        { key: "resolved", label: "resolved", color: "var(--resolved)" }] })),
      panel("Commitments", table(["status", { text: "count", num: true }], [
        ["open", c.open], ["overdue", c.overdue], ["fulfilled", c.fulfilled], ["cancelled", c.cancelled]]
        .map(([s, n]) => el("tr", {}, el("td", {}, pill(s)), num(n))))),
      panel("Overdue commitments", table(["owner", "commitment", "due"], overdueRows)),
      panel("Most engaged stakeholders", table(["stakeholder", "health", { text: "meetings (365 d)", num: true }, "last met"], d.mostEngaged.map(stakeholderRow))),
      panel("Cooling off", table(["stakeholder", "health", { text: "meetings (365 d)", num: true }, "last met"], d.coolingOff.map(stakeholderRow))),
      panel("Member companies' asks", table(["member", { text: "raised", num: true }, { text: "answered", num: true }, { text: "resolved", num: true }, { text: "open", num: true }],
        d.memberCompanies.map(m => el("tr", {}, el("td", {}, link(`/organizations/${m.organization.id}`, m.organization.name)),
          num(m.asksRaised), num(m.asksAnswered), num(m.asksResolved), num(m.asksOpen)))))));
}

function timelineHref(item) {
  const meetingId = item.meeting?.id ?? item.meetingId;
  return meetingId ? `/meetings/${meetingId}` : null;
}

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
  const entries = timeline.entries ?? [];
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
        el("dt", { text: "Participants" }), el("dd", { text: m.participants.map(p => [p.name, p.title, p.organization?.name].filter(Boolean).join(", ")).join("; ") || "—" }),
        el("dt", { text: "Topics" }), el("dd", { text: m.topics.join(", ") || "—" }),
        m.sourceUrl ? el("dt", { text: "Source" }) : null, m.sourceUrl ? el("dd", {}, el("a", { href: m.sourceUrl, rel: "noopener noreferrer", text: m.sourceUrl })) : null)),
      panel("Summary", el("p", { class: "summary", text: m.summary ?? "—" }))),
    panel("Asks raised", table(["raised by", "to", "topic", "ask", "status"], m.suggestions.map(s => el("tr", {},
      el("td", { text: s.raisedBy.name }), el("td", { text: s.addressedTo.name }), el("td", { text: s.topic ?? "" }), el("td", { text: s.text }),
      el("td", {}, pill(s.status), s.outcome ? " " + s.outcome.replace(/-/g, " ") : null))))),
    panel("Commitments", table(["by", "commitment", "due", "status"], m.commitments.map(c => el("tr", {},
      el("td", { text: c.owner.name }), el("td", { text: c.description }), el("td", { text: c.dueOn ?? "" }),
      el("td", {}, pill(c.overdue ? "overdue" : c.status)))))),
    panel("Notes", m.notes.length ? el("ul", { class: "timeline" }, m.notes.map(n => el("li", {}, el("span", { class: "on", text: n.notedOn }),
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
