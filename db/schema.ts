/**
 * The typed shape of Charaka's database, as Kysely sees it.
 * Updated in the same commit as every migration (migrations themselves use Kysely<any>).
 *
 * Conventions (see docs/domain.md, "Data conventions"):
 * - ids are random text ids generated in code (portable across SQLite and PostgreSQL);
 * - timestamps are UTC ISO-8601 text written by code (`nowIso()`), dates are `YYYY-MM-DD` text;
 * - booleans are integers 0/1 on every dialect;
 * - money is integer minor units (centimes) next to a currency code;
 * - every mutable table has created_at, updated_at and version (optimistic concurrency).
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type OrganizationKind = "association" | "company" | "foundation" | "public_body";
/** The roles' list, order and rights live in app/domain/organization/organization.schema.ts and access.ts. */
export type MembershipRole = "president" | "admin" | "treasurer" | "member";
export type Locale = "fr" | "ar" | "en";

interface Mutable {
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface OrganizationTable extends Mutable {
  id: string;
  kind: OrganizationKind;
  name_fr: string | null;
  name_ar: string | null;
  city: string | null;
  region: string | null;
  registration_number: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  /** The organization's stamp (cachet), placed beside its signatory's signature in PDFs. */
  stamp_attachment_id: string | null;
  /** 1 for the demo seed's organizations: removed with the demo data (app/domain/demo). */
  is_demo: Generated<number>;
  /** 1: its presidents and admins must use two-factor sign-in. */
  require_two_factor: Generated<number>;
  /** ISO 3166-1 alpha-2, 'MA' by default: funds received from a payer based abroad must be declared. */
  country: Generated<string>;
  /** Bank details printed on calls for funds: the bank's name and the 24-digit RIB (stored as digits). */
  bank_name: string | null;
  bank_account: string | null;
}

export type DossierKind =
  | "registration_receipt"
  | "statutes"
  | "general_assembly_minutes"
  | "board_list"
  | "tax_certificate"
  | "bank_certificate";

/** One of an organization's standing documents; a new one of a kind supersedes the previous. */
export interface DossierDocumentTable {
  id: string;
  organization_id: string;
  kind: DossierKind;
  attachment_id: string;
  issued_on: string;
  expires_on: string | null;
  superseded_at: string | null;
  uploaded_by: string | null;
  created_at: string;
}

export interface UserTable extends Mutable {
  id: string;
  /** Stored lower-cased and trimmed; unique. */
  email: string;
  name: string;
  locale: Locale;
  password_hash: string;
  is_platform_admin: Generated<number>;
  disabled_at: string | null;
  /** 1 for the demo seed's accounts (published password): they sign in only from loopback unless CHARAKA_DEMO=public. */
  is_demo: Generated<number>;
  /** When the person last signed in (a session started). */
  last_login_at: string | null;
  /** TOTP key (hex), set when two-factor sign-in is being or has been set up. */
  totp_key: string | null;
  /** When two-factor sign-in was confirmed with a first code; null: off. */
  totp_enabled_at: string | null;
  /** Time step (Unix seconds / 30) of the last TOTP code accepted: that code and older ones are refused. */
  totp_last_step: number | null;
}

export interface MembershipTable extends Mutable {
  id: string;
  user_id: string;
  organization_id: string;
  role: MembershipRole;
  /** Free text shown with the name, e.g. "Président", "Chargée RSE". */
  title: string | null;
}

export interface SessionTable extends Mutable {
  /** SHA-256 (hex) of the session token: the token itself is never stored. */
  id: string;
  user_id: string;
  /** Idle expiry, pushed forward while the session is used. */
  expires_at: string;
  /** Hard limit: the session ends then, however active. */
  absolute_expires_at: string;
  /** Last time the user typed their password (login or re-authentication). */
  authenticated_at: string;
  ip: string | null;
  user_agent: string | null;
  /** Last request seen on it, kept to within a few minutes. */
  last_seen_at: string | null;
}

/** One of a person's ten single-use recovery codes (two-factor sign-in), as a SHA-256. */
export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** The second step of a login: the password was right, the code is awaited; no session yet. */
export interface LoginChallengeTable {
  /** SHA-256 (hex) of the token in the short-lived cookie. */
  id: string;
  user_id: string;
  redirect_to: string;
  expires_at: string;
  created_at: string;
}

/** One check of a secret (sign-in, password confirmation, reset link, two-factor code), reserved before it is made. */
export interface AuthAttemptTable {
  id: string;
  /** What was checked: "login", "reauth", … (app/domain/identity/attempts.server.ts). */
  kind: string;
  /** Whose secret: the email typed at sign-in, the user id elsewhere. */
  subject: string;
  /** The client's address, IPv6 reduced to its /64. */
  ip: string;
  /** 0 until the check succeeds (a reserved attempt counts as failed). */
  succeeded: number;
  created_at: string;
}

export interface InvitationTable extends Mutable {
  id: string;
  organization_id: string;
  email: string;
  role: MembershipRole;
  title: string | null;
  /** SHA-256 (hex) of the single-use token sent in the link. */
  token_hash: string;
  invited_by_user_id: string | null;
  expires_at: string;
  accepted_at: string | null;
  accepted_by_user_id: string | null;
  revoked_at: string | null;
}

/** A single-use link to choose a new password, valid one hour; only its token's SHA-256 is stored. */
export interface PasswordResetTable {
  id: string;
  user_id: string;
  token_hash: string;
  /** Who made the link by hand (platform administrator, president); null when the person asked by email. */
  created_by_user_id: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** An organization's API token: only the SHA-256 of the secret is kept; `user_id` is the token's own account. */
export interface ApiTokenTable {
  id: string;
  organization_id: string;
  /** The account the token acts as (named after it, no membership, never signs in): audit and "recorded by". */
  user_id: string;
  name: string;
  token_hash: string;
  /** The secret's first characters, to recognise it in the list. */
  prefix: string;
  /** "read" or "read write". */
  scopes: string;
  expires_at: string;
  created_by_user_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by_user_id: string | null;
}

/** Requests of one token in one minute (UTC, "YYYY-MM-DDTHH:MM"): the rate limit every instance shares. */
export interface ApiRateTable {
  token_id: string;
  window_start: string;
  count: number;
}

/** Where an organization wants its events sent (HTTPS), which ones, and the secret that signs them. */
export interface WebhookEndpointTable extends Mutable {
  id: string;
  organization_id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  secret: string;
  description: string | null;
  created_by_user_id: string | null;
}

export type WebhookDeliveryStatus = "pending" | "sent" | "failed" | "skipped";

/** One event for one endpoint: the webhook outbox, written in the command's transaction, sent after it. */
export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  /** The event's id, shared by every endpoint that receives it. */
  event_id: string;
  /** What makes the event exist once for an endpoint (the audit entry, or a due date). */
  event_key: string;
  event_type: string;
  agreement_id: string | null;
  subject_id: string | null;
  /** JSON of the event's facts as recorded (the audit payload). */
  data: string;
  occurred_at: string;
  /** The JSON sent, built at the first attempt from what the receiving organization may see. */
  body: string | null;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** Set while one sender is sending it (any instance), as the email outbox's. */
  claimed_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  attempted_at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** An OpenID Connect provider, configured by the platform administrator, bound to one organization and its email domains. */
export interface OidcProviderTable extends Mutable {
  id: string;
  organization_id: string;
  /** Shown on the button: "Sign in with …". */
  label: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  /** Lower-cased domains separated by spaces, e.g. "kazyon.example kazyon-group.example". */
  email_domains: string;
  /** 0: the organization's members whose address is in these domains sign in only through the provider. */
  password_sign_in: Generated<number>;
}

/** A sign-in sent to a provider and not yet back: keyed by the SHA-256 of its state. */
export interface OidcFlowTable {
  id: string;
  provider_id: string;
  code_verifier: string;
  nonce: string;
  redirect_to: string;
  expires_at: string;
  created_at: string;
}

/** A provider's subject linked to an account at its first sign-in (by verified email). */
export interface UserIdentityTable {
  provider_id: string;
  subject: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
}

export interface AuditEventTable {
  /** Position in the hash chain, 1, 2, 3… assigned inside the writing transaction. */
  seq: number;
  id: string;
  type: string;
  actor_user_id: string | null;
  organization_id: string | null;
  agreement_id: string | null;
  subject_id: string | null;
  /** Canonical JSON of the event's payload. */
  data: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  prev_hash: string;
  hash: string;
  /** HMAC-SHA-256 of `hash` with the audit key (null only for entries written before it existed). */
  mac: string | null;
}

/** A point up to which the audit chain was verified, sealed with the audit key. */
export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  mac: string;
  /** 1 when the check that wrote it started from the first event. */
  full_check: number;
  checked_at: string;
}

export type AgreementStatus =
  "draft" | "negotiation" | "awaiting_signatures" | "active" | "suspended" | "completed" | "expired" | "terminated";
export type AgreementKind = "partnership" | "mou" | "framework" | "sponsorship" | "amendment";
export type PartyRole = "association" | "partner" | "public_authority";

export interface AgreementTable extends Mutable {
  id: string;
  /** Human reference, e.g. CH-2026-0007, unique. */
  reference: string;
  kind: AgreementKind;
  title: string;
  /** The title in a second language (often Arabic next to French). */
  title_secondary: string | null;
  /** Markdown. */
  purpose: Generated<string>;
  territory: string | null;
  signing_place: string | null;
  effective_date: string | null;
  end_date: string | null;
  duration_months: number | null;
  tacit_renewal: Generated<number>;
  renewal_notice_days: number | null;
  currency: Generated<string>;
  total_budget_cents: number | null;
  status: AgreementStatus;
  /** The association that created the agreement and moves its lifecycle. */
  owner_organization_id: string;
  /** For an amendment: the agreement it amends. */
  parent_agreement_id: string | null;
  /** For an amendment: the parent's new end date once the amendment is active. */
  amends_end_date: string | null;
  /** The day it was signed: its last signature's day in Morocco, or the paper ceremony's date. */
  signed_on: string | null;
  /** Reason of the last termination, suspension or return to negotiation. */
  status_reason: string | null;
  terminated_on: string | null;
  /** Number of the last frozen version (0 before the first). */
  text_version: Generated<number>;
  created_by_user_id: string | null;
  /** "any" (default) or "association_first": associations sign before the other parties. */
  signing_order: Generated<"any" | "association_first">;
  /** Derived, stored for SQL (app/domain/delivery/due-dates.server.ts): the last day (computedEndDate). */
  ends_on: Generated<string | null>;
  /** Derived, stored for SQL: the first day it is flagged as ending soon (noticeFrom); null without an end. */
  notice_from: Generated<string | null>;
  /** How much of a budget line the committee may move to another after signing, in basis points (1000 = 10 %). */
  reallocation_limit_bp: Generated<number>;
  /** Whose acceptance of a report counts: one partner's ("any") or every partner's ("all"). */
  report_acceptance: Generated<"any" | "all">;
}

export interface AgreementPartyTable extends Mutable {
  id: string;
  agreement_id: string;
  organization_id: string;
  role: PartyRole;
  signatory_name: string | null;
  signatory_title: string | null;
  signatory_user_id: string | null;
  /** No longer read or written: moved into budget lines by migration 0060; a contribution is the sum of the party's shares. */
  contribution_cents: number | null;
  contribution_in_kind: string | null;
  signing_order: Generated<number>;
  /** Its agreement's status, kept by the database (triggers of migration 0140); never written by code. */
  agreement_status: Generated<AgreementStatus>;
  /** Its agreement's updated_at, kept by the database (triggers of migration 0170); never written by code. */
  agreement_updated_at: Generated<string>;
}

export interface ClauseTable extends Mutable {
  id: string;
  agreement_id: string;
  position: number;
  heading: string;
  /** Markdown. */
  body: string;
  /** Set when the article was added to the agreement by an amendment. */
  source_amendment_id: string | null;
}

export interface ClauseTemplateTable extends Mutable {
  id: string;
  organization_id: string;
  language: Locale;
  heading: string;
  body: string;
  created_by_user_id: string | null;
}

export interface ClauseCommentTable extends Mutable {
  id: string;
  agreement_id: string;
  clause_id: string;
  author_user_id: string | null;
  organization_id: string | null;
  body: string;
  resolved_at: string | null;
  resolved_by_user_id: string | null;
}

export interface AgreementVersionTable {
  id: string;
  agreement_id: string;
  number: number;
  reason: "negotiation" | "signature" | "amendment";
  /** Canonical JSON of the whole text (parties, dates, clauses). */
  snapshot: string;
  /** SHA-256 of `snapshot`. */
  hash: string;
  created_by_user_id: string | null;
  created_at: string;
}

/**
 * The normalised text that search matches (db/search.ts). SQLite adds an integer `id`, the rowid
 * of the FTS5 index `agreement_search_fts` beside it; PostgreSQL the generated columns `words` and
 * `words_latin` (the same with Arabic letters as Latin capitals, for its trigram index).
 */
export interface AgreementSearchTable {
  agreement_id: string;
  reference: string;
  title: string;
  body: string;
}

export interface AttachmentTable {
  id: string;
  /** What the file belongs to: "agreement", "organization", … */
  owner_type: string;
  owner_id: string;
  /** Why it was uploaded: "paper_scan", "stamp", … */
  purpose: string;
  /** Server-generated file name under UPLOADS_PATH; never the uploaded name. */
  stored_name: string;
  original_name: string;
  /** Detected from the content, not from the name or the browser's claim. */
  mime_type: string;
  size: number;
  sha256: string;
  uploaded_by_user_id: string | null;
  created_at: string;
}

export interface PaperSigningTable {
  id: string;
  agreement_id: string;
  version_number: number;
  content_hash: string;
  /** The ceremony's date (a day, no time). */
  signed_on: string;
  place: string;
  scan_attachment_id: string;
  /** Who typed the ceremony in, and when: the recording, apart from the signing. */
  recorded_by_user_id: string | null;
  recorded_at: string;
}

export interface SignatureTable extends Mutable {
  id: string;
  agreement_id: string;
  version_number: number;
  /** SHA-256 of the version's canonical content, as signed. */
  content_hash: string;
  party_id: string;
  organization_id: string;
  user_id: string | null;
  signer_name: string;
  signer_title: string | null;
  method: "in_app" | "paper";
  /** Optional drawn signature, as a PNG data URL. */
  drawing_png: string | null;
  paper_signing_id: string | null;
  /** The day of the signature: in Morocco for one made in the app, the ceremony's date on paper. */
  signed_on: string;
  /** The instant of a signature made in the app; null on paper (a ceremony has a date, not a time). */
  signed_at: string | null;
  ip: string | null;
  user_agent: string | null;
  status: Generated<"valid" | "void">;
  voided_at: string | null;
  void_reason: string | null;
}

/** Every PDF Charaka issued, by the SHA-256 of its bytes: what /verify recognises. */
export interface PdfDocumentTable {
  sha256: string;
  agreement_id: string;
  version_number: number;
  content_hash: string;
  kind: string;
  created_at: string;
}

export type ObligationStatus = "pending" | "in_progress" | "done" | "waived";
/** 'general': written in the text; the others are created by Charaka (a foreign funding declaration, reports). */
export type ObligationKind = "general" | "foreign_funding_declaration" | "progress_report" | "final_report";
export type Recurrence = "none" | "monthly" | "quarterly" | "yearly";
export type DeliverableStatus = "planned" | "in_progress" | "delivered" | "confirmed" | "disputed";
export type DeliverableKind =
  | "medical_campaign"
  | "equipment"
  | "distribution"
  | "connectivity"
  | "training"
  | "infrastructure"
  | "service"
  | "other";

export interface ObligationTable extends Mutable {
  id: string;
  agreement_id: string;
  /** The article it comes from, when there is one. */
  clause_id: string | null;
  responsible_party_id: string;
  description: string;
  due_date: string | null;
  recurrence: Generated<Recurrence>;
  status: Generated<ObligationStatus>;
  /** Completion note, or the reason it was waived. */
  status_note: string | null;
  completed_on: string | null;
  /** Derived, stored for SQL (app/domain/delivery/due-dates.server.ts): when it is next due (nextDueDate); null when nothing is due. */
  next_due_on: Generated<string | null>;
  kind: Generated<ObligationKind>;
  /** The tranche whose receipt created it (a foreign funding declaration). */
  tranche_id: string | null;
  /** A report obligation's period (the report due covers it). */
  period_from: string | null;
  period_to: string | null;
}

// ── Partner reports (app/domain/report) ─────────────────────────────────────────────────

export type ReportKind = "progress" | "final";
export type ReportStatus = "draft" | "submitted" | "sent_back" | "accepted";
export type ReportDecision = "sent_back" | "accepted" | "accepted_with_reservations";

/** A progress or final report of the reporting party for a period; `sections` is the text being written (JSON). */
export interface ReportTable extends Mutable {
  id: string;
  agreement_id: string;
  /** The report obligation it answers, when there is one. */
  obligation_id: string | null;
  /** The reporting party (usually the association). */
  party_id: string;
  kind: ReportKind;
  period_from: string;
  period_to: string;
  status: Generated<ReportStatus>;
  /** Number of the last submitted version (0 before the first submission). */
  current_version: Generated<number>;
  /** JSON of the sections (app/domain/report/report.ts ReportSections). */
  sections: string;
  /** Who saved the text last (named when a second save is refused). */
  edited_by_user_id: string | null;
  accepted_at: string | null;
  created_by_user_id: string | null;
}

/** A submission, frozen: canonical JSON of everything the report says, and its SHA-256. */
export interface ReportVersionTable {
  id: string;
  report_id: string;
  number: number;
  snapshot: string;
  sha256: string;
  submitted_by: string | null;
  submitted_at: string;
}

/** A partner's comment on one section of a submitted version. */
export interface ReportCommentTable {
  id: string;
  report_id: string;
  version_number: number;
  /** A section key (REPORT_SECTIONS) or "general". */
  section: string;
  organization_id: string;
  author_user_id: string | null;
  body: string;
  created_at: string;
}

/** A partner's decision on a version, recorded like a signature. */
export interface ReportReviewTable {
  id: string;
  report_id: string;
  version_number: number;
  organization_id: string;
  user_id: string | null;
  name: string;
  decision: ReportDecision;
  reservations: string | null;
  /** SHA-256 of the version reviewed. */
  content_hash: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
}

/** A party's evaluation of the partnership, with the final report; scores is JSON (evaluation.ts). */
export interface PartnershipEvaluationTable {
  id: string;
  agreement_id: string;
  organization_id: string;
  report_id: string | null;
  scores: string;
  comments: Generated<string>;
  submitted_by: string | null;
  submitted_at: string;
}

export interface DeliverableTable extends Mutable {
  id: string;
  agreement_id: string;
  obligation_id: string | null;
  /** The action of the annual plan it carries out. */
  plan_action_id: string | null;
  kind: DeliverableKind;
  title: string;
  description: Generated<string>;
  location: string | null;
  start_date: string | null;
  due_date: string | null;
  responsible_party_id: string;
  target_quantity: number;
  unit: string;
  status: Generated<DeliverableStatus>;
  over_delivery_note: string | null;
  dispute_note: string | null;
  confirmed_at: string | null;
  confirmed_by_user_id: string | null;
  /** For a medical campaign: the specialties offered. */
  specialties: string | null;
}

export interface DeliverableItemTable {
  id: string;
  deliverable_id: string;
  position: number;
  name: string;
  target_quantity: number;
  created_at: string;
}

export interface DeliveryTable {
  id: string;
  deliverable_id: string;
  delivered_on: string;
  quantity: number;
  beneficiaries: Generated<number>;
  beneficiaries_women: number | null;
  beneficiaries_men: number | null;
  beneficiaries_children: number | null;
  place: string | null;
  note: string | null;
  recorded_by_user_id: string | null;
  created_at: string;
}

/**
 * Beneficiaries reached per agreement and month (YYYY-MM): the sum of its deliveries', kept by
 * recordDelivery in the same transaction (app/domain/dashboard/beneficiaries.server.ts), so the
 * dashboard's chart reads one row per agreement and month instead of every delivery.
 */
export interface BeneficiariesByMonthTable {
  agreement_id: string;
  month: string;
  beneficiaries: number;
}

/**
 * One entry of a dashboard list (migration 0180), kept from scratch for its agreement after every audited
 * change to it (app/domain/dashboard/attention-entries.server.ts): who it is for, what kind, the record it
 * is about, and what its list filters and sorts by (each kind says what its dates mean).
 */
export interface AttentionEntryTable {
  /** The organization (or, for meetings and action items asked of a member, the person) it is for. */
  audience_id: string;
  kind: AttentionKind;
  subject_id: string;
  agreement_id: string;
  /** The date (or time) the list sorts and filters by. */
  on_date: string | null;
  /** The day from which it is flagged (in notice, late), where the kind has one. */
  alert_on: string | null;
  /** The organization on the other side (the reporting or paying one), where the list leaves out its own. */
  owner_id: string | null;
  /** The tie-breaker after on_date (an agreement's reference, a creation time). */
  sort_key: string;
}

/**
 * An organization's parties by their agreement's status (migration 0200): kept by the database's
 * triggers, for the counts by status of the dashboard and the list as it opens.
 */
export interface OrganizationStatusCountTable {
  organization_id: string;
  agreement_status: string;
  /** How many of its parties are of agreements in that status. */
  agreements: number;
}

/**
 * An organization's beneficiaries by month over the charted agreements it is party to (migration
 * 0200): kept by the database's triggers from `beneficiaries_by_month`, for the dashboard's chart.
 */
export interface OrganizationBeneficiariesByMonthTable {
  organization_id: string;
  /** YYYY-MM */
  month: string;
  beneficiaries: number;
  /** How many agreements have this month. */
  agreements: number;
}

/**
 * Two organizations sharing at least one agreement, one row each way (migration 0190): kept by the
 * database's triggers from the parties, for the agreements list's partner suggestions.
 */
export interface OrganizationPartnerTable {
  organization_id: string;
  partner_id: string;
  /** How many agreements they share. */
  shared: number;
  /** lower(coalesce(name_fr, name_ar)) of the partner, as the suggestions are sorted. */
  sort_name: string | null;
}

export type AttentionKind =
  | "meeting"
  | "action_item"
  | "obligation"
  | "agreement_ending"
  | "delivery_to_confirm"
  | "tranche_to_pay"
  | "tranche_expected"
  | "tranche_to_confirm"
  | "tranche_awaiting_receipt"
  | "report_due"
  | "report_to_review"
  | "report_sent_back"
  | "report_accepted"
  | "reviewed_agreement"
  | "progress";

export interface DeliveryItemTable {
  delivery_id: string;
  item_id: string;
  quantity: number;
}

export type PlanStatus = "draft" | "submitted" | "adopted";
export type ActionStatus = "planned" | "in_progress" | "done" | "cancelled";
export type Priority = "high" | "medium" | "low";

export interface ActionPlanTable extends Mutable {
  id: string;
  agreement_id: string;
  year: number;
  status: Generated<PlanStatus>;
  /** Number of the last adopted version (0 before the first adoption). */
  revision: Generated<number>;
  adopted_on: string | null;
  /** The committee meeting that adopted it, as typed (older records) … */
  adopted_at_meeting: string | null;
  /** … or linked to the committee's meeting. */
  adopted_meeting_id: string | null;
}

export interface PlanActionTable extends Mutable {
  id: string;
  plan_id: string;
  position: number;
  objective: string;
  priority: Generated<Priority>;
  responsible_party_id: string;
  start_date: string;
  end_date: string;
  budget_cents: number | null;
  obligation_id: string | null;
  status: Generated<ActionStatus>;
}

export interface IndicatorTable extends Mutable {
  id: string;
  action_id: string;
  name: string;
  unit: string;
  baseline: Generated<number>;
  target: number;
  achieved: Generated<number>;
}

export interface ActionPlanVersionTable {
  id: string;
  plan_id: string;
  revision: number;
  snapshot: string;
  adopted_on: string;
  adopted_at_meeting: string | null;
  adopted_meeting_id: string | null;
  created_at: string;
}

// ── The money (app/domain/finance): amounts are integer minor units beside their currency ──

export type BudgetCategory = "equipment" | "personnel" | "transport" | "communication" | "running_costs" | "other";
export type ShareKind = "cash" | "in_kind" | "volunteer_time";
export type TrancheCondition =
  "signature" | "date" | "deliverable_confirmed" | "report_accepted" | "committee_decision";
export type TrancheStatus = "planned" | "due" | "called" | "paid" | "received" | "cancelled";
export type TrancheEventKind = "due" | "called" | "paid" | "received" | "cancelled" | "reversed";
export type PaymentMethod = "transfer" | "cheque" | "cash" | "other";
export type ExpenseQueryKind = "comment" | "ineligible";

/** A line of an agreement's budget; its amount is the sum of its shares. Part of the frozen text. */
export interface BudgetLineTable extends Mutable {
  id: string;
  agreement_id: string;
  position: number;
  category: BudgetCategory;
  description: string;
  plan_action_id: string | null;
  currency: string;
}

/** Who funds a budget line, how much, and how: cash, in kind (valued, carried by a deliverable) or volunteers' time. */
export interface BudgetShareTable extends Mutable {
  id: string;
  budget_line_id: string;
  party_id: string;
  kind: ShareKind;
  /** For volunteers' time: hours × hourly rate, stored. */
  amount_minor: number;
  deliverable_id: string | null;
  hours: number | null;
  hourly_rate_minor: number | null;
  note: string | null;
}

/** An amount moved between two lines after signing, by a decision in approved minutes, within the agreement's limit. */
export interface BudgetReallocationTable {
  id: string;
  agreement_id: string;
  from_line_id: string;
  to_line_id: string;
  amount_minor: number;
  meeting_outcome_id: string;
  created_by: string | null;
  created_at: string;
}

/** A funding tranche of the schedule (frozen text); `status` is the stored copy of trancheState(events). */
export interface TrancheTable extends Mutable {
  id: string;
  agreement_id: string;
  number: number;
  payer_party_id: string;
  receiver_party_id: string;
  amount_minor: number;
  currency: string;
  planned_on: string | null;
  condition: TrancheCondition;
  condition_deliverable_id: string | null;
  condition_report_id: string | null;
  condition_outcome_id: string | null;
  grace_days: Generated<number>;
  status: Generated<TrancheStatus>;
  /** The day its condition was met (it became due); lateness counts from it. */
  due_since: string | null;
  cancelled_reason: string | null;
  cancelled_outcome_id: string | null;
}

/** What happened to a tranche, append-only; a mistake is undone by a 'reversed' event pointing at it. */
export interface TrancheEventTable {
  id: string;
  tranche_id: string;
  kind: TrancheEventKind;
  reverses_event_id: string | null;
  on_date: string;
  amount_minor: number | null;
  currency: string | null;
  /** Received: what reached the bank account, in MAD (the figure summed). */
  amount_mad_minor: number | null;
  /** Received: what the transfer cost, in MAD (paid − received for a MAD tranche). */
  fee_minor: number | null;
  method: PaymentMethod | null;
  reference: string | null;
  proof_attachment_id: string | null;
  note: string | null;
  by_user_id: string | null;
  created_at: string;
}

/** An expense against a budget line, append-only: a reversal is another row with the opposite amount. */
export interface ExpenseTable {
  id: string;
  agreement_id: string;
  budget_line_id: string;
  /** The party that spent. */
  party_id: string;
  spent_on: string;
  supplier: string;
  description: string;
  amount_minor: number;
  currency: string;
  method: PaymentMethod;
  receipt_attachment_id: string | null;
  reverses_expense_id: string | null;
  /** Why it was reversed (on the reversing row). */
  reason: string | null;
  /** Set when a financial report containing it is accepted: it can no longer be reversed. */
  locked_by_report_id: string | null;
  recorded_by: string | null;
  created_at: string;
}

/** A partner's question about an expense: questioned until the partner who asked settles it. */
export interface ExpenseQueryTable {
  id: string;
  expense_id: string;
  organization_id: string;
  kind: ExpenseQueryKind;
  body: string;
  created_by: string | null;
  created_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  settled_at: string | null;
  settled_by: string | null;
}

/** The money figures a row of agreement_money or organization_money carries, per currency (minor units). */
interface MoneyFigures {
  currency: string;
  /** What the non-cancelled tranches in this currency promise, and how many they are. */
  pledged_minor: number;
  pledged_tranches: number;
  /** MAD row only: what reached the associations' banks (standing receipts), net spending, and the part of
   * the receipts paid by this organization (the partner's "delivered"). */
  received_minor: number;
  spent_minor: number;
  delivered_minor: number;
  /** Tranches due or called (awaiting payment) in this currency. */
  due_tranches: number;
}

/**
 * What one agreement adds to each of its organizations' money totals (migration 0160), kept by the
 * finance commands in their transaction (app/domain/finance/money-totals.server.ts): one MAD row per
 * organization of every agreement with money, one more per other currency it has tranches in.
 */
export interface AgreementMoneyTable extends MoneyFigures {
  agreement_id: string;
  organization_id: string;
  /** The agreement's reference (set at creation): /finances's sort key. */
  reference: string;
}

/** An organization's money across its agreements: the sum of its agreement_money rows, kept with them. */
export interface OrganizationMoneyTable extends MoneyFigures {
  organization_id: string;
}

/** A typed measure of a deliverable with a target, e.g. "referrals: 50". */
export interface DeliverableMetricTable {
  id: string;
  deliverable_id: string;
  position: number;
  name: string;
  target: number;
  created_at: string;
}

export interface DeliveryMetricTable {
  delivery_id: string;
  metric_id: string;
  value: number;
}

export interface BeneficiaryListTable extends Mutable {
  id: string;
  deliverable_id: string;
  /** Why a named list is needed (law 09-08: a purpose for every processing). */
  purpose: string;
  /** After this date names are erased and only counts remain. */
  retention_until: string;
  created_by_user_id: string | null;
}

export interface BeneficiaryTable {
  id: string;
  list_id: string;
  /** Null once erased. */
  full_name: string | null;
  /** Only the last digits, e.g. "••••5678"; the full number is never stored. */
  national_id_masked: string | null;
  household_size: number | null;
  consent_recorded_at: string;
  erased_at: string | null;
  created_at: string;
}

export type Rhythm = "monthly" | "quarterly" | "half_yearly" | "yearly" | "none";
export type QuorumRule = "each_party" | "count";
export type ApprovalRule = "chair" | "each_party";
export type CommitteeRole = "chair" | "secretary" | "member";
export type MeetingStatus = "planned" | "in_progress" | "closed";
export type MinutesStatus = "draft" | "circulated" | "approved";
export type AttendanceStatus = "present" | "excused" | "absent";
export type AgendaSource = "action_item" | "obligation" | "deliverable" | "plan" | "done_items" | "report";
export type OutcomeKind = "information" | "decision";
export type ActionItemStatus = "open" | "done" | "cancelled";
export type ActionItemLink = "obligation" | "deliverable" | "plan_action";

export interface CommitteeTable extends Mutable {
  id: string;
  agreement_id: string;
  rhythm: Generated<Rhythm>;
  /** "each_party": at least one member of each party present; "count": quorum_count members present. */
  quorum_rule: Generated<QuorumRule>;
  quorum_count: number | null;
  /** Who approves minutes: the chair alone, or one member of each party. */
  approval_rule: Generated<ApprovalRule>;
}

export interface CommitteeMemberTable extends Mutable {
  id: string;
  committee_id: string;
  /** The party the member represents. */
  party_id: string;
  /** Null for an external person without an account. */
  user_id: string | null;
  name: string;
  email: string | null;
  /** For an external person: the body they come from, e.g. "Province d'Es-Semara". */
  organization_name: string | null;
  role: Generated<CommitteeRole>;
}

export interface MeetingTable extends Mutable {
  id: string;
  committee_id: string;
  agreement_id: string;
  /** 1, 2, 3… within the committee. */
  number: number;
  /** UTC instant. */
  starts_at: string;
  /** IANA zone the meeting is held in; times are shown in it. */
  time_zone: Generated<string>;
  duration_minutes: Generated<number>;
  location: string | null;
  video_url: string | null;
  status: Generated<MeetingStatus>;
  /** Invited guests, one per line. */
  guests: Generated<string>;
  minutes: Generated<string>;
  minutes_status: Generated<MinutesStatus>;
  /** Bumped on each save of the minutes: a save with an older revision is refused. */
  minutes_revision: Generated<number>;
  /** SHA-256 of the minutes' canonical text once circulated; what approvals sign. */
  minutes_hash: string | null;
  minutes_edited_by_user_id: string | null;
}

export interface AgendaItemTable extends Mutable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  body: Generated<string>;
  /** What pre-filled it, when the agenda was prepared from the follow-up. */
  source_kind: AgendaSource | null;
  source_id: string | null;
  /**
   * A prepared item's title and body in each language, JSON {"fr": {title, body}, "ar": …, "en": …}
   * (see agendaItemText); null for items typed by people, shown as typed.
   */
  texts: string | null;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  member_id: string;
  status: AttendanceStatus;
  updated_at: string;
}

export interface MeetingOutcomeTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  kind: OutcomeKind;
  /** Decisions are numbered within their meeting (1, 2…); information has no number. */
  number: number | null;
  body: string;
  created_by_user_id: string | null;
  created_at: string;
  /** A decision that takes note of a report. */
  report_id: string | null;
}

export interface ActionItemTable extends Mutable {
  id: string;
  agreement_id: string;
  committee_id: string;
  /** The meeting that decided it. */
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  owner_member_id: string | null;
  owner_party_id: string | null;
  due_date: string | null;
  link_kind: ActionItemLink | null;
  link_id: string | null;
  status: Generated<ActionItemStatus>;
  closed_note: string | null;
  closed_at: string | null;
  closed_by_user_id: string | null;
}

/** One party's approval of the minutes, recorded like a signature. */
export interface MinutesApprovalTable {
  id: string;
  meeting_id: string;
  party_id: string;
  member_id: string;
  user_id: string;
  name: string;
  minutes_hash: string;
  ip: string | null;
  user_agent: string | null;
  approved_at: string;
}

export interface MinutesAddendumTable {
  id: string;
  meeting_id: string;
  body: string;
  author_user_id: string | null;
  created_at: string;
}

/** A user's secret calendar feed: only the SHA-256 of its token is stored. */
export interface CalendarFeedTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

export type NotificationKind =
  | "obligation_due"
  | "obligation_overdue"
  | "action_item_due"
  | "action_item_overdue"
  | "meeting_soon"
  | "minutes_to_approve"
  | "agreement_ending"
  | "signature_awaited"
  | "delivery_to_confirm"
  | "tranche_due"
  | "payment_recorded"
  | "receipt_confirmed"
  | "expense_questioned"
  | "expense_answered"
  | "dossier_expiring"
  | "declaration_due"
  | "report_due"
  | "report_submitted"
  | "report_sent_back"
  | "report_accepted";

/** One notice to one person, created once per subject and occurrence (e.g. a due date). */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  subject_id: string;
  /** What makes this notice distinct for the subject, e.g. the due date or the minutes' hash. */
  occurrence: string;
  agreement_id: string | null;
  /** JSON of the message's variables. */
  params: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

/** Emails to send; sent once (status), retried a few times on failure. */
export interface OutboxTable {
  id: string;
  notification_id: string | null;
  to_email: string;
  subject: string;
  body: string;
  status: Generated<"pending" | "sent" | "failed">;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Set while one sender is sending it (any instance); cleared when sent or put back. */
  claimed_at: Generated<string | null>;
}

export interface NotificationPreferenceTable {
  user_id: string;
  kind: NotificationKind;
  by_email: number;
}

export interface Database {
  notification: NotificationTable;
  outbox: OutboxTable;
  notification_preference: NotificationPreferenceTable;
  committee: CommitteeTable;
  committee_member: CommitteeMemberTable;
  meeting: MeetingTable;
  agenda_item: AgendaItemTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_outcome: MeetingOutcomeTable;
  action_item: ActionItemTable;
  minutes_approval: MinutesApprovalTable;
  minutes_addendum: MinutesAddendumTable;
  calendar_feed: CalendarFeedTable;
  beneficiary_list: BeneficiaryListTable;
  beneficiary: BeneficiaryTable;
  deliverable_metric: DeliverableMetricTable;
  delivery_metric: DeliveryMetricTable;
  action_plan: ActionPlanTable;
  plan_action: PlanActionTable;
  indicator: IndicatorTable;
  action_plan_version: ActionPlanVersionTable;
  budget_line: BudgetLineTable;
  budget_share: BudgetShareTable;
  budget_reallocation: BudgetReallocationTable;
  tranche: TrancheTable;
  tranche_event: TrancheEventTable;
  expense: ExpenseTable;
  expense_query: ExpenseQueryTable;
  agreement_money: AgreementMoneyTable;
  organization_money: OrganizationMoneyTable;
  obligation: ObligationTable;
  report: ReportTable;
  report_version: ReportVersionTable;
  report_comment: ReportCommentTable;
  report_review: ReportReviewTable;
  partnership_evaluation: PartnershipEvaluationTable;
  deliverable: DeliverableTable;
  deliverable_item: DeliverableItemTable;
  delivery: DeliveryTable;
  beneficiaries_by_month: BeneficiariesByMonthTable;
  attention_entry: AttentionEntryTable;
  organization_partner: OrganizationPartnerTable;
  organization_status_count: OrganizationStatusCountTable;
  organization_beneficiaries_by_month: OrganizationBeneficiariesByMonthTable;
  delivery_item: DeliveryItemTable;
  attachment: AttachmentTable;
  paper_signing: PaperSigningTable;
  signature: SignatureTable;
  pdf_document: PdfDocumentTable;
  agreement: AgreementTable;
  agreement_party: AgreementPartyTable;
  clause: ClauseTable;
  clause_template: ClauseTemplateTable;
  clause_comment: ClauseCommentTable;
  agreement_version: AgreementVersionTable;
  agreement_search: AgreementSearchTable;
  organization: OrganizationTable;
  dossier_document: DossierDocumentTable;
  user: UserTable;
  membership: MembershipTable;
  session: SessionTable;
  recovery_code: RecoveryCodeTable;
  login_challenge: LoginChallengeTable;
  auth_attempt: AuthAttemptTable;
  invitation: InvitationTable;
  password_reset: PasswordResetTable;
  api_token: ApiTokenTable;
  api_rate: ApiRateTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
  oidc_provider: OidcProviderTable;
  oidc_flow: OidcFlowTable;
  user_identity: UserIdentityTable;
  audit_event: AuditEventTable;
  audit_checkpoint: AuditCheckpointTable;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Membership = Selectable<MembershipTable>;
export type Session = Selectable<SessionTable>;
export type Invitation = Selectable<InvitationTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Agreement = Selectable<AgreementTable>;
export type AgreementParty = Selectable<AgreementPartyTable>;
export type Clause = Selectable<ClauseTable>;
export type AgreementVersion = Selectable<AgreementVersionTable>;
export type Signature = Selectable<SignatureTable>;
export type Attachment = Selectable<AttachmentTable>;
