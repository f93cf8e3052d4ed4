import { describe, expect, it } from "vitest";

import type { Action, KeyQuestion, Meeting, ProtocolProfile } from "../src/records";
import {
  actionAfterUpdate,
  agendaFor,
  cleanDecisions,
  isOverdue,
  meetingsNewestFirst,
  overdueFirst,
  promptsFor,
  questionAfterChange,
  recordHref,
  resolveOwner,
  meetingName,
  timeInWords,
  timeValue,
  withFields,
} from "../src/work";

const TODAY = "2026-12-01";

const action = (id: string, due_on: string, status: Action["status"] = "open"): Action => ({
  id,
  mapping_id: "map-1",
  description: "Check the park's lighting",
  kind: "place_based",
  owner: "Dan Testcase",
  owner_agency_id: "agy-1",
  due_on,
  status,
});

describe("overdue", () => {
  it("is open and due before today", () => {
    expect(isOverdue({ due_on: "2026-11-30", status: "open" }, TODAY)).toBe(true);
    expect(isOverdue({ due_on: "2026-11-30", status: "in_progress" }, TODAY)).toBe(true);
    expect(isOverdue({ due_on: "2026-12-01", status: "open" }, TODAY)).toBe(false);
    expect(isOverdue({ due_on: "2026-11-30", status: "done" }, TODAY)).toBe(false);
    expect(isOverdue({ due_on: "2026-11-30", status: "answered" }, TODAY)).toBe(false);
    expect(isOverdue({ status: "open" }, TODAY)).toBe(false);
  });

  it("lists overdue first, then open by due date (undated last), then finished", () => {
    const list = [
      action("a-done", "2026-01-01", "done"),
      action("a-later", "2026-12-20"),
      action("a-none", ""),
      action("a-late2", "2026-11-20", "in_progress"),
      action("a-soon", "2026-12-02"),
      action("a-late1", "2026-10-01"),
      action("a-cancelled", "2026-11-01", "cancelled"),
    ];
    expect(overdueFirst(list, TODAY).map((a) => a.id)).toEqual([
      "a-late1",
      "a-late2",
      "a-soon",
      "a-later",
      "a-none",
      "a-done",
      "a-cancelled",
    ]);
  });

  it("orders ties by id so the list is stable", () => {
    const list = [action("b", "2026-12-05"), action("a", "2026-12-05")];
    expect(overdueFirst(list, TODAY).map((a) => a.id)).toEqual(["a", "b"]);
  });
});

const meeting = (id: string, date: string, start_time?: string): Meeting => ({
  id,
  mapping_id: "map-1",
  kind: "review",
  status: "planned",
  date,
  ...(start_time === undefined ? {} : { start_time }),
});

describe("meetings", () => {
  it("lists the newest first, by date then time", () => {
    const list = [
      meeting("m1", "2026-09-18", "10:00"),
      meeting("m3", "2026-12-07", "09:30"),
      meeting("m2", "2026-12-07", "14:00"),
    ];
    expect(meetingsNewestFirst(list).map((m) => m.id)).toEqual(["m2", "m3", "m1"]);
  });

  const profile: ProtocolProfile = {
    id: "prof-1",
    name: "MAP meeting",
    meeting_templates: [
      {
        meeting_kind: "initial",
        name: "Initial MAP meeting",
        sections: [
          { heading: "Family background", prompts: ["Who lives at home?"] },
          { heading: "Strengths" },
        ],
      },
    ],
  };

  it("starts a new meeting's agenda from the profile's template for its kind", () => {
    expect(agendaFor(profile, "initial")).toEqual([
      { heading: "Family background" },
      { heading: "Strengths" },
    ]);
    expect(agendaFor(profile, "review")).toEqual([]);
    expect(agendaFor(null, "initial")).toEqual([]);
    expect(promptsFor(profile, "initial", "Family background")).toEqual(["Who lives at home?"]);
    expect(promptsFor(profile, "initial", "Strengths")).toEqual([]);
  });

  it("keeps only the decisions typed", () => {
    expect(cleanDecisions(["  Category 2 ", "", "   ", "Review in 3 months"])).toEqual([
      "Category 2",
      "Review in 3 months",
    ]);
  });
});

describe("addresses", () => {
  it("leads each due item to its record's page", () => {
    expect(recordHref("meeting", "mtg-1")).toBe("/meetings/mtg-1");
    expect(recordHref("action", "act 1")).toBe("/actions/act%201");
    expect(recordHref("key_question", "kq-1")).toBe("/questions/kq-1");
    expect(recordHref("mapping", "map-1")).toBe("/mappings/map-1");
    expect(recordHref("factor", "f-1")).toBeNull();
  });
});

describe("changes built from forms", () => {
  it("sets completed_on when an action is done, and clears it when reopened", () => {
    const done = actionAfterUpdate(action("a", "2026-12-05"), "done", TODAY);
    expect(done.status).toBe("done");
    expect(done.completed_on).toBe(TODAY);
    const reopened = actionAfterUpdate(done, "in_progress", "2026-12-02");
    expect(reopened.status).toBe("in_progress");
    expect("completed_on" in reopened).toBe(false);
  });

  it("answers a key question with its date, and an open one keeps no date", () => {
    const q: KeyQuestion = {
      id: "kq-1",
      mapping_id: "map-1",
      question: "Who is the adult at the flat?",
      status: "open",
    };
    expect(
      questionAfterChange(q, { status: "answered", answer: "A lodger", answeredOn: TODAY }),
    ).toEqual({ ...q, status: "answered", answer: "A lodger", answered_on: TODAY });
    const reopened = questionAfterChange(
      { ...q, status: "answered", answer: "A lodger", answered_on: TODAY },
      { status: "open", answer: "", answeredOn: TODAY },
    );
    expect(reopened).toEqual(q);
  });

  const users = new Map([["usr-5", { full_name: "Hannah Fictional", agency_id: "agy-csc" }]]);

  it("takes an owner from a member's account, or from the name and agency typed", () => {
    expect(resolveOwner({ userId: "usr-5", name: "", agencyId: "" }, users, true)).toEqual({
      owner: { owner: "Hannah Fictional", owner_user_id: "usr-5", owner_agency_id: "agy-csc" },
      errors: [],
    });
    expect(
      resolveOwner({ userId: "", name: " Bea Madeup ", agencyId: "agy-nest" }, users, true),
    ).toEqual({ owner: { owner: "Bea Madeup", owner_agency_id: "agy-nest" }, errors: [] });
  });

  it("names what is missing from an owner", () => {
    expect(resolveOwner({ userId: "", name: "", agencyId: "" }, users, true).errors).toEqual([
      { id: "owner_user_id", message: "Choose who owns this, or enter their name" },
    ]);
    expect(
      resolveOwner({ userId: "", name: "Bea Madeup", agencyId: "" }, users, true).errors,
    ).toEqual([{ id: "owner_agency_id", message: "Choose the owner's agency" }]);
    expect(resolveOwner({ userId: "", name: "", agencyId: "" }, users, false)).toEqual({
      owner: {},
      errors: [],
    });
  });
});

describe("time left in words", () => {
  it("reads as a person would say it", () => {
    expect(timeInWords(120)).toBe("2 minutes");
    expect(timeInWords(61)).toBe("1 minute 1 second");
    expect(timeInWords(45)).toBe("45 seconds");
    expect(timeInWords(0.2)).toBe("1 second");
    expect(timeInWords(-3)).toBe("0 seconds");
  });
});

describe("records from forms", () => {
  it("sets the fields given and leaves out the ones cleared", () => {
    const m = meeting("m1", "2026-12-07", "10:00");
    expect(withFields(m, { venue: "Port Fable library", start_time: "" })).toEqual({
      id: "m1",
      mapping_id: "map-1",
      kind: "review",
      status: "planned",
      date: "2026-12-07",
      venue: "Port Fable library",
    });
  });

  it("reads a time as HH:MM", () => {
    expect(timeValue("9:30")).toBe("09:30");
    expect(timeValue(" 14.05 ")).toBe("14:05");
    expect(timeValue("")).toBe("");
    expect(timeValue("25:00")).toBeNull();
    expect(timeValue("2pm")).toBeNull();
  });

  it("names meetings as people say them", () => {
    expect(meetingName("initial")).toBe("Initial meeting");
    expect(meetingName("pre_mapping")).toBe("Pre-mapping meeting");
  });
});
