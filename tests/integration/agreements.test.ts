import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DB } from "../../db/client";
import { agreementIdsMatching, reindexAllAgreements } from "../../db/search";
import { canCommentAgreement, canEditAgreement, canManageAgreement, type Actor } from "~/domain/access/access";
import { loadActorByEmail } from "~/domain/access/access.server";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import {
  createAgreement,
  createAmendment,
  expireIfPast,
  transitionAgreement,
  updateParty,
} from "~/domain/agreement/agreement.commands.server";
import { AgreementListQuery } from "~/domain/agreement/agreement.schema";
import {
  findAgreement,
  getVersionSnapshot,
  listAgreements,
  listClauses,
  listParties,
  listVersions,
  PAGE_SIZE,
  visibleTo,
} from "~/domain/agreement/agreement.queries.server";
import { serializeSnapshot, snapshotHash } from "~/domain/agreement/snapshot";
import { addClause, addComment, insertTemplate, resolveComment, updateClause } from "~/domain/clause/clause.server";
import { signAgreement } from "~/domain/signing/signing.server";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/db";
import { refreshDueDates, staleDueDates } from "~/domain/delivery/due-dates.server";
import { noticeFrom } from "~/domain/agreement/lifecycle";

let t: TestDatabase;
let db: DB;
const meta = (actor: Actor) => ({ actorUserId: actor.userId, ip: "127.0.0.1", userAgent: "vitest" });

const actorFor = (email: string) => loadActorByEmail(db, email);
async function orgId(nameFr: string) {
  return (await db.selectFrom("organization").select("id").where("name_fr", "=", nameFr).executeTakeFirstOrThrow()).id;
}
/** A new draft by Sofara's president, loaded as he sees it. */
async function sofaraDraft() {
  const president = await actorFor("president@sofara.example");
  const created = await createAgreement(db, president, meta(president), {
    ...details,
    ownerOrganizationId: await orgId("Association Sofara Al-Khair – Smara"),
  });
  if (!created.ok) throw new Error("create failed");
  return { president, created, loaded: (await findAgreement(db, president, created.id))! };
}
const list = (actor: Actor, params: Record<string, string> = {}) =>
  listAgreements(db, actor, AgreementListQuery.parse(params));
const details = {
  title: "Convention de test",
  titleSecondary: "اتفاقية اختبار",
  kind: "partnership" as const,
  purpose: "Objet de test",
  territory: "Smara",
  signingPlace: undefined,
  effectiveDate: undefined,
  endDate: undefined,
  durationMonths: undefined,
  tacitRenewal: false,
  renewalNoticeDays: undefined,
  currency: "MAD" as const,
  totalBudget: undefined,
};

beforeAll(async () => {
  t = await createTestDatabase({ demo: true });
  db = t.db;
});
afterAll(() => t.close());

describe("creating agreements", () => {
  it("gives each a unique human reference CH-<year>-<sequence>", async () => {
    const president = await actorFor("president@sofara.example");
    const sofara = await orgId("Association Sofara Al-Khair – Smara");
    const a = await createAgreement(db, president, meta(president), { ...details, ownerOrganizationId: sofara });
    const b = await createAgreement(db, president, meta(president), { ...details, ownerOrganizationId: sofara });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.reference).toMatch(/^CH-\d{4}-\d{4}$/);
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
  });

  it("is refused on behalf of an organization one does not manage", async () => {
    const member = await actorFor("membre@sofara.example");
    const insafPresident = await actorFor("president@insaf.example");
    const sofara = await orgId("Association Sofara Al-Khair – Smara");
    expect((await createAgreement(db, member, meta(member), { ...details, ownerOrganizationId: sofara })).ok).toBe(
      false,
    );
    expect(
      (await createAgreement(db, insafPresident, meta(insafPresident), { ...details, ownerOrganizationId: sofara })).ok,
    ).toBe(false);
  });
});

describe("who sees agreements", () => {
  it("lists only the agreements of one's organizations: INSAF's president never sees Sofara's", async () => {
    const insaf = await actorFor("president@insaf.example");
    const { items } = await list(insaf);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.parties.some((p) => p.nameFr === "Association INSAF")).toBe(true);
    const sofaraDemo = await db
      .selectFrom("agreement")
      .select("id")
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    expect(await findAgreement(db, insaf, sofaraDemo.id)).toBeNull();
  });

  it("shows a draft only to the drafting organization; the partner sees it from negotiation on", async () => {
    const president = await actorFor("president@sofara.example");
    const partner = await actorFor("rse@clearvision.example");
    const created = await createAgreement(db, president, meta(president), {
      ...details,
      ownerOrganizationId: await orgId("Association Sofara Al-Khair – Smara"),
      partnerOrganizationId: await orgId("Fondation Clear Vision"),
    });
    if (!created.ok) throw new Error("create failed");
    expect(await findAgreement(db, partner, created.id)).toBeNull();
    expect((await list(partner)).items.map((i) => i.id)).not.toContain(created.id);
    const loaded = (await findAgreement(db, president, created.id))!;
    await addClause(db, president, meta(president), loaded, { heading: "Objet", body: "Texte" });
    expect(
      (
        await transitionAgreement(db, president, meta(president), {
          agreementId: created.id,
          action: "open_negotiation",
        })
      ).ok,
    ).toBe(true);
    expect(await findAgreement(db, partner, created.id)).not.toBeNull();
    expect((await list(partner)).items.map((i) => i.id)).toContain(created.id);
  });

  it("counts agreements by status and filters by status, kind, partner and year", async () => {
    const admin = await actorFor("admin@charaka.example");
    const all = await list(admin);
    expect(all.counts.active).toBeGreaterThanOrEqual(2);
    expect(all.counts.expired).toBe(1);
    const expired = await list(admin, { status: "expired" });
    expect(expired.items.map((i) => i.title)).toEqual(["Opération paniers solidaires – Ramadan 2025"]);
    const sponsorships = await list(admin, { kind: "sponsorship" });
    expect(sponsorships.items.every((i) => i.kind === "sponsorship")).toBe(true);
    const withKazyon = await list(admin, { partner: await orgId("Kazyon Maroc") });
    expect(withKazyon.items.map((i) => i.title).sort()).toEqual([
      "Convention de partenariat stratégique pour l’éducation et l’inclusion des enfants",
      "Convention spécifique – salle informatique du centre de Derb Ghallef",
    ]);
    const in2022 = await list(admin, { year: "2022" });
    expect(in2022.items.map((i) => i.title)).toContain("Convention de partenariat et de coopération");
  });

  it("the list as it opens, read from the parties' copies, is what visibleTo gives, in the same order and counts", async () => {
    const { president } = await sofaraDraft(); // a draft: visible to its owner's members only
    const people = await db
      .selectFrom("user")
      .innerJoin("membership", "membership.user_id", "user.id")
      .select("email")
      .distinct()
      .execute();
    expect(people.length).toBeGreaterThan(5);
    for (const { email } of people) {
      const actor = email === "president@sofara.example" ? president : await actorFor(email);
      const expected = await db
        .selectFrom("agreement")
        .select(["agreement.id", "agreement.status"])
        .where(visibleTo(actor))
        .orderBy("agreement.updated_at", "desc")
        .orderBy("agreement.id")
        .execute();
      const counts: Record<string, number> = {};
      for (const a of expected) counts[a.status] = (counts[a.status] ?? 0) + 1;
      const opened = await list(actor);
      expect(opened.counts, email).toEqual(counts);
      expect(opened.total, email).toBe(expected.length);
      expect(
        opened.items.map((i) => i.id),
        email,
      ).toEqual(expected.slice(0, PAGE_SIZE).map((a) => a.id));
      for (const status of ["draft", "active", "negotiation"] as const) {
        const byStatus = await list(actor, { status });
        expect(
          byStatus.items.map((i) => i.id),
          `${email} ${status}`,
        ).toEqual(
          expected
            .filter((a) => a.status === status)
            .slice(0, PAGE_SIZE)
            .map((a) => a.id),
        );
      }
    }
  });

  it("filters by region whatever the case typed, on SQLite and PostgreSQL alike", async () => {
    const admin = await actorFor("admin@charaka.example");
    const typed = (await list(admin, { region: "Es-Semara" })).items.map((i) => i.id).sort();
    expect(typed.length).toBeGreaterThan(0);
    expect((await list(admin, { region: "es-semara" })).items.map((i) => i.id).sort()).toEqual(typed);
    expect((await list(admin, { region: "ES-SEMARA" })).items.map((i) => i.id).sort()).toEqual(typed);
  });

  it("filters by a partner's name whatever the case typed, French or Arabic, on SQLite and PostgreSQL alike", async () => {
    const admin = await actorFor("admin@charaka.example");
    const typed = (await list(admin, { partnerName: "Kazyon" })).items.map((i) => i.id).sort();
    expect(typed.length).toBe(2);
    expect((await list(admin, { partnerName: "kAZYON maroc" })).items.map((i) => i.id).sort()).toEqual(typed);
    expect((await list(admin, { partnerName: "كازيون" })).items.map((i) => i.id).sort()).toEqual(typed);
  });
});

describe("search", () => {
  it("finds an agreement by a French word typed without accents", async () => {
    const president = await actorFor("president@sofara.example");
    const found = await list(president, { q: "cooperation" });
    expect(found.items.map((i) => i.title)).toContain("Convention de partenariat et de coopération");
  });

  it("finds agreements by an Arabic word, with or without its prefix", async () => {
    const president = await actorFor("president@sofara.example");
    expect((await list(president, { q: "تعاون" })).items.map((i) => i.title)).toContain(
      "Convention de partenariat et de coopération",
    );
    const insaf = await actorFor("president@insaf.example");
    expect((await list(insaf, { q: "الهدر المدرسي" })).items.map((i) => i.title)).toEqual([
      "Convention de partenariat stratégique pour l’éducation et l’inclusion des enfants",
    ]);
  });

  // PostgreSQL only: its trigram index is what finds the candidates (SQLite's FTS5 index always does).
  it.skipIf(!onPostgres)(
    "on PostgreSQL, an Arabic word's candidates come from the trigram index, not from every row",
    async () => {
      const total = Number(
        (
          await db
            .selectFrom("agreement")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const subquery = agreementIdsMatching(db, "الهدر")!;
      const plan = await db.transaction().execute(async (trx) => {
        // The demo table is small: without this the planner reads it whole anyway.
        await sql`set local enable_seqscan = off`.execute(trx);
        return (
          await sql<{ "QUERY PLAN": unknown }>`explain (analyze, format json) select * from ${subquery} as m`.execute(
            trx,
          )
        ).rows[0]!["QUERY PLAN"];
      });
      const nodes: Array<Record<string, unknown>> = [];
      const walk = (node: Record<string, unknown>) => {
        nodes.push(node);
        for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
      };
      walk((plan as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
      const indexScan = nodes.find((n) => n["Node Type"] === "Bitmap Index Scan")!;
      expect(indexScan).toBeDefined();
      // One agreement speaks of school drop-out (الهدر المدرسي); the index gives it and not every agreement.
      expect(indexScan["Actual Rows"]).toBeLessThan(total);
      expect(nodes.find((n) => n["Node Type"] === "Bitmap Heap Scan")!["Actual Rows"]).toBe(1);
    },
  );

  it("rebuilt whole (after a bulk load, db:copy), the index holds exactly what the commands wrote", async () => {
    const rows = () =>
      sql<{
        agreement_id: string;
        reference: string;
        title: string;
        body: string;
      }>`select agreement_id, reference, title, body from agreement_search order by agreement_id`.execute(db);
    const before = (await rows()).rows;
    expect(before.length).toBe(
      Number(
        (
          await db
            .selectFrom("agreement")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    expect(await reindexAllAgreements(db, 3)).toBe(before.length); // pages of 3: several pages on the demo data
    expect((await rows()).rows).toEqual(before);
  });

  it("never returns another organization's agreement, whatever the query", async () => {
    const insaf = await actorFor("president@insaf.example");
    expect((await list(insaf, { q: "Smara" })).items).toEqual([]);
  });

  it("finds text added to an article after creation", async () => {
    const { president, created, loaded } = await sofaraDraft();
    await addClause(db, president, meta(president), loaded, {
      heading: "Puits",
      body: "Creusement d’un puits autorisé à Tifariti",
    });
    expect((await list(president, { q: "tifariti" })).items.map((i) => i.id)).toEqual([created.id]);
  });

  it("forgets an article's old words when it is rewritten", async () => {
    const { president, created, loaded: draft } = await sofaraDraft();
    let loaded = draft;
    await addClause(db, president, meta(president), loaded, { heading: "Forage", body: "Un forage à Bir Lehlou" });
    const [clause] = await listClauses(db, created.id);
    loaded = (await findAgreement(db, president, created.id))!;
    await updateClause(db, president, meta(president), loaded, {
      clauseId: clause!.id,
      version: clause!.version,
      heading: "Forage",
      body: "Un forage à Mijek",
    });
    expect((await list(president, { q: "lehlou" })).items).toEqual([]);
    expect((await list(president, { q: "mijek" })).items.map((i) => i.id)).toEqual([created.id]);
  });

  it("pages, sorts and counts a search's results like any list", async () => {
    const president = await actorFor("president@sofara.example");
    const sofara = await orgId("Association Sofara Al-Khair – Smara");
    for (let i = 25; i >= 1; i--) {
      const created = await createAgreement(db, president, meta(president), {
        ...details,
        title: `Zorglub ${String(i).padStart(2, "0")}`,
        ownerOrganizationId: sofara,
      });
      if (!created.ok) throw new Error("create failed");
    }
    const titles = (params: Record<string, string>) =>
      list(president, { q: "zorglub", sort: "title", ...params }).then((r) => ({
        ...r,
        titles: r.items.map((i) => i.title),
      }));
    const first = await titles({});
    expect(first.total).toBe(25);
    expect(first.counts).toEqual({ draft: 25 });
    expect(first.titles).toEqual(Array.from({ length: 20 }, (_, i) => `Zorglub ${String(i + 1).padStart(2, "0")}`));
    expect((await titles({ page: "2" })).titles).toEqual([
      "Zorglub 21",
      "Zorglub 22",
      "Zorglub 23",
      "Zorglub 24",
      "Zorglub 25",
    ]);
    const active = await titles({ status: "active" });
    expect([active.total, active.titles, active.counts]).toEqual([0, [], { draft: 25 }]);
    // The same page as the list without a search, filtered to these agreements by their title word.
    const plain = (await list(president, { sort: "reference", kind: "partnership" })).items.filter((i) =>
      i.title.startsWith("Zorglub"),
    );
    expect((await titles({ sort: "reference" })).items.map((i) => i.id)).toEqual(plain.map((i) => i.id).slice(0, 20));
    expect(first.items[0]).toEqual((await list(president, { sort: "title", q: "zorglub 01" })).items[0]);
    expect(Object.keys(first.items[0]!).sort()).toEqual([
      "durationMonths",
      "effectiveDate",
      "endDate",
      "id",
      "kind",
      "parties",
      "reference",
      "status",
      "territory",
      "title",
      "titleSecondary",
    ]);
  });
});

describe("the lifecycle through commands", () => {
  it("refuses to send for signature with the reasons, then freezes hashed versions and the text", async () => {
    const president = await actorFor("president@sofara.example");
    const created = await createAgreement(db, president, meta(president), {
      ...details,
      ownerOrganizationId: await orgId("Association Sofara Al-Khair – Smara"),
      partnerOrganizationId: await orgId("Fondation Clear Vision"),
    });
    if (!created.ok) throw new Error("create failed");
    let loaded = (await findAgreement(db, president, created.id))!;
    await insertTemplate(db, president, meta(president), loaded, { template: "std:object:fr" });

    const refused = await transitionAgreement(db, president, meta(president), {
      agreementId: created.id,
      action: "send_for_signature",
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok && refused.error === "rule") {
      expect(refused.errors.map((e) => e.key)).toEqual([
        "lifecycle.error.signatories",
        "lifecycle.error.effectiveDate",
        "lifecycle.error.endOrDuration",
      ]);
    }

    expect(
      (
        await transitionAgreement(db, president, meta(president), {
          agreementId: created.id,
          action: "open_negotiation",
        })
      ).ok,
    ).toBe(true);
    loaded = (await findAgreement(db, president, created.id))!;
    const [clause] = await listClauses(db, created.id);
    await updateClause(db, president, meta(president), loaded, {
      clauseId: clause!.id,
      version: clause!.version,
      heading: "Objet",
      body: "Texte négocié.",
    });
    for (const party of await listParties(db, created.id)) {
      await updateParty(db, president, meta(president), loaded, {
        partyId: party.id,
        version: party.version,
        role: party.role,
        signatoryName: "Signataire",
        signatoryTitle: "Président",
      });
    }
    await db
      .updateTable("agreement")
      .set({ effective_date: "2026-12-01", duration_months: 12 })
      .where("id", "=", created.id)
      .execute();
    await refreshDueDates(db, created.id); // as the details form does
    expect(
      (
        await transitionAgreement(db, president, meta(president), {
          agreementId: created.id,
          action: "send_for_signature",
        })
      ).ok,
    ).toBe(true);

    const versions = await listVersions(db, created.id);
    expect(versions.map((v) => [v.number, v.reason])).toEqual([
      [2, "signature"],
      [1, "negotiation"],
    ]);
    const v2 = (await getVersionSnapshot(db, created.id, 2))!;
    expect(v2.clauses[0]!.body).toBe("Texte négocié.");
    expect(versions[0]!.hash).toBe(snapshotHash(serializeSnapshot(v2)));
    expect((await getVersionSnapshot(db, created.id, 1))!.clauses[0]!.body).not.toBe("Texte négocié.");

    loaded = (await findAgreement(db, president, created.id))!;
    const frozen = await updateClause(db, president, meta(president), loaded, {
      clauseId: clause!.id,
      version: clause!.version + 1,
      heading: "X",
      body: "Y",
    });
    expect(frozen).toMatchObject({ ok: false, error: "rule" });
    expect((await listClauses(db, created.id))[0]!.body).toBe("Texte négocié.");
  });

  it("terminating needs a reason and a date, and records them", async () => {
    const president = await actorFor("president@insaf.example");
    const agreement = await db
      .selectFrom("agreement")
      .select("id")
      .where("title", "like", "Convention de partenariat stratégique%")
      .executeTakeFirstOrThrow();
    const noReason = await transitionAgreement(db, president, meta(president), {
      agreementId: agreement.id,
      action: "terminate",
      date: "2026-12-31",
    });
    expect(noReason).toMatchObject({ ok: false, error: "rule", errors: [{ key: "lifecycle.error.reason" }] });
    const events = await db
      .selectFrom("audit_event")
      .select("type")
      .where("agreement_id", "=", agreement.id)
      .where("type", "=", "agreement.transitioned")
      .execute();
    const ok = await transitionAgreement(db, president, meta(president), {
      agreementId: agreement.id,
      action: "suspend",
      reason: "Audit en cours",
    });
    expect(ok.ok).toBe(true);
    const after = await db
      .selectFrom("audit_event")
      .select(["type", "data"])
      .where("agreement_id", "=", agreement.id)
      .where("type", "=", "agreement.transitioned")
      .execute();
    expect(after.length).toBe(events.length + 1);
    expect(JSON.parse(after.at(-1)!.data)).toMatchObject({ from: "active", to: "suspended", reason: "Audit en cours" });
    await transitionAgreement(db, president, meta(president), { agreementId: agreement.id, action: "resume" });
  });

  it("an agreement past its end date expires when read", async () => {
    const president = await actorFor("president@sofara.example");
    await db
      .updateTable("agreement")
      .set({ tacit_renewal: 0 })
      .where("title", "=", "Convention de partenariat et de coopération")
      .execute();
    const row = await db
      .selectFrom("agreement")
      .selectAll()
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    const later = new Date(`${Number(row.end_date!.slice(0, 4)) + 1}-02-01T12:00:00Z`);
    expect(await expireIfPast(db, row, later)).toBe(true);
    expect((await findAgreement(db, president, row.id))!.agreement.status).toBe("expired");
    await db.updateTable("agreement").set({ status: "active", tacit_renewal: 1 }).where("id", "=", row.id).execute();
  });

  it("an agreement with tacit renewal is renewed for its term instead of expiring, and next year's plan is prefilled", async () => {
    const president = await actorFor("president@sofara.example");
    const row = await db
      .selectFrom("agreement")
      .selectAll()
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    const endYear = Number(row.end_date!.slice(0, 4));
    const later = new Date(`${endYear + 1}-01-10T12:00:00Z`);
    const plan = await db.selectFrom("action_plan").select("year").where("agreement_id", "=", row.id).execute();
    expect(await expireIfPast(db, row, later)).toBe(true);
    const after = (await findAgreement(db, president, row.id))!.agreement;
    expect(after.status).toBe("active");
    expect(after.end_date).toBe(`${endYear + 1}-12-31`);
    const renewed = await db
      .selectFrom("audit_event")
      .select("data")
      .where("agreement_id", "=", row.id)
      .where("type", "=", "agreement.renewed")
      .execute();
    expect(renewed.map((e) => JSON.parse(e.data))).toEqual([{ from: row.end_date, to: `${endYear + 1}-12-31` }]);
    // The stored end and next due dates follow the renewal (a recurring report falls due again).
    expect(await staleDueDates(db)).toEqual([]);
    expect(
      (await db.selectFrom("agreement").select("ends_on").where("id", "=", row.id).executeTakeFirstOrThrow()).ends_on,
    ).toBe(`${endYear + 1}-12-31`);
    if (plan.some((p) => p.year === endYear)) {
      const next = await db
        .selectFrom("action_plan")
        .select("year")
        .where("agreement_id", "=", row.id)
        .where("year", "=", endYear + 1)
        .execute();
      expect(next).toHaveLength(1);
    }
    await db.updateTable("agreement").set({ end_date: row.end_date }).where("id", "=", row.id).execute();
  });
});

describe("negotiation comments", () => {
  it("a partner comments; only the drafting organization resolves; open comments block the signature", async () => {
    const president = await actorFor("president@ams.example");
    const agreement = await db
      .selectFrom("agreement")
      .select("id")
      .where("status", "=", "negotiation")
      .where("title", "like", "Paniers solidaires%")
      .executeTakeFirstOrThrow();
    const loaded = (await findAgreement(db, president, agreement.id))!;
    const blocked = await transitionAgreement(db, president, meta(president), {
      agreementId: agreement.id,
      action: "send_for_signature",
    });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok && blocked.error === "rule")
      expect(blocked.errors.map((e) => e.key)).toContain("lifecycle.error.openComments");
    const comment = await db
      .selectFrom("clause_comment")
      .select("id")
      .where("agreement_id", "=", agreement.id)
      .executeTakeFirstOrThrow();
    const outsider = await actorFor("president@sofara.example");
    expect(await resolveComment(db, outsider, meta(outsider), loaded, { commentId: comment.id })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect((await resolveComment(db, president, meta(president), loaded, { commentId: comment.id })).ok).toBe(true);
  });

  it("nobody comments once the text is frozen for signature", async () => {
    const president = await actorFor("president@sofara.example");
    const frozen = await db
      .selectFrom("agreement")
      .select("id")
      .where("status", "=", "active")
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    const loaded = (await findAgreement(db, president, frozen.id))!;
    const [clause] = await listClauses(db, frozen.id);
    expect(
      await addComment(db, president, meta(president), loaded, { clauseId: clause!.id, body: "Trop tard" }),
    ).toMatchObject({
      ok: false,
      error: "rule",
    });
  });
});

describe("optimistic concurrency", () => {
  it("of two saves of the same article from the same version, the second is refused with the saved text; nothing is overwritten", async () => {
    const { president, created, loaded } = await sofaraDraft();
    await addClause(db, president, meta(president), loaded, { heading: "Objet", body: "Version initiale" });
    const [clause] = await listClauses(db, created.id);
    const first = await updateClause(db, president, meta(president), loaded, {
      clauseId: clause!.id,
      version: clause!.version,
      heading: "Objet",
      body: "Texte de Mustapha",
    });
    const second = await updateClause(db, president, meta(president), loaded, {
      clauseId: clause!.id,
      version: clause!.version,
      heading: "Objet",
      body: "Texte de Salma",
    });
    expect(first.ok).toBe(true);
    expect(second).toEqual({
      ok: false,
      error: "conflict",
      current: { heading: "Objet", body: "Texte de Mustapha", version: clause!.version + 1 },
    });
    expect((await listClauses(db, created.id))[0]!.body).toBe("Texte de Mustapha");
    const updates = await db
      .selectFrom("audit_event")
      .select("seq")
      .where("agreement_id", "=", created.id)
      .where("type", "=", "clause.updated")
      .execute();
    expect(updates).toHaveLength(1);
  });
});

describe("amendments", () => {
  it("once active, an amendment applies its end date and articles to a new consolidated version; signed versions stay as they were", async () => {
    const president = await actorFor("president@sofara.example");
    const parent = await db
      .selectFrom("agreement")
      .selectAll()
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    const signedBefore = await getVersionSnapshot(db, parent.id, parent.text_version);
    const loadedParent = (await findAgreement(db, president, parent.id))!;
    const amendment = await createAmendment(db, president, meta(president), loadedParent, {
      title: "Avenant n° 1",
      amendsEndDate: "2028-12-31",
    });
    if (!amendment.ok) throw new Error("amend failed");
    const loaded = (await findAgreement(db, president, amendment.id))!;
    expect(loaded.agreement.kind).toBe("amendment");
    expect((await listParties(db, amendment.id)).map((p) => p.signatoryName)).toEqual([
      "Mustapha El Harma",
      "Hicham Masfar",
    ]);
    await addClause(db, president, meta(president), loaded, {
      heading: "Nouvelle action",
      body: "Campagne de dépistage du diabète.",
    });
    await db
      .updateTable("agreement")
      .set({ effective_date: "2026-12-01", duration_months: 1 })
      .where("id", "=", amendment.id)
      .execute();
    await refreshDueDates(db, amendment.id); // as the details form does
    expect(
      (
        await transitionAgreement(db, president, meta(president), {
          agreementId: amendment.id,
          action: "send_for_signature",
        })
      ).ok,
    ).toBe(true);
    const director = await actorFor("directeur@clearvision.example");
    for (const [signer, name] of [
      [president, "Mustapha El Harma"],
      [director, "Hicham Masfar"],
    ] as const) {
      const signing = (await findAgreement(db, signer, amendment.id))!;
      const party = (await listParties(db, amendment.id)).find((p) => p.signatoryUserId === signer.userId)!;
      const signed = await signAgreement(db, signer, meta(signer), signing, {
        partyId: party.id,
        typedName: name,
        password: "charaka-demo-2026",
        sessionId: "none",
      });
      expect(signed.ok).toBe(true);
    }
    expect((await findAgreement(db, president, amendment.id))!.agreement.status).toBe("active");

    const after = await db.selectFrom("agreement").selectAll().where("id", "=", parent.id).executeTakeFirstOrThrow();
    expect(after.end_date).toBe("2028-12-31");
    expect([after.ends_on, after.notice_from]).toEqual([
      "2028-12-31",
      noticeFrom("2028-12-31", after.renewal_notice_days),
    ]);
    expect(after.text_version).toBe(parent.text_version + 1);
    const clauses = await listClauses(db, parent.id);
    expect(clauses.at(-1)).toMatchObject({ heading: "Nouvelle action", sourceAmendmentId: amendment.id });
    expect((await listVersions(db, parent.id))[0]!.reason).toBe("amendment");
    expect(await getVersionSnapshot(db, parent.id, parent.text_version)).toEqual(signedBefore);
  });

  it("cannot be drafted on an agreement that is not active", async () => {
    const president = await actorFor("president@sofara.example");
    const draft = await db
      .selectFrom("agreement")
      .select("id")
      .where("status", "=", "draft")
      .where("title", "like", "Convention spécifique%")
      .executeTakeFirstOrThrow();
    const loaded = (await findAgreement(db, president, draft.id))!;
    expect(await createAmendment(db, president, meta(president), loaded, { title: "Avenant" })).toMatchObject({
      ok: false,
      error: "rule",
    });
  });
});

describe("access matrix on an agreement in negotiation (Sofara × Clear Vision)", () => {
  const cases = [
    { email: "admin@charaka.example", see: true, edit: false, comment: false, manage: false },
    { email: "president@sofara.example", see: true, edit: true, comment: true, manage: true },
    { email: "membre@sofara.example", see: true, edit: false, comment: true, manage: false },
    { email: "rse@clearvision.example", see: true, edit: false, comment: true, manage: false },
    { email: "directeur@clearvision.example", see: true, edit: false, comment: true, manage: false },
    { email: "president@insaf.example", see: false, edit: false, comment: false, manage: false },
    { email: "rse@kazyon.example", see: false, edit: false, comment: false, manage: false },
  ];
  for (const c of cases) {
    it(`${c.email}: sees=${c.see} edits=${c.edit} comments=${c.comment} moves the lifecycle=${c.manage}`, async () => {
      const president = await actorFor("president@sofara.example");
      const created = await createAgreement(db, president, meta(president), {
        ...details,
        ownerOrganizationId: await orgId("Association Sofara Al-Khair – Smara"),
        partnerOrganizationId: await orgId("Fondation Clear Vision"),
      });
      if (!created.ok) throw new Error("create failed");
      await addClause(db, president, meta(president), (await findAgreement(db, president, created.id))!, {
        heading: "Objet",
        body: "x",
      });
      await transitionAgreement(db, president, meta(president), {
        agreementId: created.id,
        action: "open_negotiation",
      });
      const actor = await actorFor(c.email);
      const loaded = await findAgreement(db, actor, created.id);
      expect(loaded !== null).toBe(c.see);
      if (!loaded) return;
      expect(canEditAgreement(actor, loaded.access)).toBe(c.edit);
      expect(canCommentAgreement(actor, loaded.access)).toBe(c.comment);
      expect(canManageAgreement(actor, loaded.access)).toBe(c.manage);
      const [clause] = await listClauses(db, created.id);
      const write = await updateClause(db, actor, meta(actor), loaded, {
        clauseId: clause!.id,
        version: clause!.version,
        heading: "Objet",
        body: "modifié",
      });
      expect(write.ok).toBe(c.edit);
    });
  }
});

describe("audit", () => {
  it("every change above is in a chain that still verifies", async () => {
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe("the daily job", () => {
  it("expires agreements past their end date, once: a second run changes nothing", async () => {
    const { runDailyJobs } = await import("~/domain/jobs/daily.server");
    const row = await db
      .selectFrom("agreement")
      .selectAll()
      .where("title", "like", "Convention de partenariat stratégique%")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
    const farFuture = new Date("2040-01-01T12:00:00Z");
    const first = await runDailyJobs(db, farFuture);
    expect(first.expiredAgreements).toBeGreaterThanOrEqual(1);
    expect(
      (await db.selectFrom("agreement").select("status").where("id", "=", row.id).executeTakeFirstOrThrow()).status,
    ).toBe("expired");
    const second = await runDailyJobs(db, farFuture);
    expect(second.expiredAgreements).toBe(0);
    const expiries = await db
      .selectFrom("audit_event")
      .select("seq")
      .where("agreement_id", "=", row.id)
      .where("data", "like", '%"action":"expire"%')
      .execute();
    expect(expiries).toHaveLength(1);
  });
});
