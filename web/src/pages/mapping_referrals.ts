// /mappings/:id/referrals: the referrals made for people on the mapping (to children's social
// care, a strategy meeting, drug and alcohol services...), a warning for each child judged at
// risk with no referral made, and the form to add one (one POST).
import type { App, PageContext } from "../app";
import {
  button,
  choices,
  checkedValues,
  dateInput,
  dateValue,
  fieldText,
  select,
  textarea,
  textInput,
  type FieldError,
} from "../components";
import { h } from "../dom";
import { heading, para, sectionHeading, table, tag, warningText } from "../display";
import { formatDate, label, todayIso } from "../format";
import { onSave } from "../forms";
import { atRiskWithoutReferral, subjectsOn } from "../mapping_tasks";
import type { Referral } from "../records";
import { flashBanner } from "../page";
import {
  agencyName,
  mappingBreadcrumbs,
  mappingHref,
  mayOffer,
  openMapping,
  subjectName,
  type LoadedMapping,
} from "./mapping_shared";

const TARGETS: readonly { value: Referral["target"]; text: string }[] = [
  { value: "childrens_social_care", text: "Children's social care" },
  { value: "strategy_meeting", text: "Strategy meeting" },
  { value: "early_help", text: "Early help" },
  { value: "drug_alcohol_service", text: "Drug and alcohol service" },
  { value: "intelligence_meeting", text: "Intelligence meeting" },
  { value: "mace", text: "MACE (missing and child exploitation) meeting" },
  { value: "youth_justice", text: "Youth justice" },
  { value: "national_referral_mechanism", text: "National Referral Mechanism (modern slavery)" },
  { value: "lado", text: "Local authority designated officer (LADO)" },
  { value: "health", text: "Health" },
  { value: "other", text: "Somewhere else" },
];

const STATUS_COLOUR = {
  planned: "grey",
  made: "blue",
  accepted: "green",
  declined: "red",
} as const;

function targetWords(r: Pick<Referral, "target" | "target_detail">): string {
  const t = TARGETS.find((x) => x.value === r.target)?.text ?? label(r.target);
  return r.target_detail === undefined || r.target_detail === "" ? t : `${t}: ${r.target_detail}`;
}

export function mappingReferralsPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, (m) => {
    app.setTitle("Referrals");
    const referrals = (m.bundle.referrals ?? [])
      .filter((r) => r.mapping_id === m.id)
      .sort(
        (a, b) =>
          (b.referred_on ?? "").localeCompare(a.referred_on ?? "") || a.id.localeCompare(b.id),
      );
    const column = h("div", {});
    column.append(flashBanner(app) ?? "", heading("Referrals", m.mapping.title));
    for (const id of atRiskWithoutReferral(m.bundle, m.id))
      column.append(
        warningText(
          `${subjectName(m.bundle, id) || "A child"} has a risk category but no referral has been made.`,
        ),
      );
    if (referrals.length === 0) column.append(para("No referrals are recorded yet."));
    else
      column.append(
        table(
          `Referrals (${String(referrals.length)})`,
          [
            { text: "Person" },
            { text: "Referred to" },
            { text: "Status" },
            { text: "Date" },
            { text: "By" },
            { text: "Outcome" },
          ],
          referrals.map((r) => [
            subjectName(m.bundle, r.subject_id),
            targetWords(r),
            tag(label(r.status), STATUS_COLOUR[r.status]),
            formatDate(r.referred_on),
            agencyName(m.agencies, r.referred_by_agency_id),
            r.outcome ?? "",
          ]),
          { captionSize: "m" },
        ),
      );
    if (mayOffer(app.role, "curate") && m.mapping.status !== "closed")
      column.append(addForm(app, m));
    ctx.main.replaceChildren(
      mappingBreadcrumbs(m),
      h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-full" }, column)),
    );
  });
}

function addForm(app: App, m: LoadedMapping): HTMLElement {
  const people = subjectsOn(m.bundle, m.id).filter(
    (o) =>
      o.subject.kind === "child" || o.subject.kind === "adult" || o.subject.kind === "parent_carer",
  );
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  form.append(
    select({
      id: "subject_id",
      label: "Who is the referral for?",
      choices: [
        { value: "", text: "Choose a person" },
        ...people.map((o) => ({
          value: o.subject.id,
          text: `${o.subject.label} (${label(o.subject.kind).toLowerCase()})`,
        })),
      ],
    }),
    select({
      id: "target",
      label: "Referred to",
      choices: [{ value: "", text: "Choose where" }, ...TARGETS],
    }),
    textInput({
      id: "target_detail",
      name: "target_detail",
      label: "Which service or team (optional)",
      autocomplete: "off",
    }),
    choices({
      id: "status",
      label: "Status",
      type: "radio",
      inline: true,
      choices: [
        { value: "planned", text: "Planned" },
        { value: "made", text: "Made" },
        { value: "accepted", text: "Accepted" },
        { value: "declined", text: "Declined" },
      ],
      values: ["made"],
    }),
    dateInput({
      id: "referred_on",
      label: "Date referred (optional for a planned referral)",
      value: todayIso(),
    }),
    select({
      id: "referred_by_agency_id",
      label: "Referred by",
      choices: [
        { value: "", text: "Choose an agency" },
        ...m.agencies
          .filter((a) => a.inactive !== true)
          .map((a) => ({ value: a.id, text: a.name })),
      ],
      value: app.session?.user.agency_id ?? "",
    }),
    textarea({ id: "outcome", label: "Outcome (optional)", rows: 3 }),
    button("Save referral"),
  );
  const container = h(
    "div",
    { class: "govuk-grid-row" },
    h("div", { class: "govuk-grid-column-two-thirds" }, sectionHeading("Add a referral"), form),
  );
  const column = container.firstElementChild as HTMLElement;
  onSave(
    form,
    column,
    {
      subject_id: "Person",
      target: "Referred to",
      target_detail: "Service or team",
      status: "Status",
      referred_on: "Date referred",
      referred_by_agency_id: "Referred by",
      outcome: "Outcome",
    },
    {
      check: () => {
        const errors: FieldError[] = [];
        if (fieldText(form, "subject_id") === "")
          errors.push({ id: "subject_id", message: "Choose who the referral is for" });
        if (fieldText(form, "target") === "")
          errors.push({ id: "target", message: "Choose where the referral is to" });
        const d = dateValue(form, "referred_on");
        if (d === null)
          errors.push({ id: "referred_on", message: "Date referred must be a real date" });
        else if (d !== "" && d > todayIso())
          errors.push({ id: "referred_on", message: "Date referred must be today or in the past" });
        return errors;
      },
      save: () => {
        const optional = (k: string, v: string) => (v.trim() === "" ? {} : { [k]: v.trim() });
        return app.records.create("referrals", {
          mapping_id: m.id,
          subject_id: fieldText(form, "subject_id"),
          target: fieldText(form, "target") as Referral["target"],
          status: (checkedValues(form, "status")[0] ?? "made") as Referral["status"],
          ...optional("target_detail", fieldText(form, "target_detail")),
          ...optional("referred_on", dateValue(form, "referred_on") ?? ""),
          ...optional("referred_by_agency_id", fieldText(form, "referred_by_agency_id")),
          ...optional("outcome", fieldText(form, "outcome")),
        });
      },
      done: () => {
        app.flash("Referral saved");
        app.router.navigate(mappingHref(m.id, "referrals"));
      },
    },
  );
  return container;
}
