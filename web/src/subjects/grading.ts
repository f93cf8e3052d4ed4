// The 3x5x2 grading of information, in the partnership's words (DOMAIN.md): how reliable the
// source is (1-3), how the information is known (A-E), and whether it may be shared (P or C).
import type { Information } from "../records";
import { formatGrade } from "../format";

export interface GradeChoice<V extends string> {
  readonly value: V;
  readonly text: string;
  readonly hint: string;
}

/** Source evaluation: how reliable the source has proved. */
export const SOURCE_CHOICES: readonly GradeChoice<Information["source"]>[] = [
  {
    value: "1",
    text: "1 - Reliable",
    hint: "The source has been reliable before, or is a professional with direct knowledge.",
  },
  { value: "2", text: "2 - Untested", hint: "We do not yet know how reliable this source is." },
  {
    value: "3",
    text: "3 - Not reliable",
    hint: "The source has been wrong before, or there are reasons to doubt them.",
  },
];

/** Intelligence assessment: how the information is known. */
export const ASSESSMENT_CHOICES: readonly GradeChoice<Information["assessment"]>[] = [
  { value: "A", text: "A - Known directly", hint: "The source saw or heard it themselves." },
  {
    value: "B",
    text: "B - Known indirectly but corroborated",
    hint: "Passed on, and confirmed by something else.",
  },
  {
    value: "C",
    text: "C - Known indirectly",
    hint: "Passed on to the source by someone else, not confirmed.",
  },
  { value: "D", text: "D - Not known", hint: "Nobody can say how the source came to know it." },
  {
    value: "E",
    text: "E - Suspected to be false",
    hint: "There is reason to think it is untrue or malicious.",
  },
];

/** Handling code: whether it may be shared. */
export const HANDLING_CHOICES: readonly GradeChoice<Information["handling"]>[] = [
  {
    value: "P",
    text: "P - Lawful sharing permitted",
    hint: "Every agency in the mapping may see it.",
  },
  {
    value: "C",
    text: "C - Sharing with conditions",
    hint: "Only the agencies you name may see it, on the conditions you set. Others in the mapping will not know it exists.",
  },
];

function words<V extends string>(choices: readonly GradeChoice<V>[], v: string): string {
  const c = choices.find((x) => x.value === v);
  return c === undefined ? v : c.text.replace(/^\S+ - /, "");
}

/** The grade in words for a screen reader or a summary: "reliable source, known directly, ...". */
export function gradeWords(g: Pick<Information, "source" | "assessment" | "handling">): string {
  return [
    words(SOURCE_CHOICES, g.source).toLowerCase() + " source",
    words(ASSESSMENT_CHOICES, g.assessment).toLowerCase(),
    g.handling === "P" ? "may be shared" : "shared with conditions",
  ].join(", ");
}

/** How sure an item is: lower ranks first (1A is the best evidence, 3E the weakest). */
export function gradeRank(g: Pick<Information, "source" | "assessment">): number {
  return Number(g.source) * 10 + "ABCDE".indexOf(g.assessment);
}

/** The surest of `items` (the first of equals), or null when there are none. */
export function bestItem<T extends Pick<Information, "source" | "assessment">>(
  items: readonly T[],
): T | null {
  let best: T | null = null;
  for (const i of items) if (best === null || gradeRank(i) < gradeRank(best)) best = i;
  return best;
}

/** The grade of the surest of `items` ("1BP"), or "" when there are none. */
export function bestGrade(
  items: readonly Pick<Information, "source" | "assessment" | "handling">[],
): string {
  const best = bestItem(items);
  return best === null ? "" : formatGrade(best);
}
