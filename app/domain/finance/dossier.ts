/**
 * An organization's dossier, pure: its standing documents, the current one of each kind (a new one
 * supersedes the previous), and whether the whole is complete and valid today — one current,
 * unexpired document of each required kind — with what expires soon.
 */
import type { DossierKind } from "../../../db/schema";
import { addDaysTo } from "~/lib/time";

export const DOSSIER_KINDS = [
  "registration_receipt",
  "statutes",
  "general_assembly_minutes",
  "board_list",
  "tax_certificate",
  "bank_certificate",
] as const satisfies readonly DossierKind[];

/** What a partner checks before paying: every kind of the association's standing documents. */
export const REQUIRED_KINDS: readonly DossierKind[] = DOSSIER_KINDS;

/** Days before its expiry that a document is announced as expiring. */
export const EXPIRY_NOTICE_DAYS = 30;

export interface DocumentFacts {
  kind: DossierKind;
  expiresOn: string | null;
  supersededAt: string | null;
}

export function isExpired(doc: { expiresOn: string | null }, today: string): boolean {
  return doc.expiresOn !== null && doc.expiresOn < today;
}

/** Still valid, but expiring within the notice period. */
export function expiresSoon(doc: { expiresOn: string | null }, today: string): boolean {
  return doc.expiresOn !== null && doc.expiresOn >= today && doc.expiresOn <= addDaysTo(today, EXPIRY_NOTICE_DAYS);
}

/** One kind's standing on the dossier page: its current document's state, or missing. */
export type DocumentState = "valid" | "expiring" | "expired" | "missing";

export function documentState(doc: { expiresOn: string | null } | null, today: string): DocumentState {
  if (!doc) return "missing";
  if (isExpired(doc, today)) return "expired";
  return expiresSoon(doc, today) ? "expiring" : "valid";
}

export interface DossierStatus {
  /** One current document of each required kind. */
  complete: boolean;
  /** Complete, and none of them expired. */
  valid: boolean;
  missing: DossierKind[];
  expired: DossierKind[];
  expiringSoon: DossierKind[];
}

export function dossierStatus(documents: readonly DocumentFacts[], today: string): DossierStatus {
  const current = documents.filter((d) => d.supersededAt === null);
  const missing = REQUIRED_KINDS.filter((k) => !current.some((d) => d.kind === k));
  const expired = current.filter((d) => isExpired(d, today)).map((d) => d.kind);
  const expiringSoon = current.filter((d) => expiresSoon(d, today)).map((d) => d.kind);
  return {
    complete: missing.length === 0,
    valid: missing.length === 0 && expired.length === 0,
    missing,
    expired,
    expiringSoon,
  };
}

/** A 24-digit RIB as banks print it: bank (3), city (3), account (16), key (2). */
export function formatRib(rib: string): string {
  const d = rib.replace(/\D/g, "");
  return d.length === 24 ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 22)} ${d.slice(22)}` : rib;
}
