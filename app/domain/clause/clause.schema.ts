import * as z from "zod";
import { text } from "~/lib/forms";
import { CLAUSE_TOPICS } from "./clause-library";

const id = z.string().regex(/^[a-z0-9]{16}$/);
export const CLAUSE_LANGUAGES = ["fr", "ar", "en"] as const;

export const AddClauseSchema = z.object({
  intent: z.literal("addClause"),
  heading: text(300),
  body: text(50_000),
});

export const UpdateClauseSchema = z.object({
  intent: z.literal("updateClause"),
  clauseId: id,
  version: z.coerce.number().int().min(1),
  heading: text(300),
  body: text(50_000),
});

export const MoveClauseSchema = z.object({
  intent: z.literal("moveClause"),
  clauseId: id,
  direction: z.enum(["up", "down"]),
});
export const DeleteClauseSchema = z.object({ intent: z.literal("deleteClause"), clauseId: id });

/** "std:<topic>:<lang>" for a standard article, "org:<id>" for an organization's own. */
export const InsertTemplateSchema = z.object({
  intent: z.literal("insertTemplate"),
  template: z.union(
    [
      z.string().regex(new RegExp(`^std:(${CLAUSE_TOPICS.join("|")}):(fr|ar|en)$`)),
      z.string().regex(/^org:[a-z0-9]{16}$/),
    ],
    { error: "form.error.choice" },
  ),
});

export const SaveTemplateSchema = z.object({
  intent: z.literal("saveTemplate"),
  clauseId: id,
  language: z.enum(CLAUSE_LANGUAGES),
});

export const CommentSchema = z.object({ intent: z.literal("comment"), clauseId: id, body: text(5000) });
export const ResolveCommentSchema = z.object({ intent: z.literal("resolveComment"), commentId: id });
