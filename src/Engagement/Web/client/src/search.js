import { get } from "./api.js";
import { itemsOf } from "./components/Bits.jsx";

// The type-aheads' searches: at most 20 suggestions each.

export async function organizations(q) {
  const answer = await get("/api/organizations", { q, limit: 20 });
  return itemsOf(answer.data).slice(0, 20).map((o) => ({ id: o.id, name: o.name, sub: o.kind }));
}

export async function people(q) {
  const answer = await get("/api/people", { q, limit: 20 });
  return itemsOf(answer.data).slice(0, 20).map((p) => ({ id: p.id, name: p.name, sub: p.title ?? "", erased: !!p.erasure }));
}

/** The topics already in use, most used first, so the same topic is spelt the same way. */
export async function topics(q) {
  const answer = await get("/api/topics", { q });
  return itemsOf(answer.data).slice(0, 20).map((t) => ({ id: t.topic, name: t.topic, sub: t.meetings === 1 ? "1 meeting" : `${t.meetings} meetings` }));
}
