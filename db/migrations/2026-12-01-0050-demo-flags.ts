/**
 * Demo data is marked as such (issue #19): `is_demo` on the organizations and accounts the demo
 * seed creates, so that demo accounts can be kept to the server's own machine and the demo can be
 * removed without touching anything else. Databases seeded before this migration are marked from
 * what the seed left: its accounts' emails (copied here from db/seed/demo.ts as they were) and the
 * organizations whose creation the seed recorded in the audit log. Frozen once merged.
 */
import type { Kysely } from "kysely";

const DEMO_EMAILS = [
  "admin@charaka.example",
  "president@sofara.example",
  "membre@sofara.example",
  "rse@clearvision.example",
  "directeur@clearvision.example",
  "president@insaf.example",
  "partenariats@insaf.example",
  "rse@kazyon.example",
  "tresorier@ams.example",
  "president@ams.example",
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("user")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("organization")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.updateTable("user").set({ is_demo: 1 }).where("email", "in", DEMO_EMAILS).execute();
  await db
    .updateTable("organization")
    .set({ is_demo: 1 })
    .where("id", "in", (eb: any) =>
      eb
        .selectFrom("audit_event")
        .select("subject_id")
        .where("type", "=", "organization.created")
        .where("user_agent", "=", "charaka-seed"),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organization").dropColumn("is_demo").execute();
  await db.schema.alterTable("user").dropColumn("is_demo").execute();
}
