import { describe, expect, it } from "vitest";

import {
  actionsByArea,
  byAreaAndStatus,
  byKindAndStatus,
  childrenByRiskCategory,
  parseOverview,
  subjectsOnOpenMappings,
} from "../src/overview";

/** The shape GET /api/v1/overview answers with (src/http/session_routes.cc). */
const ANSWER = {
  mappings: [
    {
      id: "map-1",
      kind: "peer_group",
      status: "active",
      level: "none",
      parent_mapping_id: "",
      area_ids: ["area-mockbury", "area-port-fable"],
      subjects: { child: 7, adult: 3, location: 4 },
      open_actions: 4,
      overdue_actions: 2,
      risk_categories: [],
      children_by_risk_category: {},
      children_not_assessed: 5,
    },
    {
      id: "map-2",
      kind: "individual",
      status: "closed",
      level: "none",
      area_ids: ["area-port-fable"],
      subjects: { child: 2 },
      open_actions: 1,
      overdue_actions: 1,
      risk_categories: [{ code: "cse_1", label: "Category 1 (at risk)", rank: 1 }],
      children_by_risk_category: { cse_1: 2 },
      children_not_assessed: 0,
    },
    {
      id: "map-3",
      kind: "place",
      status: "pre_mapping",
      level: "bronze",
      area_ids: [],
      subjects: { location: 2, child: 1 },
      open_actions: 0,
      overdue_actions: 0,
      // listed most serious first: the table orders them by rank
      risk_categories: [
        { code: "cse_3", label: "Category 3 (high risk)", rank: 3 },
        { code: "cse_2", label: "Category 2 (medium risk)", rank: 2 },
        { code: "cse_1", label: "Category 1 (at risk)", rank: 1 },
      ],
      children_by_risk_category: { cse_1: 0, cse_2: 1, cse_3: 2 },
      children_not_assessed: 1,
    },
  ],
};

const AREAS = ["area-port-fable", "area-mockbury"];

describe("the overview's counts", () => {
  const mappings = parseOverview(ANSWER);

  it("counts mappings by area and status, in the given area order, none-recorded last", () => {
    expect(byAreaAndStatus(mappings, AREAS)).toEqual([
      { key: "area-port-fable", counts: [0, 1, 0, 1], total: 2 },
      { key: "area-mockbury", counts: [0, 1, 0, 0], total: 1 },
      { key: "", counts: [1, 0, 0, 0], total: 1 },
    ]);
  });

  it("lists an area the reference data no longer has after the known ones", () => {
    const rows = byAreaAndStatus(
      parseOverview({ mappings: [{ ...ANSWER.mappings[1], area_ids: ["area-gone"] }] }),
      AREAS,
    );
    expect(rows.map((r) => r.key)).toEqual(["area-gone"]);
  });

  it("counts every kind of mapping, even those with none", () => {
    expect(byKindAndStatus(mappings)).toEqual([
      { key: "individual", counts: [0, 0, 0, 1], total: 1 },
      { key: "peer_group", counts: [0, 1, 0, 0], total: 1 },
      { key: "place", counts: [1, 0, 0, 0], total: 1 },
      { key: "thematic", counts: [0, 0, 0, 0], total: 0 },
    ]);
  });

  it("counts who and what is on mappings not closed", () => {
    expect(subjectsOnOpenMappings(mappings)).toEqual([
      { key: "child", counts: [8], total: 8 },
      { key: "adult", counts: [3], total: 3 },
      { key: "location", counts: [6], total: 6 },
    ]);
  });

  it("counts open and overdue actions by area on mappings not closed", () => {
    expect(actionsByArea(mappings, AREAS)).toEqual([
      { key: "area-port-fable", counts: [4, 2], total: 4 },
      { key: "area-mockbury", counts: [4, 2], total: 4 },
      { key: "", counts: [0, 0], total: 0 },
    ]);
  });

  it("counts the children by risk category across the partnership and by area", () => {
    const t = childrenByRiskCategory(mappings, AREAS);
    expect(t.columns).toEqual([
      { code: "cse_1", label: "Category 1 (at risk)" },
      { code: "cse_2", label: "Category 2 (medium risk)" },
      { code: "cse_3", label: "Category 3 (high risk)" },
      { code: "", label: "Not assessed" },
    ]);
    // map-2 is closed and not counted; map-1 is in two areas and counted in each
    expect(t.partnership).toEqual({ key: "", counts: [0, 1, 2, 6], total: 9 });
    expect(t.areas).toEqual([
      { key: "area-port-fable", counts: [0, 0, 0, 5], total: 5 },
      { key: "area-mockbury", counts: [0, 0, 0, 5], total: 5 },
      { key: "", counts: [0, 1, 2, 1], total: 4 },
    ]);
  });

  it("merges the categories of several profiles by code, and keeps a code without a label", () => {
    const t = childrenByRiskCategory(
      parseOverview({
        mappings: [
          {
            id: "a",
            status: "active",
            area_ids: ["area-mockbury"],
            risk_categories: [{ code: "high", label: "High", rank: 3 }],
            children_by_risk_category: { high: 1, retired: 2 },
          },
          {
            id: "b",
            status: "review",
            area_ids: ["area-mockbury"],
            risk_categories: [
              { code: "low", label: "Low", rank: 1 },
              { code: "high", label: "High (another profile's words)", rank: 3 },
            ],
            children_by_risk_category: { low: 1, high: 1 },
            children_not_assessed: 2,
          },
        ],
      }),
      AREAS,
    );
    expect(t.columns.map((c) => c.label)).toEqual(["Low", "High", "retired", "Not assessed"]);
    expect(t.partnership.counts).toEqual([1, 2, 2, 2]);
    expect(t.areas).toEqual([{ key: "area-mockbury", counts: [1, 2, 2, 2], total: 7 }]);
  });

  it("with no mapping open, counts nobody and only asks who is not assessed", () => {
    const t = childrenByRiskCategory([], AREAS);
    expect(t.columns).toEqual([{ code: "", label: "Not assessed" }]);
    expect(t.partnership).toEqual({ key: "", counts: [0], total: 0 });
    expect(t.areas).toEqual([]);
  });

  it("reads a missing or odd answer as no mappings, and missing counts as 0", () => {
    expect(parseOverview(null)).toEqual([]);
    expect(parseOverview({ mappings: "x" })).toEqual([]);
    expect(parseOverview({ mappings: [{ id: "m", status: "active" }] })[0]).toMatchObject({
      area_ids: [],
      subjects: {},
      open_actions: 0,
      risk_categories: [],
      children_by_risk_category: {},
      children_not_assessed: 0,
    });
    const odd = parseOverview({
      mappings: [
        {
          id: "m",
          risk_categories: [{ label: "no code" }, { code: "c1" }, "x", null],
          children_by_risk_category: ["not", "an", "object"],
          children_not_assessed: "3",
        },
      ],
    })[0];
    expect(odd?.risk_categories).toEqual([{ code: "c1", label: "c1", rank: 0 }]);
    expect(odd?.children_by_risk_category).toEqual({});
    expect(odd?.children_not_assessed).toBe(0);
  });
});
