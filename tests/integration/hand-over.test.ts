/** What someone who left leaves behind: their committee seat, with its role and open action items, goes to another member. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { getCommittee, handOverSeat } from "~/domain/committee/committee.server";
import { departed, removeMember } from "~/domain/organization/members.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type TestAgreement, type TestCommittee } from "../support/factories";
import { makePerson } from "../support/people";

let t: TestDatabase;
let a: TestAgreement;
let c: TestCommittee;
const meta = { actorUserId: null, ip: null, userAgent: "vitest" };

beforeAll(async () => {
  t = await createTestDatabase();
  const f = factories(t.db);
  a = await f.agreement({ status: "active", committee: true });
  c = await f.committee(a, { secretaryName: "Salma Bouzid" });
  // The secretary attended a meeting that approved its minutes and gave her an action item.
  await f.heldMeeting(a, c, {
    date: "2026-02-10",
    today: "2026-02-01",
    actionItems: [{ title: "Établir la liste des bénéficiaires", owner: "secretary", dueDate: "2026-03-31" }],
  });
}, 60_000);
afterAll(() => t.close());

describe("handing over a committee seat", () => {
  it("moves the role and the open action items to the successor; the old seat keeps its record", async () => {
    const president = a.owner.actor;
    const sofara = a.owner.organizationId;
    const salma = c.secretary.userId;
    const seat = await t.db
      .selectFrom("committee_member")
      .select(["id", "committee_id", "role"])
      .where("user_id", "=", salma)
      .executeTakeFirstOrThrow();
    const committee = await t.db
      .selectFrom("committee")
      .select("agreement_id")
      .where("id", "=", seat.committee_id)
      .executeTakeFirstOrThrow();
    // An open action item in Salma's name.
    const item = await t.db
      .selectFrom("action_item")
      .select("id")
      .where("committee_id", "=", seat.committee_id)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable("action_item")
      .set({ owner_member_id: seat.id, status: "open" })
      .where("id", "=", item.id)
      .execute();

    expect((await removeMember(t.db, president, meta, sofara, { userId: salma })).ok).toBe(true);
    expect((await departed(t.db, [{ userId: salma, organizationId: sofara }])).size).toBe(1);

    const successor = await makePerson(t.db, {
      email: "successeur@association.ma",
      name: "Samir Successeur",
      memberOf: [{ organizationId: sofara, role: "member" }],
    });
    const loaded = (await findAgreement(t.db, president, committee.agreement_id))!;
    expect(await handOverSeat(t.db, president, meta, loaded, { memberId: seat.id, userId: successor })).toEqual({
      ok: true,
    });

    const found = (await getCommittee(t.db, committee.agreement_id))!;
    const newSeat = found.members.find((m) => m.userId === successor)!;
    expect(newSeat.role).toBe(seat.role);
    const oldSeat = found.members.find((m) => m.id === seat.id);
    // Salma attended and approved: her seat stays on record, as a plain member, in her name.
    expect(oldSeat).toMatchObject({ name: "Salma Bouzid", role: "member" });
    const owner = await t.db
      .selectFrom("action_item")
      .select("owner_member_id")
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(owner.owner_member_id).toBe(newSeat.id);
    const event = await t.db
      .selectFrom("audit_event")
      .select(["type", "data"])
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(event.type).toBe("committee.seat_handed_over");
    expect(JSON.parse(event.data)).toEqual({ name: "Salma Bouzid", to: "Samir Successeur", actionItems: 1 });
  });
});
