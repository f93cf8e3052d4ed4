// The application: the session (in memory only), the frame, the route table, and in-app links.
import { ApiClient, type Role, type Session } from "./api";
import type { FieldError } from "./components";
import { drawFrame, navigationItem, SERVICE_NAME, type Frame } from "./layout";
import { findPage } from "./pages/find";
import { actionPage, actionsPage, newActionPage, newMeetingActionPage } from "./pages/actions";
import {
  adminPage,
  changeAgencyPage,
  changeAreaPage,
  newAccountPage,
  newAgencyPage,
  newAreaPage,
} from "./pages/admin";
import { homePage } from "./pages/home";
import { newInformationPage } from "./pages/information";
import { addLinkPage, mappingLinksPage } from "./pages/links";
import { addSubjectPage, mappingSubjectsPage } from "./pages/mapping_subjects";
import { mappingPage } from "./pages/mapping";
import { mappingClosurePage } from "./pages/mapping_closure";
import { mappingMembersPage } from "./pages/mapping_members";
import { mappingDetailsPage } from "./pages/mapping_details";
import { childFactorsPage, mappingFactorsPage } from "./pages/mapping_factors";
import { mappingReferralsPage } from "./pages/mapping_referrals";
import { mappingSnapshotsPage } from "./pages/mapping_snapshots";
import { mappingSubmissionsPage } from "./pages/mapping_submissions";
import { newMappingPage } from "./pages/mapping_new";
import { mappingsPage } from "./pages/mappings";
import { meetingViewPage } from "./pages/meeting";
import {
  addAttendeePage,
  changeAttendeePage,
  meetingDecisionsPage,
  meetingDetailsPage,
  meetingMinutesPage,
  riskDecisionPage,
} from "./pages/meeting_forms";
import { arrangeMeetingPage, meetingsPage } from "./pages/meetings";
import { overviewPage } from "./pages/overview";
import {
  newMeetingQuestionPage,
  newQuestionPage,
  questionPage,
  questionsPage,
} from "./pages/questions";
import { codePage, credentialsPage, type PendingSignIn } from "./pages/sign_in";
import { notFoundPage, signedOutPage, signOutFailed, signOutPage } from "./pages/sign_out";
import { changeSubjectPage, subjectPage } from "./pages/subject";
import { Records } from "./records";
import { isInAppNavigation, Router, type Match, type Params, type Route } from "./router";
import { IdleTimeout, timeoutDialog, type TimeoutView } from "./timeout";

export interface PageContext {
  readonly main: HTMLElement;
  readonly params: Params;
  /** Reached by a click on a link inside the app (not typed, bookmarked, reloaded or back). */
  readonly fromApp: boolean;
  /** Whether this page is still the one shown (false once the user has gone elsewhere). */
  readonly isCurrent: () => boolean;
}

interface Page {
  /** Only for a signed-in user; anyone else is sent to sign in. */
  readonly signedIn: boolean;
  /** Only for someone signed out (a signed-in user goes to the start page). */
  readonly signedOut?: boolean;
  readonly draw: (app: App, ctx: PageContext) => void;
}

/** Pages that belong to a mapping though their address does not start /mappings. */
const IN_A_MAPPING = [
  "/meetings/",
  "/actions/",
  "/questions/",
  "/subjects/",
  "/links/",
  "/information/",
];

/** The service navigation: each link, and the roles it is for (all when not given). */
const NAVIGATION: readonly { text: string; href: string; roles?: readonly Role[] }[] = [
  { text: "Dashboard", href: "/", roles: ["chair", "analyst", "practitioner"] },
  {
    text: "Mappings",
    href: "/mappings",
    roles: ["chair", "analyst", "practitioner"],
  },
  {
    text: "Find a person",
    href: "/find",
    roles: ["chair", "analyst", "practitioner"],
  },
  {
    text: "Overview",
    href: "/overview",
    // The roles the server lets read GET /overview (access.cc, Policy::kOverview).
    roles: ["strategic_viewer", "chair"],
  },
  { text: "Administration", href: "/admin", roles: ["administrator"] },
  { text: "Sign out", href: "/sign-out" },
];

export const ROUTES: readonly Route<Page>[] = [
  { pattern: "/", page: { signedIn: true, draw: homePage } },
  {
    pattern: "/sign-in",
    page: {
      signedIn: false,
      signedOut: true,
      draw: (a, c) => {
        credentialsPage(a, c);
      },
    },
  },
  {
    pattern: "/sign-in/code",
    page: {
      signedIn: false,
      signedOut: true,
      draw: (a, c) => {
        codePage(a, c);
      },
    },
  },
  // Mappings: the list, a new one (before ":id"), one mapping and its task pages.
  { pattern: "/mappings", page: { signedIn: true, draw: mappingsPage } },
  { pattern: "/mappings/new", page: { signedIn: true, draw: newMappingPage } },
  { pattern: "/mappings/:id", page: { signedIn: true, draw: mappingPage } },
  { pattern: "/mappings/:id/details", page: { signedIn: true, draw: mappingDetailsPage } },
  { pattern: "/mappings/:id/submissions", page: { signedIn: true, draw: mappingSubmissionsPage } },
  { pattern: "/mappings/:id/factors", page: { signedIn: true, draw: mappingFactorsPage } },
  { pattern: "/mappings/:id/factors/:subjectId", page: { signedIn: true, draw: childFactorsPage } },
  { pattern: "/mappings/:id/referrals", page: { signedIn: true, draw: mappingReferralsPage } },
  { pattern: "/mappings/:id/snapshots", page: { signedIn: true, draw: mappingSnapshotsPage } },
  { pattern: "/mappings/:id/closure", page: { signedIn: true, draw: mappingClosurePage } },
  { pattern: "/mappings/:id/members", page: { signedIn: true, draw: mappingMembersPage } },
  // Meetings, actions and key questions (pages/meetings.ts, meeting*.ts, actions.ts, questions.ts)
  { pattern: "/mappings/:id/meetings", page: { signedIn: true, draw: meetingsPage } },
  { pattern: "/mappings/:id/meetings/new", page: { signedIn: true, draw: arrangeMeetingPage } },
  { pattern: "/meetings/:id", page: { signedIn: true, draw: meetingViewPage } },
  { pattern: "/meetings/:id/details", page: { signedIn: true, draw: meetingDetailsPage } },
  { pattern: "/meetings/:id/minutes", page: { signedIn: true, draw: meetingMinutesPage } },
  { pattern: "/meetings/:id/decisions", page: { signedIn: true, draw: meetingDecisionsPage } },
  { pattern: "/meetings/:id/attendees/new", page: { signedIn: true, draw: addAttendeePage } },
  {
    pattern: "/meetings/:id/attendees/:attendee",
    page: { signedIn: true, draw: changeAttendeePage },
  },
  { pattern: "/meetings/:id/risk/:subject", page: { signedIn: true, draw: riskDecisionPage } },
  { pattern: "/meetings/:id/actions/new", page: { signedIn: true, draw: newMeetingActionPage } },
  {
    pattern: "/meetings/:id/questions/new",
    page: { signedIn: true, draw: newMeetingQuestionPage },
  },
  { pattern: "/mappings/:id/actions", page: { signedIn: true, draw: actionsPage } },
  { pattern: "/mappings/:id/actions/new", page: { signedIn: true, draw: newActionPage } },
  { pattern: "/actions/:id", page: { signedIn: true, draw: actionPage } },
  { pattern: "/mappings/:id/questions", page: { signedIn: true, draw: questionsPage } },
  { pattern: "/mappings/:id/questions/new", page: { signedIn: true, draw: newQuestionPage } },
  { pattern: "/questions/:id", page: { signedIn: true, draw: questionPage } },
  // The strategic overview and administration (pages/overview.ts, admin.ts)
  { pattern: "/overview", page: { signedIn: true, draw: overviewPage } },
  { pattern: "/admin", page: { signedIn: true, draw: adminPage } },
  { pattern: "/admin/accounts/new", page: { signedIn: true, draw: newAccountPage } },
  { pattern: "/admin/agencies/new", page: { signedIn: true, draw: newAgencyPage } },
  { pattern: "/admin/agencies/:id", page: { signedIn: true, draw: changeAgencyPage } },
  { pattern: "/admin/areas/new", page: { signedIn: true, draw: newAreaPage } },
  { pattern: "/admin/areas/:id", page: { signedIn: true, draw: changeAreaPage } },
  { pattern: "/sign-out", page: { signedIn: false, draw: signOutPage } },
  { pattern: "/signed-out", page: { signedIn: false, draw: signedOutPage } },
  // Subjects, links and information (pages/find.ts, mapping_subjects.ts, links.ts, subject.ts,
  // information.ts).
  { pattern: "/find", page: { signedIn: true, draw: findPage } },
  { pattern: "/mappings/:id/subjects", page: { signedIn: true, draw: mappingSubjectsPage } },
  { pattern: "/mappings/:id/subjects/add", page: { signedIn: true, draw: addSubjectPage } },
  { pattern: "/mappings/:id/links", page: { signedIn: true, draw: mappingLinksPage } },
  { pattern: "/mappings/:id/links/new", page: { signedIn: true, draw: addLinkPage } },
  { pattern: "/subjects/:id", page: { signedIn: true, draw: subjectPage } },
  { pattern: "/subjects/:id/change", page: { signedIn: true, draw: changeSubjectPage } },
  { pattern: "/information/new", page: { signedIn: true, draw: newInformationPage } },
];

export class App {
  readonly api = new ApiClient();
  readonly records = new Records(this.api);
  readonly router: Router<Page>;
  /** Reasons given this session, by scope ("mapping:ID"); in memory only, gone at sign-out. */
  readonly reasons = new Map<string, string>();
  session: Session | null = null;
  pendingSignIn: PendingSignIn | null = null;
  private frame: Frame;
  private carried: FieldError[] = [];
  private clickedLink = false;
  private params: Params = {};
  private generation = 0;
  private flashTitle = "";
  private idle: IdleTimeout | null = null;
  private readonly timeoutView: TimeoutView;

  constructor(body: HTMLElement) {
    this.frame = drawFrame(body);
    this.timeoutView = timeoutDialog(body, {
      stay: () => {
        void this.idle?.stay();
      },
      signOut: () => {
        this.idle?.signOut();
      },
    });
    this.api.onAnswer = () => {
      this.idle?.activity();
    };
    this.router = new Router(ROUTES, window, (match, path) => {
      this.draw(match, path);
    });
    body.addEventListener("click", (event) => {
      const link = event.target instanceof Element ? event.target.closest("a") : null;
      if (link === null || !isInAppNavigation(event, link, window.location.origin)) return;
      const url = new URL(link.href);
      if (url.pathname === window.location.pathname && url.hash !== "") return; // in-page anchor
      event.preventDefault();
      this.clickedLink = true;
      this.router.navigate(url.pathname + url.search);
    });
  }

  /** Asks the server who is signed in, then draws the page for the URL. */
  async start(): Promise<void> {
    try {
      this.session = await this.api.currentSession();
    } catch {
      this.session = null;
    }
    this.updateNavigation();
    this.watchIdle();
    this.router.render();
  }

  context(): PageContext {
    const generation = this.generation;
    return {
      main: this.frame.main,
      params: this.params,
      fromApp: this.clickedLink,
      isCurrent: () => generation === this.generation,
    };
  }

  /** The signed-in user's role, or null when signed out. */
  get role(): Role | null {
    return this.session?.user.role ?? null;
  }

  /** A success message for the next page drawn (GOV.UK notification banner). */
  flash(title: string): void {
    this.flashTitle = title;
  }

  /** Takes the message `flash` left, or "" when there is none. */
  takeFlash(): string {
    const t = this.flashTitle;
    this.flashTitle = "";
    return t;
  }

  /** The server says the session has ended (idle, expired, signed out elsewhere). */
  sessionEnded(message = "Your session ended. Sign in again to carry on."): void {
    this.session = null;
    this.reasons.clear();
    this.watchIdle();
    this.updateNavigation();
    this.carryErrors([{ id: "username", message }]);
    this.router.navigate("/sign-in", { replace: true });
  }

  /** Sets the document title; a page with errors says so first (GOV.UK pattern). */
  setTitle(title: string, hasErrors = false): void {
    document.title = (hasErrors ? "Error: " : "") + title + " - " + SERVICE_NAME;
  }

  /** Errors to show on the next page drawn (a failed sign-in goes back to the first step). */
  carryErrors(errors: FieldError[]): void {
    this.carried = errors;
  }

  takeCarriedErrors(): FieldError[] {
    const e = this.carried;
    this.carried = [];
    return e;
  }

  signedIn(session: Session): void {
    this.session = session;
    this.updateNavigation();
    this.watchIdle();
  }

  /** Starts the timeout warning while signed in (stops it when signed out). */
  private watchIdle(): void {
    this.idle?.stop();
    this.idle = null;
    const session = this.session;
    if (session === null) return;
    const idle = new IdleTimeout({
      idleSeconds: session.idle_timeout_seconds,
      keepAlive: async () => (await this.api.currentSession()) !== null,
      signOut: () => {
        void this.signOut();
      },
      timedOut: () => {
        // The server has ended it already (or will on this call); end it here too.
        void this.api.signOut().catch(() => undefined);
        this.sessionEnded(
          "You were signed out because you did not use ContextMap for " +
            String(Math.round(session.idle_timeout_seconds / 60)) +
            " minutes. Sign in again to carry on.",
        );
      },
      view: this.timeoutView,
    });
    this.idle = idle;
    idle.start();
  }

  /** Ends the session on the server, then forgets everything held in the page. */
  async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } catch {
      signOutFailed(this, this.context());
      return;
    }
    this.session = null;
    this.pendingSignIn = null;
    this.reasons.clear();
    this.watchIdle();
    this.updateNavigation();
    // A fresh document: nothing of the signed-in pages stays in memory or in back/forward.
    window.location.replace("/signed-out");
  }

  private updateNavigation(): void {
    this.frame.navigation.replaceChildren();
    this.frame.navigationBar.hidden = this.session === null;
    const role = this.role;
    if (role === null) return;
    for (const item of NAVIGATION) {
      if (item.roles === undefined || item.roles.includes(role))
        this.frame.navigation.append(navigationItem(item.text, item.href));
    }
  }

  private draw(match: Match<Page> | null, path: string): void {
    const fromApp = this.clickedLink;
    this.clickedLink = false;
    this.params = match?.params ?? {};
    const generation = ++this.generation;
    this.frame.main.removeAttribute("aria-busy"); // a page left while loading is not busy
    const ctx: PageContext = {
      main: this.frame.main,
      params: this.params,
      fromApp,
      isCurrent: () => generation === this.generation && path === this.router.path,
    };
    this.markCurrentNavigation(path);
    if (match === null) {
      notFoundPage(this, ctx);
    } else if (match.route.page.signedIn && this.session === null) {
      this.router.navigate("/sign-in", { replace: true });
      return;
    } else if (match.route.page.signedOut === true && this.session !== null) {
      this.router.navigate("/", { replace: true });
      return;
    } else {
      match.route.page.draw(this, ctx);
    }
    if (path === this.router.path) this.focusPage();
  }

  private markCurrentNavigation(path: string): void {
    for (const a of Array.from(this.frame.navigation.querySelectorAll("a"))) {
      const href = a.getAttribute("href") ?? "";
      const current =
        href === "/"
          ? path === "/"
          : path === href ||
            path.startsWith(href + "/") ||
            (href === "/mappings" && IN_A_MAPPING.some((p) => path.startsWith(p)));
      a.parentElement?.classList.toggle("govuk-service-navigation__item--active", current);
      if (current) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
  }

  /** After a page change, focus moves to the page (or its error summary) for screen readers. */
  private focusPage(): void {
    const summary = this.frame.main.querySelector<HTMLElement>(".govuk-error-summary");
    if (summary !== null) return; // GOV.UK Frontend focuses it
    this.frame.main.focus({ preventScroll: false });
  }
}
