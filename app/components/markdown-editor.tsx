/**
 * A Markdown text area with a live preview beside it. The preview is rendered and sanitized by
 * the server (POST /markdown-preview, the same renderer as the saved text), a moment after typing
 * stops; without JavaScript the form still works and the saved text is shown rendered.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Markdown } from "~/components/markdown";
import { TextAreaField } from "~/components/ui/field";
import type { FieldError } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function MarkdownEditor({ label, name, defaultValue, initialHtml, error }: { label: string; name: string; defaultValue: string; initialHtml: string | null; error?: FieldError }) {
  const { t } = useI18n();
  const fetcher = useFetcher<{ html: string }>();
  const [text, setText] = useState(defaultValue);
  const first = useRef(true);
  useEffect(() => {
    if (first.current && initialHtml !== null) {
      first.current = false;
      return;
    }
    first.current = false;
    const timer = setTimeout(() => fetcher.submit({ markdown: text }, { method: "post", action: "/markdown-preview" }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher's identity changes on every state change
  }, [text]);
  const html = fetcher.data?.html ?? initialHtml ?? "";
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <TextAreaField label={label} name={name} rows={14} value={text} onChange={(e) => setText(e.target.value)} hint={t("agreement.field.markdownHint")} error={error} dir="auto" />
      <div>
        <p className="mb-1 text-sm font-medium text-slate-800">{t("minutes.preview")}</p>
        <div className="min-h-[8rem] rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200" data-testid="markdown-preview" aria-live="polite">
          {html ? <Markdown html={html} /> : <p className="text-slate-500">{t("minutes.previewEmpty")}</p>}
        </div>
      </div>
    </div>
  );
}
