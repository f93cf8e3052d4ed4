// /mappings/:id/submissions: what each agency sent before a meeting, against the protocol
// profile's submission checklist, and the form to add one (one POST: all or nothing).
import { ApiError } from "../api";
import type { App, PageContext } from "../app";
import {
  button,
  checkedValues,
  choices,
  fieldText,
  select,
  textarea,
  type Choice,
} from "../components";
import { h } from "../dom";
import {
  heading,
  para,
  sectionHeading,
  summaryCard,
  tag,
  twoThirds,
  type SummaryRow,
} from "../display";
import { formatDate, label, todayIso } from "../format";
import { onSave } from "../forms";
import { subjectsOn } from "../mapping_tasks";
import type { AgencySubmission } from "../records";
import { flashBanner } from "../page";
import {
  agencyName,
  mappingBreadcrumbs,
  mappingHref,
  mayOffer,
  openMapping,
  subjectName,
  type LoadedMapping,
} from "./mapping_shared";

type Section = NonNullable<AgencySubmission["entries"]>[number]["section"];

/** The sections of a submission, in the order a meeting reads them, with their words. */
const SECTIONS: readonly { section: Section; title: string; hint: string }[] = [
  {
    section: "concerns",
    title: "Concerns",
    hint: "What your agency knows or is worried about.",
  },
  {
    section: "linked_people",
    title: "Linked people and groups",
    hint: "Friends, adults, groups and who influences whom.",
  },
  {
    section: "linked_contexts",
    title: "Linked places and contexts",
    hint: "Addresses, schools, venues and online spaces.",
  },
  { section: "key_contacts", title: "Key contacts", hint: "Who in your agency works with them." },
  { section: "key_questions", title: "Key questions", hint: "What your agency does not know." },
];

const STATUS_COLOUR = { draft: "grey", submitted: "green", withdrawn: "red" } as const;

export function mappingSubmissionsPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, (m) => {
    drawSubmissions(app, ctx, m);
  });
}

function drawSubmissions(app: App, ctx: PageContext, m: LoadedMapping): void {
  const submissions = (m.bundle.agency_submissions ?? [])
    .filter((s) => s.mapping_id === m.id)
    .sort(
      (a, b) =>
        (b.submitted_on ?? "").localeCompare(a.submitted_on ?? "") || a.id.localeCompare(b.id),
    );
  const meetings = (m.bundle.meetings ?? []).filter((x) => x.mapping_id === m.id);
  app.setTitle("Agency submissions");

  const column = h("div", {});
  column.append(
    flashBanner(app) ?? "",
    heading("Agency submissions", m.mapping.title),
    para(
      "Before a meeting, each agency sends what it knows about the people and places named for the mapping.",
    ),
  );
  const checklist = m.profile?.submission_checklist ?? [];
  if (checklist.length > 0) {
    const list = h("ul", { class: "govuk-list govuk-list--bullet" });
    for (const item of checklist) {
      list.append(
        h(
          "li",
          {},
          h("strong", {}, item.heading),
          (item.prompts ?? []).length > 0 ? ": " + (item.prompts ?? []).join(" ") : "",
        ),
      );
    }
    column.append(
      h(
        "details",
        { class: "govuk-details", open: submissions.length === 0 },
        h(
          "summary",
          { class: "govuk-details__summary" },
          h(
            "span",
            { class: "govuk-details__summary-text" },
            "What the protocol asks each agency for",
          ),
        ),
        h("div", { class: "govuk-details__text" }, list),
      ),
    );
  }

  column.append(sectionHeading(`Submissions (${String(submissions.length)})`));
  if (submissions.length === 0) column.append(para("No agency has sent a submission yet."));
  for (const s of submissions) {
    const rows: SummaryRow[] = [
      { key: "Status", value: tag(label(s.status), STATUS_COLOUR[s.status]) },
      { key: "Sent by", value: s.submitted_by ?? "" },
      { key: "Sent on", value: formatDate(s.submitted_on) },
      {
        key: "For the meeting",
        value: meetingWords(meetings.find((x) => x.id === s.meeting_id)),
      },
    ];
    for (const sec of SECTIONS) {
      const entries = (s.entries ?? []).filter((e) => e.section === sec.section);
      if (entries.length === 0) continue;
      rows.push({
        key: sec.title,
        value: entries.map((e) =>
          h(
            "p",
            { class: "govuk-body" },
            e.subject_id === undefined
              ? null
              : h("strong", {}, subjectName(m.bundle, e.subject_id) + ": "),
            e.text,
          ),
        ),
      });
    }
    column.append(summaryCard(agencyName(m.agencies, s.agency_id) || "An agency", rows, "h3"));
  }

  if (mayOffer(app.role, "contribute") && m.mapping.status !== "closed")
    column.append(addForm(app, m, meetings));
  ctx.main.replaceChildren(mappingBreadcrumbs(m), twoThirds(column));
}

function meetingWords(meeting: { kind: string; date: string } | undefined): string {
  return meeting === undefined ? "" : `${label(meeting.kind)} meeting, ${formatDate(meeting.date)}`;
}

function addForm(
  app: App,
  m: LoadedMapping,
  meetings: readonly { id: string; kind: string; date: string }[],
): HTMLElement {
  const user = app.session?.user;
  // Practitioners send their own agency's submissions; chairs and analysts may record any.
  const agencies =
    app.role === "practitioner" ? m.agencies.filter((a) => a.id === user?.agency_id) : m.agencies;
  const about: Choice[] = [
    { value: "", text: "Not about one person or place" },
    ...subjectsOn(m.bundle, m.id).map((o) => ({ value: o.subject.id, text: o.subject.label })),
  ];
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  form.append(
    select({
      id: "agency_id",
      label: "Agency",
      choices: agencies
        .filter((a) => a.inactive !== true)
        .map((a) => ({ value: a.id, text: a.name })),
      value: user?.agency_id ?? "",
    }),
    select({
      id: "meeting_id",
      label: "For the meeting (optional)",
      choices: [
        { value: "", text: "Not for one meeting" },
        ...meetings.map((x) => ({ value: x.id, text: meetingWords(x) })),
      ],
    }),
  );
  for (const sec of SECTIONS) {
    form.append(
      h(
        "fieldset",
        { class: "govuk-fieldset" },
        h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, sec.title),
        textarea({
          id: "entry-" + sec.section,
          label: "What your agency knows",
          hint: sec.hint,
          rows: 3,
        }),
        select({
          id: `entry-${sec.section}-subject`,
          label: "Who or what it is about (optional)",
          choices: about,
        }),
      ),
    );
  }
  form.append(
    choices({
      id: "status",
      label: "Send it now?",
      type: "radio",
      choices: [
        { value: "submitted", text: "Yes, send it to the mapping" },
        { value: "draft", text: "No, save it as a draft" },
      ],
      values: ["submitted"],
    }),
    button("Save submission"),
  );
  const container = h("div", {}, sectionHeading("Add a submission"), form);
  const names: Record<string, string> = {
    agency_id: "Agency",
    meeting_id: "Meeting",
    status: "Status",
  };
  for (const sec of SECTIONS) names["entry-" + sec.section] = sec.title;
  // Which section each entry sent came from, to put the server's errors on the right box.
  let sent: Section[] = [];
  onSave(form, container, names, {
    check: () =>
      SECTIONS.some((s) => fieldText(form, "entry-" + s.section).trim() !== "")
        ? []
        : [
            {
              id: "entry-concerns",
              message: "Enter what your agency knows in at least one section",
            },
          ],
    save: async () => {
      const entries = SECTIONS.map((s) => ({
        section: s.section,
        text: fieldText(form, "entry-" + s.section).trim(),
        subject_id: fieldText(form, `entry-${s.section}-subject`),
      }))
        .filter((e) => e.text !== "")
        .map((e) => ({
          section: e.section,
          text: e.text,
          ...(e.subject_id === "" ? {} : { subject_id: e.subject_id }),
        }));
      sent = entries.map((e) => e.section);
      const status = (checkedValues(form, "status")[0] ??
        "submitted") as AgencySubmission["status"];
      const meeting = fieldText(form, "meeting_id");
      try {
        return await app.records.create("agency_submissions", {
          mapping_id: m.id,
          agency_id: fieldText(form, "agency_id"),
          status,
          entries,
          ...(meeting === "" ? {} : { meeting_id: meeting }),
          ...(user === undefined
            ? {}
            : { submitted_by: user.full_name, submitted_by_user_id: user.id }),
          ...(status === "submitted" ? { submitted_on: todayIso() } : {}),
        });
      } catch (e) {
        throw onEntryField(e, sent);
      }
    },
    done: (saved) => {
      app.flash(saved.status === "draft" ? "Draft submission saved" : "Submission sent");
      app.router.navigate(mappingHref(m.id, "submissions"));
    },
  });
  return container;
}

/** The server blames "/entries/2/text": that is the box of the third section sent. */
function onEntryField(e: unknown, sent: readonly Section[]): unknown {
  if (!(e instanceof ApiError)) return e;
  const match = /^\/entries\/(\d+)\/(text|subject_id)$/.exec(e.field);
  const section = match === null ? undefined : sent[Number(match[1])];
  if (match === null || section === undefined) return e;
  const field = match[2] === "text" ? `/entry-${section}` : `/entry-${section}-subject`;
  return new ApiError(e.status, e.code, e.message.replace(e.field + ":", field + ":"), field);
}
