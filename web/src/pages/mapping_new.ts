// /mappings/new: open a new mapping under a protocol profile. First the profile (radios with
// each profile's name and description), then, at /mappings/new?profile=ID, everything else.
// Only chairs open mappings, naming themselves chair or co-chair: chair and co-chair are
// members of a mapping (docs/ARCHITECTURE.md, "Access control"), so the creator sees it at
// once and no separate membership is written. One POST: nothing is half-saved.
import type { App, PageContext } from "../app";
import { button, checkedValues, choices, type FieldError } from "../components";
import { h } from "../dom";
import { backLink, heading, link, para, summaryList, twoThirds } from "../display";
import { todayIso } from "../format";
import { onSave, showErrors } from "../forms";
import { checkMapping, mappingFromValues } from "../mapping_record";
import { loadPage } from "../page";
import { mappingFields, MAPPING_FIELD_NAMES, readMappingValues } from "./mapping_form";
import { mappingHref, mappingScope, mayOffer, OWN_MAPPINGS_REASON } from "./mapping_shared";

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function newMappingPage(app: App, ctx: PageContext): void {
  const chosen = new URLSearchParams(window.location.search).get("profile") ?? "";
  if (!mayOffer(app.role, "convene")) {
    app.setTitle("Start a new mapping");
    ctx.main.replaceChildren(
      twoThirds(
        backLink("/mappings", "Back to mappings"),
        heading("Start a new mapping"),
        para("Only a chair can start a mapping. Ask a chair in your partnership to start one."),
      ),
    );
    return;
  }
  void loadPage(app, ctx, async () => {
    const profiles = await app.records.all("protocol_profiles");
    if (!ctx.isCurrent()) return;
    const profile = ID.test(chosen) ? profiles.find((p) => p.id === chosen) : undefined;
    if (profile === undefined) {
      chooseProfile(app, ctx, profiles, chosen === "" ? [] : [chosen]);
      return;
    }
    const [users, agencies, areas, mine] = await Promise.all([
      app.records.all("users"),
      app.records.all("agencies"),
      app.records.all("areas"),
      app.records.all("mappings", {}, OWN_MAPPINGS_REASON),
    ]);
    if (!ctx.isCurrent()) return;
    const me = app.session?.user.id ?? "";
    app.setTitle("Start a new mapping");
    const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
    form.append(
      ...mappingFields({
        profile,
        users,
        agencies,
        areas,
        parents: mine.filter((m) => m.status !== "closed"),
        values: { chair_user_id: me, level: "none" },
        withStatus: false,
      }),
      button("Start mapping"),
    );
    const column = h(
      "div",
      {},
      heading("Start a new mapping", "New mapping"),
      summaryList([
        {
          key: "Protocol",
          value: profile.name,
          change: { href: "/mappings/new", what: "protocol" },
        },
      ]),
      form,
    );
    ctx.main.replaceChildren(
      backLink("/mappings/new", "Back to choose a protocol"),
      twoThirds(column),
    );
    const today = todayIso();
    onSave(form, column, MAPPING_FIELD_NAMES, {
      check: () => checkMapping(readMappingValues(form, profile.id), me, { today }),
      save: () =>
        app.records.create(
          "mappings",
          mappingFromValues(readMappingValues(form, profile.id), today),
        ),
      done: (saved) => {
        // The creator has just opened it: that is their reason for the first look.
        app.reasons.set(mappingScope(saved.id), "Opened this mapping");
        app.flash("Mapping started");
        app.router.navigate(mappingHref(saved.id));
      },
    });
  });
}

function chooseProfile(
  app: App,
  ctx: PageContext,
  profiles: readonly { id: string; name: string; description?: string }[],
  asked: readonly string[],
): void {
  app.setTitle("Which protocol does this mapping follow?");
  const form = h("form", { novalidate: true, method: "get" }) as HTMLFormElement;
  form.append(
    choices({
      id: "profile",
      label: "Which protocol does this mapping follow?",
      isPageHeading: true,
      type: "radio",
      hint: "The protocol sets the mapping's timescales, checklists, risk categories and meeting agendas.",
      choices: profiles.map((p) => ({
        value: p.id,
        text: p.name,
        ...(p.description === undefined || p.description === "" ? {} : { hint: p.description }),
      })),
    }),
    button("Continue"),
  );
  const column = h("div", {}, form);
  ctx.main.replaceChildren(backLink("/mappings", "Back to mappings"), twoThirds(column));
  if (profiles.length === 0) {
    form.replaceWith(
      heading("Start a new mapping"),
      para("No protocol is set up yet. An administrator adds the partnership's protocols."),
      para(link("Back to mappings", "/mappings")),
    );
    return;
  }
  // A bookmark naming a protocol that has gone asks again, saying why.
  if (asked.length > 0)
    showErrors(column, [
      { id: "profile", message: "That protocol is no longer available: select another" },
    ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = checkedValues(form, "profile")[0] ?? "";
    if (id === "") {
      const errors: FieldError[] = [
        { id: "profile", message: "Select the protocol this mapping follows" },
      ];
      showErrors(column, errors);
      return;
    }
    app.router.navigate("/mappings/new?profile=" + encodeURIComponent(id));
  });
}
