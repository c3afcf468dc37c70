/**
 * Signing an agreement: in the app (typed name, consent, password confirmed), declining,
 * or recording a paper signing with its scan. Each writes the signature, its audit event
 * and — with the last signature — the activation, in one transaction.
 */
import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { AgreementParty, Database, Signature } from "../../../db/schema";
import { canManageAgreement, type Actor } from "../access/access";
import { transitionInTransaction, type Refusal } from "../agreement/agreement.commands.server";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { isBeforeSignature } from "../agreement/lifecycle";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { markReauthenticated } from "~/lib/auth.server";
import { newId } from "~/lib/crypto.server";
import { confirmPassword, type PasswordRefusal } from "../identity/login.server";
import { nowIso, todayInMorocco } from "~/lib/time";
import type { StoredFile } from "~/lib/uploads.server";
import { NOT_FOUND, ruleBroken } from "../result";
import { checkCanSign, everyoneSigned, isAcceptableDrawing, type SigningOrder, type SigningParty } from "./signing";

export type SigningRefusal =
  | Refusal
  | PasswordRefusal
  | { ok: false; error: "cannotSign"; reason: "notSignatory" | "alreadySigned" | "notYourTurn" };

/** The signing of the agreement's current version: the version, its parties and their valid signatures. */
export async function signingState(trx: Transaction<Database> | DB, agreementId: string) {
  const agreement = await trx
    .selectFrom("agreement")
    .selectAll()
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const version = await trx
    .selectFrom("agreement_version")
    .select(["number", "hash"])
    .where("agreement_id", "=", agreementId)
    .where("number", "=", agreement.text_version)
    .executeTakeFirst();
  const parties = await trx
    .selectFrom("agreement_party")
    .select([
      "id",
      "organization_id",
      "role",
      "signatory_user_id",
      "signatory_name",
      "signatory_title",
      "signing_order",
    ])
    .where("agreement_id", "=", agreementId)
    .orderBy("signing_order")
    .execute();
  const signatures = await trx
    .selectFrom("signature")
    .selectAll()
    .where("agreement_id", "=", agreementId)
    .where("version_number", "=", agreement.text_version)
    .where("status", "=", "valid")
    .execute();
  const signingParties: SigningParty[] = parties.map((p) => ({
    id: p.id,
    role: p.role,
    signatoryUserId: p.signatory_user_id,
    signed: signatures.some((s) => s.party_id === p.id),
  }));
  return { agreement, version, parties, signatures, signingParties, order: agreement.signing_order as SigningOrder };
}

/** Writes one signature of the agreement's current version (in the app or on paper). */
export async function insertSignature(
  trx: Transaction<Database>,
  meta: RequestMeta,
  fields: {
    agreementId: string;
    version: { number: number; hash: string };
    party: Pick<AgreementParty, "id" | "organization_id">;
    userId: string | null;
    name: string;
    title: string | null;
    method: Signature["method"];
    drawing?: string | null;
    paperSigningId?: string | null;
    /** The signature's day: in Morocco for one in the app, the ceremony's date on paper. */
    signedOn: string;
    /** The instant, in the app; null on paper (a ceremony has a date, not a time). */
    signedAt: string | null;
  },
) {
  await trx
    .insertInto("signature")
    .values({
      id: newId(),
      agreement_id: fields.agreementId,
      version_number: fields.version.number,
      content_hash: fields.version.hash,
      party_id: fields.party.id,
      organization_id: fields.party.organization_id,
      user_id: fields.userId,
      signer_name: fields.name,
      signer_title: fields.title,
      method: fields.method,
      drawing_png: fields.drawing ?? null,
      paper_signing_id: fields.paperSigningId ?? null,
      signed_on: fields.signedOn,
      signed_at: fields.signedAt,
      ip: meta.ip,
      user_agent: meta.userAgent ? meta.userAgent.slice(0, 500) : null,
      voided_at: null,
      void_reason: null,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
}

/**
 * Records that a designated signatory opened the text to sign (once per visit): the page's view
 * says whether the reader signs for a party and which version is open.
 */
export async function recordSigningViewed(
  db: DB,
  meta: RequestMeta,
  view: { agreementId: string; versionNumber: number | null; mine: readonly unknown[] },
) {
  const { agreementId, versionNumber } = view;
  if (view.mine.length === 0 || !versionNumber) return;
  await inTransaction(db, (trx) =>
    appendAuditEvent(trx, meta, {
      type: "agreement.signing_viewed",
      agreementId,
      subjectId: agreementId,
      data: { number: versionNumber },
    }),
  );
}

export async function signAgreement(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { partyId: string; typedName: string; password: string; drawing?: string; sessionId: string; now?: Date },
): Promise<{ ok: true; activated: boolean } | SigningRefusal> {
  const { now = new Date() } = input;
  if (loaded.agreement.status !== "awaiting_signatures")
    return { ok: false, error: "rule", errors: [{ key: "signing.error.notAwaiting" }] };
  const refused = await confirmPassword(db, { userId: actor.userId, password: input.password, ip: meta.ip }, now);
  if (refused) return refused;
  await markReauthenticated(db, input.sessionId, now);
  if (input.drawing !== undefined && !isAcceptableDrawing(input.drawing))
    return { ok: false, error: "rule", errors: [{ key: "signing.error.drawing" }] };

  return inTransaction(db, async (trx) => {
    const state = await signingState(trx, loaded.agreement.id);
    if (state.agreement.status !== "awaiting_signatures" || !state.version) {
      return { ok: false as const, error: "rule" as const, errors: [{ key: "signing.error.notAwaiting" as const }] };
    }
    const party = state.signingParties.find((p) => p.id === input.partyId);
    if (!party) return NOT_FOUND;
    const check = checkCanSign(actor.userId, party, state.signingParties, state.order);
    if (!check.ok) return { ok: false as const, error: "cannotSign" as const, reason: check.reason };
    const row = state.parties.find((p) => p.id === party.id)!;
    const at = nowIso(now);
    await insertSignature(trx, meta, {
      agreementId: loaded.agreement.id,
      version: state.version,
      party: row,
      userId: actor.userId,
      name: input.typedName,
      title: row.signatory_title,
      method: "in_app",
      drawing: input.drawing ?? null,
      signedOn: todayInMorocco(now),
      signedAt: at,
    });
    await appendAuditEvent(
      trx,
      meta,
      {
        type: "agreement.signed",
        agreementId: loaded.agreement.id,
        organizationId: row.organization_id,
        subjectId: party.id,
        data: { number: state.version.number, hash: state.version.hash, name: input.typedName, method: "in_app" },
      },
      now,
    );
    party.signed = true;
    let activated = false;
    if (everyoneSigned(state.signingParties)) {
      const result = await transitionInTransaction(trx, "system", meta, {
        agreementId: loaded.agreement.id,
        action: "activate",
        now,
      });
      activated = result.ok;
    }
    return { ok: true as const, activated };
  });
}

/** A signatory declines: the signatures of this version become void and negotiation reopens. */
export async function declineSigning(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { partyId: string; reason: string; now?: Date },
): Promise<{ ok: true } | SigningRefusal> {
  const { now = new Date() } = input;
  return inTransaction(db, async (trx) => {
    const state = await signingState(trx, loaded.agreement.id);
    if (state.agreement.status !== "awaiting_signatures")
      return { ok: false as const, error: "rule" as const, errors: [{ key: "signing.error.notAwaiting" as const }] };
    const party = state.signingParties.find((p) => p.id === input.partyId);
    if (!party || party.signatoryUserId !== actor.userId) return NOT_FOUND;
    const at = nowIso(now);
    const voided = await trx
      .updateTable("signature")
      .set((eb) => ({
        status: "void",
        voided_at: at,
        void_reason: input.reason,
        updated_at: at,
        version: eb("version", "+", 1),
      }))
      .where("agreement_id", "=", loaded.agreement.id)
      .where("version_number", "=", state.agreement.text_version)
      .where("status", "=", "valid")
      .executeTakeFirst();
    await appendAuditEvent(
      trx,
      meta,
      {
        type: "agreement.declined",
        agreementId: loaded.agreement.id,
        subjectId: party.id,
        data: {
          number: state.agreement.text_version,
          reason: input.reason,
          voidedSignatures: Number(voided.numUpdatedRows),
        },
      },
      now,
    );
    const result = await transitionInTransaction(trx, "system", meta, {
      agreementId: loaded.agreement.id,
      action: "decline",
      reason: input.reason,
      now,
    });
    return result.ok ? { ok: true as const } : result;
  });
}

/**
 * A signing that happened on paper (a ceremony): date, place, who signed for each party and
 * the scan of the signed document. Recorded by the drafting organization's managers.
 */
export async function recordPaperSigning(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    signedOn: string;
    place: string;
    signers: Record<string, { name: string; title?: string }>;
    scan: StoredFile;
    now?: Date;
  },
): Promise<{ ok: true } | SigningRefusal> {
  const { now = new Date() } = input;
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const state = await signingState(trx, loaded.agreement.id);
    if (state.agreement.status !== "awaiting_signatures" || !state.version) {
      return { ok: false as const, error: "rule" as const, errors: [{ key: "signing.error.notAwaiting" as const }] };
    }
    const at = nowIso(now);
    const attachmentId = await recordAttachment(trx, meta, {
      ownerType: "agreement",
      ownerId: loaded.agreement.id,
      purpose: "paper_scan",
      stored: input.scan,
      agreementId: loaded.agreement.id,
    });
    const paperId = newId();
    await trx
      .insertInto("paper_signing")
      .values({
        id: paperId,
        agreement_id: loaded.agreement.id,
        version_number: state.version.number,
        content_hash: state.version.hash,
        signed_on: input.signedOn,
        place: input.place,
        scan_attachment_id: attachmentId,
        recorded_by_user_id: meta.actorUserId,
        recorded_at: at,
      })
      .execute();
    for (const party of state.parties) {
      if (state.signatures.some((s) => s.party_id === party.id)) continue;
      const signer = input.signers[party.id];
      if (!signer)
        return { ok: false as const, error: "rule" as const, errors: [{ key: "signing.error.paperSigner" as const }] };
      await insertSignature(trx, meta, {
        agreementId: loaded.agreement.id,
        version: state.version,
        party,
        userId: null,
        name: signer.name,
        title: signer.title ?? null,
        method: "paper",
        paperSigningId: paperId,
        signedOn: input.signedOn,
        signedAt: null,
      });
    }
    await appendAuditEvent(
      trx,
      meta,
      {
        type: "agreement.signed_on_paper",
        agreementId: loaded.agreement.id,
        subjectId: paperId,
        data: { number: state.version.number, hash: state.version.hash, date: input.signedOn, place: input.place },
      },
      now,
    );
    // The agreement was signed on the ceremony's day, not on the day it is recorded.
    const result = await transitionInTransaction(trx, "system", meta, {
      agreementId: loaded.agreement.id,
      action: "activate",
      date: input.signedOn,
      now,
    });
    return result.ok ? { ok: true as const } : result;
  });
}

export async function setSigningOrder(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { signingOrder: order }: { signingOrder: SigningOrder },
): Promise<{ ok: true } | Refusal> {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!isBeforeSignature(loaded.agreement.status)) return ruleBroken({ key: "agreement.error.frozen" });
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("agreement")
      .set({ signing_order: order, updated_at: nowIso() })
      .where("id", "=", loaded.agreement.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "agreement.updated",
      agreementId: loaded.agreement.id,
      subjectId: loaded.agreement.id,
      data: { fields: ["signing_order"] },
    });
  });
  return { ok: true };
}

/** The paper signing record (the ceremony, and apart from it its recording) and its scan, for the parties. */
export async function paperSigningOf(db: DB, agreementId: string) {
  return (
    (await db
      .selectFrom("paper_signing")
      .innerJoin("attachment", "attachment.id", "paper_signing.scan_attachment_id")
      .leftJoin("user", "user.id", "paper_signing.recorded_by_user_id")
      .select([
        "paper_signing.id",
        "paper_signing.signed_on as signedOn",
        "paper_signing.place",
        "paper_signing.recorded_at as recordedAt",
        "user.name as recordedBy",
        "paper_signing.version_number as versionNumber",
        "attachment.id as attachmentId",
        "attachment.stored_name as storedName",
        "attachment.original_name as originalName",
        "attachment.size",
        "attachment.sha256",
      ])
      .where("paper_signing.agreement_id", "=", agreementId)
      .orderBy("paper_signing.recorded_at", "desc")
      .executeTakeFirst()) ?? null
  );
}

/**
 * How each agreement was signed — the signatures of the last version signed: "paper" when any was
 * made on paper (with, apart, when that ceremony was recorded), else "in_app". For lists and exports.
 */
export async function signingMethods(
  db: DB,
  agreementIds: readonly string[],
): Promise<Map<string, { method: "in_app" | "paper"; recordedAt: string | null }>> {
  const rows = [];
  for (let i = 0; i < agreementIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("signature")
        .leftJoin("paper_signing", "paper_signing.id", "signature.paper_signing_id")
        .select([
          "signature.agreement_id as agreementId",
          "signature.version_number as versionNumber",
          "signature.method",
          "paper_signing.recorded_at as recordedAt",
        ])
        .where("signature.status", "=", "valid")
        .where("signature.agreement_id", "in", agreementIds.slice(i, i + 500))
        .execute()),
    );
  }
  const latest = new Map<string, number>();
  for (const r of rows) latest.set(r.agreementId, Math.max(latest.get(r.agreementId) ?? 0, r.versionNumber));
  const methods = new Map<string, { method: "in_app" | "paper"; recordedAt: string | null }>();
  for (const r of rows) {
    if (r.versionNumber !== latest.get(r.agreementId)) continue;
    const known = methods.get(r.agreementId);
    if (r.method === "paper") methods.set(r.agreementId, { method: "paper", recordedAt: r.recordedAt });
    else if (!known) methods.set(r.agreementId, { method: "in_app", recordedAt: null });
  }
  return methods;
}

/** Records a download of an agreement's file in its history. */
export async function recordDownload(db: DB, meta: RequestMeta, agreementId: string, purpose: string, sha256: string) {
  await inTransaction(db, (trx) =>
    appendAuditEvent(trx, meta, {
      type: "file.downloaded",
      agreementId,
      subjectId: agreementId,
      data: { purpose, sha256 },
    }),
  );
}

/** Records that the PDF of a version was downloaded (with the SHA-256 of the bytes served). */
export async function recordPdfDownload(
  db: DB,
  meta: RequestMeta,
  agreementId: string,
  versionNumber: number,
  sha256: string,
) {
  await inTransaction(db, (trx) =>
    appendAuditEvent(trx, meta, {
      type: "agreement.pdf_downloaded",
      agreementId,
      subjectId: agreementId,
      data: { number: versionNumber, sha256 },
    }),
  );
}

/**
 * Parties of agreements awaiting signatures whose signatory has not signed the current text (the
 * party's copy of its agreement's status is indexed with its signatory: only those parties are read).
 */
function awaitedSignatures(db: DB) {
  return db
    .selectFrom("agreement_party")
    .innerJoin("agreement", "agreement.id", "agreement_party.agreement_id")
    .where("agreement_party.agreement_status", "=", "awaiting_signatures")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("signature")
            .select("signature.id")
            .whereRef("signature.party_id", "=", "agreement_party.id")
            .whereRef("signature.version_number", "=", "agreement.text_version")
            .where("signature.status", "=", "valid"),
        ),
      ),
    );
}

/** Agreements awaiting this user's signature (as a party's designated signatory, not yet signed). */
export async function signaturesAwaitedFrom(db: DB, userId: string, limit = 1000) {
  return awaitedSignatures(db)
    .select(["agreement.id", "agreement.reference", "agreement.title", "agreement.title_secondary as titleSecondary"])
    .where("agreement_party.signatory_user_id", "=", userId)
    .orderBy("agreement.updated_at", "desc")
    .limit(limit)
    .execute();
}

/** How many signatures are awaited from this user (the dashboard shows the latest few). */
export async function countSignaturesAwaitedFrom(db: DB, userId: string): Promise<number> {
  const row = await awaitedSignatures(db)
    .select(sql<number>`count(*)`.as("n"))
    .where("agreement_party.signatory_user_id", "=", userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every signature awaited from someone with an account: the reminders' input. */
export async function signaturesAwaitedFromAccounts(db: DB) {
  return awaitedSignatures(db)
    .select([
      "agreement.id as agreementId",
      "agreement.reference",
      "agreement.title",
      "agreement.text_version as textVersion",
      "agreement_party.signatory_user_id as userId",
    ])
    .where("agreement_party.signatory_user_id", "is not", null)
    .execute();
}
