// The client's router: every page has its own URL, drawn from the route table by path.
// Links inside the app change the URL with the history API (no reload); back, forward, reload
// and bookmarks land on the same page because the server answers every page URL with
// index.html and this router draws the page for the path. URLs carry ids only, never names.

/** The values a pattern's `:name` segments matched, decoded. */
export type Params = Readonly<Record<string, string>>;

export interface Route<Page> {
  /** "/mappings/:id": literal segments, and `:name` for one non-empty segment. */
  readonly pattern: string;
  readonly page: Page;
}

export interface Match<Page> {
  readonly route: Route<Page>;
  readonly params: Params;
}

function segments(path: string): string[] | null {
  if (!path.startsWith("/")) return null;
  const parts = path.split("/").slice(1);
  // "/a/" is "/a": one trailing slash is forgiven, an empty segment inside is not.
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** The first route whose pattern fits `path` (without query or fragment), or null. */
export function matchRoute<Page>(routes: readonly Route<Page>[], path: string): Match<Page> | null {
  const have = segments(path);
  if (have === null) return null;
  for (const route of routes) {
    const want = segments(route.pattern);
    if (want === null || want.length !== have.length) continue;
    const params: Record<string, string> = {};
    let fits = true;
    for (let i = 0; i < want.length && fits; i++) {
      const w = want[i] ?? "";
      const h = have[i] ?? "";
      if (w.startsWith(":")) {
        let value: string;
        try {
          value = decodeURIComponent(h);
        } catch {
          fits = false;
          break;
        }
        fits = value !== "" && !value.includes("/");
        params[w.slice(1)] = value;
      } else {
        fits = w === h;
      }
    }
    if (fits) return { route, params };
  }
  return null;
}

/**
 * Whether a click on this link should be handled in the page rather than by the browser:
 * a plain left click, no modifier (new tab, new window, download), same origin, no target.
 */
export function isInAppNavigation(
  event: Pick<
    MouseEvent,
    "button" | "metaKey" | "ctrlKey" | "shiftKey" | "altKey" | "defaultPrevented"
  >,
  link: Pick<HTMLAnchorElement, "href" | "target" | "hasAttribute">,
  origin: string,
): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (link.target !== "" || link.hasAttribute("download")) return false;
  let url: URL;
  try {
    url = new URL(link.href);
  } catch {
    return false;
  }
  return url.origin === origin && !url.pathname.startsWith("/api/");
}

/** What the router needs of the browser: the window's location and history. */
export interface BrowserHistory {
  readonly location: Pick<Location, "pathname" | "search" | "hash" | "origin">;
  readonly history: Pick<History, "pushState" | "replaceState">;
  addEventListener(type: "popstate", listener: () => void): void;
}

/**
 * Draws the page for the current URL, and again whenever it changes (a link, `navigate`, or
 * back and forward). `draw` is given the match, or null for a path no route fits.
 */
export class Router<Page> {
  constructor(
    private readonly routes: readonly Route<Page>[],
    private readonly browser: BrowserHistory,
    private readonly draw: (match: Match<Page> | null, path: string) => void,
  ) {
    browser.addEventListener("popstate", () => {
      this.render();
    });
  }

  /** The current path, without query or fragment. */
  get path(): string {
    return this.browser.location.pathname;
  }

  /** Draws the page for the current URL. */
  render(): void {
    this.draw(matchRoute(this.routes, this.path), this.path);
  }

  /**
   * Goes to `path` (same origin, e.g. "/sign-in") and draws it. `replace` swaps the current
   * history entry instead of adding one (redirects, so back does not bounce).
   */
  navigate(path: string, options: { replace?: boolean } = {}): void {
    if (!path.startsWith("/") || path.startsWith("//")) {
      throw new Error(`not a path in this app: ${path}`);
    }
    if (options.replace === true) {
      this.browser.history.replaceState(null, "", path);
    } else {
      this.browser.history.pushState(null, "", path);
    }
    this.render();
  }
}
