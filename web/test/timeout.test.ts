import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { IdleTimeout, spokenTimeLeft, type TimeoutView } from "../src/timeout";

/** A view that records what the clock told it. */
function recordingView() {
  const seen: string[] = [];
  const view: TimeoutView = {
    show: (s) => seen.push(`show ${String(s)}`),
    update: (s) => seen.push(`update ${String(s)}`),
    hide: () => seen.push("hide"),
  };
  return { seen, view };
}

function clock(keepAlive: () => Promise<boolean> = () => Promise.resolve(true)) {
  const { seen, view } = recordingView();
  const calls: string[] = [];
  const idle = new IdleTimeout({
    idleSeconds: 900,
    view,
    keepAlive: () => {
      calls.push("keepAlive");
      return keepAlive();
    },
    signOut: () => calls.push("signOut"),
    timedOut: () => calls.push("timedOut"),
  });
  return { idle, seen, calls };
}

describe("the timeout warning's clock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("warns two minutes before the 15-minute limit, not before", () => {
    const { idle, seen } = clock();
    idle.start();
    vi.advanceTimersByTime(13 * 60 * 1000 - 1);
    expect(seen).toEqual([]);
    expect(idle.warningShown).toBe(false);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["show 120"]);
    expect(idle.warningShown).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(["show 120", "update 119"]);
  });

  it("signs the user out when the time runs out", () => {
    const { idle, seen, calls } = clock();
    idle.start();
    vi.advanceTimersByTime(15 * 60 * 1000 - 1000);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(["timedOut"]);
    expect(seen.at(-1)).toBe("hide");
    expect(idle.warningShown).toBe(false);
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(calls).toEqual(["timedOut"]); // once, and the clock has stopped
  });

  it("starts again whenever the server answers", () => {
    const { idle, seen, calls } = clock();
    idle.start();
    vi.advanceTimersByTime(10 * 60 * 1000);
    idle.activity();
    vi.advanceTimersByTime(12 * 60 * 1000);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(60 * 1000);
    expect(seen).toEqual(["show 120"]);
    idle.activity(); // an answer while warning: the warning goes
    expect(seen).toEqual(["show 120", "hide"]);
    vi.advanceTimersByTime(14 * 60 * 1000);
    expect(calls).toEqual([]);
  });

  it("keeps the session when the user stays signed in", async () => {
    const { idle, seen, calls } = clock();
    idle.start();
    vi.advanceTimersByTime(14 * 60 * 1000);
    await idle.stay();
    expect(calls).toEqual(["keepAlive"]);
    expect(seen.at(-1)).toBe("hide");
    vi.advanceTimersByTime(12 * 60 * 1000);
    expect(calls).toEqual(["keepAlive"]);
    vi.advanceTimersByTime(3 * 60 * 1000);
    expect(calls).toEqual(["keepAlive", "timedOut"]);
  });

  it("sends the user to sign in if the session had already ended when they stayed", async () => {
    const { idle, calls } = clock(() => Promise.resolve(false));
    idle.start();
    vi.advanceTimersByTime(14 * 60 * 1000);
    await idle.stay();
    expect(calls).toEqual(["keepAlive", "timedOut"]);
  });

  it("treats a failed keep-alive call as an ended session", async () => {
    const { idle, calls } = clock(() => Promise.reject(new Error("offline")));
    idle.start();
    vi.advanceTimersByTime(14 * 60 * 1000);
    await idle.stay();
    expect(calls).toEqual(["keepAlive", "timedOut"]);
  });

  it("signs out when asked, and says nothing more after", () => {
    const { idle, seen, calls } = clock();
    idle.start();
    vi.advanceTimersByTime(14 * 60 * 1000);
    idle.signOut();
    expect(calls).toEqual(["signOut"]);
    expect(seen[0]).toBe("show 120");
    expect(seen.at(-1)).toBe("hide");
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(calls).toEqual(["signOut"]);
  });

  it("ends on time even when the tab's timers were held back", () => {
    const { idle, calls } = clock();
    idle.start();
    vi.advanceTimersByTime(13 * 60 * 1000);
    // A background tab: the clock jumps past the limit before the next tick runs.
    vi.setSystemTime(Date.now() + 5 * 60 * 1000);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(["timedOut"]);
  });

  it("does nothing once stopped (signed out)", () => {
    const { idle, seen, calls } = clock();
    idle.start();
    idle.stop();
    idle.activity();
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(seen).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe("what a screen reader hears", () => {
  it("says the time left in words, rounded to 30 seconds until the last 30", () => {
    expect(spokenTimeLeft(120)).toBe("For your security, we will sign you out in 2 minutes.");
    expect(spokenTimeLeft(119)).toBe("For your security, we will sign you out in 2 minutes.");
    expect(spokenTimeLeft(89)).toBe(
      "For your security, we will sign you out in 1 minute 30 seconds.",
    );
    expect(spokenTimeLeft(20)).toBe("For your security, we will sign you out in 20 seconds.");
    expect(spokenTimeLeft(1)).toBe("For your security, we will sign you out in 1 second.");
  });
});
