import { itemsOf } from "./components/Bits.jsx";
import { useResource } from "./hooks.js";

export const KINDS = [
  { value: "government", label: "Government" }, { value: "member", label: "Member company" },
  { value: "chamber", label: "Chamber" }, { value: "other", label: "Other" }
];

export const OUTCOMES = [
  { value: "adopted", label: "Adopted" }, { value: "partially-adopted", label: "Partially adopted" },
  { value: "declined", label: "Declined" }, { value: "withdrawn", label: "Withdrawn" }
];

const any = (label = "Any") => ({ value: "", label });

/** Every organisation, for pickers and filters: [{value: id, label: name}], and a map of id to name. */
export function useOrganizations() {
  const list = useResource("/api/organizations", { limit: 500 }, { when: false });
  const items = itemsOf(list.data);
  const options = items.map((o) => ({ value: o.id, label: o.name, kind: o.kind }));
  return { options, names: Object.fromEntries(items.map((o) => [o.id, o.name])), loading: list.loading, reload: list.reload, items };
}

export const withAny = (options, label) => [any(label), ...options];
