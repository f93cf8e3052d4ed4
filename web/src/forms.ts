// Saving a form through the API and showing what went wrong, the GOV.UK way: an error summary
// at the top naming each field, the message beside the field, and everything the user typed
// left in place (the form is never redrawn on an error, so a 412 conflict keeps their words).
//
// Input ids follow the record's JSON fields: the server blames "/title" or "/agenda/2/notes",
// which is the input "title" or "agenda-2-notes".
import { ApiError } from "./api";
import { activateErrorSummary, errorSummary, type FieldError } from "./components";
import { h } from "./dom";

/** The input id for a field the server blamed ("/agenda/2/notes" -> "agenda-2-notes"). */
export function inputIdFor(field: string): string {
  return field.replace(/^\//, "").replace(/\//g, "-");
}

/** The server's message without the field it starts with ("/title: is required" -> "is required"). */
function withoutPointer(message: string, field: string): string {
  return field !== "" && message.startsWith(field + ":")
    ? message.slice(field.length + 1).trimStart()
    : message;
}

/** The words a page shows for a failed call. `names` gives short names for inputs by id. */
export function errorsFromApi(
  e: unknown,
  names: Readonly<Record<string, string>>,
  fallbackId: string,
): FieldError[] {
  if (!(e instanceof ApiError)) {
    return [{ id: fallbackId, message: "Your changes could not be saved. Try again." }];
  }
  if (e.status === 412) {
    return [
      {
        id: fallbackId,
        message:
          "Someone else changed this record while you were working on it. What you typed is still here: check the record again, then save.",
      },
    ];
  }
  if (e.status === 401) {
    return [{ id: fallbackId, message: "Your session has ended. Sign in again to save." }];
  }
  if (e.status === 403) {
    return [{ id: fallbackId, message: "You cannot make this change." }];
  }
  if (e.status === 400 || e.status === 409 || e.status === 422) {
    const id = inputIdFor(e.field);
    const name = names[id];
    const message = withoutPointer(e.message, e.field);
    if (name !== undefined) return [{ id, message: `${name} ${message}` }];
    // A field this form does not show: still say which, in the server's own words.
    const what = e.field === "" ? "" : `${e.field.replace(/^\//, "").replace(/_/g, " ")} `;
    return [{ id: fallbackId, message: `${what}${message}`.replace(/^./, (c) => c.toUpperCase()) }];
  }
  return [{ id: fallbackId, message: "Your changes could not be saved. Try again later." }];
}

/**
 * Shows `errors` on a drawn form: replaces any earlier summary at the top of `container`,
 * marks each field's form group and puts the message above its input. Nothing the user typed
 * is touched. The page title gains "Error: ".
 */
export function showErrors(container: HTMLElement, errors: readonly FieldError[]): void {
  container.querySelector(".govuk-error-summary")?.remove();
  for (const el of Array.from(container.querySelectorAll(".app-field-error"))) el.remove();
  for (const el of Array.from(container.querySelectorAll(".govuk-form-group--error")))
    el.classList.remove("govuk-form-group--error");
  for (const el of Array.from(container.querySelectorAll(".govuk-date-input__input")))
    el.classList.remove("govuk-input--error");
  if (!document.title.startsWith("Error: ") && errors.length > 0)
    document.title = "Error: " + document.title;
  if (errors.length === 0) {
    document.title = document.title.replace(/^Error: /, "");
    return;
  }
  for (const e of errors) {
    const input = container.querySelector<HTMLElement>("#" + CSS.escape(e.id));
    // A date's boxes each sit in a form group of their own: the error belongs to the date's.
    const group = (input?.closest(".govuk-date-input") ?? input)?.closest(".govuk-form-group");
    if (!input || !group) continue;
    group.classList.add("govuk-form-group--error");
    const message = h(
      "p",
      { class: "govuk-error-message app-field-error", id: e.id + "-error" },
      h("span", { class: "govuk-visually-hidden" }, "Error: "),
      e.message,
    );
    const fieldset = group.querySelector(":scope > fieldset");
    const before = fieldset
      ? fieldset.querySelector(
          ":scope > .govuk-radios, :scope > .govuk-checkboxes, :scope > .govuk-date-input",
        )
      : input;
    before?.parentElement?.insertBefore(message, before);
    for (const box of Array.from(group.querySelectorAll(".govuk-date-input__input")))
      box.classList.add("govuk-input--error");
    const described = input.getAttribute("aria-describedby") ?? "";
    if (!described.split(" ").includes(message.id))
      input.setAttribute("aria-describedby", (described + " " + message.id).trim());
  }
  const summary = errorSummary(errors);
  container.prepend(summary);
  activateErrorSummary(summary);
}

/**
 * Wires a form: on submit, `check` finds problems before anything is sent; then `save` runs
 * once (the button is disabled meanwhile, so a double click saves once). A failed save shows
 * the server's errors with `names`; success calls `done`.
 */
export function onSave<T>(
  form: HTMLFormElement,
  container: HTMLElement,
  names: Readonly<Record<string, string>>,
  steps: {
    readonly check?: () => FieldError[];
    readonly save: () => Promise<T>;
    readonly done: (saved: T) => void;
    /** Where an error no field owns is linked to; defaults to the form's submit button. */
    readonly fallbackId?: string;
  },
): void {
  let busy = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    const fallback = steps.fallbackId ?? submitButtonId(form);
    const problems = steps.check?.() ?? [];
    if (problems.length > 0) {
      showErrors(container, problems);
      return;
    }
    busy = true;
    const buttons = Array.from(form.querySelectorAll("button"));
    for (const b of buttons) b.setAttribute("aria-disabled", "true");
    steps
      .save()
      .then((saved) => {
        steps.done(saved);
      })
      .catch((e: unknown) => {
        showErrors(container, errorsFromApi(e, names, fallback));
      })
      .finally(() => {
        busy = false;
        for (const b of buttons) b.removeAttribute("aria-disabled");
      });
  });
}

/**
 * The id of the form's submit button (given one if it has none): an error no field owns (a
 * conflict, a refusal) links there, so no field is marked wrong for it.
 */
let submitButtons = 0;

function submitButtonId(form: HTMLFormElement): string {
  const b =
    form.querySelector<HTMLElement>("button[type=submit], button:not([type])") ??
    form.querySelector<HTMLElement>("input, textarea, select");
  if (b === null) return "";
  if (b.id === "") b.id = `submit-${String(++submitButtons)}`;
  return b.id;
}
