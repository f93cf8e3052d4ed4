// What the pages inside one mapping share: the reason asked once per mapping per session
// (scope "mapping:ID"), one read of everything in the mapping the user may see (GET
// /mappings/{id}/map), its protocol profile, the reference data pages name people and places
// with, and the breadcrumbs back to the mapping. A mapping the user may not see, and one that
// does not exist, both end in the same "Page not found" (loadPage).
import { ApiError } from "../api";
import type { App, PageContext } from "../app";
import type { Role } from "../api";
import { breadcrumbs } from "../display";
import { mappingIn } from "../mapping_tasks";
import type {
  Agency,
  Area,
  Mapping,
  MappingBundle,
  ProtocolProfile,
  Subject,
  User,
} from "../records";
import { loadPage, withReason } from "../page";

/** A mapping as its pages need it. */
export interface LoadedMapping {
  readonly id: string;
  readonly mapping: Mapping;
  readonly bundle: MappingBundle;
  readonly profile: ProtocolProfile | undefined;
  /** The reason the user gave for this mapping (sent with every further read). */
  readonly reason: string;
  readonly users: readonly User[];
  readonly areas: readonly Area[];
  readonly agencies: readonly Agency[];
}

/**
 * The reason sent when listing the user's own mappings (the list page, a new mapping's parent
 * choice): the user's own work, as the dashboard's "own dashboard", so no question is asked.
 */
export const OWN_MAPPINGS_REASON = "Listing my own mappings";

/** The scope the reason is asked for: once per mapping per session. */
export function mappingScope(id: string): string {
  return "mapping:" + id;
}

/**
 * Asks for the reason (once per mapping per session), reads the mapping and what its pages
 * need, and calls `draw` if the user is still on the page. 404 and 403 draw "Page not found".
 */
export function openMapping(
  app: App,
  ctx: PageContext,
  draw: (m: LoadedMapping) => void | Promise<void>,
): void {
  const id = ctx.params["id"] ?? "";
  withReason(app, ctx, mappingScope(id), "this mapping", (reason) => {
    void loadPage(app, ctx, async () => {
      const [bundle, users, areas, agencies] = await Promise.all([
        app.records.mapping(id, reason),
        app.records.all("users"),
        app.records.all("areas"),
        app.records.all("agencies"),
      ]);
      const mapping = mappingIn(bundle, id);
      if (mapping === undefined) throw new ApiError(404, "not_found", "not found");
      const profile = await app.records
        .get("protocol_profiles", mapping.profile_id)
        .then((v) => v.record)
        .catch((e: unknown) => {
          // A profile since removed: the pages say so rather than failing.
          if (e instanceof ApiError && e.status === 404) return undefined;
          throw e;
        });
      if (!ctx.isCurrent()) return;
      await draw({ id, mapping, bundle, profile, reason, users, areas, agencies });
    });
  });
}

/** Breadcrumbs from the list to this mapping (every page inside a mapping has them). */
export function mappingBreadcrumbs(
  m: Pick<LoadedMapping, "id" | "mapping">,
  ...more: readonly { readonly text: string; readonly href: string }[]
): HTMLElement {
  return breadcrumbs([
    { text: "Mappings", href: "/mappings" },
    { text: m.mapping.title, href: `/mappings/${encodeURIComponent(m.id)}` },
    ...more,
  ]);
}

/** The address of a page inside the mapping ("/mappings/map-1/referrals"). */
export function mappingHref(id: string, page = ""): string {
  return `/mappings/${encodeURIComponent(id)}${page === "" ? "" : "/" + page}`;
}

/** A user's name, or "" when not known. */
export function userName(users: readonly User[], id: string | undefined): string {
  return id === undefined ? "" : (users.find((u) => u.id === id)?.full_name ?? "");
}

/** An agency's name, or "" when not known. */
export function agencyName(agencies: readonly Agency[], id: string | undefined): string {
  return id === undefined ? "" : (agencies.find((a) => a.id === id)?.name ?? "");
}

/** The names of areas, in the order given ("Mockbury, Port Fable"). */
export function areaNames(areas: readonly Area[], ids: readonly string[] | undefined): string {
  return (ids ?? [])
    .map((id) => areas.find((a) => a.id === id)?.name ?? "")
    .filter((n) => n !== "")
    .join(", ");
}

/** A subject's name as the pages show it. */
export function subjectName(bundle: MappingBundle, id: string | undefined): string {
  return id === undefined ? "" : (bundle.subjects?.find((s: Subject) => s.id === id)?.label ?? "");
}

/**
 * What the pages offer a role to change (docs/ARCHITECTURE.md, "Who writes what"). It only
 * decides which forms are drawn; the server decides what is saved, and says 403 otherwise.
 */
export function mayOffer(role: Role | null, what: "convene" | "curate" | "contribute"): boolean {
  if (role === null) return false;
  if (what === "convene") return role === "chair";
  if (what === "curate") return role === "chair" || role === "analyst";
  return role === "chair" || role === "analyst" || role === "practitioner";
}

/** `el` with an id (a button an error summary can link to). */
export function withId(el: HTMLElement, id: string): HTMLElement {
  el.id = id;
  return el;
}
