/**
 * The agreement overview's view model, one part per card of the page: the summary, the follow-up
 * at a glance, the parties (and who may be added), the details form, the documents, the next
 * lifecycle steps and the amendments — with what the reader may do with each (access.ts and the
 * lifecycle's rules), read in one place for the route.
 */
import type { DB } from "../../../db/client";
import { canEditAgreement, canManageAgreement, type Actor } from "../access/access";
import { agreementProgress } from "../dashboard/agreement-progress.server";
import { departed } from "../organization/members.server";
import { knownPartners, listSignatoryCandidates, searchOrganizations } from "../organization/organization.server";
import { paperSigningOf } from "../signing/signing.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { lifecycleFacts, listAmendments, listParties, type LoadedAgreement } from "./agreement.queries.server";
import {
  canBeAmended,
  computedEndDate,
  isBeforeSignature,
  isTextEditable,
  nextSteps,
  takesEffectLater,
  transitionNeeds,
} from "./lifecycle";

export async function agreementOverviewView(
  db: DB,
  actor: Actor,
  loaded: LoadedAgreement,
  options: { today: string; partySearch: string },
) {
  const a = loaded.agreement;
  const { today } = options;
  const canManage = canManageAgreement(actor, loaded.access);
  const canEdit = canEditAgreement(actor, loaded.access);
  const [parties, followUp, amendments, paper] = await Promise.all([
    listParties(db, a.id),
    agreementProgress(db, a.id, today),
    listAmendments(db, actor, a.id),
    paperSigningOf(db, a.id),
  ]);
  return {
    agreement: {
      id: a.id,
      status: a.status,
      version: a.version,
      isAmendment: a.kind === "amendment",
      purposeHtml: renderMarkdown(a.purpose),
      territory: a.territory,
      signingPlace: a.signing_place,
      effectiveDate: a.effective_date,
      endDate: computedEndDate({
        effectiveDate: a.effective_date,
        endDate: a.end_date,
        durationMonths: a.duration_months,
      }),
      durationMonths: a.duration_months,
      tacitRenewal: a.tacit_renewal === 1,
      renewalNoticeDays: a.renewal_notice_days,
      currency: a.currency,
      totalBudgetCents: a.total_budget_cents === null ? null : Number(a.total_budget_cents),
      statusReason: a.status_reason,
      terminatedOn: a.terminated_on,
      amendsEndDate: a.amends_end_date,
      textVersion: a.text_version,
    },
    form: canEdit ? detailsForm(a) : null,
    canManage,
    canEdit,
    parties: await partiesPart(db, loaded, parties),
    addParty: canEdit ? await addPartyPart(db, actor, loaded, parties, options.partySearch) : null,
    documents: documentsPart(loaded, paper, today),
    steps: canManage
      ? nextSteps(await lifecycleFacts(db, a, today)).map((step) => ({ ...step, needs: transitionNeeds(step.action) }))
      : [],
    amendments: {
      // An amendment has no amendments of its own: its parent is amended (canBeAmended).
      shown: a.kind !== "amendment",
      list: amendments,
      canAmend: canManage && canBeAmended(a),
    },
    followUp,
  };
}

/** The details form's initial values, as typed. */
function detailsForm(a: LoadedAgreement["agreement"]) {
  return {
    title: a.title,
    titleSecondary: a.title_secondary ?? "",
    kind: a.kind,
    purpose: a.purpose,
    territory: a.territory ?? "",
    signingPlace: a.signing_place ?? "",
    effectiveDate: a.effective_date ?? "",
    endDate: a.end_date ?? "",
    durationMonths: a.duration_months?.toString() ?? "",
    tacitRenewal: a.tacit_renewal ? "on" : "",
    renewalNoticeDays: a.renewal_notice_days?.toString() ?? "",
    totalBudget: a.total_budget_cents === null ? "" : String(Number(a.total_budget_cents) / 100),
    currency: a.currency,
  };
}

type PartyRow = Awaited<ReturnType<typeof listParties>>[number];

/**
 * The parties, and for each a designated signatory who has left their organization before signing:
 * another must be chosen ("editable"), or, once the text is frozen for signature, it must be sent back.
 */
async function partiesPart(db: DB, loaded: LoadedAgreement, parties: PartyRow[]) {
  const a = loaded.agreement;
  const leftSignatories = isBeforeSignature(a.status)
    ? await departed(
        db,
        parties.flatMap((p) =>
          p.signatoryUserId ? [{ userId: p.signatoryUserId, organizationId: p.organizationId }] : [],
        ),
      )
    : new Set<string>();
  return parties.map((p) => ({
    id: p.id,
    organizationId: p.organizationId,
    nameFr: p.nameFr,
    nameAr: p.nameAr,
    role: p.role,
    version: p.version,
    signatoryName: p.signatoryName,
    signatoryTitle: p.signatoryTitle,
    signatoryUserId: p.signatoryUserId,
    contributionCents: p.contributionCents === null ? null : Number(p.contributionCents),
    contributionInKind: p.contributionInKind,
    isOwner: p.organizationId === a.owner_organization_id,
    signatoryLeft:
      p.signatoryUserId !== null && leftSignatories.has(`${p.signatoryUserId}:${p.organizationId}`)
        ? isTextEditable(a.status)
          ? ("editable" as const)
          : ("frozen" as const)
        : null,
  }));
}

/**
 * "Add a party" offers the organizations this one already works with, and finds the rest of the
 * directory by name (`?partySearch=…`, known partners first) instead of listing it whole; and the
 * members each party's signatory may be chosen from.
 */
async function addPartyPart(db: DB, actor: Actor, loaded: LoadedAgreement, parties: PartyRow[], search: string) {
  const exclude = parties.map((p) => p.organizationId);
  const known = await knownPartners(db, actor, { limit: 20, exclude });
  const found = search
    ? await searchOrganizations(db, search, { limit: 20, exclude, first: known.map((o) => o.id) })
    : known;
  return {
    search,
    organizations: found.map((o) => ({ id: o.id, nameFr: o.nameFr, nameAr: o.nameAr })),
    candidates: await listSignatoryCandidates(db, actor, loaded.access, exclude),
  };
}

/** The documents card: the link to sign while signatures are awaited, then how and when it was signed. */
function documentsPart(loaded: LoadedAgreement, paper: Awaited<ReturnType<typeof paperSigningOf>>, today: string) {
  const a = loaded.agreement;
  const awaitingSignatures = a.status === "awaiting_signatures";
  return {
    awaitingSignatures,
    signed:
      a.signed_on && !awaitingSignatures
        ? {
            on: a.signed_on,
            onPaper: paper?.signedOn === a.signed_on,
            effectiveLater: takesEffectLater({ status: a.status, effectiveDate: a.effective_date }, today)
              ? a.effective_date
              : null,
          }
        : null,
    paper: paper
      ? {
          signedOn: paper.signedOn,
          place: paper.place,
          size: paper.size,
          recordedAt: paper.recordedAt,
          recordedBy: paper.recordedBy,
        }
      : null,
  };
}

export type AgreementOverview = Awaited<ReturnType<typeof agreementOverviewView>>;
