/** The agreement's amendments (avenants), and the form to make one when it may be amended (canBeAmended). */
import { Link } from "@remix-run/react";
import { StatusBadge } from "~/components/agreement-status";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { AgreementOverview } from "~/domain/agreement/overview-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function AmendmentsCard({
  amendments: { shown, list, canAmend },
  failure,
}: {
  amendments: AgreementOverview["amendments"];
  failure: ActionFailure | null;
}) {
  const { t } = useI18n();
  if (!shown || (list.length === 0 && !canAmend)) return null;
  return (
    <Card title={t("agreement.amendments")}>
      <ul className="space-y-2">
        {list.map((am) => (
          <li key={am.id} className="flex items-center justify-between gap-2 text-sm">
            <Link to={`/agreements/${am.id}`} className="text-brand-700 hover:underline">
              <span dir="ltr">{am.reference}</span> · <bdi>{am.title}</bdi>
            </Link>
            <StatusBadge status={am.status} />
          </li>
        ))}
      </ul>
      {canAmend ? (
        <AppForm failure={failure} className="mt-4 space-y-3">
          <p className="text-sm text-slate-600">{t("agreement.amend.intro")}</p>
          <input type="hidden" name="intent" value="amend" />
          <TextField
            label={t("agreement.amend.title")}
            name="title"
            required
            maxLength={300}
            defaultValue={typed(failure?.values, "title")}
            error={failure?.fieldErrors.title}
          />
          <TextField
            label={t("agreement.amend.newEndDate")}
            name="amendsEndDate"
            type="date"
            optional
            defaultValue={typed(failure?.values, "amendsEndDate")}
            error={failure?.fieldErrors.amendsEndDate}
          />
          <FormError failure={failure} />
          <Button variant="secondary">{t("agreement.amend.submit")}</Button>
        </AppForm>
      ) : null}
    </Card>
  );
}
