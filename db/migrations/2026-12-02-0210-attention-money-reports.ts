/**
 * The kept entries of migration 0180 gain three kinds (issue #22): the tranches a payer paid that
 * await the receiver's confirmation, the accepted reports, and the agreements the partner view
 * follows; and the tranches' entries are ordered by due date, then reference. The partner view and
 * /finances then read an index range instead of every open tranche, accepted report and party of
 * their organizations. No table changes: db/setup.ts computes every entry again from scratch after
 * this migration (rebuildAttention), as after 0180, since a migration cannot run the app's rules.
 * Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
