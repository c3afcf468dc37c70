/**
 * A TOTP code is accepted once (RFC 6238 §5.2): the time step of the last accepted code is kept
 * per account, and a code of that step or an earlier one is refused. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("totp_last_step", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").dropColumn("totp_last_step").execute();
}
