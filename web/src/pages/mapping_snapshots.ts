// /mappings/:id/snapshots: the map as it stood at each meeting (dated snapshots, so maps can
// be compared meeting to meeting), and taking one now from the current map (one POST).
import type { App, PageContext } from "../app";
import { button, fieldText, select, textInput } from "../components";
import { h } from "../dom";
import { heading, para, sectionHeading, summaryCard, twoThirds } from "../display";
import { formatDate, label, plural, todayIso } from "../format";
import { onSave } from "../forms";
import { snapshotFromBundle } from "../mapping_record";
import { subjectsOn } from "../mapping_tasks";
import type { MapSnapshot } from "../records";
import { flashBanner } from "../page";
import {
  mappingBreadcrumbs,
  mappingHref,
  mayOffer,
  openMapping,
  type LoadedMapping,
} from "./mapping_shared";

function countWords(s: Pick<MapSnapshot, "nodes" | "edges">): string {
  const nodes = s.nodes ?? [];
  const people = nodes.filter(
    (n) =>
      n.kind === "child" ||
      n.kind === "adult" ||
      n.kind === "parent_carer" ||
      n.kind === "professional",
  ).length;
  return [
    plural(people, "person", "people"),
    plural(nodes.length - people, "place, group or other", "places, groups or others"),
    plural((s.edges ?? []).length, "link", "links"),
  ].join(", ");
}

export function mappingSnapshotsPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, (m) => {
    app.setTitle("Snapshots");
    const snapshots = (m.bundle.map_snapshots ?? [])
      .filter((s) => s.mapping_id === m.id)
      .sort((a, b) => b.taken_on.localeCompare(a.taken_on) || b.id.localeCompare(a.id));
    const meetings = (m.bundle.meetings ?? []).filter((x) => x.mapping_id === m.id);
    const meetingWords = (id: string | undefined) => {
      const x = meetings.find((mt) => mt.id === id);
      return x === undefined ? "" : `${label(x.kind)} meeting, ${formatDate(x.date)}`;
    };
    const column = h("div", {});
    column.append(
      flashBanner(app) ?? "",
      heading("Snapshots", m.mapping.title),
      para(
        "A snapshot keeps the map as it stood, so the partnership can compare it meeting to meeting.",
      ),
    );
    if (mayOffer(app.role, "curate") && m.mapping.status !== "closed")
      column.append(takeForm(app, m, meetings));
    column.append(sectionHeading(`Snapshots taken (${String(snapshots.length)})`));
    if (snapshots.length === 0) column.append(para("No snapshot has been taken yet."));
    for (const s of snapshots) {
      const names = (s.nodes ?? []).map((n) => n.label);
      column.append(
        summaryCard(
          s.title === undefined || s.title === ""
            ? `Snapshot of ${formatDate(s.taken_on)}`
            : s.title,
          [
            { key: "Taken on", value: formatDate(s.taken_on) },
            { key: "At the meeting", value: meetingWords(s.meeting_id) },
            { key: "On the map", value: countWords(s) },
            { key: "Who and what", value: names.join(", ") },
          ],
          "h3",
        ),
      );
    }
    ctx.main.replaceChildren(mappingBreadcrumbs(m), twoThirds(column));
  });
}

function takeForm(
  app: App,
  m: LoadedMapping,
  meetings: readonly { id: string; kind: string; date: string }[],
): HTMLElement {
  const today = todayIso();
  const now = snapshotFromBundle(m.bundle, m.id, { taken_on: today, title: "", meeting_id: "" });
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  form.append(
    para(`The map now has ${countWords(now)}.`),
    textInput({
      id: "title",
      name: "title",
      label: "Title",
      hint: "For example, the meeting it was taken at.",
      autocomplete: "off",
      value: `${m.mapping.title}, ${formatDate(today)}`,
    }),
    select({
      id: "meeting_id",
      label: "Taken at the meeting (optional)",
      choices: [
        { value: "", text: "Not at a meeting" },
        ...meetings.map((x) => ({
          value: x.id,
          text: `${label(x.kind)} meeting, ${formatDate(x.date)}`,
        })),
      ],
    }),
    button("Take snapshot"),
  );
  const container = h("div", {}, sectionHeading("Take a snapshot of the map now"), form);
  onSave(
    form,
    container,
    { title: "Title", meeting_id: "Meeting", taken_on: "Date" },
    {
      check: () =>
        subjectsOn(m.bundle, m.id).length === 0
          ? [{ id: "title", message: "Add people or places to the map before taking a snapshot" }]
          : [],
      save: () =>
        app.records.create(
          "map_snapshots",
          snapshotFromBundle(m.bundle, m.id, {
            taken_on: today,
            title: fieldText(form, "title"),
            meeting_id: fieldText(form, "meeting_id"),
          }),
        ),
      done: () => {
        app.flash("Snapshot taken");
        app.router.navigate(mappingHref(m.id, "snapshots"));
      },
    },
  );
  return container;
}
