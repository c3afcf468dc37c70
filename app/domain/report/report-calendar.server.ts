/**
 * The reporting calendar: an agreement's reports due, as obligations of the reporting party
 * (`obligation.kind` 'progress_report' | 'final_report', each with the period it covers), so they
 * are due and overdue, reminded and put on the committee's agenda like the other obligations.
 * Created when an agreement whose articles speak of reports comes into force (in the activating
 * transaction), or planned by hand by the drafting organization's managers.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, Locale } from "../../../db/schema";
import { canPlanReports, type Actor } from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { computedEndDate } from "../agreement/lifecycle";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { refreshDueDates } from "../delivery/due-dates.server";
import { partyOfAgreement } from "../party/party.queries.server";
import { NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { createTranslator } from "~/lib/i18n/translate";
import { nowIso } from "~/lib/time";
import {
  dueReportLabel,
  reportingTermsFromClauses,
  reportSchedule,
  type DueReport,
  type ReportingTerms,
} from "./report";

type Trx = Transaction<Database>;

/** The obligations of the schedule not yet in the calendar (same kind and period), in one transaction. */
async function insertDueReports(
  trx: Trx,
  agreementId: string,
  partyId: string,
  due: readonly DueReport[],
  locale: Locale,
  clauseId: string | null,
): Promise<number> {
  const { t, formatDate } = createTranslator(locale);
  const existing = await trx
    .selectFrom("obligation")
    .select(["kind", "period_from", "period_to"])
    .where("agreement_id", "=", agreementId)
    .where("kind", "in", ["progress_report", "final_report"])
    .execute();
  let added = 0;
  for (const [index, d] of due.entries()) {
    if (existing.some((e) => e.kind === d.kind && e.period_from === d.periodFrom && e.period_to === d.periodTo))
      continue;
    const at = nowIso();
    await trx
      .insertInto("obligation")
      .values({
        id: newId(),
        agreement_id: agreementId,
        clause_id: clauseId,
        responsible_party_id: partyId,
        description: t(dueReportLabel(d.kind), {
          number: index + 1,
          from: formatDate(d.periodFrom),
          to: formatDate(d.periodTo),
        }),
        due_date: d.dueDate,
        recurrence: "none",
        status_note: null,
        completed_on: null,
        kind: d.kind,
        period_from: d.periodFrom,
        period_to: d.periodTo,
        created_at: at,
        updated_at: at,
      })
      .execute();
    added += 1;
  }
  await refreshDueDates(trx, agreementId);
  return added;
}

function agreementSpan(a: { effective_date: string | null; end_date: string | null; duration_months: number | null }) {
  if (!a.effective_date) return null;
  return {
    start: a.effective_date,
    end: computedEndDate({ effectiveDate: a.effective_date, endDate: a.end_date, durationMonths: a.duration_months }),
  };
}

/** The language an agreement is written in, for the obligations Charaka writes on its own. */
function textLanguage(title: string): Locale {
  return /[\u0600-\u06ff]/.test(title) ? "ar" : "fr";
}

/**
 * Called in the transaction that activates an agreement: when its articles speak of reports, the
 * association's reports due (progress reports at the rhythm they state, the final report after the
 * end) become its obligations.
 */
export async function setUpReportingOnActivation(trx: Trx, meta: RequestMeta, agreementId: string): Promise<void> {
  const agreement = await trx
    .selectFrom("agreement")
    .select(["effective_date", "end_date", "duration_months", "title"])
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const span = agreementSpan(agreement);
  if (!span) return;
  const clauses = await trx
    .selectFrom("clause")
    .select(["id", "heading", "body"])
    .where("agreement_id", "=", agreementId)
    .orderBy("position")
    .execute();
  const terms = reportingTermsFromClauses(clauses);
  if (!terms) return;
  const party = await trx
    .selectFrom("agreement_party")
    .select(["id", "organization_id"])
    .where("agreement_id", "=", agreementId)
    .orderBy((eb) => eb.case().when("role", "=", "association").then(0).else(1).end())
    .orderBy("signing_order")
    .executeTakeFirst();
  if (!party) return;
  const clause = clauses.find((c) => reportingTermsFromClauses([c]) !== null) ?? null;
  const due = reportSchedule(span, terms);
  const added = await insertDueReports(
    trx,
    agreementId,
    party.id,
    due,
    textLanguage(agreement.title),
    clause?.id ?? null,
  );
  if (added > 0)
    await appendAuditEvent(trx, meta, {
      type: "report.calendar_planned",
      agreementId,
      organizationId: party.organization_id,
      subjectId: agreementId,
      data: {
        reports: added,
        everyMonths: terms.everyMonths ?? 0,
        finalDays: terms.finalDays ?? -1,
        fromArticle: true,
      },
    });
}

/** The reporting calendar planned by hand: every N months or for periods ending on given dates, and the final report. */
export async function planReports(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    partyId: string;
    everyMonths?: number;
    periodEnds?: readonly string[];
    dueDays: number;
    finalDays: number | null;
    locale: Locale;
  },
): Promise<{ ok: true; added: number } | Refusal> {
  if (!canPlanReports(actor, loaded.access)) return NOT_FOUND;
  const span = agreementSpan(loaded.agreement);
  if (!span) return ruleBroken({ key: "reports.error.noStart" });
  if (input.finalDays !== null && !span.end) return ruleBroken({ key: "reports.error.noEnd" });
  const terms: ReportingTerms = {
    everyMonths: input.periodEnds?.length ? null : (input.everyMonths ?? null),
    periodEnds: input.periodEnds ?? [],
    dueDays: input.dueDays,
    finalDays: input.finalDays,
  };
  const due = reportSchedule(span, terms);
  if (due.length === 0) return ruleBroken({ key: "reports.error.nothingToPlan" });
  return inTransaction(db, async (trx) => {
    const party = await partyOfAgreement(trx, loaded.agreement.id, input.partyId);
    if (!party) return NOT_FOUND;
    const added = await insertDueReports(trx, loaded.agreement.id, party.id, due, input.locale, null);
    await appendAuditEvent(trx, meta, {
      type: "report.calendar_planned",
      agreementId: loaded.agreement.id,
      organizationId: party.organization_id,
      subjectId: loaded.agreement.id,
      data: {
        reports: added,
        everyMonths: terms.everyMonths ?? 0,
        finalDays: terms.finalDays ?? -1,
        fromArticle: false,
      },
    });
    return { ok: true as const, added };
  });
}
