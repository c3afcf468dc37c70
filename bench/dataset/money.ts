/**
 * The money and the reports of the benchmark's agreements, written as the app's commands leave them
 * (app/domain/finance, app/domain/report): a budget (lines funded by the parties' shares: cash, in
 * kind, volunteers' time), each cash contributor's tranches in the state their events give (due on
 * the condition's day, then called, paid, received; a few paid twice after a reversal; late when due
 * past their grace days; cancelled at a termination), the association's expenses against the lines
 * (a few reversed, a few questioned by a partner) and progress / final reports on their report
 * obligations (accepted, submitted, sent back, draft). Reports' versions are frozen afterwards by
 * the app's own snapshot code (`freezeReports`), so a version says exactly what the app would have
 * frozen; an accepted report locks the expenses its version lists, as `acceptReport` does.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { BUDGET_CATEGORIES } from "../../app/domain/finance/budget";
import { DEFAULT_GRACE_DAYS, trancheState } from "../../app/domain/finance/tranche";
import { nextDueDate } from "../../app/domain/delivery/delivery";
import { emptySections } from "../../app/domain/report/report";
import {
  getReport,
  reportHash,
  reportSnapshot,
  serializeReportSnapshot,
} from "../../app/domain/report/report-queries.server";
import { addDaysTo, addMonthsTo } from "../../app/lib/time";
import type { Rng } from "./prng";
import * as T from "./text";

type Insert = (row: Record<string, unknown>) => void;
export type MoneyInserts = Record<
  "budgetLine" | "budgetShare" | "tranche" | "trancheEvent" | "expense" | "expenseQuery" | "obligation" | "report",
  Insert
>;

export interface MoneyParty {
  id: string;
  org: { id: string; leader: { id: string; name: string } };
}

/** A report whose versions `freezeReports` writes once every row is in. */
export interface ReportToFreeze {
  id: string;
  agreementId: string;
  status: "submitted" | "sent_back" | "accepted";
  versions: number;
  submittedOn: string;
  decidedOn: string | null;
  authorId: string;
  partners: Array<{ organizationId: string; userId: string; name: string }>;
}

/** What one agreement got, for the manifest's choice of pages. */
export interface AgreementMoneyFacts {
  received: number;
  expenses: number;
  reports: Array<{ id: string; status: string }>;
}

const SUPPLIERS = [
  "Librairie Al Manar",
  "Optique Atlas",
  "Transports Tadla",
  "Imprimerie du Souss",
  "Bureau Équipement SARL",
  "Traiteur Dar Salam",
  "Pharmacie Centrale",
  "Location Auto Zagora",
];
const LINE_WORDS: Record<string, string> = {
  equipment: "Achat de matériel",
  personnel: "Encadrement et animateurs",
  transport: "Transport des équipes et des bénéficiaires",
  communication: "Communication et supports imprimés",
  running_costs: "Frais de fonctionnement",
  other: "Imprévus",
};

export function moneyAndReports(
  ins: MoneyInserts,
  rng: Rng,
  a: {
    id: string;
    status: string;
    signed: boolean;
    effective: string | null;
    endsOn: string | null;
    today: string;
    theme: T.Theme;
    parties: MoneyParty[];
    /** The agreement's total budget: the lines add up to it, as a finished budget does. */
    totalMinor: number;
    at: string;
  },
  toFreeze: ReportToFreeze[],
): AgreementMoneyFacts {
  const mutable = { created_at: a.at, updated_at: a.at, version: 1 };
  const association = a.parties[0]!;
  const partners = a.parties.slice(1);
  const facts: AgreementMoneyFacts = { received: 0, expenses: 0, reports: [] };
  const clamp = (d: string) => (d > a.today ? a.today : d);

  // ---- Budget: 3 to 6 lines adding up to the total; the partners' cash, the association's in kind and volunteers' time.
  const lines: string[] = [];
  const cash = new Map<string, number>();
  const lineCount = rng.int(3, 6);
  const weights = Array.from({ length: lineCount }, () => rng.int(1, 10));
  const weightSum = weights.reduce((x, y) => x + y, 0);
  let unassigned = a.totalMinor;
  for (let k = 0; k < lineCount; k++) {
    const lineAmount =
      k === lineCount - 1 ? unassigned : Math.floor((a.totalMinor * weights[k]!) / weightSum / 100) * 100;
    unassigned -= lineAmount;
    const lineId = rng.id();
    const category = BUDGET_CATEGORIES[k % BUDGET_CATEGORIES.length]!;
    ins.budgetLine({
      id: lineId,
      agreement_id: a.id,
      position: k + 1,
      category,
      description: `${LINE_WORDS[category]} – ${a.theme.deliverable.titleFr}`,
      plan_action_id: null,
      currency: "MAD",
      ...mutable,
    });
    lines.push(lineId);
    const share = (partyId: string, kind: string, amount: number, extra: Record<string, unknown> = {}) =>
      ins.budgetShare({
        id: rng.id(),
        budget_line_id: lineId,
        party_id: partyId,
        kind,
        amount_minor: amount,
        deliverable_id: null,
        hours: null,
        hourly_rate_minor: null,
        note: null,
        ...extra,
        ...mutable,
      });
    const payer = partners.length ? rng.pick(partners) : association;
    let rest = lineAmount;
    if (rng.chance(0.3)) {
      const inKind = Math.floor((lineAmount * rng.int(5, 20)) / 100 / 100) * 100;
      share(association.id, "in_kind", inKind, { note: "Locaux et logistique" });
      rest -= inKind;
    }
    if (rng.chance(0.2)) {
      const hours = Math.min(rng.int(40, 400), Math.floor(lineAmount / 10 / 5_000));
      if (hours > 0) {
        share(association.id, "volunteer_time", hours * 5_000, { hours, hourly_rate_minor: 5_000 });
        rest -= hours * 5_000;
      }
    }
    share(payer.id, "cash", rest);
    cash.set(payer.id, (cash.get(payer.id) ?? 0) + rest);
  }

  // ---- Tranches: each cash contributor's schedule, in the state its events give.
  const receipts: string[] = [];
  let number = 0;
  for (const [payerId, total] of cash) {
    if (payerId === association.id) continue;
    const count = rng.int(1, 3);
    let left = total;
    for (let k = 0; k < count; k++) {
      number += 1;
      const amount = k === count - 1 ? left : Math.round(total / count / 100) * 100;
      left -= amount;
      const trancheId = rng.id();
      const plannedOn =
        k === 0 || !a.effective ? null : minDate(addMonthsTo(a.effective, 6 * k), a.endsOn ?? "9999-12-31");
      const condition = k === 0 ? "signature" : "date";
      const trigger = k === 0 ? a.effective : plannedOn;
      // Unsigned, or its day not come yet: planned (the daily job makes a dated tranche due on its day).
      const started = a.signed && trigger !== null && trigger <= a.today;
      const events: Array<Record<string, unknown>> = [];
      let state = "planned";
      if (started) {
        const ended = a.status !== "active" && a.status !== "suspended";
        const target = ended
          ? a.status === "terminated" && rng.chance(0.3)
            ? "cancelled"
            : "received"
          : rng.weighted([
              ["received", 60],
              ["paid", 10],
              ["called", 12],
              ["due", 18],
            ] as const);
        const dueOn = trigger!;
        const event = (kind: string, onDate: string, extra: Record<string, unknown> = {}) => {
          const id = rng.id();
          events.push({
            id,
            tranche_id: trancheId,
            kind,
            reverses_event_id: null,
            on_date: onDate,
            amount_minor: null,
            currency: null,
            amount_mad_minor: null,
            fee_minor: null,
            method: null,
            reference: null,
            proof_attachment_id: null,
            note: null,
            by_user_id: null,
            created_at: `${onDate}T09:${String(events.length).padStart(2, "0")}:00.000Z`,
            ...extra,
          });
          return id;
        };
        event("due", dueOn);
        state = "due";
        const payer = a.parties.find((p) => p.id === payerId)!;
        if (target === "cancelled") {
          event("cancelled", clamp(addDaysTo(dueOn, rng.int(5, 60))), {
            note: "Résiliation de la convention",
            by_user_id: association.org.leader.id,
          });
          state = "cancelled";
        } else if (target !== "due") {
          const calledOn = clamp(addDaysTo(dueOn, rng.int(1, 10)));
          event("called", calledOn, { by_user_id: association.org.leader.id });
          state = "called";
          if (target === "paid" || target === "received") {
            const paid = (on: string) =>
              event("paid", on, {
                amount_minor: amount,
                currency: "MAD",
                method: "transfer",
                reference: `VIR-${rng.int(100000, 999999)}`,
                by_user_id: payer.org.leader.id,
              });
            const paidOn = clamp(addDaysTo(calledOn, rng.int(3, 30)));
            const first = paid(paidOn);
            // A few payments recorded wrong, reversed, then recorded again.
            if (rng.chance(0.05)) {
              event("reversed", paidOn, {
                reverses_event_id: first,
                note: "Montant erroné",
                by_user_id: payer.org.leader.id,
              });
              paid(paidOn);
            }
            state = "paid";
            if (target === "received") {
              const fee = rng.chance(0.3) ? 1_500 : 0;
              const receivedOn = clamp(addDaysTo(paidOn, rng.int(1, 7)));
              event("received", receivedOn, {
                amount_minor: amount,
                currency: "MAD",
                amount_mad_minor: amount - fee,
                fee_minor: fee,
                by_user_id: association.org.leader.id,
              });
              state = "received";
              facts.received += amount - fee;
              receipts.push(receivedOn);
            }
          }
        }
      }
      ins.tranche({
        id: trancheId,
        agreement_id: a.id,
        number,
        payer_party_id: payerId,
        receiver_party_id: association.id,
        amount_minor: amount,
        currency: "MAD",
        planned_on: plannedOn,
        condition,
        condition_deliverable_id: null,
        condition_report_id: null,
        condition_outcome_id: null,
        grace_days: DEFAULT_GRACE_DAYS,
        status: state,
        due_since: started ? trigger : null,
        cancelled_reason: state === "cancelled" ? "Résiliation de la convention" : null,
        cancelled_outcome_id: null,
        ...mutable,
      });
      for (const e of events) ins.trancheEvent(e);
    }
  }

  // ---- Expenses: the association spends up to 90 % of what it received, from its first receipt on.
  if (facts.received > 0) {
    const from = receipts.sort()[0]!;
    const span = Math.max(1, Math.round((Date.parse(a.today) - Date.parse(from)) / 86_400_000));
    let budget = Math.floor(facts.received * 0.9);
    const count = rng.int(3, 12);
    for (let k = 0; k < count && budget > 10_000; k++) {
      // Each 2–12 % of what was received (centimes kept: an invoice's amount).
      const amount = Math.min(budget, Math.round((facts.received * rng.int(2, 12)) / 100) + rng.int(0, 99));
      budget -= amount;
      const id = rng.id();
      const spentOn = addDaysTo(from, rng.int(0, span));
      const row = {
        id,
        agreement_id: a.id,
        budget_line_id: rng.pick(lines),
        party_id: association.id,
        spent_on: spentOn,
        supplier: rng.pick(SUPPLIERS),
        description: `${a.theme.deliverable.titleFr} – facture ${rng.int(100, 9999)}`,
        amount_minor: amount,
        currency: "MAD",
        method: rng.pick(["transfer", "cheque", "cash"]),
        receipt_attachment_id: null,
        reverses_expense_id: null,
        reason: null,
        locked_by_report_id: null,
        recorded_by: association.org.leader.id,
        created_at: `${spentOn}T15:00:00.000Z`,
      };
      ins.expense(row);
      facts.expenses += 1;
      if (rng.chance(0.05)) {
        const reversedOn = clamp(addDaysTo(spentOn, rng.int(1, 20)));
        ins.expense({
          ...row,
          id: rng.id(),
          spent_on: reversedOn,
          amount_minor: -amount,
          reverses_expense_id: id,
          reason: "Erreur de saisie",
          created_at: `${reversedOn}T16:00:00.000Z`,
        });
        facts.expenses += 1;
      } else if (partners.length && rng.chance(0.06)) {
        const asker = rng.pick(partners);
        const answered = rng.chance(0.5);
        ins.expenseQuery({
          id: rng.id(),
          expense_id: id,
          organization_id: asker.org.id,
          kind: rng.chance(0.8) ? "comment" : "ineligible",
          body: "Merci de préciser l'objet de cette dépense et de joindre le devis.",
          created_by: asker.org.leader.id,
          created_at: `${clamp(addDaysTo(spentOn, 3))}T10:00:00.000Z`,
          answer: answered ? "Devis joint : achat prévu à la ligne budgétaire." : null,
          answered_by: answered ? association.org.leader.id : null,
          answered_at: answered ? `${clamp(addDaysTo(spentOn, 5))}T10:00:00.000Z` : null,
          settled_at: null,
          settled_by: null,
        });
      }
    }
  }

  // ---- Reports: a progress report every six months (the last three periods), a final one when completed.
  if (!a.signed || !a.effective || !partners.length) return facts;
  const periods: Array<{ kind: "progress_report" | "final_report"; from: string; to: string }> = [];
  for (let k = 0; k < 40; k++) {
    const from = addMonthsTo(a.effective, 6 * k);
    const to = addDaysTo(addMonthsTo(a.effective, 6 * (k + 1)), -1);
    if (to >= a.today || (a.endsOn && to >= a.endsOn)) break;
    periods.push({ kind: "progress_report", from, to });
  }
  const recent = periods.slice(-3);
  if (a.status === "completed" && a.endsOn && addDaysTo(a.endsOn, 60) < a.today)
    recent.push({ kind: "final_report", from: a.effective, to: a.endsOn });
  recent.forEach((p, k) => {
    const dueDate = addDaysTo(p.to, p.kind === "final_report" ? 60 : 30);
    const last = k === recent.length - 1 && a.status !== "completed";
    const reportStatus = !last
      ? "accepted"
      : rng.weighted([
          ["accepted", 30],
          ["submitted", 25],
          ["sent_back", 15],
          ["draft", 15],
          ["none", 15],
        ] as const);
    const submittedOn = clamp(addDaysTo(p.to, rng.int(5, 40)));
    const decidedOn = clamp(addDaysTo(submittedOn, rng.int(3, 20)));
    const obligationId = rng.id();
    const status = reportStatus === "accepted" ? "done" : "pending";
    const completedOn = reportStatus === "accepted" ? decidedOn : null;
    const number = periods.indexOf(p) + 1;
    ins.obligation({
      id: obligationId,
      agreement_id: a.id,
      clause_id: null,
      responsible_party_id: association.id,
      description:
        p.kind === "final_report"
          ? "Remettre le rapport final d'exécution"
          : `Remettre le rapport d'étape n° ${number > 0 ? number : k + 1}`,
      due_date: dueDate,
      recurrence: "none",
      status,
      status_note: null,
      completed_on: completedOn,
      next_due_on: nextDueDate({
        dueDate,
        recurrence: "none",
        status,
        completedOn,
        agreementStart: a.effective,
        agreementEnd: a.endsOn,
      }),
      kind: p.kind,
      tranche_id: null,
      period_from: p.from,
      period_to: p.to,
      ...mutable,
    });
    if (reportStatus === "none") return;
    const reportId = rng.id();
    const versions = reportStatus === "draft" ? 0 : reportStatus === "sent_back" ? 1 : rng.chance(0.2) ? 2 : 1;
    const sections = {
      ...emptySections(),
      summary: T.paragraph(rng, a.theme, "fr", 3),
      activities: `${T.paragraph(rng, a.theme, "fr", 4)}\n\n${T.paragraph(rng, a.theme, "ar", 2)}`,
      difficulties: T.paragraph(rng, a.theme, "fr", 1),
      nextPeriod: T.paragraph(rng, a.theme, "fr", 2),
      deliveriesComment: "Les livraisons de la période sont conformes au plan.",
      financialComment: "Les dépenses restent dans les lignes du budget.",
    };
    const updatedOn = reportStatus === "draft" ? clamp(addDaysTo(p.to, 5)) : submittedOn;
    ins.report({
      id: reportId,
      agreement_id: a.id,
      obligation_id: obligationId,
      party_id: association.id,
      kind: p.kind === "final_report" ? "final" : "progress",
      period_from: p.from,
      period_to: p.to,
      status: reportStatus,
      current_version: versions,
      sections: JSON.stringify(sections),
      edited_by_user_id: association.org.leader.id,
      accepted_at: reportStatus === "accepted" ? `${decidedOn}T11:00:00.000Z` : null,
      created_by_user_id: association.org.leader.id,
      created_at: `${clamp(addDaysTo(p.to, 1))}T09:00:00.000Z`,
      updated_at: `${updatedOn}T09:00:00.000Z`,
      version: 1 + versions + (reportStatus === "accepted" || reportStatus === "sent_back" ? 1 : 0),
    });
    facts.reports.push({ id: reportId, status: reportStatus });
    if (reportStatus !== "draft")
      toFreeze.push({
        id: reportId,
        agreementId: a.id,
        status: reportStatus,
        versions,
        submittedOn,
        decidedOn: reportStatus === "submitted" ? null : decidedOn,
        authorId: association.org.leader.id,
        partners: partners.map((x) => ({
          organizationId: x.org.id,
          userId: x.org.leader.id,
          name: x.org.leader.name,
        })),
      });
  });
  return facts;
}

/** The tranches whose stored state differs from the state their events give (trancheState): none, or the generator is wrong. */
export async function trancheStateDrift(db: Kysely<Database>): Promise<string[]> {
  const tranches = await db.selectFrom("tranche").select(["id", "status"]).execute();
  const events = await db
    .selectFrom("tranche_event")
    .select(["id", "tranche_id", "kind", "reverses_event_id as reversesEventId"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const byTranche = new Map<string, typeof events>();
  for (const e of events) byTranche.set(e.tranche_id, [...(byTranche.get(e.tranche_id) ?? []), e]);
  return tranches
    .filter((t) => trancheState(byTranche.get(t.id) ?? []) !== t.status)
    .map((t) => `${t.id}: ${t.status}`);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * Freezes each submitted report's versions with the app's snapshot code (what a submission freezes
 * now: the records are complete), records the partners' decisions on the last one, and locks the
 * expenses an accepted version lists. One transaction.
 */
export async function freezeReports(db: Kysely<Database>, reports: readonly ReportToFreeze[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const r of reports) {
      const report = (await getReport(trx, r.agreementId, r.id))!;
      let sha = "";
      let expenseIds: string[] = [];
      for (let n = 1; n <= r.versions; n++) {
        const snapshot = await reportSnapshot(trx, report, n);
        const serialized = serializeReportSnapshot(snapshot);
        sha = reportHash(serialized);
        expenseIds = snapshot.financial.expenses.map((e) => e.id);
        const on = n === r.versions ? r.submittedOn : addDaysTo(r.submittedOn, -15);
        await trx
          .insertInto("report_version")
          .values({
            id: `${r.id.slice(0, 14)}v${n}`,
            report_id: r.id,
            number: n,
            snapshot: serialized,
            sha256: sha,
            submitted_by: r.authorId,
            submitted_at: `${on}T10:00:00.000Z`,
          })
          .execute();
      }
      if (r.status === "submitted" || !r.decidedOn) continue;
      const decided = `${r.decidedOn}T11:00:00.000Z`;
      for (const p of r.status === "accepted" ? r.partners : r.partners.slice(0, 1)) {
        await trx
          .insertInto("report_review")
          .values({
            id: `${r.id.slice(0, 10)}${p.organizationId.slice(0, 6)}`,
            report_id: r.id,
            version_number: r.versions,
            organization_id: p.organizationId,
            user_id: p.userId,
            name: p.name,
            decision: r.status === "accepted" ? "accepted" : "sent_back",
            reservations: null,
            content_hash: sha,
            ip: "192.0.2.1",
            user_agent: "bench",
            created_at: decided,
          })
          .execute();
        if (r.status === "sent_back")
          await trx
            .insertInto("report_comment")
            .values({
              id: `${r.id.slice(0, 10)}c${p.organizationId.slice(0, 5)}`,
              report_id: r.id,
              version_number: r.versions,
              section: "general",
              organization_id: p.organizationId,
              author_user_id: p.userId,
              body: "Merci de compléter les résultats obtenus et de joindre les listes de bénéficiaires.",
              created_at: decided,
            })
            .execute();
      }
      if (r.status === "accepted" && expenseIds.length)
        await trx
          .updateTable("expense")
          .set({ locked_by_report_id: r.id })
          .where("agreement_id", "=", r.agreementId)
          .where("locked_by_report_id", "is", null)
          .where((eb) => eb.or([eb("id", "in", expenseIds), eb("reverses_expense_id", "in", expenseIds)]))
          .execute();
    }
  });
}
