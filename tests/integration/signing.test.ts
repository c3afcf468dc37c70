import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import type { Actor } from "~/domain/access/access";
import {
  agreementHistory,
  currentSnapshot,
  findAgreement,
  listParties,
} from "~/domain/agreement/agreement.queries.server";
import { agreementPdfModel, renderAgreementPdf } from "~/domain/signing/agreement-pdf.server";
import { paperSigningSchema } from "~/domain/signing/signing.schema";
import { declineSigning, recordPaperSigning, signAgreement } from "~/domain/signing/signing.server";
import {
  integrityReport,
  registerIssuedPdf,
  verifyPdfBytes,
  verifyReferenceAndHash,
} from "~/domain/signing/verification.server";
import { eventDetails, eventLabel } from "~/domain/audit/event-view";
import { exportAgreementJson, exportCsv } from "~/domain/export/exports.server";
import { parseCsv } from "~/domain/export/csv";
import { createTranslator } from "~/lib/i18n/translate";
import { todayInMorocco } from "~/lib/time";
import { storeFile } from "~/lib/uploads.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, FACTORY_PASSWORD, type Person } from "../support/factories";
import { pdfText, writeTemp } from "../support/pdf";

let t: TestDatabase;
let db: DB;
const meta = (a: Actor) => ({ actorUserId: a.userId, ip: "192.0.2.7", userAgent: "vitest" });
const PASSWORD = FACTORY_PASSWORD;

/** An agreement between an association and a foundation, sent for signature, with both signatories set. */
async function awaitingSignatures(): Promise<{ id: string; president: Actor; director: Actor; owner: Person }> {
  const a = await factories(db).agreement({
    status: "awaiting_signatures",
    title: "Convention de test",
    titleSecondary: "اتفاقية اختبار",
    effectiveDate: "2026-12-01",
    durationMonths: 12,
  });
  return { id: a.id, president: a.owner.actor, director: a.partner.actor, owner: a.owner };
}

async function sign(actor: Actor, agreementId: string, password = PASSWORD) {
  const loaded = (await findAgreement(db, actor, agreementId))!;
  const party = (await listParties(db, agreementId)).find((p) => p.signatoryUserId === actor.userId)!;
  return signAgreement(db, actor, meta(actor), loaded, {
    partyId: party.id,
    typedName: "Nom tapé",
    password,
    sessionId: "none",
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
});
afterAll(() => t.close());

describe("signing in the app", () => {
  it("records version, hash, party, user, typed name, time, IP and browser; the last signature activates", async () => {
    const { id, president, director } = await awaitingSignatures();
    expect(await sign(president, id)).toEqual({ ok: true, activated: false });
    expect((await findAgreement(db, president, id))!.agreement.status).toBe("awaiting_signatures");
    expect(await sign(director, id)).toEqual({ ok: true, activated: true });
    const agreement = (await findAgreement(db, president, id))!.agreement;
    expect(agreement.status).toBe("active");
    const version = await db
      .selectFrom("agreement_version")
      .select(["number", "hash"])
      .where("agreement_id", "=", id)
      .executeTakeFirstOrThrow();
    const signatures = await db.selectFrom("signature").selectAll().where("agreement_id", "=", id).execute();
    expect(signatures).toHaveLength(2);
    for (const s of signatures) {
      expect(s).toMatchObject({
        version_number: version.number,
        content_hash: version.hash,
        signer_name: "Nom tapé",
        ip: "192.0.2.7",
        user_agent: "vitest",
        method: "in_app",
        status: "valid",
      });
      expect(s.signed_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
      expect(s.signed_on).toBe(todayInMorocco(new Date(s.signed_at!)));
    }
    const types = (await db.selectFrom("audit_event").select("type").where("agreement_id", "=", id).execute()).map(
      (e) => e.type,
    );
    expect(types.filter((x) => x === "agreement.signed")).toHaveLength(2);
  });

  it("refuses a wrong password, a second signature of the same version, and an outsider", async () => {
    const { id, president } = await awaitingSignatures();
    expect(await sign(president, id, "wrong password")).toEqual({ ok: false, error: "password" });
    expect((await sign(president, id)).ok).toBe(true);
    expect(await sign(president, id)).toEqual({ ok: false, error: "cannotSign", reason: "alreadySigned" });
    const outsider = (await factories(db).person()).actor;
    expect(await findAgreement(db, outsider, id)).toBeNull();
  });

  it("a decline voids this version's signatures and returns to negotiation with the reason", async () => {
    const { id, president, director } = await awaitingSignatures();
    await sign(president, id);
    const loaded = (await findAgreement(db, director, id))!;
    const party = (await listParties(db, id)).find((p) => p.signatoryUserId === director.userId)!;
    expect(
      (await declineSigning(db, director, meta(director), loaded, { partyId: party.id, reason: "Montant à revoir" }))
        .ok,
    ).toBe(true);
    const agreement = (await findAgreement(db, president, id))!.agreement;
    expect(agreement.status).toBe("negotiation");
    expect(agreement.status_reason).toBe("Montant à revoir");
    const statuses = (await db.selectFrom("signature").select("status").where("agreement_id", "=", id).execute()).map(
      (s) => s.status,
    );
    expect(statuses).toEqual(["void"]);
  });
});

describe("signing on paper", () => {
  it("records who signed for each party and the scan's hash, and activates", async () => {
    const { id, president } = await awaitingSignatures();
    const loaded = (await findAgreement(db, president, id))!;
    const parties = await listParties(db, id);
    const scan = storeFile(new TextEncoder().encode("%PDF-1.4 scan"), "pdf", "scan.pdf");
    const signers = Object.fromEntries(parties.map((p) => [p.id, { name: `Signataire ${p.nameFr}` }]));
    expect(
      (
        await recordPaperSigning(db, president, meta(president), loaded, {
          signedOn: "2026-11-20",
          place: "Smara",
          signers,
          scan,
        })
      ).ok,
    ).toBe(true);
    expect((await findAgreement(db, president, id))!.agreement.status).toBe("active");
    const signatures = await db
      .selectFrom("signature")
      .select(["method", "signer_name", "paper_signing_id"])
      .where("agreement_id", "=", id)
      .execute();
    expect(signatures.every((s) => s.method === "paper" && s.paper_signing_id)).toBe(true);
    expect((await integrityReport(db, id)).ok).toBe(true);
  });

  it("is refused to a member who does not manage the drafting organization", async () => {
    const { id, owner } = await awaitingSignatures();
    const member = (await factories(db).person({ organizationId: owner.organizationId, role: "member" })).actor;
    const loaded = (await findAgreement(db, member, id))!;
    const scan = storeFile(new TextEncoder().encode("%PDF-1.4 scan"), "pdf", "scan.pdf");
    expect(
      await recordPaperSigning(db, member, meta(member), loaded, {
        signedOn: "2026-11-20",
        place: "Smara",
        signers: {},
        scan,
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });
});

describe("a paper ceremony is dated by its day, its recording kept apart", () => {
  // A ceremony held in Agadir on 1 January 2022, typed into Charaka on 1 December 2026.
  const RECORDED = new Date("2026-12-01T10:15:00.000Z");
  let id: string;
  let president: Actor;
  /** The association's president, who types the ceremony in. */
  let recorder: Person;
  beforeAll(async () => {
    ({ id, president, owner: recorder } = await awaitingSignatures());
    const loaded = (await findAgreement(db, president, id))!;
    const parties = await listParties(db, id);
    const scan = storeFile(new TextEncoder().encode("%PDF-1.4 scan"), "pdf", "scan.pdf");
    const signers = Object.fromEntries(parties.map((p) => [p.id, { name: `Signataire ${p.nameFr}` }]));
    const done = await recordPaperSigning(db, president, meta(president), loaded, {
      signedOn: "2022-01-01",
      place: "Agadir",
      signers,
      scan,
      now: RECORDED,
    });
    expect(done.ok).toBe(true);
  });

  it("the agreement and its signatures carry the ceremony's date and no time; the recording its own time and author", async () => {
    const agreement = (await findAgreement(db, president, id))!.agreement;
    expect(agreement.status).toBe("active");
    expect(agreement.signed_on).toBe("2022-01-01");
    const signatures = await db
      .selectFrom("signature")
      .select(["signed_on", "signed_at", "method"])
      .where("agreement_id", "=", id)
      .execute();
    expect(signatures).toEqual([
      { signed_on: "2022-01-01", signed_at: null, method: "paper" },
      { signed_on: "2022-01-01", signed_at: null, method: "paper" },
    ]);
    const paper = await db
      .selectFrom("paper_signing")
      .select(["signed_on", "recorded_at", "recorded_by_user_id"])
      .where("agreement_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(paper).toEqual({
      signed_on: "2022-01-01",
      recorded_at: RECORDED.toISOString(),
      recorded_by_user_id: president.userId,
    });
  });

  it("the PDF says signed on paper on that date, with no invented time, and tells the recording apart", async () => {
    const loaded = (await findAgreement(db, president, id))!;
    const model = await agreementPdfModel(db, id, await currentSnapshot(db, loaded.agreement), "fr", "https://x.test");
    const text = pdfText(writeTemp(await renderAgreementPdf(model)));
    expect(text).toContain("Signée sur papier à Agadir le 1 janvier 2022.");
    expect(text).toMatch(/Signée le\s+1 janvier 2022/);
    expect(text).not.toContain("12:00:00 UTC");
    // The certificate: a hand signature, not an electronic one with an IP address.
    expect(text).not.toContain("signature électronique simple");
    expect(text).not.toContain("votre adresse IP");
    expect(text).toContain("signée à la main, sur papier, le 1 janvier 2022 à Agadir");
    expect(text).toMatch(/Signée sur papier le\s+1 janvier 2022/);
    expect(text).toMatch(new RegExp(`Enregistrée par\\s+${recorder.name}`));
    expect(text).toMatch(/Enregistrée le\s+2026-12-01 10:15:00 UTC/);
    expect(text).toContain("Cérémonie du 1 janvier 2022 à Agadir");
  });

  it("/verify names each signer as signed on paper on the ceremony's day, recorded later", async () => {
    const agreement = (await findAgreement(db, president, id))!.agreement;
    const version = await db
      .selectFrom("agreement_version")
      .select("hash")
      .where("agreement_id", "=", id)
      .orderBy("number", "desc")
      .executeTakeFirstOrThrow();
    const verdict = await verifyReferenceAndHash(db, agreement.reference, version.hash);
    expect(verdict.match && verdict.signed).toBe(true);
    if (!verdict.match) return;
    for (const signer of verdict.signers) {
      expect(signer).toMatchObject({ method: "paper", signedOn: "2022-01-01", recordedAt: RECORDED.toISOString() });
      expect(signer).not.toHaveProperty("signedAt");
    }
  });

  it("the exports and the History say the ceremony's date and on paper, the recording apart", async () => {
    const agreement = (await findAgreement(db, president, id))!.agreement;
    const [header, ...rows] = parseCsv(await exportCsv(db, president, "agreements", "fr", "2026-12-01"));
    const row = rows.find((r) => r[0] === agreement.reference)!;
    const cell = (name: string) => row[header!.indexOf(name)];
    expect(cell("Signée le")).toBe("2022-01-01");
    expect(cell("Mode de signature")).toBe("signée sur papier");
    expect(cell("Signature sur papier enregistrée le")).toBe("2026-12-01");

    const json = await exportAgreementJson(db, (await findAgreement(db, president, id))!, "2026-12-01");
    expect(json.signedOn).toBe("2022-01-01");
    expect(json.signatures.map((s) => [s.method, s.signed_on, s.signed_at])).toEqual([
      ["paper", "2022-01-01", null],
      ["paper", "2022-01-01", null],
    ]);
    expect(json.paperSignings).toMatchObject([
      {
        signed_on: "2022-01-01",
        place: "Agadir",
        recorded_at: RECORDED.toISOString(),
        recorded_by: recorder.name,
      },
    ]);

    const { t, formatDate } = createTranslator("fr");
    const event = (await agreementHistory(db, id)).find((e) => e.type === "agreement.signed_on_paper")!;
    expect(event.createdAt).toBe(RECORDED.toISOString());
    expect(eventLabel(t, event.type, eventDetails(event.data), formatDate).replace(/[\u2068\u2069]/g, "")).toBe(
      "Signée sur papier le 1 janvier 2022 à Agadir — signature enregistrée (version 1)",
    );
  });

  it("a ceremony dated after today is refused next to its date", () => {
    const schema = paperSigningSchema([], "2026-12-01");
    const result = schema.safeParse({ intent: "paper", signedOn: "2026-12-02", place: "Agadir" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["signedOn"], message: "signing.error.paperDateFuture" });
    expect(schema.safeParse({ intent: "paper", signedOn: "2026-12-01", place: "Agadir" }).success).toBe(true);
  });
});

describe("verification", () => {
  it("matches a signed version by reference and hash, names the signers, and nothing else", async () => {
    const { id, president, director } = await awaitingSignatures();
    await sign(president, id);
    await sign(director, id);
    const agreement = (await findAgreement(db, president, id))!.agreement;
    const version = await db
      .selectFrom("agreement_version")
      .select("hash")
      .where("agreement_id", "=", id)
      .executeTakeFirstOrThrow();
    const verdict = await verifyReferenceAndHash(db, agreement.reference, version.hash);
    expect(verdict).toMatchObject({ match: true, reference: agreement.reference, versionNumber: 1, signed: true });
    if (verdict.match) expect(verdict.signers.map((s) => s.name)).toEqual(["Nom tapé", "Nom tapé"]);
    expect(Object.keys(verdict).sort()).toEqual(["hash", "match", "reference", "signed", "signers", "versionNumber"]);
    expect(await verifyReferenceAndHash(db, agreement.reference, "0".repeat(64))).toEqual({ match: false });
  });

  it("recognises the exact bytes of an issued PDF, and not one modified byte", async () => {
    const { id, president, director } = await awaitingSignatures();
    await sign(president, id);
    await sign(director, id);
    const loaded = (await findAgreement(db, president, id))!;
    const model = await agreementPdfModel(
      db,
      id,
      await currentSnapshot(db, loaded.agreement),
      "fr",
      "https://charaka.example",
    );
    const bytes = await renderAgreementPdf(model);
    const again = await renderAgreementPdf(
      await agreementPdfModel(db, id, await currentSnapshot(db, loaded.agreement), "fr", "https://charaka.example"),
    );
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    await registerIssuedPdf(db, {
      bytes,
      agreementId: id,
      versionNumber: model.version!.number,
      contentHash: model.version!.hash,
      kind: "agreement",
    });
    expect((await verifyPdfBytes(db, bytes)).match).toBe(true);
    const modified = Buffer.from(bytes);
    modified[Math.floor(modified.length / 2)] = modified[Math.floor(modified.length / 2)]! ^ 0xff;
    expect((await verifyPdfBytes(db, modified)).match).toBe(false);
  });

  it("the integrity check reports an altered version snapshot", async () => {
    const { id, president, director } = await awaitingSignatures();
    await sign(president, id);
    await sign(director, id);
    expect((await integrityReport(db, id)).ok).toBe(true);
    await db
      .updateTable("agreement_version")
      .set({ snapshot: '{"tampered":true}' })
      .where("agreement_id", "=", id)
      .execute();
    const report = await integrityReport(db, id);
    expect(report.ok).toBe(false);
    expect(report.versions).toEqual([{ number: 1, ok: false }]);
  });
});
