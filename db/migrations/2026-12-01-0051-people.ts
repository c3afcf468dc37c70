/**
 * People who join, change role and leave (issue #19): the treasurer role (trésorier / أمين المال)
 * joins the roles a membership and an invitation may have, and each account remembers its last
 * sign-in. SQLite cannot change a CHECK constraint in place: membership and invitation are rebuilt
 * (nothing references them), with the same columns, keys and indexes as migration 0001 gave them.
 * Frozen once merged.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

// A migration imports nothing that may change (docs/decisions/0006): db/dialect.ts isPostgres, copied.
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const ROLES = sql`role in ('president', 'admin', 'treasurer', 'member')`;

async function rebuildMembership(db: Kysely<any>) {
  await db.schema
    .createTable("membership_new")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("membership_user_organization", ["user_id", "organization_id"])
    .addCheckConstraint("membership_role", ROLES)
    .execute();
  await sql`insert into membership_new select id, user_id, organization_id, role, title, created_at, updated_at, version from membership`.execute(
    db,
  );
  await db.schema.dropTable("membership").execute();
  await db.schema.alterTable("membership_new").renameTo("membership").execute();
  await db.schema
    .createIndex("membership_organization_idx")
    .on("membership")
    .columns(["organization_id", "user_id"])
    .execute();
}

async function rebuildInvitation(db: Kysely<any>) {
  await db.schema
    .createTable("invitation_new")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("invitation_role", ROLES)
    .execute();
  await sql`insert into invitation_new select id, organization_id, email, role, title, token_hash, invited_by_user_id, expires_at, accepted_at, accepted_by_user_id, revoked_at, created_at, updated_at, version from invitation`.execute(
    db,
  );
  await db.schema.dropTable("invitation").execute();
  await db.schema.alterTable("invitation_new").renameTo("invitation").execute();
  await db.schema
    .createIndex("invitation_organization_idx")
    .on("invitation")
    .columns(["organization_id", "created_at"])
    .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of ["membership", "invitation"]) {
      await db.schema.alterTable(table).dropConstraint(`${table}_role`).execute();
      await db.schema.alterTable(table).addCheckConstraint(`${table}_role`, ROLES).execute();
    }
  } else {
    await rebuildMembership(db);
    await rebuildInvitation(db);
  }
  await db.schema.alterTable("user").addColumn("last_login_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").dropColumn("last_login_at").execute();
}
