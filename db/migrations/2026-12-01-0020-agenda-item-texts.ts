/**
 * An agenda item Charaka prepared (carried-over action items, overdue obligations…) keeps its text in
 * each language, so each member reads it in their own: `texts` is JSON {"fr": {title, body}, "ar": …,
 * "en": …}. Items typed by people, and those prepared before, have none and show as stored.
 * Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("agenda_item").addColumn("texts", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("agenda_item").dropColumn("texts").execute();
}
