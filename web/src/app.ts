// The application: the session (in memory only), the frame, the route table, and in-app links.
import { ApiClient, type Role, type Session } from "./api";
import type { FieldError } from "./components";
import { drawFrame, navigationItem, SERVICE_NAME, type Frame } from "./layout";
import { homePage } from "./pages/home";
import { codePage, credentialsPage, type PendingSignIn } from "./pages/sign_in";
import { notFoundPage, signedOutPage, signOutFailed, signOutPage } from "./pages/sign_out";
import { Records } from "./records";
import { isInAppNavigation, Router, type Match, type Params, type Route } from "./router";

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

/** The service navigation: each link, and the roles it is for (all when not given). */
const NAVIGATION: readonly { text: string; href: string; roles?: readonly Role[] }[] = [
  { text: "Dashboard", href: "/", roles: ["administrator", "chair", "analyst", "practitioner"] },
  {
    text: "Mappings",
    href: "/mappings",
    roles: ["administrator", "chair", "analyst", "practitioner"],
  },
  {
    text: "Find a person",
    href: "/find",
    roles: ["administrator", "chair", "analyst", "practitioner"],
  },
  {
    text: "Overview",
    href: "/overview",
    roles: ["strategic_viewer", "analyst", "administrator", "chair"],
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
  { pattern: "/sign-out", page: { signedIn: false, draw: signOutPage } },
  { pattern: "/signed-out", page: { signedIn: false, draw: signedOutPage } },
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

  constructor(body: HTMLElement) {
    this.frame = drawFrame(body);
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
  sessionEnded(): void {
    this.session = null;
    this.reasons.clear();
    this.updateNavigation();
    this.carryErrors([
      { id: "username", message: "Your session ended. Sign in again to carry on." },
    ]);
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
      const current = href === "/" ? path === "/" : path === href || path.startsWith(href + "/");
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
