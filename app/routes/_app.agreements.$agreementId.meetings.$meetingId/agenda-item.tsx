/**
 * One agenda item: its title and order, its outcomes and action items, and — while the meeting is
 * held — the forms to record an outcome or an action item under it.
 */
import { ActionItemList } from "~/components/action-items";
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";
import { Outcomes } from "./outcomes";
import type { ForIntent, MeetingView } from "./types";

export function AgendaItem({
  d,
  item,
  index,
  forIntent,
}: {
  d: MeetingView;
  item: MeetingView["agenda"][number];
  index: number;
  forIntent: ForIntent;
}) {
  const { t } = useI18n();
  return (
    <li id={`item-${item.id}`} className="rounded-md p-3 ring-1 ring-slate-200" data-source={item.source ?? "manual"}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="font-medium" dir="auto">
          {index + 1}. {item.title}
        </h3>
        {d.rights.agenda ? (
          <div className="flex gap-1">
            {(["up", "down"] as const).map((direction) => (
              <AppForm key={direction}>
                <input type="hidden" name="intent" value="moveAgendaItem" />
                <input type="hidden" name="itemId" value={item.id} />
                <input type="hidden" name="direction" value={direction} />
                <Button
                  variant="ghost"
                  className="px-2 py-1"
                  aria-label={t(direction === "up" ? "clauses.moveUp" : "clauses.moveDown")}
                  disabled={direction === "up" ? index === 0 : index === d.agenda.length - 1}
                >
                  {direction === "up" ? "↑" : "↓"}
                </Button>
              </AppForm>
            ))}
            {item.outcomes.length === 0 && item.actionItems.length === 0 ? (
              <AppForm>
                <input type="hidden" name="intent" value="removeAgendaItem" />
                <input type="hidden" name="itemId" value={item.id} />
                <Button variant="ghost" className="px-2 py-1 text-red-700" aria-label={t("agenda.remove")}>
                  ×
                </Button>
              </AppForm>
            ) : null}
          </div>
        ) : null}
      </div>
      {item.html ? <Markdown html={item.html} className="text-sm text-slate-700" /> : null}
      <Outcomes outcomes={item.outcomes} />
      {item.actionItems.length ? (
        <div className="mt-2">
          <ActionItemList items={item.actionItems} agreementId={d.agreementId} failure={forIntent("closeActionItem")} />
        </div>
      ) : null}
      {d.rights.record ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <OutcomeForm item={item} forIntent={forIntent} />
          <ActionItemForm d={d} item={item} forIntent={forIntent} />
        </div>
      ) : null}
    </li>
  );
}

type Item = MeetingView["agenda"][number];

function OutcomeForm({ item, forIntent }: { item: Item; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failed = forIntent("addOutcome", item.id);
  return (
    // Keyed by count: after a success the form comes back closed and empty.
    <details key={`outcome-${item.outcomes.length}`} open={!!failed}>
      <summary className="cursor-pointer text-sm text-brand-700">{t("outcome.add")}</summary>
      <AppForm failure={failed} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="addOutcome" />
        <input type="hidden" name="agendaItemId" value={item.id} />
        <SelectField
          label={t("outcome.kind")}
          name="kind"
          defaultValue={typed(failed?.values, "kind", "decision")}
          options={[
            { value: "decision", label: t("outcome.decision") },
            { value: "information", label: t("outcome.information") },
          ]}
        />
        <TextAreaField
          label={t("outcome.text")}
          name="body"
          rows={3}
          maxLength={5000}
          required
          defaultValue={typed(failed?.values, "body")}
          error={failed?.fieldErrors.body}
        />
        <FormError failure={failed} />
        <Button variant="secondary">{t("outcome.save")}</Button>
      </AppForm>
    </details>
  );
}

function ActionItemForm({ d, item, forIntent }: { d: MeetingView; item: Item; forIntent: ForIntent }) {
  const { t, locale } = useI18n();
  const failed = forIntent("addActionItem", item.id);
  const ownerOptions = d.owners.map((o) => ({
    value: o.value,
    label: o.party ? `${t("actionItems.wholeParty")} ${displayName(o.party, locale)}` : (o.name ?? ""),
  }));
  const linkOptions = [
    { value: "", label: t("actionItems.noLink") },
    ...d.links.map((l) => ({
      value: `${l.kind}:${l.id}`,
      label: `${t(`actionItems.link.${l.kind}`)} · ${l.label.slice(0, 80)}`,
    })),
  ];
  return (
    <details key={`action-${item.actionItems.length}`} open={!!failed}>
      <summary className="cursor-pointer text-sm text-brand-700">{t("actionItems.add")}</summary>
      <AppForm failure={failed} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="addActionItem" />
        <input type="hidden" name="agendaItemId" value={item.id} />
        <TextField
          label={t("actionItems.titleLabel")}
          name="title"
          required
          maxLength={500}
          defaultValue={typed(failed?.values, "title")}
          error={failed?.fieldErrors.title}
        />
        <SelectField
          label={t("actionItems.owner")}
          name="owner"
          defaultValue={typed(failed?.values, "owner")}
          error={failed?.fieldErrors.owner}
          options={ownerOptions}
        />
        <TextField
          label={t("actionItems.dueDate")}
          name="dueDate"
          type="date"
          optional
          defaultValue={typed(failed?.values, "dueDate")}
          error={failed?.fieldErrors.dueDate}
        />
        <SelectField
          label={t("actionItems.linkLabel")}
          name="link"
          optional
          defaultValue={typed(failed?.values, "link")}
          error={failed?.fieldErrors.link}
          options={linkOptions}
        />
        <FormError failure={failed} />
        <Button variant="secondary">{t("actionItems.add")}</Button>
      </AppForm>
    </details>
  );
}
