// What the meeting, action and key question pages share: names for ids (users, agencies,
// subjects), asking why the user is looking when a page is reached by a record's own address
// (/meetings/ID) rather than its mapping's, who may change what (the server decides; this only
// hides buttons that would be refused), and how due dates and statuses read.
import type { App, PageContext } from "../app";
import { dateInput, fieldText, fieldValue, select, textInput, type Choice } from "../components";
import { h } from "../dom";
import { tag, type TagColour } from "../display";
import { formatDate, label } from "../format";
import { ApiError } from "../api";
import type {
  Agency,
  Kind,
  MappingBundle,
  RecordKinds,
  Subject,
  User,
  Versioned,
} from "../records";
import { withReason } from "../page";
import { isOverdue, resolveOwner } from "../work";
import { mappingScope } from "./mapping_shared";

/** Users and agencies by id (reference data: readable by everyone signed in, no reason). */
export interface People {
  readonly users: ReadonlyMap<string, User>;
  readonly agencies: ReadonlyMap<string, Agency>;
}

/** Reads every user and agency, for names in place of ids. */
export async function loadPeople(app: App): Promise<People> {
  const [users, agencies] = await Promise.all([
    app.records.all("users"),
    app.records.all("agencies"),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u])),
    agencies: new Map(agencies.map((a) => [a.id, a])),
  };
}

/** A user's full name, or "" when not recorded or unknown. */
export function userName(people: People, id: string | undefined): string {
  return id === undefined ? "" : (people.users.get(id)?.full_name ?? "");
}

/** An agency's name, or "" when not recorded or unknown. */
export function agencyName(people: People, id: string | undefined): string {
  return id === undefined ? "" : (people.agencies.get(id)?.name ?? "");
}

/** Agencies still in use, by name, as choices (with a first "Choose an agency" when asked). */
export function agencyChoices(people: People, current = "", prompt = true): Choice[] {
  const list = [...people.agencies.values()]
    .filter((a) => a.inactive !== true || a.id === current)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => ({ value: a.id, text: a.name }));
  return prompt ? [{ value: "", text: "Choose an agency" }, ...list] : list;
}

// The mapping each meeting, action and key question belongs to, learnt from pages already
// drawn (ids only, in memory), so the reason given for the mapping covers them too.
const parentMapping = new Map<string, string>();

/** Remembers that record `kind:id` is in mapping `mappingId`. */
export function rememberMapping(kind: string, id: string, mappingId: string): void {
  parentMapping.set(`${kind}:${id}`, mappingId);
}

/**
 * Why the user is looking at record `kind` `id` reached by its own address: the reason already
 * given for its mapping if the page knows the mapping, else asked once for this record. After
 * the record is read the caller calls `learnt(mappingId)` so the mapping's reason is kept too.
 */
export function withRecordReason(
  app: App,
  ctx: PageContext,
  kind: string,
  id: string,
  what: string,
  then: (reason: string, learnt: (mappingId: string) => void) => void,
): void {
  const mappingId = parentMapping.get(`${kind}:${id}`);
  const scope = mappingId === undefined ? `${kind}:${id}` : mappingScope(mappingId);
  const known = mappingId === undefined ? undefined : app.reasons.get(scope);
  const learnt = (reason: string) => (m: string) => {
    rememberMapping(kind, id, m);
    if (!app.reasons.has(mappingScope(m))) app.reasons.set(mappingScope(m), reason);
  };
  if (known !== undefined) {
    then(known, learnt(known));
    return;
  }
  withReason(app, ctx, scope, what, (reason) => {
    then(reason, learnt(reason));
  });
}

export type Capability = "meetings" | "records" | "updates";

/**
 * Whether the signed-in user's role may make this kind of change on a mapping they belong to
 * (docs/ARCHITECTURE.md, who writes what): "meetings" (meetings, risk categories: chairs),
 * "records" (attendees, actions, key questions: chairs and analysts), "updates" (action
 * updates: chairs, analysts, practitioners).
 */
export function may(app: App, what: Capability): boolean {
  const role = app.role;
  if (role === null) return false;
  if (what === "meetings") return role === "chair";
  if (what === "records") return role === "chair" || role === "analyst";
  return role === "chair" || role === "analyst" || role === "practitioner";
}

/** A due date as it reads in a list: the date, and a red "Overdue" tag when it is. */
export function dueCell(
  item: { readonly due_on?: string; readonly status: string },
  today: string,
): HTMLElement {
  const overdue = isOverdue(item, today);
  return h(
    "span",
    {},
    formatDate(item.due_on) || "No date",
    overdue ? " " : null,
    overdue ? overdueTag() : null,
  );
}

/** The red "Overdue" tag. */
export function overdueTag(): HTMLElement {
  return tag("Overdue", "red");
}

const STATUS_COLOURS: Readonly<Record<string, TagColour>> = {
  open: "blue",
  in_progress: "light-blue",
  done: "green",
  cancelled: "grey",
  answered: "green",
  closed_unanswered: "grey",
  planned: "blue",
  held: "green",
};

/** A record's status as a tag: "In progress", "Done", "Answered". */
export function statusTag(status: string): HTMLElement {
  return tag(label(status), STATUS_COLOURS[status]);
}

/** Text with its line breaks kept (minutes, rationale, descriptions). */
export function prose(text: string, cls = "govuk-body"): HTMLElement {
  return h("p", { class: `${cls} app-prose` }, text);
}

/** The subjects on the mapping (not removed), by label. */
export function subjectsOnMapping(bundle: MappingBundle): Subject[] {
  const on = new Set(
    (bundle.mapping_subjects ?? [])
      .filter((ms) => ms.removed_on === undefined)
      .map((ms) => ms.subject_id),
  );
  return (bundle.subjects ?? [])
    .filter((s) => on.has(s.id))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The mapping's members (chair, co-chair, mapping_members) as users, by name. */
export function membersOf(bundle: MappingBundle, people: People): User[] {
  const ids = new Set<string>();
  const m = bundle.mappings?.[0];
  if (m?.chair_user_id) ids.add(m.chair_user_id);
  if (m?.co_chair_user_id) ids.add(m.co_chair_user_id);
  for (const mm of bundle.mapping_members ?? []) ids.add(mm.user_id);
  return [...ids]
    .map((id) => people.users.get(id))
    .filter((u): u is User => u !== undefined)
    .sort((a, b) => a.full_name.localeCompare(b.full_name));
}

/** A select of people: the given users as "Name (Agency)", with a first choice of `first`. */
export function personSelect(
  o: { id: string; label: string; hint?: string; value?: string; first: string },
  users: readonly User[],
  people: People,
): HTMLElement {
  return select({
    id: o.id,
    label: o.label,
    ...(o.hint === undefined ? {} : { hint: o.hint }),
    value: o.value ?? "",
    choices: [
      { value: "", text: o.first },
      ...users.map((u) => ({
        value: u.id,
        text: `${u.full_name} (${agencyName(people, u.agency_id) || "no agency"})`,
      })),
    ],
  });
}

/** A GOV.UK date input for an optional date, with its hint. */
export function optionalDate(
  id: string,
  labelText: string,
  value: string | undefined,
): HTMLElement {
  return dateInput({
    id,
    label: labelText,
    hint: "For example, 27 3 2026. Leave blank if not known yet.",
    ...(value === undefined ? {} : { value }),
  });
}

/**
 * The owner of an action or key question: a member of the mapping chosen from a list, or the
 * name and agency of someone without an account (work.ts resolveOwner reads them back).
 */
export function ownerFields(
  members: readonly User[],
  people: People,
  current: { owner?: string; owner_user_id?: string; owner_agency_id?: string } = {},
  optional = false,
): HTMLElement {
  const byAccount = current.owner_user_id !== undefined && current.owner_user_id !== "";
  return h(
    "div",
    {},
    personSelect(
      {
        id: "owner_user_id",
        label: optional ? "Owner (optional)" : "Owner",
        hint: "Choose a member of this mapping, or enter the name and agency of someone else below.",
        first: "Someone not in this list",
        value: current.owner_user_id ?? "",
      },
      members,
      people,
    ),
    textInput({
      id: "owner",
      name: "owner",
      label: "Owner's full name, if not in the list",
      autocomplete: "off",
      spellcheck: false,
      value: byAccount ? "" : (current.owner ?? ""),
    }),
    select({
      id: "owner_agency_id",
      label: "Owner's agency",
      hint: "For a member chosen above, leave this to use their own agency.",
      choices: agencyChoices(people, current.owner_agency_id ?? ""),
      value: byAccount ? "" : (current.owner_agency_id ?? ""),
    }),
  );
}

/** What the user chose or typed in `ownerFields` on `form`, as work.ts resolveOwner reads it. */
export function ownerFromForm(
  form: HTMLFormElement,
  users: Parameters<typeof resolveOwner>[1],
  required: boolean,
): ReturnType<typeof resolveOwner> {
  return resolveOwner(
    {
      userId: fieldText(form, "owner_user_id"),
      name: fieldValue(form, "owner"),
      agencyId: fieldText(form, "owner_agency_id"),
    },
    users,
    required,
  );
}

/**
 * Saves changes to one record with If-Match. A change made meanwhile by someone else (412) is
 * shown by the form as a conflict with what the user typed kept; here the newest version is
 * read again, so that saving again applies the user's fields over it (and keeps the other
 * person's changes to every other field) instead of failing with 412 for ever. `onConflict`
 * gets the newest version (to show the user what changed).
 */
export function changesTo<K extends Kind>(
  app: App,
  kind: K,
  first: Versioned<RecordKinds[K]>,
  reason: string | undefined,
  onConflict: (newest: RecordKinds[K]) => void = () => undefined,
): (change: (latest: RecordKinds[K]) => RecordKinds[K]) => Promise<RecordKinds[K]> {
  let latest = first;
  const id = (first.record as { id: string }).id;
  return async (change) => {
    try {
      const saved = await app.records.update(kind, id, change(latest.record), latest.etag);
      latest = { record: saved, etag: etagOf(saved) };
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const newest = await app.records.get(kind, id, reason).catch(() => null);
        if (newest !== null) {
          latest = newest;
          onConflict(newest.record);
        }
      }
      throw e;
    }
  };
}

/** The If-Match value for a record read in a list or a mapping's records (its version). */
export function etagOf(record: { readonly version?: number }): string {
  return `"${String(record.version ?? 0)}"`;
}

/** What someone else saved meanwhile, shown under the box after a conflict. */
export function theirVersion(text: string): HTMLElement {
  return h(
    "div",
    { class: "govuk-inset-text app-their-version" },
    h(
      "p",
      { class: "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" },
      "Saved meanwhile by someone else:",
    ),
    text.trim() === "" ? h("p", { class: "govuk-body app-not-recorded" }, "Nothing") : prose(text),
  );
}
