// A chronology of everything dated about one subject: information and sightings, links
// started and ended, factors, risk decisions, referrals, actions, key questions answered, and
// when they joined each mapping. Newest first (MoJ timeline pattern).
import { formatGrade, label } from "../format";
import type {
  Action,
  Factor,
  Information,
  KeyQuestion,
  Link,
  MappingSubject,
  Referral,
  RiskAssessment,
} from "../records";
import { linkSentence } from "./links";

export interface ChronologyEntry {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM when known. */
  readonly time?: string;
  readonly title: string;
  /** Who recorded it or said it ("Northwick Police"). */
  readonly by?: string;
  readonly text?: string;
  /** The mapping it was recorded in, when it belongs to one (factors, risk decisions). */
  readonly mapping?: string;
}

/** How a chronology names what it refers to. */
export interface Names {
  readonly subject: (id: string) => string;
  readonly agency: (id: string | undefined) => string;
  readonly mapping: (id: string) => string;
  /** A factor's code as words (from the mapping's protocol profile), or "" when unknown. */
  readonly factor?: (mappingId: string, code: string) => string;
  /** A risk category's code as words, or "" when unknown. */
  readonly category?: (mappingId: string, code: string) => string;
}

export interface SubjectRecords {
  readonly subjectId: string;
  readonly information: readonly Information[];
  readonly links: readonly Link[];
  readonly factors: readonly Factor[];
  readonly risks: readonly RiskAssessment[];
  readonly referrals: readonly Referral[];
  readonly actions: readonly Action[];
  readonly questions: readonly KeyQuestion[];
  readonly onMappings: readonly MappingSubject[];
}

const FACTOR_WORDS: Readonly<Record<Factor["category"], string>> = {
  vulnerability: "Vulnerability factor",
  risk: "Risk factor",
  strength: "Strength",
  concern: "Current concern",
};

const REFERRAL_WORDS: Readonly<Partial<Record<Referral["target"], string>>> = {
  childrens_social_care: "children's social care",
  national_referral_mechanism: "the National Referral Mechanism",
  lado: "the LADO",
  mace: "MACE",
  intelligence_meeting: "the intelligence meeting",
  strategy_meeting: "a strategy meeting",
  drug_alcohol_service: "drug and alcohol services",
  youth_justice: "youth justice",
  early_help: "early help",
  health: "health",
};

/** Every dated event about the subject, newest first (same day: latest time first). */
export function buildChronology(r: SubjectRecords, n: Names): ChronologyEntry[] {
  const out: ChronologyEntry[] = [];
  const push = (e: ChronologyEntry | null) => {
    if (e !== null && /^\d{4}-\d{2}-\d{2}$/.test(e.date)) out.push(e);
  };
  for (const i of r.information) {
    const by = [i.author, n.agency(i.source_agency_id)]
      .filter((x) => x !== undefined && x !== "")
      .join(", ");
    if (i.sighting !== undefined) {
      const s = i.sighting;
      const others = (s.present_subject_ids ?? [])
        .filter((id) => id !== r.subjectId)
        .map(n.subject);
      const place =
        s.location_subject_id !== undefined
          ? n.subject(s.location_subject_id)
          : (s.location_description ?? "");
      push({
        date: s.seen_on,
        ...(s.seen_time === undefined ? {} : { time: s.seen_time }),
        title: `Seen${place === "" ? "" : " at " + place}${others.length > 0 ? " with " + others.join(", ") : ""} (${formatGrade(i)})`,
        by: [s.seen_by, n.agency(s.seen_by_agency_id)]
          .filter((x) => x !== undefined && x !== "")
          .join(", "),
        text: i.text,
      });
    } else {
      push({
        date: i.captured_on,
        title: `Information (${formatGrade(i)}, ${i.evidence})`,
        by,
        text: i.text,
      });
    }
  }
  for (const l of r.links) {
    const sentence = linkSentence(n.subject(l.from_subject_id), l.type, n.subject(l.to_subject_id));
    if (l.started_on !== undefined)
      push({ date: l.started_on, title: "Link began", text: sentence });
    if (l.ended_on !== undefined) push({ date: l.ended_on, title: "Link ended", text: sentence });
  }
  for (const f of r.factors) {
    const what =
      (f.code !== undefined && f.code !== ""
        ? n.factor?.(f.mapping_id, f.code) || label(f.code)
        : "") || "";
    const text = [what, f.text].filter((x) => x !== undefined && x !== "").join(": ");
    if (f.recorded_on !== undefined)
      push({
        date: f.recorded_on,
        title: `${FACTOR_WORDS[f.category]} recorded`,
        text,
        mapping: n.mapping(f.mapping_id),
      });
    if (f.resolved_on !== undefined)
      push({
        date: f.resolved_on,
        title: `${FACTOR_WORDS[f.category]} no longer applies`,
        text,
        mapping: n.mapping(f.mapping_id),
      });
  }
  for (const a of r.risks) {
    const category = n.category?.(a.mapping_id, a.category) || a.category;
    push({
      date: a.assessed_on,
      title: `Risk category: ${category}`,
      text: a.rationale,
      mapping: n.mapping(a.mapping_id),
    });
  }
  for (const f of r.referrals) {
    if (f.referred_on === undefined) continue;
    const to =
      (REFERRAL_WORDS[f.target] ?? label(f.target).toLowerCase()) +
      (f.target_detail !== undefined && f.target_detail !== "" ? ` (${f.target_detail})` : "");
    push({
      date: f.referred_on,
      title: `Referral to ${to}: ${label(f.status).toLowerCase()}`,
      by: n.agency(f.referred_by_agency_id),
      ...(f.outcome === undefined ? {} : { text: f.outcome }),
    });
  }
  for (const a of r.actions) {
    const by = [a.owner, n.agency(a.owner_agency_id)].filter((x) => x !== "").join(", ");
    if (a.created_on !== undefined)
      push({ date: a.created_on, title: "Action agreed", text: a.description, by });
    if (a.completed_on !== undefined)
      push({
        date: a.completed_on,
        title: `Action ${a.status === "cancelled" ? "cancelled" : "completed"}`,
        text: a.description,
        by,
      });
  }
  for (const q of r.questions) {
    if (q.answered_on !== undefined)
      push({
        date: q.answered_on,
        title: "Key question answered",
        text: `${q.question} ${q.answer ?? ""}`.trim(),
      });
  }
  for (const m of r.onMappings) {
    if (m.added_on !== undefined)
      push({ date: m.added_on, title: `Added to the mapping ${n.mapping(m.mapping_id)}` });
    if (m.removed_on !== undefined)
      push({ date: m.removed_on, title: `Removed from the mapping ${n.mapping(m.mapping_id)}` });
  }
  const key = (e: ChronologyEntry) => e.date + " " + (e.time ?? "");
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (key(a.e) < key(b.e) ? 1 : key(a.e) > key(b.e) ? -1 : a.i - b.i))
    .map((x) => x.e);
}
