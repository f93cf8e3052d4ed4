import { describe, expect, it } from "vitest";

import { ApiError } from "../src/api";
import { errorsFromApi } from "../src/forms";

describe("errorsFromApi", () => {
  it("names the field once, without the pointer the server's message starts with", () => {
    const e = new ApiError(400, "invalid_argument", "/title: is required", "/title");
    expect(errorsFromApi(e, { title: "Title" }, "x")).toEqual([
      { id: "title", message: "Title is required" },
    ]);
  });
  it("says which field when the form does not show it", () => {
    const e = new ApiError(400, "invalid_argument", "/closed_on: is required", "/closed_on");
    expect(errorsFromApi(e, {}, "x")).toEqual([{ id: "x", message: "Closed on is required" }]);
  });
  it("keeps what was typed on a conflict and says so", () => {
    const e = new ApiError(412, "version_conflict", "stale");
    expect(errorsFromApi(e, {}, "x")[0]?.message).toContain("What you typed is still here");
  });
});
