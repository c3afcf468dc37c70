/**
 * Small factories for integration tests: each test builds the records it needs through the app's own
 * commands, instead of looking up the demo seed by title (which another change to the seed breaks).
 *
 *   const f = factories(db);
 *   const { agreement, owner, partner } = await f.agreement({ status: "active" });
 *
 * Names are unique per call, so any number of records live side by side in one database.
 */
import crypto from "node:crypto";
import type { DB } from "../../db/client";
import type { MembershipRole, OrganizationKind } from "../../db/schema";
import type { Actor } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import {
  addParty,
  createAgreement,
  transitionAgreement,
  updateParty,
} from "~/domain/agreement/agreement.commands.server";
import { findAgreement, listParties, type LoadedAgreement } from "~/domain/agreement/agreement.queries.server";
import type { RequestMeta } from "~/domain/audit/audit.server";
import { addClause } from "~/domain/clause/clause.server";
import { insertUser } from "~/domain/identity/account.server";
import { signAgreement } from "~/domain/signing/signing.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";

/** The password of every person a factory creates. */
export const FACTORY_PASSWORD = "factory-password-2026";

export interface Person {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  actor: Actor;
  meta: RequestMeta;
}

export interface TestAgreement {
  id: string;
  reference: string;
  /** Reloaded on every access, so it reflects the latest status and version. */
  load(as?: Person): Promise<LoadedAgreement>;
  /** The owning association's president (its signatory). */
  owner: Person;
  /** The first partner's manager (its signatory). */
  partner: Person;
  /** Every partner's manager, `partner` first. */
  partners: Person[];
  parties(): Promise<Awaited<ReturnType<typeof listParties>>>;
}

const unique = () => crypto.randomBytes(4).toString("hex");

export function metaFor(userId: string | null, ip = "192.0.2.10"): RequestMeta {
  return { actorUserId: userId, ip, userAgent: "vitest" };
}

export function factories(db: DB) {
  async function organization(options: { kind?: OrganizationKind; name?: string; nameAr?: string } = {}) {
    const id = newId();
    const at = nowIso();
    await db
      .insertInto("organization")
      .values({
        id,
        kind: options.kind ?? "association",
        name_fr: options.name ?? `Organisation ${unique()}`,
        name_ar: options.nameAr ?? null,
        city: null,
        region: null,
        registration_number: null,
        contact_email: null,
        contact_phone: null,
        stamp_attachment_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }

  async function person(
    options: { organizationId?: string; role?: MembershipRole; name?: string; locale?: "fr" | "ar" | "en" } = {},
  ): Promise<Person> {
    const organizationId = options.organizationId ?? (await organization());
    const tag = unique();
    const email = `person-${tag}@factory.example`;
    const name = options.name ?? `Personne ${tag}`;
    const userId = await insertUser(db, { email, name, locale: options.locale ?? "fr", password: FACTORY_PASSWORD });
    const at = nowIso();
    await db
      .insertInto("membership")
      .values({
        id: newId(),
        user_id: userId,
        organization_id: organizationId,
        role: options.role ?? "president",
        title: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const actor = await loadActor(db, { id: userId, isPlatformAdmin: false });
    return { userId, email, name, organizationId, actor, meta: metaFor(userId) };
  }

  /**
   * An agreement drafted by an association's president with one partner (or `partners` of the given
   * kinds), each party's signatory set to its manager, one article, then moved to `status`:
   * "draft", "negotiation", "awaiting_signatures" or "active" (signed in the app by every party).
   */
  async function agreement(
    options: {
      status?: "draft" | "negotiation" | "awaiting_signatures" | "active";
      partners?: OrganizationKind[];
      title?: string;
      effectiveDate?: string;
      durationMonths?: number;
    } = {},
  ): Promise<TestAgreement> {
    const owner = await person({ organizationId: await organization({ kind: "association" }) });
    const partners: Person[] = [];
    for (const kind of options.partners ?? ["foundation"]) {
      partners.push(await person({ organizationId: await organization({ kind }) }));
    }
    const created = await createAgreement(db, owner.actor, owner.meta, {
      title: options.title ?? `Convention ${unique()}`,
      titleSecondary: undefined,
      kind: "partnership",
      purpose: "Objet de la convention.",
      territory: undefined,
      signingPlace: undefined,
      effectiveDate: options.effectiveDate ?? "2026-01-01",
      endDate: undefined,
      durationMonths: options.durationMonths ?? 24,
      tacitRenewal: false,
      renewalNoticeDays: undefined,
      currency: "MAD",
      totalBudget: undefined,
      ownerOrganizationId: owner.organizationId,
      partnerOrganizationId: partners[0]!.organizationId,
    });
    if (!created.ok) throw new Error(`createAgreement: ${JSON.stringify(created)}`);
    const id = created.id;
    const load = async (as: Person = owner) => {
      const loaded = await findAgreement(db, as.actor, id);
      if (!loaded) throw new Error(`${as.email} cannot see agreement ${id}`);
      return loaded;
    };
    for (const p of partners.slice(1)) {
      const added = await addParty(db, owner.actor, owner.meta, await load(), {
        organizationId: p.organizationId,
        role: "partner",
      });
      if (!added.ok) throw new Error(`addParty: ${JSON.stringify(added)}`);
    }
    const added = await addClause(db, owner.actor, owner.meta, await load(), {
      heading: "Objet",
      body: "La présente convention a pour objet…",
    });
    if (!added.ok) throw new Error(`addClause: ${JSON.stringify(added)}`);
    const everyone = [owner, ...partners];
    for (const party of await listParties(db, id)) {
      const signatory = everyone.find((p) => p.organizationId === party.organizationId)!;
      const updated = await updateParty(db, owner.actor, owner.meta, await load(), {
        partyId: party.id,
        version: party.version,
        role: party.role,
        signatoryUserId: signatory.userId,
      });
      if (!updated.ok) throw new Error(`updateParty: ${JSON.stringify(updated)}`);
    }
    const status = options.status ?? "draft";
    const steps = {
      draft: [],
      negotiation: ["open_negotiation"],
      awaiting_signatures: ["send_for_signature"],
    } as const;
    for (const step of status === "active" ? steps.awaiting_signatures : steps[status]) {
      const moved = await transitionAgreement(db, owner.actor, owner.meta, { agreementId: id, action: step });
      if (!moved.ok) throw new Error(`${step}: ${JSON.stringify(moved)}`);
    }
    if (status === "active") {
      for (const signer of everyone) {
        const party = (await listParties(db, id)).find((p) => p.signatoryUserId === signer.userId)!;
        const signed = await signAgreement(db, signer.actor, signer.meta, await load(signer), {
          partyId: party.id,
          typedName: signer.name,
          password: FACTORY_PASSWORD,
          sessionId: "none",
        });
        if (!signed.ok) throw new Error(`signAgreement: ${JSON.stringify(signed)}`);
      }
    }
    return {
      id,
      reference: created.reference,
      load,
      owner,
      partner: partners[0]!,
      partners,
      parties: () => listParties(db, id),
    };
  }

  return { organization, person, agreement };
}
