/**
 * Inviting someone (email, role, job title), the link of an invitation just made or sent again,
 * and the invitations pending with, for those the reader may manage, resend and revoke.
 */
import { useNavigation } from "@remix-run/react";
import type { MembershipRole } from "../../../db/schema";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, Notice, typed } from "~/components/ui/form";
import { INVITATION_VALID_DAYS } from "~/domain/invitation/invitation";
import type { OrganizationPageView } from "~/domain/organization/organization-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

type Invitation = OrganizationPageView["invitations"][number];

export function InvitationsCard({
  roles,
  invitations,
  invited,
  resent,
  failure,
}: {
  roles: MembershipRole[];
  invitations: Invitation[];
  invited: { email: string; link: string; emailed: boolean } | null;
  resent: { email: string; link: string; emailed: boolean } | null;
  failure: ActionFailure | null;
}) {
  const { t, formatDate } = useI18n();
  const navigation = useNavigation();
  return (
    <Card title={t("invitation.title")}>
      <p className="mb-4 text-sm text-slate-600">{t("invitation.intro", { days: INVITATION_VALID_DAYS })}</p>
      {invited ? (
        <Notice>
          <p>{t(invited.emailed ? "invitation.emailed" : "invitation.created", { email: invited.email })}</p>
          <InvitationLink link={invited.link} />
        </Notice>
      ) : null}
      <AppForm failure={failure} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="invite" />
        <TextField
          label={t("invitation.email")}
          name="email"
          type="email"
          required
          maxLength={254}
          dir="ltr"
          key={invited ? invited.link : "invite-email"}
          defaultValue={typed(failure?.values, "email")}
          error={failure?.fieldErrors.email}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t("organization.role")}
            name="role"
            defaultValue={typed(failure?.values, "role", "member")}
            error={failure?.fieldErrors.role}
            options={roles.map((r) => ({ value: r, label: t(`organization.role.${r}`) }))}
          />
          <TextField
            label={t("organization.jobTitle")}
            name="title"
            maxLength={120}
            optional
            hint={t("organization.jobTitleHint")}
            defaultValue={typed(failure?.values, "title")}
            error={failure?.fieldErrors.title}
          />
        </div>
        <FormError failure={failure} />
        <Button disabled={navigation.state === "submitting"}>{t("invitation.submit")}</Button>
      </AppForm>
      {resent ? (
        <div className="mt-4">
          <Notice>
            <p>
              {t(resent.emailed ? "invitation.resentEmailed" : "invitation.resent", {
                email: resent.email,
                days: INVITATION_VALID_DAYS,
              })}
            </p>
            <InvitationLink link={resent.link} />
          </Notice>
        </div>
      ) : null}
      {invitations.length > 0 ? (
        <div className="mt-6">
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("invitation.pending")}</h3>
          <ul className="divide-y divide-slate-100" data-testid="pending-invitations">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <span dir="ltr">{inv.email}</span> · {t(`organization.role.${inv.role}`)} ·{" "}
                  <span suppressHydrationWarning>{t("invitation.expires", { date: formatDate(inv.expiresAt) })}</span>
                </span>
                {inv.canManage ? (
                  <span className="flex gap-1">
                    <AppForm>
                      <input type="hidden" name="intent" value="resend" />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <Button variant="secondary" className="px-2 py-1 text-xs">
                        {t("invitation.resend")}
                      </Button>
                    </AppForm>
                    <AppForm>
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <Button variant="danger" className="px-2 py-1 text-xs">
                        {t("invitation.revoke")}
                      </Button>
                    </AppForm>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

/** An invitation's link, to copy and hand over. */
function InvitationLink({ link }: { link: string }) {
  const { t } = useI18n();
  return (
    <input
      readOnly
      value={link}
      data-testid="invitation-link"
      aria-label={t("invitation.copy")}
      className="mt-2 w-full rounded border border-brand-100 bg-white px-2 py-1 font-mono text-xs"
      dir="ltr"
    />
  );
}
