/**
 * The domain's one result vocabulary. A command either succeeds (`{ ok: true, … }`) or is refused
 * for a reason a user can understand; routes translate each kind of refusal to HTTP in one place.
 * - `not_found`: the record does not exist or the actor may not see it (answered 404, never 403,
 *   so that another organization learns nothing);
 * - `conflict`: someone changed the record since the form was loaded (optimistic version);
 * - `rule`: a rule of the domain forbids it now, with every blocker as a message key.
 */
import type { GuardError } from "./agreement/lifecycle";

export type { GuardError };

export type Refusal =
  | { ok: false; error: "not_found" }
  | { ok: false; error: "conflict" }
  | { ok: false; error: "rule"; errors: GuardError[] };

export const NOT_FOUND = { ok: false, error: "not_found" } as const satisfies Refusal;
export const CONFLICT = { ok: false, error: "conflict" } as const satisfies Refusal;

/** A refusal by the rules, with each blocker as a message key. */
export function ruleBroken(...errors: GuardError[]): Refusal {
  return { ok: false, error: "rule", errors };
}
