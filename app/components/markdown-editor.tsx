/**
 * A Markdown text area with a live preview beside it. The preview is rendered and sanitized by
 * the server (POST /markdown-preview, the same renderer as the saved text), a moment after typing
 * stops. It is a plain fetch, not a Remix fetcher: a preview must never reload the page's data
 * (which would rebuild the form around the text being typed). Without JavaScript the form still
 * works and the saved text is shown rendered.
 */
import { useEffect, useRef, useState } from "react";
import { Markdown } from "~/components/markdown";
import { TextAreaField } from "~/components/ui/field";
import type { FieldError } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function MarkdownEditor({
  label,
  name,
  value,
  onChange,
  initialHtml,
  error,
  maxLength,
}: {
  label: string;
  name: string;
  /** The schema's limit, mirrored on the textarea. */
  maxLength: number;
  value: string;
  onChange: (text: string) => void;
  /** The server's rendering of `value` as first shown, or null to render it now. */
  initialHtml: string | null;
  error?: FieldError;
}) {
  const { t } = useI18n();
  const [html, setHtml] = useState(initialHtml ?? "");
  const shown = useRef(initialHtml === null ? null : value);
  useEffect(() => {
    if (shown.current === value) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch("/markdown-preview", {
          method: "POST",
          body: new URLSearchParams({ markdown: value }),
          signal: controller.signal,
        });
        if (!response.ok) return;
        const body = (await response.json()) as { html: string };
        shown.current = value;
        setHtml(body.html);
      } catch {
        // Aborted by newer typing, or offline: the preview simply waits for the next change.
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <TextAreaField
        label={label}
        name={name}
        maxLength={maxLength}
        rows={14}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        hint={t("agreement.field.markdownHint")}
        error={error}
        dir="auto"
      />
      <div>
        <p className="mb-1 text-sm font-medium text-slate-800">{t("minutes.preview")}</p>
        <div
          className="min-h-[8rem] rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200"
          data-testid="markdown-preview"
          aria-live="polite"
        >
          {html ? <Markdown html={html} /> : <p className="text-slate-500">{t("minutes.previewEmpty")}</p>}
        </div>
      </div>
    </div>
  );
}
