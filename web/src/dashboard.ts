// The signed-in user's own work, from GET /api/v1/dashboard: open actions and key questions
// they own, the mappings they chair or belong to with what is due next, and everything due in
// the next 7 days across them. The server decides what is shown and in what order; this
// module checks the answer's shape (a malformed row is an error, never half a page) and keeps
// overdue rows first, as the server sends them.
import { ApiError, type ApiClient } from "./api";

export interface DueItem {
  readonly due: string;
  readonly what: string;
  /** The record the item belongs to: "mapping", "meeting", "action", "key_question". */
  readonly kind: string;
  readonly record_id: string;
  readonly overdue: boolean;
}

export interface DashboardAction {
  readonly id: string;
  readonly mapping_id: string;
  readonly mapping_title: string;
  readonly description: string;
  readonly due_on: string;
  readonly status: string;
  readonly overdue: boolean;
}

export interface DashboardQuestion {
  readonly id: string;
  readonly mapping_id: string;
  readonly mapping_title: string;
  readonly question: string;
  readonly due_on: string;
  readonly status: string;
  readonly overdue: boolean;
}

export interface DashboardMapping {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly status: string;
  /** "chair", "co_chair" or "member". */
  readonly role: string;
  readonly next_due: DueItem | null;
}

export interface DueThisWeek extends DueItem {
  readonly mapping_id: string;
  readonly mapping_title: string;
}

export interface Dashboard {
  readonly today: string;
  readonly actions: readonly DashboardAction[];
  readonly key_questions: readonly DashboardQuestion[];
  readonly mappings: readonly DashboardMapping[];
  readonly due_this_week: readonly DueThisWeek[];
}

type Obj = Readonly<Record<string, unknown>>;

function bad(what: string): ApiError {
  return new ApiError(502, "bad_answer", `The server's dashboard was not understood (${what})`);
}

function obj(v: unknown, what: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(what);
  return v as Obj;
}

function str(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw bad(`${what}.${key}`);
  return v;
}

function bool(o: Obj, key: string): boolean {
  return o[key] === true;
}

function list<T>(o: Obj, key: string, each: (item: Obj, what: string) => T): T[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v)) throw bad(key);
  return v.map((item: unknown, i) =>
    each(obj(item, `${key}[${String(i)}]`), `${key}[${String(i)}]`),
  );
}

function dueItem(o: Obj, what: string): DueItem {
  return {
    due: str(o, "due", what),
    what: str(o, "what", what),
    kind: str(o, "kind", what),
    record_id: str(o, "record_id", what),
    overdue: bool(o, "overdue"),
  };
}

/** The dashboard answer as typed records; throws ApiError (502) if its shape is wrong. */
export function parseDashboard(body: unknown): Dashboard {
  const o = obj(body, "answer");
  return {
    today: str(o, "today", "answer"),
    actions: list(o, "actions", (a, w) => ({
      id: str(a, "id", w),
      mapping_id: str(a, "mapping_id", w),
      mapping_title: str(a, "mapping_title", w),
      description: str(a, "description", w),
      due_on: str(a, "due_on", w),
      status: str(a, "status", w),
      overdue: bool(a, "overdue"),
    })),
    key_questions: list(o, "key_questions", (q, w) => ({
      id: str(q, "id", w),
      mapping_id: str(q, "mapping_id", w),
      mapping_title: str(q, "mapping_title", w),
      question: str(q, "question", w),
      due_on: str(q, "due_on", w),
      status: str(q, "status", w),
      overdue: bool(q, "overdue"),
    })),
    mappings: list(o, "mappings", (m, w) => {
      const next = m["next_due"];
      return {
        id: str(m, "id", w),
        title: str(m, "title", w),
        kind: str(m, "kind", w),
        status: str(m, "status", w),
        role: str(m, "role", w),
        next_due:
          next === null || next === undefined ? null : dueItem(obj(next, w + ".next_due"), w),
      };
    }),
    due_this_week: list(o, "due_this_week", (d, w) => ({
      ...dueItem(d, w),
      mapping_id: str(d, "mapping_id", w),
      mapping_title: str(d, "mapping_title", w),
    })),
  };
}

/** Overdue rows first, keeping the server's order otherwise (a stable sort). */
export function overdueOnTop<T extends { readonly overdue: boolean }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

/** Reads the signed-in user's dashboard (GET /api/v1/dashboard: no reason, it is their own). */
export async function loadDashboard(api: ApiClient): Promise<Dashboard> {
  const d = parseDashboard(await api.request("GET", "/dashboard"));
  return {
    ...d,
    actions: overdueOnTop(d.actions),
    key_questions: overdueOnTop(d.key_questions),
  };
}
