/** The organization's stamp (printed on its signed agreements), and the upload for those who manage it. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { FileField } from "~/components/ui/file-field";
import { AppForm, Notice } from "~/components/ui/form";
import type { OrganizationPageView } from "~/domain/organization/organization-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function StampCard({
  organization,
  canManage,
  saved,
  failure,
}: {
  organization: OrganizationPageView["organization"];
  canManage: boolean;
  saved: boolean;
  failure: ActionFailure | null;
}) {
  const { t } = useI18n();
  return (
    <Card title={t("stamp.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("stamp.intro")}</p>
      {organization.stampAttachmentId ? (
        <img
          src={`/organizations/${organization.id}/stamp`}
          alt={t("stamp.title")}
          className="mb-3 h-28 w-28 rounded border border-slate-200 object-contain"
          data-testid="stamp"
        />
      ) : (
        <p className="mb-3 text-sm text-slate-500">{t("stamp.none")}</p>
      )}
      {saved ? <Notice>{t("stamp.saved")}</Notice> : null}
      {canManage ? (
        <AppForm encType="multipart/form-data" failure={failure} className="mt-3 space-y-2">
          <input type="hidden" name="intent" value="stamp" />
          <FileField
            id="stamp"
            label={t("stamp.file")}
            name="stamp"
            accept="image/png,image/jpeg"
            required
            hint={t("stamp.hint")}
            error={failure?.fieldErrors.stamp}
          />
          <Button variant="secondary">{t("stamp.upload")}</Button>
        </AppForm>
      ) : null}
    </Card>
  );
}
