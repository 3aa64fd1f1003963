import Register from "../../components/Register.jsx";
import { WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { KINDS, withAny } from "../../options.js";

const kindLabel = Object.fromEntries(KINDS.map((k) => [k.value, k.label]));

export default function OrganizationsRegister() {
  const me = useMe();
  return <>
    <h1>Organisations</h1>
    {mayWrite(me) ? <p className="page-actions"><WhenLink to="/organizations/new" className="button">Register an organisation</WhenLink></p> : null}
    <Register path="/api/organizations" caption="Organisations"
      filters={[{ name: "q", label: "Name contains" }, { name: "kind", label: "Kind", type: "select", options: withAny(KINDS) }]}
      columns={[
        { key: "name", label: "Name", sort: "name", render: (o) => <WhenLink to={`/organizations/${o.id}`}>{o.name}</WhenLink> },
        { key: "kind", label: "Kind", sort: "kind", render: (o) => kindLabel[o.kind] ?? o.kind },
        { key: "country", label: "Country" },
        { key: "website", label: "Website", render: (o) => o.website ? <a href={o.website} rel="noopener noreferrer">{o.website}</a> : "" }
      ]} />
  </>;
}
