/**
 * Changing agreements. Each command re-checks who may do it and the lifecycle rules, and
 * commits its change, its audit event and the search index in one transaction.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Agreement, Database, OrganizationKind, PartyRole } from "../../../db/schema";
import { reindexAgreement } from "../../../db/search";
import { canEditAgreement, canManageAgreement, organizationsForNewAgreement, type Actor } from "../access/access";
import { setUpCommitteeOnActivation } from "../committee/committee.server";
import { setUpReportingOnActivation } from "../report/report-calendar.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso, todayInMorocco } from "~/lib/time";
import type { AgreementDetailsInput, PartyInput } from "./agreement.schema";
import { currentSnapshot, findAgreement, lifecycleFacts, type LoadedAgreement } from "./agreement.queries.server";
import { prefillPlanOnRenewal } from "../plan/plan.server";
import {
  amendmentBlockers,
  checkTransition,
  computedEndDate,
  hasExpired,
  renewalEnd,
  TEXT_EDITABLE_STATUSES,
  type LifecycleAction,
  type TransitionInput,
} from "./lifecycle";
import { formatReference, parseReferenceSequence, referencePrefix } from "./reference";
import { serializeSnapshot, snapshotHash } from "./snapshot";
import { refreshDueDates } from "../delivery/due-dates.server";
import { NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { markConditionsMet } from "../finance/tranches.server";
import { keepMoney } from "../finance/money-totals.server";
import { partyOfAgreement } from "../party/party.queries.server";

export type { Refusal };

export function partyRoleFor(kind: OrganizationKind): PartyRole {
  if (kind === "association") return "association";
  if (kind === "public_body") return "public_authority";
  return "partner";
}

function detailColumns(input: AgreementDetailsInput) {
  return {
    title: input.title,
    title_secondary: input.titleSecondary ?? null,
    kind: input.kind as Agreement["kind"],
    purpose: input.purpose ?? "",
    territory: input.territory ?? null,
    signing_place: input.signingPlace ?? null,
    effective_date: input.effectiveDate ?? null,
    end_date: input.endDate ?? null,
    duration_months: input.durationMonths ?? null,
    tacit_renewal: input.tacitRenewal ? 1 : 0,
    renewal_notice_days: input.renewalNoticeDays ?? null,
    currency: input.currency,
    total_budget_cents: input.totalBudget ?? null,
  };
}

async function nextReference(trx: Transaction<Database>, now: Date): Promise<string> {
  const year = Number(todayInMorocco(now).slice(0, 4));
  const last = await trx
    .selectFrom("agreement")
    .select("reference")
    .where("reference", "like", `${referencePrefix(year)}%`)
    .orderBy("reference", "desc")
    .limit(1)
    .executeTakeFirst();
  return formatReference(year, (last ? (parseReferenceSequence(last.reference) ?? 0) : 0) + 1);
}

export async function createAgreement(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: AgreementDetailsInput & {
    ownerOrganizationId: string;
    partnerOrganizationId?: string;
    parentAgreementId?: string;
    amendsEndDate?: string;
  },
  now: Date = new Date(),
): Promise<{ ok: true; id: string; reference: string } | Refusal> {
  if (!actor.isPlatformAdmin && !organizationsForNewAgreement(actor).includes(input.ownerOrganizationId))
    return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const orgIds = [input.ownerOrganizationId, input.partnerOrganizationId].filter(
      (x): x is string => !!x && x.length > 0,
    );
    const orgs = await trx.selectFrom("organization").select(["id", "kind"]).where("id", "in", orgIds).execute();
    if (orgs.length !== new Set(orgIds).size) return NOT_FOUND;
    const id = newId();
    const at = nowIso(now);
    const reference = await nextReference(trx, now);
    await trx
      .insertInto("agreement")
      .values({
        id,
        reference,
        ...detailColumns(input),
        kind: input.parentAgreementId ? "amendment" : (input.kind as Agreement["kind"]),
        status: "draft",
        owner_organization_id: input.ownerOrganizationId,
        parent_agreement_id: input.parentAgreementId ?? null,
        amends_end_date: input.amendsEndDate ?? null,
        signed_on: null,
        status_reason: null,
        terminated_on: null,
        created_by_user_id: meta.actorUserId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await refreshDueDates(trx, id);
    let order = 0;
    for (const orgId of [...new Set(orgIds)]) {
      const org = orgs.find((o) => o.id === orgId)!;
      await trx
        .insertInto("agreement_party")
        .values({
          id: newId(),
          agreement_id: id,
          organization_id: orgId,
          role: partyRoleFor(org.kind),
          signatory_name: null,
          signatory_title: null,
          signatory_user_id: null,
          contribution_cents: null,
          contribution_in_kind: null,
          signing_order: order++,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await appendAuditEvent(
      trx,
      meta,
      {
        type: "agreement.created",
        agreementId: id,
        organizationId: input.ownerOrganizationId,
        subjectId: id,
        data: {
          reference,
          title: input.title,
          ...(input.parentAgreementId ? { parentAgreementId: input.parentAgreementId } : {}),
        },
      },
      now,
    );
    await reindexAgreement(trx, id);
    return { ok: true as const, id, reference };
  });
}

/** Saves the details if nobody saved since `version`; only while the text is editable. */
export async function updateAgreementDetails(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: AgreementDetailsInput & { version: number },
): Promise<{ ok: true } | Refusal> {
  const { version } = input;
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canEditAgreement(actor, loaded.access))
    return { ok: false, error: "rule", errors: [{ key: "agreement.error.frozen" }] };
  return inTransaction(db, async (trx) => {
    const columns = detailColumns(input);
    if (loaded.agreement.kind === "amendment") columns.kind = "amendment";
    const result = await trx
      .updateTable("agreement")
      .set({ ...columns, updated_at: nowIso(), version: version + 1 })
      .where("id", "=", loaded.agreement.id)
      .where("version", "=", version)
      .where("status", "in", TEXT_EDITABLE_STATUSES)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false as const, error: "conflict" as const };
    await refreshDueDates(trx, loaded.agreement.id);
    const before = loaded.agreement as unknown as Record<string, unknown>;
    const fields = Object.entries(columns)
      .filter(([k, v]) => String(before[k] ?? "") !== String(v ?? ""))
      .map(([k]) => k);
    await appendAuditEvent(trx, meta, {
      type: "agreement.updated",
      agreementId: loaded.agreement.id,
      subjectId: loaded.agreement.id,
      data: { fields },
    });
    await reindexAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

export async function addParty(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: PartyInput,
): Promise<{ ok: true } | Refusal | { ok: false; error: "duplicate" }> {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canEditAgreement(actor, loaded.access))
    return { ok: false, error: "rule", errors: [{ key: "agreement.error.frozen" }] };
  return inTransaction(db, async (trx) => {
    const org = await trx
      .selectFrom("organization")
      .select(["id"])
      .where("id", "=", input.organizationId)
      .executeTakeFirst();
    if (!org) return NOT_FOUND;
    const existing = await trx
      .selectFrom("agreement_party")
      .select("id")
      .where("agreement_id", "=", loaded.agreement.id)
      .where("organization_id", "=", input.organizationId)
      .executeTakeFirst();
    if (existing) return { ok: false as const, error: "duplicate" as const };
    const last = await trx
      .selectFrom("agreement_party")
      .select("signing_order")
      .where("agreement_id", "=", loaded.agreement.id)
      .orderBy("signing_order", "desc")
      .executeTakeFirst();
    const signatory = await signatoryFields(trx, input.organizationId, input);
    const at = nowIso();
    await trx
      .insertInto("agreement_party")
      .values({
        id: newId(),
        agreement_id: loaded.agreement.id,
        organization_id: input.organizationId,
        role: input.role,
        ...signatory,
        contribution_cents: null,
        contribution_in_kind: null,
        signing_order: (last?.signing_order ?? -1) + 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "agreement.party_added",
      agreementId: loaded.agreement.id,
      subjectId: input.organizationId,
      data: { organizationId: input.organizationId, role: input.role },
    });
    await touchAgreement(trx, loaded.agreement.id);
    await keepMoney(trx, loaded.agreement.id);
    await reindexAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

/**
 * The signatory's account must belong to the party's organization (anything else is
 * ignored); when chosen, their name and title fill the fields left empty.
 */
async function signatoryFields(
  trx: Transaction<Database>,
  organizationId: string,
  input: { signatoryUserId?: string; signatoryName?: string; signatoryTitle?: string },
) {
  const member = input.signatoryUserId
    ? await trx
        .selectFrom("membership")
        .innerJoin("user", "user.id", "membership.user_id")
        .select(["user.id", "user.name", "membership.title"])
        .where("membership.organization_id", "=", organizationId)
        .where("membership.user_id", "=", input.signatoryUserId)
        .executeTakeFirst()
    : undefined;
  return {
    signatory_user_id: member?.id ?? null,
    signatory_name: input.signatoryName ?? member?.name ?? null,
    signatory_title: input.signatoryTitle ?? member?.title ?? null,
  };
}

/** Marks the agreement as changed (its updated_at and version) when a part of it changes. */
export async function touchAgreement(trx: Transaction<Database>, agreementId: string) {
  await trx
    .updateTable("agreement")
    .set((eb) => ({ updated_at: nowIso(), version: eb("version", "+", 1) }))
    .where("id", "=", agreementId)
    .execute();
}

export async function updateParty(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: Omit<PartyInput, "organizationId"> & { partyId: string; version: number },
): Promise<{ ok: true } | Refusal> {
  const { partyId, version } = input;
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canEditAgreement(actor, loaded.access))
    return { ok: false, error: "rule", errors: [{ key: "agreement.error.frozen" }] };
  return inTransaction(db, async (trx) => {
    const party = await trx
      .selectFrom("agreement_party")
      .selectAll()
      .where("id", "=", partyId)
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!party) return NOT_FOUND;
    const changes = {
      role: input.role,
      ...(await signatoryFields(trx, party.organization_id, input)),
    };
    const result = await trx
      .updateTable("agreement_party")
      .set({ ...changes, updated_at: nowIso(), version: version + 1 })
      .where("id", "=", partyId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false as const, error: "conflict" as const };
    const fields = Object.entries(changes)
      .filter(([k, v]) => String((party as Record<string, unknown>)[k] ?? "") !== String(v ?? ""))
      .map(([k]) => k);
    await appendAuditEvent(trx, meta, {
      type: "agreement.party_updated",
      agreementId: loaded.agreement.id,
      subjectId: party.organization_id,
      data: { organizationId: party.organization_id, fields },
    });
    await touchAgreement(trx, loaded.agreement.id);
    await reindexAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

export async function removeParty(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { partyId }: { partyId: string },
): Promise<{ ok: true } | Refusal> {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canEditAgreement(actor, loaded.access))
    return { ok: false, error: "rule", errors: [{ key: "agreement.error.frozen" }] };
  return inTransaction(db, async (trx) => {
    const party = await partyOfAgreement(trx, loaded.agreement.id, partyId);
    if (!party) return NOT_FOUND;
    if (party.organization_id === loaded.agreement.owner_organization_id) {
      return { ok: false as const, error: "rule" as const, errors: [{ key: "agreement.error.ownerParty" as const }] };
    }
    await trx.deleteFrom("agreement_party").where("id", "=", partyId).execute();
    await appendAuditEvent(trx, meta, {
      type: "agreement.party_removed",
      agreementId: loaded.agreement.id,
      subjectId: party.organization_id,
      data: { organizationId: party.organization_id },
    });
    await touchAgreement(trx, loaded.agreement.id);
    await keepMoney(trx, loaded.agreement.id);
    await reindexAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

/** Freezes the current text as the next numbered version, with its SHA-256. */
export async function freezeVersion(
  trx: Transaction<Database>,
  meta: RequestMeta,
  agreementId: string,
  reason: "negotiation" | "signature" | "amendment",
): Promise<{ number: number; hash: string }> {
  const agreement = await trx
    .selectFrom("agreement")
    .selectAll()
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const serialized = serializeSnapshot(await currentSnapshot(trx, agreement));
  const hash = snapshotHash(serialized);
  const number = agreement.text_version + 1;
  await trx
    .insertInto("agreement_version")
    .values({
      id: newId(),
      agreement_id: agreementId,
      number,
      reason,
      snapshot: serialized,
      hash,
      created_by_user_id: meta.actorUserId,
      created_at: nowIso(),
    })
    .execute();
  await trx.updateTable("agreement").set({ text_version: number }).where("id", "=", agreementId).execute();
  await appendAuditEvent(trx, meta, {
    type: "agreement.version_frozen",
    agreementId,
    subjectId: agreementId,
    data: { number, reason, hash },
  });
  return { number, hash };
}

/** A lifecycle step asked of an agreement: which, what was typed with it, and when (now by default). */
export type TransitionRequest = TransitionInput & { agreementId: string; action: LifecycleAction; now?: Date };

/**
 * Moves the agreement through its lifecycle after checking the rules. Opening negotiation
 * and sending for signature freeze a version; activating an amendment applies it to its parent.
 */
export async function transitionAgreement(
  db: DB,
  actor: Actor | "system",
  meta: RequestMeta,
  request: TransitionRequest,
): Promise<{ ok: true; to: Agreement["status"] } | Refusal> {
  return inTransaction(db, (trx) => transitionInTransaction(trx, actor, meta, request));
}

/** The same, inside a transaction that also makes other changes (e.g. the last signature). */
export async function transitionInTransaction(
  trx: Transaction<Database>,
  actor: Actor | "system",
  meta: RequestMeta,
  { agreementId, action, now = new Date(), ...input }: TransitionRequest,
): Promise<{ ok: true; to: Agreement["status"] } | Refusal> {
  const agreement = await trx.selectFrom("agreement").selectAll().where("id", "=", agreementId).executeTakeFirst();
  if (!agreement) return NOT_FOUND;
  if (actor !== "system") {
    const loaded = await findAgreement(trx, actor, agreementId);
    if (!loaded || !canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  }
  const today = todayInMorocco(now);
  const facts = await lifecycleFacts(trx, agreement, today);
  const check = checkTransition(action, facts, input);
  if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };

  await trx
    .updateTable("agreement")
    .set((eb) => ({
      status: check.to,
      status_reason: input.reason ?? null,
      terminated_on: action === "terminate" ? (input.date ?? today) : agreement.terminated_on,
      // The day it was signed: today for the last signature in the app, the ceremony's date on paper.
      signed_on: action === "activate" ? (input.date ?? today) : agreement.signed_on,
      updated_at: nowIso(now),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", agreementId)
    .execute();
  await appendAuditEvent(
    trx,
    meta,
    {
      type: "agreement.transitioned",
      agreementId,
      subjectId: agreementId,
      data: {
        action,
        from: agreement.status,
        to: check.to,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.date ? { date: input.date } : {}),
      },
    },
    now,
  );
  if (action === "open_negotiation") await freezeVersion(trx, meta, agreementId, "negotiation");
  if (action === "send_for_signature") await freezeVersion(trx, meta, agreementId, "signature");
  // An agreement with a follow-up clause gets its joint committee when it comes into force.
  if (action === "activate" && agreement.kind !== "amendment") await setUpCommitteeOnActivation(trx, meta, agreementId);
  // Tranches due on signature become due on the day it was signed.
  if (action === "activate")
    await markConditionsMet(trx, { kind: "signature", agreementId, on: input.date ?? today }, meta);
  // …and its reporting calendar, when its articles speak of reports.
  if (action === "activate" && agreement.kind !== "amendment") await setUpReportingOnActivation(trx, meta, agreementId);
  if (action === "activate" && agreement.kind === "amendment" && agreement.parent_agreement_id) {
    await applyAmendment(trx, meta, agreement);
  }
  return { ok: true as const, to: check.to };
}

/**
 * An active amendment changes its parent: the new end date, and its articles appended;
 * the parent's signed versions stay as they were and a consolidated version is frozen.
 */
async function applyAmendment(trx: Transaction<Database>, meta: RequestMeta, amendment: Agreement) {
  const parentId = amendment.parent_agreement_id!;
  const clauses = await trx
    .selectFrom("clause")
    .selectAll()
    .where("agreement_id", "=", amendment.id)
    .orderBy("position")
    .execute();
  const last = await trx
    .selectFrom("clause")
    .select("position")
    .where("agreement_id", "=", parentId)
    .orderBy("position", "desc")
    .executeTakeFirst();
  let position = last?.position ?? 0;
  const at = nowIso();
  for (const clause of clauses) {
    position += 1;
    await trx
      .insertInto("clause")
      .values({
        id: newId(),
        agreement_id: parentId,
        position,
        heading: clause.heading,
        body: clause.body,
        source_amendment_id: amendment.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  if (amendment.amends_end_date) {
    await trx
      .updateTable("agreement")
      .set({ end_date: amendment.amends_end_date, duration_months: null })
      .where("id", "=", parentId)
      .execute();
    await refreshDueDates(trx, parentId);
  }
  await trx
    .updateTable("agreement")
    .set((eb) => ({ updated_at: at, version: eb("version", "+", 1) }))
    .where("id", "=", parentId)
    .execute();
  await appendAuditEvent(trx, meta, {
    type: "agreement.amendment_applied",
    agreementId: parentId,
    subjectId: amendment.id,
    data: {
      amendmentId: amendment.id,
      reference: amendment.reference,
      ...(amendment.amends_end_date ? { newEndDate: amendment.amends_end_date } : {}),
      addedArticles: clauses.length,
    },
  });
  await freezeVersion(trx, meta, parentId, "amendment");
  await reindexAgreement(trx, parentId);
}

/** Creates an amendment (avenant) of an agreement in force (amendmentBlockers): same parties, its own text and lifecycle. */
export async function createAmendment(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  parent: LoadedAgreement,
  input: { title: string; amendsEndDate?: string },
): Promise<{ ok: true; id: string } | Refusal> {
  if (!canManageAgreement(actor, parent.access)) return NOT_FOUND;
  const blockers = amendmentBlockers(parent.agreement);
  if (blockers.length) return ruleBroken(...blockers);
  const p = parent.agreement;
  const created = await createAgreement(db, actor, meta, {
    title: input.title,
    titleSecondary: undefined,
    kind: "partnership",
    purpose: undefined,
    territory: p.territory ?? undefined,
    signingPlace: p.signing_place ?? undefined,
    effectiveDate: undefined,
    endDate: undefined,
    durationMonths: undefined,
    tacitRenewal: false,
    renewalNoticeDays: undefined,
    currency: p.currency as "MAD",
    totalBudget: undefined,
    ownerOrganizationId: p.owner_organization_id,
    parentAgreementId: p.id,
    amendsEndDate: input.amendsEndDate,
  });
  if (!created.ok) return created;
  await inTransaction(db, async (trx) => {
    const parties = await trx.selectFrom("agreement_party").selectAll().where("agreement_id", "=", p.id).execute();
    const at = nowIso();
    for (const party of parties) {
      if (party.organization_id === p.owner_organization_id) {
        await trx
          .updateTable("agreement_party")
          .set({
            signatory_name: party.signatory_name,
            signatory_title: party.signatory_title,
            signatory_user_id: party.signatory_user_id,
          })
          .where("agreement_id", "=", created.id)
          .where("organization_id", "=", party.organization_id)
          .execute();
        continue;
      }
      await trx
        .insertInto("agreement_party")
        .values({
          ...party,
          id: newId(),
          agreement_id: created.id,
          contribution_cents: null,
          contribution_in_kind: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
    }
    await appendAuditEvent(trx, meta, {
      type: "agreement.amendment_created",
      agreementId: p.id,
      subjectId: created.id,
      data: { amendmentId: created.id, reference: created.reference },
    });
    await reindexAgreement(trx, created.id);
  });
  return { ok: true, id: created.id };
}

/**
 * Checked when an agreement is read, and by the daily job: past its end, an agreement with
 * tacit renewal is renewed for its term (and next year's action plan prefilled); any other expires.
 */
export async function expireIfPast(db: DB, agreement: Agreement, now: Date = new Date()): Promise<boolean> {
  const today = todayInMorocco(now);
  const facts = {
    status: agreement.status,
    effectiveDate: agreement.effective_date,
    endDate: agreement.end_date,
    durationMonths: agreement.duration_months,
    tacitRenewal: agreement.tacit_renewal === 1,
  };
  const meta = { actorUserId: null, ip: null, userAgent: "charaka" };
  const renewedTo = renewalEnd(facts, today);
  if (renewedTo) {
    const previousEnd = computedEndDate(facts)!;
    return inTransaction(db, async (trx) => {
      const renewed = await trx
        .updateTable("agreement")
        .set((eb) => ({ end_date: renewedTo, updated_at: nowIso(now), version: eb("version", "+", 1) }))
        .where("id", "=", agreement.id)
        .where("status", "=", agreement.status)
        // "is not distinct from": equal, or both null — SQLite's `is`, which PostgreSQL accepts only before null.
        .where("end_date", "is not distinct from", agreement.end_date)
        .executeTakeFirst();
      // Another run (a second instance's daily job) renewed it first: nothing more to record.
      if (Number(renewed.numUpdatedRows) === 0) return false;
      await refreshDueDates(trx, agreement.id);
      await appendAuditEvent(
        trx,
        meta,
        {
          type: "agreement.renewed",
          agreementId: agreement.id,
          subjectId: agreement.id,
          data: { from: previousEnd, to: renewedTo },
        },
        now,
      );
      const year = Number(today.slice(0, 4));
      await prefillPlanOnRenewal(trx, meta, agreement.id, year);
      return true;
    });
  }
  if (!hasExpired(facts, today)) return false;
  const result = await transitionAgreement(db, "system", meta, {
    agreementId: agreement.id,
    action: "expire",
    date: computedEndDate(facts) ?? today,
    now,
  });
  return result.ok;
}
