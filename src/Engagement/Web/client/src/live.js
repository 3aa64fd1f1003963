// Live updates: one EventSource on GET /api/live per page, shared by everything that shows live figures. The server
// sends `appended` when the event store moves on; EventSource reconnects by itself (the server asks for 2 s).
import { useEffect, useRef } from "react";
import { useWhen } from "./hooks.js";

const listeners = new Set();
let source = null;
let closing = null;

function connect() {
  clearTimeout(closing);
  if (source) return;
  source = new EventSource("/api/live");
  source.addEventListener("appended", () => { for (const listener of [...listeners]) listener(); });
}

/** Calls `listener` on every new event until the returned function is called. */
export function subscribe(listener) {
  listeners.add(listener);
  connect();
  return () => {
    listeners.delete(listener);
    // A page that unsubscribes and subscribes again on navigating keeps its connection.
    if (!listeners.size) closing = setTimeout(() => { if (!listeners.size && source) { source.close(); source = null; } }, 5000);
  };
}

const QUIET_MS = 400;

/**
 * Calls `refetch` when new events are recorded, while the page shows the present (no asOf or knownAt: a past answer
 * does not change). A burst of events makes one call at once and at most one more after it settles.
 */
export function useLiveRefresh(refetch) {
  const { asOf, knownAt } = useWhen();
  const live = !asOf && !knownAt;
  const latest = useRef(refetch);
  latest.current = refetch;

  useEffect(() => {
    if (!live) return undefined;
    let timer = null;
    let pending = false;
    const fire = () => {
      if (timer) { pending = true; return; }
      latest.current();
      timer = setTimeout(function settle() {
        if (pending) { pending = false; latest.current(); timer = setTimeout(settle, QUIET_MS); } else timer = null;
      }, QUIET_MS);
    };
    const stop = subscribe(fire);
    return () => { stop(); clearTimeout(timer); };
  }, [live]);
}
