// A mapping's meetings (/mappings/:id/meetings) and arranging one (/mappings/:id/meetings/new),
// and the loaders the meeting pages share: a mapping's records in one read (GET
// /mappings/{id}/map) with the reason asked once per mapping, or a meeting with its mapping.
import type { App, PageContext } from "../app";
import {
  choices,
  checkedValues,
  dateInput,
  dateValue,
  fieldText,
  fieldValue,
  textInput,
  type FieldError,
} from "../components";
import { h } from "../dom";
import { backLink, buttonLink, heading, link, para, table, twoThirds } from "../display";
import { formatDate } from "../format";
import { onSave } from "../forms";
import { flashBanner, loadPage, withReason } from "../page";
import type { Mapping, MappingBundle, Meeting, ProtocolProfile, Versioned } from "../records";
import { agendaFor, meetingName, meetingsNewestFirst, timeValue, withFields } from "../work";
import {
  loadPeople,
  may,
  membersOf,
  personSelect,
  rememberMapping,
  statusTag,
  userName,
  withRecordReason,
  type People,
} from "./work_shared";
import { mappingScope } from "./mapping_shared";
import { mappingIn } from "../mapping_tasks";

/** A mapping's records and what the pages need beside them. */
export interface MappingView {
  readonly mapping: Mapping;
  readonly bundle: MappingBundle;
  readonly profile: ProtocolProfile | null;
  readonly people: People;
  readonly reason: string;
}

/** Reads a mapping's records (the user's reason goes with them), its profile and the names. */
export async function loadMapping(app: App, id: string, reason: string): Promise<MappingView> {
  const [bundle, people] = await Promise.all([app.records.mapping(id, reason), loadPeople(app)]);
  const mapping = mappingIn(bundle, id);
  if (mapping === undefined) throw new Error("the mapping's records did not include it");
  // A removed profile: the pages work without its templates.
  const profile = await app.records
    .get("protocol_profiles", mapping.profile_id)
    .then((p) => p.record)
    .catch(() => null);
  for (const m of bundle.meetings ?? []) rememberMapping("meeting", m.id, id);
  for (const a of bundle.actions ?? []) rememberMapping("action", a.id, id);
  for (const q of bundle.key_questions ?? []) rememberMapping("question", q.id, id);
  return { mapping, bundle, profile, people, reason };
}

/**
 * The frame of a page inside a mapping (/mappings/:id/...): the reason asked once per mapping
 * per session, then the mapping's records read and `draw` called (unless the user has moved on).
 */
export function mappingPage(app: App, ctx: PageContext, draw: (view: MappingView) => void): void {
  const id = ctx.params["id"] ?? "";
  withReason(app, ctx, mappingScope(id), "this mapping", (reason) => {
    void loadPage(app, ctx, async () => {
      const view = await loadMapping(app, id, reason);
      if (ctx.isCurrent()) draw(view);
    });
  });
}

/** A meeting with its mapping's records. */
export interface MeetingView extends MappingView {
  readonly meeting: Versioned<Meeting>;
}

/**
 * The frame of a page about one meeting (/meetings/:id/...): the reason (the mapping's, when
 * known), the meeting, then its mapping's records. A meeting the user may not see reads as not
 * found, exactly as a missing one.
 */
export function meetingPage(app: App, ctx: PageContext, draw: (view: MeetingView) => void): void {
  const id = ctx.params["id"] ?? "";
  withRecordReason(app, ctx, "meeting", id, "this meeting", (reason, learnt) => {
    void loadPage(app, ctx, async () => {
      const meeting = await app.records.get("meetings", id, reason);
      learnt(meeting.record.mapping_id);
      const view = await loadMapping(app, meeting.record.mapping_id, reason);
      if (ctx.isCurrent()) draw({ ...view, meeting });
    });
  });
}

/** The page's two-thirds column with the mapping's title as a caption. */
export function mappingCaption(view: MappingView): string {
  return view.mapping.title;
}

/** The caption of a form for work raised at `meeting`, or for the mapping when it is null. */
export function raisedAtCaption(view: MappingView, meeting: Meeting | null): string {
  return meeting === null
    ? mappingCaption(view)
    : `${meetingName(meeting.kind)}, ${formatDate(meeting.date)}`;
}

/** /mappings/:id/meetings: the mapping's meetings, newest first. */
export function meetingsPage(app: App, ctx: PageContext): void {
  mappingPage(app, ctx, (view) => {
    const id = view.mapping.id;
    app.setTitle("Meetings");
    const meetings = meetingsNewestFirst(view.bundle.meetings ?? []);
    const body =
      meetings.length === 0
        ? para("No meetings have been arranged for this mapping yet.")
        : table(
            "Meetings, newest first",
            [{ text: "Date" }, { text: "Meeting" }, { text: "Status" }, { text: "Chair" }],
            meetings.map((m) => [
              link(
                formatDate(m.date) + (m.start_time ? `, ${m.start_time}` : ""),
                `/meetings/${encodeURIComponent(m.id)}`,
              ),
              meetingName(m.kind),
              statusTag(m.status),
              userName(view.people, m.chair_user_id) || "Not recorded",
            ]),
            { hiddenCaption: true },
          );
    ctx.main.replaceChildren(
      backLink(`/mappings/${encodeURIComponent(id)}`, "Back to the mapping"),
      flashBanner(app) ?? "",
      heading("Meetings", mappingCaption(view)),
      may(app, "meetings")
        ? buttonLink("Arrange a meeting", `/mappings/${encodeURIComponent(id)}/meetings/new`)
        : para("The mapping's chair arranges its meetings."),
      body,
    );
  });
}

const KINDS: readonly Meeting["kind"][] = [
  "pre_mapping",
  "initial",
  "external",
  "review",
  "bronze",
  "silver",
];

const KIND_HINTS: Readonly<Record<Meeting["kind"], string>> = {
  pre_mapping: "Internal: your own agency only",
  initial: "The first meeting of the network",
  external: "With the other agencies",
  review: "To review the plan and the risk",
  bronze: "Tactical group",
  silver: "Strategic group",
};

/** The checks made before a meeting is saved (the server checks again). */
export function checkMeetingForm(form: HTMLFormElement, withKind: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (withKind && checkedValues(form, "kind").length === 0)
    errors.push({ id: "kind", message: "Choose the kind of meeting" });
  const date = dateValue(form, "date");
  if (date === "") errors.push({ id: "date", message: "Enter the date of the meeting" });
  else if (date === null)
    errors.push({ id: "date", message: "The date of the meeting must be a real date" });
  if (timeValue(fieldValue(form, "start_time")) === null)
    errors.push({
      id: "start_time",
      message: "Enter the start time as hours and minutes, like 14:00",
    });
  return errors;
}

export const MEETING_FIELD_NAMES: Readonly<Record<string, string>> = {
  kind: "Kind of meeting",
  date: "The date of the meeting",
  start_time: "The start time",
  venue: "The venue",
  chair_user_id: "The chair",
  status: "The status",
  minutes_circulated_on: "The date the minutes were circulated",
  minutes_filed_on: "The date the minutes were filed",
  next_review_on: "The next review date",
};

/** /mappings/:id/meetings/new: arrange a meeting; its agenda comes from the profile's template. */
export function arrangeMeetingPage(app: App, ctx: PageContext): void {
  mappingPage(app, ctx, (view) => {
    const id = view.mapping.id;
    app.setTitle("Arrange a meeting");
    const templates = view.profile?.meeting_templates ?? [];
    const form = h(
      "form",
      { novalidate: true, method: "post" },
      choices({
        id: "kind",
        label: "What kind of meeting is it?",
        type: "radio",
        choices: KINDS.map((k) => {
          const t = templates.find((x) => x.meeting_kind === k);
          return {
            value: k,
            text: meetingName(k),
            hint:
              KIND_HINTS[k] +
              (t === undefined ? "." : `. The agenda starts from the profile's "${t.name}".`),
          };
        }),
      }),
      dateInput({ id: "date", label: "Date" }),
      textInput({
        id: "start_time",
        name: "start_time",
        label: "Start time (optional)",
        hint: "For example, 14:00",
        autocomplete: "off",
        widthClass: "govuk-input--width-5",
      }),
      textInput({
        id: "venue",
        name: "venue",
        label: "Venue (optional)",
        hint: "Where the meeting is held, or how to join it online",
        autocomplete: "off",
      }),
      personSelect(
        {
          id: "chair_user_id",
          label: "Chair",
          first: "Not decided yet",
          ...(view.mapping.chair_user_id === undefined
            ? {}
            : { value: view.mapping.chair_user_id }),
        },
        membersOf(view.bundle, view.people),
        view.people,
      ),
      h(
        "div",
        { class: "govuk-button-group" },
        h(
          "button",
          { type: "submit", class: "govuk-button", "data-module": "govuk-button" },
          "Arrange the meeting",
        ),
        link("Cancel", `/mappings/${encodeURIComponent(id)}/meetings`),
      ),
    ) as HTMLFormElement;
    const column = h(
      "div",
      {},
      heading("Arrange a meeting", mappingCaption(view)),
      para(
        "The agenda is set from the mapping's protocol profile (" +
          (view.profile?.name ?? "not found") +
          "). You can add minutes to each section at the meeting.",
      ),
      form,
    );
    ctx.main.replaceChildren(
      backLink(`/mappings/${encodeURIComponent(id)}/meetings`, "Back to meetings"),
      twoThirds(column),
    );
    onSave(form, column, MEETING_FIELD_NAMES, {
      check: () => checkMeetingForm(form, true),
      save: () => {
        const kind = (checkedValues(form, "kind")[0] ?? "initial") as Meeting["kind"];
        const body = withFields(
          {
            mapping_id: id,
            kind,
            status: "planned" as const,
            date: dateValue(form, "date") ?? "",
            agenda: agendaFor(view.profile, kind),
          },
          {
            start_time: timeValue(fieldValue(form, "start_time")) ?? "",
            venue: fieldValue(form, "venue").trim(),
            chair_user_id: fieldText(form, "chair_user_id"),
          },
        );
        return app.records.create("meetings", body);
      },
      done: (saved) => {
        rememberMapping("meeting", saved.id, id);
        app.flash("Meeting arranged");
        app.router.navigate(`/meetings/${encodeURIComponent(saved.id)}`);
      },
    });
  });
}
