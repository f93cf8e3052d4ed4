// The mappings list's filter (MoJ filter pattern): what is chosen lives in the URL's query as
// enum codes and record ids only (never words a user typed), so back, reload and bookmarks keep
// it. Pure functions, unit-tested in test/mapping_filter.test.ts.
import type { Mapping } from "./records";

export const MAPPING_STATUSES: readonly Mapping["status"][] = [
  "pre_mapping",
  "active",
  "review",
  "closed",
];

export const MAPPING_KINDS: readonly Mapping["kind"][] = [
  "individual",
  "peer_group",
  "place",
  "thematic",
];

/** The filter's four questions, each the values chosen (none chosen: no filter on it). */
export interface MappingFilter {
  readonly status: readonly string[];
  readonly kind: readonly string[];
  readonly area: readonly string[];
  readonly profile: readonly string[];
}

export type FilterKey = keyof MappingFilter;

export const FILTER_KEYS: readonly FilterKey[] = ["status", "kind", "area", "profile"];

export const NO_FILTER: MappingFilter = { status: [], kind: [], area: [], profile: [] };

// A record id as the server makes them ("area-mockbury", "prof-map-cse"): anything else in the
// query (a name pasted in, markup) is dropped rather than carried into a link.
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function keep(values: readonly string[], allowed: (v: string) => boolean): string[] {
  const out: string[] = [];
  for (const v of values) if (allowed(v) && !out.includes(v)) out.push(v);
  return out;
}

/**
 * The filter a query string ("?status=active&kind=place") asks for. Statuses and kinds must
 * be known codes; areas and profiles must look like ids. Repeats and anything else are dropped.
 */
export function parseFilter(search: string): MappingFilter {
  const q = new URLSearchParams(search);
  return {
    status: keep(q.getAll("status"), (v) => (MAPPING_STATUSES as readonly string[]).includes(v)),
    kind: keep(q.getAll("kind"), (v) => (MAPPING_KINDS as readonly string[]).includes(v)),
    area: keep(q.getAll("area"), (v) => ID.test(v)),
    profile: keep(q.getAll("profile"), (v) => ID.test(v)),
  };
}

/** The query string for a filter ("?status=active&area=area-mockbury"), or "" for none. */
export function filterQuery(f: MappingFilter): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const v of f[key]) q.append(key, v);
  const s = q.toString();
  return s === "" ? "" : "?" + s;
}

/** The filter less one chosen value (the "remove this filter" tag's link). */
export function withoutValue(f: MappingFilter, key: FilterKey, value: string): MappingFilter {
  return { ...f, [key]: f[key].filter((v) => v !== value) };
}

/** Whether anything is chosen. */
export function isFiltered(f: MappingFilter): boolean {
  return FILTER_KEYS.some((k) => f[k].length > 0);
}

/**
 * The mappings the filter keeps: within a question any chosen value matches (or), across
 * questions all must (and). A mapping matches an area if any of its areas is chosen.
 */
export function applyFilter<M extends Mapping>(mappings: readonly M[], f: MappingFilter): M[] {
  return mappings.filter(
    (m) =>
      (f.status.length === 0 || f.status.includes(m.status)) &&
      (f.kind.length === 0 || f.kind.includes(m.kind)) &&
      (f.area.length === 0 || (m.area_ids ?? []).some((a) => f.area.includes(a))) &&
      (f.profile.length === 0 || f.profile.includes(m.profile_id)),
  );
}

/** The mappings in the order the list shows them: open before closed, then by title. */
export function sortMappings<M extends Mapping>(mappings: readonly M[]): M[] {
  const rank = (m: Mapping) => (m.status === "closed" ? 1 : 0);
  return [...mappings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.title.localeCompare(b.title, "en-GB", { sensitivity: "base" }) ||
      a.id.localeCompare(b.id),
  );
}
