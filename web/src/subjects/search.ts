// Find a person (or a place) across the partnership: GET /api/v1/search. The server answers
// only with subjects the user may see, and with only the mappings they may see each one on.
// The search text never goes into the page's URL (it may be a name): it is sent as a query
// parameter of the API call only, with the reason the user gave.
import type { ApiClient } from "../api";
import type { Subject } from "../records";

export type SubjectKind = Subject["kind"];

/** A mapping a found subject is on (one the user may see). */
export interface FoundMapping {
  readonly id: string;
  readonly title: string;
  readonly status: string;
}

/** One search result: the subject and the mappings it is on. */
export interface SearchHit {
  readonly subject: Subject;
  readonly mappings: readonly FoundMapping[];
}

/** The answer to a search; `more` when the server left further matches out. */
export interface SearchAnswer {
  readonly results: readonly SearchHit[];
  readonly more: boolean;
}

/** What the user asked for: text (name, alias, postcode), a date of birth, kinds. */
export interface SearchQuery {
  readonly q: string;
  readonly dob: string;
  readonly kinds: readonly SubjectKind[];
}

/** The kinds that are people (a date of birth and an age make sense for them). */
export const PERSON_KINDS: readonly SubjectKind[] = [
  "child",
  "adult",
  "parent_carer",
  "professional",
];

/** The API path of a search: only the parameters given, text trimmed. */
export function searchPath(query: SearchQuery): string {
  const params = new URLSearchParams();
  const q = query.q.replace(/\s+/g, " ").trim();
  if (q !== "") params.set("q", q);
  if (query.dob !== "") params.set("dob", query.dob);
  if (query.kinds.length > 0) params.set("kind", query.kinds.join(","));
  return "/search?" + params.toString();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the server's answer, keeping only well-formed results. */
export function readSearchAnswer(body: unknown): SearchAnswer {
  if (!isObject(body) || !Array.isArray(body["results"])) return { results: [], more: false };
  const results: SearchHit[] = [];
  for (const r of body["results"] as unknown[]) {
    if (!isObject(r) || !isObject(r["subject"])) continue;
    const subject = r["subject"] as unknown as Subject;
    if (typeof subject.id !== "string" || typeof subject.label !== "string") continue;
    const mappings: FoundMapping[] = [];
    if (Array.isArray(r["mappings"])) {
      for (const m of r["mappings"] as unknown[]) {
        if (isObject(m) && typeof m["id"] === "string" && typeof m["title"] === "string")
          mappings.push({
            id: m["id"],
            title: m["title"],
            status: typeof m["status"] === "string" ? m["status"] : "",
          });
      }
    }
    results.push({ subject, mappings });
  }
  return { results, more: body["more"] === true };
}

/** Runs a search with the user's reason (sent as ContextMap-Reason and audited). */
export async function searchSubjects(
  api: ApiClient,
  query: SearchQuery,
  reason: string,
): Promise<SearchAnswer> {
  return readSearchAnswer(await api.request("GET", searchPath(query), { reason }));
}

/** Whole years from `dob` to `today` (both YYYY-MM-DD), or null when either is not a date. */
export function ageOn(dob: string | undefined, today: string): number | null {
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob ?? "");
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (a === null || b === null) return null;
  let years = Number(b[1]) - Number(a[1]);
  if (Number(b[2]) * 100 + Number(b[3]) < Number(a[2]) * 100 + Number(a[3])) years -= 1;
  return years < 0 ? null : years;
}

/** A person's age as words: "15", "About 24" (approximate date of birth), "" when unknown. */
export function ageText(subject: Pick<Subject, "dob" | "dob_precision">, today: string): string {
  if (subject.dob_precision === "unknown") return "";
  const age = ageOn(subject.dob, today);
  if (age === null) return "";
  return subject.dob_precision === "approximate" ? `About ${String(age)}` : String(age);
}
