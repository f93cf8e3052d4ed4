// The form for a subject's details, for a new subject (added to a mapping) and for a change:
// the fields that fit its kind (people: names, date of birth, gender, school, agency records;
// places: address, postcode, venue type; groups: group type), and the record built from what
// was typed. Input ids follow the JSON fields under a prefix: a new subject's go in the body as
// "subject" (the server blames "/subject/label": input "subject-label"), a change's at the top.
import type { FieldError } from "../components";
import {
  checkedValues,
  choices,
  dateInput,
  dateValue,
  fieldText,
  select,
  textarea,
  textInput,
} from "../components";
import { h } from "../dom";
import { label as words } from "../format";
import type { Agency, Area, Subject } from "../records";
import { PERSON_KINDS } from "./search";

/** A subject as sent: everything but the server's id and version. */
export type SubjectBody = Omit<Subject, "id" | "version">;

type AgencyRecord = NonNullable<Subject["agency_records"]>[number];

/** What was typed, read from the form (or given by a test). */
export interface SubjectFormValues {
  readonly label: string;
  readonly full_name: string;
  /** One alias a line. */
  readonly aliases: string;
  /** YYYY-MM-DD, "" when empty, null when the boxes are not a real date. */
  readonly dob: string | null;
  readonly dob_precision: string;
  readonly gender: string;
  readonly care_leaver: boolean;
  readonly school_id: string;
  readonly agency_records: readonly { agency_id: string; reference: string; status: string }[];
  readonly address: string;
  readonly postcode: string;
  readonly venue_type: string;
  readonly group_type: string;
  readonly area_id: string;
  readonly description: string;
}

const VENUE_TYPES: readonly NonNullable<Subject["venue_type"]>[] = [
  "home",
  "school",
  "park",
  "hotel",
  "takeaway",
  "trap_house",
  "transport_hub",
  "shop",
  "youth_club",
  "hostel",
  "residential_care",
  "leisure",
  "other",
];
const GROUP_TYPES: readonly NonNullable<Subject["group_type"]>[] = [
  "peer_group",
  "gang",
  "organised_crime_group",
  "drug_line",
  "other",
];
const GENDERS: readonly NonNullable<Subject["gender"]>[] = [
  "female",
  "male",
  "non_binary",
  "other",
  "unknown",
];

/** Whether subjects of `kind` are people (names, date of birth, agency records). */
export function isPerson(kind: Subject["kind"]): boolean {
  return PERSON_KINDS.includes(kind);
}

function clean(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/**
 * The subject typed into the form, or the problems that stop it being sent. Fields that do
 * not apply to `kind` are left out; blank fields are left out (so a change clears them).
 * `prefix` is put before each input id in the errors ("subject-").
 */
export function buildSubject(
  kind: Subject["kind"],
  v: SubjectFormValues,
  prefix: string,
): { subject: SubjectBody; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = { kind };
  const put = (field: string, value: string) => {
    const c = clean(value);
    if (c !== "") out[field] = c;
  };
  if (isPerson(kind)) {
    const fullName = clean(v.full_name);
    if (fullName === "")
      errors.push({ id: prefix + "full_name", message: "Enter their full name" });
    out["label"] = clean(v.label) === "" ? fullName : clean(v.label);
    put("full_name", v.full_name);
    const aliases = v.aliases
      .split("\n")
      .map(clean)
      .filter((a) => a !== "");
    if (aliases.length > 0) out["aliases"] = [...new Set(aliases)];
    const precision =
      v.dob_precision === "" ? (v.dob === "" ? "unknown" : "exact") : v.dob_precision;
    out["dob_precision"] = precision;
    if (v.dob === null) {
      errors.push({
        id: prefix + "dob",
        message: "Date of birth must be a real date, for example 27 3 2010",
      });
    } else if (precision === "unknown" && v.dob !== "") {
      errors.push({
        id: prefix + "dob_precision",
        message: "Choose whether the date of birth is exact or approximate, or clear the date",
      });
    } else if (precision !== "unknown" && v.dob === "") {
      errors.push({
        id: prefix + "dob",
        message: "Enter their date of birth, or choose that it is not known",
      });
    } else if (v.dob !== "") {
      out["dob"] = v.dob;
    }
    put("gender", v.gender);
    if (v.care_leaver && (kind === "child" || kind === "adult")) out["care_leaver"] = true;
    put("school_id", v.school_id);
    const records: AgencyRecord[] = [];
    v.agency_records.forEach((r, i) => {
      if (r.agency_id === "") {
        if (clean(r.reference) !== "")
          errors.push({
            id: `${prefix}agency_records-${String(i)}-agency_id`,
            message: "Choose the agency that holds this record",
          });
        return;
      }
      const status = (r.status === "" ? "open" : r.status) as AgencyRecord["status"];
      const ref = clean(r.reference);
      records.push(
        ref === ""
          ? { agency_id: r.agency_id, status }
          : { agency_id: r.agency_id, reference: ref, status },
      );
    });
    if (records.length > 0) out["agency_records"] = records;
  } else {
    out["dob_precision"] = "unknown";
    const name = clean(v.label);
    if (name === "")
      errors.push({
        id: prefix + "label",
        message: kind === "location" ? "Enter the name of the place" : "Enter a name",
      });
    else out["label"] = name;
  }
  if (kind === "location") {
    put("address", v.address);
    put("postcode", v.postcode.toUpperCase());
    put("venue_type", v.venue_type);
  }
  if (kind === "group") {
    if (v.group_type === "")
      errors.push({ id: prefix + "group_type", message: "Choose what kind of group it is" });
    else out["group_type"] = v.group_type;
  }
  put("area_id", v.area_id);
  const description = v.description.trim();
  if (description !== "") out["description"] = description;
  return { subject: out as unknown as SubjectBody, errors };
}

/** What the form needs besides the subject: agencies, areas and the schools to choose from. */
export interface SubjectFormLists {
  readonly agencies: readonly Agency[];
  readonly areas: readonly Area[];
  readonly schools: readonly Pick<Subject, "id" | "label">[];
}

function agencyRecordRow(
  prefix: string,
  i: number,
  lists: SubjectFormLists,
  r?: AgencyRecord,
): HTMLElement {
  const base = `${prefix}agency_records-${String(i)}`;
  const row = h(
    "fieldset",
    { class: "govuk-fieldset app-agency-record", "data-row": String(i) },
    h(
      "legend",
      { class: "govuk-fieldset__legend govuk-fieldset__legend--s" },
      `Agency record ${String(i + 1)}`,
    ),
    select({
      id: base + "-agency_id",
      label: "Agency",
      choices: [
        { value: "", text: "Choose an agency" },
        ...lists.agencies.map((a) => ({ value: a.id, text: a.name })),
      ],
      value: r?.agency_id ?? "",
    }),
    textInput({
      id: base + "-reference",
      name: base + "-reference",
      label: "Case or record number",
      autocomplete: "off",
      spellcheck: false,
      widthClass: "govuk-input--width-20",
      value: r?.reference ?? "",
    }),
    choices({
      id: base + "-status",
      label: "Is the case open?",
      type: "radio",
      inline: true,
      small: true,
      choices: [
        { value: "open", text: "Open" },
        { value: "closed", text: "Closed" },
        { value: "not_open", text: "Not known to them" },
      ],
      values: [r?.status ?? "open"],
    }),
  );
  return row;
}

/**
 * The fields for a subject of `kind`, filled from `subject` when changing one. Returns the
 * elements to put in a form.
 */
export function subjectFields(
  kind: Subject["kind"],
  prefix: string,
  lists: SubjectFormLists,
  subject?: Subject,
): HTMLElement[] {
  const out: HTMLElement[] = [];
  const areaChoice = select({
    id: prefix + "area_id",
    label: "Area",
    choices: [
      { value: "", text: "Not known" },
      ...lists.areas.map((a) => ({ value: a.id, text: a.name })),
    ],
    value: subject?.area_id ?? "",
  });
  if (isPerson(kind)) {
    out.push(
      textInput({
        id: prefix + "full_name",
        name: prefix + "full_name",
        label: "Full name",
        hint: "Their full legal name if known. Notes must use full names, never initials.",
        autocomplete: "off",
        spellcheck: false,
        value: subject?.full_name ?? "",
      }),
      textInput({
        id: prefix + "label",
        name: prefix + "label",
        label: "Name shown on the map (optional)",
        hint: "Leave blank to use their full name.",
        autocomplete: "off",
        spellcheck: false,
        value: subject !== undefined && subject.label !== subject.full_name ? subject.label : "",
      }),
      textarea({
        id: prefix + "aliases",
        label: "Other names or nicknames (optional)",
        hint: "One on each line. A search for any of them finds this person.",
        rows: 3,
        value: (subject?.aliases ?? []).join("\n"),
      }),
      dateInput({
        id: prefix + "dob",
        label: "Date of birth",
        hint: "For example, 27 3 2010. If you only know roughly, give your best guess and choose approximate.",
        value: subject?.dob ?? "",
      }),
      choices({
        id: prefix + "dob_precision",
        label: "How sure is the date of birth?",
        type: "radio",
        small: true,
        choices: [
          { value: "exact", text: "Exact" },
          { value: "approximate", text: "Approximate" },
          { value: "unknown", text: "Not known", hint: "Leave the date of birth empty." },
        ],
        values: [subject?.dob_precision ?? "exact"],
      }),
      choices({
        id: prefix + "gender",
        label: "Gender",
        type: "radio",
        small: true,
        choices: GENDERS.map((g) => ({ value: g, text: g === "unknown" ? "Not known" : words(g) })),
        values: subject?.gender === undefined ? [] : [subject.gender],
      }),
    );
    if (kind === "child" || kind === "adult")
      out.push(
        choices({
          id: prefix + "care_leaver",
          label: "Care leaver",
          type: "checkbox",
          small: true,
          choices: [{ value: "yes", text: "They are a care leaver" }],
          values: subject?.care_leaver === true ? ["yes"] : [],
        }),
      );
    if (kind === "child" || kind === "adult") {
      const schools = [...lists.schools];
      if (subject?.school_id !== undefined && !schools.some((s) => s.id === subject.school_id))
        schools.push({ id: subject.school_id, label: "The school on record" });
      out.push(
        select({
          id: prefix + "school_id",
          label: "School (optional)",
          hint: "A school not listed can be added to the mapping as a place first.",
          choices: [
            { value: "", text: "None or not known" },
            ...schools.map((s) => ({ value: s.id, text: s.label })),
          ],
          value: subject?.school_id ?? "",
        }),
      );
    }
    out.push(areaChoice);
    const records = h(
      "div",
      { class: "app-agency-records", id: prefix + "agency_records" },
      h("h2", { class: "govuk-heading-m" }, "Agency records"),
      h("p", { class: "govuk-body" }, "Which agencies know them, and their record numbers."),
    );
    const existing = subject?.agency_records ?? [];
    existing.forEach((r, i) => {
      records.append(agencyRecordRow(prefix, i, lists, r));
    });
    records.append(agencyRecordRow(prefix, existing.length, lists));
    const more = h(
      "button",
      { type: "button", class: "govuk-button govuk-button--secondary" },
      "Add another agency record",
    );
    more.addEventListener("click", () => {
      const n = records.querySelectorAll(".app-agency-record").length;
      const row = agencyRecordRow(prefix, n, lists);
      records.append(row);
      row.querySelector("select")?.focus();
    });
    out.push(records, h("div", {}, more));
  } else {
    out.push(
      textInput({
        id: prefix + "label",
        name: prefix + "label",
        label: kind === "location" ? "Name of the place" : "Name",
        ...(kind === "location"
          ? { hint: "For example, Port Fable station or Flat 3 Gullhaven Court." }
          : kind === "group"
            ? { hint: "For example, the name of the line or what the group calls itself." }
            : {}),
        autocomplete: "off",
        value: subject?.label ?? "",
      }),
    );
    if (kind === "location") {
      out.push(
        textarea({
          id: prefix + "address",
          label: "Address (optional)",
          rows: 3,
          value: subject?.address ?? "",
        }),
        textInput({
          id: prefix + "postcode",
          name: prefix + "postcode",
          label: "Postcode (optional)",
          autocomplete: "off",
          widthClass: "govuk-input--width-10",
          value: subject?.postcode ?? "",
        }),
        select({
          id: prefix + "venue_type",
          label: "Type of place",
          choices: [
            { value: "", text: "Not known" },
            ...VENUE_TYPES.map((t) => ({ value: t, text: words(t) })),
          ],
          value: subject?.venue_type ?? "",
        }),
      );
    }
    if (kind === "group") {
      out.push(
        choices({
          id: prefix + "group_type",
          label: "Type of group",
          type: "radio",
          small: true,
          choices: GROUP_TYPES.map((t) => ({ value: t, text: words(t) })),
          values: subject?.group_type === undefined ? [] : [subject.group_type],
        }),
      );
    }
    out.push(areaChoice);
  }
  out.push(
    textarea({
      id: prefix + "description",
      label: "Description (optional)",
      hint: isPerson(kind)
        ? "Who they are, in a sentence or two. Use full names."
        : "What it is and why it matters here.",
      rows: 3,
      value: subject?.description ?? "",
    }),
  );
  return out;
}

/** Reads the subject fields drawn by subjectFields from `form`. */
export function readSubjectForm(form: HTMLFormElement, prefix: string): SubjectFormValues {
  const rows: { agency_id: string; reference: string; status: string }[] = [];
  const count = form.querySelectorAll(".app-agency-record").length;
  for (let i = 0; i < count; i++) {
    const base = `${prefix}agency_records-${String(i)}`;
    rows.push({
      agency_id: fieldText(form, base + "-agency_id"),
      reference: fieldText(form, base + "-reference"),
      status: checkedValues(form, base + "-status")[0] ?? "",
    });
  }
  return {
    label: fieldText(form, prefix + "label"),
    full_name: fieldText(form, prefix + "full_name"),
    aliases: fieldText(form, prefix + "aliases"),
    dob:
      form.elements.namedItem(prefix + "dob-day") === null ? "" : dateValue(form, prefix + "dob"),
    dob_precision: checkedValues(form, prefix + "dob_precision")[0] ?? "",
    gender: checkedValues(form, prefix + "gender")[0] ?? "",
    care_leaver: checkedValues(form, prefix + "care_leaver").includes("yes"),
    school_id: fieldText(form, prefix + "school_id"),
    agency_records: rows,
    address: fieldText(form, prefix + "address"),
    postcode: fieldText(form, prefix + "postcode"),
    venue_type: fieldText(form, prefix + "venue_type"),
    group_type: checkedValues(form, prefix + "group_type")[0] ?? "",
    area_id: fieldText(form, prefix + "area_id"),
    description: fieldText(form, prefix + "description"),
  };
}

/** The words an error uses for each input ("Full name is required"). */
export function subjectFieldNames(prefix: string): Record<string, string> {
  const names: Record<string, string> = {
    label: "Name",
    full_name: "Full name",
    aliases: "Other names",
    dob: "Date of birth",
    dob_precision: "How sure the date of birth is",
    gender: "Gender",
    care_leaver: "Care leaver",
    school_id: "School",
    agency_records: "Agency records",
    address: "Address",
    postcode: "Postcode",
    venue_type: "Type of place",
    group_type: "Type of group",
    area_id: "Area",
    description: "Description",
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(names)) out[prefix + k] = v;
  return out;
}
