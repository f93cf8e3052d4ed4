// A mapping's subjects, grouped as the protocols list them (children, adults of concern,
// places, groups, key contacts), and adding one: /mappings/:id/subjects/add?role=child starts
// with a search of the whole partnership, so a person already known is picked (only their
// place on this mapping is created) rather than entered twice; only when none fits is a new
// subject added, with its place on the mapping, in one call (POST /mappings/{id}/subjects).
import type { App, PageContext } from "../app";
import { button } from "../components";
import { h } from "../dom";
import {
  backLink,
  buttonLink,
  heading,
  insetText,
  link,
  para,
  sectionHeading,
  table,
  twoThirds,
} from "../display";
import { formatDate, label, todayIso } from "../format";
import { onSave } from "../forms";
import { flashBanner, loadPage, withReason } from "../page";
import type { Agency, Area, Mapping, MappingBundle, MappingSubject, Subject } from "../records";
import {
  ADD_ROLES,
  addRoleFrom,
  fitsRole,
  groupSubjects,
  mappingRoleFor,
  ROLE_WORDS,
  type AddRole,
  type SubjectGroup,
} from "../subjects/roles";
import type { SearchAnswer } from "../subjects/search";
import {
  birthText,
  kindWords,
  resultItem,
  resultsHeading,
  searchForm,
} from "../subjects/search_view";
import {
  buildSubject,
  isPerson,
  readSubjectForm,
  subjectFieldNames,
  subjectFields,
} from "../subjects/subject_form";
import { mappingScope } from "./mapping_shared";
import { mappingIn } from "../mapping_tasks";

/** Whether the signed-in user's role may add subjects and links (chairs and analysts). */
export function mayMap(app: App): boolean {
  return app.role === "chair" || app.role === "analyst";
}

/** The mapping record in a bundle (the bundle holds exactly the one). */
export function bundleMapping(bundle: MappingBundle, id: string): Mapping {
  const m = mappingIn(bundle, id);
  if (m === undefined) throw new Error("the mapping's bundle does not hold the mapping");
  return m;
}

function subjectHref(subjectId: string, mappingId: string): string {
  return `/subjects/${encodeURIComponent(subjectId)}?mapping=${encodeURIComponent(mappingId)}`;
}

/** /mappings/:id/subjects */
export function mappingSubjectsPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  withReason(app, ctx, mappingScope(id), "this mapping", (reason) => {
    void loadPage(app, ctx, async () => {
      const bundle = await app.records.mapping(id, reason);
      if (!ctx.isCurrent()) return;
      const mapping = bundleMapping(bundle, id);
      app.setTitle("People, places and groups - " + mapping.title);
      const groups = groupSubjects(bundle.mapping_subjects ?? [], bundle.subjects ?? []);
      const content: (HTMLElement | null)[] = [
        backLink(`/mappings/${encodeURIComponent(id)}`, "Back to the mapping"),
        flashBanner(app),
        heading("People, places and groups", mapping.title),
      ];
      for (const g of groups) {
        if ((g.key === "other" || g.key === "removed") && g.members.length === 0) continue;
        content.push(sectionHeading(g.heading));
        if (g.members.length === 0) {
          content.push(para(`None recorded yet.`));
        } else {
          const rows = g.members.map((m) => [
            link(m.subject.label, subjectHref(m.subject.id, id)),
            roleText(m.on, m.subject),
            detailOf(g.key, m.subject),
            formatDate(g.key === "removed" ? m.on.removed_on : m.on.added_on),
          ]);
          content.push(
            table(
              g.heading,
              [
                { text: "Name" },
                { text: "On this mapping as" },
                { text: DETAIL_HEADINGS[g.key] },
                { text: g.key === "removed" ? "Removed on" : "Added on" },
              ],
              rows,
              { hiddenCaption: true },
            ),
          );
        }
        if (g.add !== null && mayMap(app))
          content.push(
            buttonLink(
              ADD_ROLES[g.add].button,
              `/mappings/${encodeURIComponent(id)}/subjects/add?role=${g.add}`,
              true,
            ),
          );
      }
      ctx.main.replaceChildren(...content.filter((c): c is HTMLElement => c !== null));
    });
  });
}

const DETAIL_HEADINGS: Readonly<Record<SubjectGroup["key"], string>> = {
  child: "Date of birth (age)",
  adult_of_concern: "Date of birth (age)",
  place: "Postcode",
  group: "Type of group",
  key_contact: "Who they are",
  other: "Details",
  removed: "Details",
};

/** The third column of a group's table: what tells its members apart. */
function detailOf(key: SubjectGroup["key"], s: Subject): string {
  if (key === "key_contact") return s.description ?? "";
  if (isPerson(s.kind)) return birthText(s);
  if (s.kind === "location") return s.postcode ?? "";
  if (s.kind === "group") return label(s.group_type);
  if (s.kind === "object") return label(s.object_type);
  return "";
}

function roleText(on: MappingSubject, subject: Subject): string {
  const role = ROLE_WORDS[on.role];
  return on.role === "associate" ? `${role} (${kindWords(subject.kind).toLowerCase()})` : role;
}

/** /mappings/:id/subjects/add?role=child|adult_of_concern|place|group|key_contact */
export function addSubjectPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  const role = addRoleFrom(new URLSearchParams(window.location.search).get("role"));
  if (role === null) {
    app.router.navigate(`/mappings/${encodeURIComponent(id)}/subjects`, { replace: true });
    return;
  }
  withReason(app, ctx, mappingScope(id), "this mapping", (reason) => {
    void loadPage(app, ctx, async () => {
      const [bundle, agencies, areas] = await Promise.all([
        app.records.mapping(id, reason),
        app.records.all("agencies"),
        app.records.all("areas"),
      ]);
      if (!ctx.isCurrent()) return;
      drawSearch(app, ctx, {
        id,
        role,
        reason,
        bundle,
        mapping: bundleMapping(bundle, id),
        agencies,
        areas,
      });
    });
  });
}

interface AddState {
  readonly id: string;
  readonly role: AddRole;
  readonly reason: string;
  readonly bundle: MappingBundle;
  readonly mapping: Mapping;
  readonly agencies: readonly Agency[];
  readonly areas: readonly Area[];
  /** The last search's answer and what was typed, kept while the user looks at the new form. */
  answer?: SearchAnswer;
  typed?: { q: string; dob: string };
}

function drawSearch(app: App, ctx: PageContext, st: AddState): void {
  const info = ADD_ROLES[st.role];
  const base = `/mappings/${encodeURIComponent(st.id)}`;
  app.setTitle(`${info.button} - ${st.mapping.title}`);
  const column = h("div", {});
  const results = h("div", { id: "results", "aria-live": "polite" });
  const onThisMapping = new Set(
    (st.bundle.mapping_subjects ?? [])
      .filter((m) => m.removed_on === undefined)
      .map((m) => m.subject_id),
  );
  const show = (answer: SearchAnswer) => {
    if (!ctx.isCurrent()) return;
    st.answer = answer;
    st.typed = {
      q: (form.querySelector<HTMLInputElement>("#q")?.value ?? "").trim(),
      dob: "",
    };
    const fits = answer.results.filter((r) => fitsRole(st.role, r.subject));
    const list = h("ul", { class: "govuk-list app-results" });
    for (const hit of fits) {
      const s = hit.subject;
      let action: HTMLElement;
      if (onThisMapping.has(s.id)) {
        action = h(
          "p",
          { class: "govuk-body govuk-!-font-weight-bold" },
          "Already on this mapping",
        );
      } else {
        const pick = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
        const b = button(`Add ${s.label} to this mapping`, { secondary: true });
        b.id = `add-${s.id}`;
        pick.append(b);
        onSave(
          pick,
          column,
          {},
          {
            fallbackId: b.id,
            save: () =>
              app.records.create("mapping_subjects", {
                mapping_id: st.id,
                subject_id: s.id,
                role: mappingRoleFor(st.role, st.mapping, st.bundle.mapping_subjects ?? []),
                added_on: todayIso(),
              }),
            done: () => {
              app.flash(`${s.label} added to the mapping`);
              app.router.navigate(`${base}/subjects`);
            },
          },
        );
        action = pick;
      }
      list.append(
        resultItem(
          hit,
          st.areas,
          action,
          `/subjects/${encodeURIComponent(s.id)}?mapping=${encodeURIComponent(st.id)}`,
        ),
      );
    }
    const addNew = h(
      "button",
      { type: "button", class: "govuk-button", "data-module": "govuk-button" },
      `Add a new ${info.noun}`,
    );
    addNew.addEventListener("click", () => {
      drawNew(app, ctx, st);
    });
    results.replaceChildren(
      resultsHeading({ results: fits, more: answer.more }),
      fits.length > 0
        ? list
        : para(
            `Nobody found who could be added as ${withArticle(info.noun)}. Check the spelling or try another name they are known by.`,
          ),
      sectionHeading(fits.length > 0 ? `Not one of these?` : `Add them as new`, "m"),
      para(`Only add a new ${info.noun} if you are sure they are not already recorded.`),
      addNew,
    );
    results.querySelector<HTMLElement>("#results-heading")?.focus();
  };
  const form = searchForm(app, column, {
    kinds: info.searchKinds,
    askDob: info.person,
    textLabel: info.person ? "Name or other name" : "Name or postcode",
    textHint: `Search first: the ${info.noun} may already be recorded on another mapping.`,
    reason: st.reason,
    show,
  });
  column.append(backLink(`${base}/subjects`), heading(info.button, st.mapping.title), form);
  ctx.main.replaceChildren(twoThirds(column), results);
  if (st.answer !== undefined) {
    const input = form.querySelector<HTMLInputElement>("#q");
    if (input !== null) input.value = st.typed?.q ?? "";
    show(st.answer);
  }
}

function withArticle(noun: string): string {
  return (/^[aeiou]/.test(noun) ? "an " : "a ") + noun;
}

function drawNew(app: App, ctx: PageContext, st: AddState): void {
  const info = ADD_ROLES[st.role];
  const base = `/mappings/${encodeURIComponent(st.id)}`;
  const kind = info.newKind;
  const prefix = "subject-";
  app.setTitle(`Add a new ${info.noun} - ${st.mapping.title}`);
  const back = h("a", { href: "#", class: "govuk-back-link" }, "Back to the search");
  back.addEventListener("click", (e) => {
    e.preventDefault();
    drawSearch(app, ctx, st);
  });
  const schools = (st.bundle.subjects ?? []).filter(
    (s) => s.kind === "location" && s.venue_type === "school",
  );
  const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
  form.append(...subjectFields(kind, prefix, { agencies: st.agencies, areas: st.areas, schools }));
  // What was searched for is the likeliest name.
  const typed = st.typed?.q ?? "";
  const nameInput = form.querySelector<HTMLInputElement>(
    `#${prefix}${isPerson(kind) ? "full_name" : "label"}`,
  );
  if (nameInput !== null && typed !== "") nameInput.value = typed;
  const role = mappingRoleFor(st.role, st.mapping, st.bundle.mapping_subjects ?? []);
  form.append(
    insetText(`They will be added to this mapping as: ${ROLE_WORDS[role].toLowerCase()}.`),
    button(`Add ${withArticle(info.noun)}`),
  );
  const column = h("div", {}, back, heading(`Add a new ${info.noun}`, st.mapping.title), form);
  ctx.main.replaceChildren(twoThirds(column));
  ctx.main.focus();
  onSave(form, column, subjectFieldNames(prefix), {
    check: () => buildSubject(kind, readSubjectForm(form, prefix), prefix).errors,
    save: async () => {
      const { subject } = buildSubject(kind, readSubjectForm(form, prefix), prefix);
      await app.api.request("POST", `/mappings/${encodeURIComponent(st.id)}/subjects`, {
        body: { subject, mapping_subject: { role, added_on: todayIso() } },
      });
      return subject.label;
    },
    done: (name) => {
      app.flash(`${name} added to the mapping`);
      app.router.navigate(`${base}/subjects`);
    },
  });
}
