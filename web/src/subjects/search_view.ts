// The search form and its results, shared by "Find a person" and by adding a subject to a
// mapping (which starts with a search, so one person is never entered twice).
import type { App } from "../app";
import {
  button,
  choices,
  checkedValues,
  dateInput,
  dateValue,
  fieldValue,
  textInput,
  type FieldError,
} from "../components";
import { h } from "../dom";
import { link, tag } from "../display";
import { formatDate, label, todayIso } from "../format";
import { onSave } from "../forms";
import type { Area, Subject } from "../records";
import {
  ageText,
  searchSubjects,
  type SearchAnswer,
  type SearchHit,
  type SubjectKind,
} from "./search";

/** The kinds a user may narrow a search to ("" is anyone or anything). */
export interface KindChoice {
  readonly value: string;
  readonly text: string;
  readonly kinds: readonly SubjectKind[];
}

export const FIND_KINDS: readonly KindChoice[] = [
  { value: "", text: "Anyone or anything", kinds: [] },
  { value: "child", text: "Children", kinds: ["child"] },
  { value: "adult", text: "Adults", kinds: ["adult", "parent_carer"] },
  { value: "professional", text: "Professionals", kinds: ["professional"] },
  { value: "location", text: "Places", kinds: ["location"] },
  { value: "group", text: "Groups", kinds: ["group"] },
];

/** Words for a subject's kind, as a label in results. */
export function kindWords(kind: SubjectKind): string {
  const w: Partial<Record<SubjectKind, string>> = {
    parent_carer: "Parent or carer",
    location: "Place",
  };
  return w[kind] ?? label(kind);
}

/** "26 May 2010 (15)", "About 1 June 2002 (about 24)", or "" when not known. */
export function birthText(
  subject: Pick<Subject, "dob" | "dob_precision">,
  today = todayIso(),
): string {
  if (subject.dob_precision === "unknown" || subject.dob === undefined) return "";
  const age = ageText(subject, today);
  if (subject.dob_precision === "approximate")
    return `Around ${formatDate(subject.dob)}${age === "" ? "" : ` (${age.toLowerCase()})`}`;
  return `${formatDate(subject.dob)}${age === "" ? "" : ` (${age})`}`;
}

export interface SearchFormOptions {
  /** The kinds to search; when given, the kind question is not asked. */
  readonly kinds?: readonly SubjectKind[];
  /** Whether the date of birth is asked (people). */
  readonly askDob: boolean;
  readonly textLabel: string;
  readonly textHint: string;
  readonly reason: string;
  /** Draws the answer (called after every search). */
  readonly show: (answer: SearchAnswer) => void;
}

/** The search form; `container` is where its error summary goes. */
export function searchForm(
  app: App,
  container: HTMLElement,
  o: SearchFormOptions,
): HTMLFormElement {
  const form = h("form", {
    novalidate: true,
    method: "post",
    role: "search",
    "aria-label": "Search",
  }) as HTMLFormElement;
  form.append(
    textInput({
      id: "q",
      name: "q",
      label: o.textLabel,
      hint: o.textHint,
      autocomplete: "off",
      spellcheck: false,
      widthClass: "govuk-!-width-two-thirds",
    }),
  );
  if (o.askDob)
    form.append(
      dateInput({ id: "dob", label: "Date of birth (optional)", hint: "For example, 27 3 2010" }),
    );
  if (o.kinds === undefined)
    form.append(
      choices({
        id: "kind",
        label: "Looking for",
        type: "radio",
        small: true,
        choices: FIND_KINDS.map((k) => ({ value: k.value, text: k.text })),
        values: [""],
        inline: true,
      }),
    );
  form.append(button("Search"));
  let dob = "";
  onSave(
    form,
    container,
    { q: "Name", dob: "Date of birth", kind: "What you are looking for" },
    {
      fallbackId: "q",
      check: () => {
        const errors: FieldError[] = [];
        const q = fieldValue(form, "q").trim();
        const d = o.askDob ? dateValue(form, "dob") : "";
        if (d === null)
          errors.push({
            id: "dob",
            message: "Date of birth must be a real date, for example 27 3 2010",
          });
        else dob = d;
        if (q === "" && d === "")
          errors.push({
            id: "q",
            message: o.askDob
              ? "Enter a name, other name or postcode, or a date of birth"
              : "Enter a name or postcode",
          });
        if (new TextEncoder().encode(q).length > 200)
          errors.push({ id: "q", message: "What you search for must be 200 characters or fewer" });
        return errors;
      },
      save: () => {
        const chosen = checkedValues(form, "kind")[0] ?? "";
        const kinds = o.kinds ?? FIND_KINDS.find((k) => k.value === chosen)?.kinds ?? [];
        return searchSubjects(app.api, { q: fieldValue(form, "q"), dob, kinds }, o.reason);
      },
      done: (answer) => {
        container.querySelector(".govuk-error-summary")?.remove();
        for (const el of Array.from(container.querySelectorAll(".app-field-error"))) el.remove();
        for (const el of Array.from(container.querySelectorAll(".govuk-form-group--error")))
          el.classList.remove("govuk-form-group--error");
        o.show(answer);
      },
    },
  );
  return form;
}

/** One result: the subject's name (a link to its page), what it is, and where it appears. */
export function resultItem(
  hit: SearchHit,
  areas: readonly Area[],
  action: HTMLElement | null,
  subjectHref: string,
): HTMLElement {
  const s = hit.subject;
  const facts: string[] = [kindWords(s.kind)];
  const born = birthText(s);
  if (born !== "") facts.push("Born " + born);
  const area = areas.find((a) => a.id === s.area_id)?.name;
  if (area !== undefined) facts.push(area);
  if (s.postcode !== undefined && s.postcode !== "") facts.push(s.postcode);
  const meta = h("dl", { class: "app-result__facts govuk-body-s" });
  const fact = (k: string, ...v: (Node | string)[]) => {
    meta.append(h("div", {}, h("dt", {}, k + ": "), h("dd", {}, ...v)));
  };
  if (s.full_name !== undefined && s.full_name !== s.label) fact("Full name", s.full_name);
  if ((s.aliases ?? []).length > 0) fact("Also known as", (s.aliases ?? []).join(", "));
  const maps = h("ul", { class: "govuk-list app-result__mappings" });
  for (const m of hit.mappings)
    maps.append(
      h(
        "li",
        {},
        link(m.title, `/mappings/${encodeURIComponent(m.id)}`),
        " ",
        tag(label(m.status), m.status === "closed" ? "grey" : "blue"),
      ),
    );
  return h(
    "li",
    { class: "app-result" },
    h("h3", { class: "govuk-heading-s app-result__name" }, link(s.label, subjectHref)),
    h("p", { class: "govuk-body-s app-result__kind" }, facts.join(" · ")),
    meta.childElementCount > 0 ? meta : null,
    hit.mappings.length > 0
      ? h(
          "div",
          { class: "govuk-body-s" },
          h("span", { class: "app-result__label" }, "On mappings:"),
          maps,
        )
      : h(
          "p",
          { class: "govuk-body-s app-result__label" },
          "Not on any mapping you are a member of",
        ),
    action,
  );
}

/** The heading over results: how many were found (and that more matched, if so). */
export function resultsHeading(answer: SearchAnswer): HTMLElement {
  const n = answer.results.length;
  const text =
    n === 0
      ? "No matches found"
      : `${String(n)} ${n === 1 ? "match" : "matches"}${answer.more ? " shown (more matched: narrow your search)" : ""}`;
  return h("h2", { class: "govuk-heading-m", id: "results-heading", tabindex: "-1" }, text);
}
