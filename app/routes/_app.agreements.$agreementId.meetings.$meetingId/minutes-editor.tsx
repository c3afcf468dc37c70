/**
 * The minutes being typed. The revision sent with a save is the one the text was started from:
 * data reloaded in the background (someone else's save) replaces the text only when nothing is
 * unsaved here, so a second person's save is refused with both texts shown, never overwritten.
 */
import { useEffect, useState } from "react";
import { Markdown } from "~/components/markdown";
import { MarkdownEditor } from "~/components/markdown-editor";
import { Button } from "~/components/ui/button";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import type { MeetingView } from "./types";

/** Someone else saved first: their text and revision, to show beside ours. */
export interface MinutesConflict {
  text: string;
  revision: number;
  editedBy: string | null;
  theirsHtml: string;
}

export function MinutesEditor({
  meeting,
  failed,
  conflict,
}: {
  meeting: MeetingView["meeting"];
  failed: ActionFailure | null;
  conflict: MinutesConflict | null;
}) {
  const { t } = useI18n();
  const source = meeting.minutes ?? "";
  const [base, setBase] = useState(
    conflict
      ? { revision: conflict.revision, text: conflict.text }
      : { revision: meeting.minutesRevision, text: source },
  );
  const [text, setText] = useState(failed ? typed(failed.values, "minutes") : source);
  useEffect(() => {
    // Our own save (the server now has our text) or nothing unsaved: follow the server.
    if (text === source || text === base.text) {
      setBase({ revision: meeting.minutesRevision, text: source });
      setText(source);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server's minutes change
  }, [meeting.minutesRevision]);
  return (
    <AppForm failure={failed} className="space-y-3" data-testid="minutes-form" data-revision={base.revision}>
      <input type="hidden" name="intent" value="saveMinutes" />
      <input type="hidden" name="revision" value={base.revision} />
      {conflict ? (
        <div
          role="alert"
          data-testid="minutes-conflict"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          <p className="font-medium">{t("minutes.conflict", { name: conflict.editedBy ?? "—" })}</p>
          <div className="rounded bg-white p-2 ring-1 ring-amber-200" data-testid="minutes-theirs">
            <Markdown html={conflict.theirsHtml} />
          </div>
        </div>
      ) : null}
      <MarkdownEditor
        label={t("minutes.text")}
        name="minutes"
        maxLength={200_000}
        value={text}
        onChange={setText}
        initialHtml={failed ? null : meeting.minutesHtml}
        error={failed?.fieldErrors.minutes}
      />
      {!conflict ? <FormError failure={failed} /> : null}
      <Button>{t("minutes.save")}</Button>
    </AppForm>
  );
}
