// What a mapping's task list says about each task, worked out from the records the user may
// see ("Not started", "3 children, 2 adults", "2 overdue", "Completed"), and the other facts
// the mapping page reads off the record: who is on it, its links in words, its next review.
// Pure functions of the bundle (GET /mappings/{id}/map) and today's date, unit-tested in
// test/mapping_tasks.test.ts.
import type { TagColour } from "./display";
import { formatDate, label, plural } from "./format";
import type {
  Link,
  Mapping,
  MappingBundle,
  MappingSubject,
  ProtocolProfile,
  Subject,
} from "./records";

/** A task's status: the words, and a tag colour when it needs attention or is not started. */
export interface TaskState {
  readonly status: string;
  readonly colour?: TagColour;
}

export const NOT_STARTED: TaskState = { status: "Not started", colour: "blue" };
const COMPLETED: TaskState = { status: "Completed" };

function ofMapping<T extends { readonly mapping_id: string }>(
  items: readonly T[] | undefined,
  mappingId: string,
): T[] {
  return (items ?? []).filter((r) => r.mapping_id === mappingId);
}

/** The mapping's own record in the bundle, or undefined when the user may not see it. */
export function mappingIn(bundle: MappingBundle, mappingId: string): Mapping | undefined {
  return bundle.mappings?.find((m) => m.id === mappingId);
}

/** A subject on the mapping: its place there (role, notes) and the subject itself. */
export interface OnMapping {
  readonly place: MappingSubject;
  readonly subject: Subject;
}

/** Who and what is on the mapping now (not removed), in label order. */
export function subjectsOn(bundle: MappingBundle, mappingId: string): OnMapping[] {
  const byId = new Map((bundle.subjects ?? []).map((s) => [s.id, s]));
  const out: OnMapping[] = [];
  for (const place of ofMapping(bundle.mapping_subjects, mappingId)) {
    if (place.removed_on !== undefined && place.removed_on !== "") continue;
    const subject = byId.get(place.subject_id);
    if (subject !== undefined) out.push({ place, subject });
  }
  return out.sort(
    (a, b) =>
      a.subject.label.localeCompare(b.subject.label, "en-GB") ||
      a.subject.id.localeCompare(b.subject.id),
  );
}

/** The children on the mapping (the people factors and risk categories are recorded for). */
export function childrenOn(bundle: MappingBundle, mappingId: string): Subject[] {
  return subjectsOn(bundle, mappingId)
    .filter((o) => o.subject.kind === "child")
    .map((o) => o.subject);
}

/** "3 children, 2 adults, 1 place, 1 group, 2 key contacts": who and what is on the mapping. */
export function subjectsStatus(bundle: MappingBundle, mappingId: string): TaskState {
  const on = subjectsOn(bundle, mappingId);
  if (on.length === 0) return NOT_STARTED;
  const count = (test: (o: OnMapping) => boolean) => on.filter(test).length;
  const contact = (o: OnMapping) =>
    o.place.role === "key_contact" || o.subject.kind === "professional";
  const parts: [number, string, string][] = [
    [count((o) => o.subject.kind === "child"), "child", "children"],
    [
      count(
        (o) => (o.subject.kind === "adult" || o.subject.kind === "parent_carer") && !contact(o),
      ),
      "adult",
      "adults",
    ],
    [count((o) => o.subject.kind === "location"), "place", "places"],
    [count((o) => o.subject.kind === "group"), "group", "groups"],
    [count(contact), "key contact", "key contacts"],
    [count((o) => o.subject.kind === "activity" || o.subject.kind === "object"), "other", "others"],
  ];
  return {
    status: parts
      .filter(([n]) => n > 0)
      .map(([n, one, many]) => plural(n, one, many))
      .join(", "),
  };
}

/** The pre-mapping (internal) session: held, planned, or not yet arranged. */
export function preMappingStatus(bundle: MappingBundle, mappingId: string): TaskState {
  const sessions = ofMapping(bundle.meetings, mappingId).filter(
    (m) => m.kind === "pre_mapping" && m.status !== "cancelled",
  );
  if (sessions.some((m) => m.status === "held")) return COMPLETED;
  const planned = sessions.map((m) => m.date).sort()[0];
  return planned === undefined ? NOT_STARTED : { status: "Planned for " + formatDate(planned) };
}

/** What the agencies have sent: "2 submitted, 1 draft". Withdrawn ones do not count. */
export function submissionsStatus(bundle: MappingBundle, mappingId: string): TaskState {
  const all = ofMapping(bundle.agency_submissions, mappingId);
  const submitted = all.filter((s) => s.status === "submitted").length;
  const drafts = all.filter((s) => s.status === "draft").length;
  if (submitted + drafts === 0) return NOT_STARTED;
  const parts: string[] = [];
  if (submitted > 0) parts.push(`${String(submitted)} submitted`);
  if (drafts > 0) parts.push(plural(drafts, "draft", "drafts"));
  return { status: parts.join(", ") };
}

/** The meetings: "2 held, 1 planned". */
export function meetingsStatus(bundle: MappingBundle, mappingId: string): TaskState {
  const all = ofMapping(bundle.meetings, mappingId);
  const held = all.filter((m) => m.status === "held").length;
  const planned = all.filter((m) => m.status === "planned").length;
  if (held + planned === 0) return NOT_STARTED;
  const parts: string[] = [];
  if (held > 0) parts.push(`${String(held)} held`);
  if (planned > 0) parts.push(`${String(planned)} planned`);
  return { status: parts.join(", ") };
}

/**
 * Factors and risk: with the profile's risk categories, how many children have a category
 * decided; without them, how many factors are recorded. "No children yet" before there are any.
 */
export function factorsStatus(
  bundle: MappingBundle,
  mappingId: string,
  profile: Pick<ProtocolProfile, "risk_categories"> | undefined,
): TaskState {
  const children = childrenOn(bundle, mappingId);
  if (children.length === 0) return { status: "No children yet", colour: "grey" };
  const ids = new Set(children.map((c) => c.id));
  const factors = ofMapping(bundle.factors, mappingId).filter((f) => ids.has(f.subject_id));
  const decided = new Set(
    ofMapping(bundle.risk_assessments, mappingId)
      .filter((r) => ids.has(r.subject_id))
      .map((r) => r.subject_id),
  );
  if ((profile?.risk_categories ?? []).length > 0) {
    if (decided.size === 0 && factors.length === 0) return NOT_STARTED;
    if (decided.size === children.length) return COMPLETED;
    return {
      status: `Risk category for ${String(decided.size)} of ${plural(children.length, "child", "children")}`,
    };
  }
  if (factors.length === 0) return NOT_STARTED;
  const about = new Set(factors.map((f) => f.subject_id)).size;
  return {
    status: `${plural(factors.length, "factor", "factors")} for ${plural(about, "child", "children")}`,
  };
}

function openWork(
  items: readonly { status: string; due_on?: string }[],
  isOpen: (status: string) => boolean,
  today: string,
): TaskState {
  if (items.length === 0) return NOT_STARTED;
  const open = items.filter((i) => isOpen(i.status));
  if (open.length === 0) return COMPLETED;
  const overdue = open.filter((i) => i.due_on !== undefined && i.due_on !== "" && i.due_on < today);
  if (overdue.length > 0) return { status: `${String(overdue.length)} overdue`, colour: "red" };
  return { status: `${String(open.length)} open` };
}

/** Actions: "2 overdue" (red) before "4 open"; "Completed" when none is open. */
export function actionsStatus(bundle: MappingBundle, mappingId: string, today: string): TaskState {
  return openWork(
    ofMapping(bundle.actions, mappingId),
    (s) => s === "open" || s === "in_progress",
    today,
  );
}

/** Key questions, as actions: overdue, open, or all answered or closed. */
export function questionsStatus(
  bundle: MappingBundle,
  mappingId: string,
  today: string,
): TaskState {
  return openWork(ofMapping(bundle.key_questions, mappingId), (s) => s === "open", today);
}

/**
 * The children with a risk category decided and no referral made (a planned one does not
 * count): the flag the server raises too (core AtRiskWithoutReferral).
 */
export function atRiskWithoutReferral(bundle: MappingBundle, mappingId: string): string[] {
  const referred = new Set(
    ofMapping(bundle.referrals, mappingId)
      .filter((r) => r.status !== "planned")
      .map((r) => r.subject_id),
  );
  const out = new Set<string>();
  for (const r of ofMapping(bundle.risk_assessments, mappingId))
    if (!referred.has(r.subject_id)) out.add(r.subject_id);
  return [...out].sort();
}

/** Referrals: a red flag for children at risk with none, else how many are recorded. */
export function referralsStatus(bundle: MappingBundle, mappingId: string): TaskState {
  const flagged = atRiskWithoutReferral(bundle, mappingId).length;
  if (flagged > 0)
    return {
      status: `${plural(flagged, "child", "children")} at risk with no referral`,
      colour: "red",
    };
  const n = ofMapping(bundle.referrals, mappingId).length;
  return n === 0 ? NOT_STARTED : { status: plural(n, "referral", "referrals") };
}

/** Snapshots of the map: how many, and when the latest was taken. */
export function snapshotsStatus(bundle: MappingBundle, mappingId: string): TaskState {
  const all = ofMapping(bundle.map_snapshots, mappingId);
  if (all.length === 0) return NOT_STARTED;
  const latest = all.map((s) => s.taken_on).sort()[all.length - 1];
  return { status: `${plural(all.length, "snapshot", "snapshots")}, latest ${formatDate(latest)}` };
}

/** Closure: completed once the mapping is closed. */
export function closureStatus(mapping: Pick<Mapping, "status">): TaskState {
  return mapping.status === "closed" ? COMPLETED : NOT_STARTED;
}

/**
 * The next review: the first planned meeting from today on, else the review date the last
 * held meeting agreed; "" when neither is recorded.
 */
export function nextReview(bundle: MappingBundle, mappingId: string, today: string): string {
  const meetings = ofMapping(bundle.meetings, mappingId);
  const planned = meetings
    .filter((m) => m.status === "planned" && m.date >= today)
    .map((m) => m.date)
    .sort()[0];
  if (planned !== undefined) return planned;
  const held = meetings
    .filter((m) => m.status === "held")
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  return held[0]?.next_review_on ?? "";
}

const STRENGTH = ["", "weak", "medium", "strong"];

/** A link's strength (1 to 3) in words. */
export function strengthWords(strength: number): string {
  return STRENGTH[strength] ?? String(strength);
}

/** One link between two subjects on the mapping, in words. */
export interface LinkWords {
  readonly link: Link;
  readonly from: string;
  readonly to: string;
  /** "Kai Sample - associate - Tyler Invented: strong, harmful" */
  readonly sentence: string;
}

/**
 * The links between subjects on the mapping (both ends on it), in words, ordered by the names
 * at each end. Historic links say so.
 */
export function linksInWords(bundle: MappingBundle, mappingId: string): LinkWords[] {
  const names = new Map(subjectsOn(bundle, mappingId).map((o) => [o.subject.id, o.subject.label]));
  const out: LinkWords[] = [];
  for (const link of bundle.links ?? []) {
    const from = names.get(link.from_subject_id);
    const to = names.get(link.to_subject_id);
    if (from === undefined || to === undefined) continue;
    const how = [strengthWords(link.strength), label(link.valence).toLowerCase()];
    if (link.status === "historic") how.push("historic");
    out.push({
      link,
      from,
      to,
      sentence: `${from} - ${label(link.type).toLowerCase()} - ${to}: ${how.join(", ")}`,
    });
  }
  return out.sort(
    (a, b) =>
      a.from.localeCompare(b.from, "en-GB") ||
      a.to.localeCompare(b.to, "en-GB") ||
      a.link.id.localeCompare(b.link.id),
  );
}
