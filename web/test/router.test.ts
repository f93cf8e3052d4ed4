import { describe, expect, it } from "vitest";

import { isInAppNavigation, matchRoute, Router, type BrowserHistory } from "../src/router";

const routes = [
  { pattern: "/", page: "home" },
  { pattern: "/sign-in", page: "sign-in" },
  { pattern: "/sign-in/code", page: "code" },
  { pattern: "/mappings/:id", page: "mapping" },
];

describe("matchRoute", () => {
  it("matches literal paths, forgiving one trailing slash", () => {
    expect(matchRoute(routes, "/")?.route.page).toBe("home");
    expect(matchRoute(routes, "/sign-in")?.route.page).toBe("sign-in");
    expect(matchRoute(routes, "/sign-in/")?.route.page).toBe("sign-in");
    expect(matchRoute(routes, "/sign-in/code")?.route.page).toBe("code");
  });

  it("decodes parameters and refuses empty or slash-carrying ones", () => {
    expect(matchRoute(routes, "/mappings/map-county-line")?.params).toEqual({
      id: "map-county-line",
    });
    expect(matchRoute(routes, "/mappings/a%20b")?.params).toEqual({ id: "a b" });
    expect(matchRoute(routes, "/mappings/a%2Fb")).toBeNull();
    expect(matchRoute(routes, "/mappings/%E0%A4%A")).toBeNull(); // malformed escape
    expect(matchRoute(routes, "/mappings//")).toBeNull();
  });

  it("answers null for paths no route fits", () => {
    expect(matchRoute(routes, "/nowhere")).toBeNull();
    expect(matchRoute(routes, "/mappings/x/extra")).toBeNull();
    expect(matchRoute(routes, "sign-in")).toBeNull();
    expect(matchRoute(routes, "//sign-in")).toBeNull();
  });
});

describe("isInAppNavigation", () => {
  const plain = {
    button: 0,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    defaultPrevented: false,
  };
  const link = (href: string, target = "", download = false) => ({
    href,
    target,
    hasAttribute: (name: string) => name === "download" && download,
  });
  const origin = "http://127.0.0.1:8080";

  it("takes plain clicks on same-origin page links", () => {
    expect(isInAppNavigation(plain, link(origin + "/sign-in"), origin)).toBe(true);
  });

  it("leaves new tabs, downloads, other sites and the API to the browser", () => {
    expect(isInAppNavigation({ ...plain, ctrlKey: true }, link(origin + "/"), origin)).toBe(false);
    expect(isInAppNavigation({ ...plain, button: 1 }, link(origin + "/"), origin)).toBe(false);
    expect(isInAppNavigation(plain, link(origin + "/", "_blank"), origin)).toBe(false);
    expect(isInAppNavigation(plain, link(origin + "/", "", true), origin)).toBe(false);
    expect(isInAppNavigation(plain, link("https://example.org/"), origin)).toBe(false);
    expect(isInAppNavigation(plain, link(origin + "/api/v1/health"), origin)).toBe(false);
    expect(isInAppNavigation(plain, link("not a url"), origin)).toBe(false);
  });
});

class FakeBrowser implements BrowserHistory {
  entries: string[] = ["/"];
  index = 0;
  private listeners: (() => void)[] = [];
  readonly location = {
    origin: "http://127.0.0.1:8080",
    search: "",
    hash: "",
    pathname: "/",
  };
  readonly history = {
    pushState: (_s: unknown, _t: string, url?: string | URL | null) => {
      this.entries = this.entries.slice(0, this.index + 1);
      this.entries.push(String(url));
      this.index++;
      this.location.pathname = String(url);
    },
    replaceState: (_s: unknown, _t: string, url?: string | URL | null) => {
      this.entries[this.index] = String(url);
      this.location.pathname = String(url);
    },
  };
  addEventListener(_type: "popstate", listener: () => void): void {
    this.listeners.push(listener);
  }
  back(): void {
    this.index--;
    this.location.pathname = this.entries[this.index] ?? "/";
    for (const l of this.listeners) l();
  }
}

describe("Router", () => {
  it("draws the page for each navigation and again on back", () => {
    const browser = new FakeBrowser();
    const drawn: (string | null)[] = [];
    const router = new Router(routes, browser, (m) => drawn.push(m?.route.page ?? null));
    router.render();
    router.navigate("/sign-in");
    router.navigate("/mappings/map-1");
    browser.back();
    expect(drawn).toEqual(["home", "sign-in", "mapping", "sign-in"]);
    expect(browser.entries).toEqual(["/", "/sign-in", "/mappings/map-1"]);
  });

  it("replaces the entry for redirects, so back does not return to them", () => {
    const browser = new FakeBrowser();
    const router = new Router(routes, browser, () => undefined);
    router.navigate("/sign-in/code");
    router.navigate("/sign-in", { replace: true });
    expect(browser.entries).toEqual(["/", "/sign-in"]);
  });

  it("draws null for an unknown path and refuses to leave the app", () => {
    const browser = new FakeBrowser();
    const drawn: (string | null)[] = [];
    const router = new Router(routes, browser, (m) => drawn.push(m?.route.page ?? null));
    router.navigate("/no-such-page");
    expect(drawn).toEqual([null]);
    expect(() => {
      router.navigate("https://example.org/");
    }).toThrow();
    expect(() => {
      router.navigate("//example.org/");
    }).toThrow();
  });
});
