import { describe, expect, it } from "vitest";

import {
  actionsByArea,
  byAreaAndStatus,
  byKindAndStatus,
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

  it("reads a missing or odd answer as no mappings, and missing counts as 0", () => {
    expect(parseOverview(null)).toEqual([]);
    expect(parseOverview({ mappings: "x" })).toEqual([]);
    expect(parseOverview({ mappings: [{ id: "m", status: "active" }] })[0]).toMatchObject({
      area_ids: [],
      subjects: {},
      open_actions: 0,
    });
  });
});
