// The one way the pages talk to the API: the session cookie, JSON, and on writes the anti-forgery token, an
// Idempotency-Key per form submission and If-Match where the page changes an item it has shown.

let me = null;

/** Who is signed in ({id, name, role, kind, csrfToken}), asked once per page load. */
export async function whoAmI() {
  if (!me) {
    me = fetch("/api/me", { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(async (response) => {
        if (response.status === 401) signIn();
        return response.ok ? response.json() : null;
      })
      .catch(() => null);
  }
  return me;
}

function signIn() {
  location.href = "/auth/sign-in?returnUrl=" + encodeURIComponent(location.pathname + location.search);
}

/** A path with its query: empty, null and undefined parameters are left out. */
export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) { if (value.length) query.set(key, value.join(",")); }
    else query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function answer(response) {
  const type = response.headers.get("Content-Type") ?? "";
  const body = type.includes("json") ? await response.json().catch(() => null) : null;
  const result = { ok: response.ok, status: response.status, data: response.ok ? body : null, etag: response.headers.get("ETag"), problem: null };
  if (!response.ok) result.problem = problemOf(response.status, body);
  return result;
}

/** problem+json as {title, detail, errors: {field: [messages]}, duplicates}; a status alone when the body says nothing. */
function problemOf(status, body) {
  const title = body?.title ?? (status === 412 ? "Changed since you opened it" : `The server answered ${status}`);
  return { title, detail: body?.detail ?? null, errors: body?.errors ?? {}, duplicates: body?.duplicates ?? null };
}

const unreachable = (error) => ({ ok: false, status: 0, data: null, etag: null,
  problem: { title: "The server could not be reached", detail: String(error?.message ?? error), errors: {} } });

export async function get(path, params = {}) {
  let response;
  try {
    response = await fetch(url(path, params), { headers: { Accept: "application/json" }, credentials: "same-origin" });
  } catch (error) {
    return unreachable(error);
  }
  if (response.status === 401) { signIn(); return { ok: false, status: 401, data: null, etag: null, problem: { title: "Signed out", detail: null, errors: {} } }; }
  return answer(response);
}

/** A write. idempotencyKey: one per form submission (the caller keeps it across a retry); ifMatch: the ETag shown. */
export async function send(method, path, body, { ifMatch, idempotencyKey } = {}) {
  const who = await whoAmI();
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (who?.csrfToken) headers["X-CSRF-TOKEN"] = who.csrfToken;
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  if (ifMatch) headers["If-Match"] = ifMatch;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    return unreachable(error);
  }
  if (response.status === 401) { signIn(); }
  return answer(response);
}

/** A file sent as the field `file` of a multipart form (an import), with the same headers as send(). */
export async function upload(path, file, { idempotencyKey } = {}) {
  const who = await whoAmI();
  const headers = { Accept: "application/json" };
  if (who?.csrfToken) headers["X-CSRF-TOKEN"] = who.csrfToken;
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  const body = new FormData();
  body.append("file", file);
  let response;
  try {
    response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body });
  } catch (error) {
    return unreachable(error);
  }
  if (response.status === 401) { signIn(); }
  return answer(response);
}

/** A fresh Idempotency-Key; randomUUID needs a secure context, which plain HTTP off loopback is not. */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
