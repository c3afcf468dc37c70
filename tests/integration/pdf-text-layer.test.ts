/**
 * Every Arabic PDF Charaka issues — agreement, minutes, reception receipt, impact report — is read
 * back with pdftotext, as a reader copies or searches it, with NO normalisation: it must hold the
 * Arabic as typed (letters, not presentation forms; a final ى stays ى), while the drawing is the
 * shaped, right-to-left one (tests/integration/pdf-document.test.ts checks the drawing).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import type { Actor } from "~/domain/access/access";
import { createAgreement, transitionAgreement, updateParty } from "~/domain/agreement/agreement.commands.server";
import { currentSnapshot, findAgreement, listParties } from "~/domain/agreement/agreement.queries.server";
import { addClause } from "~/domain/clause/clause.server";
import { getCommittee } from "~/domain/committee/committee.server";
import { getMeeting } from "~/domain/committee/meetings.server";
import { minutesModel, renderMinutesPdf } from "~/domain/committee/minutes-pdf.server";
import { renderImpactReport } from "~/domain/dashboard/impact-report.server";
import { receiptModel, renderReceiptPdf } from "~/domain/delivery/receipt-pdf.server";
import { agreementPdfModel, renderAgreementPdf } from "~/domain/signing/agreement-pdf.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type TestAgreement } from "../support/factories";
import { pdfText, wordBoxes, writeTemp } from "../support/pdf";

let t: TestDatabase;
let db: DB;
let president: Actor;
const meta = (a: Actor) => ({ actorUserId: a.userId, ip: "192.0.2.7", userAgent: "vitest" });
/** Arabic presentation forms: what the glyphs are drawn with, never what a reader should get. */
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** Both pdftotext modes a reader's tools use: the physical layout and the reading order. */
function readBack(bytes: Uint8Array, name: string) {
  const file = writeTemp(bytes, name);
  return { file, layout: pdfText(file), reading: pdfText(file, undefined, "reading") };
}

function expectTyped(text: { layout: string; reading: string }, typed: string[]) {
  for (const mode of [text.layout, text.reading]) {
    expect(mode).not.toMatch(PRESENTATION_FORMS);
    for (const s of typed) expect(mode).toContain(s);
  }
}

let partnerOrganizationId = "";
/** An agreement in force since 2022 with an Arabic title: its committee held meeting no. 1, and a delivery. */
let a: TestAgreement;
let meetingId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  const f = factories(db);
  president = (await f.person()).actor;
  partnerOrganizationId = await f.organization({ kind: "foundation" });
  a = await f.agreement({
    status: "active",
    committee: true,
    titleSecondary: "اتفاقية شراكة وتعاون",
    effectiveDate: "2022-01-01",
    durationMonths: 72,
  });
  const c = await f.committee(a);
  meetingId = await f.heldMeeting(a, c, { date: "2022-02-10", today: "2022-02-01" });
  await f.deliverable(a, {
    by: "partner",
    kind: "medical_campaign",
    target: 400,
    unit: "patients examinés",
    deliveries: [{ deliveredOn: "2022-04-15", quantity: 230, beneficiaries: 230 }],
  });
}, 60_000);
afterAll(() => t.close());

describe("the text layer of Arabic PDFs holds the text as typed", () => {
  it("the agreement: its title, a signatory whose name ends in ى, an article, with Arabic punctuation", async () => {
    const created = await createAgreement(db, president, meta(president), {
      title: "اتفاقية شراكة وتعاون",
      titleSecondary: "Convention de partenariat et de coopération",
      kind: "partnership",
      purpose: "تهدف هذه الاتفاقية إلى تحديد إطار التعاون بين الطرفين.",
      territory: "إقليم السمارة",
      signingPlace: undefined,
      effectiveDate: "2026-12-01",
      endDate: undefined,
      durationMonths: 12,
      tacitRenewal: false,
      renewalNoticeDays: undefined,
      currency: "MAD",
      totalBudget: undefined,
      ownerOrganizationId: president.memberships[0]!.organizationId,
      partnerOrganizationId,
    });
    if (!created.ok) throw new Error("create failed");
    const loaded = (await findAgreement(db, president, created.id))!;
    await addClause(db, president, meta(president), loaded, {
      heading: "التزامات الأطراف",
      body: "يلتزم الشريك بتقديم الدعم إلى الجمعية لا سيما في الحملات الطبية.",
    });
    for (const party of await listParties(db, created.id)) {
      const association = party.role === "association";
      await updateParty(db, president, meta(president), loaded, {
        partyId: party.id,
        version: party.version,
        role: party.role,
        signatoryName: association ? "مصطفى الهرمة" : "هشام مصفر",
        signatoryTitle: association ? "رئيس الجمعية" : "مدير المؤسسة",
      });
    }
    const sent = await transitionAgreement(db, president, meta(president), {
      agreementId: created.id,
      action: "send_for_signature",
    });
    expect(sent).toMatchObject({ ok: true });
    const fresh = (await findAgreement(db, president, created.id))!;
    const model = await agreementPdfModel(
      db,
      created.id,
      await currentSnapshot(db, fresh.agreement),
      "ar",
      "https://x.test",
    );
    const text = readBack(await renderAgreementPdf(model), "agreement-ar.pdf");
    expectTyped(text, [
      "اتفاقية شراكة وتعاون",
      "مصطفى الهرمة",
      "رئيس الجمعية",
      "إلى الجمعية لا سيما في الحملات الطبية",
      "التزامات الأطراف",
      "إقليم السمارة",
      "الأطراف",
    ]);
    expect(text.layout).not.toContain("ی"); // Farsi yeh: what a final ى used to come back as

    // "الموقّع: مصطفى الهرمة، رئيس الجمعية": no space before the colon, the Arabic comma. Word boxes
    // come in drawing order: the colon touches the label, the comma ends the name.
    const words = wordBoxes(text.file, 1);
    const label = words.find((w) => w.text === "الموقّع")!;
    const colon = words.find((w) => w.text === ":" && Math.abs(w.yMin - label.yMin) < 4)!;
    expect(colon.xMax).toBeCloseTo(label.xMin, 1);
    expect(words.some((w) => w.text === "الهرمة،")).toBe(true);
    expect(words.some((w) => w.text.includes(","))).toBe(false);
  });

  it("the minutes: their text with a name ending in ى", async () => {
    const agreement = { id: a.id };
    const meeting = { id: meetingId };
    // The secretary wrote these minutes in Arabic.
    await db
      .updateTable("meeting")
      .set({ minutes: "## ملخص\n\nقدّم مصطفى الهرمة حصيلة الحملة الطبية إلى أعضاء اللجنة." })
      .where("id", "=", meeting.id)
      .execute();
    const model = await minutesModel(
      db,
      agreement.id,
      (await getCommittee(db, agreement.id))!,
      (await getMeeting(db, agreement.id, meeting.id))!,
    );
    const text = readBack(await renderMinutesPdf(model, "ar"), "minutes-ar.pdf");
    expectTyped(text, [
      "محضر الاجتماع رقم",
      "قدّم مصطفى الهرمة حصيلة الحملة الطبية إلى أعضاء اللجنة",
      "اتفاقية شراكة وتعاون",
    ]);
  });

  it("the reception receipt: the place and note typed in Arabic", async () => {
    const delivery = await db
      .selectFrom("delivery")
      .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
      .select(["delivery.id", "deliverable.agreement_id"])
      .orderBy("delivery.delivered_on")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("delivery")
      .set({ place: "مستوصف السمارة", note: "سُلّمت المعدات إلى مصطفى الهرمة." })
      .where("id", "=", delivery.id)
      .execute();
    const model = (await receiptModel(db, delivery.agreement_id, delivery.id))!;
    const text = readBack(await renderReceiptPdf(model, "ar"), "receipt-ar.pdf");
    expectTyped(text, ["مستوصف السمارة", "سُلّمت المعدات إلى مصطفى الهرمة"]);
  });

  it("the impact report: the agreement's Arabic title and its headings", async () => {
    const loaded = (await findAgreement(db, a.partner.actor, a.id))!;
    const text = readBack(await renderImpactReport(db, loaded, 2022, "ar"), "impact-ar.pdf");
    expectTyped(text, ["تقرير الأثر", "ما تم إنجازه", "اتفاقية شراكة وتعاون"]);
  });
});
