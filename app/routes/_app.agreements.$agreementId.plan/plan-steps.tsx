/** The plan's next steps (submit, adopt at a meeting or on a date, return to draft, revise), as planSteps offers them. */
import { Button } from "~/components/ui/button";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { PlanMove } from "~/domain/plan/plan";
import { useI18n } from "~/lib/i18n/react";
import type { ForIntent, PlanView } from "./types";

export function PlanSteps({
  steps,
  meetings,
  forIntent,
}: {
  steps: readonly PlanMove[];
  /** The committee's meetings already held, latest first. */
  meetings: PlanView["meetings"];
  forIntent: ForIntent;
}) {
  const { t, formatDate } = useI18n();
  return (
    <div className="space-y-3">
      {steps.map((move) => {
        const failed = forIntent(move);
        return (
          <AppForm key={move} failure={failed} className="space-y-2">
            <input type="hidden" name="intent" value={move} />
            {move === "adopt" ? (
              <>
                {meetings.length ? (
                  <SelectField
                    label={t("plan.adoptedAtMeeting")}
                    name="meetingId"
                    optional
                    defaultValue={typed(failed?.values, "meetingId", meetings[0]!.id)}
                    error={failed?.fieldErrors.meetingId}
                    options={[
                      ...meetings.map((m) => ({
                        value: m.id,
                        label: `${t("meeting.title", { number: m.number })} · ${formatDate(m.startsAt, "medium")}`,
                      })),
                      { value: "", label: t("plan.otherMeeting") },
                    ]}
                  />
                ) : null}
                <TextField
                  label={t("plan.adoptedOnLabel")}
                  name="adoptedOn"
                  type="date"
                  optional={meetings.length > 0}
                  required={meetings.length === 0}
                  hint={meetings.length ? t("plan.adoptedOnHint") : undefined}
                  defaultValue={typed(failed?.values, "adoptedOn")}
                  error={failed?.fieldErrors.adoptedOn}
                />
                <TextField
                  label={t("plan.meeting")}
                  name="meeting"
                  optional
                  maxLength={200}
                  hint={t("plan.meetingHint")}
                  defaultValue={typed(failed?.values, "meeting")}
                />
              </>
            ) : null}
            {failed ? <FormError failure={failed} /> : null}
            <Button
              variant={move === "returnToDraft" || move === "revise" ? "secondary" : "primary"}
              className="w-full"
            >
              {t(`plan.move.${move}`)}
            </Button>
          </AppForm>
        );
      })}
    </div>
  );
}
