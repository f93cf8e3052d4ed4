// How values read on a page: dates as "26 May 2022", grades as "1BP", enum codes as words.
// Pure functions, unit-tested in test/format.test.ts.

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2022-05-26" as "26 May 2022"; "" for an empty or malformed date (shown as not recorded). */
export function formatDate(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (m === null) return "";
  const month = MONTHS[Number(m[2]) - 1];
  if (month === undefined) return "";
  return `${String(Number(m[3]))} ${month} ${m[1] ?? ""}`;
}

/** Today in the browser's local time as YYYY-MM-DD (for defaults in forms; the server decides). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${String(now.getFullYear())}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The 3x5x2 grade as the partnership writes it: source, assessment, handling ("1BP"). */
export function formatGrade(g: {
  readonly source: string;
  readonly assessment: string;
  readonly handling: string;
}): string {
  return g.source + g.assessment + g.handling;
}

// Words for codes where "turn underscores into spaces" would read wrong.
const WORDS: Readonly<Record<string, string>> = {
  cse: "child sexual exploitation",
  cce: "child criminal exploitation",
  mace_referral: "MACE referral",
  section_47: "section 47 enquiry",
  ocg: "organised crime group",
  urban_street_gang: "urban street gang",
  non_binary: "non-binary",
  co_chair: "co-chair",
  pre_mapping: "pre-mapping",
  childrens_social_care: "children's social care",
  strategic_viewer: "strategic viewer",
};

/** An enum code as words with a capital letter: "peer_group" -> "Peer group". */
export function label(code: string | undefined): string {
  if (code === undefined || code === "") return "";
  const words = WORDS[code] ?? code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 child" / "3 children": a count with its noun. */
export function plural(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}
