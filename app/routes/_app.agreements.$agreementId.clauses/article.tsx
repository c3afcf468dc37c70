/**
 * One article: its text, the obligations written under it, its editors' forms (move, delete, edit —
 * with the other person's text beside one's own after a conflict —, save to the library) and its
 * negotiation comments.
 */
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { DateText, DateTimeText } from "~/components/ui/formatted";
import type { ArticlesView } from "~/domain/clause/articles-view.server";
import { CLAUSE_LANGUAGES } from "~/domain/clause/clause.schema";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

type Clause = ArticlesView["clauses"][number];

export function Article({
  clause: c,
  last,
  may,
  editFailure,
  conflict,
  commentFailure,
}: {
  clause: Clause;
  last: boolean;
  may: { edit: boolean; comment: boolean; resolve: boolean; saveToLibrary: boolean };
  editFailure: ActionFailure | null;
  /** The article as someone else saved it meanwhile, after a refused edit. */
  conflict: { heading: string; body: string; version: number } | null;
  commentFailure: ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  return (
    <section
      id={`clause-${c.id}`}
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
      data-testid="clause"
    >
      <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          {t("clauses.article", { number: c.number })} — <bdi>{c.heading}</bdi>
        </h2>
        {c.fromAmendment ? <span className="text-xs text-slate-500">{t("clauses.fromAmendment")}</span> : null}
      </header>
      <Markdown html={c.html} />
      {c.obligations.length ? (
        <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm" data-testid="clause-obligations">
          <p className="mb-1 font-medium text-slate-700">{t("agreement.tabs.obligations")}</p>
          <ul className="space-y-1">
            {c.obligations.map((o) => (
              <li key={o.id}>
                <bdi className="font-medium">{displayName(o, locale)}</bdi> · <bdi>{o.description}</bdi>
                {o.dueDate ? (
                  <>
                    {" · "}
                    <DateText value={o.dueDate} />
                  </>
                ) : null}
                {o.overdue ? <span className="ms-2 text-red-700">{t("obligations.overdue")}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {may.edit ? (
        <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
          {(["up", "down"] as const).map((direction) => (
            <AppForm key={direction}>
              <input type="hidden" name="intent" value="moveClause" />
              <input type="hidden" name="clauseId" value={c.id} />
              <input type="hidden" name="direction" value={direction} />
              <Button
                variant="ghost"
                className="px-2 py-1 text-xs"
                disabled={direction === "up" ? c.number === 1 : last}
              >
                {direction === "up" ? `↑ ${t("clauses.moveUp")}` : `↓ ${t("clauses.moveDown")}`}
              </Button>
            </AppForm>
          ))}
          <AppForm>
            <input type="hidden" name="intent" value="deleteClause" />
            <input type="hidden" name="clauseId" value={c.id} />
            <Button variant="danger" className="px-2 py-1 text-xs">
              {t("clauses.delete")}
            </Button>
          </AppForm>
        </div>
      ) : null}
      {may.edit ? (
        <details className="mt-3" open={!!editFailure}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("clauses.edit")}</summary>
          {conflict ? (
            <div
              className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
              data-testid="clause-conflict"
            >
              <p className="font-medium text-amber-900">{t("clauses.conflict.theirs")}</p>
              <p className="mt-1 font-semibold" dir="auto">
                {conflict.heading}
              </p>
              <pre className="mt-1 whitespace-pre-wrap font-sans" dir="auto">
                {conflict.body}
              </pre>
            </div>
          ) : null}
          <AppForm failure={editFailure} className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="updateClause" />
            <input type="hidden" name="clauseId" value={c.id} />
            <input type="hidden" name="version" value={conflict ? conflict.version : c.version} />
            <TextField
              label={t("clauses.heading")}
              name="heading"
              required
              maxLength={300}
              defaultValue={typed(editFailure?.values, "heading", c.heading)}
              error={editFailure?.fieldErrors.heading}
            />
            <TextAreaField
              label={conflict ? t("clauses.conflict.yours") : t("clauses.body")}
              name="body"
              required
              rows={8}
              maxLength={50000}
              hint={t("agreement.field.markdownHint")}
              defaultValue={typed(editFailure?.values, "body", c.body ?? "")}
              error={editFailure?.fieldErrors.body}
            />
            <FormError failure={editFailure} />
            <Button>{t("clauses.save")}</Button>
          </AppForm>
          {may.saveToLibrary ? (
            <AppForm className="mt-3 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="saveTemplate" />
              <input type="hidden" name="clauseId" value={c.id} />
              <SelectField
                label={t("clauses.saveToLibrary.language")}
                name="language"
                defaultValue={/[\u0600-\u06FF]/.test(c.heading) ? "ar" : locale}
                options={CLAUSE_LANGUAGES.map((l) => ({ value: l, label: t(`locale.${l}`) }))}
              />
              <Button variant="secondary">{t("clauses.saveToLibrary")}</Button>
            </AppForm>
          ) : null}
        </details>
      ) : null}
      <Comments clause={c} may={may} failure={commentFailure} />
    </section>
  );
}

function Comments({
  clause: c,
  may,
  failure,
}: {
  clause: Clause;
  may: { comment: boolean; resolve: boolean };
  failure: ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  const open = c.comments.filter((m) => !m.resolved);
  return (
    <div className="mt-4 border-t border-slate-100 pt-3">
      <h3 className="text-sm font-semibold text-slate-700">
        {t("comments.title")}
        {open.length ? <span className="ms-2 text-amber-700">{t("comments.open", { count: open.length })}</span> : null}
      </h3>
      <ul className="mt-2 space-y-2" data-testid="comments">
        {c.comments.map((m) => (
          <li
            key={m.id}
            data-resolved={m.resolved ? "true" : "false"}
            className={`rounded-md p-2 text-sm ${m.resolved ? "bg-slate-50 text-slate-500" : "bg-sky-50"}`}
          >
            <p className="text-xs text-slate-500">
              <bdi>{m.authorName ?? "—"}</bdi>
              {m.orgNameFr || m.orgNameAr ? (
                <>
                  {" · "}
                  <bdi>{displayName({ nameFr: m.orgNameFr, nameAr: m.orgNameAr }, locale)}</bdi>
                </>
              ) : null}{" "}
              · <DateTimeText value={m.createdAt} />
              {m.resolved ? <> · {t("comments.resolved")}</> : null}
            </p>
            <Markdown html={m.html} />
            {may.resolve && !m.resolved ? (
              <AppForm className="mt-1">
                <input type="hidden" name="intent" value="resolveComment" />
                <input type="hidden" name="commentId" value={m.id} />
                <Button variant="secondary" className="px-2 py-1 text-xs">
                  {t("comments.resolve")}
                </Button>
              </AppForm>
            ) : null}
          </li>
        ))}
      </ul>
      {may.comment ? (
        <AppForm failure={failure} className="mt-2 space-y-2">
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="clauseId" value={c.id} />
          <TextAreaField
            label={t("comments.add")}
            name="body"
            rows={2}
            required
            maxLength={5000}
            key={`${c.id}-${c.comments.length}`}
            defaultValue={typed(failure?.values, "body")}
            error={failure?.fieldErrors.body}
          />
          <Button variant="secondary" className="px-3 py-1 text-xs">
            {t("comments.submit")}
          </Button>
        </AppForm>
      ) : null}
    </div>
  );
}
