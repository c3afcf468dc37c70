import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { Card, WithAside } from "~/components/ui/card";
import { DateText, DateTimeText } from "~/components/ui/formatted";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, asFailure, FormError, Notice, typed } from "~/components/ui/form";
import { canCommentAgreement, canEditAgreement, canManageAgreement, canResolveComment } from "~/domain/access/access";
import type { Refusal } from "~/domain/agreement/agreement.commands.server";
import { listClauses } from "~/domain/agreement/agreement.queries.server";
import {
  AddClauseSchema,
  CLAUSE_LANGUAGES,
  CommentSchema,
  DeleteClauseSchema,
  InsertTemplateSchema,
  MoveClauseSchema,
  ResolveCommentSchema,
  SaveTemplateSchema,
  UpdateClauseSchema,
} from "~/domain/clause/clause.schema";
import {
  addClause,
  addComment,
  deleteClause,
  insertTemplate,
  listComments,
  listLibrary,
  moveClause,
  resolveComment,
  saveClauseToLibrary,
  updateClause,
} from "~/domain/clause/clause.server";
import { displayName } from "~/domain/organization/organization";
import { listObligations } from "~/domain/delivery/obligations.server";
import { todayInMorocco } from "~/lib/time";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { renderMarkdown } from "~/lib/markdown.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  const a = loaded.agreement;
  const canEdit = canEditAgreement(actor, loaded.access);
  const clauses = await listClauses(db(), a.id);
  const comments = await listComments(db(), a.id);
  const obligations = await listObligations(db(), a.id, todayInMorocco());
  const url = new URL(request.url);
  return {
    agreementId: a.id,
    canEdit,
    canComment: canCommentAgreement(actor, loaded.access),
    canResolve: canResolveComment(actor, loaded.access),
    canSaveToLibrary: canManageAgreement(actor, loaded.access),
    library: canEdit ? await listLibrary(db(), a.owner_organization_id) : null,
    saved: url.searchParams.get("saved"),
    clauses: clauses.map((c, i) => ({
      id: c.id,
      number: i + 1,
      heading: c.heading,
      body: canEdit ? c.body : null,
      html: renderMarkdown(c.body),
      version: c.version,
      fromAmendment: c.sourceAmendmentId !== null,
      obligations: obligations
        .filter((o) => o.clausePosition === c.position)
        .map((o) => ({
          id: o.id,
          description: o.description,
          nameFr: o.nameFr,
          nameAr: o.nameAr,
          dueDate: o.nextDue,
          overdue: o.overdue,
        })),
      comments: comments
        .filter((m) => m.clauseId === c.id)
        .map((m) => ({
          id: m.id,
          html: renderMarkdown(m.body),
          authorName: m.authorName,
          orgNameFr: m.orgNameFr,
          orgNameAr: m.orgNameAr,
          createdAt: m.createdAt,
          resolved: m.resolvedAt !== null,
        })),
    })),
  };
}

type Failure = FormFailure & {
  intent: string;
  target?: string;
  conflict?: { heading: string; body: string; version: number };
};

function refusal(result: Refusal, values: FormFailure["values"], intent: string, target?: string) {
  if (result.error === "not_found") notFound();
  if (result.error === "conflict")
    return data({ ...failure(values, {}, { key: "form.error.conflict" }), intent, target }, { status: 409 });
  return data({ ...failure(values, {}, result.errors[0]), intent, target }, { status: 400 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/agreements/${loaded.agreement.id}/clauses`;
  const target = String(formData.get("clauseId") ?? "");

  switch (intent) {
    case "addClause": {
      const form = parseForm(AddClauseSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await addClause(db(), actor, meta, loaded, form.data);
      return result.ok ? redirect(`${here}#clause-${result.id}`) : refusal(result, form.values, intent);
    }
    case "insertTemplate": {
      const form = parseForm(InsertTemplateSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await insertTemplate(db(), actor, meta, loaded, form.data.template);
      return result.ok ? redirect(`${here}#clause-${result.id}`) : refusal(result, form.values, intent);
    }
    case "updateClause": {
      const form = parseForm(UpdateClauseSchema, formData);
      if (!form.ok) return data({ ...form, intent, target }, { status: 400 });
      const result = await updateClause(db(), actor, meta, loaded, form.data.clauseId, form.data.version, form.data);
      if (result.ok) return redirect(`${here}#clause-${form.data.clauseId}`);
      if (result.error === "conflict" && "current" in result) {
        return data(
          { ...failure(form.values, {}, { key: "clauses.conflict" }), intent, target, conflict: result.current },
          { status: 409 },
        );
      }
      return refusal(result, form.values, intent, target);
    }
    case "moveClause": {
      const form = parseForm(MoveClauseSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await moveClause(db(), actor, meta, loaded, form.data.clauseId, form.data.direction);
      return result.ok
        ? redirect(`${here}#clause-${form.data.clauseId}`)
        : refusal(result, form.values, intent, target);
    }
    case "deleteClause": {
      const form = parseForm(DeleteClauseSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await deleteClause(db(), actor, meta, loaded, form.data.clauseId);
      return result.ok ? redirect(here) : refusal(result, form.values, intent, target);
    }
    case "saveTemplate": {
      const form = parseForm(SaveTemplateSchema, formData);
      if (!form.ok) return data({ ...form, intent, target }, { status: 400 });
      const result = await saveClauseToLibrary(db(), actor, meta, loaded, form.data.clauseId, form.data.language);
      return result.ok
        ? redirect(`${here}?saved=library#clause-${form.data.clauseId}`)
        : refusal(result, form.values, intent, target);
    }
    case "comment": {
      const form = parseForm(CommentSchema, formData);
      if (!form.ok) return data({ ...form, intent, target }, { status: 400 });
      const result = await addComment(db(), actor, meta, loaded, form.data.clauseId, form.data.body);
      return result.ok
        ? redirect(`${here}#clause-${form.data.clauseId}`)
        : refusal(result, form.values, intent, target);
    }
    case "resolveComment": {
      const form = parseForm(ResolveCommentSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await resolveComment(db(), actor, meta, loaded, form.data.commentId);
      return result.ok ? redirect(here) : refusal(result, form.values, intent);
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

export default function Clauses() {
  const { clauses, canEdit, canComment, canResolve, canSaveToLibrary, library, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Failure | undefined;
  const failed = asFailure(result) as Failure | null;
  const { t, locale } = useI18n();
  const forIntent = (intent: string, target?: string) =>
    failed && failed.intent === intent && (target === undefined || failed.target === target) ? failed : null;

  return (
    <WithAside
      className="space-y-4"
      aside={
        canEdit && library ? (
          <div className="space-y-6">
            <Card title={t("clauses.insertTemplate")}>
              <AppForm failure={forIntent("insertTemplate")} className="space-y-3">
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
                <FormError failure={forIntent("insertTemplate")} />
                <Button className="w-full">{t("clauses.insert")}</Button>
              </AppForm>
            </Card>
            <Card title={t("clauses.add")}>
              <AppForm failure={forIntent("addClause")} className="space-y-3">
                <input type="hidden" name="intent" value="addClause" />
                <TextField
                  label={t("clauses.heading")}
                  name="heading"
                  required
                  maxLength={300}
                  defaultValue={typed(forIntent("addClause")?.values, "heading")}
                  error={forIntent("addClause")?.fieldErrors.heading}
                />
                <TextAreaField
                  label={t("clauses.body")}
                  name="body"
                  required
                  rows={6}
                  maxLength={50000}
                  hint={t("agreement.field.markdownHint")}
                  defaultValue={typed(forIntent("addClause")?.values, "body")}
                  error={forIntent("addClause")?.fieldErrors.body}
                />
                <FormError failure={forIntent("addClause")} />
                <Button className="w-full">{t("clauses.add")}</Button>
              </AppForm>
            </Card>
          </div>
        ) : null
      }
    >
      {saved === "library" ? <Notice>{t("clauses.savedToLibrary")}</Notice> : null}
      {!canEdit ? <p className="text-sm text-slate-600">{t("clauses.frozen")}</p> : null}
      {clauses.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("clauses.empty")}</p>
        </Card>
      ) : null}
      {clauses.map((c) => {
        const editFailure = forIntent("updateClause", c.id);
        const commentFailure = forIntent("comment", c.id);
        const open = c.comments.filter((m) => !m.resolved);
        return (
          <section
            key={c.id}
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
            {canEdit ? (
              <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
                <AppForm>
                  <input type="hidden" name="intent" value="moveClause" />
                  <input type="hidden" name="clauseId" value={c.id} />
                  <input type="hidden" name="direction" value="up" />
                  <Button variant="ghost" className="px-2 py-1 text-xs" disabled={c.number === 1}>
                    ↑ {t("clauses.moveUp")}
                  </Button>
                </AppForm>
                <AppForm>
                  <input type="hidden" name="intent" value="moveClause" />
                  <input type="hidden" name="clauseId" value={c.id} />
                  <input type="hidden" name="direction" value="down" />
                  <Button variant="ghost" className="px-2 py-1 text-xs" disabled={c.number === clauses.length}>
                    ↓ {t("clauses.moveDown")}
                  </Button>
                </AppForm>
                <AppForm>
                  <input type="hidden" name="intent" value="deleteClause" />
                  <input type="hidden" name="clauseId" value={c.id} />
                  <Button variant="danger" className="px-2 py-1 text-xs">
                    {t("clauses.delete")}
                  </Button>
                </AppForm>
              </div>
            ) : null}
            {canEdit ? (
              <details className="mt-3" open={!!editFailure}>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("clauses.edit")}</summary>
                {editFailure?.conflict ? (
                  <div
                    className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
                    data-testid="clause-conflict"
                  >
                    <p className="font-medium text-amber-900">{t("clauses.conflict.theirs")}</p>
                    <p className="mt-1 font-semibold" dir="auto">
                      {editFailure.conflict.heading}
                    </p>
                    <pre className="mt-1 whitespace-pre-wrap font-sans" dir="auto">
                      {editFailure.conflict.body}
                    </pre>
                  </div>
                ) : null}
                <AppForm failure={editFailure} className="mt-3 space-y-3">
                  <input type="hidden" name="intent" value="updateClause" />
                  <input type="hidden" name="clauseId" value={c.id} />
                  <input
                    type="hidden"
                    name="version"
                    value={editFailure?.conflict ? editFailure.conflict.version : c.version}
                  />
                  <TextField
                    label={t("clauses.heading")}
                    name="heading"
                    required
                    maxLength={300}
                    defaultValue={typed(editFailure?.values, "heading", c.heading)}
                    error={editFailure?.fieldErrors.heading}
                  />
                  <TextAreaField
                    label={editFailure?.conflict ? t("clauses.conflict.yours") : t("clauses.body")}
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
                {canSaveToLibrary ? (
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

            <div className="mt-4 border-t border-slate-100 pt-3">
              <h3 className="text-sm font-semibold text-slate-700">
                {t("comments.title")}
                {open.length ? (
                  <span className="ms-2 text-amber-700">{t("comments.open", { count: open.length })}</span>
                ) : null}
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
                    {canResolve && !m.resolved ? (
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
              {canComment ? (
                <AppForm failure={commentFailure} className="mt-2 space-y-2">
                  <input type="hidden" name="intent" value="comment" />
                  <input type="hidden" name="clauseId" value={c.id} />
                  <TextAreaField
                    label={t("comments.add")}
                    name="body"
                    rows={2}
                    required
                    maxLength={5000}
                    key={`${c.id}-${c.comments.length}`}
                    defaultValue={typed(commentFailure?.values, "body")}
                    error={commentFailure?.fieldErrors.body}
                  />
                  <Button variant="secondary" className="px-3 py-1 text-xs">
                    {t("comments.submit")}
                  </Button>
                </AppForm>
              ) : null}
            </div>
          </section>
        );
      })}
    </WithAside>
  );
}
