import { describe, expect, it } from "vitest";

import { ApiClient, ApiError, CSRF_HEADER, REASON_HEADER } from "../src/api";

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  init: RequestInit;
}

/** A fetch that records each call and answers from `answers` in order. */
function recorder(...answers: Response[]) {
  const sent: Sent[] = [];
  const fetchFn = (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : undefined,
      init,
    });
    const next = answers.shift();
    if (next === undefined) throw new Error("no answer left");
    return Promise.resolve(next);
  };
  return { sent, fetchFn };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

const session = {
  user: {
    id: "usr-1",
    username: "a.chair",
    full_name: "Alex Placeholder",
    agency_id: "agy-csc",
    role: "chair",
  },
  csrf_token: "token-123",
  idle_timeout_seconds: 900,
  expires_at: 1_800_000_000,
};

describe("ApiClient", () => {
  it("signs in with the three fields and keeps the CSRF token for changes", async () => {
    const { sent, fetchFn } = recorder(json(201, session), new Response(null, { status: 204 }));
    const api = new ApiClient(fetchFn);
    const s = await api.signIn("a.chair", "a long test password", "123456");
    expect(s.user.full_name).toBe("Alex Placeholder");
    expect(sent[0]?.url).toBe("/api/v1/session");
    expect(sent[0]?.method).toBe("POST");
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual({
      username: "a.chair",
      password: "a long test password",
      code: "123456",
    });
    expect(sent[0]?.headers.get("Content-Type")).toBe("application/json");
    expect(sent[0]?.headers.has(CSRF_HEADER)).toBe(false); // none yet
    expect(sent[0]?.init.credentials).toBe("same-origin");
    expect(sent[0]?.init.cache).toBe("no-store");

    await api.signOut();
    expect(sent[1]?.method).toBe("DELETE");
    expect(sent[1]?.headers.get(CSRF_HEADER)).toBe("token-123");
    expect(api.csrf).toBe("");
  });

  it("sends no CSRF token on reads, and the reason when given", async () => {
    const { sent, fetchFn } = recorder(json(200, session), json(200, { mappings: [] }));
    const api = new ApiClient(fetchFn);
    await api.currentSession();
    await api.request("GET", "/overview", { reason: "strategy meeting 2026-11-23" });
    expect(sent[1]?.headers.has(CSRF_HEADER)).toBe(false);
    expect(sent[1]?.headers.get(REASON_HEADER)).toBe("strategy meeting 2026-11-23");
  });

  it("sends If-Match and the token on a change", async () => {
    const { sent, fetchFn } = recorder(json(200, session), json(200, {}));
    const api = new ApiClient(fetchFn);
    await api.currentSession();
    await api.request("PUT", "/actions/act-1", { ifMatch: '"3"', body: { title: "x" } });
    expect(sent[1]?.headers.get("If-Match")).toBe('"3"');
    expect(sent[1]?.headers.get(CSRF_HEADER)).toBe("token-123");
  });

  it("turns the server's error body into an ApiError naming the field", async () => {
    const { fetchFn } = recorder(
      json(400, { error: { code: "invalid_argument", message: "is too long", field: "username" } }),
    );
    const err = await new ApiClient(fetchFn).signIn("x", "y", "z").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      code: "invalid_argument",
      field: "username",
      message: "is too long",
    });
  });

  it("reads Retry-After on 429, and copes with a body that is not JSON", async () => {
    const { fetchFn } = recorder(
      json(429, { error: { code: "too_many_requests", message: "wait" } }, { "Retry-After": "30" }),
      new Response("<html>bad gateway</html>", { status: 502 }),
    );
    const api = new ApiClient(fetchFn);
    await expect(api.signIn("a", "b", "c")).rejects.toMatchObject({ status: 429, retryAfter: 30 });
    await expect(api.request("GET", "/health")).rejects.toMatchObject({
      status: 502,
      code: "http_502",
      field: "",
    });
  });

  it("answers null when signed out, and forgets the token on any 401", async () => {
    const unauth = () => json(401, { error: { code: "unauthenticated", message: "sign in" } });
    const { sent, fetchFn } = recorder(json(200, session), unauth(), unauth());
    const api = new ApiClient(fetchFn);
    await api.currentSession();
    expect(api.csrf).toBe("token-123");
    await expect(api.request("POST", "/actions", { body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(sent[1]?.headers.get(CSRF_HEADER)).toBe("token-123");
    expect(api.csrf).toBe("");
    expect(await api.currentSession()).toBeNull();
  });

  it("refuses an answer that is not a session, and paths outside the API", async () => {
    const { fetchFn } = recorder(json(201, { user: "nobody" }));
    const api = new ApiClient(fetchFn);
    await expect(api.signIn("a", "b", "c")).rejects.toMatchObject({ code: "bad_answer" });
    expect(api.csrf).toBe("");
    await expect(api.request("GET", "/../etc")).rejects.toThrow("not an API path");
    await expect(api.request("GET", "health")).rejects.toThrow("not an API path");
  });

  it("treats sign-out of an ended session as done, but reports other failures", async () => {
    const { fetchFn } = recorder(
      json(401, { error: { code: "unauthenticated", message: "sign in" } }),
      json(403, { error: { code: "forbidden", message: "csrf" } }),
    );
    const api = new ApiClient(fetchFn);
    await expect(api.signOut()).resolves.toBeUndefined();
    await expect(api.signOut()).rejects.toMatchObject({ status: 403 });
  });
});
