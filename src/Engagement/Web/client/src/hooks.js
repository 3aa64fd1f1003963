import { useCallback, useEffect, useRef, useState } from "react";
import { useLocation, useSearchParams } from "react-router";
import { get } from "./api.js";

/** The point in time every page shows: asOf (a business day) and knownAt (what had been recorded by then), from the URL. */
export function useWhen() {
  const [search] = useSearchParams();
  return { asOf: search.get("asOf") ?? "", knownAt: search.get("knownAt") ?? "" };
}

/** A link that keeps the page's asOf/knownAt, so following it stays at the same point in time. */
export function useWithWhen() {
  const { asOf, knownAt } = useWhen();
  return useCallback((href) => {
    const [path, query = ""] = href.split("?");
    const params = new URLSearchParams(query);
    if (asOf && !params.has("asOf")) params.set("asOf", asOf);
    if (knownAt && !params.has("knownAt")) params.set("knownAt", knownAt);
    const text = params.toString();
    return text ? `${path}?${text}` : path;
  }, [asOf, knownAt]);
}

/**
 * GETs a read of the API with the page's asOf/knownAt (unless `when: false`), again when the path or parameters
 * change, when `refresh` changes, when reload() is called, and when the window hears "engagement:changed" (sent by live updates).
 */
export function useResource(path, params = {}, { when = true, enabled = true, refresh } = {}) {
  const point = useWhen();
  const all = when ? { asOf: point.asOf, knownAt: point.knownAt, ...params } : params;
  // `refresh` (e.g. the version of the item shown) fetches again when it changes; it is not sent.
  const key = path + "?" + JSON.stringify(all) + "#" + (refresh ?? "");
  const [state, setState] = useState({ loading: true, data: null, etag: null, problem: null, status: 0 });
  const [round, setRound] = useState(0);
  const latest = useRef(key);
  latest.current = key;

  useEffect(() => {
    if (!enabled || !path) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    get(path, all).then((answer) => {
      if (current) setState({ loading: false, data: answer.data, etag: answer.etag, problem: answer.problem, status: answer.status });
    });
    return () => { current = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round, enabled]);

  useEffect(() => {
    const changed = () => setRound((r) => r + 1);
    window.addEventListener("engagement:changed", changed);
    return () => window.removeEventListener("engagement:changed", changed);
  }, []);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** The document's title: the page's name, then the application's. */
export function useTitle(title) {
  useEffect(() => {
    if (title) document.title = `${title} · Engagement`;
  }, [title]);
}

/** Moves focus to the main landmark after a navigation, so a screen reader starts at the new page. */
export function useFocusOnNavigate(ref) {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    ref.current?.focus({ preventScroll: false });
  }, [location.pathname, ref]);
}
