// The strategic overview's counts, from GET /api/v1/overview (per mapping: kind, status, areas,
// subjects by kind, open and overdue actions; no names, no free text). Grouped here into the
// tables the page shows: mappings by area and by kind (split by status), who and what is on
// the mappings still open, and actions by area. Pure functions (test/overview.test.ts).

export interface OverviewMapping {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly level: string;
  readonly area_ids: readonly string[];
  readonly subjects: Readonly<Record<string, number>>;
  readonly open_actions: number;
  readonly overdue_actions: number;
}

export const STATUSES = ["pre_mapping", "active", "review", "closed"] as const;

export const MAPPING_KINDS = ["individual", "peer_group", "place", "thematic"] as const;

export const SUBJECT_KINDS = [
  "child",
  "adult",
  "parent_carer",
  "professional",
  "location",
  "group",
  "activity",
  "object",
] as const;

/** One row of a count table: what it counts, the counts by column, and their total. */
export interface CountRow {
  readonly key: string;
  readonly counts: readonly number[];
  readonly total: number;
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** The overview answer's mappings, read defensively (a missing count is 0). */
export function parseOverview(body: unknown): OverviewMapping[] {
  const list =
    typeof body === "object" && body !== null ? (body as { mappings?: unknown }).mappings : [];
  if (!Array.isArray(list)) return [];
  return list.map((raw: unknown) => {
    const m = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const subjects: Record<string, number> = {};
    const s = m["subjects"];
    if (typeof s === "object" && s !== null)
      for (const [k, v] of Object.entries(s)) subjects[k] = num(v);
    const areas = m["area_ids"];
    return {
      id: typeof m["id"] === "string" ? m["id"] : "",
      kind: typeof m["kind"] === "string" ? m["kind"] : "",
      status: typeof m["status"] === "string" ? m["status"] : "",
      level: typeof m["level"] === "string" ? m["level"] : "",
      area_ids: Array.isArray(areas) ? areas.filter((a): a is string => typeof a === "string") : [],
      subjects,
      open_actions: num(m["open_actions"]),
      overdue_actions: num(m["overdue_actions"]),
    };
  });
}

/** The key "" stands for mappings with no area recorded. */
function areaKeys(m: OverviewMapping): readonly string[] {
  return m.area_ids.length === 0 ? [""] : m.area_ids;
}

/**
 * Mappings counted by area, one column per status. A mapping in two areas counts in each, so
 * the area rows can add up to more than the number of mappings. Rows in `areaOrder` order
 * (then any area not named there), "" last.
 */
export function byAreaAndStatus(
  mappings: readonly OverviewMapping[],
  areaOrder: readonly string[],
): CountRow[] {
  const rows = new Map<string, number[]>();
  for (const m of mappings) {
    const col = STATUSES.indexOf(m.status as (typeof STATUSES)[number]);
    if (col < 0) continue;
    for (const a of areaKeys(m)) {
      const r = rows.get(a) ?? STATUSES.map(() => 0);
      r[col] = (r[col] ?? 0) + 1;
      rows.set(a, r);
    }
  }
  const order = [
    ...areaOrder,
    ...[...rows.keys()].filter((k) => k !== "" && !areaOrder.includes(k)).sort(),
    "",
  ];
  return order
    .filter((k) => rows.has(k))
    .map((k) => {
      const counts = rows.get(k) ?? [];
      return { key: k, counts, total: counts.reduce((a, b) => a + b, 0) };
    });
}

/** Mappings counted by kind, one column per status; every kind listed, even at 0. */
export function byKindAndStatus(mappings: readonly OverviewMapping[]): CountRow[] {
  return MAPPING_KINDS.map((k) => {
    const counts = STATUSES.map(
      (s) => mappings.filter((m) => m.kind === k && m.status === s).length,
    );
    return { key: k, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
}

/** Who and what is on the mappings not closed, by subject kind (a subject on two counts twice). */
export function subjectsOnOpenMappings(mappings: readonly OverviewMapping[]): CountRow[] {
  const open = mappings.filter((m) => m.status !== "closed");
  return SUBJECT_KINDS.map((k) => {
    const n = open.reduce((sum, m) => sum + (m.subjects[k] ?? 0), 0);
    return { key: k, counts: [n], total: n };
  }).filter((r) => r.total > 0);
}

/** Open and overdue actions on mappings not closed, by area ("" for no area). */
export function actionsByArea(
  mappings: readonly OverviewMapping[],
  areaOrder: readonly string[],
): CountRow[] {
  const rows = new Map<string, [number, number]>();
  for (const m of mappings) {
    if (m.status === "closed") continue;
    for (const a of areaKeys(m)) {
      const r = rows.get(a) ?? [0, 0];
      rows.set(a, [r[0] + m.open_actions, r[1] + m.overdue_actions]);
    }
  }
  const order = [
    ...areaOrder,
    ...[...rows.keys()].filter((k) => k !== "" && !areaOrder.includes(k)).sort(),
    "",
  ];
  return order
    .filter((k) => rows.has(k))
    .map((k) => {
      const [open, overdue] = rows.get(k) ?? [0, 0];
      return { key: k, counts: [open, overdue], total: open };
    });
}
