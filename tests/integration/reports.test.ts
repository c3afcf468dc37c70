/**
 * Partner reports through their commands, on agreements built by the factories: the states (draft →
 * submitted → sent back → submitted again → accepted), the frozen versions and their SHA-256, the
 * rights (another organization gets "not found" on every command), concurrent saves, and the
 * acceptance rule with several partners ('all' and 'any'). Runs on SQLite and, with
 * TEST_DATABASE_URL, on PostgreSQL.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionAgreement } from "~/domain/agreement/agreement.commands.server";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import { createCommittee } from "~/domain/committee/committee.server";
import { moveMeeting, scheduleMeeting } from "~/domain/committee/meetings.server";
import { eventDetails, eventLabel } from "~/domain/audit/event-view";
import { evaluationsFor, submitEvaluation } from "~/domain/report/evaluation.server";
import { planReports } from "~/domain/report/report-calendar.server";
import { reportPdfModel, renderReportPdf } from "~/domain/report/report-pdf.server";
import { findReport, getReport, getReportVersion } from "~/domain/report/report-queries.server";
import { acceptedReports, reportsAttention } from "~/domain/report/report-view.server";
import {
  acceptReport,
  commentReport,
  saveReport,
  sendBackReport,
  startReport,
  submitReport,
  takeNoteOfReport,
  type SaveReportInput,
} from "~/domain/report/report.server";
import {
  registerIssuedPdf,
  verifyHashPrefix,
  verifyPdfBytes,
  verifyReferenceAndHash,
} from "~/domain/signing/verification.server";
import { createTranslator } from "~/lib/i18n/translate";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { pdfText, writeTemp } from "../support/pdf";
import { FACTORY_PASSWORD, factories, type Person, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await createTestDatabase();
  f = factories(t.db);
});
afterAll(() => t.close());

const text = (summary: string, version: number, reportId: string): SaveReportInput => ({
  reportId,
  version,
  summary,
  activities: "Trois journées de consultation à Smara.",
  difficulties: "",
  nextPeriod: "",
  deliveriesComment: "",
  financialComment: "",
  indicators: {},
});

async function started(a: TestAgreement, by: Person = a.owner) {
  const result = await startReport(t.db, by.actor, by.meta, await a.load(by), {
    kind: "progress",
    periodFrom: "2026-01-01",
    periodTo: "2026-06-30",
  });
  if (!result.ok) throw new Error(`startReport: ${JSON.stringify(result)}`);
  return result.reportId;
}

async function written(a: TestAgreement, summary = "La campagne a eu lieu.") {
  const reportId = await started(a);
  const report = (await getReport(t.db, a.id, reportId))!;
  const saved = await saveReport(
    t.db,
    a.owner.actor,
    a.owner.meta,
    await a.load(),
    text(summary, report.version, reportId),
  );
  if (!saved.ok) throw new Error(`saveReport: ${JSON.stringify(saved)}`);
  return reportId;
}

async function submitted(a: TestAgreement, summary?: string) {
  const reportId = await written(a, summary);
  const report = (await getReport(t.db, a.id, reportId))!;
  const result = await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
    reportId,
    version: report.version,
  });
  if (!result.ok) throw new Error(`submitReport: ${JSON.stringify(result)}`);
  return reportId;
}

const accept = async (a: TestAgreement, by: Person, reportId: string, password = FACTORY_PASSWORD) =>
  acceptReport(t.db, by.actor, by.meta, await a.load(by), { reportId, decision: "accepted", password });

describe("a report's states", () => {
  it("draft → submitted (frozen, its SHA-256) → sent back with a comment → revised and submitted as version 2 → accepted", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await written(a, "Première version du résumé.");
    const draft = (await getReport(t.db, a.id, reportId))!;
    expect(draft.status).toBe("draft");

    const first = await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      reportId,
      version: draft.version,
    });
    expect(first).toMatchObject({ ok: true, number: 1 });
    const v1 = (await getReportVersion(t.db, reportId, 1))!;
    expect(crypto.createHash("sha256").update(v1.snapshot).digest("hex")).toBe(v1.sha256);
    expect(v1.content.sections.summary).toBe("Première version du résumé.");
    // Frozen: the text is no longer written while the partners review it.
    const locked = await saveReport(
      t.db,
      a.owner.actor,
      a.owner.meta,
      await a.load(),
      text("x", draft.version + 1, reportId),
    );
    expect(locked).toMatchObject({ ok: false, error: "rule" });

    expect(
      await commentReport(t.db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        reportId,
        section: "financial",
        body: "Les dépenses de transport ne sont pas justifiées.",
      }),
    ).toEqual({ ok: true });
    expect(
      await sendBackReport(t.db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        reportId,
        message: "Merci de compléter la partie financière.",
      }),
    ).toEqual({ ok: true });
    const sentBack = (await getReport(t.db, a.id, reportId))!;
    expect(sentBack.status).toBe("sent_back");

    const saved = await saveReport(
      t.db,
      a.owner.actor,
      a.owner.meta,
      await a.load(),
      text("Résumé revu, avec les justificatifs.", sentBack.version, reportId),
    );
    expect(saved.ok).toBe(true);
    const second = await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      reportId,
      version: (await getReport(t.db, a.id, reportId))!.version,
    });
    expect(second).toMatchObject({ ok: true, number: 2 });
    // Version 1 is kept as submitted.
    expect((await getReportVersion(t.db, reportId, 1))!.sha256).toBe(v1.sha256);

    expect(await accept(a, a.partner, reportId)).toMatchObject({ ok: true, accepted: true });
    const accepted = (await getReport(t.db, a.id, reportId))!;
    expect(accepted).toMatchObject({ status: "accepted", current_version: 2 });
    expect(accepted.accepted_at).not.toBeNull();

    const review = await t.db
      .selectFrom("report_review")
      .select(["decision", "content_hash", "ip", "user_id", "version_number"])
      .where("report_id", "=", reportId)
      .orderBy("created_at")
      .execute();
    const v2 = (await getReportVersion(t.db, reportId, 2))!;
    expect(review).toEqual([
      {
        decision: "sent_back",
        content_hash: v1.sha256,
        ip: "192.0.2.10",
        user_id: a.partner.userId,
        version_number: 1,
      },
      { decision: "accepted", content_hash: v2.sha256, ip: "192.0.2.10", user_id: a.partner.userId, version_number: 2 },
    ]);
    const events = await t.db
      .selectFrom("audit_event")
      .select("type")
      .where("subject_id", "=", reportId)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      "report.created",
      "report.saved",
      "report.submitted",
      "report.commented",
      "report.sent_back",
      "report.saved",
      "report.submitted",
      "report.accepted",
    ]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

    // The History reads them in the reader's language.
    const logged = await t.db
      .selectFrom("audit_event")
      .select(["type", "data"])
      .where("subject_id", "=", reportId)
      .where("type", "in", ["report.submitted", "report.sent_back", "report.accepted"])
      .orderBy("seq")
      .execute();
    const history = (locale: "fr" | "ar") => {
      const { t: tr, formatDate } = createTranslator(locale);
      return logged.map((e) => eventLabel(tr, e.type, eventDetails(e.data), formatDate).replace(/[\u2068\u2069]/g, ""));
    };
    expect(history("fr")).toEqual([
      "Rapport remis (version 1)",
      `Rapport renvoyé par ${a.partner.name} (version 1)`,
      "Rapport remis (version 2)",
      `Rapport accepté par ${a.partner.name} (version 2)`,
    ]);
    expect(history("ar")[3]).toBe(`قبول تقرير من طرف ${a.partner.name} (النسخة 2)`);

    // Notices, once each: each version to the partner's reviewers, sent back and accepted to the association.
    const notices = await t.db
      .selectFrom("notification")
      .select(["user_id", "kind"])
      .where("link", "=", `/agreements/${a.id}/reports/${reportId}`)
      .orderBy("created_at")
      .execute();
    expect(notices).toEqual([
      { user_id: a.partner.userId, kind: "report_submitted" },
      { user_id: a.owner.userId, kind: "report_sent_back" },
      { user_id: a.partner.userId, kind: "report_submitted" },
      { user_id: a.owner.userId, kind: "report_accepted" },
    ]);
  });

  it("a submission needs a summary; an accepted report is neither sent back nor accepted again", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await started(a);
    const empty = await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      reportId,
      version: (await getReport(t.db, a.id, reportId))!.version,
    });
    expect(empty).toMatchObject({ ok: false, error: "rule", errors: [{ key: "reports.error.summaryRequired" }] });

    const done = await submitted(a);
    expect(await accept(a, a.partner, done)).toMatchObject({ ok: true, accepted: true });
    expect(
      await sendBackReport(t.db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        reportId: done,
        message: "Trop tard",
      }),
    ).toMatchObject({ ok: false, error: "rule" });
  });

  it("acceptance asks for the reviewer's password: a wrong one records nothing", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await submitted(a);
    expect(await accept(a, a.partner, reportId, "not-the-password")).toMatchObject({ ok: false, error: "password" });
    expect((await getReport(t.db, a.id, reportId))!.status).toBe("submitted");
    expect(
      await t.db.selectFrom("report_review").select("id").where("report_id", "=", reportId).execute(),
    ).toHaveLength(0);
  });

  it("accepted with reservations states them, and they are kept with the review", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await submitted(a);
    const withReservations = (reservations: string) =>
      a.load(a.partner).then((loaded) =>
        acceptReport(t.db, a.partner.actor, a.partner.meta, loaded, {
          reportId,
          decision: "accepted_with_reservations",
          reservations,
          password: FACTORY_PASSWORD,
        }),
      );
    expect(await withReservations("  ")).toMatchObject({
      ok: false,
      errors: [{ key: "reports.error.reservationsRequired" }],
    });
    expect(await withReservations("Les factures originales restent à fournir.")).toMatchObject({
      ok: true,
      accepted: true,
    });
    const review = await t.db
      .selectFrom("report_review")
      .select(["decision", "reservations"])
      .where("report_id", "=", reportId)
      .executeTakeFirstOrThrow();
    expect(review).toEqual({
      decision: "accepted_with_reservations",
      reservations: "Les factures originales restent à fournir.",
    });
  });
});

describe("who may do what with a report", () => {
  it("the partner does not see the draft; another organization sees nothing and every command answers not found", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await written(a);
    expect(await findReport(t.db, a.partner.actor, (await a.load(a.partner)).access, a.id, reportId)).toBeNull();

    const outsider = await f.person();
    // The outsider cannot load the agreement at all; give them the loaded agreement to prove the commands check too.
    const loaded = await a.load();
    expect(await findReport(t.db, outsider.actor, loaded.access, a.id, reportId)).toBeNull();
    const version = (await getReport(t.db, a.id, reportId))!.version;
    expect(await saveReport(t.db, outsider.actor, outsider.meta, loaded, text("x", version, reportId))).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await submitReport(t.db, outsider.actor, outsider.meta, loaded, { reportId, version })).toEqual({
      ok: false,
      error: "not_found",
    });
    const under = await submitted(a);
    for (const result of [
      await commentReport(t.db, outsider.actor, outsider.meta, loaded, {
        reportId: under,
        section: "summary",
        body: "x",
      }),
      await sendBackReport(t.db, outsider.actor, outsider.meta, loaded, { reportId: under, message: "x" }),
      await acceptReport(t.db, outsider.actor, outsider.meta, loaded, {
        reportId: under,
        decision: "accepted",
        password: FACTORY_PASSWORD,
      }),
    ])
      expect(result).toEqual({ ok: false, error: "not_found" });
    expect((await getReport(t.db, a.id, under))!.status).toBe("submitted");
  });

  it("the association does not review its own report; a partner's plain member comments but does not decide", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await submitted(a);
    expect(await accept(a, a.owner, reportId)).toEqual({ ok: false, error: "not_found" });
    const member = await f.person({ organizationId: a.partner.organizationId, role: "member" });
    expect(
      await commentReport(t.db, member.actor, member.meta, await a.load(member), {
        reportId,
        section: "summary",
        body: "Très clair.",
      }),
    ).toEqual({ ok: true });
    expect(
      await sendBackReport(t.db, member.actor, member.meta, await a.load(member), { reportId, message: "x" }),
    ).toEqual({ ok: false, error: "not_found" });
  });

  it("a member of the association writes the draft but only its president or administrators submit it", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await written(a);
    const secretary = await f.person({ organizationId: a.owner.organizationId, role: "member" });
    const report = (await getReport(t.db, a.id, reportId))!;
    expect(
      (
        await saveReport(
          t.db,
          secretary.actor,
          secretary.meta,
          await a.load(secretary),
          text("Par la secrétaire.", report.version, reportId),
        )
      ).ok,
    ).toBe(true);
    expect(
      await submitReport(t.db, secretary.actor, secretary.meta, await a.load(secretary), {
        reportId,
        version: report.version + 1,
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });
});

describe("concurrent edits", () => {
  it("of two saves made from the same revision exactly one succeeds; the other gets the saved text back", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await written(a);
    const secretary = await f.person({
      organizationId: a.owner.organizationId,
      role: "member",
      name: "Salma Secrétaire",
    });
    const version = (await getReport(t.db, a.id, reportId))!.version;
    const [one, two] = await Promise.all([
      saveReport(
        t.db,
        secretary.actor,
        secretary.meta,
        await a.load(secretary),
        text("Texte de Salma.", version, reportId),
      ),
      saveReport(t.db, a.owner.actor, a.owner.meta, await a.load(), text("Texte du président.", version, reportId)),
    ]);
    const results = [one, two];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const conflict = results.find((r) => !r.ok);
    expect(conflict).toMatchObject({ ok: false, error: "report_conflict" });
    const stored = (await getReport(t.db, a.id, reportId))!;
    const winner = one.ok ? "Texte de Salma." : "Texte du président.";
    expect(JSON.parse(stored.sections).summary).toBe(winner);
    if (conflict && !conflict.ok && conflict.error === "report_conflict") {
      expect(conflict.current.sections.summary).toBe(winner);
      expect(conflict.current.version).toBe(version + 1);
    }
  });

  it("a submission from an outdated page is refused: what is frozen is what the submitter saw", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await written(a);
    const version = (await getReport(t.db, a.id, reportId))!.version;
    await saveReport(t.db, a.owner.actor, a.owner.meta, await a.load(), text("Changé entre-temps.", version, reportId));
    expect(await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), { reportId, version })).toEqual({
      ok: false,
      error: "conflict",
    });
  });
});

describe("several partners' acceptances", () => {
  it("'all' (the default): the report is accepted when the last partner accepts, each acceptance recorded", async () => {
    const a = await f.agreement({ status: "active", partners: ["foundation", "company"] });
    const reportId = await submitted(a);
    const [first, second] = a.partners as [Person, Person];
    expect(await accept(a, first, reportId)).toMatchObject({ ok: true, accepted: false });
    expect((await getReport(t.db, a.id, reportId))!.status).toBe("submitted");
    // The same partner does not decide twice on a version.
    expect(await accept(a, first, reportId)).toMatchObject({
      ok: false,
      errors: [{ key: "reports.error.alreadyDecided" }],
    });
    expect(await accept(a, second, reportId)).toMatchObject({ ok: true, accepted: true });
    expect((await getReport(t.db, a.id, reportId))!.status).toBe("accepted");
    const reviews = await t.db
      .selectFrom("report_review")
      .select("organization_id")
      .where("report_id", "=", reportId)
      .execute();
    expect(reviews.map((r) => r.organization_id).sort()).toEqual(a.partners.map((p) => p.organizationId).sort());
  });

  it("'any': one partner's acceptance accepts the report", async () => {
    const a = await f.agreement({ status: "active", partners: ["foundation", "company"] });
    await t.db.updateTable("agreement").set({ report_acceptance: "any" }).where("id", "=", a.id).execute();
    const reportId = await submitted(a);
    expect(await accept(a, a.partners[1]!, reportId)).toMatchObject({ ok: true, accepted: true });
    expect((await getReport(t.db, a.id, reportId))!.status).toBe("accepted");
  });

  it("one partner sending the version back sends it back for all: the next version is reviewed afresh", async () => {
    const a = await f.agreement({ status: "active", partners: ["foundation", "company"] });
    const reportId = await submitted(a);
    const [first, second] = a.partners as [Person, Person];
    expect((await accept(a, first, reportId)).ok).toBe(true);
    expect(
      await sendBackReport(t.db, second.actor, second.meta, await a.load(second), {
        reportId,
        message: "Indicateurs à préciser.",
      }),
    ).toEqual({ ok: true });
    const report = (await getReport(t.db, a.id, reportId))!;
    await saveReport(t.db, a.owner.actor, a.owner.meta, await a.load(), text("Précisé.", report.version, reportId));
    await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      reportId,
      version: (await getReport(t.db, a.id, reportId))!.version,
    });
    // The first partner's acceptance of version 1 does not carry over to version 2.
    expect(await accept(a, second, reportId)).toMatchObject({ ok: true, accepted: false });
    expect(await accept(a, first, reportId)).toMatchObject({ ok: true, accepted: true });
  });
});

describe("the reporting calendar", () => {
  it("planned by hand: report obligations of the reporting party, and the report started from one covers its period", async () => {
    const a = await f.agreement({ status: "active", effectiveDate: "2026-01-01", durationMonths: 12 });
    const association = (await a.parties()).find((p) => p.organizationId === a.owner.organizationId)!;
    const planned = await planReports(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      partyId: association.id,
      everyMonths: 6,
      dueDays: 30,
      finalDays: 60,
      locale: "fr",
    });
    expect(planned).toMatchObject({ ok: true });
    const obligations = await t.db
      .selectFrom("obligation")
      .select(["id", "kind", "period_from", "period_to", "due_date"])
      .where("agreement_id", "=", a.id)
      .where("kind", "in", ["progress_report", "final_report"])
      .orderBy("due_date")
      .execute();
    expect(obligations.map((o) => [o.kind, o.period_from, o.period_to])).toEqual([
      ["progress_report", "2026-01-01", "2026-06-30"],
      ["final_report", "2026-01-01", "2026-12-31"],
    ]);
    const start = await startReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      obligationId: obligations[0]!.id,
    });
    if (!start.ok) throw new Error("start failed");
    expect(await getReport(t.db, a.id, start.reportId)).toMatchObject({
      kind: "progress",
      period_from: "2026-01-01",
      period_to: "2026-06-30",
      obligation_id: obligations[0]!.id,
    });
    // Starting it again opens the same report.
    expect(
      await startReport(t.db, a.owner.actor, a.owner.meta, await a.load(), { obligationId: obligations[0]!.id }),
    ).toEqual({ ok: true, reportId: start.reportId });
    // The partner plans nothing.
    expect(
      await planReports(t.db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        partyId: association.id,
        everyMonths: 3,
        dueDays: 30,
        finalDays: null,
        locale: "fr",
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });

  it("an agreement whose calendar asks for a final report is completed only once it is accepted", async () => {
    const a = await f.agreement({ status: "active", effectiveDate: "2026-01-01", durationMonths: 12 });
    // Without a final report asked for, nothing else blocks it here.
    expect(
      await transitionAgreement(t.db, a.owner.actor, a.owner.meta, { agreementId: a.id, action: "complete" }),
    ).toMatchObject({ ok: true });
    const b = await f.agreement({ status: "active", effectiveDate: "2026-01-01", durationMonths: 12 });
    const party = (await b.parties()).find((p) => p.organizationId === b.owner.organizationId)!;
    await planReports(t.db, b.owner.actor, b.owner.meta, await b.load(), {
      partyId: party.id,
      everyMonths: 12,
      dueDays: 30,
      finalDays: 60,
      locale: "fr",
    });
    const refused = await transitionAgreement(t.db, b.owner.actor, b.owner.meta, {
      agreementId: b.id,
      action: "complete",
    });
    expect(refused).toMatchObject({ ok: false, error: "rule" });
    if (!refused.ok && refused.error === "rule")
      expect(refused.errors.map((e) => e.key)).toContain("lifecycle.error.finalReport");
  });

  it("the accepted report closes its obligation", async () => {
    const a = await f.agreement({ status: "active", effectiveDate: "2026-01-01", durationMonths: 12 });
    const association = (await a.parties()).find((p) => p.organizationId === a.owner.organizationId)!;
    await planReports(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      partyId: association.id,
      everyMonths: 6,
      dueDays: 30,
      finalDays: null,
      locale: "fr",
    });
    const obligation = await t.db
      .selectFrom("obligation")
      .select("id")
      .where("agreement_id", "=", a.id)
      .where("kind", "=", "progress_report")
      .orderBy("due_date")
      .executeTakeFirstOrThrow();
    const start = await startReport(t.db, a.owner.actor, a.owner.meta, await a.load(), { obligationId: obligation.id });
    if (!start.ok) throw new Error("start failed");
    const r = (await getReport(t.db, a.id, start.reportId))!;
    await saveReport(t.db, a.owner.actor, a.owner.meta, await a.load(), text("Fait.", r.version, r.id));
    await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      reportId: r.id,
      version: (await getReport(t.db, a.id, r.id))!.version,
    });
    expect(await accept(a, a.partner, r.id)).toMatchObject({ ok: true, accepted: true });
    expect(
      await t.db.selectFrom("obligation").select("status").where("id", "=", obligation.id).executeTakeFirstOrThrow(),
    ).toEqual({ status: "done" });
  });
});

describe("the report as a PDF", () => {
  it("reads back with pdftotext: the Arabic narrative as typed, the sections, the review history and the hash", async () => {
    const a = await f.agreement({ status: "active" });
    const words = "نظمت الجمعية ثلاث حملات طبية لفائدة تلاميذ السمارة";
    const reportId = await submitted(a, `${words}.`);
    expect(await accept(a, a.partner, reportId)).toMatchObject({ ok: true, accepted: true });
    const report = (await getReport(t.db, a.id, reportId))!;
    const model = await reportPdfModel(t.db, report, 1, "https://charaka.example");
    const version = (await getReportVersion(t.db, reportId, 1))!;

    const fr = pdfText(writeTemp(await renderReportPdf(model, "fr"), "report-fr.pdf"));
    expect(fr).toContain("Rapport d’avancement");
    // The letters as typed, in reading order (the final full stop is drawn at the line's left end).
    expect(fr).toContain(words);
    expect(fr).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/); // no presentation forms
    expect(fr).toContain("Volet financier");
    expect(fr).toContain("Versions et examen");
    expect(fr).toContain(`Version 1 remise par ${a.owner.name}`);
    expect(fr).toContain(`Accepté · ${a.partner.name}`);
    expect(fr.replace(/\s+/g, "")).toContain(version.sha256);

    // Issued, it verifies: by its bytes, by reference and hash, and by the short link's prefix.
    const bytes = await renderReportPdf(model, "fr");
    await registerIssuedPdf(t.db, {
      bytes,
      agreementId: a.id,
      versionNumber: 1,
      contentHash: version.sha256,
      kind: "report",
    });
    const verdict = {
      match: true,
      document: "report",
      reference: a.reference,
      versionNumber: 1,
      hash: version.sha256,
      accepted: true,
      reviewers: [expect.objectContaining({ name: a.partner.name, decision: "accepted" })],
    };
    expect(await verifyPdfBytes(t.db, bytes)).toMatchObject(verdict);
    expect(await verifyReferenceAndHash(t.db, a.reference, version.sha256)).toMatchObject(verdict);
    expect(await verifyHashPrefix(t.db, version.sha256.slice(0, 16))).toMatchObject(verdict);
    const tampered = new Uint8Array(bytes);
    tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 1;
    expect(await verifyPdfBytes(t.db, tampered)).toEqual({ match: false });

    const ar = pdfText(writeTemp(await renderReportPdf(model, "ar"), "report-ar.pdf"));
    expect(ar).toContain(words);
    expect(ar).toContain("تقرير مرحلي");
    expect(ar).toContain("الشق المالي");
    expect(ar).toContain("مقبول");
    expect(ar.replace(/\s+/g, "")).toContain(version.sha256);
  });
});

describe("the partnership's evaluation", () => {
  it("waits for the final report; each party once; the other's evaluation is shown only once both are in", async () => {
    const a = await f.agreement({ status: "active" });
    const rate = async (by: Person, scores: Record<string, number>) =>
      submitEvaluation(t.db, by.actor, by.meta, await a.load(by), { scores, comments: "Bonne coopération." });
    const all = { objectives: 5, relationship: 4, communication: 4, timeliness: 3 };
    expect(await rate(a.owner, all)).toMatchObject({ ok: false, errors: [{ key: "reports.error.noFinalReport" }] });

    const final = await startReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      kind: "final",
      periodFrom: "2026-01-01",
      periodTo: "2027-12-31",
    });
    if (!final.ok) throw new Error("start failed");
    const r = (await getReport(t.db, a.id, final.reportId))!;
    await saveReport(t.db, a.owner.actor, a.owner.meta, await a.load(), text("Bilan final.", r.version, r.id));
    await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      reportId: r.id,
      version: (await getReport(t.db, a.id, r.id))!.version,
    });

    // The association rates the funder's timeliness too: without it, the evaluation is refused.
    expect(await rate(a.owner, { objectives: 5, relationship: 4, communication: 4 })).toMatchObject({
      ok: false,
      errors: [{ key: "evaluation.error.timeliness" }],
    });
    expect(await rate(a.owner, all)).toEqual({ ok: true });
    expect(await rate(a.owner, all)).toMatchObject({ ok: false, errors: [{ key: "reports.error.alreadyEvaluated" }] });
    expect((await evaluationsFor(t.db, a.partner.actor, a.id)).evaluations).toEqual([]);
    expect((await evaluationsFor(t.db, a.owner.actor, a.id)).evaluations).toHaveLength(1);

    expect(await rate(a.partner, { objectives: 4, relationship: 5, communication: 5 })).toEqual({ ok: true });
    const seen = await evaluationsFor(t.db, a.partner.actor, a.id);
    expect(seen.complete).toBe(true);
    expect(seen.evaluations.map((e) => e.organizationId).sort()).toEqual(
      [a.owner.organizationId, a.partner.organizationId].sort(),
    );
    const outsider = await f.person();
    expect(await submitEvaluation(t.db, outsider.actor, outsider.meta, await a.load(), { scores: all })).toEqual({
      ok: false,
      error: "not_found",
    });
  });
});

describe("the dashboard's reports", () => {
  it("late and due to the association, to review for the partner until decided, sent back to the association", async () => {
    const a = await f.agreement({ status: "active", effectiveDate: "2026-01-01", durationMonths: 12 });
    const association = (await a.parties()).find((p) => p.organizationId === a.owner.organizationId)!;
    await planReports(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      partyId: association.id,
      everyMonths: 6,
      dueDays: 30,
      finalDays: 60,
      locale: "fr",
    });
    const mine = (who: Person, today: string) => reportsAttention(t.db, who.actor, today);
    const ofThis = <T extends { agreementId: string }>(list: T[]) => list.filter((x) => x.agreementId === a.id);
    // The first progress report was due on 30 July 2026; the final one on 1 March 2027.
    expect(ofThis((await mine(a.owner, "2026-08-15")).late)).toHaveLength(1);
    expect(ofThis((await mine(a.owner, "2026-07-25")).due)).toHaveLength(1);
    expect(ofThis((await mine(a.partner, "2026-08-15")).late)).toHaveLength(0);

    const reportId = await submitted(a);
    expect(ofThis((await mine(a.partner, "2026-08-15")).toReview).map((r) => r.id)).toEqual([reportId]);
    expect(ofThis((await mine(a.owner, "2026-08-15")).toReview)).toEqual([]);
    await sendBackReport(t.db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      reportId,
      message: "À compléter.",
    });
    expect(ofThis((await mine(a.partner, "2026-08-15")).toReview)).toEqual([]);
    expect(ofThis((await mine(a.owner, "2026-08-15")).sentBack).map((r) => r.id)).toEqual([reportId]);
    const outsider = await f.person();
    expect(await mine(outsider, "2026-08-15")).toMatchObject({ toReview: [], sentBack: [] });

    // The partner's view (/impact) lists accepted reports only, of its own agreements.
    const accepted = await submitted(a, "Accepté, celui-ci.");
    await accept(a, a.partner, accepted);
    const listed = (await acceptedReports(t.db, a.partner.actor)).map((r) => r.id);
    expect(listed).toContain(accepted);
    expect(listed).not.toContain(reportId);
    expect(await acceptedReports(t.db, outsider.actor)).toEqual([]);
  });
});

describe("the committee and the reports", () => {
  it("the next meeting's agenda lists the report submitted since; a member takes note of it in a decision", async () => {
    const a = await f.agreement({ status: "active" });
    const reportId = await submitted(a);
    expect(await createCommittee(t.db, a.owner.actor, a.owner.meta, await a.load())).toEqual({ ok: true });
    const scheduled = await scheduleMeeting(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      date: "2027-06-01",
      time: "10:00",
      timeZone: "Africa/Casablanca",
      durationMinutes: 60,
      location: "Smara",
      locale: "fr",
    });
    if (!scheduled.ok) throw new Error(`scheduleMeeting: ${JSON.stringify(scheduled)}`);
    const agenda = await t.db
      .selectFrom("agenda_item")
      .select(["title", "source_kind", "source_id"])
      .where("meeting_id", "=", scheduled.meetingId)
      .execute();
    expect(agenda).toContainEqual({
      title: "Rapport d’avancement remis (1 janvier 2026 – 30 juin 2026)",
      source_kind: "report",
      source_id: reportId,
    });

    const note = async (by: Person) =>
      takeNoteOfReport(t.db, by.actor, by.meta, await a.load(by), {
        reportId,
        meetingId: scheduled.meetingId,
        locale: "fr",
      });
    // Only while the meeting is held.
    expect(await note(a.owner)).toMatchObject({ ok: false, errors: [{ key: "meeting.error.notInProgress" }] });
    await moveMeeting(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      meetingId: scheduled.meetingId,
      move: "start",
    });
    expect(await note(a.owner)).toMatchObject({ ok: true });
    const outcome = await t.db
      .selectFrom("meeting_outcome")
      .select(["kind", "report_id"])
      .where("meeting_id", "=", scheduled.meetingId)
      .where("report_id", "=", reportId)
      .executeTakeFirstOrThrow();
    expect(outcome).toEqual({ kind: "decision", report_id: reportId });
    const outsider = await f.person();
    expect(
      await takeNoteOfReport(t.db, outsider.actor, outsider.meta, await a.load(), {
        reportId,
        meetingId: scheduled.meetingId,
        locale: "fr",
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });
});
