// Signing in, in two steps with their own URLs: /sign-in asks for the username and password,
// /sign-in/code for the second-factor code; then all three go to POST /api/v1/session in one
// call (the server checks them together and answers every failure alike). The password waits
// in memory between the steps only, never in storage or the URL.
import { ApiError } from "../api";
import type { App, PageContext } from "../app";
import {
  activateErrorSummary,
  fieldValue,
  button,
  errorSummary,
  textInput,
  type FieldError,
} from "../components";
import { append, h } from "../dom";

/** What the first step collected, held in memory until the code is sent. */
export interface PendingSignIn {
  username: string;
  password: string;
}

/** Client-side checks before anything is sent (the server checks again). */
export function checkCredentials(username: string, password: string): FieldError[] {
  const errors: FieldError[] = [];
  if (username.trim() === "") errors.push({ id: "username", message: "Enter your username" });
  if (password === "") errors.push({ id: "password", message: "Enter your password" });
  return errors;
}

export function checkCode(code: string): FieldError[] {
  const c = code.replace(/\s+/g, "");
  if (c === "")
    return [{ id: "code", message: "Enter the security code from your authenticator app" }];
  if (/^\d+$/.test(c) && c.length !== 6) {
    return [{ id: "code", message: "The security code must be 6 digits" }];
  }
  return [];
}

/** The field a sign-in error is about, as an error on the page (ids of the inputs). */
export function signInError(e: ApiError): { step: "credentials" | "code"; error: FieldError } {
  if (e.status === 400 && (e.field === "username" || e.field === "password")) {
    return { step: "credentials", error: { id: e.field, message: sentence(e.field, e.message) } };
  }
  if (e.status === 400 && e.field === "code") {
    return { step: "code", error: { id: "code", message: sentence("security code", e.message) } };
  }
  if (e.status === 429) {
    const wait =
      e.retryAfter > 0
        ? ` Wait ${String(e.retryAfter)} seconds, then try again.`
        : " Wait, then try again.";
    return {
      step: "credentials",
      error: { id: "username", message: "There have been too many failed sign-ins." + wait },
    };
  }
  if (e.status === 401) {
    return {
      step: "credentials",
      error: {
        id: "username",
        message: "The username, password or security code is not right. Enter them again.",
      },
    };
  }
  return {
    step: "credentials",
    error: { id: "username", message: "Sign-in is not working at the moment. Try again later." },
  };
}

// "username" and "is too long" from the server: "The username is too long".
function sentence(field: string, message: string): string {
  return `The ${field} ${message}`;
}

function formPage(
  app: App,
  ctx: PageContext,
  title: string,
  errors: FieldError[],
  fields: HTMLElement[],
  onSubmit: (form: HTMLFormElement) => void,
  extra?: HTMLElement,
): void {
  app.setTitle(title, errors.length > 0);
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  append(form, ...fields, button("Continue"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSubmit(form);
  });
  const summary = errors.length > 0 ? errorSummary(errors) : null;
  const column = h(
    "div",
    { class: "govuk-grid-column-two-thirds" },
    summary,
    h("h1", { class: "govuk-heading-l" }, title),
    form,
    extra,
  );
  ctx.main.replaceChildren(h("div", { class: "govuk-grid-row" }, column));
  if (summary) activateErrorSummary(summary);
}

export function credentialsPage(
  app: App,
  ctx: PageContext,
  errors: FieldError[] = app.takeCarriedErrors(),
): void {
  const pending = app.pendingSignIn;
  const byId = new Map(errors.map((e) => [e.id, e.message]));
  formPage(
    app,
    ctx,
    "Sign in to ContextMap",
    errors,
    [
      textInput({
        id: "username",
        name: "username",
        label: "Username",
        autocomplete: "username",
        spellcheck: false,
        value: pending?.username ?? "",
        error: byId.get("username"),
        widthClass: "govuk-!-width-two-thirds",
      }),
      textInput({
        id: "password",
        name: "password",
        label: "Password",
        type: "password",
        autocomplete: "current-password",
        error: byId.get("password"),
        widthClass: "govuk-!-width-two-thirds",
      }),
    ],
    (form) => {
      const username = fieldValue(form, "username").trim();
      const password = fieldValue(form, "password");
      const problems = checkCredentials(username, password);
      app.pendingSignIn = { username, password: problems.length > 0 ? "" : password };
      if (problems.length > 0) {
        credentialsPage(app, ctx, problems);
        return;
      }
      app.router.navigate("/sign-in/code");
    },
  );
}

export function codePage(app: App, ctx: PageContext, errors: FieldError[] = []): void {
  const pending = app.pendingSignIn;
  if (pending === null || pending.password === "") {
    // A reload or a bookmark of this step: the password is gone with the old page.
    app.router.navigate("/sign-in", { replace: true });
    return;
  }
  const byId = new Map(errors.map((e) => [e.id, e.message]));
  formPage(
    app,
    ctx,
    "Enter your security code",
    errors,
    [
      textInput({
        id: "code",
        name: "code",
        label: "Security code",
        hint: "The 6-digit code your authenticator app shows for ContextMap. If you have lost it, use one of your recovery codes.",
        autocomplete: "one-time-code",
        inputmode: "numeric",
        spellcheck: false,
        error: byId.get("code"),
        widthClass: "govuk-input--width-10",
      }),
    ],
    (form) => {
      const code = fieldValue(form, "code").replace(/\s+/g, "");
      const problems = checkCode(code);
      if (problems.length > 0) {
        codePage(app, ctx, problems);
        return;
      }
      const submit = form.querySelector("button");
      submit?.setAttribute("disabled", "");
      app.api.signIn(pending.username, pending.password, code).then(
        (session) => {
          app.pendingSignIn = null;
          app.signedIn(session);
          app.router.navigate("/", { replace: true });
        },
        (e: unknown) => {
          const err = e instanceof ApiError ? e : new ApiError(0, "network", "no answer");
          const shown = signInError(err);
          if (shown.step === "code") {
            codePage(app, ctx, [shown.error]);
            return;
          }
          app.pendingSignIn = { username: pending.username, password: "" };
          app.carryErrors([shown.error]);
          app.router.navigate("/sign-in", { replace: true });
        },
      );
    },
    h(
      "p",
      { class: "govuk-body" },
      h("a", { href: "/sign-in", class: "govuk-link" }, "Sign in as someone else"),
    ),
  );
}
