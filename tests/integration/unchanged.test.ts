/**
 * The answers every page asks for (the session and its user, the header's organizations and unread
 * count) are kept until the next write (db/unchanged.ts): a write by another process — a sign-out, an
 * account disabled, a notice, a membership — is seen by the very next request of this one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { loadActor } from "~/domain/access/access.server";
import { listMemberships } from "~/domain/identity/account.server";
import { unreadCount } from "~/domain/notify/notify.server";
import { startSession, validateSessionId } from "~/lib/auth.server";
import { newId, sha256Hex } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
/** Another HTTP process: its own connection to the same database. */
let other: DatabaseHandle;
const client = { ip: "192.0.2.1", userAgent: "vitest" };

beforeAll(async () => {
  t = await createTestDatabase();
  other = t.openAnother();
});
afterAll(async () => {
  await other.close();
  await t.close();
});

describe("answers kept between writes", () => {
  it("a session ends at once for this process when another signed it out or disabled its account", async () => {
    const { userId } = await factories(t.db).person();
    const first = await startSession(t.db, new Request("http://localhost/"), userId, client);
    const second = await startSession(t.db, new Request("http://localhost/"), userId, client);
    expect((await validateSessionId(t.db, first.sessionId))?.id).toBe(userId);
    expect((await validateSessionId(t.db, first.sessionId))?.id).toBe(userId);
    expect((await validateSessionId(t.db, second.sessionId))?.id).toBe(userId);
    await other.db.deleteFrom("session").where("id", "=", sha256Hex(first.sessionId)).execute();
    expect(await validateSessionId(t.db, first.sessionId)).toBeNull();
    expect((await validateSessionId(t.db, second.sessionId))?.id).toBe(userId);
    await other.db.updateTable("user").set({ disabled_at: nowIso() }).where("id", "=", userId).execute();
    expect(await validateSessionId(t.db, second.sessionId)).toBeNull();
  });

  it("the header's unread count and organizations follow another process's writes", async () => {
    const f = factories(t.db);
    const person = await f.person();
    expect(await unreadCount(t.db, person.userId)).toBe(0);
    expect(await unreadCount(t.db, person.userId)).toBe(0);
    await other.db
      .insertInto("notification")
      .values({
        id: newId(),
        user_id: person.userId,
        kind: "obligation_due",
        subject_id: newId(),
        occurrence: "2026-12-01",
        agreement_id: null,
        params: "{}",
        link: "/",
        created_at: nowIso(),
        read_at: null,
      })
      .execute();
    expect(await unreadCount(t.db, person.userId)).toBe(1);

    const before = await listMemberships(t.db, person.userId);
    expect(before.map((m) => m.organizationId)).toEqual([person.organizationId]);
    // Each caller gets its own copy: changing one changes no later answer.
    before[0]!.role = "member";
    expect((await listMemberships(t.db, person.userId))[0]!.role).toBe("president");
    const second = await f.organization({ name: "Zz dernière" });
    await other.db
      .insertInto("membership")
      .values({
        id: newId(),
        user_id: person.userId,
        organization_id: second,
        role: "member",
        title: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    expect((await listMemberships(t.db, person.userId)).map((m) => m.organizationId)).toEqual([
      person.organizationId,
      second,
    ]);
  });

  it("the rights checked on a request follow a role changed by another process", async () => {
    const person = await factories(t.db).person();
    const user = { id: person.userId, isPlatformAdmin: false };
    const roles = async () => (await loadActor(t.db, user)).memberships.map((m) => m.role);
    expect(await roles()).toEqual(["president"]);
    expect(await roles()).toEqual(["president"]);
    await other.db.updateTable("membership").set({ role: "member" }).where("user_id", "=", person.userId).execute();
    expect(await roles()).toEqual(["member"]);
    await other.db.deleteFrom("membership").where("user_id", "=", person.userId).execute();
    expect(await roles()).toEqual([]);
  });
});
