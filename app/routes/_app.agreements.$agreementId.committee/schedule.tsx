/** Scheduling the next meeting: date, time and zone (Morocco first), duration, place or link. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { DEFAULT_TIME_ZONE } from "~/domain/committee/committee";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

/** Zones offered for a meeting: Morocco first, then where partners' people often connect from. */
const TIME_ZONES = [
  "Africa/Casablanca",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Africa/Algiers",
  "Africa/Tunis",
  "UTC",
];

export function Schedule({ failure: scheduleFailure }: { failure: ActionFailure | null }) {
  const { t } = useI18n();
  return (
    <Card title={t("meeting.schedule")}>
      <AppForm failure={scheduleFailure} className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="schedule" />
        <TextField
          label={t("meeting.date")}
          name="date"
          type="date"
          required
          defaultValue={typed(scheduleFailure?.values, "date")}
          error={scheduleFailure?.fieldErrors.date}
        />
        <TextField
          label={t("meeting.time")}
          name="time"
          type="time"
          required
          defaultValue={typed(scheduleFailure?.values, "time", "10:00")}
          error={scheduleFailure?.fieldErrors.time}
        />
        <SelectField
          label={t("meeting.timeZone")}
          name="timeZone"
          defaultValue={typed(scheduleFailure?.values, "timeZone", DEFAULT_TIME_ZONE)}
          error={scheduleFailure?.fieldErrors.timeZone}
          options={TIME_ZONES.map((z) => ({
            value: z,
            label: z === DEFAULT_TIME_ZONE ? t("meeting.morocco") : z,
          }))}
        />
        <TextField
          label={t("meeting.duration")}
          name="durationMinutes"
          inputMode="numeric"
          optional
          defaultValue={typed(scheduleFailure?.values, "durationMinutes", "120")}
          error={scheduleFailure?.fieldErrors.durationMinutes}
        />
        <TextField
          label={t("meeting.location")}
          name="location"
          optional
          maxLength={300}
          hint={t("meeting.locationHint")}
          defaultValue={typed(scheduleFailure?.values, "location")}
          error={scheduleFailure?.fieldErrors.location}
        />
        <TextField
          label={t("meeting.videoUrl")}
          name="videoUrl"
          type="url"
          optional
          dir="ltr"
          maxLength={500}
          defaultValue={typed(scheduleFailure?.values, "videoUrl")}
          error={scheduleFailure?.fieldErrors.videoUrl}
        />
        <p className="text-sm text-slate-600 sm:col-span-2">{t("meeting.agendaPrepared")}</p>
        <div className="sm:col-span-2">
          <FormError failure={scheduleFailure} />
          <Button>{t("meeting.scheduleButton")}</Button>
        </div>
      </AppForm>
    </Card>
  );
}
