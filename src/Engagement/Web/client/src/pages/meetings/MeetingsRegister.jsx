import { Fragment } from "react";
import Register from "../../components/Register.jsx";
import { WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { useOrganizations, withAny } from "../../options.js";
import { RestrictedBadge } from "./Restriction.jsx";

export default function MeetingsRegister() {
  const me = useMe();
  const organizations = useOrganizations();
  return <>
    <h1>Meetings</h1>
    {mayWrite(me) ? <p className="page-actions"><WhenLink to="/meetings/new" className="button">Log a meeting</WhenLink></p> : null}
    <Register path="/api/meetings" caption="Meetings"
      filters={[{ name: "q", label: "Search title, summary and notes" },
        { name: "organizationId", label: "Organisation", type: "select", options: withAny(organizations.options) },
        { name: "topic", label: "Topic" },
        { name: "from", label: "Held from", type: "date" }, { name: "to", label: "Held until", type: "date" }]}
      columns={[
        { key: "title", label: "Meeting", sort: "title", render: (m) => <><WhenLink to={`/meetings/${m.id}`}>{m.title}</WhenLink>{m.restricted ? <> <RestrictedBadge /></> : null}</> },
        { key: "heldOn", label: "Held on", sort: "heldOn", date: true },
        { key: "organizations", label: "Organisations", render: (m) => (m.organizations ?? []).map((o, i) =>
          <Fragment key={o.id}>{i ? ", " : null}<WhenLink to={`/organizations/${o.id}`}>{o.name}</WhenLink></Fragment>) },
        { key: "topics", label: "Topics", render: (m) => (m.topics ?? []).join(", ") },
        { key: "location", label: "Place" }
      ]} />
  </>;
}
