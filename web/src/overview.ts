// The strategic overview's counts, from GET /api/v1/overview (per mapping: kind, status, areas,
// subjects by kind, open and overdue actions, the children in the cohort by their current risk
// category with the profile's category labels; no names, no free text). Grouped here into the
// tables the page shows: mappings by area and by kind (split by status), who and what is on
// the mappings still open, children by risk category, and actions by area. Pure functions
// (test/overview.test.ts).

/** A protocol profile's risk category: its code, the protocol's wording, and its rank. */
export interface RiskCategoryLabel {
  readonly code: string;
  readonly label: string;
  /** Higher is more serious. */
  readonly rank: number;
}

export interface OverviewMapping {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly level: string;
  readonly area_ids: readonly string[];
  readonly subjects: Readonly<Record<string, number>>;
  readonly open_actions: number;
  readonly overdue_actions: number;
  /** The mapping's profile's categories, in the profile's order. */
  readonly risk_categories: readonly RiskCategoryLabel[];
  /** The children in the cohort by their current category's code. */
  readonly children_by_risk_category: Readonly<Record<string, number>>;
  /** The children in the cohort with no risk assessment on the mapping. */
  readonly children_not_assessed: number;
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
    const areas = m["area_ids"];
    return {
      id: str(m["id"]),
      kind: str(m["kind"]),
      status: str(m["status"]),
      level: str(m["level"]),
      area_ids: Array.isArray(areas) ? areas.filter((a): a is string => typeof a === "string") : [],
      subjects: counts(m["subjects"]),
      open_actions: num(m["open_actions"]),
      overdue_actions: num(m["overdue_actions"]),
      risk_categories: categoryLabels(m["risk_categories"]),
      children_by_risk_category: counts(m["children_by_risk_category"]),
      children_not_assessed: num(m["children_not_assessed"]),
    };
  });
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** A JSON object of counts; anything else is no counts. */
function counts(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof v === "object" && v !== null && !Array.isArray(v))
    for (const [k, n] of Object.entries(v)) out[k] = num(n);
  return out;
}

/** A list of categories; entries without a code are dropped, a missing label is the code. */
function categoryLabels(v: unknown): RiskCategoryLabel[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((raw: unknown) => {
    const c = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const code = str(c["code"]);
    if (code === "") return [];
    const text = str(c["label"]);
    return [{ code, label: text === "" ? code : text, rank: num(c["rank"]) }];
  });
}

/** The key "" stands for mappings with no area recorded. */
function areaKeys(m: OverviewMapping): readonly string[] {
  return m.area_ids.length === 0 ? [""] : m.area_ids;
}

/** `keys` in `areaOrder` order, then any area not named there (sorted), "" last. */
function inAreaOrder(keys: readonly string[], areaOrder: readonly string[]): string[] {
  const order = [
    ...areaOrder,
    ...keys.filter((k) => k !== "" && !areaOrder.includes(k)).sort(),
    "",
  ];
  return order.filter((k) => keys.includes(k));
}

function sum(ns: readonly number[]): number {
  return ns.reduce((a, b) => a + b, 0);
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
  return inAreaOrder([...rows.keys()], areaOrder).map((k) => {
    const counts = rows.get(k) ?? [];
    return { key: k, counts, total: sum(counts) };
  });
}

/** Mappings counted by kind, one column per status; every kind listed, even at 0. */
export function byKindAndStatus(mappings: readonly OverviewMapping[]): CountRow[] {
  return MAPPING_KINDS.map((k) => {
    const counts = STATUSES.map(
      (s) => mappings.filter((m) => m.kind === k && m.status === s).length,
    );
    return { key: k, counts, total: sum(counts) };
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
  return inAreaOrder([...rows.keys()], areaOrder).map((k) => {
    const [open, overdue] = rows.get(k) ?? [0, 0];
    return { key: k, counts: [open, overdue], total: open };
  });
}

/** A column of the children-by-risk-category table: a category, or "not assessed" (code ""). */
export interface RiskColumn {
  readonly code: string;
  readonly label: string;
}

export interface RiskTable {
  /** The categories of the mappings counted, least serious first, then "Not assessed". */
  readonly columns: readonly RiskColumn[];
  /** Across the partnership: each mapping counted once (key ""). */
  readonly partnership: CountRow;
  /** By area, in `areaOrder` order ("" for no area recorded, last). */
  readonly areas: readonly CountRow[];
}

/**
 * The children in the cohorts of mappings not closed by their current risk category, across
 * the partnership and by area. Columns: every category the counted mappings' profiles name
 * (by code; the label from the first mapping naming it), ordered by rank, then any code counted
 * without a label, then "Not assessed". A child in the cohort of two mappings counts on each;
 * a mapping in two areas counts in each, so area rows can add up to more than the partnership.
 */
export function childrenByRiskCategory(
  mappings: readonly OverviewMapping[],
  areaOrder: readonly string[],
): RiskTable {
  const open = mappings.filter((m) => m.status !== "closed");
  const labels = new Map<string, RiskCategoryLabel>();
  for (const m of open)
    for (const c of m.risk_categories) if (!labels.has(c.code)) labels.set(c.code, c);
  const named = [...labels.values()].sort((a, b) => a.rank - b.rank);
  const unnamed = [...new Set(open.flatMap((m) => Object.keys(m.children_by_risk_category)))]
    .filter((code) => !labels.has(code))
    .sort();
  const columns: RiskColumn[] = [
    ...named.map((c) => ({ code: c.code, label: c.label })),
    ...unnamed.map((code) => ({ code, label: code })),
    { code: "", label: "Not assessed" },
  ];
  const row = (of: readonly OverviewMapping[]): number[] =>
    columns.map((c) =>
      sum(
        of.map((m) =>
          c.code === "" ? m.children_not_assessed : (m.children_by_risk_category[c.code] ?? 0),
        ),
      ),
    );
  const byArea = new Map<string, OverviewMapping[]>();
  for (const m of open) for (const a of areaKeys(m)) byArea.set(a, [...(byArea.get(a) ?? []), m]);
  const countRow = (key: string, of: readonly OverviewMapping[]): CountRow => {
    const counts = row(of);
    return { key, counts, total: sum(counts) };
  };
  return {
    columns,
    partnership: countRow("", open),
    areas: inAreaOrder([...byArea.keys()], areaOrder).map((k) => countRow(k, byArea.get(k) ?? [])),
  };
}
