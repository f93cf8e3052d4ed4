// Find a person (or a place) across the partnership by name, other name, postcode or date of
// birth (GET /api/v1/search). The reason is asked once a session (scope "search") and sent
// with every search. The search text stays in the page: it never goes into the URL.
import type { App, PageContext } from "../app";
import { h } from "../dom";
import { heading, para, twoThirds } from "../display";
import { withReason } from "../page";
import type { Area } from "../records";
import { resultItem, resultsHeading, searchForm } from "../subjects/search_view";

/** /find: the search form, and its results below it. */
export function findPage(app: App, ctx: PageContext): void {
  withReason(app, ctx, "search", "people and places across the partnership", (reason) => {
    app.setTitle("Find a person or place");
    const results = h("div", { id: "results", "aria-live": "polite" });
    const column = h("div", {});
    let areas: readonly Area[] = [];
    void app.records.all("areas").then(
      (a) => (areas = a),
      () => undefined,
    );
    const form = searchForm(app, column, {
      askDob: true,
      textLabel: "Name, other name or postcode",
      textHint:
        'Part of a name works: "mock" finds Dean Mockley. You will only see people and places on mappings you are a member of.',
      reason,
      show: (answer) => {
        if (!ctx.isCurrent()) return;
        const list = h("ul", { class: "govuk-list app-results" });
        for (const hit of answer.results)
          list.append(
            resultItem(hit, areas, null, `/subjects/${encodeURIComponent(hit.subject.id)}`),
          );
        results.replaceChildren(
          resultsHeading(answer),
          answer.results.length > 0
            ? list
            : para(
                "Check the spelling, try part of the name or another name they are known by, or search by date of birth.",
              ),
        );
        results.querySelector<HTMLElement>("#results-heading")?.focus();
      },
    });
    column.append(heading("Find a person or place"), form);
    ctx.main.replaceChildren(twoThirds(column), results);
  });
}
