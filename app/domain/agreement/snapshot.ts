/**
 * The canonical content of an agreement's text — what is frozen as a version, compared,
 * signed and hashed: its details, its parties, its numbered articles, its budget and its tranche
 * schedule. Pure.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/audit";

export interface AgreementSnapshot {
  reference: string;
  kind: string;
  title: string;
  titleSecondary: string | null;
  purpose: string;
  territory: string | null;
  signingPlace: string | null;
  effectiveDate: string | null;
  endDate: string | null;
  durationMonths: number | null;
  tacitRenewal: boolean;
  renewalNoticeDays: number | null;
  currency: string;
  totalBudgetCents: number | null;
  parties: Array<{
    nameFr: string | null;
    nameAr: string | null;
    role: string;
    signatoryName: string | null;
    signatoryTitle: string | null;
    contributionCents: number | null;
    contributionInKind: string | null;
  }>;
  /** Articles, each with the obligations written under it (omitted when none, so older versions hash the same). */
  clauses: Array<{ number: number; heading: string; body: string; obligations?: SnapshotObligation[] }>;
  /** Obligations attached to no article. */
  obligations?: SnapshotObligation[];
  /** The budget: its lines and who funds them (omitted when it has no line, so older texts hash the same). */
  budget?: { reallocationLimitBp: number; lines: SnapshotBudgetLine[] };
  /** The funding tranches' schedule (omitted when empty). */
  tranches?: SnapshotTranche[];
}

export interface SnapshotBudgetLine {
  number: number;
  category: string;
  description: string;
  /** The plan action it serves, by its objective. */
  action: string | null;
  shares: Array<{
    party: string;
    kind: string;
    amountMinor: number;
    hours: number | null;
    hourlyRateMinor: number | null;
    /** The deliverable that carries an in-kind share, by its title. */
    deliverable: string | null;
    note: string | null;
  }>;
}

export interface SnapshotTranche {
  number: number;
  payer: string;
  receiver: string;
  amountMinor: number;
  currency: string;
  plannedOn: string | null;
  condition: string;
  /** What the condition names: a deliverable's title, or "meeting/decision" numbers. */
  conditionOn: string | null;
  graceDays: number;
}

export interface SnapshotObligation {
  party: string;
  description: string;
  dueDate: string | null;
  recurrence: string;
}

export function serializeSnapshot(snapshot: AgreementSnapshot): string {
  return canonicalJson(snapshot);
}

export function snapshotHash(serialized: string): string {
  return createHash("sha256").update(serialized, "utf8").digest("hex");
}
