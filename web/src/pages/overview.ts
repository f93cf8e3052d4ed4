// The strategic overview (/overview): counts across every mapping in the partnership as GOV.UK
// tables, from GET /api/v1/overview. Nothing is named: no people, places, titles or free
// text, only areas (reference data), the protocols' risk category labels and counts.
// Strategic viewers and chairs may read it.
import type { App, PageContext } from "../app";
import { h } from "../dom";
import { heading, para, table } from "../display";
import { label, plural } from "../format";
import { loadPage } from "../page";
import {
  actionsByArea,
  byAreaAndStatus,
  byKindAndStatus,
  childrenByRiskCategory,
  parseOverview,
  STATUSES,
  subjectsOnOpenMappings,
} from "../overview";

/** /overview: the partnership's mappings in numbers. */
export function overviewPage(app: App, ctx: PageContext): void {
  void loadPage(app, ctx, async () => {
    const [answer, areas] = await Promise.all([
      app.api.request("GET", "/overview"),
      app.records.all("areas"),
    ]);
    if (!ctx.isCurrent()) return;
    const mappings = parseOverview(answer);
    const sorted = [...areas].sort((a, b) => a.name.localeCompare(b.name));
    const order = sorted.map((a) => a.id);
    const areaName = (id: string) =>
      id === ""
        ? "No area recorded"
        : (areas.find((a) => a.id === id)?.name ?? "Area no longer in use");
    const statusColumns = [
      ...STATUSES.map((s) => ({ text: label(s), numeric: true })),
      { text: "Total", numeric: true },
    ];
    const open = mappings.filter((m) => m.status !== "closed").length;
    app.setTitle("Overview");
    const subjects = subjectsOnOpenMappings(mappings);
    const actions = actionsByArea(mappings, order);
    const risk = childrenByRiskCategory(mappings, order);
    ctx.main.replaceChildren(
      h(
        "div",
        { class: "govuk-grid-row" },
        h(
          "div",
          { class: "govuk-grid-column-full" },
          heading("Overview", "Across the partnership"),
          para(
            `${plural(mappings.length, "mapping", "mappings")} in all, ${String(open)} not closed. `,
            "These are counts only: no one is named.",
          ),
          table(
            "Mappings by area",
            [{ text: "Area" }, ...statusColumns],
            byAreaAndStatus(mappings, order).map((r) => [
              areaName(r.key),
              ...r.counts.map(String),
              String(r.total),
            ]),
          ),
          para(
            h(
              "span",
              { class: "govuk-body-s" },
              "A mapping that covers two areas is counted in each.",
            ),
          ),
          table(
            "Mappings by kind",
            [{ text: "Kind of mapping" }, ...statusColumns],
            byKindAndStatus(mappings).map((r) => [
              label(r.key),
              ...r.counts.map(String),
              String(r.total),
            ]),
          ),
          table(
            "People, places and groups on mappings not closed",
            [{ text: "Kind" }, { text: "Number", numeric: true }],
            subjects.length === 0
              ? [["None", "0"]]
              : subjects.map((r) => [label(r.key), String(r.total)]),
          ),
          para(h("span", { class: "govuk-body-s" }, "Someone on two mappings is counted on each.")),
          table(
            "Children by risk category",
            [
              { text: "Area" },
              ...risk.columns.map((c) => ({ text: c.label, numeric: true })),
              { text: "Total", numeric: true },
            ],
            [risk.partnership, ...risk.areas].map((r, i) => [
              i === 0 ? "Across the partnership" : areaName(r.key),
              ...r.counts.map(String),
              String(r.total),
            ]),
          ),
          para(
            h(
              "span",
              { class: "govuk-body-s" },
              "The children in the cohort of each mapping not closed, by the risk category " +
                "last decided for them on that mapping. A child on two mappings is counted on " +
                "each, and a mapping that covers two areas in each area.",
            ),
          ),
          table(
            "Actions on mappings not closed, by area",
            [
              { text: "Area" },
              { text: "Open actions", numeric: true },
              { text: "Overdue", numeric: true },
            ],
            actions.length === 0
              ? [["None", "0", "0"]]
              : actions.map((r) => [areaName(r.key), ...r.counts.map(String)]),
          ),
        ),
      ),
    );
  });
}
