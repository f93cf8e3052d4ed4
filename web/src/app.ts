// The application: the session (in memory only), the frame, the route table, and in-app links.
import { ApiClient, type Session } from "./api";
import type { FieldError } from "./components";
import { drawFrame, navigationItem, SERVICE_NAME, type Frame } from "./layout";
import { homePage } from "./pages/home";
import { codePage, credentialsPage, type PendingSignIn } from "./pages/sign_in";
import { notFoundPage, signedOutPage, signOutFailed, signOutPage } from "./pages/sign_out";
import { isInAppNavigation, Router, type Match, type Params, type Route } from "./router";

export interface PageContext {
  readonly main: HTMLElement;
  readonly params: Params;
  /** Reached by a click on a link inside the app (not typed, bookmarked, reloaded or back). */
  readonly fromApp: boolean;
}

interface Page {
  /** Only for a signed-in user; anyone else is sent to sign in. */
  readonly signedIn: boolean;
  /** Only for someone signed out (a signed-in user goes to the start page). */
  readonly signedOut?: boolean;
  readonly draw: (app: App, ctx: PageContext) => void;
}

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
  readonly router: Router<Page>;
  session: Session | null = null;
  pendingSignIn: PendingSignIn | null = null;
  private frame: Frame;
  private carried: FieldError[] = [];
  private clickedLink = false;
  private params: Params = {};

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
    return { main: this.frame.main, params: this.params, fromApp: this.clickedLink };
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
    this.updateNavigation();
    // A fresh document: nothing of the signed-in pages stays in memory or in back/forward.
    window.location.replace("/signed-out");
  }

  private updateNavigation(): void {
    this.frame.navigation.replaceChildren();
    if (this.session !== null)
      this.frame.navigation.append(navigationItem("Sign out", "/sign-out"));
  }

  private draw(match: Match<Page> | null, path: string): void {
    const fromApp = this.clickedLink;
    this.clickedLink = false;
    this.params = match?.params ?? {};
    const ctx: PageContext = { main: this.frame.main, params: this.params, fromApp };
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

  /** After a page change, focus moves to the page (or its error summary) for screen readers. */
  private focusPage(): void {
    const summary = this.frame.main.querySelector<HTMLElement>(".govuk-error-summary");
    if (summary !== null) return; // GOV.UK Frontend focuses it
    this.frame.main.focus({ preventScroll: false });
  }
}
