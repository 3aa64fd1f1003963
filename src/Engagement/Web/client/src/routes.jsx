import Dashboard from "./pages/dashboard/Dashboard.jsx";
import OrganizationsRegister from "./pages/organizations/OrganizationsRegister.jsx";
import Organization from "./pages/organizations/Organization.jsx";
import PeopleRegister from "./pages/people/PeopleRegister.jsx";
import MeetingsRegister from "./pages/meetings/MeetingsRegister.jsx";
import Meeting from "./pages/meetings/Meeting.jsx";
import AsksRegister from "./pages/asks/AsksRegister.jsx";
import CommitmentsRegister from "./pages/commitments/CommitmentsRegister.jsx";
import RegisterOrganization from "./pages/organizations/RegisterOrganization.jsx";
import RegisterPerson from "./pages/people/RegisterPerson.jsx";
import Person from "./pages/people/Person.jsx";
import LogMeeting from "./pages/meetings/LogMeeting.jsx";
import Ask from "./pages/asks/Ask.jsx";
import Commitment from "./pages/commitments/Commitment.jsx";

/**
 * THE list of the application's pages: the server serves index.html for any path outside /api, /auth, /health,
 * /docs, /openapi and /assets, and this list decides what each path shows. `nav` puts a page in the main navigation
 * under `section` (the order here is the order there); `title` is the document's title until the page names itself.
 */
export const routes = [
  { path: "/", component: Dashboard, title: "Dashboard", nav: { section: "Overview", label: "Dashboard" } },
  { path: "/organizations", component: OrganizationsRegister, title: "Organisations", nav: { section: "Registers", label: "Organisations" } },
  { path: "/organizations/new", component: RegisterOrganization, title: "Register an organisation" },
  { path: "/organizations/:id", component: Organization, title: "Organisation" },
  { path: "/people", component: PeopleRegister, title: "People", nav: { section: "Registers", label: "People" } },
  { path: "/people/new", component: RegisterPerson, title: "Register a person" },
  { path: "/people/:id", component: Person, title: "Person" },
  { path: "/meetings", component: MeetingsRegister, title: "Meetings", nav: { section: "Registers", label: "Meetings" } },
  { path: "/meetings/new", component: LogMeeting, title: "Log a meeting", nav: { section: "Record", label: "Log a meeting" } },
  { path: "/meetings/:id", component: Meeting, title: "Meeting" },
  { path: "/asks", component: AsksRegister, title: "Asks", nav: { section: "Registers", label: "Asks" } },
  { path: "/asks/:id", component: Ask, title: "Ask" },
  { path: "/commitments", component: CommitmentsRegister, title: "Commitments", nav: { section: "Registers", label: "Commitments" } },
  { path: "/commitments/:id", component: Commitment, title: "Commitment" }
];

/** The main navigation: [{path, label, section}] in the order of the routes. */
export const navigation = () => routes.filter((r) => r.nav).map((r) => ({ path: r.path, ...r.nav }));
