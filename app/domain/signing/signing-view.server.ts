/**
 * The signing page's view model: the frozen version to sign (its text and SHA-256), each party's
 * signature, what this reader may do — sign or decline for their parties (checkCanSign), and for
 * the drafting organization's managers the signing order and a paper signing — read in one place.
 */
import type { DB } from "../../../db/client";
import { canManageAgreement, type Actor } from "../access/access";
import { getVersionSnapshot, listParties, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { getAccount } from "../identity/account.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { checkCanSign, partiesOf } from "./signing";
import { signingState } from "./signing.server";

export async function signingView(db: DB, actor: Actor, loaded: LoadedAgreement) {
  const agreementId = loaded.agreement.id;
  const [state, names, account] = await Promise.all([
    signingState(db, agreementId),
    listParties(db, agreementId),
    getAccount(db, actor.userId),
  ]);
  const awaiting = state.agreement.status === "awaiting_signatures";
  const snapshot = state.version ? await getVersionSnapshot(db, agreementId, state.version.number) : null;
  const parties = state.parties.map((p) => {
    const signature = state.signatures.find((s) => s.party_id === p.id);
    const name = names.find((n) => n.id === p.id);
    return {
      id: p.id,
      organizationId: p.organization_id,
      nameFr: name?.nameFr ?? null,
      nameAr: name?.nameAr ?? null,
      role: p.role,
      signatoryName: p.signatory_name,
      signatoryTitle: p.signatory_title,
      signature: signature
        ? {
            name: signature.signer_name,
            signedOn: signature.signed_on,
            signedAt: signature.signed_at,
            method: signature.method,
          }
        : null,
    };
  });
  return {
    agreementId,
    order: state.order,
    versionNumber: state.version?.number ?? null,
    hash: state.version?.hash ?? null,
    text: snapshot
      ? {
          purposeHtml: renderMarkdown(snapshot.purpose),
          clauses: snapshot.clauses.map((c) => ({
            number: c.number,
            heading: c.heading,
            html: renderMarkdown(c.body),
          })),
        }
      : null,
    parties,
    /** The parties still to sign: those a paper signing records. */
    unsigned: parties.filter((p) => !p.signature),
    /** The parties this reader signs for, each with whether they may sign now and why not. */
    mine: awaiting
      ? partiesOf(actor.userId, state.signingParties).map((p) => ({
          partyId: p.id,
          check: checkCanSign(actor.userId, p, state.signingParties, state.order),
        }))
      : [],
    userName: account?.name ?? "",
    canManage: canManageAgreement(actor, loaded.access),
    /** The signing order and a paper signing, while signatures are awaited. */
    ownerTools: awaiting && canManageAgreement(actor, loaded.access),
  };
}

export type SigningView = Awaited<ReturnType<typeof signingView>>;
