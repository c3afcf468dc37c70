/**
 * Small factories for tests that need people and organizations of their own (never the demo's):
 * an organization, and an account with its memberships, written through the app's own code
 * (insertUser hashes the password as sign-up does).
 */
import crypto from "node:crypto";
import type { DB } from "../../db/client";
import type { MembershipRole, OrganizationKind } from "../../db/schema";
import { loadActor } from "~/domain/access/access.server";
import { createAgreement } from "~/domain/agreement/agreement.commands.server";
import { insertUser } from "~/domain/identity/account.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";

export const PERSON_PASSWORD = "a long test password 2026";

/** A unique suffix, so that records made by parallel tests never collide. */
export const unique = () => crypto.randomBytes(4).toString("hex");

export async function makeOrganization(
  db: DB,
  nameFr: string,
  kind: OrganizationKind = "association",
): Promise<string> {
  const id = newId();
  const at = nowIso();
  await db
    .insertInto("organization")
    .values({
      id,
      kind,
      name_fr: nameFr,
      name_ar: null,
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

export async function addMembership(db: DB, userId: string, organizationId: string, role: MembershipRole) {
  const at = nowIso();
  await db
    .insertInto("membership")
    .values({
      id: newId(),
      user_id: userId,
      organization_id: organizationId,
      role,
      title: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function makePerson(
  db: DB,
  input: {
    email: string;
    name?: string;
    locale?: "fr" | "ar" | "en";
    platformAdmin?: boolean;
    memberOf?: { organizationId: string; role: MembershipRole }[];
  },
): Promise<string> {
  const id = await insertUser(db, {
    email: input.email,
    name: input.name ?? input.email.split("@")[0]!,
    locale: input.locale ?? "fr",
    password: PERSON_PASSWORD,
    isPlatformAdmin: input.platformAdmin,
  });
  for (const m of input.memberOf ?? []) await addMembership(db, id, m.organizationId, m.role);
  return id;
}

/** A draft agreement of `ownerOrganizationId`, created by one of its managers through the app's command. */
export async function makeAgreement(
  db: DB,
  input: { managerId: string; ownerOrganizationId: string; partnerOrganizationId?: string; title: string },
): Promise<string> {
  const actor = await loadActor(db, { id: input.managerId, isPlatformAdmin: false });
  const created = await createAgreement(
    db,
    actor,
    { actorUserId: input.managerId, ip: null, userAgent: "test" },
    {
      title: input.title,
      titleSecondary: undefined,
      kind: "partnership",
      purpose: undefined,
      territory: undefined,
      signingPlace: undefined,
      effectiveDate: undefined,
      endDate: undefined,
      durationMonths: undefined,
      tacitRenewal: false,
      renewalNoticeDays: undefined,
      currency: "MAD",
      totalBudget: undefined,
      ownerOrganizationId: input.ownerOrganizationId,
      partnerOrganizationId: input.partnerOrganizationId,
    },
  );
  if (!created.ok) throw new Error("agreement not created");
  return created.id;
}
