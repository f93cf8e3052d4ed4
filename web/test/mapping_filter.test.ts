import { describe, expect, it } from "vitest";

import {
  applyFilter,
  filterQuery,
  isFiltered,
  NO_FILTER,
  parseFilter,
  sortMappings,
  withoutValue,
} from "../src/mapping_filter";
import type { Mapping } from "../src/records";

function mapping(id: string, over: Partial<Mapping> = {}): Mapping {
  return {
    id,
    title: "Mapping " + id,
    kind: "peer_group",
    trigger: "other",
    trigger_date: "2026-01-01",
    status: "active",
    level: "none",
    profile_id: "prof-a",
    ...over,
  };
}

describe("parseFilter", () => {
  it("reads known codes and id-shaped values, once each", () => {
    expect(
      parseFilter(
        "?status=active&status=closed&status=active&kind=place&area=area-x&profile=prof-a",
      ),
    ).toEqual({
      status: ["active", "closed"],
      kind: ["place"],
      area: ["area-x"],
      profile: ["prof-a"],
    });
  });

  it("drops unknown codes, words and markup", () => {
    const f = parseFilter(
      "?status=open&kind=gang&area=" +
        encodeURIComponent("<img src=x onerror=alert(1)>") +
        "&profile=" +
        encodeURIComponent("Kai Sample") +
        "&q=Kai",
    );
    expect(f).toEqual(NO_FILTER);
    expect(isFiltered(f)).toBe(false);
  });

  it("round-trips through the query string", () => {
    const f = { status: ["review"], kind: ["individual", "place"], area: ["a-1"], profile: [] };
    expect(filterQuery(f)).toBe("?status=review&kind=individual&kind=place&area=a-1");
    expect(parseFilter(filterQuery(f))).toEqual(f);
    expect(filterQuery(NO_FILTER)).toBe("");
  });

  it("removes one value for a filter tag's link", () => {
    const f = parseFilter("?status=active&status=review&kind=place");
    expect(filterQuery(withoutValue(f, "status", "active"))).toBe("?status=review&kind=place");
  });
});

describe("applyFilter", () => {
  const all = [
    mapping("1", { status: "active", kind: "place", area_ids: ["a-1", "a-2"] }),
    mapping("2", { status: "closed", kind: "place", area_ids: ["a-2"], profile_id: "prof-b" }),
    mapping("3", { status: "review", kind: "individual" }),
  ];
  const ids = (f: string) => applyFilter(all, parseFilter(f)).map((m) => m.id);

  it("keeps everything with no filter", () => {
    expect(ids("")).toEqual(["1", "2", "3"]);
  });
  it("ors within a question and ands across them", () => {
    expect(ids("?status=active&status=closed")).toEqual(["1", "2"]);
    expect(ids("?status=active&status=closed&profile=prof-b")).toEqual(["2"]);
    expect(ids("?kind=place&area=a-1")).toEqual(["1"]);
    expect(ids("?area=a-2")).toEqual(["1", "2"]);
    expect(ids("?area=a-9")).toEqual([]);
  });
});

describe("sortMappings", () => {
  it("puts open mappings first, then sorts by title", () => {
    const sorted = sortMappings([
      mapping("1", { title: "b", status: "closed" }),
      mapping("2", { title: "C" }),
      mapping("3", { title: "a" }),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(["3", "2", "1"]);
  });
});
