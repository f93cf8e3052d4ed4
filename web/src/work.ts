// The logic of the pages for meetings, actions, key questions and the dashboard, kept apart
// from drawing so it can be unit-tested: what is overdue, in what order things are listed,
// where a due item leads, the agenda a new meeting starts with, and the records built from
// forms. Pure functions (test/work.test.ts).
import type { FieldError } from "./components";
import type { Action, KeyQuestion, Meeting, ProtocolProfile } from "./records";

/** Statuses in which an action or key question is still waiting to be done. */
const OPEN_STATUSES: ReadonlySet<string> = new Set(["open", "in_progress"]);

/** Whether an action or key question in `status` is still open. */
export function isOpen(status: string): boolean {
  return OPEN_STATUSES.has(status);
}

/** Open and due before `today` (both YYYY-MM-DD; string order is date order). */
export function isOverdue(
  item: { readonly due_on?: string; readonly status: string },
  today: string,
): boolean {
  const due = item.due_on ?? "";
  return due !== "" && isOpen(item.status) && due < today;
}

/**
 * Actions or key questions in the order a list shows them: overdue first, then the other open
 * ones, then finished ones; within each, by due date (undated last), then id.
 */
export function overdueFirst<
  T extends { readonly id: string; readonly due_on?: string; readonly status: string },
>(items: readonly T[], today: string): T[] {
  const band = (t: T) => (isOverdue(t, today) ? 0 : isOpen(t.status) ? 1 : 2);
  return [...items].sort((a, b) => {
    const d = band(a) - band(b);
    if (d !== 0) return d;
    const ad = a.due_on ?? "";
    const bd = b.due_on ?? "";
    if (ad !== bd) {
      if (ad === "") return 1;
      if (bd === "") return -1;
      return ad < bd ? -1 : 1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Meetings newest first (date, then start time), the way a chair looks for the latest. */
export function meetingsNewestFirst(meetings: readonly Meeting[]): Meeting[] {
  const key = (m: Meeting) => m.date + "T" + (m.start_time ?? "");
  return [...meetings].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

/** The agenda a new meeting of `kind` starts with: the profile's template sections, no notes. */
export function agendaFor(
  profile: ProtocolProfile | null,
  kind: Meeting["kind"],
): { heading: string }[] {
  const template = profile?.meeting_templates?.find((t) => t.meeting_kind === kind);
  return (template?.sections ?? []).map((s) => ({ heading: s.heading }));
}

/** The prompts under an agenda heading in the profile's template for `kind` (for hints). */
export function promptsFor(
  profile: ProtocolProfile | null,
  kind: Meeting["kind"],
  heading: string,
): readonly string[] {
  const template = profile?.meeting_templates?.find((t) => t.meeting_kind === kind);
  return template?.sections?.find((s) => s.heading === heading)?.prompts ?? [];
}

/** Decisions as typed in one box each: blank boxes dropped, spaces at the ends trimmed. */
export function cleanDecisions(typed: readonly string[]): string[] {
  return typed.map((t) => t.trim()).filter((t) => t !== "");
}

/** A page address for a record a due item or a dashboard row names, by its kind. */
export function recordHref(kind: string, id: string): string | null {
  const e = encodeURIComponent(id);
  switch (kind) {
    case "meeting":
      return `/meetings/${e}`;
    case "action":
      return `/actions/${e}`;
    case "key_question":
      return `/questions/${e}`;
    case "mapping":
      return `/mappings/${e}`;
    default:
      return null;
  }
}

/** `record` without the fields `keys` (a cleared optional field is left out, not sent empty). */
function without<T extends object, K extends keyof T>(record: T, ...keys: K[]): Omit<T, K> {
  const drop = new Set<PropertyKey>(keys);
  return Object.fromEntries(Object.entries(record).filter(([k]) => !drop.has(k))) as Omit<T, K>;
}

/** The action after an update that changes its status: done sets completed_on, reopening clears it. */
export function actionAfterUpdate(action: Action, status: Action["status"], on: string): Action {
  const rest = without(action, "completed_on");
  if (status === "done") return { ...rest, status, completed_on: on };
  if (status === "cancelled" && action.completed_on !== undefined)
    return { ...rest, status, completed_on: action.completed_on };
  return { ...rest, status };
}

/** A key question after it is answered or closed; an open question keeps no answered date. */
export function questionAfterChange(
  q: KeyQuestion,
  change: { status: KeyQuestion["status"]; answer: string; answeredOn: string },
): KeyQuestion {
  const out: KeyQuestion = { ...without(q, "answer", "answered_on"), status: change.status };
  const withAnswer = change.answer === "" ? out : { ...out, answer: change.answer };
  if (change.status === "open") return withAnswer;
  return change.answeredOn === "" ? withAnswer : { ...withAnswer, answered_on: change.answeredOn };
}

/** "2 minutes", "1 minute 5 seconds", "45 seconds": time left in words (timeout warning). */
export function timeInWords(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const m = Math.floor(s / 60);
  const r = s % 60;
  const mins = m === 0 ? "" : `${String(m)} minute${m === 1 ? "" : "s"}`;
  const secs = r === 0 ? "" : `${String(r)} second${r === 1 ? "" : "s"}`;
  if (mins === "" && secs === "") return "0 seconds";
  return [mins, secs].filter((x) => x !== "").join(" ");
}

/** The owner of an action or key question as its record's fields. */
export interface OwnerFields {
  readonly owner?: string;
  readonly owner_user_id?: string;
  readonly owner_agency_id?: string;
}

/**
 * The owner from the form: a member chosen from the list (their name and agency come from their
 * account), or a name and agency typed for someone without an account. `required`: an action
 * must have an owner and agency; a key question may have none.
 */
export function resolveOwner(
  typed: { readonly userId: string; readonly name: string; readonly agencyId: string },
  users: ReadonlyMap<string, { readonly full_name: string; readonly agency_id: string }>,
  required: boolean,
): { owner: OwnerFields; errors: FieldError[] } {
  const user = typed.userId === "" ? undefined : users.get(typed.userId);
  if (user !== undefined) {
    return {
      owner: {
        owner: user.full_name,
        owner_user_id: typed.userId,
        owner_agency_id: typed.agencyId || user.agency_id,
      },
      errors: [],
    };
  }
  const name = typed.name.replace(/\s+/g, " ").trim();
  if (name === "" && typed.agencyId === "") {
    return required
      ? {
          owner: {},
          errors: [{ id: "owner_user_id", message: "Choose who owns this, or enter their name" }],
        }
      : { owner: {}, errors: [] };
  }
  const errors: FieldError[] = [];
  if (name === "") errors.push({ id: "owner", message: "Enter the owner's name" });
  if (typed.agencyId === "" && required)
    errors.push({ id: "owner_agency_id", message: "Choose the owner's agency" });
  const owner: OwnerFields = {
    ...(name === "" ? {} : { owner: name }),
    ...(typed.agencyId === "" ? {} : { owner_agency_id: typed.agencyId }),
  };
  return { owner, errors };
}

/**
 * `record` with `changes` applied: a value sets its field, "" (or undefined) leaves the field
 * out, so an optional field the user cleared is not sent as an empty string.
 */
export function withFields<T extends object>(
  record: T,
  changes: Readonly<Record<string, unknown>>,
): T {
  const merged: Record<string, unknown> = { ...(record as Record<string, unknown>), ...changes };
  return Object.fromEntries(
    Object.entries(merged).filter(([k, v]) => !(k in changes && (v === "" || v === undefined))),
  ) as T;
}

/** A time typed as "9:30" or "14:00" as HH:MM; "" when blank; null when it is not a time. */
export function timeValue(typed: string): string | null {
  const t = typed.trim().replace(".", ":");
  if (t === "") return "";
  const m = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (m === null) return null;
  const hh = Number(m[1]);
  const mm = Number(m[2]);
  if (hh > 23 || mm > 59) return null;
  return `${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
}

/** A meeting's name: "Initial meeting", "Pre-mapping meeting". */
export function meetingName(kind: string): string {
  const words: Readonly<Record<string, string>> = {
    pre_mapping: "Pre-mapping meeting",
    initial: "Initial meeting",
    external: "Meeting with external agencies",
    review: "Review meeting",
    bronze: "Bronze meeting",
    silver: "Silver meeting",
  };
  return words[kind] ?? "Meeting";
}
