/**
 * The articles page's view model: each article with its text (and, for its editors, its Markdown),
 * the obligations written under it and its negotiation comments; the clause library for those who
 * may insert from it; and what the reader may do (access.ts), read in one place for the route.
 */
import type { DB } from "../../../db/client";
import {
  canCommentAgreement,
  canEditAgreement,
  canManageAgreement,
  canResolveComment,
  type Actor,
} from "../access/access";
import { listClauses, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { listObligations } from "../delivery/obligations.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { listComments, listLibrary } from "./clause.server";

export async function articlesView(db: DB, actor: Actor, loaded: LoadedAgreement, today: string) {
  const a = loaded.agreement;
  const canEdit = canEditAgreement(actor, loaded.access);
  const [clauses, comments, obligations, library] = await Promise.all([
    listClauses(db, a.id),
    listComments(db, a.id),
    listObligations(db, a.id, today),
    canEdit ? listLibrary(db, a.owner_organization_id) : Promise.resolve(null),
  ]);
  return {
    agreementId: a.id,
    canEdit,
    canComment: canCommentAgreement(actor, loaded.access),
    canResolve: canResolveComment(actor, loaded.access),
    canSaveToLibrary: canManageAgreement(actor, loaded.access),
    library,
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

export type ArticlesView = Awaited<ReturnType<typeof articlesView>>;
