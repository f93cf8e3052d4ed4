// Records built from what a user typed on the mapping pages: a mapping from its form, the
// checks made before anything is sent, a snapshot of the map as it stands, and the factor
// records a ticked checklist adds or resolves. Pure functions, unit-tested in
// test/mapping_record.test.ts. The server validates everything again.
import type { FieldError } from "./components";
import { subjectsOn } from "./mapping_tasks";
import type { Factor, Mapping, MappingBundle, MapSnapshot } from "./records";

/** What the mapping form holds, as typed (dates as YYYY-MM-DD, null when not a real date). */
export interface MappingValues {
  readonly profile_id: string;
  readonly title: string;
  readonly kind: string;
  readonly trigger: string;
  readonly trigger_date: string | null;
  readonly trigger_detail: string;
  /** One objective per line. */
  readonly objectives: string;
  readonly chair_user_id: string;
  readonly co_chair_user_id: string;
  readonly area_ids: readonly string[];
  readonly level: string;
  readonly parent_mapping_id: string;
  /** Only the details page changes the status (closure has its own page). */
  readonly status?: string;
}

/** The objectives typed one per line: trimmed, blank lines dropped. */
export function objectivesFrom(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The mapping record to send: `base` (the stored record, when changing one) with the form's
 * fields over it. Optional fields left empty are left out; a new mapping starts at pre-mapping,
 * opened today.
 */
export function mappingFromValues(
  v: MappingValues,
  today: string,
  base?: Mapping,
): Omit<Mapping, "id" | "version"> & { id?: string; version?: number } {
  const m: Partial<Writable<Mapping>> = { ...(base ?? {}) };
  m.title = v.title.trim();
  m.kind = v.kind as Mapping["kind"];
  m.trigger = v.trigger as Mapping["trigger"];
  m.trigger_date = v.trigger_date ?? "";
  m.level = (v.level === "" ? "none" : v.level) as Mapping["level"];
  m.profile_id = base?.profile_id ?? v.profile_id;
  m.status = (v.status ?? base?.status ?? "pre_mapping") as Mapping["status"];
  if (base === undefined) m.opened_on = today;
  const optional = (value: string): string | undefined =>
    value.trim() === "" ? undefined : value.trim();
  const set = {
    trigger_detail: optional(v.trigger_detail),
    chair_user_id: optional(v.chair_user_id),
    co_chair_user_id: optional(v.co_chair_user_id),
    parent_mapping_id: optional(v.parent_mapping_id),
  };
  for (const [key, value] of Object.entries(set) as [keyof typeof set, string | undefined][]) {
    if (value === undefined) Reflect.deleteProperty(m, key);
    else m[key] = value;
  }
  const objectives = objectivesFrom(v.objectives);
  if (objectives.length > 0) m.objectives = objectives;
  else delete m.objectives;
  if (v.area_ids.length > 0) m.area_ids = [...v.area_ids];
  else delete m.area_ids;
  return m as Omit<Mapping, "id" | "version">;
}

/**
 * What is wrong before anything is sent, each naming its field (the GOV.UK error summary).
 * `userId` is who is saving: a chair who opens a mapping names themselves chair or co-chair
 * (else they could not see it), and a change must not leave them outside it unless they are
 * a member by other means (`isMember`).
 */
export function checkMapping(
  v: MappingValues,
  userId: string,
  options: { readonly today: string; readonly isMember?: boolean } = { today: "" },
): FieldError[] {
  const errors: FieldError[] = [];
  if (v.title.trim() === "")
    errors.push({ id: "title", message: "Enter a title that names the key context risk" });
  if (v.kind === "") errors.push({ id: "kind", message: "Select what kind of mapping this is" });
  if (v.trigger === "") errors.push({ id: "trigger", message: "Select what started the mapping" });
  if (v.trigger_date === null)
    errors.push({ id: "trigger_date", message: "Trigger date must be a real date" });
  else if (v.trigger_date === "")
    errors.push({ id: "trigger_date", message: "Enter the trigger date" });
  else if (options.today !== "" && v.trigger_date > options.today)
    errors.push({ id: "trigger_date", message: "Trigger date must be today or in the past" });
  if (v.chair_user_id !== "" && v.co_chair_user_id !== "" && v.chair_user_id === v.co_chair_user_id)
    errors.push({ id: "co_chair_user_id", message: "Choose a co-chair other than the chair" });
  const named = v.chair_user_id === userId || v.co_chair_user_id === userId;
  if (!named && options.isMember !== true)
    errors.push({
      id: "chair_user_id",
      message:
        options.isMember === undefined
          ? "Name yourself as chair or co-chair of a mapping you open"
          : "Keep yourself as chair or co-chair: you are not a member of this mapping otherwise, so you could no longer see it",
    });
  return errors;
}

/**
 * A snapshot of the map as it stands: everyone and everything on the mapping (with their
 * places on the map) and the links between them.
 */
export function snapshotFromBundle(
  bundle: MappingBundle,
  mappingId: string,
  details: { readonly taken_on: string; readonly title: string; readonly meeting_id: string },
): Omit<MapSnapshot, "id" | "version"> {
  const on = subjectsOn(bundle, mappingId);
  const ids = new Set(on.map((o) => o.subject.id));
  const nodes = on.map((o) => ({
    subject_id: o.subject.id,
    label: o.subject.label,
    kind: o.subject.kind,
    role: o.place.role,
    ...(o.place.x === undefined ? {} : { x: o.place.x }),
    ...(o.place.y === undefined ? {} : { y: o.place.y }),
  }));
  const edges = (bundle.links ?? [])
    .filter((l) => ids.has(l.from_subject_id) && ids.has(l.to_subject_id))
    .map((l) => ({
      link_id: l.id,
      from_subject_id: l.from_subject_id,
      to_subject_id: l.to_subject_id,
      type: l.type,
      valence: l.valence,
      strength: l.strength,
      ...(l.directed === undefined ? {} : { directed: l.directed }),
    }));
  const snapshot: Omit<MapSnapshot, "id" | "version"> = {
    mapping_id: mappingId,
    taken_on: details.taken_on,
    nodes,
    edges,
    ...(details.title.trim() === "" ? {} : { title: details.title.trim() }),
    ...(details.meeting_id === "" ? {} : { meeting_id: details.meeting_id }),
  };
  return snapshot;
}

/** The factors a checklist save makes: codes newly ticked, and current ones unticked. */
export interface FactorChanges {
  readonly add: readonly string[];
  readonly resolve: readonly Factor[];
}

/**
 * Comparing the checklist as ticked with the child's current (unresolved) factors of one
 * category: ticked codes with no current factor are added; current factors whose code is no
 * longer ticked are resolved (kept as history, never deleted).
 */
export function factorChanges(
  current: readonly Factor[],
  category: Factor["category"],
  ticked: readonly string[],
): FactorChanges {
  const open = current.filter(
    (f) =>
      f.category === category &&
      f.code !== undefined &&
      f.code !== "" &&
      (f.resolved_on === undefined || f.resolved_on === ""),
  );
  const have = new Set(open.map((f) => f.code));
  return {
    add: ticked.filter((c, i) => !have.has(c) && ticked.indexOf(c) === i),
    resolve: open.filter((f) => !ticked.includes(f.code ?? "")),
  };
}
