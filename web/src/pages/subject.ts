// One subject across the partnership: details, other names, agency records, links, graded
// information and sightings, a chronology of everything dated about them, and every mapping
// they appear in that the user may see. Reached from a mapping (?mapping=ID) the mapping's
// reason covers it; otherwise the reason is asked for this subject. A subject the user may not
// see draws exactly the page for a missing one (the server answers both with 404).
import { ApiError } from "../api";
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
  summaryList,
  table,
  tag,
  twoThirds,
  type SummaryRow,
} from "../display";
import { formatDate, label } from "../format";
import { onSave } from "../forms";
import { flashBanner, loadPage, withReason } from "../page";
import type {
  Action,
  Agency,
  Area,
  Information,
  Link,
  Mapping,
  ProtocolProfile,
  Subject,
} from "../records";
import { buildChronology, type ChronologyEntry } from "../subjects/chronology";
import { gradeTag } from "../subjects/grade_view";
import {
  linkDates,
  linkEvidence,
  linkSentenceParts,
  STRENGTH_WORDS,
  VALENCE,
} from "../subjects/links";
import { ROLE_WORDS } from "../subjects/roles";
import { birthText, kindWords } from "../subjects/search_view";
import {
  buildSubject,
  isPerson,
  readSubjectForm,
  subjectFieldNames,
  subjectFields,
} from "../subjects/subject_form";
import { mayMap } from "./mapping_subjects";
import { mappingIn } from "../mapping_tasks";
import { mappingScope } from "./mapping_shared";

/** The mapping named by ?mapping=ID, or "" when none. */
function mappingParam(): string {
  return new URLSearchParams(window.location.search).get("mapping") ?? "";
}

function scopeFor(subjectId: string, mappingId: string): string {
  return mappingId === "" ? "subject:" + subjectId : mappingScope(mappingId);
}

/** Reads a record, or null when the user may not see it (or it is gone). */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
    throw e;
  }
}

function uniqueById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const i of items) seen.set(i.id, i);
  return [...seen.values()];
}

interface SubjectView {
  readonly subject: Subject;
  readonly agencies: readonly Agency[];
  readonly areas: readonly Area[];
  readonly mappings: readonly Mapping[];
  readonly onMappings: readonly {
    readonly mapping: Mapping;
    readonly role: string;
    readonly removed: boolean;
  }[];
  readonly links: readonly Link[];
  readonly information: readonly Information[];
  readonly chronology: readonly ChronologyEntry[];
  readonly names: ReadonlyMap<string, string>;
}

/** Everything the page shows, read with the reason given. */
async function loadSubject(app: App, id: string, reason: string): Promise<SubjectView> {
  const r = app.records;
  const { record: subject } = await r.get("subjects", id, reason);
  const by = { subject_id: id };
  const [ms, from, to, info, factors, risks, referrals, questions, agencies, areas] =
    await Promise.all([
      r.all("mapping_subjects", by, reason),
      r.all("links", { from_subject_id: id }, reason),
      r.all("links", { to_subject_id: id }, reason),
      r.all("information", by, reason),
      r.all("factors", by, reason),
      r.all("risk_assessments", by, reason),
      r.all("referrals", by, reason),
      r.all("key_questions", by, reason),
      r.all("agencies"),
      r.all("areas"),
    ]);
  const mappingIds = [...new Set(ms.map((m) => m.mapping_id))];
  const perMapping = await Promise.all(
    mappingIds.map(async (mid) => {
      // One read of the whole mapping (the server caches it) rather than a list per kind.
      const bundle = await orNull(r.mapping(mid, reason));
      const mapping = bundle === null ? undefined : mappingIn(bundle, mid);
      if (bundle === null || mapping === undefined) return null;
      const profile = await orNull(r.get("protocol_profiles", mapping.profile_id));
      return {
        mapping,
        info: bundle.information ?? [],
        actions: bundle.actions ?? [],
        subjects: bundle.subjects ?? [],
        profile: profile?.record ?? null,
      };
    }),
  );
  const loaded = perMapping.filter((x): x is NonNullable<typeof x> => x !== null);
  const links = uniqueById([...from, ...to]);
  const linkIds = new Set(links.map((l) => l.id));
  const about = (i: Information) =>
    i.subject_id === id ||
    (i.link_id !== undefined && linkIds.has(i.link_id)) ||
    (i.sighting?.present_subject_ids ?? []).includes(id);
  const information = uniqueById([...info, ...loaded.flatMap((l) => l.info)].filter(about)).sort(
    (a, b) =>
      (b.sighting?.seen_on ?? b.captured_on).localeCompare(a.sighting?.seen_on ?? a.captured_on),
  );
  const actions: Action[] = uniqueById(loaded.flatMap((l) => l.actions)).filter((a) =>
    (a.subject_ids ?? []).includes(id),
  );
  const names = new Map<string, string>([[subject.id, subject.label]]);
  for (const l of loaded) for (const s of l.subjects) names.set(s.id, s.label);
  // Anyone named here but on none of those mappings (a link's other end seen elsewhere).
  const wanted = new Set<string>();
  for (const l of links) wanted.add(l.from_subject_id).add(l.to_subject_id);
  for (const i of information) {
    for (const p of i.sighting?.present_subject_ids ?? []) wanted.add(p);
    if (i.sighting?.location_subject_id !== undefined) wanted.add(i.sighting.location_subject_id);
  }
  if (subject.school_id !== undefined) wanted.add(subject.school_id);
  await Promise.all(
    [...wanted]
      .filter((w) => !names.has(w))
      .map(async (w) => {
        const s = await orNull(r.get("subjects", w, reason));
        if (s !== null) names.set(w, s.record.label);
      }),
  );
  const mappings = loaded.map((l) => l.mapping);
  const profiles = new Map<string, ProtocolProfile | null>(
    loaded.map((l) => [l.mapping.id, l.profile]),
  );
  const agencyName = (aid: string | undefined) => agencies.find((a) => a.id === aid)?.name ?? "";
  const chronology = buildChronology(
    {
      subjectId: id,
      information,
      links,
      factors,
      risks,
      referrals,
      actions,
      questions,
      onMappings: ms.filter((m) => mappings.some((x) => x.id === m.mapping_id)),
    },
    {
      subject: (sid) => names.get(sid) ?? "someone you may not see",
      agency: agencyName,
      mapping: (mid) => mappings.find((m) => m.id === mid)?.title ?? "",
      factor: (mid, code) => {
        const p = profiles.get(mid);
        return (
          [...(p?.vulnerability_factors ?? []), ...(p?.risk_factors ?? [])].find(
            (f) => f.code === code,
          )?.label ?? ""
        );
      },
      category: (mid, code) =>
        profiles.get(mid)?.risk_categories?.find((c) => c.code === code)?.label ?? "",
    },
  );
  const onMappings = ms
    .map((m) => {
      const mapping = mappings.find((x) => x.id === m.mapping_id);
      return mapping === undefined
        ? null
        : { mapping, role: ROLE_WORDS[m.role], removed: m.removed_on !== undefined };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  return { subject, agencies, areas, mappings, onMappings, links, information, chronology, names };
}

/** /subjects/:id (and ?mapping=ID from a mapping) */
export function subjectPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  const from = mappingParam();
  withReason(
    app,
    ctx,
    scopeFor(id, from),
    from === "" ? "this person's records" : "this mapping",
    (reason) => {
      void loadPage(app, ctx, async () => {
        const view = await loadSubject(app, id, reason);
        if (!ctx.isCurrent()) return;
        drawSubject(app, ctx, view, from);
      });
    },
  );
}

function timeline(entries: readonly ChronologyEntry[]): HTMLElement {
  const el = h("div", { class: "moj-timeline" });
  for (const e of entries) {
    el.append(
      h(
        "div",
        { class: "moj-timeline__item" },
        h(
          "div",
          { class: "moj-timeline__header" },
          h("h3", { class: "moj-timeline__title" }, e.title),
          e.by === undefined || e.by === ""
            ? null
            : h("p", { class: "moj-timeline__byline" }, ` by ${e.by}`),
        ),
        h(
          "p",
          { class: "moj-timeline__date" },
          h(
            "time",
            { datetime: e.date + (e.time === undefined ? "" : "T" + e.time) },
            formatDate(e.date) + (e.time === undefined ? "" : " at " + e.time),
          ),
          e.mapping === undefined || e.mapping === "" ? null : ` in ${e.mapping}`,
        ),
        e.text === undefined || e.text === ""
          ? null
          : h(
              "div",
              { class: "moj-timeline__description" },
              h("p", { class: "govuk-body" }, e.text),
            ),
      ),
    );
  }
  return el;
}

function informationItem(i: Information, view: SubjectView): HTMLElement {
  const agency = view.agencies.find((a) => a.id === i.source_agency_id)?.name ?? "";
  const name = (sid: string) => view.names.get(sid) ?? "someone you may not see";
  const mapping = view.mappings.find((m) => m.id === i.mapping_id);
  const facts = [
    `From ${[i.author, agency].filter((x) => x !== undefined && x !== "").join(", ")}`,
    `known on ${formatDate(i.captured_on)}`,
    `recorded on ${formatDate(i.recorded_on)}`,
  ];
  let about: string | null = null;
  if (i.link_id !== undefined) {
    const l = view.links.find((x) => x.id === i.link_id);
    if (l !== undefined) {
      const { verb, after } = linkSentenceParts(l.type);
      about = `About the link: ${name(l.from_subject_id)}${verb}${name(l.to_subject_id)}${after}`;
    }
  }
  const s = i.sighting;
  return h(
    "div",
    { class: "app-information" },
    h(
      "h3",
      { class: "govuk-heading-s app-information__title" },
      gradeTag(i),
      " ",
      s === undefined
        ? "Information"
        : `Sighting on ${formatDate(s.seen_on)}${s.seen_time === undefined ? "" : " at " + s.seen_time}`,
      " ",
      tag(label(i.evidence), i.evidence === "evidenced" ? "blue" : "grey"),
    ),
    s === undefined
      ? null
      : summaryList([
          {
            key: "Where",
            value: [
              s.location_subject_id === undefined ? undefined : name(s.location_subject_id),
              s.location_description,
            ]
              .filter((x) => x !== undefined && x !== "")
              .join(": "),
          },
          { key: "Who was there", value: (s.present_subject_ids ?? []).map(name).join(", ") },
          {
            key: "Seen by",
            value: [s.seen_by, view.agencies.find((a) => a.id === s.seen_by_agency_id)?.name]
              .filter((x) => x !== undefined && x !== "")
              .join(", "),
          },
        ]),
    about === null ? null : h("p", { class: "govuk-body-s app-information__about" }, about),
    h("p", { class: "govuk-body app-information__text" }, i.text),
    h(
      "p",
      { class: "govuk-body-s app-information__facts" },
      facts.join(", ") + (mapping === undefined ? "" : `. In ${mapping.title}`),
    ),
    i.handling === "C" && i.handling_conditions !== undefined
      ? insetText(
          h("strong", {}, "Shared with conditions: "),
          i.handling_conditions.text,
          (i.handling_conditions.share_with_agency_ids ?? []).length > 0
            ? ` Shared with: ${(i.handling_conditions.share_with_agency_ids ?? []).map((a) => view.agencies.find((x) => x.id === a)?.name ?? a).join(", ")}.`
            : ` Kept to ${agency === "" ? "the agency that gave it" : agency}.`,
          i.handling_conditions.originator_approval_required === true
            ? " Ask the originating agency before passing it on."
            : "",
        )
      : null,
  );
}

function drawSubject(app: App, ctx: PageContext, view: SubjectView, from: string): void {
  const s = view.subject;
  const q = from === "" ? "" : `?mapping=${encodeURIComponent(from)}`;
  app.setTitle(s.label);
  const area = view.areas.find((a) => a.id === s.area_id)?.name ?? "";
  const change = mayMap(app)
    ? { href: `/subjects/${encodeURIComponent(s.id)}/change${q}`, what: "" }
    : undefined;
  const row = (key: string, value: string): SummaryRow =>
    change === undefined
      ? { key, value }
      : { key, value, change: { href: change.href, what: key.toLowerCase() } };
  const rows: SummaryRow[] = [];
  if (isPerson(s.kind)) {
    rows.push(
      row("Full name", s.full_name ?? ""),
      row("Other names", (s.aliases ?? []).join(", ")),
      row("Date of birth", birthText(s)),
      row(
        "Gender",
        s.gender === undefined ? "" : s.gender === "unknown" ? "Not known" : label(s.gender),
      ),
    );
    if (s.kind === "child" || s.kind === "adult") {
      rows.push(row("Care leaver", s.care_leaver === true ? "Yes" : "No"));
      rows.push(
        row(
          "School",
          s.school_id === undefined
            ? ""
            : (view.names.get(s.school_id) ?? "A school you may not see"),
        ),
      );
    }
  } else if (s.kind === "location") {
    rows.push(
      row("Address", s.address ?? ""),
      row("Postcode", s.postcode ?? ""),
      row("Type of place", label(s.venue_type)),
    );
  } else if (s.kind === "group") {
    rows.push(row("Type of group", label(s.group_type)));
  } else if (s.kind === "object") {
    rows.push(row("Type", label(s.object_type)), row("Number or identifier", s.identifier ?? ""));
  }
  rows.push(row("Area", area), row("Description", s.description ?? ""));

  // Where new information goes: the mapping this page was reached from, else their first.
  const target =
    from !== ""
      ? from
      : (view.mappings.find((m) => m.status !== "closed")?.id ?? view.mappings[0]?.id ?? "");
  const infoBase = `/information/new?mapping=${encodeURIComponent(target)}&subject=${encodeURIComponent(s.id)}`;

  const content: (HTMLElement | null)[] = [
    from === ""
      ? backLink("/find", "Back to find a person")
      : backLink(`/mappings/${encodeURIComponent(from)}/subjects`, "Back to the mapping's people"),
    flashBanner(app),
    heading(s.label, kindWords(s.kind)),
  ];
  const nav = h(
    "nav",
    { class: "app-contents", "aria-label": "On this page" },
    h("h2", { class: "govuk-heading-s" }, "On this page"),
  );
  const sections: [string, string][] = [
    ["details", "Details"],
    ...(isPerson(s.kind) ? ([["agency-records", "Agency records"]] as [string, string][]) : []),
    ["links", "Links"],
    ["information", "Information and sightings"],
    ["chronology", "Chronology"],
    ["mappings", "Mappings"],
  ];
  const navList = h("ul", { class: "govuk-list" });
  for (const [anchor, text] of sections) navList.append(h("li", {}, link(text, "#" + anchor)));
  nav.append(navList);
  content.push(nav);

  content.push(h("h2", { class: "govuk-heading-m", id: "details" }, "Details"), summaryList(rows));

  if (isPerson(s.kind)) {
    const records = s.agency_records ?? [];
    content.push(h("h2", { class: "govuk-heading-m", id: "agency-records" }, "Agency records"));
    content.push(
      records.length === 0
        ? para("No agency records noted.")
        : table(
            "Agency records",
            [{ text: "Agency" }, { text: "Record number" }, { text: "Case" }],
            records.map((r) => [
              view.agencies.find((a) => a.id === r.agency_id)?.name ?? r.agency_id,
              r.reference ?? "",
              r.status === "not_open" ? "Not known to them" : label(r.status),
            ]),
            { hiddenCaption: true },
          ),
    );
  }

  content.push(h("h2", { class: "govuk-heading-m", id: "links" }, "Links"));
  if (view.links.length === 0) content.push(para("No links recorded."));
  else {
    const name = (sid: string) =>
      sid === s.id
        ? h("span", {}, view.names.get(sid) ?? "")
        : link(
            view.names.get(sid) ?? "someone you may not see",
            `/subjects/${encodeURIComponent(sid)}${q}`,
          );
    content.push(
      table(
        "Links",
        [
          { text: "Link" },
          { text: "Strength" },
          { text: "Protective or harmful" },
          { text: "Status" },
          { text: "Best evidence" },
        ],
        view.links.map((l) => {
          const { verb, after } = linkSentenceParts(l.type);
          const ev = linkEvidence(l, view.information);
          const v = VALENCE[l.valence];
          return [
            h("span", {}, name(l.from_subject_id), verb, name(l.to_subject_id), after),
            STRENGTH_WORDS[l.strength] ?? String(l.strength),
            tag(v.text, v.colour),
            linkDates(l),
            ev.best === null
              ? h("span", { class: "app-not-recorded" }, "None recorded")
              : gradeTag(ev.best),
          ];
        }),
        { hiddenCaption: true },
      ),
    );
    content[content.length - 1]?.setAttribute("data-wide", "");
  }

  content.push(
    h("h2", { class: "govuk-heading-m", id: "information" }, "Information and sightings"),
  );
  if (target !== "")
    content.push(
      h(
        "div",
        { class: "govuk-button-group" },
        buttonLink("Add information", infoBase, true),
        buttonLink("Add a sighting", infoBase + "&type=sighting", true),
      ),
    );
  if (view.information.length === 0)
    content.push(para("No information recorded that you may see."));
  for (const i of view.information) content.push(informationItem(i, view));

  content.push(h("h2", { class: "govuk-heading-m", id: "chronology" }, "Chronology"));
  content.push(
    view.chronology.length === 0 ? para("Nothing dated recorded yet.") : timeline(view.chronology),
  );

  content.push(h("h2", { class: "govuk-heading-m", id: "mappings" }, "Mappings"));
  content.push(
    table(
      "Mappings this subject appears in",
      [{ text: "Mapping" }, { text: "On it as" }, { text: "Status" }],
      view.onMappings.map((m) => [
        link(m.mapping.title, `/mappings/${encodeURIComponent(m.mapping.id)}`),
        m.removed ? `${m.role} (removed)` : m.role,
        tag(label(m.mapping.status), m.mapping.status === "closed" ? "grey" : "blue"),
      ]),
      { hiddenCaption: true },
    ),
    para("Only mappings you are a member of are listed."),
  );
  // Reading width for text; the table of links takes the whole page.
  const drawn: HTMLElement[] = [];
  let narrow: HTMLElement[] = [];
  for (const c of content) {
    if (c === null) continue;
    if (c.hasAttribute("data-wide")) {
      if (narrow.length > 0) drawn.push(twoThirds(...narrow));
      narrow = [];
      drawn.push(c);
    } else narrow.push(c);
  }
  if (narrow.length > 0) drawn.push(twoThirds(...narrow));
  ctx.main.replaceChildren(...drawn);
}

/** /subjects/:id/change: the subject's details, saved with the version read (If-Match). */
export function changeSubjectPage(app: App, ctx: PageContext): void {
  const id = ctx.params["id"] ?? "";
  const from = mappingParam();
  withReason(
    app,
    ctx,
    scopeFor(id, from),
    from === "" ? "this person's records" : "this mapping",
    (reason) => {
      void loadPage(app, ctx, async () => {
        const r = app.records;
        const { record: subject, etag } = await r.get("subjects", id, reason);
        const [ms, agencies, areas] = await Promise.all([
          r.all("mapping_subjects", { subject_id: id }, reason),
          r.all("agencies"),
          r.all("areas"),
        ]);
        const subjects = (
          await Promise.all(
            [...new Set(ms.map((m) => m.mapping_id))].map((mid) =>
              orNull(r.all("subjects", { mapping_id: mid }, reason)),
            ),
          )
        ).flatMap((x) => x ?? []);
        if (!ctx.isCurrent()) return;
        const schools = uniqueById(
          subjects.filter((s) => s.kind === "location" && s.venue_type === "school"),
        );
        const q = from === "" ? "" : `?mapping=${encodeURIComponent(from)}`;
        const back = `/subjects/${encodeURIComponent(id)}${q}`;
        app.setTitle(`Change details - ${subject.label}`);
        const form = h("form", { novalidate: true, method: "post" }) as HTMLFormElement;
        // A conflict (412) is about the whole record: its message links to the button, and
        // no field is marked as wrong.
        const save = button("Save changes");
        save.id = "save-changes";
        form.append(
          ...subjectFields(subject.kind, "", { agencies, areas, schools }, subject),
          save,
        );
        const column = h("div", {}, backLink(back), heading("Change details", subject.label), form);
        ctx.main.replaceChildren(twoThirds(column));
        onSave(form, column, subjectFieldNames(""), {
          fallbackId: save.id,
          check: () => buildSubject(subject.kind, readSubjectForm(form, ""), "").errors,
          save: () => {
            const built = buildSubject(subject.kind, readSubjectForm(form, ""), "").subject;
            const keep: Partial<Subject> = {
              ...(subject.object_type === undefined ? {} : { object_type: subject.object_type }),
              ...(subject.identifier === undefined ? {} : { identifier: subject.identifier }),
            };
            return r.update(
              "subjects",
              id,
              { ...keep, ...built, id, version: subject.version ?? 0 },
              etag,
            );
          },
          done: () => {
            app.flash("Details saved");
            app.router.navigate(back);
          },
        });
      });
    },
  );
}
