// Adding graded information (3x5x2) or a sighting about a subject or a link in a mapping:
// /information/new?mapping=ID&subject=ID (or &link=ID), &type=sighting for a sighting. Each
// grade is explained in plain words; a handling code C item records its conditions, the
// agencies it may be shared with, and whether the originator must approve first. The source
// agency is the user's own.
import { ApiError } from "../api";
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
} from "../components";
import { h } from "../dom";
import { backLink, heading, insetText, summaryList, twoThirds } from "../display";
import { todayIso } from "../format";
import { onSave } from "../forms";
import { loadPage, withReason } from "../page";
import { ASSESSMENT_CHOICES, HANDLING_CHOICES, SOURCE_CHOICES } from "../subjects/grading";
import { buildInformation, type InformationFormValues } from "../subjects/information_form";
import { linkSentence } from "../subjects/links";
import { mappingScope } from "./mapping_shared";
import { bundleMapping } from "./mapping_subjects";

const NAMES: Readonly<Record<string, string>> = {
  text: "The information",
  evidence: "Evidenced or anecdotal",
  captured_on: "The date it became known",
  recorded_on: "The date recorded",
  source: "Source",
  assessment: "Assessment",
  handling: "Handling code",
  "handling_conditions-text": "The conditions",
  "handling_conditions-share_with_agency_ids": "The agencies it may be shared with",
  "sighting-seen_on": "The date they were seen",
  "sighting-seen_time": "The time",
  "sighting-location_subject_id": "The place",
  "sighting-location_description": "Where",
  "sighting-present_subject_ids": "Who was there",
  "sighting-seen_by": "Seen by",
  subject_id: "Who it is about",
  link_id: "The link",
};

/** /information/new */
export function newInformationPage(app: App, ctx: PageContext): void {
  const query = new URLSearchParams(window.location.search);
  const mappingId = query.get("mapping") ?? "";
  const subjectId = query.get("subject") ?? "";
  const linkId = query.get("link") ?? "";
  const sighting = query.get("type") === "sighting";
  withReason(app, ctx, mappingScope(mappingId), "this mapping", (reason) => {
    void loadPage(app, ctx, async () => {
      const session = app.session;
      if (session === null) return;
      const [bundle, agencies] = await Promise.all([
        app.records.mapping(mappingId, reason),
        app.records.all("agencies"),
      ]);
      if (!ctx.isCurrent()) return;
      const mapping = bundleMapping(bundle, mappingId);
      const subjects = bundle.subjects ?? [];
      const onMap = new Set(
        (bundle.mapping_subjects ?? [])
          .filter((m) => m.removed_on === undefined)
          .map((m) => m.subject_id),
      );
      const nameOf = (id: string) => subjects.find((s) => s.id === id)?.label ?? "";
      const subject =
        subjectId === "" ? undefined : subjects.find((s) => s.id === subjectId && onMap.has(s.id));
      const link = linkId === "" ? undefined : (bundle.links ?? []).find((l) => l.id === linkId);
      // Neither, both, or one not on this mapping: the same page as for a missing record.
      if ((subject === undefined) === (link === undefined))
        throw new ApiError(404, "not_found", "");
      const about =
        subject !== undefined
          ? subject.label
          : link !== undefined
            ? linkSentence(nameOf(link.from_subject_id), link.type, nameOf(link.to_subject_id))
            : "";
      const back =
        subject !== undefined
          ? `/subjects/${encodeURIComponent(subject.id)}?mapping=${encodeURIComponent(mappingId)}`
          : `/mappings/${encodeURIComponent(mappingId)}/links`;
      const title = sighting ? "Add a sighting" : "Add information";
      app.setTitle(`${title} - ${about}`);
      const ownAgency = agencies.find((a) => a.id === session.user.agency_id);
      const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
      if (sighting) {
        const people = subjects
          .filter((s) => onMap.has(s.id) && s.kind !== "location")
          .sort(
            (a, b) =>
              Number(b.id === subjectId) - Number(a.id === subjectId) ||
              a.label.localeCompare(b.label, "en-GB"),
          );
        const places = subjects
          .filter((s) => onMap.has(s.id) && s.kind === "location")
          .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
        form.append(
          dateInput({ id: "sighting-seen_on", label: "When were they seen?", value: todayIso() }),
          textInput({
            id: "sighting-seen_time",
            name: "sighting-seen_time",
            label: "Time (optional)",
            hint: "On a 24-hour clock, for example 18:30",
            autocomplete: "off",
            widthClass: "govuk-input--width-5",
          }),
          select({
            id: "sighting-location_subject_id",
            label: "Where?",
            hint: "A place on this mapping. If it is not listed, describe it below.",
            choices: [
              { value: "", text: "Somewhere not listed" },
              ...places.map((p) => ({ value: p.id, text: p.label })),
            ],
          }),
          textInput({
            id: "sighting-location_description",
            name: "sighting-location_description",
            label: "Where, in words (optional)",
            autocomplete: "off",
          }),
          choices({
            id: "sighting-present_subject_ids",
            label: "Who was there?",
            hint: "Select everyone on this mapping who was seen together.",
            type: "checkbox",
            small: true,
            choices: people.map((p) => ({ value: p.id, text: p.label })),
            values: subjectId === "" ? [] : [subjectId],
          }),
          textInput({
            id: "sighting-seen_by",
            name: "sighting-seen_by",
            label: "Seen by",
            hint: "Their full name and role.",
            autocomplete: "off",
            value: session.user.full_name,
          }),
        );
      }
      form.append(
        textarea({
          id: "text",
          label: sighting ? "What was seen" : "What is known",
          hint: "What was seen or said, by whom. Use full names, never initials.",
          rows: 5,
        }),
        dateInput({
          id: "captured_on",
          label: sighting
            ? "When did your agency learn this? (optional)"
            : "When did your agency learn this?",
          hint: sighting
            ? "Leave blank if it was the day they were seen."
            : "For example, 27 3 2026",
        }),
        choices({
          id: "evidence",
          label: "Is it evidenced or anecdotal?",
          type: "radio",
          small: true,
          choices: [
            {
              value: "evidenced",
              text: "Evidenced",
              hint: "Backed by a record, a document or something seen first-hand.",
            },
            {
              value: "anecdotal",
              text: "Anecdotal",
              hint: "Something said or heard, not backed by a record.",
            },
          ],
        }),
        h("h2", { class: "govuk-heading-m" }, "Grading (3x5x2)"),
        choices({
          id: "source",
          label: "How reliable is the source?",
          type: "radio",
          small: true,
          choices: SOURCE_CHOICES,
        }),
        choices({
          id: "assessment",
          label: "How is the information known?",
          type: "radio",
          small: true,
          choices: ASSESSMENT_CHOICES,
        }),
        choices({
          id: "handling",
          label: "Can it be shared?",
          type: "radio",
          small: true,
          choices: HANDLING_CHOICES,
          values: ["P"],
        }),
      );
      const conditions = h(
        "div",
        { class: "govuk-radios__conditional app-conditions", id: "handling-conditions" },
        textarea({
          id: "handling_conditions-text",
          label: "Conditions for sharing",
          hint: "For example: not to be disclosed to the family; do not act on it without speaking to us first.",
          rows: 3,
        }),
        choices({
          id: "handling_conditions-share_with_agency_ids",
          label: "Which other agencies may see it?",
          hint: "Leave all unticked to keep it to your agency.",
          type: "checkbox",
          small: true,
          choices: agencies
            .filter((a) => a.id !== session.user.agency_id && a.inactive !== true)
            .map((a) => ({ value: a.id, text: a.name })),
        }),
        choices({
          id: "handling_conditions-originator_approval_required",
          label: "Approval",
          type: "checkbox",
          small: true,
          choices: [
            {
              value: "yes",
              text: "They may see it only after my agency approves",
              hint: "Each agency you named sees it once your agency has recorded its approval.",
            },
          ],
        }),
      );
      const showConditions = () => {
        conditions.hidden = checkedValues(form, "handling")[0] !== "C";
      };
      form.append(
        conditions,
        h("h2", { class: "govuk-heading-m" }, "Who it comes from"),
        summaryList([
          { key: "Source agency", value: `${ownAgency?.name ?? "Your agency"} (your agency)` },
          { key: "Recorded by", value: session.user.full_name },
        ]),
        button(sighting ? "Add the sighting" : "Add the information"),
      );
      form.addEventListener("change", showConditions);
      showConditions();
      const column = h(
        "div",
        {},
        backLink(back),
        heading(title, mapping.title),
        insetText(`About: ${about}`),
        form,
      );
      ctx.main.replaceChildren(twoThirds(column));
      const values = (): InformationFormValues => ({
        text: fieldText(form, "text"),
        evidence: checkedValues(form, "evidence")[0] ?? "",
        captured_on: dateValue(form, "captured_on"),
        source: checkedValues(form, "source")[0] ?? "",
        assessment: checkedValues(form, "assessment")[0] ?? "",
        handling: checkedValues(form, "handling")[0] ?? "",
        conditions: fieldText(form, "handling_conditions-text"),
        share_with: checkedValues(form, "handling_conditions-share_with_agency_ids"),
        approval_required: checkedValues(
          form,
          "handling_conditions-originator_approval_required",
        ).includes("yes"),
        ...(sighting
          ? {
              sighting: {
                seen_on: dateValue(form, "sighting-seen_on"),
                seen_time: fieldValue(form, "sighting-seen_time"),
                location_subject_id: fieldText(form, "sighting-location_subject_id"),
                location_description: fieldValue(form, "sighting-location_description"),
                present: checkedValues(form, "sighting-present_subject_ids"),
                seen_by: fieldValue(form, "sighting-seen_by"),
              },
            }
          : {}),
      });
      const infoContext = {
        mappingId,
        ...(subject !== undefined ? { subjectId: subject.id } : {}),
        ...(link !== undefined ? { linkId: link.id } : {}),
        agencyId: session.user.agency_id,
        author: session.user.full_name,
        authorUserId: session.user.id,
        today: todayIso(),
      };
      onSave(form, column, NAMES, {
        check: () => buildInformation(values(), infoContext).errors,
        save: () => app.records.create("information", buildInformation(values(), infoContext).body),
        done: () => {
          app.flash(sighting ? "Sighting added" : "Information added");
          app.router.navigate(back);
        },
      });
    });
  });
}
