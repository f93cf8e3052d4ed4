// /mappings/:id/details: the mapping's details, and (for a chair) the form to change them.
// The record is read fresh (GET /mappings/{id}) for its version, and saved with PUT and
// If-Match: if someone changed it meanwhile (412) the page says so and keeps what was typed.
import type { App, PageContext } from "../app";
import { button } from "../components";
import { h } from "../dom";
import { heading, para, summaryList, twoThirds } from "../display";
import { formatDate, label, todayIso } from "../format";
import { onSave } from "../forms";
import { checkMapping, mappingFromValues } from "../mapping_record";
import type { Mapping } from "../records";
import { mappingFields, MAPPING_FIELD_NAMES, readMappingValues } from "./mapping_form";
import {
  areaNames,
  mappingBreadcrumbs,
  mappingHref,
  mayOffer,
  openMapping,
  OWN_MAPPINGS_REASON,
  userName,
  withId,
  type LoadedMapping,
} from "./mapping_shared";
import { mappingStatusTag } from "./mappings";

export function mappingDetailsPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, async (m) => {
    const [{ record, etag }, mine] = await Promise.all([
      app.records.get("mappings", m.id, m.reason),
      app.records.all("mappings", {}, OWN_MAPPINGS_REASON),
    ]);
    if (!ctx.isCurrent()) return;
    app.setTitle("Mapping details");
    if (!mayOffer(app.role, "convene")) {
      ctx.main.replaceChildren(
        mappingBreadcrumbs(m),
        twoThirds(
          heading("Mapping details", record.title),
          para("Only a chair can change a mapping's details."),
          readOnly(m, record),
        ),
      );
      return;
    }
    const me = app.session?.user.id ?? "";
    const isMember = (m.bundle.mapping_members ?? []).some(
      (x) => x.mapping_id === m.id && x.user_id === me,
    );
    const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
    form.append(
      ...mappingFields({
        profile: m.profile,
        users: m.users,
        agencies: m.agencies,
        areas: m.areas,
        parents: mine.filter((x) => x.id !== m.id),
        values: record,
        withStatus: true,
      }),
      withId(button("Save changes"), "save-button"),
    );
    const column = h(
      "div",
      {},
      heading("Mapping details", record.title),
      summaryList([
        { key: "Protocol", value: m.profile?.name ?? "" },
        { key: "Opened", value: formatDate(record.opened_on) },
      ]),
      form,
    );
    ctx.main.replaceChildren(mappingBreadcrumbs(m), twoThirds(column));
    const today = todayIso();
    onSave(form, column, MAPPING_FIELD_NAMES, {
      // A conflict or a problem no field owns is linked to the button, not to a field.
      fallbackId: "save-button",
      check: () =>
        checkMapping(readMappingValues(form, record.profile_id), me, { today, isMember }),
      save: () =>
        app.records.update(
          "mappings",
          m.id,
          mappingFromValues(readMappingValues(form, record.profile_id), today, record) as Mapping,
          etag,
        ),
      done: () => {
        app.flash("Mapping details saved");
        app.router.navigate(mappingHref(m.id));
      },
    });
  });
}

function readOnly(m: LoadedMapping, r: Mapping): HTMLElement {
  return summaryList([
    { key: "Title", value: r.title },
    { key: "Kind", value: label(r.kind) },
    { key: "Status", value: mappingStatusTag(r.status) },
    { key: "Protocol", value: m.profile?.name ?? "" },
    { key: "Trigger", value: `${label(r.trigger)}, ${formatDate(r.trigger_date)}` },
    { key: "Purpose and scope", value: r.trigger_detail ?? "" },
    {
      key: "Objectives",
      value:
        (r.objectives ?? []).length === 0
          ? ""
          : h(
              "ul",
              { class: "govuk-list govuk-list--bullet" },
              ...(r.objectives ?? []).map((o) => h("li", {}, o)),
            ),
    },
    { key: "Chair", value: userName(m.users, r.chair_user_id) },
    { key: "Co-chair", value: userName(m.users, r.co_chair_user_id) },
    { key: "Areas", value: areaNames(m.areas, r.area_ids) },
    { key: "Level", value: label(r.level === "none" ? "" : r.level) },
    { key: "Opened", value: formatDate(r.opened_on) },
  ]);
}
