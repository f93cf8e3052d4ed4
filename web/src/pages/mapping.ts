// /mappings/:id: one mapping laid out as a GOV.UK task list. A summary at the top (kind,
// status, protocol, chair, areas, opened, next review, what is due next), then the tasks in
// the order the protocol runs, each with its status worked out from the record
// (src/mapping_tasks.ts), then the links on the map in words (the map itself comes later).
// One read of the mapping (GET /mappings/{id}/map) after the reason, asked once per mapping.
import type { App, PageContext } from "../app";
import { h } from "../dom";
import {
  backLink,
  heading,
  link,
  para,
  sectionHeading,
  summaryList,
  tag,
  taskList,
  type SummaryRow,
  type Task,
} from "../display";
import { formatDate, label, todayIso } from "../format";
import {
  actionsStatus,
  closureStatus,
  factorsStatus,
  linksInWords,
  meetingsStatus,
  nextReview,
  preMappingStatus,
  questionsStatus,
  referralsStatus,
  snapshotsStatus,
  subjectsStatus,
  submissionsStatus,
  type TaskState,
} from "../mapping_tasks";
import { flashBanner } from "../page";
import {
  areaNames,
  mappingHref,
  mayOffer,
  openMapping,
  userName,
  type LoadedMapping,
} from "./mapping_shared";
import { whoMaySee } from "./mapping_members";
import { mappingStatusTag } from "./mappings";

/** One item GET /mappings/{id}/due lists. */
interface DueItem {
  readonly due: string;
  readonly what: string;
  readonly overdue: boolean;
}

export function mappingPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, async (m) => {
    // What is due next; the page still shows (without it) if the server cannot say.
    const due = await (
      app.api.request("GET", `/mappings/${encodeURIComponent(m.id)}/due`, {
        reason: m.reason,
      }) as Promise<{ items?: readonly DueItem[] }>
    )
      .then((d) => d.items ?? [])
      .catch(() => null);
    if (!ctx.isCurrent()) return;
    drawMapping(app, ctx, m, due);
  });
}

function task(title: string, href: string, state: TaskState, hint?: string): Task {
  return {
    title,
    href,
    status: state.status,
    ...(state.colour === undefined ? {} : { statusColour: state.colour }),
    ...(hint === undefined ? {} : { hint }),
  };
}

function dueList(items: readonly DueItem[] | null): HTMLElement | string {
  if (items === null) return h("span", { class: "app-not-recorded" }, "Not available");
  if (items.length === 0) return "Nothing due";
  const shown = items.slice(0, 3);
  const list = h("ul", { class: "govuk-list" });
  for (const i of shown) {
    list.append(
      h(
        "li",
        {},
        h("strong", {}, formatDate(i.due)),
        i.overdue ? " " : null,
        i.overdue ? tag("Overdue", "red") : null,
        h("br"),
        i.what,
      ),
    );
  }
  if (items.length > shown.length)
    list.append(
      h("li", { class: "govuk-hint" }, `And ${String(items.length - shown.length)} more`),
    );
  return list;
}

function drawMapping(
  app: App,
  ctx: PageContext,
  m: LoadedMapping,
  due: readonly DueItem[] | null,
): void {
  const { mapping, bundle, id } = m;
  const today = todayIso();
  const href = (page: string) => mappingHref(id, page);
  const change = mayOffer(app.role, "convene")
    ? (what: string) => ({ change: { href: href("details"), what } })
    : () => ({});
  app.setTitle(mapping.title);

  const objectives = mapping.objectives ?? [];
  const rows: SummaryRow[] = [
    { key: "Kind", value: label(mapping.kind), ...change("kind") },
    { key: "Status", value: mappingStatusTag(mapping.status), ...change("status") },
    { key: "Protocol", value: m.profile?.name ?? "" },
    { key: "Chair", value: userName(m.users, mapping.chair_user_id), ...change("chair") },
    { key: "Co-chair", value: userName(m.users, mapping.co_chair_user_id), ...change("co-chair") },
    { key: "Areas", value: areaNames(m.areas, mapping.area_ids), ...change("areas") },
    {
      key: "Trigger",
      value: `${label(mapping.trigger)}, ${formatDate(mapping.trigger_date)}`,
      ...change("trigger"),
    },
    { key: "Opened", value: formatDate(mapping.opened_on) },
    ...(mapping.status === "closed"
      ? [{ key: "Closed", value: formatDate(mapping.closed_on) }]
      : [{ key: "Next review", value: formatDate(nextReview(bundle, id, today)) }]),
    { key: "Due next", value: dueList(due) },
    {
      key: "Objectives",
      value:
        objectives.length === 0
          ? ""
          : h(
              "ul",
              { class: "govuk-list govuk-list--bullet" },
              ...objectives.map((o) => h("li", {}, o)),
            ),
      ...change("objectives"),
    },
  ];

  const memberCount = whoMaySee({ id, mapping, bundle, users: m.users }).length;
  const groups: [string, Task[]][] = [
    [
      "Before the first meeting",
      [
        task(
          "Who may see this mapping",
          href("members"),
          { status: `${String(memberCount)} ${memberCount === 1 ? "person" : "people"}` },
          "The chair adds the people who need to know",
        ),
        task("Pre-mapping session", href("meetings"), preMappingStatus(bundle, id)),
        task("Agency submissions", href("submissions"), submissionsStatus(bundle, id)),
      ],
    ],
    [
      "Who and what is on the map",
      [
        task(
          "Subjects",
          href("subjects"),
          subjectsStatus(bundle, id),
          "The cohort, adults of concern, places, groups and key contacts",
        ),
      ],
    ],
    ["Meetings", [task("Meetings", href("meetings"), meetingsStatus(bundle, id))]],
    [
      "Risk and the plan",
      [
        task(
          "Factors and risk",
          href("factors"),
          factorsStatus(bundle, id, m.profile),
          "Vulnerability and risk factors, strengths and the risk category for each child",
        ),
        task("Actions", href("actions"), actionsStatus(bundle, id, today)),
        task("Key questions", href("questions"), questionsStatus(bundle, id, today)),
        task("Referrals", href("referrals"), referralsStatus(bundle, id)),
      ],
    ],
    [
      "The record",
      [
        task(
          "Snapshots",
          href("snapshots"),
          snapshotsStatus(bundle, id),
          "The map as it stood at each meeting",
        ),
        task("Closure", href("closure"), closureStatus(mapping)),
      ],
    ],
  ];

  const links = linksInWords(bundle, id);
  ctx.main.replaceChildren(
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        backLink("/mappings", "Back to mappings"),
        flashBanner(app),
        heading(mapping.title, "Mapping"),
        mapping.trigger_detail === undefined || mapping.trigger_detail === ""
          ? null
          : para(mapping.trigger_detail),
        summaryList(rows),
        ...groups.flatMap(([title, tasks], i) => [
          sectionHeading(`${String(i + 1)}. ${title}`),
          taskList(`tasks-${String(i + 1)}`, tasks),
        ]),
        sectionHeading("Links on the map"),
        links.length === 0
          ? para("No links between the people and places on this mapping are recorded yet.")
          : h(
              "ul",
              { class: "govuk-list govuk-list--bullet", id: "links" },
              ...links.map((l) => h("li", {}, l.sentence)),
            ),
        para(
          link(
            "Links: how strong and how sure, and adding one",
            `/mappings/${encodeURIComponent(id)}/links`,
          ),
        ),
      ),
    ),
  );
}
