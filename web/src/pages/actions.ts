// Actions: a mapping's action plan (/mappings/:id/actions, overdue first), adding one
// (/mappings/:id/actions/new, or /meetings/:id/actions/new for one raised at a meeting), and one
// action (/actions/:id) with its dated updates, newest first, and a form to add an update and
// change its status (done sets completed_on).
import type { App, PageContext } from "../app";
import {
  button,
  checkedValues,
  choices,
  dateInput,
  dateValue,
  fieldText,
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
import { ApiError } from "../api";
import { errorsFromApi, onSave, showErrors } from "../forms";
import { flashBanner, loadPage } from "../page";
import type { Action, ActionUpdate, Meeting, Versioned } from "../records";
import { actionAfterUpdate, isOverdue, meetingName, overdueFirst, withFields } from "../work";
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
  dueCell,
  etagOf,
  may,
  membersOf,
  ownerFields,
  ownerFromForm,
  prose,
  rememberMapping,
  statusTag,
  subjectsOnMapping,
  withRecordReason,
} from "./work_shared";

const KINDS: readonly { value: Action["kind"]; hint: string }[] = [
  { value: "information_gathering", hint: "Finding out what is not known yet" },
  { value: "safeguarding_intervention", hint: "Work with a child or family to keep them safe" },
  { value: "disruption", hint: "Stopping the people or activity causing harm" },
  { value: "referral", hint: "To another service" },
  { value: "place_based", hint: "For example, lighting, CCTV or an environmental audit" },
  { value: "communication", hint: "Telling people what they need to know" },
  { value: "other", hint: "" },
];

/** The words for an action's owner: "Hannah Fictional (Northwick Children's Social Care)". */
function ownerText(view: MappingView, a: Action): string {
  const agency = agencyName(view.people, a.owner_agency_id);
  return agency === "" ? a.owner : `${a.owner} (${agency})`;
}

/** /mappings/:id/actions: the mapping's actions, overdue first. */
export function actionsPage(app: App, ctx: PageContext): void {
  mappingPage(app, ctx, (view) => {
    const id = view.mapping.id;
    const today = todayIso();
    app.setTitle("Actions");
    const actions = overdueFirst(view.bundle.actions ?? [], today);
    const overdue = actions.filter((a) => isOverdue(a, today)).length;
    ctx.main.replaceChildren(
      backLink(`/mappings/${encodeURIComponent(id)}`, "Back to the mapping"),
      flashBanner(app) ?? "",
      heading("Actions", mappingCaption(view)),
      overdue === 0
        ? ""
        : warningText(`${String(overdue)} ${overdue === 1 ? "action is" : "actions are"} overdue.`),
      may(app, "records")
        ? buttonLink("Add an action", `/mappings/${encodeURIComponent(id)}/actions/new`)
        : "",
      actions.length === 0
        ? para("No actions have been agreed for this mapping yet.")
        : table(
            "Actions, overdue first",
            [{ text: "Action" }, { text: "Owner" }, { text: "Due" }, { text: "Status" }],
            actions.map((a) => [
              link(a.description, `/actions/${encodeURIComponent(a.id)}`),
              ownerText(view, a),
              dueCell(a, today),
              statusTag(a.status),
            ]),
            { hiddenCaption: true },
          ),
    );
  });
}

const ACTION_NAMES: Readonly<Record<string, string>> = {
  description: "The action",
  kind: "The kind of action",
  owner: "The owner's name",
  owner_user_id: "The owner",
  owner_agency_id: "The owner's agency",
  due_on: "The due date",
  subject_ids: "Who or what it concerns",
};

function newActionForm(
  app: App,
  ctx: PageContext,
  view: MappingView,
  meeting: Meeting | null,
): void {
  const back =
    meeting === null
      ? `/mappings/${encodeURIComponent(view.mapping.id)}/actions`
      : `/meetings/${encodeURIComponent(meeting.id)}`;
  app.setTitle("Add an action");
  const subjects = subjectsOnMapping(view.bundle);
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    textarea({
      id: "description",
      label: "What needs to be done?",
      hint: "Use full names, never initials.",
      rows: 3,
    }),
    choices({
      id: "kind",
      label: "Kind of action",
      type: "radio",
      small: true,
      choices: KINDS.map((k) => ({
        value: k.value,
        text: label(k.value),
        ...(k.hint === "" ? {} : { hint: k.hint }),
      })),
    }),
    ownerFields(membersOf(view.bundle, view.people), view.people),
    dateInput({ id: "due_on", label: "Due date" }),
    subjects.length === 0
      ? null
      : choices({
          id: "subject_ids",
          label: "Who or what does it concern? (optional)",
          type: "checkbox",
          small: true,
          choices: subjects.map((s) => ({ value: s.id, text: s.label, hint: label(s.kind) })),
        }),
    h("div", { class: "govuk-button-group" }, button("Add the action"), link("Cancel", back)),
  ) as HTMLFormElement;
  const column = h("div", {}, heading("Add an action", raisedAtCaption(view, meeting)), form);
  ctx.main.replaceChildren(backLink(back), twoThirds(column));
  const owner = () => ownerFromForm(form, view.people.users, true);
  onSave(form, column, ACTION_NAMES, {
    check: () => {
      const errors: FieldError[] = [];
      if (fieldText(form, "description").trim() === "")
        errors.push({ id: "description", message: "Enter what needs to be done" });
      if (checkedValues(form, "kind").length === 0)
        errors.push({ id: "kind", message: "Choose the kind of action" });
      errors.push(...owner().errors);
      const due = dateValue(form, "due_on");
      if (due === "") errors.push({ id: "due_on", message: "Enter the date it is due" });
      else if (due === null)
        errors.push({ id: "due_on", message: "The due date must be a real date" });
      return errors;
    },
    save: () => {
      const o = owner().owner;
      const ids = checkedValues(form, "subject_ids");
      const body = withFields(
        {
          mapping_id: view.mapping.id,
          description: fieldText(form, "description").trim(),
          kind: (checkedValues(form, "kind")[0] ?? "other") as Action["kind"],
          owner: o.owner ?? "",
          owner_agency_id: o.owner_agency_id ?? "",
          due_on: dateValue(form, "due_on") ?? "",
          status: "open" as const,
          created_on: todayIso(),
        },
        {
          owner_user_id: o.owner_user_id,
          subject_ids: ids.length === 0 ? undefined : ids,
          raised_at_meeting_id: meeting?.id,
        },
      );
      return app.records.create("actions", body);
    },
    done: (saved) => {
      rememberMapping("action", saved.id, view.mapping.id);
      app.flash("Action added");
      app.router.navigate(back);
    },
  });
}

/** /mappings/:id/actions/new: add an action to the mapping's plan. */
export function newActionPage(app: App, ctx: PageContext): void {
  mappingPage(app, ctx, (view) => {
    newActionForm(app, ctx, view, null);
  });
}

/** /meetings/:id/actions/new: add an action raised at this meeting. */
export function newMeetingActionPage(app: App, ctx: PageContext): void {
  meetingPage(app, ctx, (view) => {
    newActionForm(app, ctx, view, view.meeting.record);
  });
}

/** An action's updates, newest first (by date, then as recorded). */
export function updatesNewestFirst(updates: readonly ActionUpdate[]): ActionUpdate[] {
  return [...updates].sort((a, b) =>
    a.updated_on !== b.updated_on ? (a.updated_on < b.updated_on ? 1 : -1) : a.id < b.id ? 1 : -1,
  );
}

function updatesList(updates: readonly ActionUpdate[]): HTMLElement {
  if (updates.length === 0) return para("No updates yet.");
  return h(
    "ol",
    { class: "app-updates" },
    ...updatesNewestFirst(updates).map((u) =>
      h(
        "li",
        { class: "app-updates__item" },
        h(
          "h3",
          { class: "govuk-heading-s govuk-!-margin-bottom-1" },
          formatDate(u.updated_on),
          u.author === undefined || u.author === ""
            ? null
            : h("span", { class: "app-secondary-text" }, ` by ${u.author}`),
        ),
        u.status === undefined
          ? null
          : h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, "Status: ", label(u.status)),
        prose(u.text),
      ),
    ),
  );
}

const UPDATE_NAMES: Readonly<Record<string, string>> = {
  text: "The update",
  status: "The status",
  updated_on: "The date",
};

function drawAction(app: App, ctx: PageContext, view: MappingView, first: Versioned<Action>): void {
  let current = first;
  const a = current.record;
  const today = todayIso();
  app.setTitle("Action");
  const meeting = (view.bundle.meetings ?? []).find((m) => m.id === a.raised_at_meeting_id);
  const subjects = (view.bundle.subjects ?? []).filter((s) => (a.subject_ids ?? []).includes(s.id));
  const updates = (view.bundle.action_updates ?? []).filter((u) => u.action_id === a.id);
  const canStatus = may(app, "records");
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    textarea({
      id: "text",
      label: "What has happened?",
      hint: "Use full names, never initials.",
      rows: 4,
    }),
    canStatus
      ? choices({
          id: "status",
          label: "Status of the action now",
          type: "radio",
          small: true,
          values: [a.status],
          choices: [
            { value: "open", text: "Open" },
            { value: "in_progress", text: "In progress" },
            { value: "done", text: "Done", hint: "Records today as the date it was completed" },
            { value: "cancelled", text: "Cancelled" },
          ],
        })
      : para("The mapping's chair or an analyst changes the action's status."),
    button("Add the update"),
  ) as HTMLFormElement;
  const updateColumn = h("div", {}, sectionHeading("Add an update"), form);
  ctx.main.replaceChildren(
    backLink(`/mappings/${encodeURIComponent(a.mapping_id)}/actions`, "Back to actions"),
    twoThirds(
      flashBanner(app),
      heading(a.description, mappingCaption(view), "m"),
      isOverdue(a, today)
        ? warningText(`This action is overdue. It was due on ${formatDate(a.due_on)}.`)
        : null,
      summaryList([
        { key: "Kind", value: label(a.kind) },
        { key: "Owner", value: a.owner },
        { key: "Owner's agency", value: agencyName(view.people, a.owner_agency_id) },
        { key: "Due", value: dueCell(a, today) },
        { key: "Status", value: statusTag(a.status) },
        {
          key: "Concerns",
          value: subjects.flatMap((s, i) => [
            i === 0 ? null : ", ",
            link(s.label, `/subjects/${encodeURIComponent(s.id)}`),
          ]),
        },
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
        { key: "Agreed on", value: formatDate(a.created_on) },
        { key: "Completed on", value: formatDate(a.completed_on) },
      ]),
      sectionHeading("Updates"),
      updatesList(updates),
      may(app, "updates") ? updateColumn : null,
    ),
  );
  onSave(form, updateColumn, UPDATE_NAMES, {
    check: () =>
      fieldText(form, "text").trim() === ""
        ? [{ id: "text", message: "Enter what has happened" }]
        : [],
    save: async () => {
      const status = canStatus
        ? ((checkedValues(form, "status")[0] ?? current.record.status) as Action["status"])
        : undefined;
      // The action's status first (If-Match): if someone changed it meanwhile, nothing is saved,
      // and the newest version is read so that saving again applies this status over it.
      let statusChanged = false;
      if (status !== undefined && status !== current.record.status) {
        try {
          const saved = await app.records.update(
            "actions",
            a.id,
            actionAfterUpdate(current.record, status, todayIso()),
            current.etag,
          );
          current = { record: saved, etag: etagOf(saved) };
          statusChanged = true;
        } catch (e) {
          if (e instanceof ApiError && e.status === 412)
            current = await app.records.get("actions", a.id, view.reason).catch(() => current);
          throw e;
        }
      }
      const user = app.session?.user;
      const body = withFields(
        { action_id: a.id, updated_on: todayIso(), text: fieldText(form, "text").trim() },
        { author: user?.full_name, author_user_id: user?.id, status },
      );
      try {
        await app.records.create("action_updates", body);
        return null;
      } catch (e) {
        if (!statusChanged || status === undefined) throw e;
        // The status was saved but not the words: say exactly that, and keep the words.
        const [err] = errorsFromApi(e, UPDATE_NAMES, "text");
        return `The action's status was changed to "${label(status)}", but your update was not saved. ${err?.message ?? ""}`.trim();
      }
    },
    done: (partial) => {
      if (partial !== null) {
        showErrors(updateColumn, [{ id: "text", message: partial }]);
        return;
      }
      app.flash("Update added");
      app.router.navigate(`/actions/${encodeURIComponent(a.id)}`, { replace: true });
    },
  });
}

/** /actions/:id: one action, its updates, and a form to add one. */
export function actionPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  withRecordReason(app, ctx, "action", id, "this action", (reason, learnt) => {
    void loadPage(app, ctx, async () => {
      const action = await app.records.get("actions", id, reason);
      learnt(action.record.mapping_id);
      const view = await loadMapping(app, action.record.mapping_id, reason);
      if (ctx.isCurrent()) drawAction(app, ctx, view, action);
    });
  });
}
