/** Attendance by party and the quorum it gives; the form while the meeting is held, the list otherwise. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { ATTENDANCE } from "~/domain/committee/committee";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";
import type { ForIntent, MeetingView } from "./types";

export function Attendance({ d, forIntent }: { d: MeetingView; forIntent: ForIntent }) {
  const { t, locale } = useI18n();
  const { meeting, rights } = d;
  const attendanceFailure = forIntent("attendance");
  return (
    <Card title={t("attendance.title")}>
      <div id="attendance" className="space-y-3">
        <p
          data-testid="quorum"
          data-met={d.quorum.met ? "true" : "false"}
          className={`rounded-md p-2 text-sm ${d.quorum.met ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-900"}`}
        >
          {d.quorum.met ? `✓ ${t("quorum.met")}` : `⚠ ${t("quorum.notMet")}`} ·{" "}
          {t("quorum.present", { count: d.quorum.present })}
          {d.quorum.headCount ? <> · {t("quorum.required", { count: d.quorum.required })}</> : null}
          {d.quorum.missing.length ? (
            <span className="block">
              {t("quorum.missing")} <bdi>{d.quorum.missing.map((p) => displayName(p, locale)).join(", ")}</bdi>
            </span>
          ) : null}
        </p>
        {rights.record ? (
          <AppForm failure={attendanceFailure} className="space-y-3">
            <input type="hidden" name="intent" value="attendance" />
            {d.parties.map((p) => (
              <fieldset key={p.id} className="space-y-2">
                <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <bdi>{displayName(p, locale)}</bdi>
                </legend>
                {d.members
                  .filter((x) => x.partyId === p.id)
                  .map((x) => (
                    <div key={x.id} className="text-sm" data-testid="attendance-row">
                      <p className="font-medium">
                        <bdi>{x.name}</bdi> <span className="text-slate-500">· {t(`committee.role.${x.role}`)}</span>
                      </p>
                      <div className="flex flex-wrap gap-3">
                        {ATTENDANCE.map((s) => (
                          <label key={s} className="flex items-center gap-1">
                            <input
                              type="radio"
                              name={`status.${x.id}`}
                              value={s}
                              defaultChecked={
                                (typed(attendanceFailure?.values, `status.${x.id}`) || x.attendance) === s
                              }
                            />
                            {t(`attendance.${s}`)}
                          </label>
                        ))}
                      </div>
                    </div>
                  ))}
              </fieldset>
            ))}
            <TextAreaField
              label={t("attendance.guests")}
              name="guests"
              rows={3}
              maxLength={5000}
              optional
              hint={t("attendance.guestsHint")}
              defaultValue={typed(attendanceFailure?.values, "guests", meeting.guests)}
              error={attendanceFailure?.fieldErrors.guests}
            />
            <FormError failure={attendanceFailure} />
            <Button variant="secondary" className="w-full">
              {t("attendance.save")}
            </Button>
          </AppForm>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="attendance-list">
            {d.members.map((x) => (
              <li key={x.id}>
                <bdi>{x.name}</bdi> ·{" "}
                <bdi>
                  {displayName(d.parties.find((p) => p.id === x.partyId) ?? { nameFr: null, nameAr: null }, locale)}
                </bdi>
                {x.attendance ? <> — {t(`attendance.${x.attendance}`)}</> : null}
              </li>
            ))}
            {meeting.guests.trim() ? (
              <li className="pt-2 text-slate-600">
                {t("attendance.guests")} : <bdi>{meeting.guests.split("\n").filter(Boolean).join(", ")}</bdi>
              </li>
            ) : null}
          </ul>
        )}
      </div>
    </Card>
  );
}
