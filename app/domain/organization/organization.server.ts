/** Organizations and their members: queries filtered by what the actor may see, and commands. */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { OrganizationKind } from "../../../db/schema";
import {
  canCreateOrganization,
  canListSignatoryCandidates,
  canManageOrganization,
  canViewOrganization,
  organizationIds,
  type Actor,
  type AgreementAccessFacts,
} from "../access/access";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import type { OrganizationInput } from "./organization.schema";
import { ORGANIZATION_NAMES } from "../party/party.queries.server";
import { keptRowsDiffer } from "~/lib/kept-rows";
import { oncePerRequest } from "~/lib/request-context.server";

const SUMMARY_COLUMNS = [
  "organization.id",
  "organization.kind",
  ...ORGANIZATION_NAMES,
  "organization.city",
  "organization.region",
] as const;

/**
 * Organizations the actor belongs to; with scope "visible", all those the actor may see
 * (every organization for a platform administrator).
 */
export async function listOrganizations(db: DB, actor: Actor, scope: "mine" | "visible" = "visible") {
  let query = db
    .selectFrom("organization")
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("membership")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("membership.organization_id", "=", "organization.id")
        .as("memberCount"),
    )
    .orderBy(sql`lower(coalesce(organization.name_fr, organization.name_ar))`);
  if (scope === "mine" || !actor.isPlatformAdmin) {
    query = query.where("organization.id", "in", (eb) =>
      eb.selectFrom("membership").select("organization_id").where("user_id", "=", actor.userId),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount ?? 0) }));
}

/** One organization, or null when it does not exist or the actor may not see it. */
export async function getOrganization(db: DB, actor: Actor, organizationId: string) {
  if (!canViewOrganization(actor, organizationId)) return null;
  const org = await db
    .selectFrom("organization")
    .select([
      ...SUMMARY_COLUMNS,
      "organization.registration_number as registrationNumber",
      "organization.contact_email as contactEmail",
      "organization.contact_phone as contactPhone",
      "organization.version",
      "organization.stamp_attachment_id as stampAttachmentId",
      "organization.require_two_factor as requireTwoFactor",
    ])
    .where("organization.id", "=", organizationId)
    .executeTakeFirst();
  return org ?? null;
}

function toColumns(input: OrganizationInput) {
  return {
    kind: input.kind as OrganizationKind,
    name_fr: input.nameFr ?? null,
    name_ar: input.nameAr ?? null,
    city: input.city ?? null,
    region: input.region ?? null,
    registration_number: input.registrationNumber ?? null,
    contact_email: input.contactEmail ?? null,
    contact_phone: input.contactPhone ?? null,
  };
}

export async function createOrganization(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: OrganizationInput,
): Promise<{ ok: true; id: string } | { ok: false; error: "forbidden" }> {
  if (!canCreateOrganization(actor)) return { ok: false, error: "forbidden" };
  const id = newId();
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("organization")
      .values({ id, ...toColumns(input), created_at: now, updated_at: now })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "organization.created",
      organizationId: id,
      subjectId: id,
      data: { kind: input.kind, name: input.nameFr ?? input.nameAr ?? "" },
    });
  });
  return { ok: true, id };
}

/** Saves new details if nobody saved since `version` was read; otherwise a conflict. */
export async function updateOrganization(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  input: OrganizationInput & { version: number },
): Promise<{ ok: true } | { ok: false; error: "forbidden" | "conflict" }> {
  const { version } = input;
  if (!canManageOrganization(actor, organizationId)) return { ok: false, error: "forbidden" };
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom("organization").selectAll().where("id", "=", organizationId).executeTakeFirst();
    if (!before) return { ok: false as const, error: "forbidden" as const };
    const columns = toColumns(input);
    const result = await trx
      .updateTable("organization")
      .set({ ...columns, updated_at: nowIso(), version: version + 1 })
      .where("id", "=", organizationId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false as const, error: "conflict" as const };
    const fields = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => before[k] !== columns[k]);
    await appendAuditEvent(trx, meta, {
      type: "organization.updated",
      organizationId,
      subjectId: organizationId,
      data: { fields },
    });
    return { ok: true as const };
  });
}

/**
 * Names of every organization, to choose a partner in an agreement. Only public facts
 * (kind, names, city) — never members or contacts.
 */
export async function listOrganizationDirectory(db: DB) {
  return db
    .selectFrom("organization")
    .select(["id", "kind", ...ORGANIZATION_NAMES, "city"])
    .orderBy(sql`lower(coalesce(name_fr, name_ar))`)
    .execute();
}

/** What a name search matches: the text as typed, without LIKE's wildcards, case-insensitive for Latin letters. */
function nameContains(text: string): string {
  // Lower-cased, and compared with lower(name_fr): SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
  return `%${text
    .trim()
    .toLowerCase()
    .replace(/[%_\\]/g, "")}%`;
}

/**
 * The organizations the actor's organizations already work with: the other parties of their
 * agreements, by name. What lists of organizations show first; the rest of the directory is found by
 * searching (searchOrganizations), never listed whole.
 */
export async function knownPartners(db: DB, actor: Actor, options: { limit?: number; exclude?: string[] } = {}) {
  const mine = organizationIds(actor);
  if (!mine.length) return [];
  const limit = options.limit ?? 50;
  const left = [...mine, ...(options.exclude ?? [])];
  // Each of my organizations' first partners by name, past mine and the excluded (kept pairs, migration
  // 0190; a range of their index), then those few ordered as one list by the same kept name, which
  // their triggers keep equal to the organization's: only the `limit` shown are read from organization.
  const firsts = mine.map((own, i) =>
    db
      .selectFrom(
        db
          .selectFrom("organization_partner")
          .select(["partner_id", "sort_name"])
          .where("organization_id", "=", own)
          .where("partner_id", "not in", left)
          .orderBy("sort_name")
          .orderBy("partner_id")
          .limit(limit)
          .as(`first${i}`),
      )
      .selectAll(),
  );
  const shown = db
    .selectFrom(firsts.reduce((all, first) => all.unionAll(first)).as("firsts"))
    .select(["firsts.partner_id", "firsts.sort_name"])
    .distinct()
    .orderBy("firsts.sort_name")
    .orderBy("firsts.partner_id")
    .limit(limit)
    .as("shown");
  return db
    .selectFrom(shown)
    .innerJoin("organization", "organization.id", "shown.partner_id")
    .select(["organization.id", "organization.kind", ...ORGANIZATION_NAMES, "organization.city"])
    .orderBy("shown.sort_name")
    .orderBy("shown.partner_id")
    .execute();
}

/**
 * Whether two of these organizations are parties to one same agreement (kept pairs, migration 0190).
 * When none are, each agreement of theirs is counted once by adding up their kept totals (0200).
 */
export async function shareAnAgreement(db: DB, organizationIds: readonly string[]): Promise<boolean> {
  if (organizationIds.length < 2) return false;
  // Once per request: a dashboard's counts, chart and lists all ask.
  return oncePerRequest(`shareAnAgreement ${[...organizationIds].sort().join(" ")}`, async () => {
    const pair = await db
      .selectFrom("organization_partner")
      .select("partner_id")
      .where("organization_id", "in", organizationIds)
      .where("partner_id", "in", organizationIds)
      .limit(1)
      .executeTakeFirst();
    return pair !== undefined;
  });
}

/**
 * The kept partner pairs (migration 0190) that differ from the parties, computed from scratch: none
 * when the database's triggers kept them. Every integration file's database is checked when it closes.
 */
export async function stalePartners(db: DB) {
  const kept = await db
    .selectFrom("organization_partner")
    .select(["organization_id as organizationId", "partner_id as partnerId", "shared", "sort_name as sortName"])
    .orderBy("organization_id")
    .orderBy("partner_id")
    .execute();
  const scratch = await db
    .selectFrom("agreement_party as own")
    .innerJoin("agreement_party as other", (join) =>
      join
        .onRef("other.agreement_id", "=", "own.agreement_id")
        .onRef("other.organization_id", "<>", "own.organization_id"),
    )
    .innerJoin("organization", "organization.id", "other.organization_id")
    .select([
      "own.organization_id as organizationId",
      "other.organization_id as partnerId",
      sql<number>`count(*)`.as("shared"),
      sql<string | null>`min(lower(coalesce(organization.name_fr, organization.name_ar)))`.as("sortName"),
    ])
    .groupBy(["own.organization_id", "other.organization_id"])
    .orderBy("own.organization_id")
    .orderBy("other.organization_id")
    .execute();
  return keptRowsDiffer(kept, scratch, (r) => `${r.organizationId} ${r.partnerId} ${Number(r.shared)} ${r.sortName}`);
}

/** Organizations whose name contains the text; those in `first` (known partners) come first. */
export async function searchOrganizations(
  db: DB,
  text: string,
  options: { limit?: number; exclude?: string[]; first?: string[] } = {},
) {
  const pattern = nameContains(text);
  if (pattern === "%%") return [];
  let query = db
    .selectFrom("organization")
    .select(["id", "kind", ...ORGANIZATION_NAMES, "city"])
    .where((eb) => eb.or([eb(sql`lower(name_fr)`, "like", pattern), eb(sql`lower(name_ar)`, "like", pattern)]));
  if (options.exclude?.length) query = query.where("id", "not in", options.exclude);
  if (options.first?.length)
    query = query.orderBy((eb) => eb.case().when("id", "in", options.first!).then(0).else(1).end());
  return query
    .orderBy(sql`lower(coalesce(name_fr, name_ar))`)
    .limit(options.limit ?? 20)
    .execute();
}

/** The ids of the organizations whose name contains the text, as a subquery (the agreements list's partner filter). */
export function organizationIdsNamed(db: DB, text: string) {
  const pattern = nameContains(text);
  return db
    .selectFrom("organization")
    .select("organization.id")
    .where((eb) =>
      eb.or([
        eb(sql`lower(organization.name_fr)`, "like", pattern),
        eb(sql`lower(organization.name_ar)`, "like", pattern),
      ]),
    );
}

/** One organization's names (to show a filter by its id), or undefined. */
export async function organizationNames(db: DB, organizationId: string) {
  return db
    .selectFrom("organization")
    .select(["id", ...ORGANIZATION_NAMES])
    .where("id", "=", organizationId)
    .executeTakeFirst();
}

/**
 * Members of the agreement's parties as possible signatories (name and title only), for the parties
 * whose members the reader may see listed (canListSignatoryCandidates: their own organizations, and
 * other parties only once those can see the agreement).
 */
export async function listSignatoryCandidates(
  db: DB,
  actor: Actor,
  agreement: AgreementAccessFacts,
  partyOrganizationIds: string[],
) {
  const organizationIds = partyOrganizationIds.filter((id) => canListSignatoryCandidates(actor, id, agreement));
  if (organizationIds.length === 0) return [];
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select([
      "membership.organization_id as organizationId",
      "user.id as userId",
      "user.name",
      "membership.title",
      "membership.role",
    ])
    .where("membership.organization_id", "in", organizationIds)
    .orderBy("user.name")
    .execute();
}

/** Whether the organization's presidents and admins must use two-factor sign-in. */
export async function setTwoFactorPolicy(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  { required }: { required: boolean },
): Promise<{ ok: boolean }> {
  if (!canManageOrganization(actor, organizationId)) return { ok: false };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("organization")
      .set((eb) => ({ require_two_factor: required ? 1 : 0, updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", organizationId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "organization.two_factor_policy",
      organizationId,
      subjectId: organizationId,
      data: { required },
    });
  });
  return { ok: true };
}

/** Sets the organization's stamp (cachet), an image already checked and stored. */
export async function setOrganizationStamp(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  { stored }: { stored: { storedName: string; originalName: string; mimeType: string; size: number; sha256: string } },
): Promise<{ ok: boolean }> {
  if (!canManageOrganization(actor, organizationId)) return { ok: false };
  await inTransaction(db, async (trx) => {
    const id = await recordAttachment(trx, meta, {
      ownerType: "organization",
      ownerId: organizationId,
      purpose: "stamp",
      stored,
    });
    await trx
      .updateTable("organization")
      .set((eb) => ({ stamp_attachment_id: id, updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", organizationId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "organization.stamp_uploaded",
      organizationId,
      subjectId: id,
      data: { sha256: stored.sha256, size: stored.size },
    });
  });
  return { ok: true };
}

/** The stored file of the organization's stamp, if it has one. */
export async function organizationStamp(db: DB, organizationId: string) {
  return (
    (await db
      .selectFrom("organization")
      .innerJoin("attachment", "attachment.id", "organization.stamp_attachment_id")
      .select(["attachment.stored_name as storedName", "attachment.mime_type as mimeType", "attachment.sha256"])
      .where("organization.id", "=", organizationId)
      .executeTakeFirst()) ?? null
  );
}
