// Typed reads and writes of records through the JSON API (GET/POST/PUT/DELETE
// /api/v1/{kind}[/{id}]), the mapping bundle, and the record types generated from the server's
// API description (src/generated/records.ts). The server decides what the user may see and
// change; this module only carries requests and answers.
import type { ApiClient } from "./api";
import type { Kind, RecordKinds } from "./generated/records";

export type * from "./generated/records";

/** A record as read, with the version to send back as If-Match when changing it. */
export interface Versioned<T> {
  readonly record: T;
  readonly etag: string;
}

/** One page of a list: the records and where the next page starts (null when none). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next_after: string | null;
}

/** A mapping and everything recorded in it that the user may see (docs/bundle.md). */
export type MappingBundle = {
  readonly [K in Kind]?: readonly RecordKinds[K][];
} & { readonly mapping_id?: string };

function versionOf(record: unknown): string {
  const v =
    typeof record === "object" && record !== null ? (record as { version?: unknown }).version : 0;
  return `"${String(typeof v === "number" ? v : 0)}"`;
}

export class Records {
  constructor(private readonly api: ApiClient) {}

  /** One record; `reason` is required for case records (all but agencies, areas, profiles). */
  async get<K extends Kind>(
    kind: K,
    id: string,
    reason?: string,
  ): Promise<Versioned<RecordKinds[K]>> {
    const record = (await this.api.request("GET", `/${kind}/${encodeURIComponent(id)}`, {
      ...(reason === undefined ? {} : { reason }),
    })) as RecordKinds[K];
    return { record, etag: versionOf(record) };
  }

  /** One page of `kind`, filtered by one reference field (`{mapping_id: "map-1"}`). */
  async list<K extends Kind>(
    kind: K,
    filter: Readonly<Record<string, string>> = {},
    reason?: string,
    after?: string,
  ): Promise<Page<RecordKinds[K]>> {
    const query = new URLSearchParams(filter);
    if (after !== undefined) query.set("after", after);
    const q = query.toString();
    return (await this.api.request("GET", `/${kind}${q === "" ? "" : "?" + q}`, {
      ...(reason === undefined ? {} : { reason }),
    })) as Page<RecordKinds[K]>;
  }

  /** Every page of `kind` for `filter` (lists in this app are one mapping's or one user's). */
  async all<K extends Kind>(
    kind: K,
    filter: Readonly<Record<string, string>> = {},
    reason?: string,
  ): Promise<RecordKinds[K][]> {
    const items: RecordKinds[K][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.list(kind, filter, reason, after);
      items.push(...page.items);
      if (page.next_after === null) return items;
      after = page.next_after;
    }
  }

  /** Creates a record (the server assigns its id) and returns it as stored. */
  async create<K extends Kind>(
    kind: K,
    body: Omit<RecordKinds[K], "id" | "version">,
  ): Promise<RecordKinds[K]> {
    return (await this.api.request("POST", `/${kind}`, { body })) as RecordKinds[K];
  }

  /** Replaces a record read at `etag`; a 412 ApiError means someone changed it since. */
  async update<K extends Kind>(
    kind: K,
    id: string,
    body: RecordKinds[K],
    etag: string,
  ): Promise<RecordKinds[K]> {
    return (await this.api.request("PUT", `/${kind}/${encodeURIComponent(id)}`, {
      body,
      ifMatch: etag,
    })) as RecordKinds[K];
  }

  async remove(kind: Kind, id: string, etag: string): Promise<void> {
    await this.api.request("DELETE", `/${kind}/${encodeURIComponent(id)}`, { ifMatch: etag });
  }

  /** Everything in a mapping the user may see, in one call (GET /mappings/{id}/map). */
  async mapping(id: string, reason: string): Promise<MappingBundle> {
    return (await this.api.request("GET", `/mappings/${encodeURIComponent(id)}/map`, {
      reason,
    })) as MappingBundle;
  }
}
