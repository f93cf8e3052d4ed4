// The signed-in landing page: who is signed in, and the way out.
import type { App, PageContext } from "../app";
import { h } from "../dom";

const ROLE_NAMES: Readonly<Record<string, string>> = {
  administrator: "Administrator",
  chair: "Chair",
  analyst: "Analyst",
  practitioner: "Practitioner",
  strategic_viewer: "Strategic viewer",
};

function row(key: string, value: string): HTMLElement {
  return h(
    "div",
    { class: "govuk-summary-list__row" },
    h("dt", { class: "govuk-summary-list__key" }, key),
    h("dd", { class: "govuk-summary-list__value" }, value),
  );
}

export function homePage(app: App, ctx: PageContext): void {
  const session = app.session;
  if (session === null) return;
  const u = session.user;
  app.setTitle("You are signed in");
  ctx.main.replaceChildren(
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        h("h1", { class: "govuk-heading-l" }, "You are signed in"),
        h(
          "dl",
          { class: "govuk-summary-list" },
          row("Name", u.full_name),
          row("Username", u.username),
          row("Role", ROLE_NAMES[u.role] ?? u.role),
          row("Agency", u.agency_name ?? u.agency_id),
        ),
        h(
          "p",
          { class: "govuk-body" },
          `You will be signed out after ${String(Math.round(session.idle_timeout_seconds / 60))} minutes without using ContextMap.`,
        ),
        h(
          "p",
          { class: "govuk-body" },
          h("a", { href: "/sign-out", class: "govuk-link" }, "Sign out"),
        ),
      ),
    ),
  );
}
