/**
 * An agreement's articles: their text, the obligations under each, the negotiation comments, and
 * for the editors the forms to write, reorder, delete and save articles (aside: the clause library).
 * The view model comes from articlesView; the action sends each form to its command through the kit.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Card, WithAside } from "~/components/ui/card";
import { failureFor, Notice } from "~/components/ui/form";
import { articlesView } from "~/domain/clause/articles-view.server";
import {
  AddClauseSchema,
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
  moveClause,
  resolveComment,
  saveClauseToLibrary,
  updateClause,
  type ClauseConflict,
} from "~/domain/clause/clause.server";
import { dispatch, invalid, readSubmission, refused } from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure, parseForm, type ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { Article } from "./article";
import { LibraryAside } from "./library-aside";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  const view = await articlesView(db(), actor, loaded, todayInMorocco());
  return { ...view, saved: new URL(request.url).searchParams.get("saved") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const here = `/agreements/${loaded.agreement.id}/clauses`;
  return dispatch(await readSubmission(request), {
    addClause: async ({ formData, intent }) => {
      const form = parseForm(AddClauseSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addClause(db(), actor, meta, loaded, form.data);
      return result.ok ? redirect(`${here}#clause-${result.id}`) : refused(result, form.values, intent);
    },
    insertTemplate: async ({ formData, intent }) => {
      const form = parseForm(InsertTemplateSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await insertTemplate(db(), actor, meta, loaded, form.data);
      return result.ok ? redirect(`${here}#clause-${result.id}`) : refused(result, form.values, intent);
    },
    updateClause: async ({ formData, intent }) => {
      const target = String(formData.get("clauseId") ?? "");
      const form = parseForm(UpdateClauseSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await updateClause(db(), actor, meta, loaded, form.data);
      if (result.ok) return redirect(`${here}#clause-${form.data.clauseId}`);
      // Someone saved the article meanwhile: their text is shown beside the one typed, nothing lost.
      if (result.error === "conflict" && "current" in result)
        return data(
          {
            ...failure(form.values, {}, { key: "clauses.conflict" }),
            intent,
            target,
            conflict: result.current,
          } satisfies ActionFailure & { conflict: ClauseConflict["current"] },
          { status: 409 },
        );
      return refused(result, form.values, intent, target);
    },
    moveClause: async ({ formData, intent }) => {
      const form = parseForm(MoveClauseSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await moveClause(db(), actor, meta, loaded, form.data);
      return result.ok
        ? redirect(`${here}#clause-${form.data.clauseId}`)
        : refused(result, form.values, intent, form.data.clauseId);
    },
    deleteClause: async ({ formData, intent }) => {
      const form = parseForm(DeleteClauseSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await deleteClause(db(), actor, meta, loaded, form.data);
      return result.ok ? redirect(here) : refused(result, form.values, intent, form.data.clauseId);
    },
    saveTemplate: async ({ formData, intent }) => {
      const form = parseForm(SaveTemplateSchema, formData);
      if (!form.ok) return invalid(form, intent, String(formData.get("clauseId") ?? ""));
      const result = await saveClauseToLibrary(db(), actor, meta, loaded, form.data);
      return result.ok
        ? redirect(`${here}?saved=library#clause-${form.data.clauseId}`)
        : refused(result, form.values, intent, form.data.clauseId);
    },
    comment: async ({ formData, intent }) => {
      const form = parseForm(CommentSchema, formData);
      if (!form.ok) return invalid(form, intent, String(formData.get("clauseId") ?? ""));
      const result = await addComment(db(), actor, meta, loaded, form.data);
      return result.ok
        ? redirect(`${here}#clause-${form.data.clauseId}`)
        : refused(result, form.values, intent, form.data.clauseId);
    },
    resolveComment: async ({ formData, intent }) => {
      const form = parseForm(ResolveCommentSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await resolveComment(db(), actor, meta, loaded, form.data);
      return result.ok ? redirect(here) : refused(result, form.values, intent);
    },
  });
}

/** The article as someone else saved it, carried by a refused edit (409) beside what was typed. */
function theirs(answer: unknown): ClauseConflict["current"] | null {
  return (answer as { conflict?: ClauseConflict["current"] } | undefined)?.conflict ?? null;
}

export default function Clauses() {
  const { clauses, canEdit, canComment, canResolve, canSaveToLibrary, library, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const forIntent = (intent: string, target?: string) => failureFor(result, intent, target);
  const conflict = theirs(result);
  return (
    <WithAside
      className="space-y-4"
      aside={canEdit && library ? <LibraryAside library={library} failureFor={forIntent} /> : null}
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
        return (
          <Article
            key={c.id}
            clause={c}
            last={c.number === clauses.length}
            may={{ edit: canEdit, comment: canComment, resolve: canResolve, saveToLibrary: canSaveToLibrary }}
            editFailure={editFailure}
            conflict={editFailure ? conflict : null}
            commentFailure={forIntent("comment", c.id)}
          />
        );
      })}
    </WithAside>
  );
}
