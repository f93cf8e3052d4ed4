// Key questions (information gaps): a mapping's list (/mappings/:id/questions, overdue first),
// raising one (/mappings/:id/questions/new, or /meetings/:id/questions/new at a meeting), and one
// question (/questions/:id) with its answer, which the chair or an analyst records.
import type { App, PageContext } from "../app";
import {
  button,
  checkedValues,
  choices,
  dateInput,
  dateValue,
  fieldText,
  select,
  textarea,
  type FieldError,
} from "../components";
import { h } from "../dom";
import {
  backLink,
  buttonLink,
  heading,
  link,
  para,
  sectionHeading,
  summaryList,
  table,
  twoThirds,
  warningText,
} from "../display";
import { formatDate, label, todayIso } from "../format";
import { onSave } from "../forms";
import { flashBanner, loadPage } from "../page";
import type { KeyQuestion, Meeting, Versioned } from "../records";
import { isOverdue, meetingName, overdueFirst, questionAfterChange, withFields } from "../work";
import {
  loadMapping,
  mappingCaption,
  raisedAtCaption,
  mappingPage,
  meetingPage,
  type MappingView,
} from "./meetings";
import {
  agencyName,
  changesTo,
  dueCell,
  may,
  membersOf,
  ownerFields,
  ownerFromForm,
  prose,
  rememberMapping,
  statusTag,
  subjectsOnMapping,
  userName,
  withRecordReason,
} from "./work_shared";

/** What a key question is about, in words: a subject's label, or "A and B (friend)" for a link. */
export function aboutText(view: MappingView, q: KeyQuestion): string {
  const subjectLabel = (id: string) =>
    (view.bundle.subjects ?? []).find((s) => s.id === id)?.label ?? "";
  if (q.subject_id !== undefined) return subjectLabel(q.subject_id);
  if (q.link_id !== undefined) {
    const l = (view.bundle.links ?? []).find((x) => x.id === q.link_id);
    if (l === undefined) return "";
    return `${subjectLabel(l.from_subject_id)} and ${subjectLabel(l.to_subject_id)} (${label(l.type).toLowerCase()})`;
  }
  return "";
}

function aboutCell(view: MappingView, q: KeyQuestion): HTMLElement | string {
  const text = aboutText(view, q);
  if (q.subject_id !== undefined && text !== "")
    return link(text, `/subjects/${encodeURIComponent(q.subject_id)}`);
  return text || "The mapping as a whole";
}

function ownerText(view: MappingView, q: KeyQuestion): string {
  const name = q.owner ?? userName(view.people, q.owner_user_id);
  const agency = agencyName(view.people, q.owner_agency_id);
  if (name === "") return agency;
  return agency === "" ? name : `${name} (${agency})`;
}

/** /mappings/:id/questions: the mapping's key questions, overdue first. */
export function questionsPage(app: App, ctx: PageContext): void {
  mappingPage(app, ctx, (view) => {
    const id = view.mapping.id;
    const today = todayIso();
    app.setTitle("Key questions");
    const questions = overdueFirst(view.bundle.key_questions ?? [], today);
    const overdue = questions.filter((q) => isOverdue(q, today)).length;
    ctx.main.replaceChildren(
      backLink(`/mappings/${encodeURIComponent(id)}`, "Back to the mapping"),
      flashBanner(app) ?? "",
      heading("Key questions", mappingCaption(view)),
      para("What nobody knows yet, who is finding out, and by when."),
      overdue === 0
        ? ""
        : warningText(
            `${String(overdue)} key ${overdue === 1 ? "question is" : "questions are"} overdue.`,
          ),
      may(app, "records")
        ? buttonLink("Add a key question", `/mappings/${encodeURIComponent(id)}/questions/new`)
        : "",
      questions.length === 0
        ? para("No key questions have been raised for this mapping yet.")
        : table(
            "Key questions, overdue first",
            [
              { text: "Key question" },
              { text: "About" },
              { text: "Owner" },
              { text: "Due" },
              { text: "Status" },
            ],
            questions.map((q) => [
              link(q.question, `/questions/${encodeURIComponent(q.id)}`),
              aboutCell(view, q),
              ownerText(view, q) || "No owner yet",
              dueCell(q, today),
              statusTag(q.status),
            ]),
            { hiddenCaption: true },
          ),
    );
  });
}

const QUESTION_NAMES: Readonly<Record<string, string>> = {
  question: "The question",
  about: "What it is about",
  subject_id: "What it is about",
  link_id: "What it is about",
  owner: "The owner's name",
  owner_user_id: "The owner",
  owner_agency_id: "The owner's agency",
  due_on: "The due date",
  status: "The status",
  answer: "The answer",
  answered_on: "The date it was answered",
};

/** The choices for what a question is about: the mapping, a subject, or a link between two. */
function aboutChoices(view: MappingView): { value: string; text: string }[] {
  const subjects = subjectsOnMapping(view.bundle);
  const on = new Set(subjects.map((s) => s.id));
  const name = (id: string) => subjects.find((s) => s.id === id)?.label ?? "";
  const links = (view.bundle.links ?? [])
    .filter((l) => on.has(l.from_subject_id) && on.has(l.to_subject_id))
    .map((l) => ({
      value: `link:${l.id}`,
      text: `Link: ${name(l.from_subject_id)} and ${name(l.to_subject_id)} (${label(l.type).toLowerCase()})`,
    }))
    .sort((a, b) => a.text.localeCompare(b.text));
  return [
    { value: "", text: "The mapping as a whole" },
    ...subjects.map((s) => ({
      value: `subject:${s.id}`,
      text: `${s.label} (${label(s.kind).toLowerCase()})`,
    })),
    ...links,
  ];
}

function newQuestionForm(
  app: App,
  ctx: PageContext,
  view: MappingView,
  meeting: Meeting | null,
): void {
  const back =
    meeting === null
      ? `/mappings/${encodeURIComponent(view.mapping.id)}/questions`
      : `/meetings/${encodeURIComponent(meeting.id)}`;
  app.setTitle("Add a key question");
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    textarea({
      id: "question",
      label: "What does the network need to find out?",
      hint: "For example, who is the adult at this address? Use full names, never initials.",
      rows: 3,
    }),
    select({ id: "about", label: "What is it about?", choices: aboutChoices(view) }),
    ownerFields(membersOf(view.bundle, view.people), view.people, {}, true),
    dateInput({ id: "due_on", label: "Due date (optional)" }),
    h("div", { class: "govuk-button-group" }, button("Add the key question"), link("Cancel", back)),
  ) as HTMLFormElement;
  const column = h("div", {}, heading("Add a key question", raisedAtCaption(view, meeting)), form);
  ctx.main.replaceChildren(backLink(back), twoThirds(column));
  const owner = () => ownerFromForm(form, view.people.users, false);
  onSave(form, column, QUESTION_NAMES, {
    check: () => {
      const errors: FieldError[] = [];
      if (fieldText(form, "question").trim() === "")
        errors.push({ id: "question", message: "Enter the question" });
      errors.push(...owner().errors);
      if (dateValue(form, "due_on") === null)
        errors.push({ id: "due_on", message: "The due date must be a real date" });
      return errors;
    },
    save: () => {
      const about = fieldText(form, "about");
      const body = withFields(
        {
          mapping_id: view.mapping.id,
          question: fieldText(form, "question").trim(),
          status: "open" as const,
        },
        {
          ...owner().owner,
          subject_id: about.startsWith("subject:") ? about.slice(8) : undefined,
          link_id: about.startsWith("link:") ? about.slice(5) : undefined,
          due_on: dateValue(form, "due_on") ?? "",
          raised_at_meeting_id: meeting?.id,
        },
      );
      return app.records.create("key_questions", body);
    },
    done: (saved) => {
      rememberMapping("question", saved.id, view.mapping.id);
      app.flash("Key question added");
      app.router.navigate(back);
    },
  });
}

/** /mappings/:id/questions/new: raise a key question on the mapping. */
export function newQuestionPage(app: App, ctx: PageContext): void {
  mappingPage(app, ctx, (view) => {
    newQuestionForm(app, ctx, view, null);
  });
}

/** /meetings/:id/questions/new: raise a key question at this meeting. */
export function newMeetingQuestionPage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    newQuestionForm(app, ctx, view, view.meeting.record);
  });
}

function drawQuestion(
  app: App,
  ctx: PageContext,
  view: MappingView,
  current: Versioned<KeyQuestion>,
): void {
  const q = current.record;
  const today = todayIso();
  app.setTitle("Key question");
  const meeting = (view.bundle.meetings ?? []).find((m) => m.id === q.raised_at_meeting_id);
  const column = h("div", {});
  column.append(
    flashBanner(app) ?? "",
    heading(q.question, mappingCaption(view), "m"),
    isOverdue(q, today)
      ? warningText(`This key question is overdue. It was due on ${formatDate(q.due_on)}.`)
      : "",
    summaryList([
      { key: "About", value: aboutCell(view, q) },
      { key: "Owner", value: q.owner ?? userName(view.people, q.owner_user_id) },
      { key: "Owner's agency", value: agencyName(view.people, q.owner_agency_id) },
      { key: "Due", value: q.due_on === undefined ? "" : dueCell(q, today) },
      { key: "Status", value: statusTag(q.status) },
      {
        key: "Answer",
        value: q.answer === undefined ? "" : prose(q.answer, "govuk-body govuk-!-margin-bottom-0"),
      },
      { key: "Answered on", value: formatDate(q.answered_on) },
      {
        key: "Raised at",
        value:
          meeting === undefined
            ? ""
            : link(
                `${meetingName(meeting.kind)}, ${formatDate(meeting.date)}`,
                `/meetings/${encodeURIComponent(meeting.id)}`,
              ),
      },
    ]),
  );
  ctx.main.replaceChildren(
    backLink(`/mappings/${encodeURIComponent(q.mapping_id)}/questions`, "Back to key questions"),
    twoThirds(column),
  );
  if (!may(app, "records")) {
    column.append(para("The mapping's chair or an analyst records the answer."));
    return;
  }
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    choices({
      id: "status",
      label: "Status",
      type: "radio",
      small: true,
      values: [q.status],
      choices: [
        { value: "open", text: "Open" },
        { value: "answered", text: "Answered" },
        { value: "closed_unanswered", text: "Closed without an answer" },
      ],
    }),
    textarea({
      id: "answer",
      label: "Answer",
      hint: "What was found out, and how sure it is. Use full names, never initials.",
      value: q.answer ?? "",
      rows: 4,
    }),
    dateInput({
      id: "answered_on",
      label: "Date answered or closed",
      value: q.answered_on ?? today,
    }),
    button("Save changes"),
  ) as HTMLFormElement;
  const formColumn = h("div", {}, sectionHeading("Record the answer"), form);
  column.append(formColumn);
  const save = changesTo(app, "key_questions", current, view.reason);
  onSave(form, formColumn, QUESTION_NAMES, {
    check: () => {
      const errors: FieldError[] = [];
      const status = checkedValues(form, "status")[0] ?? "";
      if (status === "answered" && fieldText(form, "answer").trim() === "")
        errors.push({ id: "answer", message: "Enter the answer" });
      const on = dateValue(form, "answered_on");
      if (on === null)
        errors.push({ id: "answered_on", message: "The date answered must be a real date" });
      else if (status !== "open" && on === "")
        errors.push({ id: "answered_on", message: "Enter the date it was answered or closed" });
      return errors;
    },
    save: () =>
      save((latest) =>
        questionAfterChange(latest, {
          status: (checkedValues(form, "status")[0] ?? q.status) as KeyQuestion["status"],
          answer: fieldText(form, "answer").trim(),
          answeredOn: dateValue(form, "answered_on") ?? "",
        }),
      ),
    done: () => {
      app.flash("Key question saved");
      app.router.navigate(`/questions/${encodeURIComponent(q.id)}`, { replace: true });
    },
  });
}

/** /questions/:id: one key question and its answer. */
export function questionPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  withRecordReason(app, ctx, "question", id, "this key question", (reason, learnt) => {
    void loadPage(app, ctx, async () => {
      const q = await app.records.get("key_questions", id, reason);
      learnt(q.record.mapping_id);
      const view = await loadMapping(app, q.record.mapping_id, reason);
      if (ctx.isCurrent()) drawQuestion(app, ctx, view, q);
    });
  });
}
