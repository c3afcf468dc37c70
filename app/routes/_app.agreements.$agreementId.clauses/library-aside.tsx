/** The articles page's side panel for its editors: insert from the clause library, or write a new article. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { ArticlesView } from "~/domain/clause/articles-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function LibraryAside({
  library,
  failureFor,
}: {
  library: NonNullable<ArticlesView["library"]>;
  failureFor: (intent: string) => ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  const insertFailure = failureFor("insertTemplate");
  const addFailure = failureFor("addClause");
  return (
    <div className="space-y-6">
      <Card title={t("clauses.insertTemplate")}>
        <AppForm failure={insertFailure} className="space-y-3">
          <input type="hidden" name="intent" value="insertTemplate" />
          <label className="block text-sm font-medium text-slate-800" htmlFor="template">
            {t("clauses.library")}
          </label>
          <select
            id="template"
            name="template"
            className="block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            defaultValue={`std:object:${locale}`}
          >
            {library.own.length > 0 ? (
              <optgroup label={t("clauses.library.own")}>
                {library.own.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.heading} ({t(`locale.${o.language}`)})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {(["fr", "ar", "en"] as const).map((lang) => (
              <optgroup key={lang} label={`${t("clauses.library.standard")} · ${t(`locale.${lang}`)}`}>
                {library.standard
                  .filter((s) => s.language === lang)
                  .map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.heading}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <FormError failure={insertFailure} />
          <Button className="w-full">{t("clauses.insert")}</Button>
        </AppForm>
      </Card>
      <Card title={t("clauses.add")}>
        <AppForm failure={addFailure} className="space-y-3">
          <input type="hidden" name="intent" value="addClause" />
          <TextField
            label={t("clauses.heading")}
            name="heading"
            required
            maxLength={300}
            defaultValue={typed(addFailure?.values, "heading")}
            error={addFailure?.fieldErrors.heading}
          />
          <TextAreaField
            label={t("clauses.body")}
            name="body"
            required
            rows={6}
            maxLength={50000}
            hint={t("agreement.field.markdownHint")}
            defaultValue={typed(addFailure?.values, "body")}
            error={addFailure?.fieldErrors.body}
          />
          <FormError failure={addFailure} />
          <Button className="w-full">{t("clauses.add")}</Button>
        </AppForm>
      </Card>
    </div>
  );
}
