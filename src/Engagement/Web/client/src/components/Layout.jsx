import { createContext, useContext, useEffect, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useMatches } from "react-router";
import { whoAmI } from "../api.js";
import { useFocusOnNavigate, useTitle, useWithWhen } from "../hooks.js";
import { navigation } from "../routes.jsx";
import AsOfPicker, { AsOfBanner } from "./AsOfPicker.jsx";

const Me = createContext(null);

/** Who is signed in, from GET /api/me: {id, name, role, kind}; null until known or when the server does not say. */
export const useMe = () => useContext(Me);

/** Staff and admins record; viewers and integrations only read. Unknown (no /api/me) is treated as may-write: the server decides. */
export const mayWrite = (me) => !me || me.role === "staff" || me.role === "admin";

/** The entry a page belongs under: the longest nav path that is the page's path or a parent of it. */
function current(item, all, pathname) {
  const under = (path) => path === "/" ? pathname === "/" : pathname === path || pathname.startsWith(path + "/");
  const best = all.filter((n) => under(n.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return best?.path === item.path;
}

export default function Layout() {
  const location = useLocation();
  const [me, setMe] = useState(null);
  const main = useRef(null);
  const withWhen = useWithWhen();
  const matches = useMatches();
  useTitle(matches.at(-1)?.handle?.title);
  useFocusOnNavigate(main);
  useEffect(() => { whoAmI().then(setMe); }, []);

  return <Me.Provider value={me}>
    <a className="skip" href="#main">Skip to content</a>
    <header className="top">
      <Link className="brand" to={withWhen("/")}>Engagement</Link>
      <nav aria-label="Main">
        <ul>
          {navigation(me).map((item, _, all) => <li key={item.path}>
            <NavLink to={withWhen(item.path)} className={() => current(item, all, location.pathname) ? "active" : undefined}
              aria-current={current(item, all, location.pathname) ? "page" : undefined}>{item.label}</NavLink>
          </li>)}
        </ul>
      </nav>
      <div className="who">
        {me?.name ? <span className="me">Signed in as <strong>{me.name}</strong>{me.role ? ` (${me.role})` : ""}</span> : null}
        <form method="post" action="/auth/sign-out" className="signout"><button type="submit">Sign out</button></form>
      </div>
    </header>
    <div className="when-bar"><AsOfPicker /></div>
    <main id="main" ref={main} tabIndex={-1}>
      <AsOfBanner />
      <Outlet />
    </main>
  </Me.Provider>;
}
