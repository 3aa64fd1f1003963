import { send } from "../../api.js";
import { Field, Form, useForm } from "../../components/Form.jsx";
import { itemsOf } from "../../components/Bits.jsx";
import { useResource } from "../../hooks.js";

/** The users who may be made responsible (GET /api/staff), as select options. */
export function useStaff() {
  const list = useResource("/api/staff", {}, { when: false });
  return itemsOf(list.data).map((u) => ({ value: u.id, label: u.name }));
}

/**
 * Assigns, reassigns or unassigns the responsible staff user of an ask or a commitment (`kind`: suggestions or
 * commitments), with the item's ETag so a colleague's change since is refused rather than overwritten.
 */
export function AssignResponsible({ kind, item, etag, reload }) {
  const staff = useStaff();
  const form = useForm({ responsibleId: item.responsible?.id ?? "" }, { responsibleId: "Responsible" });
  const path = `/api/${kind}/${item.id}/responsible`;
  return <Form form={form} label="Responsible" submitLabel={item.responsible ? "Reassign" : "Assign"} doneMessage="Saved."
    onSubmit={(values, key) => values.responsibleId
      ? send("POST", path, { responsibleId: values.responsibleId }, { idempotencyKey: key, ifMatch: etag })
      : send("DELETE", path, undefined, { ifMatch: etag })}
    onDone={reload} onReload={reload}>
    <Field name="responsibleId" type="select" hint="Choose no one to leave it unassigned"
      options={[{ value: "", label: "No one" }, ...staff]} />
  </Form>;
}
