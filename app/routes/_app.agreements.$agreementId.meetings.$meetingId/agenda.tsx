/** The agenda card: its items in order (see agenda-item.tsx), what was recorded outside them, and a new item. */
import { ActionItemList } from "~/components/action-items";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { useI18n } from "~/lib/i18n/react";
import { AgendaItem } from "./agenda-item";
import { Outcomes } from "./outcomes";
import type { ForIntent, MeetingView } from "./types";

export function Agenda({ d, forIntent }: { d: MeetingView; forIntent: ForIntent }) {
  const { t } = useI18n();
  const addFailure = forIntent("addAgendaItem");
  return (
    <Card title={t("agenda.title")}>
      <ol className="space-y-4" id="agenda" data-testid="agenda">
        {d.agenda.map((item, index) => (
          <AgendaItem key={item.id} d={d} item={item} index={index} forIntent={forIntent} />
        ))}
      </ol>
      {d.agenda.length === 0 ? <p className="text-sm text-slate-600">{t("agenda.empty")}</p> : null}
      {d.otherOutcomes.length || d.otherActionItems.length ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="text-sm font-semibold">{t("agenda.other")}</h3>
          <Outcomes outcomes={d.otherOutcomes} />
          <ActionItemList
            items={d.otherActionItems}
            agreementId={d.agreementId}
            failure={forIntent("closeActionItem")}
          />
        </div>
      ) : null}
      {d.rights.agenda ? (
        <details key={`agenda-${d.agenda.length}`} className="mt-4" open={!!addFailure}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("agenda.add")}</summary>
          <AppForm failure={addFailure} className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="addAgendaItem" />
            <TextField
              label={t("agenda.itemTitle")}
              name="title"
              required
              maxLength={300}
              defaultValue={typed(addFailure?.values, "title")}
              error={addFailure?.fieldErrors.title}
            />
            <TextAreaField
              label={t("agenda.itemBody")}
              name="body"
              rows={3}
              maxLength={20_000}
              optional
              hint={t("agreement.field.markdownHint")}
              defaultValue={typed(addFailure?.values, "body")}
              error={addFailure?.fieldErrors.body}
            />
            <FormError failure={addFailure} />
            <Button variant="secondary">{t("agenda.add")}</Button>
          </AppForm>
        </details>
      ) : null}
    </Card>
  );
}
