// The JSON API client: every read and write of the app goes through here, so access control
// stays on the server. The session is the server's HttpOnly cookie (sent by the browser on
// same-origin requests); the CSRF token it hands out at sign-in is kept in memory only (never
// in storage) and sent as X-CSRF-Token on every change. Errors come back as ApiError carrying
// the server's code, message and field, so a form can name the field.

export const CSRF_HEADER = "X-CSRF-Token";
export const REASON_HEADER = "ContextMap-Reason";

/** A failed call: the HTTP status and the server's {"error": {code, message, field}}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The input the server blamed ("username", "/title"), or "" when none. */
    readonly field: string = "",
    /** Seconds to wait, from Retry-After on 429 and 503; 0 when not given. */
    readonly retryAfter: number = 0,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Role = "administrator" | "chair" | "analyst" | "practitioner" | "strategic_viewer";

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly full_name: string;
  readonly agency_id: string;
  /** The agency's name ("Northwick Police"); "" if the server has none. */
  readonly agency_name?: string;
  readonly role: Role;
}

/** POST and GET /api/v1/session. */
export interface Session {
  readonly user: SessionUser;
  readonly csrf_token: string;
  readonly idle_timeout_seconds: number;
  readonly expires_at: number;
  /** Only on sign-in: recovery codes the account has left. */
  readonly recovery_codes_left?: number;
}

export interface RequestOptions {
  /** Why the user is reading case records; sent as ContextMap-Reason. */
  readonly reason?: string;
  /** The version read (ETag), for PUT and DELETE of a record. */
  readonly ifMatch?: string;
  readonly body?: unknown;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The ApiError for a response that is not 2xx, from its JSON error body if it has one. */
export async function errorFrom(res: Response): Promise<ApiError> {
  let code = "http_" + String(res.status);
  let message = "The server could not answer (status " + String(res.status) + ")";
  let field = "";
  try {
    const body: unknown = await res.json();
    const error = isObject(body) ? body["error"] : undefined;
    if (isObject(error)) {
      code = text(error["code"]) || code;
      message = text(error["message"]) || message;
      field = text(error["field"]);
    }
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const wait = Number.parseInt(res.headers.get("Retry-After") ?? "", 10);
  return new ApiError(res.status, code, message, field, Number.isFinite(wait) ? wait : 0);
}

function isSession(v: unknown): v is Session {
  if (!isObject(v) || !isObject(v["user"])) return false;
  const u = v["user"];
  return (
    typeof v["csrf_token"] === "string" &&
    typeof u["id"] === "string" &&
    typeof u["username"] === "string" &&
    typeof u["full_name"] === "string" &&
    typeof u["role"] === "string"
  );
}

export class ApiClient {
  private csrfToken = "";

  /**
   * `base` is the API's root ("/api/v1"); `fetchFn` the browser's fetch (a test passes
   * another that answers as the server does).
   */
  constructor(
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly base = "/api/v1",
  ) {}

  /** The token sent on changes; "" when signed out. */
  get csrf(): string {
    return this.csrfToken;
  }

  /** One call. Resolves with the parsed JSON body (undefined for 204); rejects with ApiError. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    if (!path.startsWith("/") || path.includes("..")) {
      throw new Error(`not an API path: ${path}`);
    }
    const headers = new Headers({ Accept: "application/json" });
    if (options.body !== undefined) headers.set("Content-Type", "application/json");
    if (method !== "GET" && method !== "HEAD" && this.csrfToken !== "") {
      headers.set(CSRF_HEADER, this.csrfToken);
    }
    if (options.reason !== undefined) headers.set(REASON_HEADER, options.reason);
    if (options.ifMatch !== undefined) headers.set("If-Match", options.ifMatch);
    const init: RequestInit = {
      method,
      headers,
      credentials: "same-origin",
      cache: "no-store",
      redirect: "error",
    };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    const res = await this.fetchFn(this.base + path, init);
    if (res.status === 401) this.csrfToken = "";
    if (!res.ok) throw await errorFrom(res);
    if (res.status === 204) return undefined;
    return (await res.json()) as unknown;
  }

  /** Signs in; on success the session cookie is set and the CSRF token kept. */
  async signIn(username: string, password: string, code: string): Promise<Session> {
    return this.keep(
      await this.request("POST", "/session", { body: { username, password, code } }),
    );
  }

  /** The session the browser's cookie names, or null when signed out (401). */
  async currentSession(): Promise<Session | null> {
    try {
      return this.keep(await this.request("GET", "/session"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }

  /** Ends the session; the server clears the cookie. Signed out already counts as done. */
  async signOut(): Promise<void> {
    try {
      await this.request("DELETE", "/session");
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    } finally {
      this.csrfToken = "";
    }
  }

  private keep(body: unknown): Session {
    if (!isSession(body))
      throw new ApiError(502, "bad_answer", "The server's answer was not a session");
    this.csrfToken = body.csrf_token;
    return body;
  }
}
