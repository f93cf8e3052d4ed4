// The GOV.UK timeout warning. The server ends a session after `idle_timeout_seconds` (15
// minutes) without a request; two minutes before that, a modal dialog says so and counts
// down. "Stay signed in" (or Escape) asks the server who is signed in (GET /api/v1/session),
// which keeps the session; "Sign out" signs out; when the time runs out the user is sent to
// sign in with a message. Any answer from the server restarts the count, so the clock here
// follows the server's idea of idle, not mouse movement.
//
// IdleTimeout is the clock (unit-tested with fake timers in test/timeout.test.ts); the dialog
// is drawn by timeoutDialog with DOM calls and checked in the browser tests.
import { h } from "./dom";
import { timeInWords } from "./work";

/** What the clock tells the dialog. */
export interface TimeoutView {
  /** The warning appears, with the seconds left. */
  show(secondsLeft: number): void;
  /** Once a second while shown. */
  update(secondsLeft: number): void;
  hide(): void;
}

export interface TimeoutOptions {
  /** The server's idle limit (session.idle_timeout_seconds). */
  readonly idleSeconds: number;
  /** How long before the limit the warning appears (GOV.UK: 2 minutes). */
  readonly warnSeconds?: number;
  /** Keeps the session (GET /session); resolves false if it has already ended. */
  readonly keepAlive: () => Promise<boolean>;
  /** The user chose to sign out. */
  readonly signOut: () => void;
  /** The time ran out (or the session had already ended when they asked to stay). */
  readonly timedOut: () => void;
  readonly view: TimeoutView;
  /** Milliseconds now (Date.now; tests use fake timers, which fake it too). */
  readonly now?: () => number;
}

/** Counts down to the idle limit, warns before it and ends the session at it. */
export class IdleTimeout {
  private deadline = 0;
  private warnTimer: ReturnType<typeof setTimeout> | null = null;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private warning = false;
  private running = false;
  private readonly warnMs: number;
  private readonly now: () => number;

  constructor(private readonly o: TimeoutOptions) {
    this.warnMs = (o.warnSeconds ?? 120) * 1000;
    this.now = o.now ?? (() => Date.now());
  }

  /** Whether the warning is showing. */
  get warningShown(): boolean {
    return this.warning;
  }

  /** Starts counting from now. */
  start(): void {
    this.running = true;
    this.activity();
  }

  /** The server answered a request: the idle time starts again (and the warning goes). */
  activity(): void {
    if (!this.running) return;
    this.clear();
    if (this.warning) {
      this.warning = false;
      this.o.view.hide();
    }
    this.deadline = this.now() + this.o.idleSeconds * 1000;
    const untilWarning = Math.max(0, this.o.idleSeconds * 1000 - this.warnMs);
    this.warnTimer = setTimeout(() => {
      this.warn();
    }, untilWarning);
  }

  /** The user asked to stay signed in (the button, or Escape). */
  async stay(): Promise<void> {
    if (!this.running) return;
    const alive = await this.o.keepAlive().catch(() => false);
    if (!this.isRunning()) return; // signed out while waiting
    if (alive) this.activity();
    else this.end();
  }

  /** The user chose to sign out from the warning. */
  signOut(): void {
    this.stop();
    this.o.signOut();
  }

  /** Stops the clock and hides the warning (signed out). */
  stop(): void {
    this.running = false;
    this.clear();
    if (this.warning) {
      this.warning = false;
      this.o.view.hide();
    }
  }

  private isRunning(): boolean {
    return this.running;
  }

  private secondsLeft(): number {
    return Math.max(0, Math.ceil((this.deadline - this.now()) / 1000));
  }

  private warn(): void {
    this.warnTimer = null;
    this.warning = true;
    this.o.view.show(this.secondsLeft());
    // Checked every second against the clock, so a throttled background tab still ends on time.
    this.tickTimer = setInterval(() => {
      const left = this.secondsLeft();
      if (left <= 0) this.end();
      else this.o.view.update(left);
    }, 1000);
  }

  private end(): void {
    this.stop();
    this.o.timedOut();
  }

  private clear(): void {
    if (this.warnTimer !== null) clearTimeout(this.warnTimer);
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    this.warnTimer = null;
    this.tickTimer = null;
  }
}

/** What a screen reader is told: the time left, said again only every 30 seconds. */
export function spokenTimeLeft(secondsLeft: number): string {
  const rounded = secondsLeft > 30 ? Math.ceil(secondsLeft / 30) * 30 : secondsLeft;
  return `For your security, we will sign you out in ${timeInWords(rounded)}.`;
}

/**
 * The warning as a GOV.UK modal dialog in `body`: the rest of the page is made inert while it
 * shows (so focus stays inside), focus moves to its heading, Escape keeps the session, and
 * focus goes back where it was when it closes.
 */
export function timeoutDialog(
  body: HTMLElement,
  actions: { readonly stay: () => void; readonly signOut: () => void },
): TimeoutView {
  const visible = h("strong", {});
  const spoken = h("span", {
    class: "govuk-visually-hidden",
    id: "timeout-spoken",
    "aria-live": "polite",
  });
  const title = h(
    "h2",
    { class: "govuk-heading-m", id: "timeout-title", tabindex: "-1" },
    "You are about to be signed out",
  );
  const stayButton = h(
    "button",
    { type: "button", class: "govuk-button", "data-module": "govuk-button" },
    "Stay signed in",
  );
  const signOutLink = h("a", { class: "govuk-link", href: "/sign-out" }, "Sign out");
  stayButton.addEventListener("click", () => {
    actions.stay();
  });
  signOutLink.addEventListener("click", (event) => {
    event.preventDefault();
    actions.signOut();
  });
  const dialog = h(
    "div",
    {
      class: "app-timeout__dialog",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "timeout-title",
      "aria-describedby": "timeout-spoken timeout-lost",
    },
    title,
    h(
      "p",
      { class: "govuk-body" },
      h(
        "span",
        { "aria-hidden": "true" },
        "For your security, we will sign you out in ",
        visible,
        ".",
      ),
      spoken,
    ),
    h(
      "p",
      { class: "govuk-body", id: "timeout-lost" },
      "Anything you have not saved will be lost.",
    ),
    h("div", { class: "govuk-button-group" }, stayButton, signOutLink),
  );
  const overlay = h("div", { class: "app-timeout", hidden: true }, dialog);
  body.append(overlay);
  let returnFocus: HTMLElement | null = null;
  let lastSpoken = "";
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      actions.stay();
    }
  };
  const set = (secondsLeft: number) => {
    visible.textContent = timeInWords(secondsLeft);
    const words = spokenTimeLeft(secondsLeft);
    if (words !== lastSpoken) {
      spoken.textContent = words;
      lastSpoken = words;
    }
  };
  return {
    show(secondsLeft) {
      returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      for (const el of Array.from(body.children)) {
        if (el !== overlay && el instanceof HTMLElement) el.inert = true;
      }
      lastSpoken = "";
      set(secondsLeft);
      overlay.hidden = false;
      document.addEventListener("keydown", onKey);
      title.focus();
    },
    update(secondsLeft) {
      set(secondsLeft);
    },
    hide() {
      overlay.hidden = true;
      document.removeEventListener("keydown", onKey);
      for (const el of Array.from(body.children)) {
        if (el instanceof HTMLElement) el.inert = false;
      }
      if (returnFocus?.isConnected === true) returnFocus.focus();
      returnFocus = null;
    },
  };
}
