import { describe, expect, it } from "vitest";

import { updatesNewestFirst } from "../src/pages/actions";
import { checkAttendee } from "../src/pages/meeting_forms";
import type { ActionUpdate } from "../src/records";

describe("an action's updates", () => {
  const u = (id: string, updated_on: string): ActionUpdate => ({
    id,
    action_id: "act-1",
    updated_on,
    text: "Visited the flat",
  });

  it("are listed newest first, and in the order recorded within a day", () => {
    const list = [u("upd-1", "2026-10-02"), u("upd-3", "2026-10-30"), u("upd-2", "2026-10-30")];
    expect(updatesNewestFirst(list).map((x) => x.id)).toEqual(["upd-3", "upd-2", "upd-1"]);
  });
});

describe("an attendee", () => {
  it("needs a name, an agency and whether they came", () => {
    expect(checkAttendee({ name: " ", agencyId: "", attendance: "" })).toEqual([
      { id: "name", message: "Enter the attendee's full name" },
      { id: "agency_id", message: "Choose the attendee's agency" },
      { id: "attendance", message: "Choose whether they were present or sent apologies" },
    ]);
    expect(
      checkAttendee({ name: "Jess Dummy", agencyId: "agy-youth-service", attendance: "present" }),
    ).toEqual([]);
  });
});
