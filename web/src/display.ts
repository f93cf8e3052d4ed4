// GOV.UK Frontend and MoJ Frontend display patterns built with DOM calls: headings, summary
// lists, tables, tags, task lists, banners, back links. Text goes in as text, never markup.
import { append, h } from "./dom";

type Child = Node | string | null | undefined | false;

/** The page heading with an optional caption above it ("Mapping" over the title). */
export function heading(text: string, caption?: string, size: "l" | "xl" | "m" = "l"): HTMLElement {
  return h(
    "h1",
    { class: `govuk-heading-${size}` },
    caption === undefined ? null : h("span", { class: `govuk-caption-${size}` }, caption),
    text,
  );
}

export function para(...children: Child[]): HTMLElement {
  return h("p", { class: "govuk-body" }, ...children);
}

export function link(text: string, href: string, hiddenSuffix?: string): HTMLElement {
  return h(
    "a",
    { class: "govuk-link", href },
    text,
    hiddenSuffix === undefined
      ? null
      : h("span", { class: "govuk-visually-hidden" }, " " + hiddenSuffix),
  );
}

/** A link styled as a button (GOV.UK start-button-free pattern for "Add a ..."). */
export function buttonLink(text: string, href: string, secondary = false): HTMLElement {
  return h(
    "a",
    {
      href,
      role: "button",
      draggable: "false",
      class: "govuk-button" + (secondary ? " govuk-button--secondary" : ""),
      "data-module": "govuk-button",
    },
    text,
  );
}

export function backLink(href: string, text = "Back"): HTMLElement {
  return h("a", { href, class: "govuk-back-link" }, text);
}

/** Two-thirds column in a grid row: the width of every form and reading page. */
export function twoThirds(...children: Child[]): HTMLElement {
  return h(
    "div",
    { class: "govuk-grid-row" },
    h("div", { class: "govuk-grid-column-two-thirds" }, ...children),
  );
}

export interface SummaryRow {
  readonly key: string;
  readonly value: Child | readonly Child[];
  /** A change link: where it goes and what it changes (read by screen readers). */
  readonly change?: { readonly href: string; readonly what: string };
}

/** Key and value pairs (GOV.UK summary list). An empty value reads "Not recorded". */
export function summaryList(rows: readonly SummaryRow[]): HTMLElement {
  const list = h("dl", { class: "govuk-summary-list" });
  for (const r of rows) {
    const values = (Array.isArray(r.value) ? r.value : [r.value]) as Child[];
    const empty = values.every((v) => v === "" || v === null || v === undefined || v === false);
    const dd = h("dd", { class: "govuk-summary-list__value" });
    if (empty) dd.append(h("span", { class: "app-not-recorded" }, "Not recorded"));
    else append(dd, ...values);
    list.append(
      h(
        "div",
        {
          class:
            "govuk-summary-list__row" + (r.change ? "" : " govuk-summary-list__row--no-actions"),
        },
        h("dt", { class: "govuk-summary-list__key" }, r.key),
        dd,
        r.change
          ? h(
              "dd",
              { class: "govuk-summary-list__actions" },
              link("Change", r.change.href, r.change.what),
            )
          : null,
      ),
    );
  }
  return list;
}

export interface Column {
  readonly text: string;
  readonly numeric?: boolean;
  /** MoJ sortable table: the column can be sorted by its header button. */
  readonly sortable?: boolean;
}

/** A table with a caption (GOV.UK table). Cells are text or elements. */
export function table(
  caption: string,
  columns: readonly Column[],
  rows: readonly (readonly Child[])[],
  options: { readonly captionSize?: "s" | "m" | "l"; readonly hiddenCaption?: boolean } = {},
): HTMLElement {
  const head = h("tr", { class: "govuk-table__row" });
  for (const c of columns) {
    head.append(
      h(
        "th",
        {
          scope: "col",
          class:
            "govuk-table__header" + (c.numeric === true ? " govuk-table__header--numeric" : ""),
          "aria-sort": c.sortable === true ? "none" : undefined,
        },
        c.text,
      ),
    );
  }
  const body = h("tbody", { class: "govuk-table__body" });
  for (const r of rows) {
    const tr = h("tr", { class: "govuk-table__row" });
    r.forEach((cell, i) => {
      const numeric = columns[i]?.numeric === true;
      tr.append(
        i === 0
          ? h("th", { scope: "row", class: "govuk-table__header" }, cell)
          : h(
              "td",
              { class: "govuk-table__cell" + (numeric ? " govuk-table__cell--numeric" : "") },
              cell,
            ),
      );
    });
    body.append(tr);
  }
  return h(
    "table",
    {
      class: "govuk-table",
      "data-module": columns.some((c) => c.sortable === true) ? "moj-sortable-table" : undefined,
    },
    h(
      "caption",
      {
        class:
          options.hiddenCaption === true
            ? "govuk-visually-hidden"
            : `govuk-table__caption govuk-table__caption--${options.captionSize ?? "m"}`,
      },
      caption,
    ),
    h("thead", { class: "govuk-table__head" }, head),
    body,
  );
}

export type TagColour =
  | "grey"
  | "green"
  | "turquoise"
  | "blue"
  | "light-blue"
  | "purple"
  | "pink"
  | "red"
  | "orange"
  | "yellow";

/** A status as a GOV.UK tag; the colour only repeats what the words say. */
export function tag(text: string, colour?: TagColour): HTMLElement {
  return h("strong", { class: "govuk-tag" + (colour ? ` govuk-tag--${colour}` : "") }, text);
}

export interface Task {
  readonly title: string;
  readonly href?: string;
  readonly hint?: string;
  /** Plain status text ("Completed") or a tag for one that needs attention. */
  readonly status: string;
  readonly statusColour?: TagColour;
}

/** GOV.UK task list: each task a row with its status. */
export function taskList(id: string, tasks: readonly Task[]): HTMLElement {
  const list = h("ul", { class: "govuk-task-list", id });
  tasks.forEach((t, i) => {
    const base = `${id}-${String(i + 1)}`;
    const status = h(
      "div",
      { class: "govuk-task-list__status", id: base + "-status" },
      t.statusColour ? tag(t.status, t.statusColour) : t.status,
    );
    const name = h(
      "div",
      { class: "govuk-task-list__name-and-hint" },
      t.href === undefined
        ? h("div", {}, t.title)
        : h(
            "a",
            {
              class: "govuk-link govuk-task-list__link",
              href: t.href,
              "aria-describedby": (t.hint === undefined ? "" : base + "-hint ") + base + "-status",
            },
            t.title,
          ),
      t.hint === undefined
        ? null
        : h("div", { id: base + "-hint", class: "govuk-task-list__hint" }, t.hint),
    );
    list.append(
      h(
        "li",
        {
          class:
            "govuk-task-list__item" +
            (t.href === undefined ? "" : " govuk-task-list__item--with-link"),
        },
        name,
        status,
      ),
    );
  });
  return list;
}

/** A message at the top of a page (GOV.UK notification banner); success after a change. */
export function notificationBanner(title: string, ...body: Child[]): HTMLElement {
  return h(
    "div",
    {
      class: "govuk-notification-banner govuk-notification-banner--success",
      role: "alert",
      "aria-labelledby": "notification-title",
      "data-module": "govuk-notification-banner",
    },
    h(
      "div",
      { class: "govuk-notification-banner__header" },
      h("h2", { class: "govuk-notification-banner__title", id: "notification-title" }, "Success"),
    ),
    h(
      "div",
      { class: "govuk-notification-banner__content" },
      h("h3", { class: "govuk-notification-banner__heading" }, title),
      ...body,
    ),
  );
}

export function insetText(...children: Child[]): HTMLElement {
  return h("div", { class: "govuk-inset-text" }, ...children);
}

export function warningText(text: string): HTMLElement {
  return h(
    "div",
    { class: "govuk-warning-text" },
    h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
    h(
      "strong",
      { class: "govuk-warning-text__text" },
      h("span", { class: "govuk-visually-hidden" }, "Warning"),
      text,
    ),
  );
}

/** A section heading inside a page. */
export function sectionHeading(text: string, size: "m" | "s" = "m"): HTMLElement {
  return h("h2", { class: `govuk-heading-${size}` }, text);
}
