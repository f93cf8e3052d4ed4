import { describe, expect, it } from "vitest";

import { ApiError } from "../src/api";
import { checkCode, checkCredentials, signInError } from "../src/pages/sign_in";

describe("sign-in checks", () => {
  it("names each missing field", () => {
    expect(checkCredentials("", "")).toEqual([
      { id: "username", message: "Enter your username" },
      { id: "password", message: "Enter your password" },
    ]);
    expect(checkCredentials("a.chair", "x")).toEqual([]);
  });

  it("wants six digits, or a recovery code", () => {
    expect(checkCode("")[0]?.id).toBe("code");
    expect(checkCode("12345")[0]?.message).toBe("The security code must be 6 digits");
    expect(checkCode("123 456")).toEqual([]);
    expect(checkCode("abcd-efgh-ijkl")).toEqual([]);
  });

  it("shows the server's refusals on the right step and field", () => {
    expect(signInError(new ApiError(400, "invalid_argument", "is too long", "password"))).toEqual({
      step: "credentials",
      error: { id: "password", message: "The password is too long" },
    });
    expect(signInError(new ApiError(400, "invalid_argument", "is too long", "code")).step).toBe(
      "code",
    );
    const wrong = signInError(new ApiError(401, "unauthenticated", "no"));
    expect(wrong.step).toBe("credentials");
    expect(wrong.error.message).toContain("not right");
    expect(
      signInError(new ApiError(429, "too_many_requests", "x", "", 30)).error.message,
    ).toContain("Wait 30 seconds");
  });
});
