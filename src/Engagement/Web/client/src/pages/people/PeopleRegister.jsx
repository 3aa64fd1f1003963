import Register from "../../components/Register.jsx";
import { WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { useOrganizations, withAny } from "../../options.js";

export default function PeopleRegister() {
  const me = useMe();
  const organizations = useOrganizations();
  const name = (p) => p.organization?.name ?? p.organizationName ?? organizations.names[p.organizationId] ?? "";
  return <>
    <h1>People</h1>
    {mayWrite(me) ? <p className="page-actions"><WhenLink to="/people/new" className="button">Register a person</WhenLink></p> : null}
    <Register path="/api/people" caption="People"
      filters={[{ name: "q", label: "Name contains" },
        { name: "organizationId", label: "Organisation", type: "select", options: withAny(organizations.options) }]}
      columns={[
        { key: "name", label: "Name", sort: "name", render: (p) => <WhenLink to={`/people/${p.id}`}>{p.name}</WhenLink> },
        { key: "title", label: "Title" },
        { key: "organization", label: "Organisation", render: (p) => <WhenLink to={`/organizations/${p.organizationId}`}>{name(p)}</WhenLink> }
      ]} />
  </>;
}
