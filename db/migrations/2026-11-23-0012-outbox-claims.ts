/**
 * An email being sent is claimed (issue #10, several instances): `claimed_at` marks it in flight,
 * so another instance's sender leaves it alone until it is sent, put back, or its claim is stale
 * (the sender died mid-send). Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("claimed_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("claimed_at").execute();
}
