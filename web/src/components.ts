// GOV.UK Frontend components built with DOM calls (the markup of govuk-frontend's templates).
import { ErrorSummary } from "govuk-frontend";

import { h } from "./dom";

export interface FieldError {
  /** The id of the input the message is about; the summary links to it. */
  readonly id: string;
  readonly message: string;
}

/** The error summary at the top of a form; focused when drawn (GOV.UK Frontend's script). */
export function errorSummary(errors: readonly FieldError[]): HTMLElement {
  const list = h("ul", { class: "govuk-list govuk-error-summary__list" });
  for (const e of errors) list.append(h("li", {}, h("a", { href: "#" + e.id }, e.message)));
  const el = h(
    "div",
    { class: "govuk-error-summary", "data-module": "govuk-error-summary" },
    h(
      "div",
      { role: "alert" },
      h("h2", { class: "govuk-error-summary__title" }, "There is a problem"),
      h("div", { class: "govuk-error-summary__body" }, list),
    ),
  );
  return el;
}

/** Starts GOV.UK Frontend's behaviour on a drawn error summary (focus, links to fields). */
export function activateErrorSummary(el: HTMLElement): void {
  new ErrorSummary(el);
}

export interface TextInputOptions {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly type?: "text" | "password";
  readonly autocomplete: string;
  readonly value?: string;
  readonly error?: string | undefined;
  readonly inputmode?: "numeric" | "text";
  readonly widthClass?: string;
  readonly spellcheck?: boolean;
}

/** A labelled text input with its hint and error message (GOV.UK text input). */
export function textInput(o: TextInputOptions): HTMLElement {
  const described: string[] = [];
  const hint =
    o.hint === undefined ? null : h("div", { class: "govuk-hint", id: o.id + "-hint" }, o.hint);
  if (hint) described.push(o.id + "-hint");
  const error =
    o.error === undefined
      ? null
      : h(
          "p",
          { class: "govuk-error-message", id: o.id + "-error" },
          h("span", { class: "govuk-visually-hidden" }, "Error: "),
          o.error,
        );
  if (error) described.push(o.id + "-error");
  const input = h("input", {
    class:
      "govuk-input" +
      (o.widthClass ? " " + o.widthClass : "") +
      (error ? " govuk-input--error" : ""),
    id: o.id,
    name: o.name,
    type: o.type ?? "text",
    autocomplete: o.autocomplete,
    inputmode: o.inputmode,
    spellcheck: o.spellcheck === undefined ? undefined : String(o.spellcheck),
    "aria-describedby": described.length > 0 ? described.join(" ") : undefined,
  }) as HTMLInputElement;
  input.value = o.value ?? "";
  return h(
    "div",
    { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") },
    h("label", { class: "govuk-label govuk-label--s", for: o.id }, o.label),
    hint,
    error,
    input,
  );
}

export function button(
  text: string,
  attrs: { readonly type?: string; readonly secondary?: boolean } = {},
): HTMLElement {
  return h(
    "button",
    {
      type: attrs.type ?? "submit",
      class: "govuk-button" + (attrs.secondary === true ? " govuk-button--secondary" : ""),
      "data-module": "govuk-button",
    },
    text,
  );
}

/** The text in a form's input `name` ("" when there is none). */
export function fieldValue(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement ? el.value : "";
}
