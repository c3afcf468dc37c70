/**
 * The money (issue #20), frozen once merged:
 * - organizations gain their country (ISO 3166-1 alpha-2, 'MA' by default: a payer based abroad makes
 *   the receiving association declare the funds) and bank details (bank, 24-digit RIB) for calls for funds;
 * - an agreement states how much of a budget line its committee may move to another after signing
 *   (`reallocation_limit_bp`, basis points, 10 % by default) and whether one partner's acceptance of a
 *   report is enough (`report_acceptance`, 'any' | 'all');
 * - the budget: lines (`budget_line`), each funded by shares of the parties (`budget_share`: cash, in
 *   kind valued in money, volunteers' time as hours × rate), and reallocations decided by the committee
 *   (`budget_reallocation`, naming the decision in approved minutes);
 * - funding tranches (`tranche`, the schedule of each cash contributor, with its condition and a stored
 *   copy of its state) and what happened to them (`tranche_event`, append-only: due, called, paid,
 *   received, cancelled, and reversals that point at the event they undo);
 * - expenses against budget lines (`expense`, append-only: a mistake is a reversing entry) and the
 *   partners' questions about them (`expense_query`);
 * - an organization's standing documents (`dossier_document`);
 * - obligations gain a kind ('general' for those written in the text) and the tranche they come from
 *   (the declaration of foreign funds).
 * Existing contributions typed on the parties become budget lines (one per party, category 'other':
 * its cash amount as a cash share, its in-kind text as an in-kind share to be valued), so no figure is
 * lost; the party columns are no longer read.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organization")
    .addColumn("country", "text", (c) => c.notNull().defaultTo("MA"))
    .execute();
  await db.schema.alterTable("organization").addColumn("bank_name", "text").execute();
  await db.schema.alterTable("organization").addColumn("bank_account", "text").execute();
  await db.schema
    .alterTable("agreement")
    .addColumn("reallocation_limit_bp", "integer", (c) => c.notNull().defaultTo(1000))
    .execute();
  await db.schema
    .alterTable("agreement")
    .addColumn("report_acceptance", "text", (c) => c.notNull().defaultTo("all"))
    .execute();

  await db.schema
    .createTable("budget_line")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("plan_action_id", "text", (c) => c.references("plan_action.id").onDelete("set null"))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("budget_line_agreement_idx")
    .on("budget_line")
    .columns(["agreement_id", "position"])
    .execute();

  await db.schema
    .createTable("budget_share")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("budget_line_id", "text", (c) => c.notNull().references("budget_line.id").onDelete("cascade"))
    .addColumn("party_id", "text", (c) => c.notNull().references("agreement_party.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("deliverable_id", "text", (c) => c.references("deliverable.id").onDelete("set null"))
    .addColumn("hours", "integer")
    .addColumn("hourly_rate_minor", "bigint")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("budget_share_line_idx").on("budget_share").column("budget_line_id").execute();
  await db.schema.createIndex("budget_share_party_idx").on("budget_share").column("party_id").execute();

  await db.schema
    .createTable("budget_reallocation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("from_line_id", "text", (c) => c.notNull().references("budget_line.id"))
    .addColumn("to_line_id", "text", (c) => c.notNull().references("budget_line.id"))
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("meeting_outcome_id", "text", (c) => c.notNull().references("meeting_outcome.id"))
    .addColumn("created_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("budget_reallocation_agreement_idx")
    .on("budget_reallocation")
    .column("agreement_id")
    .execute();

  await db.schema
    .createTable("tranche")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("payer_party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("receiver_party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("planned_on", "text")
    .addColumn("condition", "text", (c) => c.notNull())
    .addColumn("condition_deliverable_id", "text", (c) => c.references("deliverable.id").onDelete("set null"))
    // Reports arrive with issue #21: no foreign key yet.
    .addColumn("condition_report_id", "text")
    .addColumn("condition_outcome_id", "text", (c) => c.references("meeting_outcome.id").onDelete("set null"))
    .addColumn("grace_days", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("due_since", "text")
    .addColumn("cancelled_reason", "text")
    .addColumn("cancelled_outcome_id", "text", (c) => c.references("meeting_outcome.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("tranche_number_unique", ["agreement_id", "number"])
    .execute();
  await db.schema.createIndex("tranche_payer_idx").on("tranche").columns(["payer_party_id", "status"]).execute();
  await db.schema.createIndex("tranche_receiver_idx").on("tranche").columns(["receiver_party_id", "status"]).execute();
  await db.schema.createIndex("tranche_condition_idx").on("tranche").columns(["condition", "status"]).execute();

  await db.schema
    .createTable("tranche_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tranche_id", "text", (c) => c.notNull().references("tranche.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reverses_event_id", "text", (c) => c.references("tranche_event.id"))
    .addColumn("on_date", "text", (c) => c.notNull())
    .addColumn("amount_minor", "bigint")
    .addColumn("currency", "text")
    .addColumn("amount_mad_minor", "bigint")
    .addColumn("fee_minor", "bigint")
    .addColumn("method", "text")
    .addColumn("reference", "text")
    .addColumn("proof_attachment_id", "text", (c) => c.references("attachment.id"))
    .addColumn("note", "text")
    .addColumn("by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("tranche_event_tranche_idx")
    .on("tranche_event")
    .columns(["tranche_id", "created_at"])
    .execute();

  await db.schema
    .createTable("expense")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("budget_line_id", "text", (c) => c.notNull().references("budget_line.id"))
    .addColumn("party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("spent_on", "text", (c) => c.notNull())
    .addColumn("supplier", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("receipt_attachment_id", "text", (c) => c.references("attachment.id"))
    .addColumn("reverses_expense_id", "text", (c) => c.references("expense.id"))
    .addColumn("reason", "text")
    // Reports arrive with issue #21: no foreign key yet.
    .addColumn("locked_by_report_id", "text")
    .addColumn("recorded_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("expense_agreement_idx").on("expense").columns(["agreement_id", "spent_on"]).execute();
  await db.schema.createIndex("expense_line_idx").on("expense").column("budget_line_id").execute();
  await db.schema.createIndex("expense_reverses_idx").on("expense").column("reverses_expense_id").execute();

  await db.schema
    .createTable("expense_query")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("expense_id", "text", (c) => c.notNull().references("expense.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "text", (c) => c.references("user.id"))
    .addColumn("answered_at", "text")
    .addColumn("settled_at", "text")
    .addColumn("settled_by", "text", (c) => c.references("user.id"))
    .execute();
  await db.schema.createIndex("expense_query_expense_idx").on("expense_query").column("expense_id").execute();

  await db.schema
    .createTable("dossier_document")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("attachment_id", "text", (c) => c.notNull().references("attachment.id"))
    .addColumn("issued_on", "text", (c) => c.notNull())
    .addColumn("expires_on", "text")
    .addColumn("superseded_at", "text")
    .addColumn("uploaded_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("dossier_document_organization_idx")
    .on("dossier_document")
    .columns(["organization_id", "kind"])
    .execute();

  await db.schema
    .alterTable("obligation")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("general"))
    .execute();
  await db.schema
    .alterTable("obligation")
    .addColumn("tranche_id", "text", (c) => c.references("tranche.id").onDelete("set null"))
    .execute();

  await moveContributionsIntoBudgets(db);
}

/** Random ids as the app makes them (16 lowercase letters and digits), copied here so the migration stays frozen. */
function newId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** One budget line per party that typed a contribution: its cash amount and its in-kind text, as shares. */
async function moveContributionsIntoBudgets(db: Kysely<any>): Promise<void> {
  const parties: Array<{
    id: string;
    agreement_id: string;
    contribution_cents: number | string | null;
    contribution_in_kind: string | null;
    name_fr: string | null;
    name_ar: string | null;
    currency: string;
  }> = await db
    .selectFrom("agreement_party")
    .innerJoin("agreement", "agreement.id", "agreement_party.agreement_id")
    .innerJoin("organization", "organization.id", "agreement_party.organization_id")
    .select([
      "agreement_party.id",
      "agreement_party.agreement_id",
      "agreement_party.contribution_cents",
      "agreement_party.contribution_in_kind",
      "organization.name_fr",
      "organization.name_ar",
      "agreement.currency",
    ])
    .where((eb: any) =>
      eb.or([
        eb("agreement_party.contribution_cents", "is not", null),
        eb(sql`trim(coalesce(agreement_party.contribution_in_kind, ''))`, "!=", ""),
      ]),
    )
    .orderBy("agreement_party.agreement_id")
    .orderBy("agreement_party.signing_order")
    .orderBy("agreement_party.created_at")
    .execute();
  const positions = new Map<string, number>();
  const at = new Date().toISOString();
  for (const p of parties) {
    const position = (positions.get(p.agreement_id) ?? 0) + 1;
    positions.set(p.agreement_id, position);
    const inKind = p.contribution_in_kind?.trim() || null;
    const lineId = newId();
    await db
      .insertInto("budget_line")
      .values({
        id: lineId,
        agreement_id: p.agreement_id,
        position,
        category: "other",
        description: inKind ?? `Contribution — ${p.name_fr ?? p.name_ar ?? ""}`.trim(),
        plan_action_id: null,
        currency: p.currency,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    const share = (kind: string, amount: number, note: string | null) => ({
      id: newId(),
      budget_line_id: lineId,
      party_id: p.id,
      kind,
      amount_minor: amount,
      deliverable_id: null,
      hours: null,
      hourly_rate_minor: null,
      note,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    if (p.contribution_cents !== null)
      await db
        .insertInto("budget_share")
        .values(share("cash", Number(p.contribution_cents), null))
        .execute();
    if (inKind)
      await db
        .insertInto("budget_share")
        .values(share("in_kind", 0, inKind))
        .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("obligation").dropColumn("tranche_id").execute();
  await db.schema.alterTable("obligation").dropColumn("kind").execute();
  await db.schema.dropTable("dossier_document").execute();
  await db.schema.dropTable("expense_query").execute();
  await db.schema.dropTable("expense").execute();
  await db.schema.dropTable("tranche_event").execute();
  await db.schema.dropTable("tranche").execute();
  await db.schema.dropTable("budget_reallocation").execute();
  await db.schema.dropTable("budget_share").execute();
  await db.schema.dropTable("budget_line").execute();
  await db.schema.alterTable("agreement").dropColumn("report_acceptance").execute();
  await db.schema.alterTable("agreement").dropColumn("reallocation_limit_bp").execute();
  await db.schema.alterTable("organization").dropColumn("bank_account").execute();
  await db.schema.alterTable("organization").dropColumn("bank_name").execute();
  await db.schema.alterTable("organization").dropColumn("country").execute();
}
