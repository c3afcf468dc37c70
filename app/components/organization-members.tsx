/**
 * An organization's members: role, last sign-in and status, and for those who manage them the
 * forms to change a role, remove someone (after a confirmation) or make a password reset link.
 * Which forms show comes from the loader (access.ts predicates), never decided here.
 */
import type { MembershipRole } from "../../db/schema";
import { Button } from "~/components/ui/button";
import { Badge } from "~/components/ui/card";
import { AppForm, Notice } from "~/components/ui/form";
import { isManagerRole } from "~/domain/access/access";
import { useI18n } from "~/lib/i18n/react";

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
  title: string | null;
  lastLoginAt: string | null;
  disabledAt: string | null;
  /** Roles the viewer may give (the member's own first); empty: no role form. */
  roles: MembershipRole[];
  canRemove: boolean;
  canResetLink: boolean;
}

const smallButton = "px-2 py-1 text-xs";

export function OrganizationMembers({ members }: { members: MemberRow[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <ul className="divide-y divide-slate-100" data-testid="members">
      {members.map((m) => (
        <li key={m.userId} className="space-y-2 py-3" data-member={m.email}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <p className="font-medium" dir="auto">
                {m.name}
              </p>
              <p className="break-all text-sm text-slate-500" dir="auto">
                {m.title ? `${m.title} · ` : ""}
                <span dir="ltr">{m.email}</span>
              </p>
              <p className="text-xs text-slate-500" suppressHydrationWarning>
                {m.lastLoginAt
                  ? t("members.lastLogin", { date: `\u2068${formatDateTime(m.lastLoginAt)}\u2069` })
                  : t("members.neverLoggedIn")}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-1">
              <Badge tone={isManagerRole(m.role) ? "green" : "slate"}>{t(`organization.role.${m.role}`)}</Badge>
              {m.disabledAt ? <Badge tone="red">{t("members.status.disabled")}</Badge> : null}
            </div>
          </div>
          {m.roles.length > 0 || m.canRemove || m.canResetLink ? (
            <div className="flex flex-wrap items-center gap-2">
              {m.roles.length > 0 ? (
                <AppForm className="flex items-center gap-1">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <label className="sr-only" htmlFor={`role-${m.userId}`}>
                    {t("members.roleOf", { name: m.name })}
                  </label>
                  <select
                    id={`role-${m.userId}`}
                    name="role"
                    defaultValue={m.role}
                    className="rounded-md border-0 py-1 ps-2 pe-8 text-sm ring-1 ring-inset ring-slate-300"
                  >
                    {m.roles.map((r) => (
                      <option key={r} value={r}>
                        {t(`organization.role.${r}`)}
                      </option>
                    ))}
                  </select>
                  <Button variant="secondary" className={smallButton}>
                    {t("members.role.save")}
                  </Button>
                </AppForm>
              ) : null}
              {m.canResetLink ? (
                <AppForm>
                  <input type="hidden" name="intent" value="reset-link" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <Button variant="secondary" className={smallButton}>
                    {t("reset.makeLink")}
                  </Button>
                </AppForm>
              ) : null}
              {m.canRemove ? (
                <details className="group">
                  <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-xs font-semibold text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50">
                    {t("members.remove")}
                  </summary>
                  <AppForm className="mt-2 space-y-2 rounded-md bg-red-50 p-2 text-sm text-red-900">
                    <p>{t("members.removeConfirm", { name: `\u2068${m.name}\u2069` })}</p>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <Button variant="danger" className={smallButton}>
                      {t("members.removeSubmit")}
                    </Button>
                  </AppForm>
                </details>
              ) : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A reset link just made by hand: shown once, to copy and hand over. */
export function ResetLinkNotice({ name, link }: { name: string; link: string }) {
  const { t } = useI18n();
  return (
    <div className="mb-3">
      <Notice>
        <p>{t("reset.linkMade", { name: `\u2068${name}\u2069` })}</p>
        <input
          readOnly
          value={link}
          data-testid="reset-link"
          aria-label={t("invitation.copy")}
          className="mt-2 w-full rounded border border-brand-100 bg-white px-2 py-1 font-mono text-xs"
          dir="ltr"
        />
      </Notice>
    </div>
  );
}
