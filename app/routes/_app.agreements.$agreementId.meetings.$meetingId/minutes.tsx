/** The minutes card: the text (the editor for those who write it), decisions, approvals and addenda. */
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { DateTimeText } from "~/components/ui/formatted";
import { useI18n } from "~/lib/i18n/react";
import { Approvals } from "./approvals";
import { MinutesEditor, type MinutesConflict } from "./minutes-editor";
import type { ForIntent, MeetingView } from "./types";

export function Minutes({
  d,
  forIntent,
  conflict,
}: {
  d: MeetingView;
  forIntent: ForIntent;
  conflict: MinutesConflict | null;
}) {
  const { t } = useI18n();
  const { meeting, rights } = d;
  const addendumFailure = forIntent("addendum");
  return (
    <Card title={t("minutes.title")}>
      <div id="minutes" className="space-y-4">
        {rights.minutes ? (
          <MinutesEditor
            key={conflict ? `conflict-${conflict.revision}` : "minutes"}
            meeting={meeting}
            failed={forIntent("saveMinutes")}
            conflict={conflict}
          />
        ) : meeting.minutesHtml ? (
          <Markdown html={meeting.minutesHtml} />
        ) : (
          <p className="text-sm text-slate-600">{t("minutes.empty")}</p>
        )}

        {d.decisions.length ? (
          <div>
            <h3 className="mb-1 font-semibold">{t("minutes.decisions")}</h3>
            <ol className="space-y-1" data-testid="decisions">
              {d.decisions.map((x) => (
                <li key={x.number} id={`decision-${x.number}`} className="text-sm">
                  <span className="font-medium">{t("outcome.decisionNumber", { number: x.number })}</span>
                  <Markdown html={x.html} />
                </li>
              ))}
            </ol>
          </div>
        ) : null}

        <Approvals d={d} forIntent={forIntent} />

        {d.addenda.length ? (
          <div>
            <h3 className="mb-1 font-semibold">{t("minutes.addenda")}</h3>
            <ul className="space-y-2" data-testid="addenda">
              {d.addenda.map((a) => (
                <li key={a.id} className="rounded-md bg-slate-50 p-2 text-sm">
                  <p className="text-xs text-slate-500">
                    <DateTimeText value={a.createdAt} /> · <bdi>{a.authorName ?? "—"}</bdi>
                  </p>
                  <Markdown html={a.html} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {rights.addendum ? (
          <details key={`addendum-${d.addenda.length}`} open={!!addendumFailure}>
            <summary className="cursor-pointer text-sm text-brand-700">{t("minutes.addAddendum")}</summary>
            <AppForm failure={addendumFailure} className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="addendum" />
              <TextAreaField
                label={t("minutes.addendum")}
                name="body"
                rows={3}
                maxLength={20_000}
                required
                hint={t("minutes.addendumHint")}
                defaultValue={typed(addendumFailure?.values, "body")}
                error={addendumFailure?.fieldErrors.body}
              />
              <FormError failure={addendumFailure} />
              <Button variant="secondary">{t("minutes.addAddendum")}</Button>
            </AppForm>
          </details>
        ) : null}
      </div>
    </Card>
  );
}
