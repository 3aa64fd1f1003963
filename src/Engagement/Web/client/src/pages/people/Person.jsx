import { useParams } from "react-router";
import { send } from "../../api.js";
import { useResource, useTitle, useWhen } from "../../hooks.js";
import History from "../../components/History.jsx";
import { clean, Field, Form, useForm } from "../../components/Form.jsx";
import { Action, LoadProblem, Loading, Panel, WhenLink } from "../../components/Bits.jsx";
import { mayWrite, useMe } from "../../components/Layout.jsx";
import { Timeline } from "../organizations/Organization.jsx";
import { useOrganizations } from "../../options.js";
import { personLabels } from "./RegisterPerson.jsx";
import { ErasedNotice, PersonalDataActions } from "./PersonalData.jsx";

export default function Person() {
  const { id } = useParams();
  const me = useMe();
  const { asOf, knownAt } = useWhen();
  const person = useResource(`/api/people/${id}`, {}, { when: false });
  const timeline = useResource(`/api/people/${id}/timeline`, { limit: 500 });
  const p = person.data;
  useTitle(p?.name);
  if (person.problem) return <LoadProblem problem={person.problem} what="this person" />;
  if (!p) return <Loading />;
  // The posts held by the day shown: a post taken up later had not begun.
  const posts = p.posts.filter((post) => !asOf || post.since <= asOf);
  const current = posts.find((post) => !post.until || (asOf && post.until > asOf)) ?? posts.at(-1);
  const names = Object.fromEntries(p.posts.map((post) => [post.organizationId, post.organizationName]));
  return <>
    <h1>{p.name}</h1>
    {p.erasure ? <ErasedNotice erasure={p.erasure} /> : null}
    <p className="muted">{current ? <>{current.title ? `${current.title}, ` : ""}<WhenLink to={`/organizations/${current.organizationId}`}>{current.organizationName}</WhenLink></> : "No post by then"}</p>
    <Panel title="Posts">
      <div className="table-scroll"><table>
        <thead><tr><th scope="col">title</th><th scope="col">organisation</th><th scope="col">since</th><th scope="col">until</th></tr></thead>
        <tbody>{posts.length ? posts.map((post) => <tr key={`${post.organizationId}-${post.since}`}>
          <td>{post.title ?? "—"}</td><td><WhenLink to={`/organizations/${post.organizationId}`}>{post.organizationName}</WhenLink></td>
          <td className="date">{post.since}</td><td className="date">{post.until ?? ""}</td>
        </tr>) : <tr><td colSpan={4} className="muted">None.</td></tr>}</tbody>
      </table></div>
    </Panel>
    {!asOf && !knownAt && me?.role === "admin" ? <PersonalDataActions person={p} etag={person.etag}
      reload={() => Promise.all([person.reload(), timeline.reload()])} /> : null}
    {!asOf && !knownAt && mayWrite(me) && !p.erasure ? <ChangePost person={p} etag={person.etag} reload={person.reload} /> : null}
    {timeline.data ? <Timeline answer={timeline.data} /> : null}
    <History kind="people" id={id} names={names} version={p.version} />
  </>;
}

function ChangePost({ person, etag, reload }) {
  const organizations = useOrganizations();
  const form = useForm({ title: "", organizationId: person.organizationId, since: "" }, personLabels);
  return <Action title="Change post">
      <Form form={form} label="Change post" submitLabel="Record the new post" doneMessage="The new post is recorded."
        onSubmit={(values, key) => send("POST", `/api/people/${person.id}/posts`, clean(values), { idempotencyKey: key, ifMatch: etag })}
        onDone={reload} onReload={reload}>
        <Field name="title" label="New title" />
        <Field name="organizationId" type="select" required options={organizations.options} />
        <Field name="since" type="date" hint="Leave empty for today" />
      </Form>
  </Action>;
}
