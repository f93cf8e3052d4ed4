// One meeting (/meetings/:id), as the chair runs it: the details and minutes dates, the
// attendance with the confidentiality statement to read out, the agenda with the minutes of
// each section, the decisions, the risk category decided for each child on the mapping (with
// the profile's definitions), and the actions and key questions raised at it.
import type { App, PageContext } from "../app";
import { h } from "../dom";
import {
  backLink,
  buttonLink,
  heading,
  insetText,
  link,
  para,
  sectionHeading,
  summaryList,
  table,
} from "../display";
import { formatDate, label } from "../format";
import { flashBanner } from "../page";
import type { Attendee, RiskAssessment } from "../records";
import { meetingName, overdueFirst } from "../work";
import { todayIso } from "../format";
import { mappingCaption, meetingPage, type MeetingView } from "./meetings";
import {
  agencyName,
  dueCell,
  may,
  prose,
  statusTag,
  subjectsOnMapping,
  userName,
} from "./work_shared";

const ATTENDANCE: Readonly<Record<Attendee["attendance"], string>> = {
  present: "Present",
  apologies: "Sent apologies",
  absent: "Absent",
};

/** The meeting's heading: "Initial meeting, 18 September 2026". */
export function meetingTitle(view: MeetingView): string {
  const m = view.meeting.record;
  return `${meetingName(m.kind)}, ${formatDate(m.date)}`;
}

function detailsSection(app: App, view: MeetingView, base: string): HTMLElement {
  const m = view.meeting.record;
  const change = may(app, "meetings");
  const row = (key: string, value: string | Node, what: string) => ({
    key,
    value,
    ...(change ? { change: { href: `${base}/details`, what } } : {}),
  });
  return summaryList([
    row("Date", formatDate(m.date), "the date"),
    row("Start time", m.start_time ?? "", "the start time"),
    row("Venue", m.venue ?? "", "the venue"),
    row("Chair", userName(view.people, m.chair_user_id), "the chair"),
    row("Status", statusTag(m.status), "the status"),
    row(
      "Minutes circulated",
      formatDate(m.minutes_circulated_on),
      "when the minutes were circulated",
    ),
    row(
      "Minutes filed on case records",
      formatDate(m.minutes_filed_on),
      "when the minutes were filed",
    ),
    row("Next review", formatDate(m.next_review_on), "the next review date"),
  ]);
}

function attendanceSection(app: App, view: MeetingView, base: string): HTMLElement[] {
  const attendees = (view.bundle.attendees ?? [])
    .filter((a) => a.meeting_id === view.meeting.record.id)
    .sort((a, b) => a.name.localeCompare(b.name));
  const statement = view.profile?.confidentiality_statement ?? "";
  const canChange = may(app, "records");
  const out: HTMLElement[] = [
    sectionHeading("Attendance"),
    statement === ""
      ? para("The mapping's protocol profile has no confidentiality statement to read out.")
      : insetText(
          h("h3", { class: "govuk-heading-s" }, "Confidentiality statement"),
          para("Read this out at the start of the meeting, and record who agrees to it."),
          prose(statement),
        ),
  ];
  if (attendees.length === 0) out.push(para("No one has been recorded as attending yet."));
  else
    out.push(
      table(
        "Attendance",
        [
          { text: "Name" },
          { text: "Agency" },
          { text: "Position" },
          { text: "Attendance" },
          { text: "Confidentiality agreement" },
          ...(canChange ? [{ text: "Change" }] : []),
        ],
        attendees.map((a) => [
          a.name,
          agencyName(view.people, a.agency_id),
          a.position ?? "",
          ATTENDANCE[a.attendance],
          a.confidentiality_agreed === true ? "Given" : "Not given",
          ...(canChange
            ? [
                link(
                  "Change",
                  `${base}/attendees/${encodeURIComponent(a.id)}`,
                  `attendance of ${a.name}`,
                ),
              ]
            : []),
        ]),
        { hiddenCaption: true },
      ),
    );
  if (canChange) out.push(buttonLink("Add an attendee", `${base}/attendees/new`, true));
  return out;
}

function agendaSection(app: App, view: MeetingView, base: string): HTMLElement[] {
  const m = view.meeting.record;
  const agenda = m.agenda ?? [];
  const out: HTMLElement[] = [sectionHeading("Agenda and minutes")];
  if (agenda.length === 0)
    out.push(para("This meeting has no agenda sections. Record the minutes as a summary."));
  agenda.forEach((section, i) => {
    out.push(
      h("h3", { class: "govuk-heading-s" }, `${String(i + 1)}. ${section.heading}`),
      section.notes !== undefined && section.notes !== ""
        ? prose(section.notes)
        : h("p", { class: "govuk-body app-not-recorded" }, "No minutes recorded yet"),
    );
  });
  if (m.minutes !== undefined && m.minutes !== "")
    out.push(h("h3", { class: "govuk-heading-s" }, "Summary of the meeting"), prose(m.minutes));
  if (may(app, "meetings")) out.push(buttonLink("Record the minutes", `${base}/minutes`, true));
  return out;
}

function decisionsSection(app: App, view: MeetingView, base: string): HTMLElement[] {
  const decisions = view.meeting.record.decisions ?? [];
  const out: HTMLElement[] = [sectionHeading("Decisions")];
  if (decisions.length === 0) out.push(para("No decisions recorded yet."));
  else
    out.push(
      h(
        "ol",
        { class: "govuk-list govuk-list--number" },
        ...decisions.map((d) => h("li", { class: "app-prose" }, d)),
      ),
    );
  if (may(app, "meetings"))
    out.push(
      buttonLink(
        decisions.length === 0 ? "Record decisions" : "Change the decisions",
        `${base}/decisions`,
        true,
      ),
    );
  return out;
}

/** The decision at this meeting for each child: the newest one recorded at it. */
function decisionsByChild(view: MeetingView): Map<string, RiskAssessment> {
  const out = new Map<string, RiskAssessment>();
  const id = view.meeting.record.id;
  const atMeeting = (view.bundle.risk_assessments ?? [])
    .filter((r) => r.meeting_id === id)
    .sort((a, b) => (a.assessed_on + a.id < b.assessed_on + b.id ? -1 : 1));
  for (const r of atMeeting) out.set(r.subject_id, r);
  return out;
}

function riskSection(app: App, view: MeetingView, base: string): HTMLElement[] {
  const categories = view.profile?.risk_categories ?? [];
  const out: HTMLElement[] = [sectionHeading("Risk category for each child")];
  if (categories.length === 0) {
    out.push(
      para(
        "The mapping's protocol profile sets no risk categories, so none are decided at this meeting.",
      ),
    );
    return out;
  }
  const children = subjectsOnMapping(view.bundle).filter((s) => s.kind === "child");
  const decided = decisionsByChild(view);
  const canChange = may(app, "meetings");
  const categoryLabel = (code: string) => categories.find((c) => c.code === code)?.label ?? code;
  out.push(
    h(
      "details",
      { class: "govuk-details" },
      h(
        "summary",
        { class: "govuk-details__summary" },
        h("span", { class: "govuk-details__summary-text" }, "What the categories mean"),
      ),
      h(
        "div",
        { class: "govuk-details__text" },
        h(
          "dl",
          { class: "app-definitions" },
          ...[...categories]
            .sort((a, b) => a.rank - b.rank)
            .flatMap((c) => [
              h("dt", { class: "govuk-!-font-weight-bold" }, c.label),
              h("dd", { class: "govuk-body" }, c.definition ?? ""),
            ]),
        ),
      ),
    ),
  );
  if (children.length === 0) {
    out.push(para("There are no children on this mapping."));
    return out;
  }
  out.push(
    summaryList(
      children.map((c) => {
        const r = decided.get(c.id);
        return {
          key: c.label,
          value:
            r === undefined
              ? ""
              : [h("strong", {}, categoryLabel(r.category)), prose(r.rationale, "govuk-body-s")],
          ...(canChange
            ? {
                change: {
                  href: `${base}/risk/${encodeURIComponent(c.id)}`,
                  what: `risk category for ${c.label}`,
                },
              }
            : {}),
        };
      }),
    ),
  );
  return out;
}

function raisedSection(app: App, view: MeetingView, base: string): HTMLElement[] {
  const id = view.meeting.record.id;
  const today = todayIso();
  const actions = overdueFirst(
    (view.bundle.actions ?? []).filter((a) => a.raised_at_meeting_id === id),
    today,
  );
  const questions = overdueFirst(
    (view.bundle.key_questions ?? []).filter((q) => q.raised_at_meeting_id === id),
    today,
  );
  const canAdd = may(app, "records");
  return [
    sectionHeading("Actions raised at this meeting"),
    actions.length === 0
      ? para("No actions have been raised at this meeting.")
      : table(
          "Actions raised at this meeting",
          [{ text: "Action" }, { text: "Owner" }, { text: "Due" }, { text: "Status" }],
          actions.map((a) => [
            link(a.description, `/actions/${encodeURIComponent(a.id)}`),
            `${a.owner} (${agencyName(view.people, a.owner_agency_id) || "no agency"})`,
            dueCell(a, today),
            statusTag(a.status),
          ]),
          { hiddenCaption: true },
        ),
    canAdd ? buttonLink("Add an action", `${base}/actions/new`, true) : null,
    sectionHeading("Key questions raised at this meeting"),
    questions.length === 0
      ? para("No key questions have been raised at this meeting.")
      : table(
          "Key questions raised at this meeting",
          [{ text: "Key question" }, { text: "Owner" }, { text: "Due" }, { text: "Status" }],
          questions.map((q) => [
            link(q.question, `/questions/${encodeURIComponent(q.id)}`),
            q.owner ?? userName(view.people, q.owner_user_id),
            dueCell(q, today),
            statusTag(q.status),
          ]),
          { hiddenCaption: true },
        ),
    canAdd ? buttonLink("Add a key question", `${base}/questions/new`, true) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

/** /meetings/:id: the meeting. */
export function meetingViewPage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    const m = view.meeting.record;
    const base = `/meetings/${encodeURIComponent(m.id)}`;
    const title = meetingTitle(view);
    app.setTitle(title);
    const row = (wide: boolean, id: string, children: HTMLElement[]) => {
      const heading2 = children[0];
      if (heading2 !== undefined && id !== "") heading2.id = id;
      return h(
        "div",
        { class: "govuk-grid-row" },
        h(
          "div",
          { class: wide ? "govuk-grid-column-full" : "govuk-grid-column-two-thirds" },
          ...children,
        ),
      );
    };
    const contents: [string, string][] = [
      ["attendance", "Attendance"],
      ["agenda", "Agenda and minutes"],
      ["decisions", "Decisions"],
      ["risk", "Risk category for each child"],
      ["actions", "Actions raised"],
      ["questions", "Key questions raised"],
    ];
    const raised = raisedSection(app, view, base);
    const split = raised.findIndex((el, i) => i > 0 && el.tagName === "H2");
    ctx.main.replaceChildren(
      backLink(`/mappings/${encodeURIComponent(m.mapping_id)}/meetings`, "Back to meetings"),
      row(false, "", [
        ...[flashBanner(app)].filter((x): x is HTMLElement => x !== null),
        heading(title, mappingCaption(view)),
        para(
          link("Open the mapping", `/mappings/${encodeURIComponent(m.mapping_id)}`),
          ` (${label(view.mapping.status)})`,
        ),
        h(
          "nav",
          { class: "app-contents", "aria-label": "On this page" },
          h("h2", { class: "govuk-heading-s govuk-!-margin-bottom-1" }, "On this page"),
          h(
            "ul",
            { class: "govuk-list" },
            ...contents.map(([id, text]) => h("li", {}, link(text, `#${id}`))),
          ),
        ),
        detailsSection(app, view, base),
      ]),
      row(true, "attendance", attendanceSection(app, view, base)),
      row(false, "agenda", agendaSection(app, view, base)),
      row(false, "decisions", decisionsSection(app, view, base)),
      row(false, "risk", riskSection(app, view, base)),
      row(true, "actions", raised.slice(0, split)),
      row(true, "questions", raised.slice(split)),
    );
  });
}
