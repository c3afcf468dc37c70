/**
 * Demo data, written from the facts of press articles about real partnerships
 * (Sofara Al-Khair – Smara × Clear Vision, INSAF × Kazyon Morocco, AMS × QNET,
 * inwi's "Dir iddik", Maghreb Secours). People other than those quoted in the
 * articles are fictional. Seeded only into an empty database.
 */
import { inTransaction } from "../transaction";
import type { DB } from "../client";
import type { Locale, MembershipRole, OrganizationKind } from "../schema";
import type { Actor } from "../../app/domain/access/access";
import { appendAuditEvent } from "../../app/domain/audit/audit.server";
import { insertUser } from "../../app/domain/identity/account.server";
import { createOrganization } from "../../app/domain/organization/organization.server";
import { newId } from "../../app/lib/crypto.server";
import { nowIso } from "../../app/lib/time";
import { seedDemoAgreements } from "./demo-agreements";
import { seedDossiers } from "./demo-money";
import { DEMO_PASSWORD } from "./demo-password";
import { untilWrite } from "../unchanged";

export { DEMO_PASSWORD };

export interface DemoAccount {
  email: string;
  name: string;
  locale: Locale;
  description: string;
  platformAdmin?: boolean;
  memberOf?: { org: string; role: MembershipRole; title: string };
}

interface DemoOrganization {
  key: string;
  kind: OrganizationKind;
  nameFr: string;
  nameAr: string;
  city: string;
  region: string;
  registrationNumber?: string;
  contactEmail?: string;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    key: "sofara",
    kind: "association",
    nameFr: "Association Sofara Al-Khair – Smara",
    nameAr: "جمعية سفراء الخير – السمارة",
    city: "Smara",
    region: "Province d'Es-Semara",
    contactEmail: "contact@sofara.example",
  },
  {
    key: "clearvision",
    kind: "foundation",
    nameFr: "Fondation Clear Vision",
    nameAr: "مؤسسة كليير فيزيون",
    city: "Agadir",
    region: "Souss-Massa",
    contactEmail: "contact@clearvision.example",
  },
  {
    key: "insaf",
    kind: "association",
    nameFr: "Association INSAF",
    nameAr: "جمعية إنصاف",
    city: "Casablanca",
    region: "Casablanca-Settat",
    contactEmail: "contact@insaf.example",
  },
  {
    key: "kazyon",
    kind: "company",
    nameFr: "Kazyon Maroc",
    nameAr: "كازيون المغرب",
    city: "Casablanca",
    region: "Casablanca-Settat",
  },
  {
    key: "ams",
    kind: "association",
    nameFr: "Association Marocaine de Solidarité (AMS)",
    nameAr: "الجمعية المغربية للتضامن",
    city: "Casablanca",
    region: "Casablanca-Settat",
  },
  { key: "qnet", kind: "company", nameFr: "QNET", nameAr: "كيونت", city: "Casablanca", region: "Casablanca-Settat" },
  { key: "inwi", kind: "company", nameFr: "inwi", nameAr: "إنوي", city: "Casablanca", region: "Casablanca-Settat" },
  {
    key: "maghrebsecours",
    kind: "association",
    nameFr: "Association Maghreb Secours",
    nameAr: "جمعية المغرب للإغاثة",
    city: "Marrakech",
    region: "Marrakech-Safi",
  },
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "admin@charaka.example",
    name: "Administration Charaka",
    locale: "fr",
    description: "platform administrator",
    platformAdmin: true,
  },
  {
    email: "president@sofara.example",
    name: "Mustapha El Harma",
    locale: "fr",
    description: "president of Sofara Al-Khair – Smara",
    memberOf: { org: "sofara", role: "president", title: "Président" },
  },
  {
    email: "membre@sofara.example",
    name: "Salma Bouzid",
    locale: "ar",
    description: "member of Sofara Al-Khair, on its follow-up committee",
    memberOf: { org: "sofara", role: "member", title: "Secrétaire générale" },
  },
  {
    email: "rse@clearvision.example",
    name: "Nadia Amrani",
    locale: "fr",
    description: "CSR officer of the Clear Vision foundation (the partner)",
    memberOf: { org: "clearvision", role: "admin", title: "Chargée RSE" },
  },
  {
    email: "tresoriere@sofara.example",
    name: "Khadija Ouchen",
    locale: "fr",
    description: "treasurer of Sofara Al-Khair: records tranches received and expenses",
    memberOf: { org: "sofara", role: "treasurer", title: "Trésorière" },
  },
  {
    email: "directeur@clearvision.example",
    name: "Hicham Masfar",
    locale: "fr",
    description: "director of the Clear Vision foundation, its signatory",
    memberOf: { org: "clearvision", role: "president", title: "Directeur" },
  },
  {
    email: "president@insaf.example",
    name: "Meriem Alaoui",
    locale: "fr",
    description: "president of INSAF (partner: Kazyon Morocco); sees nothing of Sofara's agreements",
    memberOf: { org: "insaf", role: "president", title: "Présidente" },
  },
  {
    email: "partenariats@insaf.example",
    name: "Faten Benabdellah",
    locale: "ar",
    description: "partner-relations officer of INSAF",
    memberOf: { org: "insaf", role: "member", title: "Responsable des relations partenaires" },
  },
  {
    email: "rse@kazyon.example",
    name: "Youssef Tazi",
    locale: "fr",
    description: "CSR officer of Kazyon Morocco",
    memberOf: { org: "kazyon", role: "admin", title: "Responsable RSE" },
  },
  {
    email: "tresorier@ams.example",
    name: "Karim Bennani",
    locale: "fr",
    description: "treasurer of the AMS",
    memberOf: { org: "ams", role: "treasurer", title: "Trésorier" },
  },
  {
    email: "president@ams.example",
    name: "Fatiha Mghoghi",
    locale: "fr",
    description: "president of the AMS (partner: QNET)",
    memberOf: { org: "ams", role: "president", title: "Présidente" },
  },
];

/** True when the database has neither organizations nor users. */
export async function isEmpty(db: DB): Promise<boolean> {
  const users = await db.selectFrom("user").select("id").limit(1).executeTakeFirst();
  const orgs = await db.selectFrom("organization").select("id").limit(1).executeTakeFirst();
  return !users && !orgs;
}

/** Seeds the demo data into an empty database; does nothing (returns false) otherwise. */
export async function seedDemoIfEmpty(db: DB): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const system = { actorUserId: null, ip: null, userAgent: "charaka-seed" };
  const seeder: Actor = { userId: "", isPlatformAdmin: true, memberships: [] };

  const orgIds = new Map<string, string>();
  for (const org of DEMO_ORGANIZATIONS) {
    const created = await createOrganization(db, seeder, system, {
      kind: org.kind,
      nameFr: org.nameFr,
      nameAr: org.nameAr,
      city: org.city,
      region: org.region,
      registrationNumber: org.registrationNumber,
      contactEmail: org.contactEmail,
      contactPhone: undefined,
    });
    if (!created.ok) throw new Error("demo seed: could not create organizations");
    await db.updateTable("organization").set({ is_demo: 1 }).where("id", "=", created.id).execute();
    orgIds.set(org.key, created.id);
  }

  const userIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    await inTransaction(db, async (trx) => {
      const userId = await insertUser(trx, {
        email: account.email,
        name: account.name,
        locale: account.locale,
        password: DEMO_PASSWORD,
        isPlatformAdmin: account.platformAdmin,
        isDemo: true,
      });
      userIds.set(account.email, userId);
      if (account.memberOf) {
        const organizationId = orgIds.get(account.memberOf.org)!;
        const at = nowIso();
        await trx
          .insertInto("membership")
          .values({
            id: newId(),
            user_id: userId,
            organization_id: organizationId,
            role: account.memberOf.role,
            title: account.memberOf.title,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await appendAuditEvent(trx, system, {
          type: "membership.created",
          organizationId,
          subjectId: userId,
          data: { userId, role: account.memberOf.role },
        });
      }
    });
  }
  await seedDossiers(db, orgIds, new Date());
  await seedDemoAgreements(db, orgIds, userIds);
  return true;
}

/** The demo organizations' and accounts' ids in a seeded database, by key and by email. */
export async function demoIds(db: DB): Promise<{ orgIds: Map<string, string>; userIds: Map<string, string> }> {
  const orgs = await db.selectFrom("organization").select(["id", "name_fr"]).execute();
  const users = await db.selectFrom("user").select(["id", "email"]).execute();
  const orgIds = new Map(
    DEMO_ORGANIZATIONS.flatMap((o) => {
      const row = orgs.find((r) => r.name_fr === o.nameFr);
      return row ? [[o.key, row.id] as const] : [];
    }),
  );
  const userIds = new Map(users.map((u) => [u.email, u.id] as const));
  return { orgIds, userIds };
}

/** Whether any demo account can still sign in (the app then shows a "demo data" banner). */
export function hasDemoAccounts(db: DB): Promise<boolean> {
  // Every page asks (the root loader): kept until the next write, by any process (db/unchanged.ts).
  return untilWrite(db, "hasDemoAccounts", async () => {
    const row = await db
      .selectFrom("user")
      .select("id")
      .where("is_demo", "=", 1)
      .where("disabled_at", "is", null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  });
}

export function demoAccountsTable(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.description}`).join("\n");
}
