// The forms of a meeting: its details and minutes dates (/meetings/:id/details), the minutes of
// each agenda section (/meetings/:id/minutes), its decisions (/meetings/:id/decisions), an
// attendee (/meetings/:id/attendees/new and /meetings/:id/attendees/:attendee) and the risk
// category decided for a child (/meetings/:id/risk/:subject). Changes to the meeting are saved
// with If-Match on the version read, so a change someone else made meanwhile is a 412 that
// keeps everything typed.
import type { App, PageContext } from "../app";
import {
  button,
  checkedValues,
  choices,
  dateInput,
  dateValue,
  fieldText,
  fieldValue,
  select,
  textarea,
  textInput,
  type FieldError,
} from "../components";
import { h } from "../dom";
import { backLink, heading, insetText, link, para, twoThirds } from "../display";
import { formatDate, todayIso } from "../format";
import { onSave } from "../forms";
import { notFoundPage } from "./sign_out";
import type { Attendee, RiskAssessment } from "../records";
import { cleanDecisions, promptsFor, timeValue, withFields } from "../work";
import { meetingTitle } from "./meeting";
import { checkMeetingForm, MEETING_FIELD_NAMES, meetingPage, type MeetingView } from "./meetings";
import {
  agencyChoices,
  changesTo,
  etagOf,
  membersOf,
  optionalDate,
  personSelect,
  prose,
  theirVersion,
} from "./work_shared";

function meetingHref(view: MeetingView): string {
  return `/meetings/${encodeURIComponent(view.meeting.record.id)}`;
}

/** A form page about the meeting: back link, the meeting as caption, a heading, the form. */
function formPage(
  ctx: PageContext,
  view: MeetingView,
  title: string,
  form: HTMLFormElement,
  intro: (Node | null)[] = [],
): HTMLElement {
  const column = h("div", {}, heading(title, meetingTitle(view)), ...intro, form);
  ctx.main.replaceChildren(backLink(meetingHref(view), "Back to the meeting"), twoThirds(column));
  return column;
}

function saveButtons(view: MeetingView, text: string): HTMLElement {
  return h("div", { class: "govuk-button-group" }, button(text), link("Cancel", meetingHref(view)));
}

function optionalDateOrNull(
  form: HTMLFormElement,
  name: string,
  what: string,
  errors: FieldError[],
): void {
  if (dateValue(form, name) === null)
    errors.push({ id: name, message: `${what} must be a real date` });
}

/** /meetings/:id/details: change the meeting's details, status and minutes dates. */
export function meetingDetailsPage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    const m = view.meeting.record;
    app.setTitle("Change the meeting's details");
    const form = h(
      "form",
      { novalidate: true, method: "post" },
      choices({
        id: "status",
        label: "Status",
        type: "radio",
        values: [m.status],
        choices: [
          { value: "planned", text: "Planned" },
          { value: "held", text: "Held" },
          { value: "cancelled", text: "Cancelled" },
        ],
      }),
      dateInput({ id: "date", label: "Date", value: m.date }),
      textInput({
        id: "start_time",
        name: "start_time",
        label: "Start time (optional)",
        hint: "For example, 14:00",
        autocomplete: "off",
        widthClass: "govuk-input--width-5",
        value: m.start_time ?? "",
      }),
      textInput({
        id: "venue",
        name: "venue",
        label: "Venue (optional)",
        autocomplete: "off",
        value: m.venue ?? "",
      }),
      personSelect(
        {
          id: "chair_user_id",
          label: "Chair",
          first: "Not decided yet",
          value: m.chair_user_id ?? "",
        },
        membersOf(view.bundle, view.people),
        view.people,
      ),
      optionalDate("minutes_circulated_on", "Minutes circulated on", m.minutes_circulated_on),
      optionalDate(
        "minutes_filed_on",
        "Minutes and map filed on the children's case records on",
        m.minutes_filed_on,
      ),
      optionalDate("next_review_on", "Next review date", m.next_review_on),
      saveButtons(view, "Save changes"),
    ) as HTMLFormElement;
    const column = formPage(ctx, view, "Change the meeting's details", form);
    const save = changesTo(app, "meetings", view.meeting, view.reason);
    onSave(form, column, MEETING_FIELD_NAMES, {
      check: () => {
        const errors = checkMeetingForm(form, false);
        optionalDateOrNull(
          form,
          "minutes_circulated_on",
          "The date the minutes were circulated",
          errors,
        );
        optionalDateOrNull(form, "minutes_filed_on", "The date the minutes were filed", errors);
        optionalDateOrNull(form, "next_review_on", "The next review date", errors);
        return errors;
      },
      save: () =>
        save((latest) =>
          withFields(latest, {
            status: checkedValues(form, "status")[0] ?? m.status,
            date: dateValue(form, "date") ?? m.date,
            start_time: timeValue(fieldValue(form, "start_time")) ?? "",
            venue: fieldValue(form, "venue").trim(),
            chair_user_id: fieldText(form, "chair_user_id"),
            minutes_circulated_on: dateValue(form, "minutes_circulated_on") ?? "",
            minutes_filed_on: dateValue(form, "minutes_filed_on") ?? "",
            next_review_on: dateValue(form, "next_review_on") ?? "",
          }),
        ),
      done: () => {
        app.flash("Meeting details saved");
        app.router.navigate(meetingHref(view));
      },
    });
  });
}

/** /meetings/:id/minutes: the minutes of each agenda section and a summary. */
export function meetingMinutesPage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    const m = view.meeting.record;
    app.setTitle("Record the minutes");
    const agenda = m.agenda ?? [];
    const names: Record<string, string> = { minutes: "The summary" };
    const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
    agenda.forEach((section, i) => {
      const id = `agenda-${String(i)}-notes`;
      names[id] = `The minutes of "${section.heading}"`;
      const prompts = promptsFor(view.profile, m.kind, section.heading);
      form.append(
        textarea({
          id,
          label: `${String(i + 1)}. ${section.heading}`,
          ...(prompts.length === 0 ? {} : { hint: prompts.join(" ") }),
          value: section.notes ?? "",
          rows: 5,
        }),
      );
    });
    form.append(
      textarea({
        id: "minutes",
        label: "Summary of the meeting (optional)",
        hint: "Use full names, never initials.",
        value: m.minutes ?? "",
        rows: 6,
      }),
      saveButtons(view, "Save the minutes"),
    );
    const column = formPage(ctx, view, "Record the minutes", form, [
      para(
        "Write what was shared and agreed under each heading of the agenda. Use full names, never initials.",
      ),
    ]);
    // After a conflict: the other version of each box that differs, under the box.
    const save = changesTo(app, "meetings", view.meeting, view.reason, (newest) => {
      for (const el of Array.from(form.querySelectorAll(".app-their-version"))) el.remove();
      // [box, what this form loaded, what is saved now]
      const boxes: [string, string, string][] = [
        ...agenda.map((section, i): [string, string, string] => [
          `agenda-${String(i)}-notes`,
          section.notes ?? "",
          newest.agenda?.[i]?.notes ?? "",
        ]),
        ["minutes", m.minutes ?? "", newest.minutes ?? ""],
      ];
      for (const [id, loaded, saved] of boxes) {
        const box = form.querySelector<HTMLTextAreaElement>("#" + id);
        if (box === null || saved.trim() === loaded.trim() || saved.trim() === box.value.trim())
          continue;
        box.after(theirVersion(saved));
      }
    });
    onSave(form, column, names, {
      fallbackId: agenda.length > 0 ? "agenda-0-notes" : "minutes",
      save: () =>
        save((latest) =>
          withFields(latest, {
            // The sections as this form showed them: a section someone added meanwhile is kept.
            agenda: [
              ...agenda.map((section, i) =>
                withFields(
                  { heading: section.heading },
                  { notes: fieldText(form, `agenda-${String(i)}-notes`).trim() },
                ),
              ),
              ...(latest.agenda ?? []).slice(agenda.length),
            ],
            minutes: fieldText(form, "minutes").trim(),
          }),
        ),
      done: () => {
        app.flash("Minutes saved");
        app.router.navigate(meetingHref(view));
      },
    });
  });
}

/** /meetings/:id/decisions: the meeting's decisions, one box each, with one empty to add. */
export function meetingDecisionsPage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    const m = view.meeting.record;
    app.setTitle("Decisions");
    const decisions = [...(m.decisions ?? []), ""];
    const names: Record<string, string> = {};
    const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
    decisions.forEach((d, i) => {
      const id = `decisions-${String(i)}`;
      names[id] = `Decision ${String(i + 1)}`;
      form.append(
        textarea({
          id,
          label: i === decisions.length - 1 ? "Add a decision" : `Decision ${String(i + 1)}`,
          ...(i === decisions.length - 1
            ? { hint: "Leave blank if there is nothing to add." }
            : {}),
          value: d,
          rows: 2,
        }),
      );
    });
    form.append(saveButtons(view, "Save the decisions"));
    const column = formPage(ctx, view, "Decisions", form, [
      para("Empty a box to remove that decision. Save to add another."),
    ]);
    const save = changesTo(app, "meetings", view.meeting, view.reason, (newest) => {
      for (const el of Array.from(form.querySelectorAll(".app-their-version"))) el.remove();
      form.prepend(theirVersion((newest.decisions ?? []).join("\n")));
    });
    onSave(form, column, names, {
      fallbackId: "decisions-0",
      save: () => {
        const typed = decisions.map((_, i) => fieldText(form, `decisions-${String(i)}`));
        return save((latest) => withFields(latest, { decisions: cleanDecisions(typed) }));
      },
      done: () => {
        app.flash("Decisions saved");
        app.router.navigate(meetingHref(view));
      },
    });
  });
}

const ATTENDEE_NAMES: Readonly<Record<string, string>> = {
  user_id: "The member",
  name: "The name",
  agency_id: "The agency",
  position: "The position",
  attendance: "Attendance",
  confidentiality_agreed: "The confidentiality agreement",
};

/** The checks made before an attendee is saved. */
export function checkAttendee(typed: {
  name: string;
  agencyId: string;
  attendance: string;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (typed.name.trim() === "")
    errors.push({ id: "name", message: "Enter the attendee's full name" });
  if (typed.agencyId === "")
    errors.push({ id: "agency_id", message: "Choose the attendee's agency" });
  if (typed.attendance === "")
    errors.push({
      id: "attendance",
      message: "Choose whether they were present or sent apologies",
    });
  return errors;
}

function attendeeForm(
  app: App,
  ctx: PageContext,
  view: MeetingView,
  current: { record: Attendee; etag: string } | null,
): void {
  const a = current?.record;
  const title = a === undefined ? "Add an attendee" : `Change the attendance of ${a.name}`;
  app.setTitle(a === undefined ? "Add an attendee" : "Change attendance");
  const members = membersOf(view.bundle, view.people);
  const statement = view.profile?.confidentiality_statement ?? "";
  const memberPick = personSelect(
    {
      id: "user_id",
      label: "Member of this mapping (optional)",
      hint: "Choosing a member fills in their name, agency and position.",
      first: "Someone else",
      value: a?.user_id ?? "",
    },
    members,
    view.people,
  );
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    memberPick,
    textInput({
      id: "name",
      name: "name",
      label: "Full name",
      autocomplete: "off",
      value: a?.name ?? "",
      spellcheck: false,
    }),
    select({
      id: "agency_id",
      label: "Agency",
      choices: agencyChoices(view.people, a?.agency_id ?? ""),
      value: a?.agency_id ?? "",
    }),
    textInput({
      id: "position",
      name: "position",
      label: "Position (optional)",
      hint: "For example, Designated safeguarding lead",
      autocomplete: "off",
      value: a?.position ?? "",
    }),
    choices({
      id: "attendance",
      label: "Attendance",
      type: "radio",
      values: a === undefined ? [] : [a.attendance],
      choices: [
        { value: "present", text: "Present" },
        { value: "apologies", text: "Sent apologies" },
        { value: "absent", text: "Absent without apologies" },
      ],
    }),
    choices({
      id: "confidentiality_agreed",
      label: "Confidentiality agreement",
      type: "checkbox",
      values: a?.confidentiality_agreed === true ? ["yes"] : [],
      choices: [{ value: "yes", text: "They have agreed to the confidentiality statement" }],
    }),
    saveButtons(view, a === undefined ? "Add the attendee" : "Save changes"),
  ) as HTMLFormElement;
  const picker = memberPick.querySelector("select");
  picker?.addEventListener("change", () => {
    const u = view.people.users.get(picker.value);
    if (u === undefined) return;
    const set = (name: string, value: string) => {
      const el = form.elements.namedItem(name);
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) el.value = value;
    };
    set("name", u.full_name);
    set("agency_id", u.agency_id);
    set("position", u.position ?? "");
  });
  const column = formPage(ctx, view, title, form, [
    statement === ""
      ? null
      : insetText(
          h("h2", { class: "govuk-heading-s" }, "Confidentiality statement"),
          prose(statement),
        ),
  ]);
  const save = current === null ? null : changesTo(app, "attendees", current, view.reason);
  onSave(form, column, ATTENDEE_NAMES, {
    check: () =>
      checkAttendee({
        name: fieldValue(form, "name"),
        agencyId: fieldText(form, "agency_id"),
        attendance: checkedValues(form, "attendance")[0] ?? "",
      }),
    save: () => {
      const fields = {
        meeting_id: view.meeting.record.id,
        name: fieldValue(form, "name").replace(/\s+/g, " ").trim(),
        agency_id: fieldText(form, "agency_id"),
        attendance: (checkedValues(form, "attendance")[0] ?? "present") as Attendee["attendance"],
        confidentiality_agreed: checkedValues(form, "confidentiality_agreed").includes("yes"),
      };
      const optional = {
        position: fieldValue(form, "position").trim(),
        user_id: fieldText(form, "user_id"),
      };
      if (save === null) return app.records.create("attendees", withFields(fields, optional));
      return save((latest) => withFields({ ...latest, ...fields }, optional));
    },
    done: () => {
      app.flash(current === null ? "Attendee added" : "Attendance saved");
      app.router.navigate(meetingHref(view));
    },
  });
}

/** /meetings/:id/attendees/new: record someone attending (or sending apologies). */
export function addAttendeePage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    attendeeForm(app, ctx, view, null);
  });
}

/** /meetings/:id/attendees/:attendee: change an attendee's record. */
export function changeAttendeePage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    const id = ctx.params["attendee"] ?? "";
    const a = (view.bundle.attendees ?? []).find(
      (x) => x.id === id && x.meeting_id === view.meeting.record.id,
    );
    if (a === undefined) {
      notFoundPage(app, ctx);
      return;
    }
    attendeeForm(app, ctx, view, { record: a, etag: etagOf(a) });
  });
}

const RISK_NAMES: Readonly<Record<string, string>> = {
  category: "The risk category",
  rationale: "The reason for the decision",
  assessed_on: "The date of the decision",
  subject_id: "The child",
};

/** /meetings/:id/risk/:subject: the risk category decided for one child at this meeting. */
export function riskDecisionPage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    const m = view.meeting.record;
    const subjectId = ctx.params["subject"] ?? "";
    const child = (view.bundle.subjects ?? []).find(
      (s) => s.id === subjectId && s.kind === "child",
    );
    const onMapping = (view.bundle.mapping_subjects ?? []).some(
      (ms) => ms.subject_id === subjectId && ms.removed_on === undefined,
    );
    const categories = [...(view.profile?.risk_categories ?? [])].sort((a, b) => a.rank - b.rank);
    if (child === undefined || !onMapping || categories.length === 0) {
      notFoundPage(app, ctx);
      return;
    }
    const existing = (view.bundle.risk_assessments ?? [])
      .filter((r) => r.meeting_id === m.id && r.subject_id === subjectId)
      .sort((a, b) => (a.assessed_on + a.id < b.assessed_on + b.id ? -1 : 1))
      .at(-1);
    const earlier = (view.bundle.risk_assessments ?? [])
      .filter((r) => r.subject_id === subjectId && r.meeting_id !== m.id)
      .sort((a, b) => (a.assessed_on < b.assessed_on ? 1 : -1))[0];
    app.setTitle(`Risk category for ${child.label}`);
    const form = h(
      "form",
      { novalidate: true, method: "post" },
      choices({
        id: "category",
        label: "Which risk category did the meeting decide?",
        type: "radio",
        values: existing === undefined ? [] : [existing.category],
        choices: categories.map((c) => ({
          value: c.code,
          text: c.label,
          ...(c.definition === undefined ? {} : { hint: c.definition }),
        })),
      }),
      textarea({
        id: "rationale",
        label: "Why",
        hint: "What the meeting based its decision on. Use full names, never initials.",
        value: existing?.rationale ?? "",
        rows: 5,
      }),
      saveButtons(view, "Save the decision"),
    ) as HTMLFormElement;
    const label = (code: string) => categories.find((c) => c.code === code)?.label ?? code;
    const column = formPage(ctx, view, `Risk category for ${child.label}`, form, [
      earlier === undefined
        ? null
        : insetText(
            `Decided before this meeting, on ${formatDate(earlier.assessed_on)}: ${label(earlier.category)}.`,
          ),
    ]);
    const change =
      existing === undefined
        ? null
        : changesTo(
            app,
            "risk_assessments",
            { record: existing, etag: etagOf(existing) },
            view.reason,
          );
    onSave(form, column, RISK_NAMES, {
      check: () => {
        const errors: FieldError[] = [];
        if (checkedValues(form, "category").length === 0)
          errors.push({ id: "category", message: "Choose the risk category" });
        if (fieldText(form, "rationale").trim() === "")
          errors.push({ id: "rationale", message: "Enter the reason for the decision" });
        return errors;
      },
      save: () => {
        const today = todayIso();
        const fields = {
          category: checkedValues(form, "category")[0] ?? "",
          rationale: fieldText(form, "rationale").trim(),
        };
        if (change !== null) return change((latest) => ({ ...latest, ...fields }));
        const body: Omit<RiskAssessment, "id" | "version"> = withFields(
          {
            mapping_id: m.mapping_id,
            subject_id: subjectId,
            meeting_id: m.id,
            ...fields,
            // A decision cannot be dated after today; one recorded later keeps the meeting's date.
            assessed_on: m.date <= today ? m.date : today,
          },
          { decided_by_user_id: app.session?.user.id ?? "" },
        );
        return app.records.create("risk_assessments", body);
      },
      done: () => {
        app.flash(`Risk category saved for ${child.label}`);
        app.router.navigate(meetingHref(view));
      },
    });
  });
}
