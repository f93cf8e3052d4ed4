import { describe, expect, it } from "vitest";

import { ApiClient } from "../src/api";
import type { Information, MappingSubject, Subject } from "../src/records";
import { buildLink } from "../src/pages/links";
import { buildChronology } from "../src/subjects/chronology";
import { bestGrade, gradeWords } from "../src/subjects/grading";
import { buildInformation, type InformationFormValues } from "../src/subjects/information_form";
import { linkDates, linkSentence } from "../src/subjects/links";
import { addRoleFrom, fitsRole, groupSubjects, mappingRoleFor } from "../src/subjects/roles";
import {
  ageOn,
  ageText,
  readSearchAnswer,
  searchPath,
  searchSubjects,
} from "../src/subjects/search";
import { buildSubject, type SubjectFormValues } from "../src/subjects/subject_form";

const child = (id: string, label: string, extra: Partial<Subject> = {}): Subject => ({
  id,
  kind: "child",
  label,
  dob_precision: "unknown",
  ...extra,
});

describe("search", () => {
  it("sends only what was given, text trimmed, kinds joined", () => {
    expect(searchPath({ q: "  deano   mock ", dob: "", kinds: [] })).toBe("/search?q=deano+mock");
    expect(searchPath({ q: "", dob: "2010-05-26", kinds: ["child", "adult"] })).toBe(
      "/search?dob=2010-05-26&kind=child%2Cadult",
    );
  });

  it("calls GET /api/v1/search with the reason and reads the answer", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = new ApiClient((url, init) => {
      calls.push({ url, init });
      return Promise.resolve(
        new Response(
          JSON.stringify({
            results: [
              {
                subject: child("sub-1", "Kai Sample", { aliases: ["KJ"] }),
                mappings: [{ id: "map-1", title: "Network", status: "active" }],
              },
              { subject: { nonsense: true } },
            ],
            more: true,
          }),
          { status: 200, headers: { "Content-Type": "application/json" } },
        ),
      );
    });
    const answer = await searchSubjects(api, { q: "kai", dob: "", kinds: ["child"] }, "Checking");
    expect(calls[0]?.url).toBe("/api/v1/search?q=kai&kind=child");
    expect(new Headers(calls[0]?.init.headers).get("ContextMap-Reason")).toBe("Checking");
    expect(answer.more).toBe(true);
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]?.mappings[0]?.title).toBe("Network");
  });

  it("reads a malformed answer as no results", () => {
    expect(readSearchAnswer(null)).toEqual({ results: [], more: false });
    expect(readSearchAnswer({ results: "x" })).toEqual({ results: [], more: false });
  });

  it("works out ages, and says when a date of birth is approximate", () => {
    expect(ageOn("2010-05-26", "2026-05-25")).toBe(15);
    expect(ageOn("2010-05-26", "2026-05-26")).toBe(16);
    expect(ageOn(undefined, "2026-05-26")).toBeNull();
    expect(ageText({ dob: "2002-01-01", dob_precision: "approximate" }, "2026-06-01")).toBe(
      "About 24",
    );
    expect(ageText({ dob_precision: "unknown" }, "2026-06-01")).toBe("");
  });
});

describe("subjects on a mapping", () => {
  const on = (
    subject_id: string,
    role: MappingSubject["role"],
    removed_on?: string,
  ): MappingSubject => ({
    id: "ms-" + subject_id,
    mapping_id: "map-1",
    subject_id,
    role,
    ...(removed_on === undefined ? {} : { removed_on }),
  });

  it("groups as the protocol does, the child the mapping is about first", () => {
    const subjects: Subject[] = [
      child("c1", "Zara Testcase"),
      child("c2", "Ella Placeholder"),
      { id: "a1", kind: "adult", label: "Dean Mockley", dob_precision: "unknown" },
      { id: "l1", kind: "location", label: "Station", dob_precision: "unknown" },
      { id: "l2", kind: "location", label: "School", dob_precision: "unknown" },
      { id: "g1", kind: "group", label: "Kestrel line", dob_precision: "unknown" },
      { id: "p1", kind: "professional", label: "Boxing coach", dob_precision: "unknown" },
      { id: "x1", kind: "parent_carer", label: "Mother", dob_precision: "unknown" },
      child("c3", "Gone Away"),
    ];
    const groups = groupSubjects(
      [
        on("c2", "cohort_member"),
        on("c1", "subject_child"),
        on("a1", "adult_of_concern"),
        on("l1", "location_of_concern"),
        on("l2", "associate"),
        on("g1", "associate"),
        on("p1", "key_contact"),
        on("x1", "associate"),
        on("c3", "cohort_member", "2026-01-01"),
        on("hidden", "cohort_member"),
      ],
      subjects,
    );
    const names = Object.fromEntries(
      groups.map((g) => [g.key, g.members.map((m) => m.subject.label)]),
    );
    expect(names).toEqual({
      child: ["Zara Testcase", "Ella Placeholder"],
      adult_of_concern: ["Dean Mockley"],
      place: ["School", "Station"],
      group: ["Kestrel line"],
      key_contact: ["Boxing coach"],
      other: ["Mother"],
      removed: ["Gone Away"],
    });
  });

  it("adds the first child of an individual mapping as the child it is about", () => {
    expect(mappingRoleFor("child", { kind: "individual" }, [])).toBe("subject_child");
    expect(mappingRoleFor("child", { kind: "individual" }, [{ role: "subject_child" }])).toBe(
      "cohort_member",
    );
    expect(mappingRoleFor("child", { kind: "peer_group" }, [])).toBe("cohort_member");
    expect(mappingRoleFor("group", { kind: "peer_group" }, [])).toBe("associate");
    expect(mappingRoleFor("place", { kind: "place" }, [])).toBe("location_of_concern");
  });

  it("offers an adult for the cohort only as a care leaver, and reads roles from URLs", () => {
    expect(fitsRole("child", { kind: "adult" })).toBe(false);
    expect(fitsRole("child", { kind: "adult", care_leaver: true })).toBe(true);
    expect(fitsRole("key_contact", { kind: "adult" })).toBe(false);
    expect(addRoleFrom("place")).toBe("place");
    expect(addRoleFrom("toString")).toBeNull();
    expect(addRoleFrom(null)).toBeNull();
  });
});

describe("a new or changed subject", () => {
  const blank: SubjectFormValues = {
    label: "",
    full_name: "",
    aliases: "",
    dob: "",
    dob_precision: "",
    gender: "",
    care_leaver: false,
    school_id: "",
    agency_records: [],
    address: "",
    postcode: "",
    venue_type: "",
    group_type: "",
    area_id: "",
    description: "",
  };

  it("builds a person, the label defaulting to the full name", () => {
    const { subject, errors } = buildSubject(
      "child",
      {
        ...blank,
        full_name: "  Kai   Sample ",
        aliases: "KJ\n\n KJ \nKai S",
        dob: "2010-03-27",
        dob_precision: "exact",
        gender: "male",
        agency_records: [
          { agency_id: "agy-csc", reference: " CSC-1 ", status: "open" },
          { agency_id: "", reference: "", status: "open" },
        ],
      },
      "subject-",
    );
    expect(errors).toEqual([]);
    expect(subject).toEqual({
      kind: "child",
      label: "Kai Sample",
      full_name: "Kai Sample",
      aliases: ["KJ", "Kai S"],
      dob: "2010-03-27",
      dob_precision: "exact",
      gender: "male",
      agency_records: [{ agency_id: "agy-csc", reference: "CSC-1", status: "open" }],
    });
  });

  it("names each problem on its input, with the prefix", () => {
    const { errors } = buildSubject("child", { ...blank, dob: null }, "subject-");
    expect(errors.map((e) => e.id)).toEqual(["subject-full_name", "subject-dob"]);
    expect(
      buildSubject("adult", { ...blank, full_name: "A B", dob_precision: "exact" }, "").errors[0]
        ?.id,
    ).toBe("dob");
    expect(
      buildSubject(
        "adult",
        { ...blank, full_name: "A B", dob: "2000-01-01", dob_precision: "unknown" },
        "",
      ).errors[0]?.id,
    ).toBe("dob_precision");
    expect(buildSubject("group", { ...blank, label: "Line" }, "").errors[0]?.id).toBe("group_type");
  });

  it("builds a place with only a place's fields", () => {
    const { subject, errors } = buildSubject(
      "location",
      {
        ...blank,
        label: "Flat 3",
        postcode: "zz9 3hs",
        venue_type: "trap_house",
        full_name: "ignored",
      },
      "subject-",
    );
    expect(errors).toEqual([]);
    expect(subject).toEqual({
      kind: "location",
      label: "Flat 3",
      dob_precision: "unknown",
      postcode: "ZZ9 3HS",
      venue_type: "trap_house",
    });
  });
});

describe("grades and links in words", () => {
  const g = (
    source: Information["source"],
    assessment: Information["assessment"],
    handling: Information["handling"] = "P",
  ) => ({
    source,
    assessment,
    handling,
  });

  it("picks the surest grade", () => {
    expect(bestGrade([g("2", "A"), g("1", "C"), g("1", "B", "C")])).toBe("1BC");
    expect(bestGrade([])).toBe("");
    expect(gradeWords(g("1", "B"))).toBe(
      "reliable source, known indirectly but corroborated, may be shared",
    );
  });

  it("reads a link as a sentence with its dates", () => {
    expect(linkSentence("Kai Sample", "stays_at_when_missing", "Flat 3")).toBe(
      "Kai Sample stays at Flat 3 when missing",
    );
    expect(linkSentence("Kai Sample", "recruited_by", "Tyler Invented")).toBe(
      "Kai Sample was recruited by Tyler Invented",
    );
    expect(linkDates({ status: "current", started_on: "2026-03-03" })).toBe(
      "Current, since 3 March 2026",
    );
    expect(
      linkDates({ status: "historic", started_on: "2024-05-01", ended_on: "2025-06-02" }),
    ).toBe("Historic, 1 May 2024 to 2 June 2025");
  });

  it("builds a link recorded in this mapping, and refuses one to itself", () => {
    const v = {
      from: "a",
      to: "b",
      type: "friend",
      valence: "",
      strength: "2",
      directed: false,
      status: "current",
      started_on: "",
      ended_on: "",
      notes: " Met at school ",
    };
    expect(buildLink(v, "map-1")).toEqual({
      errors: [],
      link: {
        from_subject_id: "a",
        to_subject_id: "b",
        type: "friend",
        valence: "unknown",
        strength: 2,
        directed: false,
        status: "current",
        origin_mapping_id: "map-1",
        notes: "Met at school",
      },
    });
    expect(buildLink({ ...v, to: "a" }, "map-1").errors[0]?.id).toBe("to_subject_id");
    expect(buildLink({ ...v, ended_on: "2026-01-01" }, "map-1").errors[0]?.id).toBe("ended_on");
  });
});

describe("information and sightings", () => {
  const ctx = {
    mappingId: "map-1",
    subjectId: "sub-1",
    agencyId: "agy-csc",
    author: "Priya Example",
    authorUserId: "usr-02",
    today: "2026-05-26",
  };
  const v: InformationFormValues = {
    text: " Seen getting into a grey car. ",
    evidence: "evidenced",
    captured_on: "2026-05-20",
    source: "1",
    assessment: "B",
    handling: "P",
    conditions: "ignored",
    share_with: [],
    approval_required: false,
  };

  it("builds a graded item from the user's own agency", () => {
    const { body, errors } = buildInformation(v, ctx);
    expect(errors).toEqual([]);
    expect(body).toEqual({
      mapping_id: "map-1",
      subject_id: "sub-1",
      source_agency_id: "agy-csc",
      author: "Priya Example",
      author_user_id: "usr-02",
      recorded_on: "2026-05-26",
      text: "Seen getting into a grey car.",
      evidence: "evidenced",
      captured_on: "2026-05-20",
      source: "1",
      assessment: "B",
      handling: "P",
    });
  });

  it("records a C item's conditions, never sharing with its own agency twice", () => {
    const { body } = buildInformation(
      {
        ...v,
        handling: "C",
        conditions: "Not to the family",
        share_with: ["agy-police", "agy-csc"],
        approval_required: true,
      },
      ctx,
    );
    expect(body.handling_conditions).toEqual({
      text: "Not to the family",
      share_with_agency_ids: ["agy-police"],
      originator_approval_required: true,
    });
    expect(buildInformation({ ...v, handling: "C", conditions: " " }, ctx).errors[0]?.id).toBe(
      "handling_conditions-text",
    );
  });

  it("builds a sighting, its date becoming the date known when none is given", () => {
    const { body, errors } = buildInformation(
      {
        ...v,
        captured_on: "",
        sighting: {
          seen_on: "2026-05-24",
          seen_time: "6.30",
          location_subject_id: "loc-1",
          location_description: "",
          present: ["sub-1", "sub-2", "sub-1"],
          seen_by: "Jess Dummy",
        },
      },
      ctx,
    );
    expect(errors).toEqual([]);
    expect(body.captured_on).toBe("2026-05-24");
    expect(body.sighting).toEqual({
      seen_on: "2026-05-24",
      seen_time: "06:30",
      location_subject_id: "loc-1",
      present_subject_ids: ["sub-1", "sub-2"],
      seen_by: "Jess Dummy",
      seen_by_agency_id: "agy-csc",
    });
    const bad = buildInformation(
      {
        ...v,
        sighting: {
          seen_on: "2026-06-01",
          seen_time: "25:00",
          location_subject_id: "",
          location_description: "",
          present: [],
          seen_by: "",
        },
      },
      ctx,
    );
    expect(bad.errors.map((e) => e.id)).toEqual([
      "sighting-seen_on",
      "sighting-seen_time",
      "sighting-present_subject_ids",
    ]);
  });
});

describe("chronology", () => {
  it("lists everything dated, newest first, latest time first on the same day", () => {
    const entries = buildChronology(
      {
        subjectId: "s1",
        information: [
          {
            id: "i1",
            subject_id: "s1",
            source_agency_id: "agy-police",
            text: "Seen at the station",
            captured_on: "2026-03-02",
            recorded_on: "2026-03-02",
            source: "1",
            assessment: "A",
            handling: "P",
            evidence: "evidenced",
            sighting: {
              seen_on: "2026-03-01",
              seen_time: "06:50",
              present_subject_ids: ["s1", "s2"],
              location_subject_id: "l1",
            },
          },
          {
            id: "i2",
            subject_id: "s1",
            source_agency_id: "agy-csc",
            author: "Hannah Fictional",
            text: "Missing overnight",
            captured_on: "2026-03-01",
            recorded_on: "2026-03-01",
            source: "2",
            assessment: "C",
            handling: "P",
            evidence: "anecdotal",
          },
        ],
        links: [
          {
            id: "k1",
            from_subject_id: "s1",
            to_subject_id: "s2",
            type: "friend",
            valence: "neutral",
            strength: 2,
            status: "historic",
            started_on: "2025-01-01",
            ended_on: "2026-04-01",
          },
        ],
        factors: [],
        risks: [
          {
            id: "r1",
            mapping_id: "m1",
            subject_id: "s1",
            category: "3",
            rationale: "High",
            assessed_on: "2026-05-01",
          },
        ],
        referrals: [],
        actions: [],
        questions: [],
        onMappings: [
          {
            id: "ms1",
            mapping_id: "m1",
            subject_id: "s1",
            role: "cohort_member",
            added_on: "2025-12-01",
          },
        ],
      },
      {
        subject: (id) =>
          ({ s1: "Kai Sample", s2: "Leo Fictional", l1: "Port Fable station" })[id] ?? "?",
        agency: (id) =>
          id === "agy-police" ? "Northwick Police" : id === "agy-csc" ? "Northwick CSC" : "",
        mapping: () => "Network",
        category: () => "High risk",
      },
    );
    expect(entries.map((e) => `${e.date} ${e.title}`)).toEqual([
      "2026-05-01 Risk category: High risk",
      "2026-04-01 Link ended",
      "2026-03-01 Seen at Port Fable station with Leo Fictional (1AP)",
      "2026-03-01 Information (2CP, anecdotal)",
      "2025-12-01 Added to the mapping Network",
      "2025-01-01 Link began",
    ]);
    expect(entries[3]?.by).toBe("Hannah Fictional, Northwick CSC");
  });
});
