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

/** The parts every GOV.UK form field shares: hint and error message, and their ids. */
function fieldParts(
  id: string,
  hint: string | undefined,
  error: string | undefined,
): { hint: HTMLElement | null; error: HTMLElement | null; describedBy: string | undefined } {
  const ids: string[] = [];
  const hintEl =
    hint === undefined ? null : h("div", { class: "govuk-hint", id: id + "-hint" }, hint);
  if (hintEl) ids.push(id + "-hint");
  const errorEl =
    error === undefined
      ? null
      : h(
          "p",
          { class: "govuk-error-message", id: id + "-error" },
          h("span", { class: "govuk-visually-hidden" }, "Error: "),
          error,
        );
  if (errorEl) ids.push(id + "-error");
  return { hint: hintEl, error: errorEl, describedBy: ids.length > 0 ? ids.join(" ") : undefined };
}

function group(error: unknown, ...children: (HTMLElement | null)[]): HTMLElement {
  return h(
    "div",
    { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") },
    ...children,
  );
}

export interface FieldOptions {
  readonly id: string;
  /** The form field's name; defaults to the id. */
  readonly name?: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  /** The label as the page's heading (a one-question page). */
  readonly isPageHeading?: boolean;
}

function labelFor(o: FieldOptions): HTMLElement {
  const el = h(
    "label",
    {
      class: "govuk-label " + (o.isPageHeading === true ? "govuk-label--l" : "govuk-label--s"),
      for: o.id,
    },
    o.label,
  );
  return o.isPageHeading === true ? h("h1", { class: "govuk-label-wrapper" }, el) : el;
}

/** A labelled multi-line text box (GOV.UK textarea). */
export function textarea(
  o: FieldOptions & { readonly value?: string; readonly rows?: number },
): HTMLElement {
  const p = fieldParts(o.id, o.hint, o.error);
  const area = h("textarea", {
    class: "govuk-textarea" + (p.error ? " govuk-textarea--error" : ""),
    id: o.id,
    name: o.name ?? o.id,
    rows: String(o.rows ?? 5),
    "aria-describedby": p.describedBy,
  }) as HTMLTextAreaElement;
  area.value = o.value ?? "";
  return group(p.error, labelFor(o), p.hint, p.error, area);
}

export interface Choice {
  readonly value: string;
  readonly text: string;
  readonly hint?: string;
}

/** A labelled drop-down (GOV.UK select). Prefer radios for a handful of choices. */
export function select(
  o: FieldOptions & { readonly choices: readonly Choice[]; readonly value?: string },
): HTMLElement {
  const p = fieldParts(o.id, o.hint, o.error);
  const el = h("select", {
    class: "govuk-select" + (p.error ? " govuk-select--error" : ""),
    id: o.id,
    name: o.name ?? o.id,
    "aria-describedby": p.describedBy,
  }) as HTMLSelectElement;
  for (const c of o.choices) el.append(h("option", { value: c.value }, c.text));
  el.value = o.value ?? o.choices[0]?.value ?? "";
  return group(p.error, labelFor(o), p.hint, p.error, el);
}

/** A question answered by one choice (radios) or several (checkboxes), in a fieldset. */
export function choices(
  o: FieldOptions & {
    readonly type: "radio" | "checkbox";
    readonly choices: readonly Choice[];
    readonly values?: readonly string[];
    readonly small?: boolean;
    readonly inline?: boolean;
  },
): HTMLElement {
  const p = fieldParts(o.id, o.hint, o.error);
  const base = o.type === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const items = h("div", {
    class:
      base +
      (o.small === true ? ` ${base}--small` : "") +
      (o.inline === true && o.type === "radio" ? " govuk-radios--inline" : ""),
    "data-module": base,
  });
  o.choices.forEach((c, i) => {
    // The first input takes the question's id, so the error summary's link lands on it.
    const inputId = i === 0 ? o.id : `${o.id}-${String(i + 1)}`;
    const input = h("input", {
      class: base + "__input",
      id: inputId,
      name: o.name ?? o.id,
      type: o.type,
      value: c.value,
      "aria-describedby": c.hint === undefined ? undefined : inputId + "-item-hint",
    }) as HTMLInputElement;
    input.checked = (o.values ?? []).includes(c.value);
    items.append(
      h(
        "div",
        { class: base + "__item" },
        input,
        h("label", { class: `govuk-label ${base}__label`, for: inputId }, c.text),
        c.hint === undefined
          ? null
          : h("div", { class: `govuk-hint ${base}__hint`, id: inputId + "-item-hint" }, c.hint),
      ),
    );
  });
  const legend = h(
    "legend",
    {
      class:
        "govuk-fieldset__legend " +
        (o.isPageHeading === true ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--s"),
    },
    o.isPageHeading === true ? h("h1", { class: "govuk-fieldset__heading" }, o.label) : o.label,
  );
  return group(
    p.error,
    h(
      "fieldset",
      { class: "govuk-fieldset", "aria-describedby": p.describedBy },
      legend,
      p.hint,
      p.error,
      items,
    ),
  );
}

/** The values checked in a group of radios or checkboxes named `name`. */
export function checkedValues(form: HTMLFormElement, name: string): string[] {
  const out: string[] = [];
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.name === name && el.checked) out.push(el.value);
  }
  return out;
}

/** The text of a form's textarea or select `name` ("" when there is none). */
export function fieldText(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  if (
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLInputElement
  )
    return el.value;
  return "";
}

/**
 * A date as three boxes (GOV.UK date input): `${id}-day`, `${id}-month`, `${id}-year`. The
 * first box takes the id `id` so an error summary link lands on it.
 */
export function dateInput(o: FieldOptions & { readonly value?: string }): HTMLElement {
  const p = fieldParts(o.id, o.hint ?? "For example, 27 3 2026", o.error);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(o.value ?? "");
  const parts: [string, string, string, string][] = [
    ["day", "Day", m ? String(Number(m[3])) : "", "govuk-input--width-2"],
    ["month", "Month", m ? String(Number(m[2])) : "", "govuk-input--width-2"],
    ["year", "Year", m?.[1] ?? "", "govuk-input--width-4"],
  ];
  const boxes = h("div", { class: "govuk-date-input", id: o.id + "-boxes" });
  for (const [part, text, value, width] of parts) {
    const boxId = part === "day" ? o.id : `${o.id}-${part}`;
    const input = h("input", {
      class:
        `govuk-input govuk-date-input__input ${width}` + (p.error ? " govuk-input--error" : ""),
      id: boxId,
      name: `${o.name ?? o.id}-${part}`,
      type: "text",
      inputmode: "numeric",
    }) as HTMLInputElement;
    input.value = value;
    boxes.append(
      h(
        "div",
        { class: "govuk-date-input__item" },
        h(
          "div",
          { class: "govuk-form-group" },
          h("label", { class: "govuk-label govuk-date-input__label", for: boxId }, text),
          input,
        ),
      ),
    );
  }
  return group(
    p.error,
    h(
      "fieldset",
      { class: "govuk-fieldset", role: "group", "aria-describedby": p.describedBy },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, o.label),
      p.hint,
      p.error,
      boxes,
    ),
  );
}

/**
 * The date typed into dateInput `name` as YYYY-MM-DD: "" when all three boxes are empty, null
 * when they do not make a real date (the caller names the field in its error).
 */
export function dateValue(form: HTMLFormElement, name: string): string | null {
  const part = (p: string) => fieldValue(form, `${name}-${p}`).trim();
  const [d, m, y] = [part("day"), part("month"), part("year")];
  if (d === "" && m === "" && y === "") return "";
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}
