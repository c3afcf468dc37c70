/** The plan's adopted versions, and the comparison of two of them. */
import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { DateText } from "~/components/ui/formatted";
import { useI18n } from "~/lib/i18n/react";
import { MeetingLink } from "./meeting-link";
import type { PlanView } from "./types";

const CHANGE_STYLE = {
  added: "text-green-800",
  removed: "text-red-800 line-through",
  changed: "text-amber-800",
} as const;

export function Versions({ d }: { d: PlanView }) {
  const { t } = useI18n();
  return (
    <Card title={t("plan.versions")}>
      <ul className="mb-3 space-y-1 text-sm">
        {d.versions.map((v) => (
          <li key={v.revision}>
            {t("versions.number", { number: v.revision })} · <DateText value={v.adoptedOn} style="medium" />
            {v.meetingId ? (
              <>
                {" · "}
                <MeetingLink agreementId={d.agreementId} meetings={d.meetings} id={v.meetingId} />
              </>
            ) : null}
            {v.meeting ? (
              <>
                {" "}
                · <bdi>{v.meeting}</bdi>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {d.versions.length > 1 ? (
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="year" value={d.year} />
          <select
            name="from"
            defaultValue={d.comparison?.from}
            className="rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
            aria-label={t("versions.from")}
          >
            {d.versions.map((v) => (
              <option key={v.revision} value={v.revision}>
                {t("versions.number", { number: v.revision })}
              </option>
            ))}
          </select>
          <select
            name="to"
            defaultValue={d.comparison?.to}
            className="rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
            aria-label={t("versions.to")}
          >
            {d.versions.map((v) => (
              <option key={v.revision} value={v.revision}>
                {t("versions.number", { number: v.revision })}
              </option>
            ))}
          </select>
          <Button variant="secondary" className="px-3 py-1">
            {t("versions.compare")}
          </Button>
        </Form>
      ) : null}
      {d.comparison ? (
        <ul className="mt-3 space-y-1 text-sm" data-testid="plan-comparison">
          {d.comparison.changes.length === 0 ? <li>{t("plan.noChange")}</li> : null}
          {d.comparison.changes.map((c, i) => (
            <li key={i} className={CHANGE_STYLE[c.kind]}>
              {t(`plan.change.${c.kind}`)} <bdi>{c.objective}</bdi>
              {c.fields.length ? (
                <> ({c.fields.map((f) => t(`plan.field.${f}` as "plan.field.endDate")).join(", ")})</>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
