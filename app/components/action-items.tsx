/** A list of action items with their owner, due date and meeting; owners close them from here. */
import { Link } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { DateText } from "~/components/ui/formatted";
import type { ActionItemView } from "~/domain/committee/committee";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export type { ActionItemView };

const STATUS_TONE = { open: "blue", done: "green", cancelled: "slate" } as const;

export function ActionItemList({
  items,
  agreementId,
  failure,
  showMeeting = false,
  action,
}: {
  items: readonly ActionItemView[];
  agreementId?: string;
  failure?: ActionFailure | null;
  showMeeting?: boolean;
  /** Where the close form posts (defaults to the current page). */
  action?: (item: ActionItemView) => string | undefined;
}) {
  const { t, locale } = useI18n();
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("actionItems.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="action-items">
      {items.map((a) => {
        const owner = a.ownerName ?? displayName({ nameFr: a.ownerNameFr, nameAr: a.ownerNameAr }, locale);
        const closeFailure = failure && failure.values.actionItemId === a.id ? failure : null;
        const agreement = a.agreement?.id ?? agreementId;
        return (
          <li key={a.id} className="py-3" data-status={a.status} data-overdue={a.overdue ? "true" : "false"}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="font-medium" dir="auto">
                  {a.title}
                </p>
                <p className="text-sm text-slate-600">
                  <bdi>{owner}</bdi>
                  {a.ownerLeft ? (
                    <span className="ms-1 rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
                      {t("members.left")}
                    </span>
                  ) : null}
                  {a.dueDate ? (
                    <>
                      {" · "}
                      {t("actionItems.due")} <DateText value={a.dueDate} style="medium" />
                    </>
                  ) : null}
                  {showMeeting && agreement ? (
                    <>
                      {" · "}
                      <Link
                        to={`/agreements/${agreement}/meetings/${a.meetingId}`}
                        className="text-brand-700 hover:underline"
                      >
                        {t("meeting.title", { number: a.meetingNumber })}
                      </Link>
                    </>
                  ) : null}
                </p>
                {a.link ? (
                  <p className="text-xs text-slate-500" data-testid="action-item-link">
                    {t("actionItems.linkLabel")} — {t(`actionItems.link.${a.link.kind}`)} · <bdi>{a.link.label}</bdi>
                  </p>
                ) : null}
                {a.agreement ? (
                  <p className="text-xs text-slate-500">
                    <Link to={`/agreements/${a.agreement.id}/committee`} className="hover:underline">
                      <span dir="ltr">{a.agreement.reference}</span> · <bdi>{a.agreement.title}</bdi>
                    </Link>
                  </p>
                ) : null}
                {a.closedNote ? (
                  <p className="mt-1 text-sm text-slate-600" dir="auto">
                    {a.closedNote}
                  </p>
                ) : null}
              </div>
              <div className="flex gap-1">
                {a.overdue ? <Badge tone="red">{t("obligations.overdue")}</Badge> : null}
                <Badge tone={STATUS_TONE[a.status]}>{t(`actionItems.status.${a.status}`)}</Badge>
              </div>
            </div>
            {a.canClose ? (
              <details className="mt-2" open={!!closeFailure}>
                <summary className="cursor-pointer text-sm text-brand-700">{t("actionItems.close")}</summary>
                <AppForm failure={closeFailure} action={action?.(a)} className="mt-2 grid gap-2 sm:grid-cols-3">
                  <input type="hidden" name="intent" value="closeActionItem" />
                  <input type="hidden" name="actionItemId" value={a.id} />
                  <input type="hidden" name="version" value={a.version} />
                  {a.agreement ? <input type="hidden" name="agreementId" value={a.agreement.id} /> : null}
                  <SelectField
                    label={t("actionItems.outcome")}
                    name="to"
                    defaultValue={typed(closeFailure?.values, "to", "done")}
                    options={[
                      { value: "done", label: t("actionItems.status.done") },
                      { value: "cancelled", label: t("actionItems.status.cancelled") },
                    ]}
                  />
                  <div className="sm:col-span-2">
                    <TextField
                      label={t("actionItems.note")}
                      name="note"
                      optional
                      maxLength={2000}
                      defaultValue={typed(closeFailure?.values, "note")}
                      error={closeFailure?.fieldErrors.note}
                    />
                  </div>
                  <div className="sm:col-span-3">
                    <FormError failure={closeFailure} />
                    <Button variant="secondary">{t("actionItems.closeButton")}</Button>
                  </div>
                </AppForm>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
