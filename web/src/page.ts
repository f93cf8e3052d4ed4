// What every data page shares: loading through the API without drawing over a page the user
// has already left, the same "Page not found" for a record that is missing or hidden (the
// server answers both with 404), and asking once per mapping per session why the user is
// looking (the reason goes with every read as ContextMap-Reason and into the audit log).
import { ApiError } from "./api";
import type { App, PageContext } from "./app";
import { button, textarea, type FieldError } from "./components";
import { h } from "./dom";
import { backLink, heading, notificationBanner, para, twoThirds } from "./display";
import { showErrors } from "./forms";
import { notFoundPage } from "./pages/sign_out";

/**
 * Runs `load` and lets it draw; if the user has moved on meanwhile its drawing is skipped
 * (ctx.isCurrent is false). Failures draw the page a user should see: not found (404, and 403
 * on a record: never a different page for hidden and missing), sign in again (401), or the
 * service's problem page.
 */
export async function loadPage(
  app: App,
  ctx: PageContext,
  load: () => Promise<void>,
): Promise<void> {
  ctx.main.replaceChildren(h("p", { class: "govuk-body app-loading", role: "status" }, "Loading…"));
  // Busy while loading (assistive technology waits; the page-load benchmark and the browser
  // tests wait for it to go).
  ctx.main.setAttribute("aria-busy", "true");
  try {
    await load();
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
      notFoundPage(app, ctx);
    } else if (e instanceof ApiError && e.status === 401) {
      app.sessionEnded();
    } else {
      problemPage(app, ctx);
    }
  } finally {
    if (ctx.isCurrent()) ctx.main.removeAttribute("aria-busy");
  }
}

export function problemPage(app: App, ctx: PageContext): void {
  app.setTitle("Sorry, there is a problem with the service");
  ctx.main.replaceChildren(
    twoThirds(
      heading("Sorry, there is a problem with the service"),
      para("Try again later."),
      para("Nothing you saved has been lost."),
    ),
  );
}

/** Words offered as the reason, so the common ones take one click (the user may write their own). */
export const COMMON_REASONS = [
  "Preparing for or holding a mapping meeting",
  "Adding what my agency knows",
  "Following up actions and key questions",
  "Safeguarding decision about a child",
] as const;

/**
 * The reason the user gave for `scope` ("mapping:ID", "subject:ID", "search") this session, or
 * asks for one first: draws the question, and calls `then` with the reason once given.
 */
export function withReason(
  app: App,
  ctx: PageContext,
  scope: string,
  what: string,
  then: (reason: string) => void,
): void {
  const known = app.reasons.get(scope);
  if (known !== undefined) {
    then(known);
    return;
  }
  app.setTitle("Why are you viewing this?");
  const choices = h("ul", { class: "govuk-list" });
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  const box = textarea({
    id: "reason",
    label: `Why are you viewing ${what}?`,
    hint: "Your reason is kept with your name in the audit log. You will not be asked again for this until you sign out.",
    rows: 2,
    isPageHeading: true,
  });
  for (const r of COMMON_REASONS) {
    const b = h(
      "button",
      { type: "button", class: "govuk-button govuk-button--secondary app-reason-choice" },
      r,
    );
    b.addEventListener("click", () => {
      const area = form.querySelector("textarea");
      if (area) area.value = r;
    });
    choices.append(h("li", {}, b));
  }
  form.append(box, h("p", { class: "govuk-body" }, "Or choose one:"), choices, button("Continue"));
  const column = h("div", {}, backLink("/"), form);
  ctx.main.replaceChildren(twoThirds(column));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const reason = (form.querySelector("textarea")?.value ?? "").replace(/\s+/g, " ").trim();
    const errors: FieldError[] = [];
    if (reason === "") errors.push({ id: "reason", message: "Enter why you are viewing this" });
    else if (new TextEncoder().encode(reason).length > 1000)
      errors.push({ id: "reason", message: "The reason must be 1000 characters or fewer" });
    if (errors.length > 0) {
      showErrors(column, errors);
      return;
    }
    app.reasons.set(scope, reason);
    then(reason);
  });
}

/** The success message a change left for this page (GOV.UK notification banner), or null. */
export function flashBanner(app: App): HTMLElement | null {
  const title = app.takeFlash();
  return title === "" ? null : notificationBanner(title);
}
