/**
 * Removing the demo data (`npm run demo:remove`, Settings → Demo data), in one transaction with
 * its audit event. What goes, and nothing else:
 * - the demo organizations (`organization.is_demo`), with their members' memberships, invitations,
 *   clause library and stamps;
 * - every agreement with a demo organization among its parties or as its owner, with everything
 *   under it (text, versions, signatures, follow-up, committee, files), and its amendments. An
 *   agreement a real organization took part in goes too when a demo organization is a party: its
 *   demo side's accounts have a published password, so nothing in it can be trusted. The removal's
 *   preview names those agreements before anyone confirms;
 * - the demo accounts (`user.is_demo`). One still named by a record that stays (a seat or an approval
 *   in an agreement between real organizations) is disabled instead, so that record stays true.
 * Real organizations, real people (their accounts, their other memberships) and agreements between
 * real organizations stay as they are. The audit log is append-only: its entries stay, hash chain
 * intact, and one more records the removal.
 */
import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/client";
import type { Database } from "../../../db/schema";
import { inTransaction } from "../../../db/transaction";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { forgetMoney } from "../finance/money-totals.server";
import { discardFile } from "~/lib/uploads.server";
import { nowIso } from "~/lib/time";
import { ORGANIZATION_NAMES } from "../party/party.queries.server";

/**
 * The demo accounts as routes see them: through this `.server` module, which Remix leaves out of the
 * browser's bundle. Importing db/seed/demo.ts from a route put the whole seed, and pdf-lib that draws
 * the demo's documents, into the scripts of every page (525 KB).
 */
export { DEMO_ACCOUNTS, DEMO_PASSWORD, hasDemoAccounts } from "../../../db/seed/demo";

type Db = DB | Transaction<Database>;

/** Columns naming an account that neither cascade nor empty when it goes: such a demo account is disabled. */
const USER_REFERENCES = [
  ["committee_member", "user_id"],
  ["meeting", "minutes_edited_by_user_id"],
  ["meeting_outcome", "created_by_user_id"],
  ["action_item", "closed_by_user_id"],
  ["minutes_approval", "user_id"],
  ["minutes_addendum", "author_user_id"],
  ["budget_reallocation", "created_by"],
  ["tranche_event", "by_user_id"],
  ["expense", "recorded_by"],
  ["expense_query", "created_by"],
  ["expense_query", "answered_by"],
  ["expense_query", "settled_by"],
  ["dossier_document", "uploaded_by"],
  ["report", "created_by_user_id"],
  ["report", "edited_by_user_id"],
  ["report_version", "submitted_by"],
  ["report_comment", "author_user_id"],
  ["report_review", "user_id"],
  ["partnership_evaluation", "submitted_by"],
] as const;

/** Tables under an agreement, in an order where nothing still names a row already deleted. */
const AGREEMENT_CHILDREN = [
  "partnership_evaluation",
  "budget_reallocation",
  "expense",
  "tranche",
  "budget_line",
  "action_item",
  "action_plan",
  "meeting",
  "report",
  "committee",
  "deliverable",
  "obligation",
  "signature",
  "paper_signing",
  "clause_comment",
  "clause",
  "agreement_party",
] as const;

/** The agreements that go with the demo: a demo organization owns it or is a party, and their amendments. */
async function demoAgreementIds(db: Db, organizationIds: string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const direct = await db
    .selectFrom("agreement")
    .select("id")
    .where((eb) =>
      eb.or([
        eb("owner_organization_id", "in", organizationIds),
        eb(
          "id",
          "in",
          eb.selectFrom("agreement_party").select("agreement_id").where("organization_id", "in", organizationIds),
        ),
      ]),
    )
    .execute();
  const ids = new Set(direct.map((r) => r.id));
  for (let added = ids.size; added > 0;) {
    const amendments = await db
      .selectFrom("agreement")
      .select("id")
      .where("parent_agreement_id", "in", [...ids])
      .execute();
    const before = ids.size;
    for (const a of amendments) ids.add(a.id);
    added = ids.size - before;
  }
  return [...ids];
}

/** Whether the account is one of the demo seed's (its password is published). */
export async function isDemoAccount(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom("user").select("is_demo").where("id", "=", userId).executeTakeFirst();
  return row?.is_demo === 1;
}

export interface DemoRemovalPreview {
  organizations: { id: string; nameFr: string | null; nameAr: string | null }[];
  people: number;
  agreements: number;
  /** Agreements that go although a real organization is a party or their owner. */
  withRealOrganizations: { id: string; reference: string; title: string }[];
  /** Real people who lose a membership of a demo organization (their accounts stay). */
  realMembers: number;
}

/** What removing the demo data would delete, or null when there is none. */
export async function demoRemovalPreview(db: Db): Promise<DemoRemovalPreview | null> {
  const organizations = await db
    .selectFrom("organization")
    .select(["id", ...ORGANIZATION_NAMES])
    .where("is_demo", "=", 1)
    .orderBy("name_fr")
    .execute();
  const people = await db
    .selectFrom("user")
    .select("id")
    .where("is_demo", "=", 1)
    .where("disabled_at", "is", null)
    .execute();
  if (organizations.length === 0 && people.length === 0) return null;
  const orgIds = organizations.map((o) => o.id);
  const agreementIds = await demoAgreementIds(db, orgIds);
  const withRealOrganizations =
    agreementIds.length === 0
      ? []
      : await db
          .selectFrom("agreement")
          .select(["id", "reference", "title"])
          .where("id", "in", agreementIds)
          .where((eb) =>
            eb.or([
              eb("owner_organization_id", "in", eb.selectFrom("organization").select("id").where("is_demo", "=", 0)),
              eb(
                "id",
                "in",
                eb
                  .selectFrom("agreement_party")
                  .innerJoin("organization", "organization.id", "agreement_party.organization_id")
                  .select("agreement_party.agreement_id")
                  .where("organization.is_demo", "=", 0),
              ),
            ]),
          )
          .orderBy("reference")
          .execute();
  const realMembers =
    orgIds.length === 0
      ? []
      : await db
          .selectFrom("membership")
          .innerJoin("user", "user.id", "membership.user_id")
          .select("user.id")
          .distinct()
          .where("membership.organization_id", "in", orgIds)
          .where("user.is_demo", "=", 0)
          .execute();
  return {
    organizations,
    people: people.length,
    agreements: agreementIds.length,
    withRealOrganizations,
    realMembers: realMembers.length,
  };
}

export interface DemoRemovalReport {
  organizations: number;
  people: number;
  disabledPeople: number;
  agreements: number;
  files: number;
}

/** Removes the demo data (see the file's header); returns what went, or null when there was none. */
export async function removeDemoData(db: DB, meta: RequestMeta): Promise<DemoRemovalReport | null> {
  const files: string[] = [];
  const report = await inTransaction(db, async (trx) => {
    const orgIds = (await trx.selectFrom("organization").select("id").where("is_demo", "=", 1).execute()).map(
      (o) => o.id,
    );
    // A demo account disabled by an earlier removal (still named by real records) stays as it is.
    const userIds = (
      await trx.selectFrom("user").select("id").where("is_demo", "=", 1).where("disabled_at", "is", null).execute()
    ).map((u) => u.id);
    if (orgIds.length === 0 && userIds.length === 0) return null;
    const agreementIds = await demoAgreementIds(trx, orgIds);

    // Files: rows name their owner without a foreign key; collected before the owners go.
    const attachmentOwners: string[] = [...agreementIds, ...orgIds];
    if (agreementIds.length > 0) {
      const deliveries = await trx
        .selectFrom("delivery")
        .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
        .select("delivery.id")
        .where("deliverable.agreement_id", "in", agreementIds)
        .execute();
      const obligations = await trx
        .selectFrom("obligation")
        .select("id")
        .where("agreement_id", "in", agreementIds)
        .execute();
      const money = await trx
        .selectFrom("tranche")
        .select("id")
        .where("agreement_id", "in", agreementIds)
        .union(trx.selectFrom("expense").select("id").where("agreement_id", "in", agreementIds))
        .execute();
      const reports = await trx.selectFrom("report").select("id").where("agreement_id", "in", agreementIds).execute();
      attachmentOwners.push(
        ...deliveries.map((d) => d.id),
        ...obligations.map((o) => o.id),
        ...money.map((m) => m.id),
        ...reports.map((r) => r.id),
      );
    }
    const attachments = attachmentOwners.length
      ? await trx
          .selectFrom("attachment")
          .select(["id", "stored_name"])
          .where("owner_id", "in", attachmentOwners)
          .execute()
      : [];

    if (agreementIds.length > 0) {
      await trx.deleteFrom("agreement_search").where("agreement_id", "in", agreementIds).execute();
      // Children before parents: PostgreSQL checks each cascaded delete on its own, so a row that
      // names another without cascading (an action of the plan naming its party) must go first.
      await trx
        .deleteFrom("minutes_approval")
        .where("meeting_id", "in", (eb) =>
          eb.selectFrom("meeting").select("id").where("agreement_id", "in", agreementIds),
        )
        .execute();
      await forgetMoney(trx, agreementIds);
      for (const table of AGREEMENT_CHILDREN)
        await trx.deleteFrom(table).where("agreement_id", "in", agreementIds).execute();
      await trx.deleteFrom("agreement").where("id", "in", agreementIds).execute();
    }
    if (orgIds.length > 0) await trx.deleteFrom("organization").where("id", "in", orgIds).execute();
    if (attachments.length > 0)
      await trx
        .deleteFrom("attachment")
        .where(
          "id",
          "in",
          attachments.map((a) => a.id),
        )
        .execute();
    files.push(...attachments.map((a) => a.stored_name));

    // Demo accounts still named by records that stay are disabled, the others deleted.
    const kept = new Set<string>();
    if (userIds.length > 0) {
      for (const [table, column] of USER_REFERENCES) {
        const rows = await sql<{ userId: string }>`select distinct ${sql.ref(column)} as "userId" from ${sql.table(
          table,
        )} where ${sql.ref(column)} in (${sql.join(userIds)})`.execute(trx);
        for (const row of rows.rows) kept.add(row.userId);
      }
    }
    const deleted = userIds.filter((id) => !kept.has(id));
    if (deleted.length > 0) await trx.deleteFrom("user").where("id", "in", deleted).execute();
    if (kept.size > 0) {
      await trx
        .updateTable("user")
        .set({ disabled_at: nowIso(), is_platform_admin: 0, updated_at: nowIso() })
        .where("id", "in", [...kept])
        .execute();
      await trx
        .deleteFrom("session")
        .where("user_id", "in", [...kept])
        .execute();
      await trx
        .deleteFrom("calendar_feed")
        .where("user_id", "in", [...kept])
        .execute();
    }
    const result: DemoRemovalReport = {
      organizations: orgIds.length,
      people: deleted.length,
      disabledPeople: kept.size,
      agreements: agreementIds.length,
      files: attachments.length,
    };
    await appendAuditEvent(trx, meta, { type: "demo.removed", data: { ...result } });
    return result;
  });
  // Side effects after the commit: the stored files of what went.
  for (const name of files) discardFile(name);
  return report;
}
