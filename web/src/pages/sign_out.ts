// Signing out: /sign-out ends the session (DELETE /api/v1/session with the CSRF token) and
// clears everything the page held; /signed-out says so. Reached by a link inside the app the
// sign-out happens at once; reached any other way (typed, bookmarked, from another site) it
// asks first, so a link elsewhere cannot sign anyone out.
import type { App, PageContext } from "../app";
import { button, errorSummary, activateErrorSummary } from "../components";
import { h } from "../dom";

export function signOutPage(app: App, ctx: PageContext): void {
  if (app.session === null) {
    app.router.navigate("/signed-out", { replace: true });
    return;
  }
  if (ctx.fromApp) {
    void app.signOut();
    return;
  }
  app.setTitle("Sign out");
  const form = h("form", { novalidate: true, method: "post" }, button("Sign out"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void app.signOut();
  });
  ctx.main.replaceChildren(h("h1", { class: "govuk-heading-l" }, "Sign out of ContextMap"), form);
}

export function signOutFailed(app: App, ctx: PageContext): void {
  app.setTitle("Sign out", true);
  const summary = errorSummary([
    { id: "sign-out", message: "You could not be signed out. Try again." },
  ]);
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    h("span", { id: "sign-out" }),
    button("Sign out"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void app.signOut();
  });
  ctx.main.replaceChildren(
    summary,
    h("h1", { class: "govuk-heading-l" }, "Sign out of ContextMap"),
    form,
  );
  activateErrorSummary(summary);
}

export function signedOutPage(app: App, ctx: PageContext): void {
  app.setTitle("You have signed out");
  ctx.main.replaceChildren(
    h("h1", { class: "govuk-heading-l" }, "You have signed out"),
    h("p", { class: "govuk-body" }, "Close this window if you are using a shared computer."),
    h(
      "p",
      { class: "govuk-body" },
      h("a", { href: "/sign-in", class: "govuk-link" }, "Sign in again"),
    ),
  );
}

export function notFoundPage(app: App, ctx: PageContext): void {
  app.setTitle("Page not found");
  ctx.main.replaceChildren(
    h("h1", { class: "govuk-heading-l" }, "Page not found"),
    h("p", { class: "govuk-body" }, "If you typed the web address, check it is correct."),
    h(
      "p",
      { class: "govuk-body" },
      "If you pasted the web address, check you copied the entire address.",
    ),
  );
}
