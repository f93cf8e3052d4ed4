// /mappings/:id/closure: closing the mapping with a closure summary and date. What is still
// open is listed first so the chair closes knowingly; the server's rules decide what is
// allowed (a chair of the mapping; the date not in the future nor before it opened). Saved
// with PUT and If-Match: a 412 keeps what was typed.
import type { App, PageContext } from "../app";
import { button, dateInput, dateValue, fieldText, textarea, type FieldError } from "../components";
import { h } from "../dom";
import { heading, insetText, para, summaryList, twoThirds, warningText } from "../display";
import { formatDate, plural, todayIso } from "../format";
import { onSave } from "../forms";
import type { Mapping } from "../records";
import { flashBanner } from "../page";
import { mappingBreadcrumbs, mappingHref, mayOffer, openMapping, withId } from "./mapping_shared";

export function mappingClosurePage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, async (m) => {
    const { record, etag } = await app.records.get("mappings", m.id, m.reason);
    if (!ctx.isCurrent()) return;
    app.setTitle("Closure");
    const column = h("div", {});
    column.append(flashBanner(app) ?? "", heading("Closure", record.title));
    if (record.status === "closed") {
      column.append(
        para("This mapping is closed."),
        summaryList([
          { key: "Closed on", value: formatDate(record.closed_on) },
          { key: "Closure summary", value: record.closure_summary ?? "" },
        ]),
      );
      ctx.main.replaceChildren(mappingBreadcrumbs(m), twoThirds(column));
      return;
    }
    const open = (s: string) => s === "open" || s === "in_progress";
    const actions = (m.bundle.actions ?? []).filter((a) => a.mapping_id === m.id && open(a.status));
    const questions = (m.bundle.key_questions ?? []).filter(
      (q) => q.mapping_id === m.id && q.status === "open",
    );
    const planned = (m.bundle.meetings ?? []).filter(
      (x) => x.mapping_id === m.id && x.status === "planned",
    );
    const left = [
      actions.length > 0 ? plural(actions.length, "action is", "actions are") + " still open" : "",
      questions.length > 0
        ? plural(questions.length, "key question is", "key questions are") + " still open"
        : "",
      planned.length > 0
        ? plural(planned.length, "meeting is", "meetings are") + " still planned"
        : "",
    ].filter((s) => s !== "");
    column.append(
      para(
        "Close the mapping when its objectives are met or the risk has gone down. The closure summary goes to the strategic group in the closure report.",
      ),
    );
    for (const l of left) column.append(warningText(l));
    if (!mayOffer(app.role, "convene")) {
      column.append(insetText("Only a chair of the mapping can close it."));
      ctx.main.replaceChildren(mappingBreadcrumbs(m), twoThirds(column));
      return;
    }
    const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
    form.append(
      textarea({
        id: "closure_summary",
        label: "Closure summary",
        hint: "What the mapping achieved against its objectives, the risk now, and who carries on any work.",
        rows: 8,
      }),
      dateInput({ id: "closed_on", label: "Date closed", value: todayIso() }),
      withId(button("Close mapping"), "close-button"),
    );
    column.append(form);
    ctx.main.replaceChildren(mappingBreadcrumbs(m), twoThirds(column));
    onSave(
      form,
      column,
      { closure_summary: "Closure summary", closed_on: "Date closed", status: "Status" },
      {
        // A conflict or a problem no field owns is linked to the button, not to a field.
        fallbackId: "close-button",
        check: () => {
          const errors: FieldError[] = [];
          if (fieldText(form, "closure_summary").trim() === "")
            errors.push({ id: "closure_summary", message: "Enter the closure summary" });
          const d = dateValue(form, "closed_on");
          if (d === null || d === "")
            errors.push({ id: "closed_on", message: "Enter the date closed as a real date" });
          else if (d > todayIso())
            errors.push({ id: "closed_on", message: "Date closed must be today or in the past" });
          else if (record.opened_on !== undefined && d < record.opened_on)
            errors.push({
              id: "closed_on",
              message: `Date closed must be on or after the date it opened (${formatDate(record.opened_on)})`,
            });
          return errors;
        },
        save: () => {
          const closed: Mapping = {
            ...record,
            status: "closed",
            closed_on: dateValue(form, "closed_on") ?? "",
            closure_summary: fieldText(form, "closure_summary").trim(),
          };
          return app.records.update("mappings", m.id, closed, etag);
        },
        done: () => {
          app.flash("Mapping closed");
          app.router.navigate(mappingHref(m.id));
        },
      },
    );
  });
}
