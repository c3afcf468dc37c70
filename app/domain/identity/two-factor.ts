/**
 * Two-factor sign-in rules, pure. A platform administrator must use it, and so must the presidents
 * and admins of an organization that requires it. Demo accounts are exempt: they sign in only from
 * the server's own machine (app/domain/demo/demo.ts) and the browser tests sign in with them.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
export const TWO_FACTOR_SETUP_PATH = "/account/security";

export function twoFactorRequired(user: { isPlatformAdmin: boolean; isDemo: boolean; strictOrganization: boolean }) {
  return !user.isDemo && (user.isPlatformAdmin || user.strictOrganization);
}

/** Pages open to someone who must first set two-factor sign-in up: its page, and logging out. */
export function mustSetUpTwoFactor(
  user: { twoFactorRequired: boolean; twoFactorEnabled: boolean },
  pathname: string,
): boolean {
  return (
    user.twoFactorRequired && !user.twoFactorEnabled && pathname !== TWO_FACTOR_SETUP_PATH && pathname !== "/logout"
  );
}

/** What a person types at the second step: six digits, or a recovery code (letters and digits, dashes ignored). */
export function normalizeCode(code: string): { kind: "totp" | "recovery"; value: string } | null {
  const compact = code.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", value: compact };
  if (/^[a-z0-9]{10}$/.test(compact)) return { kind: "recovery", value: compact };
  return null;
}
