/** The meeting's next step (start, close, or reopen with a reason), as offered by meetingSteps. */
import type { MeetingMove } from "~/domain/committee/committee";
import type { MeetingStatus } from "../../../db/schema";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { useI18n } from "~/lib/i18n/react";
import type { ForIntent } from "./types";

export function MeetingSteps({
  status,
  steps,
  forIntent,
}: {
  status: MeetingStatus;
  steps: readonly MeetingMove[];
  forIntent: ForIntent;
}) {
  const { t } = useI18n();
  if (!steps.length) return null;
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-md bg-white p-3 ring-1 ring-slate-200">
      {steps.map((move) => {
        const failed = forIntent(move);
        return (
          <AppForm key={move} failure={failed} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value={move} />
            {move === "reopen" ? (
              <TextField
                label={t("meeting.reopenReason")}
                name="reason"
                required
                maxLength={1000}
                defaultValue={typed(failed?.values, "reason")}
              />
            ) : null}
            <Button variant={move === "reopen" ? "secondary" : "primary"}>{t(`meeting.move.${move}`)}</Button>
            {failed ? <FormError failure={failed} /> : null}
          </AppForm>
        );
      })}
      <p className="text-sm text-slate-600">{t(`meeting.stepHint.${status}`)}</p>
    </div>
  );
}
