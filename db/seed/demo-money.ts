/**
 * The demo's money, through the domain's own commands: budgets and tranche schedules written while
 * the texts were drafts (so they are in the signed versions), then — once signed — tranches paid and
 * received, expenses with their receipts and a partner's question; the organizations' dossiers and
 * bank details. Figures from the press articles where they give them (Clear Vision's 150,000 MAD,
 * Kazyon's computer room), realistic elsewhere; suppliers and references are fictional.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { DB } from "../client";
import type { BudgetCategory, DossierKind, PaymentMethod, ShareKind, TrancheCondition } from "../schema";
import type { Actor } from "../../app/domain/access/access";
import { findAgreement, listParties } from "../../app/domain/agreement/agreement.queries.server";
import { addBudgetLine, addBudgetShare, addTranche } from "../../app/domain/finance/budget.server";
import { addDossierDocument, updateBankDetails } from "../../app/domain/finance/dossier.server";
import { queryExpense, recordExpense } from "../../app/domain/finance/expenses.server";
import { confirmReceipt, recordPayment } from "../../app/domain/finance/tranches.server";
import type { Currency } from "../../app/lib/money";
import { addDaysTo, todayInMorocco } from "../../app/lib/time";
import { storeFile } from "../../app/lib/uploads.server";

/** Parties by index, as the demo agreements name them: 0 the drafting association, 1 its first partner. */
type PartyIndex = 0 | 1;

export interface DemoMoney {
  budget?: Array<{
    category: BudgetCategory;
    description: string;
    shares: Array<{
      party: PartyIndex;
      kind: ShareKind;
      amount?: number;
      hours?: number;
      rate?: number;
      note?: string;
    }>;
  }>;
  tranches?: Array<{
    payer: PartyIndex;
    receiver: PartyIndex;
    amount: number;
    currency?: Currency;
    condition: TrancheCondition;
    plannedOn?: string;
  }>;
  /** Once signed: tranches paid and received (by number). */
  payments?: Array<{
    tranche: number;
    paidOn: string;
    method: PaymentMethod;
    reference: string;
    by: string;
    receivedOn: string;
    amountMad: number;
    fee?: number;
    receivedBy: string;
  }>;
  expenses?: Array<{
    line: number;
    spentOn: string;
    supplier: string;
    description: string;
    amount: number;
    method: PaymentMethod;
    by: string;
    question?: { by: string; kind: "comment" | "ineligible"; body: string };
  }>;
}

type Meta = { actorUserId: string | null; ip: null; userAgent: string };
const metaOf = (userIds: Map<string, string>, email?: string): Meta => ({
  actorUserId: email ? (userIds.get(email) ?? null) : null,
  ip: null,
  userAgent: "charaka-seed",
});

async function partyIds(db: DB, agreementId: string, orgIds: readonly string[]): Promise<string[]> {
  const parties = await listParties(db, agreementId);
  return orgIds.map((org) => parties.find((p) => p.organizationId === org)!.id);
}

/** While the text is a draft: the budget's lines with their shares, and the tranche schedule. */
export async function seedBudget(
  db: DB,
  seeder: Actor,
  agreementId: string,
  money: DemoMoney,
  orgIds: readonly string[],
): Promise<void> {
  const meta = metaOf(new Map());
  const parties = await partyIds(db, agreementId, orgIds);
  const loaded = async () => (await findAgreement(db, seeder, agreementId))!;
  for (const line of money.budget ?? []) {
    const [first, ...others] = line.shares;
    const share = (s: NonNullable<typeof first>) => ({
      partyId: parties[s.party]!,
      kind: s.kind,
      amount: s.amount,
      hours: s.hours,
      hourlyRate: s.rate,
      note: s.note,
      deliverableId: undefined,
    });
    const created = await addBudgetLine(db, seeder, meta, await loaded(), {
      category: line.category,
      description: line.description,
      planActionId: undefined,
      ...share(first!),
    });
    if (!created.ok) throw new Error(`demo seed: budget line ${line.description}`);
    for (const s of others) {
      const added = await addBudgetShare(db, seeder, meta, await loaded(), { lineId: created.id, ...share(s) });
      if (!added.ok) throw new Error(`demo seed: share of ${line.description}`);
    }
  }
  for (const t of money.tranches ?? []) {
    const added = await addTranche(db, seeder, meta, await loaded(), {
      payerPartyId: parties[t.payer]!,
      receiverPartyId: parties[t.receiver]!,
      amount: t.amount,
      currency: t.currency ?? "MAD",
      plannedOn: t.plannedOn,
      condition: t.condition,
      conditionDeliverableId: undefined,
      conditionOutcomeId: undefined,
      graceDays: 30,
    });
    if (!added.ok) throw new Error(`demo seed: tranche of ${agreementId}`);
  }
}

/** Once signed: payments and receipts, expenses with their receipts, a partner's question. */
export async function seedMoneyMoves(
  db: DB,
  seeder: Actor,
  agreementId: string,
  money: DemoMoney,
  userIds: Map<string, string>,
): Promise<void> {
  const loaded = async () => (await findAgreement(db, seeder, agreementId))!;
  for (const p of money.payments ?? []) {
    const tranche = await db
      .selectFrom("tranche")
      .select("id")
      .where("agreement_id", "=", agreementId)
      .where("number", "=", p.tranche)
      .executeTakeFirstOrThrow();
    const proof = storeFile(
      await demoDocument("Ordre de virement", [`Référence ${p.reference}`, `Date : ${p.paidOn}`]),
      "pdf",
      `ordre-virement-${p.reference}.pdf`,
    );
    const paid = await recordPayment(db, seeder, metaOf(userIds, p.by), await loaded(), {
      trancheId: tranche.id,
      paidOn: p.paidOn,
      amount: await db
        .selectFrom("tranche")
        .select("amount_minor")
        .where("id", "=", tranche.id)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.amount_minor)),
      method: p.method,
      reference: p.reference,
      proof,
    });
    if (!paid.ok) throw new Error(`demo seed: payment of tranche ${p.tranche}: ${JSON.stringify(paid)}`);
    const received = await confirmReceipt(db, seeder, metaOf(userIds, p.receivedBy), await loaded(), {
      trancheId: tranche.id,
      receivedOn: p.receivedOn,
      amountMad: p.amountMad,
      fee: p.fee,
      locale: "fr",
    });
    if (!received.ok) throw new Error(`demo seed: receipt of tranche ${p.tranche}`);
  }
  for (const e of money.expenses ?? []) {
    const line = await db
      .selectFrom("budget_line")
      .select("id")
      .where("agreement_id", "=", agreementId)
      .where("position", "=", e.line)
      .executeTakeFirstOrThrow();
    const receipt = storeFile(
      await demoDocument(`Facture — ${e.supplier}`, [
        e.description,
        `Date : ${e.spentOn}`,
        `Montant : ${e.amount / 100} MAD`,
      ]),
      "pdf",
      `facture-${e.spentOn}.pdf`,
    );
    const recorded = await recordExpense(db, seeder, metaOf(userIds, e.by), await loaded(), {
      budgetLineId: line.id,
      partyId: undefined,
      spentOn: e.spentOn,
      supplier: e.supplier,
      description: e.description,
      amount: e.amount,
      method: e.method,
      receipt,
    });
    if (!recorded.ok) throw new Error(`demo seed: expense ${e.description}`);
    if (e.question) {
      const asker = userIds.get(e.question.by)!;
      const membership = await db
        .selectFrom("membership")
        .select(["organization_id", "role"])
        .where("user_id", "=", asker)
        .executeTakeFirstOrThrow();
      const partner: Actor = {
        userId: asker,
        isPlatformAdmin: false,
        memberships: [{ organizationId: membership.organization_id, role: membership.role }],
      };
      const asked = await queryExpense(
        db,
        partner,
        metaOf(userIds, e.question.by),
        (await findAgreement(db, partner, agreementId))!,
        {
          expenseId: recorded.id,
          kind: e.question.kind,
          body: e.question.body,
        },
      );
      if (!asked.ok) throw new Error(`demo seed: question on ${e.description}`);
    }
  }
}

/** A stand-in for a document the demo has no real copy of (a transfer order, an invoice, a certificate). */
async function demoDocument(title: string, lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date("2022-01-01T12:00:00Z"));
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText("Document de démonstration", { x: 56, y: 780, size: 9, font });
  page.drawText(title, { x: 56, y: 750, size: 14, font });
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 720 - i * 18, size: 11, font }));
  return pdf.save();
}

/** Countries and bank details of the demo organizations, and Sofara's dossier (its tax certificate expiring soon). */
export async function seedDossiers(db: DB, orgIds: Map<string, string>, now: Date): Promise<void> {
  const seeder: Actor = { userId: "", isPlatformAdmin: true, memberships: [] };
  const meta = metaOf(new Map());
  const details: Record<string, { country: string; bankName?: string; bankAccount?: string }> = {
    sofara: { country: "MA", bankName: "Banque Populaire — agence Smara", bankAccount: "190810211110123456780012" },
    insaf: {
      country: "MA",
      bankName: "Attijariwafa bank — Casablanca Hay Hassani",
      bankAccount: "007780000123400030456789",
    },
    ams: { country: "MA", bankName: "CIH Bank — Casablanca", bankAccount: "230780411223344550010068" },
    // QNET is based in Hong Kong: funds it sends are foreign funds for the AMS.
    qnet: { country: "HK" },
  };
  for (const [key, d] of Object.entries(details)) {
    const id = orgIds.get(key)!;
    const { version } = await db
      .selectFrom("organization")
      .select("version")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const saved = await updateBankDetails(db, seeder, meta, id, { version, ...d });
    if (!saved.ok) throw new Error(`demo seed: bank details of ${key}`);
  }
  const today = todayInMorocco(now);
  const year = Number(today.slice(0, 4));
  const documents: Array<{ kind: DossierKind; issuedOn: string; expiresOn?: string; title: string }> = [
    { kind: "registration_receipt", issuedOn: "2019-06-12", title: "Récépissé définitif de dépôt" },
    { kind: "statutes", issuedOn: "2019-05-20", title: "Statuts de l'association" },
    { kind: "general_assembly_minutes", issuedOn: `${year}-01-18`, title: "PV de l'assemblée générale" },
    { kind: "board_list", issuedOn: `${year}-01-18`, title: "Liste des membres du bureau" },
    // Expires within the notice period: Sofara's dashboard shows it, and a notice is sent once.
    {
      kind: "tax_certificate",
      issuedOn: addDaysTo(today, -345),
      expiresOn: addDaysTo(today, 20),
      title: "Attestation de régularité fiscale",
    },
    { kind: "bank_certificate", issuedOn: "2023-03-02", title: "Attestation de RIB" },
  ];
  for (const d of documents) {
    const file = storeFile(
      await demoDocument(d.title, ["Association Sofara Al-Khair – Smara"]),
      "pdf",
      `${d.kind}.pdf`,
    );
    const added = await addDossierDocument(db, seeder, meta, orgIds.get("sofara")!, { ...d, file });
    if (!added.ok) throw new Error(`demo seed: dossier ${d.kind}`);
  }
}
