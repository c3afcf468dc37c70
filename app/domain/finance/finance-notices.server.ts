/**
 * The money's notices, each with the key that makes it exist once (notify.server.ts creates them):
 * a tranche due (to the payer), a payment recorded (to the receiver), a receipt confirmed (to the
 * payer), an expense questioned (to the spender) or answered (to who asked), a declaration of foreign
 * funds due (to the association), a dossier document expiring (to its organization). The day's job
 * asks for them; the finances page's commands too, right after they commit.
 */
import type { DB } from "../../../db/client";
import type { MembershipRole } from "../../../db/schema";
import type { Notice } from "../notify/reminders";
import { orgMembers } from "../notify/recipients.server";
import { addDaysTo } from "~/lib/time";
import { EXPIRY_NOTICE_DAYS } from "./dossier";

const MONEY_ROLES: readonly MembershipRole[] = ["president", "admin", "treasurer"];
/** A payment or a receipt is announced while it is recent (a history seeded or imported stays quiet). */
const RECENT_DAYS = 30;

export async function moneyNotices(db: DB, a: { id: string; reference: string }, today: string): Promise<Notice[]> {
  const link = `/agreements/${a.id}/finances`;
  const tranches = await db
    .selectFrom("tranche")
    .innerJoin("agreement_party as payer", "payer.id", "tranche.payer_party_id")
    .innerJoin("agreement_party as receiver", "receiver.id", "tranche.receiver_party_id")
    .select([
      "tranche.id",
      "tranche.number",
      "tranche.status",
      "tranche.due_since as dueSince",
      "tranche.amount_minor as amountMinor",
      "tranche.currency",
      "payer.organization_id as payer",
      "receiver.organization_id as receiver",
    ])
    .where("tranche.agreement_id", "=", a.id)
    .where("tranche.status", "in", ["due", "called", "paid", "received"])
    .execute();
  const notices: Notice[] = [];
  const recentEvents = tranches.length
    ? await db
        .selectFrom("tranche_event")
        .select(["id", "tranche_id", "kind", "amount_minor", "amount_mad_minor", "currency", "created_at"])
        .where(
          "tranche_id",
          "in",
          tranches.map((t) => t.id),
        )
        .where("kind", "in", ["paid", "received"])
        .where("created_at", ">=", `${addDaysTo(today, -RECENT_DAYS)}T00:00:00.000Z`)
        .orderBy("created_at")
        .execute()
    : [];
  for (const t of tranches) {
    const base = { subjectId: t.id, agreementId: a.id, link: `${link}#tranche-${t.number}` };
    if ((t.status === "due" || t.status === "called") && t.dueSince)
      notices.push({
        ...base,
        userIds: await orgMembers(db, [t.payer], MONEY_ROLES),
        kind: "tranche_due",
        occurrence: `due:${t.dueSince}`,
        params: { reference: a.reference, number: t.number, amountMinor: Number(t.amountMinor), currency: t.currency },
      });
    const last = recentEvents.filter((e) => e.tranche_id === t.id).at(-1);
    if (t.status === "paid" && last?.kind === "paid")
      notices.push({
        ...base,
        userIds: await orgMembers(db, [t.receiver], MONEY_ROLES),
        kind: "payment_recorded",
        occurrence: last.id,
        params: {
          reference: a.reference,
          number: t.number,
          amountMinor: Number(last.amount_minor),
          currency: t.currency,
        },
      });
    if (t.status === "received" && last?.kind === "received")
      notices.push({
        ...base,
        userIds: await orgMembers(db, [t.payer], MONEY_ROLES),
        kind: "receipt_confirmed",
        occurrence: last.id,
        params: {
          reference: a.reference,
          number: t.number,
          amountMinor: Number(last.amount_mad_minor),
          currency: "MAD",
        },
      });
  }
  const queries = await db
    .selectFrom("expense_query")
    .innerJoin("expense", "expense.id", "expense_query.expense_id")
    .innerJoin("agreement_party", "agreement_party.id", "expense.party_id")
    .select([
      "expense_query.id",
      "expense_query.organization_id as asking",
      "expense_query.created_by as askedBy",
      "expense_query.answer",
      "expense.description",
      "agreement_party.organization_id as spender",
    ])
    .where("expense.agreement_id", "=", a.id)
    .where("expense_query.settled_at", "is", null)
    .execute();
  for (const q of queries) {
    const base = {
      subjectId: q.id,
      agreementId: a.id,
      link: `${link}#questioned`,
      params: { reference: a.reference, title: q.description },
    };
    if (!q.answer)
      notices.push({
        ...base,
        userIds: await orgMembers(db, [q.spender], MONEY_ROLES),
        kind: "expense_questioned",
        occurrence: "asked",
      });
    else
      notices.push({
        ...base,
        userIds: q.askedBy ? [q.askedBy] : await orgMembers(db, [q.asking]),
        kind: "expense_answered",
        occurrence: "answered",
      });
  }
  const declarations = await db
    .selectFrom("obligation")
    .innerJoin("agreement_party", "agreement_party.id", "obligation.responsible_party_id")
    .innerJoin("tranche", "tranche.id", "obligation.tranche_id")
    .innerJoin("tranche_event", (join) =>
      join.onRef("tranche_event.tranche_id", "=", "tranche.id").on("tranche_event.kind", "=", "received"),
    )
    .select([
      "obligation.id",
      "obligation.due_date as dueDate",
      "agreement_party.organization_id as organizationId",
      "tranche_event.amount_mad_minor as amountMadMinor",
    ])
    .where("obligation.agreement_id", "=", a.id)
    .where("obligation.kind", "=", "foreign_funding_declaration")
    .where("obligation.status", "in", ["pending", "in_progress"])
    .execute();
  for (const d of declarations)
    notices.push({
      subjectId: d.id,
      agreementId: a.id,
      link: `/agreements/${a.id}/obligations`,
      userIds: await orgMembers(db, [d.organizationId], MONEY_ROLES),
      kind: "declaration_due",
      occurrence: d.dueDate ?? "",
      params: { reference: a.reference, date: d.dueDate ?? "", amountMinor: Number(d.amountMadMinor), currency: "MAD" },
    });
  return notices;
}

/** Current dossier documents expiring within the notice period (or expired): their organization is told once per expiry date. */
export async function dossierNotices(db: DB, today: string): Promise<Notice[]> {
  const docs = await db
    .selectFrom("dossier_document")
    .select(["id", "organization_id", "kind", "expires_on"])
    .where("superseded_at", "is", null)
    .where("expires_on", "<=", addDaysTo(today, EXPIRY_NOTICE_DAYS))
    .execute();
  const notices: Notice[] = [];
  for (const d of docs)
    notices.push({
      subjectId: d.id,
      agreementId: null,
      link: `/organizations/${d.organization_id}/dossier`,
      userIds: await orgMembers(db, [d.organization_id], MONEY_ROLES),
      kind: "dossier_expiring",
      occurrence: d.expires_on!,
      params: { documentKind: d.kind, date: d.expires_on! },
    });
  return notices;
}
