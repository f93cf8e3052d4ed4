import { describe, expect, it } from "vitest";

import {
  actionsStatus,
  atRiskWithoutReferral,
  childrenOn,
  closureStatus,
  factorsStatus,
  linksInWords,
  meetingsStatus,
  NOT_STARTED,
  nextReview,
  preMappingStatus,
  questionsStatus,
  referralsStatus,
  snapshotsStatus,
  subjectsStatus,
  submissionsStatus,
} from "../src/mapping_tasks";
import type { MappingBundle, Subject } from "../src/records";

const M = "map-1";
const TODAY = "2026-12-01";

function person(id: string, label: string, kind: Subject["kind"]): Subject {
  return { id, label, kind, dob_precision: "unknown" };
}

const EMPTY: MappingBundle = { mappings: [] };

const bundle: MappingBundle = {
  subjects: [
    person("c1", "Kai Sample", "child"),
    person("c2", "Leo Fictional", "child"),
    person("c3", "Ruby Example", "child"),
    person("a1", "Shaun Madeup", "adult"),
    person("p1", "Sam Pretend", "professional"),
    person("l1", "Flat 3 Gullhaven Court", "location"),
    person("g1", "Kestrel line", "group"),
  ],
  mapping_subjects: [
    { id: "ms1", mapping_id: M, subject_id: "c1", role: "cohort_member" },
    { id: "ms2", mapping_id: M, subject_id: "c2", role: "cohort_member" },
    { id: "ms3", mapping_id: M, subject_id: "c3", role: "associate", removed_on: "2026-11-01" },
    { id: "ms4", mapping_id: M, subject_id: "a1", role: "adult_of_concern" },
    { id: "ms5", mapping_id: M, subject_id: "p1", role: "key_contact" },
    { id: "ms6", mapping_id: M, subject_id: "l1", role: "location_of_concern" },
    { id: "ms7", mapping_id: M, subject_id: "g1", role: "associate" },
    { id: "ms8", mapping_id: "other", subject_id: "c3", role: "subject_child" },
  ],
  links: [
    {
      id: "lnk-1",
      from_subject_id: "c1",
      to_subject_id: "a1",
      type: "associate",
      valence: "harmful",
      strength: 3,
      status: "current",
    },
    {
      id: "lnk-2",
      from_subject_id: "c2",
      to_subject_id: "c1",
      type: "best_friend",
      valence: "protective",
      strength: 2,
      status: "historic",
    },
    {
      id: "lnk-3",
      from_subject_id: "c1",
      to_subject_id: "c3",
      type: "friend",
      valence: "neutral",
      strength: 1,
      status: "current",
    },
  ],
};

describe("subjects", () => {
  it("counts who and what is on the mapping now", () => {
    expect(subjectsStatus(bundle, M)).toEqual({
      status: "2 children, 1 adult, 1 place, 1 group, 1 key contact",
    });
    expect(childrenOn(bundle, M).map((s) => s.id)).toEqual(["c1", "c2"]);
  });
  it("is not started with nobody on it", () => {
    expect(subjectsStatus(EMPTY, M)).toBe(NOT_STARTED);
  });
});

describe("linksInWords", () => {
  it("says each link between subjects on the mapping, skipping removed ones", () => {
    expect(linksInWords(bundle, M).map((l) => l.sentence)).toEqual([
      "Kai Sample - associate - Shaun Madeup: strong, harmful",
      "Leo Fictional - best friend - Kai Sample: medium, protective, historic",
    ]);
  });
});

describe("meetings and submissions", () => {
  it("pre-mapping: not started, planned, then completed", () => {
    expect(preMappingStatus(EMPTY, M)).toBe(NOT_STARTED);
    const planned: MappingBundle = {
      meetings: [
        { id: "m1", mapping_id: M, kind: "pre_mapping", status: "planned", date: "2026-12-09" },
      ],
    };
    expect(preMappingStatus(planned, M)).toEqual({ status: "Planned for 9 December 2026" });
    const held: MappingBundle = {
      meetings: [
        ...(planned.meetings ?? []),
        { id: "m2", mapping_id: M, kind: "pre_mapping", status: "held", date: "2026-11-02" },
      ],
    };
    expect(preMappingStatus(held, M)).toEqual({ status: "Completed" });
  });
  it("counts meetings held and planned, and the next review", () => {
    const b: MappingBundle = {
      meetings: [
        {
          id: "m1",
          mapping_id: M,
          kind: "initial",
          status: "held",
          date: "2026-10-01",
          next_review_on: "2027-01-05",
        },
        { id: "m2", mapping_id: M, kind: "review", status: "cancelled", date: "2026-12-20" },
      ],
    };
    expect(meetingsStatus(b, M)).toEqual({ status: "1 held" });
    expect(nextReview(b, M, TODAY)).toBe("2027-01-05");
    const withPlanned: MappingBundle = {
      meetings: [
        ...(b.meetings ?? []),
        { id: "m3", mapping_id: M, kind: "review", status: "planned", date: "2026-12-15" },
      ],
    };
    expect(meetingsStatus(withPlanned, M)).toEqual({ status: "1 held, 1 planned" });
    expect(nextReview(withPlanned, M, TODAY)).toBe("2026-12-15");
    expect(nextReview(EMPTY, M, TODAY)).toBe("");
  });
  it("counts submissions, leaving withdrawn ones out", () => {
    expect(submissionsStatus(EMPTY, M)).toBe(NOT_STARTED);
    const b: MappingBundle = {
      agency_submissions: [
        { id: "s1", mapping_id: M, agency_id: "a", status: "submitted" },
        { id: "s2", mapping_id: M, agency_id: "b", status: "submitted" },
        { id: "s3", mapping_id: M, agency_id: "c", status: "draft" },
        { id: "s4", mapping_id: M, agency_id: "d", status: "withdrawn" },
      ],
    };
    expect(submissionsStatus(b, M)).toEqual({ status: "2 submitted, 1 draft" });
  });
});

describe("actions and key questions", () => {
  const action = (
    id: string,
    status: "open" | "done" | "in_progress" | "cancelled",
    due: string,
  ) => ({
    id,
    mapping_id: M,
    description: "d",
    kind: "other" as const,
    owner: "o",
    owner_agency_id: "a",
    due_on: due,
    status,
  });
  it("shows overdue in red before open, and completed when none is open", () => {
    expect(actionsStatus(EMPTY, M, TODAY)).toBe(NOT_STARTED);
    const b: MappingBundle = {
      actions: [
        action("1", "open", "2026-11-30"),
        action("2", "in_progress", "2026-10-01"),
        action("3", "open", "2026-12-01"),
        action("4", "done", "2026-01-01"),
      ],
    };
    expect(actionsStatus(b, M, TODAY)).toEqual({ status: "2 overdue", colour: "red" });
    expect(actionsStatus(b, M, "2026-09-01")).toEqual({ status: "3 open" });
    expect(
      actionsStatus(
        { actions: [action("4", "done", "2026-01-01"), action("5", "cancelled", "2026-01-01")] },
        M,
        TODAY,
      ),
    ).toEqual({ status: "Completed" });
  });
  it("treats key questions the same way; undated ones are never overdue", () => {
    const b: MappingBundle = {
      key_questions: [
        { id: "q1", mapping_id: M, question: "q", status: "open" },
        { id: "q2", mapping_id: M, question: "q", status: "answered", answer: "a" },
      ],
    };
    expect(questionsStatus(b, M, TODAY)).toEqual({ status: "1 open" });
    const overdue: MappingBundle = {
      key_questions: [
        { id: "q3", mapping_id: M, question: "q", status: "open", due_on: "2026-11-01" },
      ],
    };
    expect(questionsStatus(overdue, M, TODAY)).toEqual({ status: "1 overdue", colour: "red" });
  });
});

describe("factors, risk and referrals", () => {
  const profile = {
    risk_categories: [{ code: "cse_1", label: "Category 1", rank: 1 }],
  };
  const risk = (id: string, subject: string) => ({
    id,
    mapping_id: M,
    subject_id: subject,
    category: "cse_1",
    rationale: "r",
    assessed_on: "2026-11-01",
  });
  it("waits for children, then counts decisions against the profile's categories", () => {
    expect(factorsStatus(EMPTY, M, profile)).toEqual({ status: "No children yet", colour: "grey" });
    expect(factorsStatus(bundle, M, profile)).toBe(NOT_STARTED);
    const one = { ...bundle, risk_assessments: [risk("r1", "c1")] };
    expect(factorsStatus(one, M, profile)).toEqual({ status: "Risk category for 1 of 2 children" });
    const both = { ...bundle, risk_assessments: [risk("r1", "c1"), risk("r2", "c2")] };
    expect(factorsStatus(both, M, profile)).toEqual({ status: "Completed" });
  });
  it("counts factors when the profile has no categories", () => {
    const b = {
      ...bundle,
      factors: [
        { id: "f1", mapping_id: M, subject_id: "c1", category: "strength" as const, text: "t" },
        { id: "f2", mapping_id: M, subject_id: "c1", category: "concern" as const, text: "t" },
      ],
    };
    expect(factorsStatus(b, M, { risk_categories: [] })).toEqual({
      status: "2 factors for 1 child",
    });
  });
  it("flags children at risk with no referral made", () => {
    const b: MappingBundle = {
      ...bundle,
      risk_assessments: [risk("r1", "c1"), risk("r2", "c2")],
      referrals: [
        { id: "f1", mapping_id: M, subject_id: "c1", target: "mace", status: "made" },
        { id: "f2", mapping_id: M, subject_id: "c2", target: "mace", status: "planned" },
      ],
    };
    expect(atRiskWithoutReferral(b, M)).toEqual(["c2"]);
    expect(referralsStatus(b, M)).toEqual({
      status: "1 child at risk with no referral",
      colour: "red",
    });
    expect(referralsStatus({ referrals: b.referrals ?? [] }, M)).toEqual({ status: "2 referrals" });
    expect(referralsStatus(EMPTY, M)).toBe(NOT_STARTED);
  });
});

describe("snapshots and closure", () => {
  it("counts snapshots and names the latest", () => {
    const b: MappingBundle = {
      map_snapshots: [
        { id: "s1", mapping_id: M, taken_on: "2026-10-13" },
        { id: "s2", mapping_id: M, taken_on: "2026-11-02" },
      ],
    };
    expect(snapshotsStatus(b, M)).toEqual({ status: "2 snapshots, latest 2 November 2026" });
    expect(snapshotsStatus(EMPTY, M)).toBe(NOT_STARTED);
  });
  it("is completed once closed", () => {
    expect(closureStatus({ status: "closed" })).toEqual({ status: "Completed" });
    expect(closureStatus({ status: "review" })).toBe(NOT_STARTED);
  });
});
