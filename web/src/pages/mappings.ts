// /mappings: the mappings the user is a member of (GET /api/v1/mappings lists exactly those),
// as a table, with the MoJ filter pattern (drawn here with GOV.UK checkboxes: MoJ Frontend's
// script writes markup strings, which the Trusted Types policy refuses). The filter lives in
// the URL's query, as codes and ids only, so back, reload and bookmarks keep it.
import type { App, PageContext } from "../app";
import { button, choices, type Choice } from "../components";
import { h } from "../dom";
import { buttonLink, heading, link, para, table, tag, type TagColour } from "../display";
import { formatDate, label } from "../format";
import {
  applyFilter,
  FILTER_KEYS,
  filterQuery,
  isFiltered,
  MAPPING_KINDS,
  MAPPING_STATUSES,
  parseFilter,
  sortMappings,
  withoutValue,
  type FilterKey,
  type MappingFilter,
} from "../mapping_filter";
import type { Mapping } from "../records";
import { loadPage } from "../page";
import { areaNames, mappingHref, mayOffer, OWN_MAPPINGS_REASON } from "./mapping_shared";

/** The next thing due on a mapping, as GET /api/v1/dashboard gives it. */
interface NextDue {
  readonly due: string;
  readonly what: string;
  readonly overdue: boolean;
}

interface DashboardMappings {
  readonly mappings?: readonly { readonly id: string; readonly next_due: NextDue | null }[];
}

const STATUS_COLOURS: Readonly<Record<Mapping["status"], TagColour>> = {
  pre_mapping: "blue",
  active: "green",
  review: "yellow",
  closed: "grey",
};

/** A mapping's status as a tag (the words say it; the colour repeats them). */
export function mappingStatusTag(status: Mapping["status"]): HTMLElement {
  return tag(label(status), STATUS_COLOURS[status]);
}

const KIND_HINTS: Readonly<Record<Mapping["kind"], string>> = {
  individual: "Around one child",
  peer_group: "A group of children and the people around them",
  place: "A location or area",
  thematic: "An activity or online space, such as image sharing",
};

/** The kinds of mapping with the words that explain them (radios and checkboxes). */
export function kindChoices(withHints: boolean): Choice[] {
  return MAPPING_KINDS.map((k) => ({
    value: k,
    text: label(k),
    ...(withHints ? { hint: KIND_HINTS[k] } : {}),
  }));
}

export function mappingsPage(app: App, ctx: PageContext): void {
  void loadPage(app, ctx, async () => {
    const [mappings, profiles, areas, dashboard] = await Promise.all([
      app.records.all("mappings", {}, OWN_MAPPINGS_REASON),
      app.records.all("protocol_profiles"),
      app.records.all("areas"),
      // What is due next on each open mapping; the list still shows without it.
      (app.api.request("GET", "/dashboard") as Promise<DashboardMappings>).catch(() => null),
    ]);
    if (!ctx.isCurrent()) return;
    const filter = parseFilter(window.location.search);
    const profileName = (id: string) => profiles.find((p) => p.id === id)?.name ?? "";
    const nextDue = new Map((dashboard?.mappings ?? []).map((m) => [m.id, m.next_due]));

    // The filter's options: every code, and the areas and profiles the user's mappings use.
    const usedAreas = new Set(mappings.flatMap((m) => m.area_ids ?? []));
    const usedProfiles = new Set(mappings.map((m) => m.profile_id));
    const options: Record<FilterKey, { title: string; choices: Choice[] }> = {
      status: {
        title: "Status",
        choices: MAPPING_STATUSES.map((s) => ({ value: s, text: label(s) })),
      },
      kind: { title: "Kind", choices: kindChoices(false) },
      area: {
        title: "Area",
        choices: areas
          .filter((a) => usedAreas.has(a.id))
          .map((a) => ({ value: a.id, text: a.name })),
      },
      profile: {
        title: "Protocol",
        choices: profiles
          .filter((p) => usedProfiles.has(p.id))
          .map((p) => ({ value: p.id, text: p.name })),
      },
    };
    // Only what can be shown counts: an id from an old bookmark that names nothing is dropped.
    const known = (key: FilterKey) => options[key].choices.map((c) => c.value);
    const active: MappingFilter = {
      status: filter.status,
      kind: filter.kind,
      area: filter.area.filter((v) => known("area").includes(v)),
      profile: filter.profile.filter((v) => known("profile").includes(v)),
    };

    const shown = sortMappings(applyFilter(mappings, active));
    const rows = shown.map((m) => {
      const due = nextDue.get(m.id);
      return [
        link(m.title, mappingHref(m.id)),
        label(m.kind),
        mappingStatusTag(m.status),
        areaNames(areas, m.area_ids),
        profileName(m.profile_id),
        formatDate(m.opened_on),
        dueCell(m, due, dashboard !== null),
      ];
    });

    app.setTitle(isFiltered(active) ? "Mappings (filtered)" : "Mappings");
    const content = h("div", {});
    if (mappings.length === 0) {
      content.append(para("You are not a member of any mapping yet."));
    } else if (shown.length === 0) {
      content.append(
        h("h2", { class: "govuk-heading-m" }, "No mappings match these filters"),
        para(link("Clear filters", "/mappings")),
      );
    } else {
      const list = table(
        shown.length === mappings.length
          ? `Your mappings (${String(mappings.length)})`
          : `Showing ${String(shown.length)} of your ${String(mappings.length)} mappings`,
        [
          { text: "Title" },
          { text: "Kind" },
          { text: "Status" },
          { text: "Areas" },
          { text: "Protocol" },
          { text: "Opened" },
          { text: "Next due" },
        ],
        rows,
        { captionSize: "m" },
      );
      list.classList.add("app-table--small");
      content.append(list);
    }

    ctx.main.replaceChildren(
      heading("Mappings"),
      mayOffer(app.role, "convene")
        ? buttonLink("Start a new mapping", "/mappings/new")
        : para("A chair starts a new mapping. Ask a chair to add you to one you work on."),
      filterPanel(app, active, options),
      content,
    );
  });
}

function dueCell(m: Mapping, due: NextDue | null | undefined, known: boolean): HTMLElement {
  if (m.status === "closed") return h("span", {}, "");
  if (!known) return h("span", { class: "app-not-recorded" }, "Not available");
  if (due === null || due === undefined) return h("span", {}, "Nothing due");
  return h(
    "span",
    {},
    formatDate(due.due),
    due.overdue ? " " : null,
    due.overdue ? tag("Overdue", "red") : null,
    h("span", { class: "govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0" }, due.what),
  );
}

/** The MoJ filter: selected filters as removable tags, then the checkboxes and Apply. */
function filterPanel(
  app: App,
  f: MappingFilter,
  options: Readonly<Record<FilterKey, { title: string; choices: Choice[] }>>,
): HTMLElement {
  const form = h("form", {
    method: "get",
    action: "/mappings",
    novalidate: true,
  }) as HTMLFormElement;
  // The four questions side by side above the table (the page is too narrow for MoJ's
  // filter beside a seven-column table), then the button.
  const columns = h("div", { class: "govuk-grid-row" });
  for (const key of FILTER_KEYS) {
    if (options[key].choices.length === 0) continue;
    columns.append(
      h(
        "div",
        { class: "govuk-grid-column-one-quarter" },
        choices({
          id: "filter-" + key,
          name: key,
          label: options[key].title,
          type: "checkbox",
          small: true,
          choices: options[key].choices,
          values: f[key],
        }),
      ),
    );
  }
  const optionsBox = h(
    "div",
    { class: "moj-filter__options" },
    columns,
    button("Apply filters", { secondary: true }),
  );
  const content = h("div", { class: "moj-filter__content" });
  if (isFiltered(f)) {
    const selected = h(
      "div",
      { class: "moj-filter__selected" },
      h(
        "div",
        { class: "moj-filter__selected-heading" },
        h(
          "div",
          { class: "moj-filter__heading-title" },
          h("h2", { class: "govuk-heading-m" }, "Selected filters"),
        ),
        " ", // MoJ's styles space the title and the action by justifying the gap between them.
        h(
          "div",
          { class: "moj-filter__heading-action" },
          h(
            "p",
            {},
            h(
              "a",
              { class: "govuk-link govuk-link--no-visited-state", href: "/mappings" },
              "Clear filters",
            ),
          ),
        ),
      ),
    );
    for (const key of FILTER_KEYS) {
      if (f[key].length === 0) continue;
      const tags = h("ul", { class: "moj-filter-tags" });
      for (const value of f[key]) {
        const text = options[key].choices.find((c) => c.value === value)?.text ?? value;
        tags.append(
          h(
            "li",
            {},
            h(
              "a",
              {
                class: "moj-filter__tag",
                href: "/mappings" + filterQuery(withoutValue(f, key, value)),
              },
              h("span", { class: "govuk-visually-hidden" }, "Remove this filter"),
              " " + text,
            ),
          ),
        );
      }
      selected.append(
        h("h3", { class: "govuk-heading-s govuk-!-margin-bottom-0" }, options[key].title),
        tags,
      );
    }
    content.append(selected);
  }
  content.append(optionsBox);
  form.append(
    h(
      "div",
      { class: "moj-filter govuk-!-margin-bottom-6" },
      h(
        "div",
        { class: "moj-filter__header" },
        h(
          "div",
          { class: "moj-filter__header-title" },
          h("h2", { class: "govuk-heading-m" }, "Filter"),
        ),
        " ",
        h("div", { class: "moj-filter__header-action" }),
      ),
      content,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const key of FILTER_KEYS)
      for (const el of Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`)))
        if (el.checked) chosen.append(key, el.value);
    app.router.navigate("/mappings" + filterQuery(parseFilter("?" + chosen.toString())));
  });
  return form;
}
