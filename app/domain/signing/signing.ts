/**
 * Signing rules, pure: who may sign for which party now, and when everyone has signed.
 *
 * What a signature here is, said honestly: a simple electronic signature (law 43-20's simple
 * level, eIDAS "SES") with a tamper-evident record — the signed text's SHA-256, who, when,
 * from which IP and browser, in a hash-chained audit log. No advanced or qualified level.
 */
import type { PartyRole } from "../../../db/schema";

export type SigningOrder = "any" | "association_first";

export interface SigningParty {
  id: string;
  role: PartyRole;
  signatoryUserId: string | null;
  signed: boolean;
}

/** Whether the party's turn has come under the agreement's signing order. */
export function turnHasCome(party: SigningParty, parties: readonly SigningParty[], order: SigningOrder): boolean {
  if (order === "any" || party.role === "association") return true;
  return parties.filter((p) => p.role === "association").every((p) => p.signed);
}

export type SignCheck = { ok: true } | { ok: false; reason: "notSignatory" | "alreadySigned" | "notYourTurn" };

/** May this user sign for this party now? */
export function checkCanSign(
  userId: string,
  party: SigningParty,
  parties: readonly SigningParty[],
  order: SigningOrder,
): SignCheck {
  if (party.signatoryUserId !== userId) return { ok: false, reason: "notSignatory" };
  if (party.signed) return { ok: false, reason: "alreadySigned" };
  if (!turnHasCome(party, parties, order)) return { ok: false, reason: "notYourTurn" };
  return { ok: true };
}

/** The parties this user signs for (signed or not), in order. */
export function partiesOf(userId: string, parties: readonly SigningParty[]): SigningParty[] {
  return parties.filter((p) => p.signatoryUserId === userId);
}

export function everyoneSigned(parties: readonly SigningParty[]): boolean {
  return parties.length > 0 && parties.every((p) => p.signed);
}

/** A PNG data URL from the drawing canvas, within a size limit; anything else is refused. */
export function isAcceptableDrawing(value: string, maxLength = 300_000): boolean {
  return value.length <= maxLength && /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/.test(value);
}
