import { useResource, useTitle } from "../../hooks.js";
import { useLiveRefresh } from "../../live.js";
import { LoadProblem, Loading, Panel, Pill, WhenLink } from "../../components/Bits.jsx";
import "./work.css";

const KIND = { ask: "Ask", commitment: "Commitment", meeting: "Meeting" };
const DATE_LABEL = { ask: "next follow-up", commitment: "due", meeting: "held" };
const URGENCY = { overdue: "overdue", due: "due today", soon: "due soon", later: "later", undated: "no date", logged: "logged" };

/** What the signed-in user is responsible for, most pressing first (GET /api/me/work), and their calendar feeds. */
export default function MyWork() {
  const work = useResource("/api/me/work", {}, { when: false });
  useLiveRefresh(work.reload);
  useTitle("My work");
  const w = work.data;
  if (work.problem) return <LoadProblem problem={work.problem} what="your work" />;
  if (!w) return <><h1>My work</h1><Loading /></>;
  if (!w.user) return <>
    <h1>My work</h1>
    <p className="muted">You are signed in with an API key, which no ask or commitment can name as responsible: there is nothing here.
      Sign in with your email and password to see your work.</p>
  </>;
  const c = w.counts;
  return <>
    <h1>My work</h1>
    <p className="muted">{w.user.name}: the open asks you are responsible for, your commitments due within {w.fallingDueDays} days or
      overdue, and the meetings you logged since {w.weekFrom}. Most pressing first.</p>
    <div className="cards">
      <div className="card"><div className="n">{c.openAsks}</div><div className="l">Open asks</div></div>
      <div className="card"><div className="n">{c.followUpsDue}</div><div className="l">Follow-ups due</div></div>
      <div className="card"><div className="n">{c.commitmentsDueSoon}</div><div className="l">Commitments due soon</div></div>
      <div className="card"><div className="n">{c.commitmentsOverdue}</div><div className="l">Commitments overdue</div></div>
    </div>
    <Panel title="To do">
      {w.items.length ? <ol className="work-list" aria-label="My work, most pressing first">
        {w.items.map((item) => <li key={item.kind + item.id} className={`work ${item.urgency}`}>
          <span className="kind">{KIND[item.kind]}</span>
          <WhenLink to={item.path} className="title">{item.title}</WhenLink>
          <span className="on">{item.on ? `${DATE_LABEL[item.kind]} ${item.on}` : "no follow-up planned"}</span>
          <span className="state"><Pill value={item.urgency === "overdue" ? "overdue" : null} />
            {item.urgency !== "overdue" ? URGENCY[item.urgency] : null}{item.reminded ? " · reminded" : ""}</span>
          {item.organization ? <span className="org">{item.organization.name}</span> : null}
        </li>)}
      </ol> : <p className="muted">Nothing is waiting for you.</p>}
    </Panel>
  </>;
}
