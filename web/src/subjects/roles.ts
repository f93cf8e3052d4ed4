// Who is on a mapping, grouped as the protocols list them: the cohort of children, adults of
// concern, places, groups and key contacts (then anyone else linked). And what each "Add a ..."
// adds: which kinds the search looks for, the kind of a new subject, its role on the mapping.
import type { Mapping, MappingSubject, Subject } from "../records";

export type AddRole = "child" | "adult_of_concern" | "place" | "group" | "key_contact";

export interface AddRoleInfo {
  /** "child": the words after "Add a" / "Add an". */
  readonly noun: string;
  /** "Add a child". */
  readonly button: string;
  /** Kinds the search looks for. */
  readonly searchKinds: readonly Subject["kind"][];
  /** The kind of a new subject added from this page. */
  readonly newKind: Subject["kind"];
  /** Whether the search takes a date of birth (people only). */
  readonly person: boolean;
}

export const ADD_ROLES: Readonly<Record<AddRole, AddRoleInfo>> = {
  child: {
    noun: "child",
    button: "Add a child",
    searchKinds: ["child", "adult"],
    newKind: "child",
    person: true,
  },
  adult_of_concern: {
    noun: "adult of concern",
    button: "Add an adult of concern",
    searchKinds: ["adult", "parent_carer"],
    newKind: "adult",
    person: true,
  },
  place: {
    noun: "place",
    button: "Add a place",
    searchKinds: ["location"],
    newKind: "location",
    person: false,
  },
  group: {
    noun: "group",
    button: "Add a group",
    searchKinds: ["group"],
    newKind: "group",
    person: false,
  },
  key_contact: {
    noun: "key contact",
    button: "Add a key contact",
    searchKinds: ["professional"],
    newKind: "professional",
    person: true,
  },
};

/** Whether a found subject can take the role `add` (an adult joins the cohort only as a care leaver). */
export function fitsRole(add: AddRole, subject: Pick<Subject, "kind" | "care_leaver">): boolean {
  if (add === "child" && subject.kind === "adult") return subject.care_leaver === true;
  return ADD_ROLES[add].searchKinds.includes(subject.kind);
}

/** The add role named in a URL (`?role=child`), or null for anything else. */
export function addRoleFrom(value: string | null): AddRole | null {
  return value !== null && Object.prototype.hasOwnProperty.call(ADD_ROLES, value)
    ? (value as AddRole)
    : null;
}

/**
 * The role a subject takes on the mapping when added as `add`: on an individual mapping the
 * first child is the child it is about; other children join the cohort.
 */
export function mappingRoleFor(
  add: AddRole,
  mapping: Pick<Mapping, "kind">,
  onMapping: readonly Pick<MappingSubject, "role" | "removed_on">[],
): MappingSubject["role"] {
  switch (add) {
    case "child":
      return mapping.kind === "individual" &&
        !onMapping.some((m) => m.role === "subject_child" && m.removed_on === undefined)
        ? "subject_child"
        : "cohort_member";
    case "adult_of_concern":
      return "adult_of_concern";
    case "place":
      return "location_of_concern";
    case "group":
      return "associate";
    case "key_contact":
      return "key_contact";
  }
}

/** Words for a role on a mapping. */
export const ROLE_WORDS: Readonly<Record<MappingSubject["role"], string>> = {
  subject_child: "Child the mapping is about",
  cohort_member: "In the cohort",
  associate: "Linked",
  adult_of_concern: "Adult of concern",
  location_of_concern: "Place of concern",
  key_contact: "Key contact",
};

export interface SubjectGroup {
  readonly key: AddRole | "other" | "removed";
  readonly heading: string;
  /** The add page for this group, when it has one. */
  readonly add: AddRole | null;
  readonly members: readonly { readonly subject: Subject; readonly on: MappingSubject }[];
}

/** Which protocol group a subject on a mapping belongs in. */
export function groupOf(
  on: Pick<MappingSubject, "role" | "removed_on">,
  subject: Pick<Subject, "kind">,
): SubjectGroup["key"] {
  if (on.removed_on !== undefined && on.removed_on !== "") return "removed";
  if (on.role === "subject_child" || on.role === "cohort_member") return "child";
  if (on.role === "adult_of_concern") return "adult_of_concern";
  if (on.role === "key_contact") return "key_contact";
  if (on.role === "location_of_concern" || subject.kind === "location") return "place";
  if (subject.kind === "group") return "group";
  return "other";
}

const GROUPS: readonly { key: SubjectGroup["key"]; heading: string; add: AddRole | null }[] = [
  { key: "child", heading: "Children", add: "child" },
  { key: "adult_of_concern", heading: "Adults of concern", add: "adult_of_concern" },
  { key: "place", heading: "Places", add: "place" },
  { key: "group", heading: "Groups", add: "group" },
  { key: "key_contact", heading: "Key contacts", add: "key_contact" },
  { key: "other", heading: "Other people and things linked to the mapping", add: null },
  { key: "removed", heading: "No longer on this mapping", add: null },
];

/**
 * The mapping's subjects in the protocol's groups, each sorted by label (the child the
 * mapping is about first). Every group is returned, empty or not; a mapping_subject whose
 * subject the user may not see is left out.
 */
export function groupSubjects(
  onMapping: readonly MappingSubject[],
  subjects: readonly Subject[],
): SubjectGroup[] {
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const members = new Map<SubjectGroup["key"], { subject: Subject; on: MappingSubject }[]>();
  for (const on of onMapping) {
    const subject = byId.get(on.subject_id);
    if (subject === undefined) continue;
    const key = groupOf(on, subject);
    const list = members.get(key) ?? [];
    list.push({ subject, on });
    members.set(key, list);
  }
  return GROUPS.map((g) => ({
    ...g,
    members: (members.get(g.key) ?? []).sort(
      (a, b) =>
        Number(b.on.role === "subject_child") - Number(a.on.role === "subject_child") ||
        a.subject.label.localeCompare(b.subject.label, "en-GB"),
    ),
  }));
}
