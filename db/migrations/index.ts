/**
 * Every migration, by name. Names are date-prefixed and sort in the order they run.
 * Listed statically (not read from the folder) so the bundled server carries them.
 */
import type { Migration } from "kysely";
import * as foundation from "./2026-11-23-0001-foundation";
import * as agreements from "./2026-11-23-0002-agreements";
import * as signing from "./2026-11-23-0003-signing";
import * as delivery from "./2026-11-23-0004-delivery";
import * as actionPlan from "./2026-11-23-0005-action-plan";
import * as campaignMetrics from "./2026-11-23-0006-campaign-metrics";
import * as beneficiaryLists from "./2026-11-23-0007-beneficiary-lists";
import * as committee from "./2026-11-23-0008-committee";
import * as deliverableAction from "./2026-11-23-0009-deliverable-action";
import * as notifications from "./2026-11-23-0010-notifications";
import * as speedAtScale from "./2026-11-23-0011-speed-at-scale";
import * as outboxClaims from "./2026-11-23-0012-outbox-claims";
import * as searchTable from "./2026-11-23-0013-search-table";
import * as dashboardAggregates from "./2026-11-24-0014-dashboard-aggregates";
import * as searchArabicTrigrams from "./2026-11-24-0015-search-arabic-trigrams";
import * as agendaItemTexts from "./2026-12-01-0020-agenda-item-texts";
import * as paperSigningDates from "./2026-12-01-0030-paper-signing-dates";
import * as hardening from "./2026-12-01-0040-hardening";
import * as demoFlags from "./2026-12-01-0050-demo-flags";
import * as people from "./2026-12-01-0051-people";
import * as passwordReset from "./2026-12-01-0052-password-reset";
import * as twoFactor from "./2026-12-01-0053-two-factor";
import * as totpLastStep from "./2026-12-01-0054-totp-last-step";
import * as money from "./2026-12-01-0060-money";
import * as reports from "./2026-12-01-0070-reports";
import * as agendaReportSource from "./2026-12-01-0071-agenda-report-source";
import * as integrations from "./2026-12-01-0090-integrations";
import * as partyAgreementStatus from "./2026-12-01-0140-party-agreement-status";
import * as trancheEventReversalIndex from "./2026-12-01-0150-tranche-event-reversal-index";
import * as moneyTotals from "./2026-12-01-0160-money-totals";
import * as partyAgreementUpdated from "./2026-12-01-0170-party-agreement-updated";
import * as actionItemDueIndex from "./2026-12-01-0171-action-item-due-index";
import * as meetingOutcomeReportIndex from "./2026-12-01-0172-meeting-outcome-report-index";
import * as attentionEntries from "./2026-12-02-0180-attention-entries";
import * as organizationPartners from "./2026-12-02-0190-organization-partners";
import * as organizationTotals from "./2026-12-02-0200-organization-totals";
import * as attentionMoneyReports from "./2026-12-02-0210-attention-money-reports";

export const migrations: Record<string, Migration> = {
  "2026-11-23-0001-foundation": foundation,
  "2026-11-23-0002-agreements": agreements,
  "2026-11-23-0003-signing": signing,
  "2026-11-23-0004-delivery": delivery,
  "2026-11-23-0005-action-plan": actionPlan,
  "2026-11-23-0006-campaign-metrics": campaignMetrics,
  "2026-11-23-0007-beneficiary-lists": beneficiaryLists,
  "2026-11-23-0008-committee": committee,
  "2026-11-23-0009-deliverable-action": deliverableAction,
  "2026-11-23-0010-notifications": notifications,
  "2026-11-23-0011-speed-at-scale": speedAtScale,
  "2026-11-23-0012-outbox-claims": outboxClaims,
  "2026-11-23-0013-search-table": searchTable,
  "2026-11-24-0014-dashboard-aggregates": dashboardAggregates,
  "2026-11-24-0015-search-arabic-trigrams": searchArabicTrigrams,
  "2026-12-01-0020-agenda-item-texts": agendaItemTexts,
  "2026-12-01-0030-paper-signing-dates": paperSigningDates,
  "2026-12-01-0040-hardening": hardening,
  "2026-12-01-0050-demo-flags": demoFlags,
  "2026-12-01-0051-people": people,
  "2026-12-01-0052-password-reset": passwordReset,
  "2026-12-01-0053-two-factor": twoFactor,
  "2026-12-01-0054-totp-last-step": totpLastStep,
  "2026-12-01-0060-money": money,
  "2026-12-01-0070-reports": reports,
  "2026-12-01-0071-agenda-report-source": agendaReportSource,
  "2026-12-01-0090-integrations": integrations,
  "2026-12-01-0140-party-agreement-status": partyAgreementStatus,
  "2026-12-01-0150-tranche-event-reversal-index": trancheEventReversalIndex,
  "2026-12-01-0160-money-totals": moneyTotals,
  "2026-12-01-0170-party-agreement-updated": partyAgreementUpdated,
  "2026-12-01-0171-action-item-due-index": actionItemDueIndex,
  "2026-12-01-0172-meeting-outcome-report-index": meetingOutcomeReportIndex,
  "2026-12-02-0180-attention-entries": attentionEntries,
  "2026-12-02-0190-organization-partners": organizationPartners,
  "2026-12-02-0200-organization-totals": organizationTotals,
  "2026-12-02-0210-attention-money-reports": attentionMoneyReports,
};
