// /mappings/:id/members: who may see the mapping (need-to-know). The chair and co-chair see it
// by their role on it; everyone else only once a chair adds them here. A chair adds a member
// from the partnership's accounts and takes one off again (DELETE with If-Match); the server
// decides who may.
import type { App, PageContext } from "../app";
import { button, fieldText, select, type FieldError } from "../components";
import { h } from "../dom";
import { heading, insetText, para, sectionHeading, table } from "../display";
import { formatDate, label, todayIso } from "../format";
import { errorsFromApi, onSave, showErrors } from "../forms";
import { flashBanner } from "../page";
import {
  agencyName,
  mappingBreadcrumbs,
  mappingHref,
  mayOffer,
  openMapping,
  type LoadedMapping,
} from "./mapping_shared";

/** Everyone who may see the mapping: chair, co-chair, then members by name. */
export function whoMaySee(m: Pick<LoadedMapping, "id" | "mapping" | "bundle" | "users">): {
  userId: string;
  role: string;
  memberId?: string;
  addedOn?: string;
}[] {
  const out: { userId: string; role: string; memberId?: string; addedOn?: string }[] = [];
  if (m.mapping.chair_user_id) out.push({ userId: m.mapping.chair_user_id, role: "Chair" });
  if (m.mapping.co_chair_user_id)
    out.push({ userId: m.mapping.co_chair_user_id, role: "Co-chair" });
  const name = (id: string) => m.users.find((u) => u.id === id)?.full_name ?? id;
  const members = (m.bundle.mapping_members ?? [])
    .filter((x) => x.mapping_id === m.id)
    .sort((a, b) => name(a.user_id).localeCompare(name(b.user_id)) || a.id.localeCompare(b.id));
  for (const x of members) {
    const entry: { userId: string; role: string; memberId: string; addedOn?: string } = {
      userId: x.user_id,
      role: "Member",
      memberId: x.id,
    };
    if (x.added_on !== undefined) entry.addedOn = x.added_on;
    out.push(entry);
  }
  return out;
}

export function mappingMembersPage(app: App, ctx: PageContext): void {
  openMapping(app, ctx, (m) => {
    app.setTitle("Who may see this mapping");
    const people = whoMaySee(m);
    const mayChange = mayOffer(app.role, "convene") && m.mapping.status !== "closed";
    const user = (id: string) => m.users.find((u) => u.id === id);
    const column = h("div", {});
    column.append(
      flashBanner(app) ?? "",
      heading("Who may see this mapping", m.mapping.title),
      para(
        "Only the people listed here can see this mapping and the people on it. Add someone when they need to know, and take them off when they no longer do.",
      ),
    );
    const rows = people.map((p) => {
      const u = user(p.userId);
      const remove =
        mayChange && p.memberId !== undefined
          ? removeButton(app, m, p.memberId, u?.full_name ?? p.userId)
          : "";
      return [
        u?.full_name ?? p.userId,
        agencyName(m.agencies, u?.agency_id),
        u?.position ?? "",
        p.role,
        formatDate(p.addedOn),
        remove,
      ];
    });
    column.append(
      table(
        `People who may see it (${String(people.length)})`,
        [
          { text: "Name" },
          { text: "Agency" },
          { text: "Position" },
          { text: "On this mapping as" },
          { text: "Added" },
          { text: mayChange ? "Change" : "" },
        ],
        rows,
      ),
    );
    if (mayChange) column.append(addForm(app, m, new Set(people.map((p) => p.userId))));
    else
      column.append(
        insetText("The chair adds and removes members. Ask them if someone else needs to know."),
      );
    ctx.main.replaceChildren(
      mappingBreadcrumbs(m),
      h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-full" }, column)),
    );
  });
}

function removeButton(app: App, m: LoadedMapping, memberId: string, name: string): HTMLElement {
  const form = h("form", { novalidate: true, method: "post", class: "app-inline-form" });
  const b = h(
    "button",
    {
      type: "submit",
      class: "govuk-button govuk-button--warning govuk-!-margin-bottom-0",
      id: "remove-" + memberId,
    },
    "Remove",
    h("span", { class: "govuk-visually-hidden" }, " " + name),
  );
  form.append(b);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const member = (m.bundle.mapping_members ?? []).find((x) => x.id === memberId);
    void app.records
      .remove("mapping_members", memberId, `"${String(member?.version ?? 0)}"`)
      .then(() => {
        app.flash(`${name} can no longer see this mapping`);
        app.router.navigate(mappingHref(m.id, "members"), { replace: true });
      })
      .catch((e: unknown) => {
        const page = form.closest(".govuk-grid-column-full");
        if (page instanceof HTMLElement) showErrors(page, errorsFromApi(e, {}, b.id));
      });
  });
  return form;
}

function addForm(app: App, m: LoadedMapping, already: ReadonlySet<string>): HTMLElement {
  const choicesOf = m.users
    .filter((u) => u.disabled !== true && !already.has(u.id))
    .filter((u) => u.role !== "administrator" && u.role !== "strategic_viewer")
    .sort((a, b) => a.full_name.localeCompare(b.full_name))
    .map((u) => ({
      value: u.id,
      text: `${u.full_name} (${agencyName(m.agencies, u.agency_id)}, ${label(u.role).toLowerCase()})`,
    }));
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  form.append(
    select({
      id: "user_id",
      label: "Who needs to know?",
      hint: "Practitioners, analysts and chairs of the partnership's agencies",
      choices: [{ value: "", text: "Choose a person" }, ...choicesOf],
    }),
    button("Add member"),
  );
  const column = h(
    "div",
    { class: "govuk-grid-column-two-thirds" },
    sectionHeading("Add a member"),
    form,
  );
  onSave(
    form,
    column,
    { user_id: "Person" },
    {
      check: () => {
        const errors: FieldError[] = [];
        if (fieldText(form, "user_id") === "")
          errors.push({ id: "user_id", message: "Choose who needs to know" });
        return errors;
      },
      save: () =>
        app.records.create("mapping_members", {
          mapping_id: m.id,
          user_id: fieldText(form, "user_id"),
          added_on: todayIso(),
        }),
      done: (saved) => {
        const name = m.users.find((u) => u.id === saved.user_id)?.full_name ?? "They";
        app.flash(`${name} can now see this mapping`);
        app.router.navigate(mappingHref(m.id, "members"), { replace: true });
      },
    },
  );
  return h("div", { class: "govuk-grid-row" }, column);
}
