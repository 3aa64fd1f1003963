import Register from "../../components/Register.jsx";
import { Pill, WhenLink } from "../../components/Bits.jsx";
import { useOrganizations, withAny } from "../../options.js";
import { useStaff } from "../work/Responsible.jsx";

const STATUSES = [{ value: "unresolved", label: "Unresolved (open or answered)" }, { value: "open", label: "Open" },
  { value: "answered", label: "Answered" }, { value: "resolved", label: "Resolved" }, { value: "all", label: "All" }];

export default function AsksRegister() {
  const organizations = useOrganizations();
  const staff = useStaff();
  return <>
    <h1>Asks</h1>
    <p className="muted">Suggestions raised in meetings. Raise an ask from its meeting's page.</p>
    <Register path="/api/asks" caption="Asks"
      filters={[
        { name: "status", label: "Status", type: "select", options: STATUSES },
        { name: "addressedToId", label: "Addressed to", type: "select", options: withAny(organizations.options) },
        { name: "raisedById", label: "Raised by", type: "select", options: withAny(organizations.options) },
        { name: "responsibleId", label: "Responsible", type: "select", options: withAny(staff) },
        { name: "topic", label: "Topic" },
        { name: "minAgeDays", label: "At least this many days old", type: "number", min: 0 }]}
      columns={[
        { key: "text", label: "Ask", render: (a) => <WhenLink to={`/asks/${a.id}`}>{a.text}</WhenLink> },
        { key: "topic", label: "Topic", sort: "topic" },
        { key: "raisedBy", label: "Raised by", render: (a) => a.raisedBy?.name },
        { key: "addressedTo", label: "Addressed to", render: (a) => a.addressedTo?.name },
        { key: "raisedOn", label: "Raised on", sort: "raisedOn", date: true },
        { key: "ageDays", label: "Age (days)", sort: "age", num: true },
        { key: "status", label: "Status", render: (a) => <><Pill value={a.status} />{a.outcome ? ` ${a.outcome.replace(/-/g, " ")}` : ""}</> },
        { key: "responsible", label: "Responsible", render: (a) => a.responsible?.name ?? "" },
        { key: "followUpOn", label: "Next follow-up", date: true },
        { key: "lastActivityOn", label: "Last activity", sort: "lastActivityOn", date: true },
        { key: "meeting", label: "Meeting", render: (a) => a.meeting ? <WhenLink to={`/meetings/${a.meeting.id}`}>{a.meeting.title}</WhenLink> : "" }
      ]} />
  </>;
}
