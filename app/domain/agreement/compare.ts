/**
 * Compares two frozen versions of an agreement word by word (jsdiff), section by section:
 * details, parties, then articles matched by their number. Pure.
 */
import { diffWords } from "diff";
import type { MessageKey } from "~/lib/i18n/translate";
import type { AgreementSnapshot } from "./snapshot";

export interface DiffPart {
  text: string;
  change: "added" | "removed" | null;
}

export type SectionLabel =
  | { kind: "field"; field: DetailField }
  | { kind: "party"; index: number; name: string }
  | { kind: "clause"; number: number; heading: string };

export interface SectionDiff {
  label: SectionLabel;
  changed: boolean;
  parts: DiffPart[];
}

export const DETAIL_FIELDS = [
  "title",
  "titleSecondary",
  "purpose",
  "territory",
  "signingPlace",
  "effectiveDate",
  "endDate",
  "durationMonths",
  "tacitRenewal",
  "renewalNoticeDays",
  "totalBudgetCents",
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

/** Word boundaries from Intl, so Arabic words (not only Latin ones) are compared whole. */
const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

function words(before: string, after: string): { changed: boolean; parts: DiffPart[] } {
  if (before === after) return { changed: false, parts: [{ text: after, change: null }] };
  const parts = diffWords(before, after, { intlSegmenter: segmenter }).map((c) => ({
    text: c.value,
    change: c.added ? ("added" as const) : c.removed ? ("removed" as const) : null,
  }));
  return { changed: true, parts };
}

const asText = (v: unknown) => (v === null || v === undefined ? "" : String(v));

function partyText(p: AgreementSnapshot["parties"][number]): string {
  return [
    p.role,
    p.signatoryName,
    p.signatoryTitle,
    p.contributionCents === null ? null : String(p.contributionCents / 100),
    p.contributionInKind,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** An article's text as compared: its body, then the obligations written under it. */
function clauseText(c: AgreementSnapshot["clauses"][number] | undefined): string {
  if (!c) return "";
  const obligations = (c.obligations ?? [])
    .map((o) => `\n• ${o.party} : ${o.description}${o.dueDate ? ` (${o.dueDate})` : ""}`)
    .join("");
  return `${c.body}${obligations}`;
}

export function compareSnapshots(before: AgreementSnapshot, after: AgreementSnapshot): SectionDiff[] {
  const sections: SectionDiff[] = [];
  for (const field of DETAIL_FIELDS) {
    const a = asText(before[field]);
    const b = asText(after[field]);
    if (a === "" && b === "") continue;
    sections.push({ label: { kind: "field", field }, ...words(a, b) });
  }
  const partyCount = Math.max(before.parties.length, after.parties.length);
  for (let i = 0; i < partyCount; i++) {
    const a = before.parties[i];
    const b = after.parties[i];
    const name = (b ?? a)!.nameFr ?? (b ?? a)!.nameAr ?? "";
    sections.push({ label: { kind: "party", index: i, name }, ...words(a ? partyText(a) : "", b ? partyText(b) : "") });
  }
  const numbers = [...new Set([...before.clauses.map((c) => c.number), ...after.clauses.map((c) => c.number)])].sort(
    (x, y) => x - y,
  );
  for (const number of numbers) {
    const a = before.clauses.find((c) => c.number === number);
    const b = after.clauses.find((c) => c.number === number);
    const heading = words(a?.heading ?? "", b?.heading ?? "");
    const body = words(clauseText(a), clauseText(b));
    sections.push({
      label: { kind: "clause", number, heading: (b ?? a)!.heading },
      changed: heading.changed || body.changed,
      parts: [...heading.parts, { text: "\n", change: null }, ...body.parts],
    });
  }
  return sections;
}

/** What a changed section is called: a message (with its numbers) and, for a party or an article, its name. */
export interface SectionHeading {
  key: MessageKey;
  vars?: Record<string, number>;
  name?: string;
}

export function sectionHeading(label: SectionLabel): SectionHeading {
  switch (label.kind) {
    case "clause":
      return { key: "clauses.article", vars: { number: label.number }, name: label.heading };
    case "party":
      return { key: "agreement.parties", name: label.name };
    case "field":
      return { key: `versions.field.${label.field}` };
  }
}

/** The versions compared: those asked for, else the newest against the one before it. */
export function comparedPair(
  latest: number | undefined,
  query: { from?: number; to?: number },
): { from: number | null; to: number | null } {
  const to = query.to ?? latest;
  const from = query.from ?? (to !== undefined && to > 1 ? to - 1 : undefined);
  return { from: from ?? null, to: to ?? null };
}
