// The grade as it is shown everywhere: "1BP" in bold, with its meaning for screen readers and
// on hover, and evidenced or anecdotal beside it.
import { h } from "../dom";
import { formatGrade } from "../format";
import type { Information } from "../records";
import { gradeWords } from "./grading";

/** "1BP", its meaning in words available to everyone (a title and visually hidden text). */
export function gradeTag(g: Pick<Information, "source" | "assessment" | "handling">): HTMLElement {
  const words = gradeWords(g);
  return h(
    "span",
    { class: "app-grade", title: words },
    h("span", { "aria-hidden": "true" }, formatGrade(g)),
    h("span", { class: "govuk-visually-hidden" }, `Grade ${formatGrade(g)}: ${words}`),
  );
}
