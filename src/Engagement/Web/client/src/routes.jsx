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
import Users from "./pages/admin/Users.jsx";
import Keys from "./pages/admin/Keys.jsx";
import Webhooks from "./pages/admin/Webhooks.jsx";
import WebhookDeliveries from "./pages/admin/WebhookDeliveries.jsx";
import Projections from "./pages/admin/Projections.jsx";
import MyWork from "./pages/work/MyWork.jsx";
import Imports from "./pages/imports/Imports.jsx";
import Reports from "./pages/reports/Reports.jsx";
import MemberReport from "./pages/reports/MemberReport.jsx";
import DisclosureReport from "./pages/reports/DisclosureReport.jsx";
import BoardPack from "./pages/reports/BoardPack.jsx";

/**
 * THE list of the application's pages: the server serves index.html for any path outside /api, /auth, /health,
 * /docs, /openapi and /assets, and this list decides what each path shows. `nav` puts a page in the main navigation
 * under `section` (the order here is the order there), for every role or only for the `role` or `roles` it names; `title` is
 * the document's title until the page names itself.
 */
export const routes = [
  { path: "/work", component: MyWork, title: "My work", nav: { section: "Overview", label: "My work", roles: ["staff", "admin"] } },
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
  { path: "/imports", component: Imports, title: "Import records", nav: { section: "Record", label: "Import", roles: ["staff", "admin"] } },
  { path: "/asks", component: AsksRegister, title: "Asks", nav: { section: "Registers", label: "Asks" } },
  { path: "/asks/:id", component: Ask, title: "Ask" },
  { path: "/commitments", component: CommitmentsRegister, title: "Commitments", nav: { section: "Registers", label: "Commitments" } },
  { path: "/commitments/:id", component: Commitment, title: "Commitment" },
  { path: "/reports", component: Reports, title: "Reports", nav: { section: "Reports", label: "Reports" } },
  { path: "/reports/member", component: MemberReport, title: "Member report" },
  { path: "/reports/disclosure", component: DisclosureReport, title: "Disclosure report" },
  { path: "/reports/board-pack", component: BoardPack, title: "Board pack" },
  { path: "/admin/users", component: Users, title: "Users", nav: { section: "Admin", label: "Users", role: "admin" } },
  { path: "/admin/keys", component: Keys, title: "API keys", nav: { section: "Admin", label: "API keys", role: "admin" } },
  { path: "/admin/webhooks", component: Webhooks, title: "Webhooks", nav: { section: "Admin", label: "Webhooks", role: "admin" } },
  { path: "/admin/webhooks/:id", component: WebhookDeliveries, title: "Delivery log" },
  { path: "/admin/projections", component: Projections, title: "Projections", nav: { section: "Admin", label: "Projections", role: "admin" } }
];

/** The main navigation for who is signed in (GET /api/me): [{path, label, section}] in the order of the routes; a page
 * whose nav names a `role` (the Admin section) is shown only to that role, one that names `roles` only to those. */
export const navigation = (me) => routes
  .filter((r) => r.nav && (!r.nav.role || me?.role === r.nav.role) && (!r.nav.roles || r.nav.roles.includes(me?.role)))
  .map((r) => ({ path: r.path, ...r.nav }));
