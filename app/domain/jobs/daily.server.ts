/**
 * The daily job: run at start-up and every 24 hours by the server (and by `npm run daily`):
 * agreements past their end expire, tranches due on a date and open action items coming due are
 * announced, beneficiary names past retention are erased, stale sessions and login attempts go, the
 * day's reminders are created (each once) and their emails sent when mail is configured.
 * Each task is idempotent, so running it twice, or from two processes, changes nothing more.
 * The audit chain is then re-checked from its first entry.
 */
import type { DB } from "../../../db/client";
import { expireIfPast } from "../agreement/agreement.commands.server";
import { pruneAttempts } from "../identity/attempts.server";
import { eraseExpiredBeneficiaries } from "../delivery/beneficiaries.server";
import { computedEndDate } from "../agreement/lifecycle";
import { todayInMorocco } from "~/lib/time";
import type { Transporter } from "nodemailer";
import { createReminders, sendOutbox } from "../notify/notify.server";
import { checkAuditChain } from "../audit/audit.server";
import { securityEvent } from "~/lib/log.server";
import { inTransaction } from "../../../db/transaction";
import { markConditionsMet } from "../finance/tranches.server";
import { announceDueActionItems } from "../committee/action-items.server";

export interface DailyReport {
  expiredAgreements: number;
  tranchesDue: number;
  /** Open action items announced due (the `action_item.due` event, once per item and due date). */
  actionItemsDue: number;
  prunedLoginAttempts: number;
  deletedSessions: number;
  erasedBeneficiaries: number;
  reminders: number;
  emailsSent: number;
  /** The whole audit chain re-checked from its first entry (sealed as a full checkpoint when it matches). */
  auditChain: { ok: boolean; firstBadSeq?: number };
}

export interface DailyOptions {
  /** Base of the links in emails (APP_URL). */
  appUrl?: string;
  /** Sends the outbox when given. */
  mail?: { transport: Transporter; from: string };
  /**
   * Called once what pages show is current (agreements expired, tranches made due, action items
   * announced, old sessions gone), before the day's notices and the audit chain's full check, which
   * take most of the job on a large database (the server is ready from then on).
   */
  onStateCurrent?: () => void;
}

export async function runDailyJobs(db: DB, now: Date = new Date(), options: DailyOptions = {}): Promise<DailyReport> {
  const today = todayInMorocco(now);
  // Candidates: active or suspended agreements with an end date or a duration; the rule decides.
  const candidates = await db
    .selectFrom("agreement")
    .selectAll()
    .where("status", "in", ["active", "suspended"])
    .where((eb) => eb.or([eb("end_date", "<", today), eb("duration_months", "is not", null)]))
    .execute();
  let expiredAgreements = 0;
  for (const agreement of candidates) {
    const end = computedEndDate({
      effectiveDate: agreement.effective_date,
      endDate: agreement.end_date,
      durationMonths: agreement.duration_months,
    });
    if (end && end < today && (await expireIfPast(db, agreement, now))) expiredAgreements += 1;
  }
  // Tranches due on a date that has come: due from today (each once: only planned ones are made due).
  const tranchesDue = (await inTransaction(db, (trx) => markConditionsMet(trx, { kind: "date", today }))).length;
  const actionItemsDue = await announceDueActionItems(db, today);
  const prunedLoginAttempts = await pruneAttempts(db, now);
  const sessions = await db
    .deleteFrom("session")
    .where((eb) =>
      eb.or([eb("expires_at", "<=", now.toISOString()), eb("absolute_expires_at", "<=", now.toISOString())]),
    )
    .executeTakeFirst();
  const erasedBeneficiaries = await eraseExpiredBeneficiaries(db, today);
  options.onStateCurrent?.();
  const reminders = await createReminders(db, now, options.appUrl);
  const emailsSent = options.mail ? (await sendOutbox(db, options.mail.transport, options.mail.from)).sent : 0;
  const chain = await checkAuditChain(db, { full: true });
  if (!chain.ok)
    securityEvent("integrity.failed", { firstBadSeq: chain.firstBadSeq, reason: chain.reason, full: true });
  return {
    auditChain: chain.ok ? { ok: true } : { ok: false, firstBadSeq: chain.firstBadSeq },
    expiredAgreements,
    tranchesDue,
    actionItemsDue,
    prunedLoginAttempts,
    deletedSessions: Number(sessions.numDeletedRows),
    erasedBeneficiaries,
    reminders,
    emailsSent,
  };
}
