// Administration (/admin), for administrators: accounts (list and add a record; passwords and
// second factors are set on the server with `contextmap user reset`), agencies (list, add,
// change, mark no longer in use) and areas (list, add, change). Reference data only: no case
// records are read here.
import type { App, PageContext } from "../app";
import {
  button,
  checkedValues,
  choices,
  fieldText,
  fieldValue,
  select,
  textInput,
  type FieldError,
} from "../components";
import { h } from "../dom";
import { backLink, buttonLink, heading, insetText, link, para, table, twoThirds } from "../display";
import { label } from "../format";
import { onSave } from "../forms";
import { flashBanner, loadPage } from "../page";
import type { Agency, Area, User, Versioned } from "../records";
import { notFoundPage } from "./sign_out";
import { changesTo } from "./work_shared";
import { withFields } from "../work";

const ROLES: readonly { value: User["role"]; hint: string }[] = [
  { value: "practitioner", hint: "Adds what their agency knows, attends meetings, owns actions" },
  { value: "chair", hint: "Opens and chairs mappings, runs meetings, decides risk categories" },
  { value: "analyst", hint: "Builds and tidies maps, records actions and key questions" },
  { value: "strategic_viewer", hint: "Sees counts across the partnership, no names" },
  { value: "administrator", hint: "Manages accounts, agencies and areas; sees no case records" },
];

const SECTORS: readonly Agency["sector"][] = [
  "police",
  "childrens_social_care",
  "early_help",
  "education",
  "health",
  "youth_justice",
  "youth_service",
  "probation",
  "housing",
  "community_safety",
  "voluntary",
  "local_authority",
  "other",
];

const AREA_KINDS: readonly Area["kind"][] = [
  "county",
  "unitary",
  "district",
  "borough",
  "ward",
  "neighbourhood",
  "other",
];

const USER_RESET = "contextmap user reset USERNAME";

/** Administrators only; anyone else is shown the page a missing address shows. */
function adminOnly(app: App, ctx: PageContext): boolean {
  if (app.role === "administrator") return true;
  notFoundPage(app, ctx);
  return false;
}

/** /admin: accounts, agencies and areas. */
export function adminPage(app: App, ctx: PageContext): void {
  if (!adminOnly(app, ctx)) return;
  void loadPage(app, ctx, async () => {
    const [users, agencies, areas] = await Promise.all([
      app.records.all("users"),
      app.records.all("agencies"),
      app.records.all("areas"),
    ]);
    if (!ctx.isCurrent()) return;
    app.setTitle("Administration");
    const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? "";
    const areaName = (id: string | undefined) => areas.find((a) => a.id === id)?.name ?? "";
    ctx.main.replaceChildren(
      h(
        "div",
        { class: "govuk-grid-row" },
        h(
          "div",
          { class: "govuk-grid-column-full" },
          flashBanner(app),
          heading("Administration"),
          h(
            "ul",
            { class: "govuk-list" },
            h("li", {}, link("Accounts", "#accounts")),
            h("li", {}, link("Agencies", "#agencies")),
            h("li", {}, link("Areas", "#areas")),
          ),
          h("h2", { class: "govuk-heading-m", id: "accounts" }, "Accounts"),
          insetText(
            para(
              "Passwords and second factors are not set here. After you add an account, someone who runs ContextMap's server sets its password with the command ",
              h("code", { class: "app-code" }, USER_RESET),
              ". It prints the second-factor secret and ten recovery codes to give to the person. Until then the account cannot sign in.",
            ),
          ),
          buttonLink("Add an account", "/admin/accounts/new"),
          table(
            "Accounts",
            [
              { text: "Name" },
              { text: "Username" },
              { text: "Agency" },
              { text: "Role" },
              { text: "Status" },
            ],
            [...users]
              .sort((a, b) => a.full_name.localeCompare(b.full_name))
              .map((u) => [
                u.full_name,
                u.username,
                agencyName(u.agency_id),
                label(u.role),
                u.disabled === true ? "Disabled" : "Active",
              ]),
            { hiddenCaption: true },
          ),
          h("h2", { class: "govuk-heading-m", id: "agencies" }, "Agencies"),
          buttonLink("Add an agency", "/admin/agencies/new"),
          table(
            "Agencies",
            [
              { text: "Name" },
              { text: "Short name" },
              { text: "Sector" },
              { text: "Status" },
              { text: "Change" },
            ],
            [...agencies]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((a) => [
                a.name,
                a.short_name ?? "",
                label(a.sector),
                a.inactive === true ? "No longer in use" : "In use",
                link("Change", `/admin/agencies/${encodeURIComponent(a.id)}`, a.name),
              ]),
            { hiddenCaption: true },
          ),
          h("h2", { class: "govuk-heading-m", id: "areas" }, "Areas"),
          buttonLink("Add an area", "/admin/areas/new"),
          table(
            "Areas",
            [{ text: "Name" }, { text: "Kind" }, { text: "Part of" }, { text: "Change" }],
            [...areas]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((a) => [
                a.name,
                label(a.kind),
                areaName(a.parent_area_id),
                link("Change", `/admin/areas/${encodeURIComponent(a.id)}`, a.name),
              ]),
            { hiddenCaption: true },
          ),
        ),
      ),
    );
  });
}

function formFrame(
  ctx: PageContext,
  title: string,
  form: HTMLFormElement,
  intro: Node[] = [],
): HTMLElement {
  const column = h("div", {}, heading(title, "Administration"), ...intro, form);
  ctx.main.replaceChildren(backLink("/admin", "Back to administration"), twoThirds(column));
  return column;
}

function buttons(text: string): HTMLElement {
  return h("div", { class: "govuk-button-group" }, button(text), link("Cancel", "/admin"));
}

function required(form: HTMLFormElement, checks: readonly [string, string][]): FieldError[] {
  return checks
    .filter(([id]) => fieldText(form, id).trim() === "")
    .map(([id, message]) => ({ id, message }));
}

const ACCOUNT_NAMES: Readonly<Record<string, string>> = {
  username: "The username",
  full_name: "The full name",
  email: "The email address",
  agency_id: "The agency",
  position: "The position",
  role: "The role",
};

/** /admin/accounts/new: add an account record (POST /users). */
export function newAccountPage(app: App, ctx: PageContext): void {
  if (!adminOnly(app, ctx)) return;
  void loadPage(app, ctx, async () => {
    const agencies = await app.records.all("agencies");
    if (!ctx.isCurrent()) return;
    app.setTitle("Add an account");
    const form = h(
      "form",
      { novalidate: true, method: "post" },
      textInput({
        id: "full_name",
        name: "full_name",
        label: "Full name",
        autocomplete: "off",
        spellcheck: false,
      }),
      textInput({
        id: "username",
        name: "username",
        label: "Username",
        hint: "What they type to sign in, for example jo.bloggs",
        autocomplete: "off",
        spellcheck: false,
        widthClass: "govuk-input--width-20",
      }),
      textInput({
        id: "email",
        name: "email",
        label: "Email address (optional)",
        autocomplete: "off",
        spellcheck: false,
      }),
      select({
        id: "agency_id",
        label: "Agency",
        hint: "Their agency decides which restricted information they see.",
        choices: [
          { value: "", text: "Choose an agency" },
          ...agencies
            .filter((a) => a.inactive !== true)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((a) => ({ value: a.id, text: a.name })),
        ],
      }),
      textInput({
        id: "position",
        name: "position",
        label: "Position (optional)",
        hint: "For example, Senior youth worker",
        autocomplete: "off",
      }),
      choices({
        id: "role",
        label: "Role",
        type: "radio",
        choices: ROLES.map((r) => ({ value: r.value, text: label(r.value), hint: r.hint })),
      }),
      buttons("Add the account"),
    ) as HTMLFormElement;
    const column = formFrame(ctx, "Add an account", form, [
      insetText(
        para(
          "This adds the account record only. Its password and second factor are set on the server with ",
          h("code", { class: "app-code" }, USER_RESET),
          ".",
        ),
      ),
    ]);
    onSave(form, column, ACCOUNT_NAMES, {
      check: () => {
        const errors = required(form, [
          ["full_name", "Enter their full name"],
          ["username", "Enter a username"],
          ["agency_id", "Choose their agency"],
        ]);
        if (checkedValues(form, "role").length === 0)
          errors.push({ id: "role", message: "Choose their role" });
        return errors;
      },
      save: () =>
        app.records.create(
          "users",
          withFields(
            {
              username: fieldValue(form, "username").trim(),
              full_name: fieldValue(form, "full_name").replace(/\s+/g, " ").trim(),
              agency_id: fieldText(form, "agency_id"),
              role: (checkedValues(form, "role")[0] ?? "practitioner") as User["role"],
            },
            {
              email: fieldValue(form, "email").trim(),
              position: fieldValue(form, "position").trim(),
            },
          ),
        ),
      done: (saved) => {
        app.flash(
          `Account added for ${saved.full_name}. Set its password with ${USER_RESET.replace("USERNAME", saved.username)}`,
        );
        app.router.navigate("/admin");
      },
    });
  });
}

const AGENCY_NAMES: Readonly<Record<string, string>> = {
  name: "The name",
  short_name: "The short name",
  sector: "The sector",
  inactive: "Whether it is in use",
};

function agencyForm(app: App, ctx: PageContext, current: Versioned<Agency> | null): void {
  const a = current?.record;
  const title = a === undefined ? "Add an agency" : `Change ${a.name}`;
  app.setTitle(a === undefined ? "Add an agency" : "Change an agency");
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    textInput({
      id: "name",
      name: "name",
      label: "Name",
      autocomplete: "off",
      value: a?.name ?? "",
    }),
    textInput({
      id: "short_name",
      name: "short_name",
      label: "Short name (optional)",
      hint: "For example, NWP",
      autocomplete: "off",
      widthClass: "govuk-input--width-10",
      value: a?.short_name ?? "",
    }),
    select({
      id: "sector",
      label: "Sector",
      choices: [
        { value: "", text: "Choose a sector" },
        ...SECTORS.map((s) => ({ value: s, text: label(s) })),
      ],
      value: a?.sector ?? "",
    }),
    a === undefined
      ? null
      : choices({
          id: "inactive",
          label: "In use",
          type: "checkbox",
          values: a.inactive === true ? ["yes"] : [],
          choices: [
            {
              value: "yes",
              text: "This agency is no longer in use",
              hint: "It stays on the records that name it, but cannot be chosen for new ones.",
            },
          ],
        }),
    buttons(a === undefined ? "Add the agency" : "Save changes"),
  ) as HTMLFormElement;
  const column = formFrame(ctx, title, form);
  const save = current === null ? null : changesTo(app, "agencies", current, undefined);
  onSave(form, column, AGENCY_NAMES, {
    check: () =>
      required(form, [
        ["name", "Enter the agency's name"],
        ["sector", "Choose the agency's sector"],
      ]),
    save: () => {
      const fields = {
        name: fieldValue(form, "name").replace(/\s+/g, " ").trim(),
        sector: fieldText(form, "sector") as Agency["sector"],
      };
      const optional = { short_name: fieldValue(form, "short_name").trim() };
      if (save === null) return app.records.create("agencies", withFields(fields, optional));
      return save((latest) =>
        withFields(
          { ...latest, ...fields, inactive: checkedValues(form, "inactive").includes("yes") },
          optional,
        ),
      );
    },
    done: (saved) => {
      app.flash(current === null ? `${saved.name} added` : `${saved.name} saved`);
      app.router.navigate("/admin");
    },
  });
}

/** /admin/agencies/new: add an agency. */
export function newAgencyPage(app: App, ctx: PageContext): void {
  if (!adminOnly(app, ctx)) return;
  agencyForm(app, ctx, null);
}

/** /admin/agencies/:id: change an agency, or mark it no longer in use. */
export function changeAgencyPage(app: App, ctx: PageContext): void {
  if (!adminOnly(app, ctx)) return;
  void loadPage(app, ctx, async () => {
    const agency = await app.records.get("agencies", ctx.params["id"] ?? "");
    if (ctx.isCurrent()) agencyForm(app, ctx, agency);
  });
}

const AREA_NAMES: Readonly<Record<string, string>> = {
  name: "The name",
  kind: "The kind of area",
  parent_area_id: "The area it is part of",
};

function areaForm(
  app: App,
  ctx: PageContext,
  areas: readonly Area[],
  current: Versioned<Area> | null,
): void {
  const a = current?.record;
  const title = a === undefined ? "Add an area" : `Change ${a.name}`;
  app.setTitle(a === undefined ? "Add an area" : "Change an area");
  const form = h(
    "form",
    { novalidate: true, method: "post" },
    textInput({
      id: "name",
      name: "name",
      label: "Name",
      autocomplete: "off",
      value: a?.name ?? "",
    }),
    select({
      id: "kind",
      label: "Kind of area",
      choices: [
        { value: "", text: "Choose a kind" },
        ...AREA_KINDS.map((k) => ({ value: k, text: label(k) })),
      ],
      value: a?.kind ?? "",
    }),
    select({
      id: "parent_area_id",
      label: "Part of (optional)",
      choices: [
        { value: "", text: "Not part of another area" },
        ...areas
          .filter((x) => x.id !== a?.id)
          .sort((x, y) => x.name.localeCompare(y.name))
          .map((x) => ({ value: x.id, text: x.name })),
      ],
      value: a?.parent_area_id ?? "",
    }),
    buttons(a === undefined ? "Add the area" : "Save changes"),
  ) as HTMLFormElement;
  const column = formFrame(ctx, title, form);
  const save = current === null ? null : changesTo(app, "areas", current, undefined);
  onSave(form, column, AREA_NAMES, {
    check: () =>
      required(form, [
        ["name", "Enter the area's name"],
        ["kind", "Choose the kind of area"],
      ]),
    save: () => {
      const fields = {
        name: fieldValue(form, "name").replace(/\s+/g, " ").trim(),
        kind: fieldText(form, "kind") as Area["kind"],
      };
      const optional = { parent_area_id: fieldText(form, "parent_area_id") };
      if (save === null) return app.records.create("areas", withFields(fields, optional));
      return save((latest) => withFields({ ...latest, ...fields }, optional));
    },
    done: (saved) => {
      app.flash(current === null ? `${saved.name} added` : `${saved.name} saved`);
      app.router.navigate("/admin");
    },
  });
}

/** /admin/areas/new: add an area. */
export function newAreaPage(app: App, ctx: PageContext): void {
  if (!adminOnly(app, ctx)) return;
  void loadPage(app, ctx, async () => {
    const areas = await app.records.all("areas");
    if (ctx.isCurrent()) areaForm(app, ctx, areas, null);
  });
}

/** /admin/areas/:id: change an area. */
export function changeAreaPage(app: App, ctx: PageContext): void {
  if (!adminOnly(app, ctx)) return;
  void loadPage(app, ctx, async () => {
    const [areas, area] = await Promise.all([
      app.records.all("areas"),
      app.records.get("areas", ctx.params["id"] ?? ""),
    ]);
    if (ctx.isCurrent()) areaForm(app, ctx, areas, area);
  });
}
