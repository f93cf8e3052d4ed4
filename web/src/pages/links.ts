// A mapping's links in words, and adding one. The map itself comes in a later issue; until
// then this page is how a chair reads who is linked to whom, and how sure the partnership is.
import type { App, PageContext } from "../app";
import {
  button,
  checkedValues,
  choices,
  dateInput,
  dateValue,
  fieldText,
  select,
  textarea,
  type FieldError,
} from "../components";
import { h } from "../dom";
import { backLink, buttonLink, heading, link, para, table, tag, twoThirds } from "../display";
import { onSave } from "../forms";
import { flashBanner, loadPage, withReason } from "../page";
import type { Link } from "../records";
import { gradeTag } from "../subjects/grade_view";
import {
  LINK_WORDS,
  linkDates,
  linkEvidence,
  linkSentenceParts,
  STRENGTH_WORDS,
  VALENCE,
} from "../subjects/links";
import { mappingScope } from "./mapping_shared";
import { bundleMapping, mayMap } from "./mapping_subjects";

/** /mappings/:id/links */
export function mappingLinksPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  withReason(app, ctx, mappingScope(id), "this mapping", (reason) => {
    void loadPage(app, ctx, async () => {
      const bundle = await app.records.mapping(id, reason);
      if (!ctx.isCurrent()) return;
      const mapping = bundleMapping(bundle, id);
      app.setTitle("Links - " + mapping.title);
      const names = new Map((bundle.subjects ?? []).map((s) => [s.id, s.label]));
      const info = bundle.information ?? [];
      const name = (sid: string) =>
        link(
          names.get(sid) ?? "Someone not on this mapping",
          `/subjects/${encodeURIComponent(sid)}?mapping=${encodeURIComponent(id)}`,
        );
      const links = [...(bundle.links ?? [])].sort(
        (a, b) =>
          Number(a.status === "historic") - Number(b.status === "historic") ||
          (names.get(a.from_subject_id) ?? "").localeCompare(
            names.get(b.from_subject_id) ?? "",
            "en-GB",
          ),
      );
      const rows = links.map((l) => {
        const { verb, after } = linkSentenceParts(l.type);
        const ev = linkEvidence(l, info);
        const v = VALENCE[l.valence];
        return [
          h(
            "span",
            {},
            name(l.from_subject_id),
            verb,
            name(l.to_subject_id),
            after,
            l.notes === undefined || l.notes === ""
              ? null
              : h("span", { class: "govuk-body-s app-link-notes" }, l.notes),
            h(
              "span",
              { class: "govuk-body-s app-link-action" },
              link(
                "Add information",
                `/information/new?mapping=${encodeURIComponent(id)}&link=${encodeURIComponent(l.id)}`,
                "about this link",
              ),
            ),
          ),
          `${STRENGTH_WORDS[l.strength] ?? String(l.strength)}${l.directed === true ? ", one way" : ""}`,
          tag(v.text, v.colour),
          linkDates(l),
          ev.best === null
            ? h("span", { class: "app-not-recorded" }, "None recorded")
            : h(
                "span",
                {},
                gradeTag(ev.best),
                h(
                  "span",
                  { class: "govuk-body-s app-grade-count" },
                  ` (${String(ev.count)} ${ev.count === 1 ? "item" : "items"})`,
                ),
              ),
        ];
      });
      ctx.main.replaceChildren(
        ...[
          backLink(`/mappings/${encodeURIComponent(id)}`, "Back to the mapping"),
          flashBanner(app),
          heading("Links", mapping.title),
          para(
            "Who and what is linked in this mapping, and how sure the partnership is. Grades are 3x5x2: source, how it is known, and handling.",
          ),
          mayMap(app)
            ? buttonLink("Add a link", `/mappings/${encodeURIComponent(id)}/links/new`)
            : null,
          links.length === 0
            ? para("No links recorded yet.")
            : table(
                "Links in this mapping",
                [
                  { text: "Link" },
                  { text: "Strength" },
                  { text: "Protective or harmful" },
                  { text: "Status" },
                  { text: "Best evidence" },
                ],
                rows,
                { hiddenCaption: true },
              ),
        ].filter((c): c is HTMLElement => c !== null),
      );
    });
  });
}

const LINK_NAMES: Readonly<Record<string, string>> = {
  from_subject_id: "Who or what the link is from",
  to_subject_id: "Who or what the link is to",
  type: "Type of link",
  valence: "Protective or harmful",
  strength: "Strength",
  directed: "Direction",
  status: "Current or historic",
  started_on: "Start date",
  ended_on: "End date",
  notes: "Notes",
};

/** The values typed in the add-a-link form. */
export interface LinkFormValues {
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly valence: string;
  readonly strength: string;
  readonly directed: boolean;
  readonly status: string;
  readonly started_on: string | null;
  readonly ended_on: string | null;
  readonly notes: string;
}

/** The link to send, or the problems to show first. `mappingId` is where it is recorded. */
export function buildLink(
  v: LinkFormValues,
  mappingId: string,
): { link: Omit<Link, "id" | "version">; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (v.from === "")
    errors.push({ id: "from_subject_id", message: "Choose who or what the link is from" });
  if (v.to === "")
    errors.push({ id: "to_subject_id", message: "Choose who or what the link is to" });
  if (v.from !== "" && v.from === v.to)
    errors.push({
      id: "to_subject_id",
      message: "Choose someone or something else: a link joins two different subjects",
    });
  if (v.type === "") errors.push({ id: "type", message: "Choose the type of link" });
  if (v.strength === "") errors.push({ id: "strength", message: "Choose how strong the link is" });
  if (v.started_on === null)
    errors.push({ id: "started_on", message: "Start date must be a real date" });
  if (v.ended_on === null) errors.push({ id: "ended_on", message: "End date must be a real date" });
  const status = v.status === "historic" ? "historic" : "current";
  if (status === "current" && v.ended_on !== null && v.ended_on !== "")
    errors.push({
      id: "ended_on",
      message: "A current link has no end date: clear it, or choose historic",
    });
  const out: Record<string, unknown> = {
    from_subject_id: v.from,
    to_subject_id: v.to,
    type: v.type,
    valence: v.valence === "" ? "unknown" : v.valence,
    strength: Number(v.strength === "" ? "1" : v.strength),
    directed: v.directed,
    status,
    origin_mapping_id: mappingId,
  };
  if (v.started_on !== null && v.started_on !== "") out["started_on"] = v.started_on;
  if (v.ended_on !== null && v.ended_on !== "") out["ended_on"] = v.ended_on;
  if (v.notes.trim() !== "") out["notes"] = v.notes.trim();
  return { link: out as unknown as Omit<Link, "id" | "version">, errors };
}

/** /mappings/:id/links/new */
export function addLinkPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  withReason(app, ctx, mappingScope(id), "this mapping", (reason) => {
    void loadPage(app, ctx, async () => {
      const bundle = await app.records.mapping(id, reason);
      if (!ctx.isCurrent()) return;
      const mapping = bundleMapping(bundle, id);
      app.setTitle("Add a link - " + mapping.title);
      const onMap = new Set(
        (bundle.mapping_subjects ?? [])
          .filter((m) => m.removed_on === undefined)
          .map((m) => m.subject_id),
      );
      const subjects = (bundle.subjects ?? [])
        .filter((s) => onMap.has(s.id))
        .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
      const who = [
        { value: "", text: "Choose" },
        ...subjects.map((s) => ({ value: s.id, text: s.label })),
      ];
      const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
      form.append(
        select({ id: "from_subject_id", label: "From", choices: who }),
        select({
          id: "type",
          label: "Type of link",
          hint: "Read it as a sentence: [from] [type] [to], for example Kai Sample was recruited by Tyler Invented.",
          choices: [
            { value: "", text: "Choose" },
            ...Object.entries(LINK_WORDS).map(([value, w]) => ({ value, text: w.choice })),
          ],
        }),
        select({ id: "to_subject_id", label: "To", choices: who }),
        choices({
          id: "valence",
          label: "Is the link protective or harmful?",
          type: "radio",
          small: true,
          choices: [
            {
              value: "protective",
              text: "Protective",
              hint: "A good influence, or keeps them safer.",
            },
            { value: "harmful", text: "Harmful", hint: "Puts them at risk, or exploits them." },
            { value: "neutral", text: "Neutral" },
            { value: "unknown", text: "Not known" },
          ],
          values: ["unknown"],
        }),
        choices({
          id: "strength",
          label: "How strong is the link?",
          type: "radio",
          small: true,
          inline: true,
          choices: [
            { value: "1", text: "Weak" },
            { value: "2", text: "Medium" },
            { value: "3", text: "Strong" },
          ],
        }),
        choices({
          id: "directed",
          label: "Direction",
          type: "checkbox",
          small: true,
          choices: [
            {
              value: "yes",
              text: "It goes one way, from the first to the second",
              hint: "For example influence, control, or leader to follower.",
            },
          ],
        }),
        choices({
          id: "status",
          label: "Is the link current or historic?",
          type: "radio",
          small: true,
          inline: true,
          choices: [
            { value: "current", text: "Current" },
            { value: "historic", text: "Historic" },
          ],
          values: ["current"],
        }),
        dateInput({ id: "started_on", label: "Start date (optional)" }),
        dateInput({ id: "ended_on", label: "End date (historic links only, optional)" }),
        textarea({
          id: "notes",
          label: "Notes (optional)",
          hint: "What the link is. Use full names. Notes stay with this mapping.",
          rows: 3,
        }),
        button("Add the link"),
      );
      const column = h(
        "div",
        {},
        backLink(`/mappings/${encodeURIComponent(id)}/links`),
        heading("Add a link", mapping.title),
        form,
      );
      ctx.main.replaceChildren(twoThirds(column));
      const values = (): LinkFormValues => ({
        from: fieldText(form, "from_subject_id"),
        to: fieldText(form, "to_subject_id"),
        type: fieldText(form, "type"),
        valence: checkedValues(form, "valence")[0] ?? "",
        strength: checkedValues(form, "strength")[0] ?? "",
        directed: checkedValues(form, "directed").includes("yes"),
        status: checkedValues(form, "status")[0] ?? "",
        started_on: dateValue(form, "started_on"),
        ended_on: dateValue(form, "ended_on"),
        notes: fieldText(form, "notes"),
      });
      onSave(form, column, LINK_NAMES, {
        check: () => buildLink(values(), id).errors,
        save: () => app.records.create("links", buildLink(values(), id).link),
        done: () => {
          app.flash("Link added");
          app.router.navigate(`/mappings/${encodeURIComponent(id)}/links`);
        },
      });
    });
  });
}
