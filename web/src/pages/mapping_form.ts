// The mapping's fields as a form, shared by "Start a new mapping" and the mapping's details
// page: kind, trigger (from the protocol profile's triggers) and date, a title naming the key
// context risk, purpose and scope, objectives one per line, chair and co-chair, areas, level
// and parent mapping. Input ids are the record's JSON fields, so the server's errors land on
// the right input (src/forms.ts).
import {
  checkedValues,
  choices,
  dateInput,
  dateValue,
  fieldText,
  select,
  textarea,
  textInput,
  type Choice,
} from "../components";
import { sectionHeading } from "../display";
import { label } from "../format";
import { MAPPING_STATUSES } from "../mapping_filter";
import type { MappingValues } from "../mapping_record";
import type { Agency, Area, Mapping, ProtocolProfile, User } from "../records";
import { kindChoices } from "./mappings";

/** The words for each input in an error ("Title" + " is required"). */
export const MAPPING_FIELD_NAMES: Readonly<Record<string, string>> = {
  title: "Title",
  kind: "Kind",
  trigger: "Trigger",
  trigger_date: "Trigger date",
  trigger_detail: "Purpose and scope",
  objectives: "Objectives",
  chair_user_id: "Chair",
  co_chair_user_id: "Co-chair",
  area_ids: "Areas",
  level: "Level",
  parent_mapping_id: "Parent mapping",
  status: "Status",
  profile_id: "Protocol",
};

const ALL_TRIGGERS: readonly Mapping["trigger"][] = [
  "strategy_discussion",
  "section_47",
  "exploitation_panel",
  "single_assessment",
  "mace_referral",
  "significant_incident",
  "other",
];

/** The triggers the profile names (with its words), or every trigger when it names none. */
export function triggerChoices(profile: ProtocolProfile | undefined, current?: string): Choice[] {
  const listed: Choice[] = (profile?.triggers ?? []).map((t) => ({
    value: t.trigger,
    text: t.label,
  }));
  const out: Choice[] =
    listed.length > 0 ? listed : ALL_TRIGGERS.map((t) => ({ value: t, text: label(t) }));
  // A stored trigger the profile no longer lists is still shown, so saving keeps it.
  if (current !== undefined && current !== "" && !out.some((c) => c.value === current))
    out.push({ value: current, text: label(current) });
  return out;
}

function personChoice(u: User, agencies: readonly Agency[]): Choice {
  const agency = agencies.find((a) => a.id === u.agency_id)?.name ?? "";
  return { value: u.id, text: agency === "" ? u.full_name : `${u.full_name} (${agency})` };
}

/** Everything the form draws from. */
export interface MappingFormData {
  readonly profile: ProtocolProfile | undefined;
  readonly users: readonly User[];
  readonly agencies: readonly Agency[];
  readonly areas: readonly Area[];
  /** Mappings that may be the parent (the user's own, less this one). */
  readonly parents: readonly Mapping[];
  /** The values to show: the stored mapping, or the defaults of a new one. */
  readonly values: Partial<Mapping>;
  /** The details page also changes the status (closure has its own page). */
  readonly withStatus: boolean;
}

/** The form's fields, in sections. */
export function mappingFields(d: MappingFormData): HTMLElement[] {
  const v = d.values;
  const active = d.users.filter((u) => u.disabled !== true);
  const chairs = active.filter((u) => u.role === "chair" || u.id === v.chair_user_id);
  const coChairs = active.filter(
    (u) =>
      u.role === "chair" ||
      u.role === "analyst" ||
      u.role === "practitioner" ||
      u.id === v.co_chair_user_id,
  );
  const fields: HTMLElement[] = [sectionHeading("About the mapping")];
  if (d.withStatus) {
    fields.push(
      choices({
        id: "status",
        label: "Status",
        type: "radio",
        inline: true,
        choices: MAPPING_STATUSES.filter((s) => s !== "closed" || v.status === "closed").map(
          (s) => ({ value: s, text: label(s) }),
        ),
        values: v.status === undefined ? [] : [v.status],
        hint: "To close the mapping, use the closure page: it records the closure summary.",
      }),
    );
  }
  fields.push(
    choices({
      id: "kind",
      label: "What kind of mapping is it?",
      type: "radio",
      choices: kindChoices(true),
      values: v.kind === undefined ? [] : [v.kind],
    }),
    choices({
      id: "trigger",
      label: "What started it?",
      type: "radio",
      choices: triggerChoices(d.profile, v.trigger),
      values: v.trigger === undefined ? [] : [v.trigger],
      hint: "The triggers the protocol names.",
    }),
    dateInput({
      id: "trigger_date",
      label: "Trigger date",
      hint: "The date of the strategy discussion, referral or incident. For example, 27 3 2026",
      ...(v.trigger_date === undefined ? {} : { value: v.trigger_date }),
    }),
    textInput({
      id: "title",
      name: "title",
      label: "Title",
      hint: "Name the key context risk, for example “Network - county line to the coast”. Use full names, never initials.",
      autocomplete: "off",
      value: v.title ?? "",
    }),
    textarea({
      id: "trigger_detail",
      label: "Purpose and scope",
      hint: "Why the mapping is needed and what it covers.",
      value: v.trigger_detail ?? "",
      rows: 4,
    }),
    textarea({
      id: "objectives",
      label: "Objectives",
      hint: "One objective on each line.",
      value: (v.objectives ?? []).join("\n"),
      rows: 5,
    }),
    sectionHeading("Who runs it"),
    select({
      id: "chair_user_id",
      label: "Chair",
      hint: "The chair or lead responsible officer.",
      choices: [
        { value: "", text: "Choose the chair" },
        ...chairs.map((u) => personChoice(u, d.agencies)),
      ],
      value: v.chair_user_id ?? "",
    }),
    select({
      id: "co_chair_user_id",
      label: "Co-chair (optional)",
      hint: "Usually takes the minutes.",
      choices: [
        { value: "", text: "No co-chair" },
        ...coChairs.map((u) => personChoice(u, d.agencies)),
      ],
      value: v.co_chair_user_id ?? "",
    }),
    sectionHeading("Where it sits"),
  );
  if (d.areas.length > 0) {
    fields.push(
      choices({
        id: "area_ids",
        label: "Areas",
        type: "checkbox",
        hint: "Select all that apply.",
        choices: d.areas.map((a) => ({ value: a.id, text: a.name })),
        values: v.area_ids ?? [],
      }),
    );
  }
  fields.push(
    choices({
      id: "level",
      label: "Level",
      type: "radio",
      choices: [
        { value: "none", text: "Not part of a bronze or silver group" },
        { value: "bronze", text: "Bronze (tactical)" },
        { value: "silver", text: "Silver (strategic)" },
      ],
      values: [v.level ?? "none"],
    }),
    select({
      id: "parent_mapping_id",
      label: "Parent mapping (optional)",
      hint: "The wider mapping this one sits under, such as a silver group's.",
      choices: [
        { value: "", text: "No parent mapping" },
        ...d.parents.map((m) => ({ value: m.id, text: m.title })),
      ],
      value: v.parent_mapping_id ?? "",
    }),
  );
  return fields;
}

/** What the form holds, read back for mappingFromValues and checkMapping. */
export function readMappingValues(form: HTMLFormElement, profileId: string): MappingValues {
  const one = (name: string) => checkedValues(form, name)[0] ?? "";
  const status = one("status");
  return {
    profile_id: profileId,
    title: fieldText(form, "title"),
    kind: one("kind"),
    trigger: one("trigger"),
    trigger_date: dateValue(form, "trigger_date"),
    trigger_detail: fieldText(form, "trigger_detail"),
    objectives: fieldText(form, "objectives"),
    chair_user_id: fieldText(form, "chair_user_id"),
    co_chair_user_id: fieldText(form, "co_chair_user_id"),
    area_ids: checkedValues(form, "area_ids"),
    level: one("level"),
    parent_mapping_id: fieldText(form, "parent_mapping_id"),
    ...(status === "" ? {} : { status }),
  };
}
