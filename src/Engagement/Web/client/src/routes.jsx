import Dashboard from "./pages/dashboard/Dashboard.jsx";
import OrganizationsRegister from "./pages/organizations/OrganizationsRegister.jsx";
import Organization from "./pages/organizations/Organization.jsx";
import PeopleRegister from "./pages/people/PeopleRegister.jsx";
import MeetingsRegister from "./pages/meetings/MeetingsRegister.jsx";
import Meeting from "./pages/meetings/Meeting.jsx";
import AsksRegister from "./pages/asks/AsksRegister.jsx";
import CommitmentsRegister from "./pages/commitments/CommitmentsRegister.jsx";

/**
 * THE list of the application's pages: the server serves index.html for any path outside /api, /auth, /health,
 * /docs, /openapi and /assets, and this list decides what each path shows. `nav` puts a page in the main navigation
 * under `section` (the order here is the order there); `title` is the document's title until the page names itself.
 */
export const routes = [
  { path: "/", component: Dashboard, title: "Dashboard", nav: { section: "Overview", label: "Dashboard" } },
  { path: "/organizations", component: OrganizationsRegister, title: "Organisations", nav: { section: "Registers", label: "Organisations" } },
  { path: "/organizations/:id", component: Organization, title: "Organisation" },
  { path: "/people", component: PeopleRegister, title: "People", nav: { section: "Registers", label: "People" } },
  { path: "/meetings", component: MeetingsRegister, title: "Meetings", nav: { section: "Registers", label: "Meetings" } },
  { path: "/meetings/:id", component: Meeting, title: "Meeting" },
  { path: "/asks", component: AsksRegister, title: "Asks", nav: { section: "Registers", label: "Asks" } },
  { path: "/commitments", component: CommitmentsRegister, title: "Commitments", nav: { section: "Registers", label: "Commitments" } }
];

/** The main navigation: [{path, label, section}] in the order of the routes. */
export const navigation = () => routes.filter((r) => r.nav).map((r) => ({ path: r.path, ...r.nav }));
