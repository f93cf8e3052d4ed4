// Building an information item (graded 3x5x2) or a sighting from what was typed: pure, so the
// rules are unit-tested. The source agency is always the user's own (the server refuses a
// handling-code-C item in another agency's name).
import type { FieldError } from "../components";
import type { Information } from "../records";

export type InformationBody = Omit<Information, "id" | "version">;

export interface InformationFormValues {
  readonly text: string;
  readonly evidence: string;
  /** YYYY-MM-DD, "" empty, null not a real date. */
  readonly captured_on: string | null;
  readonly source: string;
  readonly assessment: string;
  readonly handling: string;
  readonly conditions: string;
  readonly share_with: readonly string[];
  readonly approval_required: boolean;
  /** Present for a sighting. */
  readonly sighting?: {
    readonly seen_on: string | null;
    readonly seen_time: string;
    readonly location_subject_id: string;
    readonly location_description: string;
    readonly present: readonly string[];
    readonly seen_by: string;
  };
}

/** Who is adding it and what it is about. */
export interface InformationContext {
  readonly mappingId: string;
  readonly subjectId?: string;
  readonly linkId?: string;
  readonly agencyId: string;
  readonly author: string;
  readonly authorUserId: string;
  readonly today: string;
}

/** The item to send, or the problems to show first. */
export function buildInformation(
  v: InformationFormValues,
  c: InformationContext,
): { body: InformationBody; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {
    mapping_id: c.mappingId,
    source_agency_id: c.agencyId,
    author: c.author,
    author_user_id: c.authorUserId,
    recorded_on: c.today,
  };
  if (c.subjectId !== undefined) out["subject_id"] = c.subjectId;
  else if (c.linkId !== undefined) out["link_id"] = c.linkId;
  const s = v.sighting;
  if (s !== undefined) {
    const sighting: Record<string, unknown> = {};
    if (s.seen_on === null)
      errors.push({
        id: "sighting-seen_on",
        message: "The date they were seen must be a real date",
      });
    else if (s.seen_on === "")
      errors.push({ id: "sighting-seen_on", message: "Enter the date they were seen" });
    else if (s.seen_on > c.today)
      errors.push({
        id: "sighting-seen_on",
        message: "The date they were seen must be today or in the past",
      });
    else sighting["seen_on"] = s.seen_on;
    const time = s.seen_time.trim().replace(".", ":");
    if (time !== "") {
      const m = /^(\d{1,2}):(\d{2})$/.exec(time);
      if (m === null || Number(m[1]) > 23 || Number(m[2]) > 59)
        errors.push({
          id: "sighting-seen_time",
          message: "Enter the time as hours and minutes on a 24-hour clock, for example 18:30",
        });
      else sighting["seen_time"] = `${(m[1] ?? "").padStart(2, "0")}:${m[2] ?? ""}`;
    }
    if (s.location_subject_id !== "") sighting["location_subject_id"] = s.location_subject_id;
    if (s.location_description.trim() !== "")
      sighting["location_description"] = s.location_description.trim();
    if (s.present.length === 0)
      errors.push({ id: "sighting-present_subject_ids", message: "Choose who was there" });
    sighting["present_subject_ids"] = [...new Set(s.present)];
    if (s.seen_by.trim() !== "") sighting["seen_by"] = s.seen_by.trim();
    sighting["seen_by_agency_id"] = c.agencyId;
    out["sighting"] = sighting;
  }
  const text = v.text.trim();
  if (text === "")
    errors.push({
      id: "text",
      message: s === undefined ? "Enter the information" : "Enter what was seen",
    });
  else out["text"] = text;
  if (v.evidence === "")
    errors.push({ id: "evidence", message: "Choose whether it is evidenced or anecdotal" });
  else out["evidence"] = v.evidence;
  // A sighting's date is when it became known unless another date is given.
  const captured =
    v.captured_on === "" && s !== undefined && s.seen_on !== null ? s.seen_on : v.captured_on;
  if (captured === null)
    errors.push({ id: "captured_on", message: "The date it became known must be a real date" });
  else if (captured === "")
    errors.push({ id: "captured_on", message: "Enter the date your agency learned this" });
  else if (captured > c.today)
    errors.push({
      id: "captured_on",
      message: "The date it became known must be today or in the past",
    });
  else out["captured_on"] = captured;
  if (v.source === "") errors.push({ id: "source", message: "Choose how reliable the source is" });
  else out["source"] = v.source;
  if (v.assessment === "")
    errors.push({ id: "assessment", message: "Choose how the information is known" });
  else out["assessment"] = v.assessment;
  if (v.handling === "")
    errors.push({ id: "handling", message: "Choose whether it may be shared" });
  else out["handling"] = v.handling;
  if (v.handling === "C") {
    const conditions = v.conditions.trim();
    if (conditions === "")
      errors.push({
        id: "handling_conditions-text",
        message: "Enter the conditions for sharing it",
      });
    out["handling_conditions"] = {
      text: conditions,
      share_with_agency_ids: [...new Set(v.share_with)].filter((a) => a !== c.agencyId),
      originator_approval_required: v.approval_required,
    };
  }
  return { body: out as unknown as InformationBody, errors };
}
