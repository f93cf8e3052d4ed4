import { describe, expect, it } from "vitest";

import {
  checkMapping,
  factorChanges,
  mappingFromValues,
  objectivesFrom,
  snapshotFromBundle,
  type MappingValues,
} from "../src/mapping_record";
import type { Factor, Mapping, MappingBundle } from "../src/records";

const VALUES: MappingValues = {
  profile_id: "prof-peer-mapping",
  title: "  Network - county line to the coast ",
  kind: "peer_group",
  trigger: "significant_incident",
  trigger_date: "2026-11-20",
  trigger_detail: "",
  objectives: "Identify the children\n\n  Safeguard each child  \r\n",
  chair_user_id: "usr-02",
  co_chair_user_id: "",
  area_ids: ["area-mockbury"],
  level: "none",
  parent_mapping_id: "",
};

describe("mappingFromValues", () => {
  it("builds a new mapping at pre-mapping, opened today, without empty optional fields", () => {
    expect(mappingFromValues(VALUES, "2026-12-01")).toEqual({
      title: "Network - county line to the coast",
      kind: "peer_group",
      trigger: "significant_incident",
      trigger_date: "2026-11-20",
      level: "none",
      profile_id: "prof-peer-mapping",
      status: "pre_mapping",
      opened_on: "2026-12-01",
      chair_user_id: "usr-02",
      objectives: ["Identify the children", "Safeguard each child"],
      area_ids: ["area-mockbury"],
    });
  });

  it("changes a stored mapping, keeping what the form does not show and clearing emptied fields", () => {
    const base: Mapping = {
      id: "map-1",
      version: 3,
      title: "Old",
      kind: "place",
      trigger: "other",
      trigger_date: "2026-01-01",
      trigger_detail: "Old detail",
      status: "active",
      level: "bronze",
      profile_id: "prof-place-based",
      co_chair_user_id: "usr-05",
      opened_on: "2026-01-02",
      osara: { scanning: "kept" },
      objectives: ["old"],
    };
    const m = mappingFromValues(
      { ...VALUES, objectives: " ", status: "review" },
      "2026-12-01",
      base,
    );
    expect(m).toMatchObject({ id: "map-1", version: 3, status: "review", opened_on: "2026-01-02" });
    expect(m.profile_id).toBe("prof-place-based");
    expect(m.osara).toEqual({ scanning: "kept" });
    expect(m).not.toHaveProperty("trigger_detail");
    expect(m).not.toHaveProperty("co_chair_user_id");
    expect(m).not.toHaveProperty("objectives");
  });

  it("splits objectives one per line", () => {
    expect(objectivesFrom("a\r\n b \n\n")).toEqual(["a", "b"]);
  });
});

describe("checkMapping", () => {
  it("names every missing field at once", () => {
    const errors = checkMapping(
      { ...VALUES, title: " ", kind: "", trigger: "", trigger_date: "" },
      "usr-02",
      { today: "2026-12-01" },
    );
    expect(errors.map((e) => e.id)).toEqual(["title", "kind", "trigger", "trigger_date"]);
  });
  it("refuses a date that is not real or is in the future", () => {
    expect(checkMapping({ ...VALUES, trigger_date: null }, "usr-02")[0]?.message).toBe(
      "Trigger date must be a real date",
    );
    expect(
      checkMapping({ ...VALUES, trigger_date: "2026-12-02" }, "usr-02", { today: "2026-12-01" })[0]
        ?.id,
    ).toBe("trigger_date");
  });
  it("makes the person opening a mapping its chair or co-chair", () => {
    expect(checkMapping(VALUES, "usr-02")).toEqual([]);
    expect(checkMapping({ ...VALUES, co_chair_user_id: "usr-09" }, "usr-09")).toEqual([]);
    expect(checkMapping(VALUES, "usr-03").map((e) => e.id)).toEqual(["chair_user_id"]);
    expect(checkMapping(VALUES, "usr-03", { today: "", isMember: true })).toEqual([]);
    expect(
      checkMapping({ ...VALUES, co_chair_user_id: "usr-02" }, "usr-02").map((e) => e.id),
    ).toEqual(["co_chair_user_id"]);
  });
});

describe("snapshotFromBundle", () => {
  it("takes the subjects on the mapping now and the links between them", () => {
    const b: MappingBundle = {
      subjects: [
        { id: "c1", label: "Kai Sample", kind: "child", dob_precision: "unknown" },
        { id: "c2", label: "Leo Fictional", kind: "child", dob_precision: "unknown" },
        { id: "c3", label: "Gone", kind: "child", dob_precision: "unknown" },
      ],
      mapping_subjects: [
        { id: "1", mapping_id: "m", subject_id: "c1", role: "cohort_member", x: 10, y: -4 },
        { id: "2", mapping_id: "m", subject_id: "c2", role: "associate" },
        { id: "3", mapping_id: "m", subject_id: "c3", role: "associate", removed_on: "2026-01-01" },
      ],
      links: [
        {
          id: "l1",
          from_subject_id: "c1",
          to_subject_id: "c2",
          type: "friend",
          valence: "protective",
          strength: 2,
          status: "current",
          directed: false,
        },
        {
          id: "l2",
          from_subject_id: "c1",
          to_subject_id: "c3",
          type: "friend",
          valence: "neutral",
          strength: 1,
          status: "current",
        },
      ],
    };
    const s = snapshotFromBundle(b, "m", {
      taken_on: "2026-12-01",
      title: " Session 2 ",
      meeting_id: "",
    });
    expect(s).toEqual({
      mapping_id: "m",
      taken_on: "2026-12-01",
      title: "Session 2",
      nodes: [
        {
          subject_id: "c1",
          label: "Kai Sample",
          kind: "child",
          role: "cohort_member",
          x: 10,
          y: -4,
        },
        { subject_id: "c2", label: "Leo Fictional", kind: "child", role: "associate" },
      ],
      edges: [
        {
          link_id: "l1",
          from_subject_id: "c1",
          to_subject_id: "c2",
          type: "friend",
          valence: "protective",
          strength: 2,
          directed: false,
        },
      ],
    });
  });
});

describe("factorChanges", () => {
  const f = (id: string, code: string, over: Partial<Factor> = {}): Factor => ({
    id,
    mapping_id: "m",
    subject_id: "c1",
    category: "vulnerability",
    code,
    ...over,
  });
  it("adds newly ticked codes and resolves unticked ones, leaving others alone", () => {
    const current = [
      f("1", "missing"),
      f("2", "school"),
      f("3", "old", { resolved_on: "2026-01-01" }),
      f("4", "gifts", { category: "risk" }),
      f("5", "", { text: "free text" }),
    ];
    const changes = factorChanges(current, "vulnerability", ["missing", "old", "care", "care"]);
    expect(changes.add).toEqual(["old", "care"]);
    expect(changes.resolve.map((x) => x.id)).toEqual(["2"]);
  });
});
