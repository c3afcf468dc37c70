/** The members card: what was just done (a role changed, someone removed, a reset link made), then the list. */
import { OrganizationMembers, ResetLinkNotice, type MemberRow } from "~/components/organization-members";
import { Card } from "~/components/ui/card";
import { FormError, Notice } from "~/components/ui/form";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function MembersCard({
  members,
  done,
  resetLink,
  failure,
}: {
  members: MemberRow[];
  /** The notice of a role just changed or a member just removed. */
  done: string | null;
  resetLink: { name: string; link: string } | null;
  failure: ActionFailure | null;
}) {
  const { t } = useI18n();
  return (
    <Card title={t("organization.members")}>
      {done ? <Notice>{done}</Notice> : null}
      {resetLink ? <ResetLinkNotice name={resetLink.name} link={resetLink.link} /> : null}
      {failure ? <FormError failure={failure} /> : null}
      {members.length === 0 ? (
        <p className="text-sm text-slate-600">{t("organization.noMembers")}</p>
      ) : (
        <OrganizationMembers members={members} />
      )}
    </Card>
  );
}
