// Links between subjects in words: "Kai Sample was recruited by Tyler Invented", how strong,
// protective or harmful, current or historic, and the grade of the best evidence for them.
import type { Information, Link } from "../records";
import { formatDate } from "../format";
import type { TagColour } from "../display";
import { bestItem } from "./grading";

type LinkType = Link["type"];

/** Each link type as the words between the two names ("{from} lives at {to}"). */
export const LINK_WORDS: Readonly<
  Record<LinkType, { readonly verb: string; readonly after?: string; readonly choice: string }>
> = {
  friend: { verb: "is a friend of", choice: "Friend" },
  best_friend: { verb: "is a best friend of", choice: "Best friend" },
  sibling: { verb: "is a sibling of", choice: "Sibling" },
  cousin: { verb: "is a cousin of", choice: "Cousin" },
  partner: { verb: "is the partner of", choice: "Partner (boyfriend or girlfriend)" },
  family: { verb: "is family of", choice: "Other family" },
  associate: { verb: "is associated with", choice: "Associate" },
  rival: { verb: "has tension with", choice: "Rival or tension" },
  exploits: { verb: "exploits", choice: "Exploits" },
  controls: { verb: "controls or influences", choice: "Controls or influences" },
  recruited_by: { verb: "was recruited by", choice: "Recruited by" },
  lives_at: { verb: "lives at", choice: "Lives at" },
  stays_at_when_missing: {
    verb: "stays at",
    after: "when missing",
    choice: "Stays at when missing",
  },
  attends: { verb: "attends", choice: "Attends (school, club)" },
  frequents: { verb: "spends time at", choice: "Frequents" },
  seen_at: { verb: "has been seen at", choice: "Seen at" },
  arrested_at: { verb: "was arrested at", choice: "Arrested at" },
  member_of: { verb: "is a member of", choice: "Member of" },
  key_contact_for: { verb: "is a key contact for", choice: "Key contact for" },
};

/** The link as a sentence: "Kai Sample stays at Flat 3 Gullhaven Court when missing". */
export function linkSentence(from: string, type: LinkType, to: string): string {
  const w = LINK_WORDS[type];
  return `${from} ${w.verb} ${to}${w.after === undefined ? "" : " " + w.after}`;
}

/** The parts of the sentence, so the names can be links: [from, " verb ", to, " after"]. */
export function linkSentenceParts(type: LinkType): { verb: string; after: string } {
  const w = LINK_WORDS[type];
  return { verb: ` ${w.verb} `, after: w.after === undefined ? "" : ` ${w.after}` };
}

export const STRENGTH_WORDS: Readonly<Record<number, string>> = {
  1: "Weak",
  2: "Medium",
  3: "Strong",
};

export const VALENCE: Readonly<
  Record<Link["valence"], { readonly text: string; readonly colour: TagColour }>
> = {
  protective: { text: "Protective", colour: "green" },
  neutral: { text: "Neutral", colour: "grey" },
  harmful: { text: "Harmful", colour: "red" },
  unknown: { text: "Not known", colour: "yellow" },
};

/** "Current, since 3 March 2026", "Historic, 1 May 2024 to 2 June 2025", "Current". */
export function linkDates(l: Pick<Link, "status" | "started_on" | "ended_on">): string {
  const state = l.status === "current" ? "Current" : "Historic";
  const from = formatDate(l.started_on);
  const to = formatDate(l.ended_on);
  if (from !== "" && to !== "") return `${state}, ${from} to ${to}`;
  if (from !== "") return `${state}, since ${from}`;
  if (to !== "") return `${state}, until ${to}`;
  return state;
}

/** The best evidence recorded about the link (its grade is the link's), and how many items. */
export function linkEvidence(
  link: Pick<Link, "id">,
  information: readonly Information[],
): { best: Information | null; count: number } {
  const about = information.filter((i) => i.link_id === link.id);
  return { best: bestItem(about), count: about.length };
}
