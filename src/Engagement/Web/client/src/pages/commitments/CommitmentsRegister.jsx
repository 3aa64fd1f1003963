import Register from "../../components/Register.jsx";
import { Pill, WhenLink } from "../../components/Bits.jsx";
import { useOrganizations, withAny } from "../../options.js";
import { useStaff } from "../work/Responsible.jsx";

const STATUSES = [{ value: "", label: "Any" }, { value: "open", label: "Open" }, { value: "overdue", label: "Overdue" },
  { value: "due-soon", label: "Due soon" }, { value: "open,overdue", label: "Open or overdue" },
  { value: "fulfilled", label: "Fulfilled" }, { value: "cancelled", label: "Cancelled" }];

export default function CommitmentsRegister() {
  const organizations = useOrganizations();
  const staff = useStaff();
  return <>
    <h1>Commitments</h1>
    <p className="muted">Promises made in meetings, by either side. Make a commitment from its meeting's page.</p>
    <Register path="/api/commitments" caption="Commitments"
      filters={[
        { name: "status", label: "Status", type: "select", options: STATUSES },
        { name: "ownerId", label: "Owner", type: "select", options: withAny(organizations.options) },
        { name: "responsibleId", label: "Responsible", type: "select", options: withAny(staff) },
        { name: "dueFrom", label: "Due from", type: "date" }, { name: "dueTo", label: "Due until", type: "date" }]}
      columns={[
        { key: "description", label: "Commitment", render: (c) => <WhenLink to={`/commitments/${c.id}`}>{c.description}</WhenLink> },
        { key: "owner", label: "Owner", render: (c) => c.owner?.name },
        { key: "dueOn", label: "Due", sort: "dueOn", date: true },
        { key: "status", label: "Status", render: (c) => <Pill value={c.status} /> },
        { key: "responsible", label: "Responsible", render: (c) => c.responsible?.name ?? "" },
        { key: "madeOn", label: "Made on", sort: "madeOn", date: true },
        { key: "meeting", label: "Meeting", render: (c) => c.meeting ? <WhenLink to={`/meetings/${c.meeting.id}`}>{c.meeting.title}</WhenLink> : "" }
      ]} />
  </>;
}
