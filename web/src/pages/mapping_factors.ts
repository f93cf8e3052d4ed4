// /mappings/:id/factors: each child's vulnerability and risk factors (the protocol profile's
// checklists), strengths and current concerns, and the risk category decided for them, with
// its history. /mappings/:id/factors/:subjectId records them for one child: the checklists
// (a factor unticked is resolved, never deleted: history is kept), a strength or concern, and
// a risk category decision showing the profile's category definitions, with the rationale.
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
import {
  heading,
  insetText,
  link,
  para,
  sectionHeading,
  summaryCard,
  table,
  twoThirds,
} from "../display";
import { formatDate, label, todayIso } from "../format";
import { onSave, showErrors } from "../forms";
import { factorChanges } from "../mapping_record";
import { childrenOn } from "../mapping_tasks";
import type { Factor, ProtocolProfile, RiskAssessment, Subject } from "../records";
import { flashBanner } from "../page";
import { notFoundPage } from "./sign_out";
import {
  mappingBreadcrumbs,
  mappingHref,
  mayOffer,
  openMapping,
  userName,
  type LoadedMapping,
} from "./mapping_shared";

function isCurrent(f: Factor): boolean {
  return f.resolved_on === undefined || f.resolved_on === "";
}

function factorsOf(m: LoadedMapping, subjectId: string): Factor[] {
  return (m.bundle.factors ?? []).filter(
    (f) => f.mapping_id === m.id && f.subject_id === subjectId,
  );
}

/** The child's risk category decisions, newest first. */
function decisionsOf(m: LoadedMapping, subjectId: string): RiskAssessment[] {
  return (m.bundle.risk_assessments ?? [])
    .filter((r) => r.mapping_id === m.id && r.subject_id === subjectId)
    .sort((a, b) => b.assessed_on.localeCompare(a.assessed_on) || b.id.localeCompare(a.id));
}

function categoryLabel(profile: ProtocolProfile | undefined, code: string): string {
  return profile?.risk_categories?.find((c) => c.code === code)?.label ?? code;
}

/** A factor in words: the checklist's label for a code, else its own text. */
function factorWords(profile: ProtocolProfile | undefined, f: Factor): string {
  const list =
    f.category === "vulnerability"
      ? profile?.vulnerability_factors
      : f.category === "risk"
        ? profile?.risk_factors
        : undefined;
  const item = list?.find((i) => i.code === f.code)?.label;
  const words = item ?? f.text ?? f.code ?? "";
  return item !== undefined && f.text !== undefined && f.text !== ""
    ? `${words}: ${f.text}`
    : words;
}

function bullets(items: readonly string[]): HTMLElement | string {
  return items.length === 0
    ? ""
    : h("ul", { class: "govuk-list govuk-list--bullet" }, ...items.map((i) => h("li", {}, i)));
}

export function mappingFactorsPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, (m) => {
    const children = childrenOn(m.bundle, m.id);
    app.setTitle("Factors and risk");
    const column = h("div", {});
    column.append(
      flashBanner(app) ?? "",
      heading("Factors and risk", m.mapping.title),
      para(
        "For each child: what makes them vulnerable, what puts them at risk, their strengths and current concerns, and the risk category the mapping decided.",
      ),
    );
    if ((m.profile?.risk_categories ?? []).length === 0)
      column.append(
        insetText(
          `This mapping's protocol (${m.profile?.name ?? "not known"}) sets no risk categories, so no category is decided here.`,
        ),
      );
    if (children.length === 0)
      column.append(
        para(
          "No children are on this mapping yet. ",
          link("Add children on the subjects page", mappingHref(m.id, "subjects")),
          ".",
        ),
      );
    for (const child of children) {
      const current = factorsOf(m, child.id).filter(isCurrent);
      const words = (c: Factor["category"]) =>
        current.filter((f) => f.category === c).map((f) => factorWords(m.profile, f));
      const latest = decisionsOf(m, child.id)[0];
      const card = summaryCard(
        child.label,
        [
          { key: "Vulnerability factors", value: bullets(words("vulnerability")) },
          { key: "Risk factors", value: bullets(words("risk")) },
          { key: "Strengths", value: bullets(words("strength")) },
          { key: "Current concerns", value: bullets(words("concern")) },
          ...((m.profile?.risk_categories ?? []).length > 0
            ? [
                {
                  key: "Risk category",
                  value:
                    latest === undefined
                      ? ""
                      : `${categoryLabel(m.profile, latest.category)}, decided ${formatDate(latest.assessed_on)}`,
                },
              ]
            : []),
        ],
        "h2",
      );
      card
        .querySelector(".govuk-summary-card__title-wrapper")
        ?.append(
          h(
            "ul",
            { class: "govuk-summary-card__actions" },
            h(
              "li",
              { class: "govuk-summary-card__action" },
              link(
                mayOffer(app.role, "curate") ? "Record factors and risk" : "View history",
                mappingHref(m.id, "factors/" + encodeURIComponent(child.id)),
                "for " + child.label,
              ),
            ),
          ),
        );
      column.append(card);
    }
    ctx.main.replaceChildren(mappingBreadcrumbs(m), twoThirds(column));
  });
}

/** /mappings/:id/factors/:subjectId: record factors and a risk category for one child. */
export function childFactorsPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, (m) => {
    const child = childrenOn(m.bundle, m.id).find((c) => c.id === ctx.params["subjectId"]);
    if (child === undefined) {
      notFoundPage(app, ctx);
      return;
    }
    app.setTitle(`Factors and risk: ${child.label}`);
    const column = h("div", {});
    column.append(flashBanner(app) ?? "", heading(child.label, "Factors and risk"));
    if (mayOffer(app.role, "curate") && m.mapping.status !== "closed")
      column.append(factorsForm(app, m, child));
    column.append(riskSection(app, m, child));
    column.append(factorHistory(m, child));
    ctx.main.replaceChildren(
      mappingBreadcrumbs(m, { text: "Factors and risk", href: mappingHref(m.id, "factors") }),
      twoThirds(column),
    );
  });
}

function factorsForm(app: App, m: LoadedMapping, child: Subject): HTMLElement {
  const current = factorsOf(m, child.id).filter(isCurrent);
  const ticked = (c: Factor["category"]) =>
    current.filter((f) => f.category === c && f.code !== undefined).map((f) => f.code ?? "");
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  const vf = m.profile?.vulnerability_factors ?? [];
  const rf = m.profile?.risk_factors ?? [];
  if (vf.length > 0)
    form.append(
      choices({
        id: "vulnerability",
        label: "Vulnerability factors",
        hint: "Select all that apply. Unselecting one marks it resolved today.",
        type: "checkbox",
        small: true,
        choices: vf.map((i) => ({ value: i.code, text: i.label })),
        values: ticked("vulnerability"),
      }),
    );
  if (rf.length > 0)
    form.append(
      choices({
        id: "risk",
        label: "Risk factors",
        hint: "Select all that apply. Unselecting one marks it resolved today.",
        type: "checkbox",
        small: true,
        choices: rf.map((i) => ({ value: i.code, text: i.label })),
        values: ticked("risk"),
      }),
    );
  if (vf.length + rf.length === 0)
    form.append(
      insetText("This mapping's protocol has no factor checklists: add factors in your own words."),
    );
  form.append(
    choices({
      id: "factor-category",
      name: "factor_category",
      label: "Add a factor in your own words (optional)",
      type: "radio",
      small: true,
      inline: true,
      choices: [
        { value: "strength", text: "Strength" },
        { value: "concern", text: "Current concern" },
        { value: "vulnerability", text: "Vulnerability" },
        { value: "risk", text: "Risk" },
      ],
      values: ["strength"],
    }),
    textarea({
      id: "text",
      label: "Factor",
      hint: "For example, a protective friendship or a new worry. Use full names, never initials.",
      rows: 3,
    }),
    button("Save factors"),
  );
  const container = h("div", {}, sectionHeading("Factors"), form);
  const today = todayIso();
  let busy = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    const changes = [
      factorChanges(current, "vulnerability", checkedValues(form, "vulnerability")),
      factorChanges(current, "risk", checkedValues(form, "risk")),
    ];
    const vfChanges = changes[0];
    const rfChanges = changes[1];
    const text = fieldText(form, "text").trim();
    const category = (checkedValues(form, "factor_category")[0] ??
      "strength") as Factor["category"];
    type Step = { what: string; run: () => Promise<unknown> };
    const steps: Step[] = [];
    const add = (cat: Factor["category"], code: string, words: string) => {
      steps.push({
        what: words,
        run: () =>
          app.records.create("factors", {
            mapping_id: m.id,
            subject_id: child.id,
            category: cat,
            code,
            recorded_on: today,
          }),
      });
    };
    for (const code of vfChanges?.add ?? [])
      add("vulnerability", code, vf.find((i) => i.code === code)?.label ?? code);
    for (const code of rfChanges?.add ?? [])
      add("risk", code, rf.find((i) => i.code === code)?.label ?? code);
    for (const f of [...(vfChanges?.resolve ?? []), ...(rfChanges?.resolve ?? [])])
      steps.push({
        what: `${factorWords(m.profile, f)} (resolved)`,
        run: () =>
          app.records.update(
            "factors",
            f.id,
            { ...f, resolved_on: today },
            `"${String(f.version ?? 0)}"`,
          ),
      });
    if (text !== "")
      steps.push({
        what: text,
        run: () =>
          app.records.create("factors", {
            mapping_id: m.id,
            subject_id: child.id,
            category,
            text,
            recorded_on: today,
          }),
      });
    if (steps.length === 0) {
      showErrors(container, [
        {
          id: form.querySelector("input")?.id ?? "text",
          message: "Select or enter a factor to save",
        },
      ]);
      return;
    }
    busy = true;
    void (async () => {
      const done: string[] = [];
      for (const [i, step] of steps.entries()) {
        try {
          await step.run();
          done.push(step.what);
        } catch {
          const left = steps.slice(i).map((s) => s.what);
          const errors: FieldError[] = [
            {
              id: form.querySelector("input, textarea")?.id ?? "text",
              message:
                (done.length > 0 ? `Saved: ${done.join("; ")}. ` : "") +
                `Not saved: ${left.join("; ")}. Reload the page and try again.`,
            },
          ];
          showErrors(container, errors);
          busy = false;
          return;
        }
      }
      app.flash("Factors saved");
      app.router.navigate(mappingHref(m.id, "factors/" + encodeURIComponent(child.id)));
    })();
  });
  return container;
}

function riskSection(app: App, m: LoadedMapping, child: Subject): HTMLElement {
  const categories = [...(m.profile?.risk_categories ?? [])].sort((a, b) => a.rank - b.rank);
  const section = h("div", {}, sectionHeading("Risk category"));
  if (categories.length === 0) {
    section.append(
      para(`This mapping's protocol (${m.profile?.name ?? "not known"}) sets no risk categories.`),
    );
    return section;
  }
  const decisions = decisionsOf(m, child.id);
  const meetings = (m.bundle.meetings ?? []).filter((x) => x.mapping_id === m.id);
  if (decisions.length === 0) section.append(para("No risk category has been decided yet."));
  else
    section.append(
      table(
        "Risk category decisions, newest first",
        [{ text: "Decided" }, { text: "Category" }, { text: "Rationale" }, { text: "Decided by" }],
        decisions.map((d) => [
          formatDate(d.assessed_on),
          categoryLabel(m.profile, d.category),
          d.rationale,
          userName(m.users, d.decided_by_user_id),
        ]),
        { captionSize: "s" },
      ),
    );
  if (!mayOffer(app.role, "convene") || m.mapping.status === "closed") return section;

  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  form.append(
    choices({
      id: "category",
      name: "risk_category",
      label: "Which category is the risk now?",
      type: "radio",
      choices: categories.map((c) => ({
        value: c.code,
        text: c.label,
        ...(c.definition === undefined ? {} : { hint: c.definition }),
      })),
      ...(decisions[0] === undefined ? {} : { values: [decisions[0].category] }),
    }),
    textarea({
      id: "rationale",
      label: "Rationale",
      hint: "Why the mapping decided this category: what the partnership knows and how sure it is.",
      rows: 5,
    }),
    dateInput({ id: "assessed_on", label: "Date decided", value: todayIso() }),
    select({
      id: "meeting_id",
      label: "Decided at (optional)",
      choices: [
        { value: "", text: "Not at a meeting" },
        ...meetings.map((x) => ({
          value: x.id,
          text: `${label(x.kind)} meeting, ${formatDate(x.date)}`,
        })),
      ],
    }),
    button("Save risk category"),
  );
  const container = h("div", { id: "risk-decision" }, form);
  section.append(h("h3", { class: "govuk-heading-s" }, "Record a decision"), container);
  const me = app.session?.user.id;
  onSave(
    form,
    container,
    { category: "Risk category", rationale: "Rationale", assessed_on: "Date decided" },
    {
      check: () => {
        const errors: FieldError[] = [];
        if (checkedValues(form, "risk_category").length === 0)
          errors.push({ id: "category", message: "Select the risk category" });
        if (fieldText(form, "rationale").trim() === "")
          errors.push({ id: "rationale", message: "Enter the rationale for the decision" });
        const d = dateValue(form, "assessed_on");
        if (d === null || d === "")
          errors.push({ id: "assessed_on", message: "Enter the date decided as a real date" });
        else if (d > todayIso())
          errors.push({ id: "assessed_on", message: "Date decided must be today or in the past" });
        return errors;
      },
      save: () => {
        const meeting = fieldText(form, "meeting_id");
        return app.records.create("risk_assessments", {
          mapping_id: m.id,
          subject_id: child.id,
          category: checkedValues(form, "risk_category")[0] ?? "",
          rationale: fieldText(form, "rationale").trim(),
          assessed_on: dateValue(form, "assessed_on") ?? "",
          ...(meeting === "" ? {} : { meeting_id: meeting }),
          ...(me === undefined ? {} : { decided_by_user_id: me }),
        });
      },
      done: () => {
        app.flash("Risk category saved");
        app.router.navigate(mappingHref(m.id, "factors/" + encodeURIComponent(child.id)));
      },
    },
  );
  return section;
}

function factorHistory(m: LoadedMapping, child: Subject): HTMLElement {
  const all = factorsOf(m, child.id).sort(
    (a, b) => (b.recorded_on ?? "").localeCompare(a.recorded_on ?? "") || a.id.localeCompare(b.id),
  );
  const section = h("div", {}, sectionHeading("Factor history"));
  if (all.length === 0) {
    section.append(para("No factors are recorded for this child yet."));
    return section;
  }
  section.append(
    table(
      "Every factor recorded for this child in this mapping",
      [{ text: "Factor" }, { text: "Kind" }, { text: "Recorded" }, { text: "Resolved" }],
      all.map((f) => [
        factorWords(m.profile, f),
        label(f.category),
        formatDate(f.recorded_on),
        isCurrent(f) ? "Current" : formatDate(f.resolved_on),
      ]),
      { captionSize: "s", hiddenCaption: true },
    ),
  );
  return section;
}
