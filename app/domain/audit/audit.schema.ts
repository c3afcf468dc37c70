/**
 * The audit vocabulary: every event type Charaka records, and the payload each carries.
 * Add a type here (and its payload) before recording it.
 */
import * as z from "zod";

export const AUDIT_EVENT_TYPES = [
  "user.logged_in",
  "user.logged_out",
  "user.profile_updated",
  "user.password_changed",
  "user.created",
  "user.password_reset_link",
  "user.password_reset",
  "user.two_factor_enabled",
  "user.two_factor_disabled",
  "user.recovery_codes_renewed",
  "user.recovery_code_used",
  "user.sessions_ended",
  "organization.created",
  "organization.updated",
  "organization.two_factor_policy",
  "api_token.created",
  "api_token.revoked",
  "webhook.endpoint_added",
  "webhook.endpoint_removed",
  "oidc.provider_saved",
  "oidc.provider_removed",
  "user.identity_linked",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "membership.created",
  "membership.role_changed",
  "membership.removed",
  "invitation.resent",
  "user.disabled",
  "user.enabled",
  "agreement.created",
  "agreement.updated",
  "agreement.party_added",
  "agreement.party_updated",
  "agreement.party_removed",
  "agreement.transitioned",
  "agreement.version_frozen",
  "agreement.amendment_created",
  "agreement.amendment_applied",
  "clause.added",
  "clause.updated",
  "clause.moved",
  "clause.deleted",
  "clause.saved_to_library",
  "comment.added",
  "comment.resolved",
  "agreement.signing_viewed",
  "agreement.signed",
  "agreement.declined",
  "agreement.signed_on_paper",
  "agreement.pdf_downloaded",
  "file.uploaded",
  "file.downloaded",
  "organization.stamp_uploaded",
  "obligation.added",
  "obligation.status_changed",
  "deliverable.added",
  "delivery.recorded",
  "deliverable.delivered",
  "deliverable.confirmed",
  "deliverable.disputed",
  "plan.created",
  "plan.action_added",
  "plan.indicator_added",
  "plan.moved",
  "plan.progress_updated",
  "report.calendar_planned",
  "report.created",
  "report.saved",
  "report.annex_removed",
  "report.submitted",
  "report.commented",
  "report.sent_back",
  "report.accepted",
  "report.pdf_downloaded",
  "evaluation.submitted",
  "beneficiaries.list_opened",
  "beneficiaries.added",
  "agreement.renewed",
  "committee.created",
  "committee.updated",
  "committee.member_added",
  "committee.member_updated",
  "committee.member_removed",
  "committee.seat_handed_over",
  "meeting.scheduled",
  "meeting.agenda_changed",
  "meeting.moved",
  "meeting.attendance_recorded",
  "meeting.outcome_added",
  "action_item.added",
  "action_item.closed",
  "action_item.due",
  "minutes.saved",
  "minutes.moved",
  "minutes.approved",
  "minutes.addendum_added",
  "budget.line_added",
  "budget.line_updated",
  "budget.line_removed",
  "budget.share_added",
  "budget.share_removed",
  "budget.reallocated",
  "tranche.added",
  "tranche.removed",
  "tranche.due",
  "tranche.called",
  "tranche.paid",
  "tranche.received",
  "tranche.cancelled",
  "tranche.event_reversed",
  "expense.recorded",
  "expense.reversed",
  "expense.receipt_attached",
  "expense.queried",
  "expense.query_answered",
  "expense.query_settled",
  "dossier.document_added",
  "organization.bank_details_updated",
  "calendar.feed_created",
  "backup.downloaded",
  "demo.removed",
] as const;

export const AuditEventType = z.enum(AUDIT_EVENT_TYPES);
export type AuditEventType = z.infer<typeof AuditEventType>;

export interface AuditPayloads {
  "user.logged_in": Record<string, never>;
  "user.logged_out": Record<string, never>;
  "user.profile_updated": { fields: string[] };
  "user.password_changed": { otherSessionsEnded: number };
  "user.created": { email: string; platformAdmin: boolean };
  "user.password_reset_link": { byHand: boolean };
  "user.password_reset": { sessionsEnded: number };
  "user.two_factor_enabled": Record<string, never>;
  "user.two_factor_disabled": Record<string, never>;
  "user.recovery_codes_renewed": Record<string, never>;
  "user.recovery_code_used": Record<string, never>;
  "user.sessions_ended": { count: number };
  "organization.created": { kind: string; name: string };
  "organization.updated": { fields: string[] };
  "organization.two_factor_policy": { required: boolean };
  "api_token.created": { name: string; scopes: string; expiresAt: string; prefix: string };
  "api_token.revoked": { name: string; prefix: string };
  "webhook.endpoint_added": { url: string; events: string[] };
  "webhook.endpoint_removed": { url: string };
  "oidc.provider_saved": { label: string; issuer: string; domains: string; passwordSignIn: boolean };
  "oidc.provider_removed": { label: string; issuer: string };
  "user.identity_linked": { providerId: string; email: string; newAccount: boolean };
  "invitation.created": { email: string; role: string };
  "invitation.revoked": { email: string };
  "invitation.accepted": { email: string; role: string; newAccount: boolean };
  "membership.created": { userId: string; role: string };
  "membership.role_changed": { userId: string; name: string; from: string; to: string };
  "membership.removed": { userId: string; name: string; role: string; sessionsEnded: number };
  "invitation.resent": { email: string };
  "user.disabled": { email: string; sessionsEnded: number };
  "user.enabled": { email: string; sessionsEnded: number };
  "agreement.created": { reference: string; title: string; parentAgreementId?: string };
  "agreement.updated": { fields: string[] };
  "agreement.party_added": { organizationId: string; role: string };
  "agreement.party_updated": { organizationId: string; fields: string[] };
  "agreement.party_removed": { organizationId: string };
  "agreement.transitioned": { action: string; from: string; to: string; reason?: string; date?: string };
  "agreement.version_frozen": { number: number; reason: string; hash: string };
  "agreement.amendment_created": { amendmentId: string; reference: string };
  "agreement.amendment_applied": { amendmentId: string; reference: string; newEndDate?: string; addedArticles: number };
  "clause.added": { position: number; heading: string; fromTemplate?: string };
  "clause.updated": { position: number; heading: string };
  "clause.moved": { heading: string; from: number; to: number };
  "clause.deleted": { position: number; heading: string };
  "clause.saved_to_library": { heading: string; language: string };
  "comment.added": { clauseId: string };
  "comment.resolved": { clauseId: string };
  "agreement.signing_viewed": { number: number };
  "agreement.signed": { number: number; hash: string; name: string; method: "in_app" | "paper" };
  "agreement.declined": { number: number; reason: string; voidedSignatures: number };
  "agreement.signed_on_paper": { number: number; hash: string; date: string; place: string };
  "agreement.pdf_downloaded": { number: number; sha256: string };
  "file.uploaded": { purpose: string; sha256: string; size: number; name: string };
  "file.downloaded": { purpose: string; sha256: string };
  "organization.stamp_uploaded": { sha256: string; size: number };
  "obligation.added": { description: string };
  "obligation.status_changed": { description: string; from: string; to: string; note?: string };
  "deliverable.added": { title: string; target: number; unit: string };
  "delivery.recorded": { title: string; quantity: number; beneficiaries: number; evidence?: string };
  "deliverable.delivered": { title: string; note?: string };
  "deliverable.confirmed": { title: string };
  "deliverable.disputed": { title: string; note?: string };
  "plan.created": { year: number; prefilled: number };
  "plan.action_added": { year: number; objective: string };
  "plan.indicator_added": { objective: string; name: string };
  "plan.moved": { year: number; from: string; to: string; number?: number; date?: string };
  "plan.progress_updated": { objective: string; status?: string; indicator?: string; achieved?: number };
  "report.calendar_planned": { reports: number; everyMonths: number; finalDays: number; fromArticle: boolean };
  "report.created": { kind: string; from: string; to: string };
  "report.saved": { revision: number; length: number };
  "report.annex_removed": { name: string; sha256: string };
  "report.submitted": { number: number; hash: string; kind: string; from: string; to: string };
  "report.commented": { number: number; section: string };
  "report.sent_back": { number: number; hash: string; name: string; note: string };
  "report.accepted": {
    number: number;
    hash: string;
    name: string;
    decision: string;
    reservations?: string;
    /** The agreement's rule (one or all partners) is met: the report is accepted. */
    complete: boolean;
    /** Numbers of the tranches its acceptance made due. */
    tranchesDue: string[];
    lockedExpenses: number;
  };
  "report.pdf_downloaded": { number: number; sha256: string };
  "evaluation.submitted": { name: string; average: number };
  "beneficiaries.list_opened": { retentionUntil: string };
  "beneficiaries.added": Record<string, never>;
  "agreement.renewed": { from: string; to: string };
  "committee.created": { members: number };
  "committee.updated": { rhythm: string; quorumRule: string; approvalRule: string };
  "committee.member_added": { name: string; role: string; external: boolean };
  "committee.member_updated": { name: string; from: string; to: string };
  "committee.member_removed": { name: string };
  "committee.seat_handed_over": { name: string; to: string; actionItems: number };
  "meeting.scheduled": { number: number; startsAt: string; agendaItems: number };
  "meeting.agenda_changed": { change: "added" | "moved" | "removed"; title: string };
  "meeting.moved": { number: number; from: string; to: string; reason?: string };
  "meeting.attendance_recorded": { present: number; recorded: number };
  "meeting.outcome_added": { kind: string; number?: number; body: string };
  "action_item.added": { meeting: number; title: string; dueDate?: string };
  "action_item.closed": { title: string; to: string; note?: string };
  /** Announced once per due date by the daily job, when the open item enters the reminders' notice window. */
  "action_item.due": { meeting: number; title: string; dueDate: string };
  "minutes.saved": { revision: number; length: number };
  "minutes.moved": { number: number; to: string; hash?: string };
  "minutes.approved": { number: number; hash: string; name: string; locked: boolean };
  "minutes.addendum_added": { number: number; length: number };
  /** Amounts in money events are exact decimal strings with their currency, e.g. "90000.00 MAD". */
  "budget.line_added": { position: number; description: string };
  "budget.line_updated": { position: number; description: string; fields: string[] };
  "budget.line_removed": { position: number; description: string };
  "budget.share_added": { position: number; party: string; kind: string; amount: string };
  "budget.share_removed": { position: number; party: string; kind: string; amount: string };
  "budget.reallocated": { fromLine: number; toLine: number; amount: string; meeting: number; decision: number };
  "tranche.added": { number: number; payer: string; amount: string; condition: string };
  "tranche.removed": { number: number; amount: string };
  "tranche.due": { number: number; amount: string; condition: string; date: string };
  "tranche.called": { number: number; amount: string; date: string };
  "tranche.paid": { number: number; amount: string; date: string; method: string; reference?: string; proof?: string };
  "tranche.received": { number: number; amount: string; fee?: string; date: string };
  "tranche.cancelled": { number: number; reason: string; meeting: number; decision: number };
  "tranche.event_reversed": { number: number; kind: string; reason: string };
  "expense.recorded": { description: string; supplier: string; amount: string; date: string; receipt?: string };
  "expense.reversed": { description: string; amount: string; reason: string };
  "expense.receipt_attached": { description: string; sha256: string };
  "expense.queried": { description: string; kind: string };
  "expense.query_answered": { description: string };
  "expense.query_settled": { description: string };
  "dossier.document_added": { kind: string; issuedOn: string; expiresOn?: string; sha256: string };
  "organization.bank_details_updated": { fields: string[] };
  "calendar.feed_created": Record<string, never>;
  "backup.downloaded": { name: string; sha256: string; bytes: number; files: number };
  "demo.removed": { organizations: number; people: number; disabledPeople: number; agreements: number; files: number };
}
