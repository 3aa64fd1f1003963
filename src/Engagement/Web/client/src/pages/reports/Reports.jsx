import { WhenLink } from "../../components/Bits.jsx";
import "./reports.css";

/** The reports a government-affairs team sends out, each printable and as made on a given day. */
export default function Reports() {
  return <div className="report">
    <h1>Reports</h1>
    <ul className="report-index plain">
      <li><WhenLink to="/reports/member">Member report</WhenLink>: every ask a member company raised in a period, to whom,
        the responses, the outcome and the commitments made in answer; for renewal time.</li>
      <li><WhenLink to="/reports/disclosure">Disclosure report</WhenLink>: the meetings with public officials in a period, with
        their posts on the day and the organisations' Transparency Register ids, as public lobbying registers publish them.</li>
      <li><WhenLink to="/reports/board-pack">Board pack</WhenLink>: the dashboard for a quarter, with the change against the
        previous quarter.</li>
    </ul>
  </div>;
}
