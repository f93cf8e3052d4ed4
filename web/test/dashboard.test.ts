import { describe, expect, it } from "vitest";

import { ApiClient, ApiError } from "../src/api";
import { loadDashboard, parseDashboard } from "../src/dashboard";

/** The answer GET /api/v1/dashboard gives (the shape in the API's brief). */
const ANSWER = {
  today: "2026-12-01",
  actions: [
    {
      id: "act-2",
      mapping_id: "map-1",
      mapping_title: "Network - county line to the coast",
      description: "Visit the flat on Gull Road",
      due_on: "2026-12-04",
      status: "open",
      overdue: false,
    },
    {
      id: "act-1",
      mapping_id: "map-1",
      mapping_title: "Network - county line to the coast",
      description: "Ask the school for attendance by lesson",
      due_on: "2026-11-20",
      status: "in_progress",
      overdue: true,
    },
  ],
  key_questions: [
    {
      id: "kq-1",
      mapping_id: "map-2",
      mapping_title: "Ruby Example - CSE risk",
      question: "Who drives the grey hatchback?",
      due_on: "",
      status: "open",
      overdue: false,
    },
  ],
  mappings: [
    {
      id: "map-1",
      title: "Network - county line to the coast",
      kind: "peer_group",
      status: "active",
      role: "chair",
      next_due: {
        due: "2026-12-03",
        what: "Minutes circulated",
        kind: "meeting",
        record_id: "mtg-4",
        overdue: false,
      },
    },
    {
      id: "map-2",
      title: "Ruby Example - CSE risk",
      kind: "individual",
      status: "review",
      role: "member",
      next_due: null,
    },
  ],
  due_this_week: [
    {
      due: "2026-11-20",
      what: "Ask the school for attendance by lesson",
      kind: "action",
      record_id: "act-1",
      overdue: true,
      mapping_id: "map-1",
      mapping_title: "Network - county line to the coast",
    },
  ],
};

function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json" },
      }),
    );
  };
  return { calls, fetchFn };
}

describe("the dashboard", () => {
  it("reads GET /api/v1/dashboard without a reason (it is the user's own work)", async () => {
    const { calls, fetchFn } = fakeFetch(200, ANSWER);
    const d = await loadDashboard(new ApiClient(fetchFn));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe("/api/v1/dashboard");
    expect(calls[0]?.init.method).toBe("GET");
    expect(new Headers(calls[0]?.init.headers).has("ContextMap-Reason")).toBe(false);
    expect(d.today).toBe("2026-12-01");
    expect(d.mappings.map((m) => m.next_due?.record_id ?? null)).toEqual(["mtg-4", null]);
    expect(d.due_this_week[0]?.mapping_title).toBe("Network - county line to the coast");
  });

  it("puts overdue actions and questions first", async () => {
    const { fetchFn } = fakeFetch(200, ANSWER);
    const d = await loadDashboard(new ApiClient(fetchFn));
    expect(d.actions.map((a) => a.id)).toEqual(["act-1", "act-2"]);
    expect(d.actions[0]?.overdue).toBe(true);
  });

  it("refuses an answer of the wrong shape rather than drawing half a page", () => {
    expect(() => parseDashboard({ ...ANSWER, actions: "none" })).toThrow(ApiError);
    expect(() => parseDashboard({ ...ANSWER, mappings: [{ id: 3 }] })).toThrow(/mappings\[0\]/);
    expect(() => parseDashboard(null)).toThrow(ApiError);
  });

  it("reads missing lists as empty and a missing next_due as none", () => {
    const d = parseDashboard({ today: "2026-12-01", mappings: [{ id: "m", title: "T" }] });
    expect(d.actions).toEqual([]);
    expect(d.due_this_week).toEqual([]);
    expect(d.mappings[0]?.next_due).toBeNull();
  });

  it("passes the server's refusal on as an ApiError", async () => {
    const { fetchFn } = fakeFetch(401, { error: { code: "unauthenticated", message: "no" } });
    await expect(loadDashboard(new ApiClient(fetchFn))).rejects.toMatchObject({ status: 401 });
  });
});
