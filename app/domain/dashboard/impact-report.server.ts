/**
 * The annual impact report of one agreement, as a PDF for the partner's board: what was planned
 * that year (the adopted plan's actions and indicators), what was delivered (deliverables,
 * deliveries of the year, beneficiaries), photos of evidence, the meetings held with the state of
 * their minutes, and the money (received and spent that year and to date, cash on hand, budget
 * against actual per line — agreementMoney's figures). Both titles are printed; Arabic is shaped by
 * the PDF engine.
 */
import type { DB } from "../../../db/client";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { listDeliverables } from "../delivery/deliverables.server";
import { indicatorProgress } from "../plan/plan";
import { getPlan } from "../plan/plan.server";
import { displayName } from "../organization/organization";
import { agreementMoney } from "../finance/finance-view.server";
import { listEvaluations } from "../report/evaluation.server";
import { sumMinor } from "~/lib/money";
import type { Locale } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";
import { createDocument } from "~/lib/pdf/document.server";
import { readStoredFile } from "~/lib/uploads.server";
import { workerTask } from "~/lib/worker-tasks.server";

const MAX_PHOTOS = 6;

/** Everything the report shows, read on the request thread; the worker only draws it. */
export async function impactReportModel(db: DB, loaded: LoadedAgreement, year: number) {
  const a = loaded.agreement;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const plan = await getPlan(db, a.id, year);
  const deliverables = await listDeliverables(db, a.id);
  const deliveries = deliverables.length
    ? await db
        .selectFrom("delivery")
        .select(["id", "deliverable_id", "delivered_on", "quantity", "beneficiaries"])
        .where(
          "deliverable_id",
          "in",
          deliverables.map((d) => d.id),
        )
        .where("delivered_on", ">=", from)
        .where("delivered_on", "<=", to)
        .orderBy("delivered_on")
        .execute()
    : [];
  // Photos of evidence from the year's deliveries (their pixel size was checked at upload).
  const photos = deliveries.length
    ? await db
        .selectFrom("attachment")
        .select(["stored_name", "original_name", "mime_type"])
        .where("owner_type", "=", "delivery")
        .where(
          "owner_id",
          "in",
          deliveries.map((x) => x.id),
        )
        .where("mime_type", "in", ["image/png", "image/jpeg"])
        .orderBy("created_at")
        .limit(MAX_PHOTOS)
        .execute()
    : [];
  const meetings = await db
    .selectFrom("meeting")
    .select(["number", "starts_at", "time_zone", "status", "minutes_status"])
    .where("agreement_id", "=", a.id)
    .where("status", "!=", "planned")
    .where("starts_at", ">=", `${from}T00:00:00.000Z`)
    .where("starts_at", "<=", `${to}T23:59:59.999Z`)
    .orderBy("starts_at")
    .execute();
  // The partnership's evaluations, once every party's is in (each party sees the others' only then).
  const evaluations = await listEvaluations(db, a.id);
  const evaluated = new Set(evaluations.map((e) => e.organizationId));
  // The money as the finances page computes it, as of the year's end (or today, for the year under way).
  const money = await agreementMoney(db, a.id, to);
  const inYear = (date: string) => date >= from && date <= to;
  return {
    year,
    money:
      money.budget.lines.length || money.tranches.length
        ? {
            currency: a.currency,
            budget: money.totals.budget,
            receivedInYear: sumMinor(
              money.tranches.flatMap((tr) =>
                tr.standing.filter((e) => e.kind === "received" && inYear(e.onDate)).map((e) => e.amountMadMinor ?? 0),
              ),
            ),
            spentInYear: sumMinor(money.expenses.filter((e) => inYear(e.spentOn)).map((e) => e.amountMinor)),
            received: money.totals.received,
            spent: money.totals.spent,
            cashOnHand: money.totals.cashOnHand,
            lines: money.budget.lines.map((l) => {
              const bva = money.bva.lines.find((x) => x.id === l.id)!;
              return { position: l.position, category: l.category, budget: bva.budget, actual: bva.actual };
            }),
          }
        : null,
    evaluations: loaded.access.partyOrganizationIds.every((id) => evaluated.has(id)) ? evaluations : [],
    agreement: { reference: a.reference, title: a.title, titleSecondary: a.title_secondary },
    plan: plan
      ? {
          status: plan.plan.status,
          actions: plan.actions.map((action) => ({
            objective: action.objective,
            party: { nameFr: action.nameFr, nameAr: action.nameAr },
            status: action.status,
            indicators: action.indicators.map((i) => ({
              name: i.name,
              unit: i.unit,
              baseline: i.baseline,
              target: i.target,
              achieved: i.achieved,
            })),
          })),
        }
      : null,
    deliverables: deliverables.map((d) => ({
      id: d.id,
      title: d.title,
      target: d.target,
      unit: d.unit,
      status: d.status,
      delivered: d.progress.delivered,
      percent: d.progress.percent,
    })),
    deliveries: deliveries.map((x) => ({
      deliverableId: x.deliverable_id,
      quantity: x.quantity,
      beneficiaries: Number(x.beneficiaries),
    })),
    photos: photos.map((p) => ({ storedName: p.stored_name, caption: p.original_name })),
    meetings,
  };
}

export type ImpactReportModel = Awaited<ReturnType<typeof impactReportModel>>;

async function drawImpactReport(model: ImpactReportModel, locale: Locale): Promise<Uint8Array> {
  const { t, formatNumber, formatMeetingTime, formatMoney } = createTranslator(locale);
  const a = model.agreement;
  const year = model.year;
  const doc = await createDocument({
    title: `${t("report.title", { year: String(year) })} · ${a.reference}`,
    subject: a.title,
    creationDate: new Date(`${year}-12-31T12:00:00Z`),
    language: locale,
  });

  doc.paragraph(a.reference, { size: 10, color: [0.38, 0.38, 0.42] });
  doc.heading(t("report.title", { year: String(year) }), 1);
  doc.heading(a.title, 2);
  if (a.titleSecondary) doc.heading(a.titleSecondary, 2);

  // What was planned.
  const plan = model.plan;
  doc.heading(t("report.planned"), 2);
  if (!plan || plan.actions.length === 0) doc.paragraph(t("report.noPlan"), { size: 10 });
  else {
    doc.paragraph(t(`plan.status.${plan.status}`), { size: 10, color: [0.38, 0.38, 0.42] });
    for (const action of plan.actions) {
      doc.paragraph(
        `${action.objective} — ${displayName(action.party, locale)} · ${t(`plan.actionStatus.${action.status}`)}`,
        { bold: true, size: 10 },
      );
      for (const i of action.indicators)
        doc.paragraph(
          `${i.name}: ${t("indicator.range", { baseline: formatNumber(i.baseline), target: formatNumber(i.target) })} ${i.unit} · ${t("plan.achieved")} ${formatNumber(i.achieved)} (${formatNumber(indicatorProgress(i))} %)`,
          { size: 10 },
        );
    }
  }

  // What was delivered.
  doc.heading(t("report.delivered"), 2);
  if (model.deliverables.length === 0) doc.paragraph(t("deliverables.empty"), { size: 10 });
  doc.keyValues(
    model.deliverables.map((d): [string, string] => {
      const yearQuantity = model.deliveries.filter((x) => x.deliverableId === d.id).reduce((s, x) => s + x.quantity, 0);
      return [
        d.title,
        `${formatNumber(d.delivered)} / ${formatNumber(d.target)} ${d.unit} (${d.percent} %) · ${t("report.inYear", { year: String(year) })} ${formatNumber(yearQuantity)} · ${t(`deliverable.status.${d.status}`)}`,
      ];
    }),
  );
  const beneficiaries = model.deliveries.reduce((s, x) => s + x.beneficiaries, 0);
  doc.paragraph(t("report.beneficiaries", { year: String(year), count: beneficiaries }), { bold: true });

  if (model.photos.length) {
    doc.heading(t("report.photos"), 2);
    for (let i = 0; i < model.photos.length; i += 3) {
      await doc.imageRow(
        model.photos
          .slice(i, i + 3)
          .map((p) => ({ bytes: new Uint8Array(readStoredFile(p.storedName)), caption: p.caption })),
        { width: 150, height: 110 },
      );
    }
  }

  // The money: that year, to date, and budget against actual per line (MAD as the bank received it).
  const money = model.money;
  if (money) {
    doc.heading(t("report.money"), 2);
    doc.keyValues([
      [t("finance.summary.budget"), formatMoney(money.budget, money.currency)],
      [t("report.money.receivedInYear", { year: String(year) }), formatMoney(money.receivedInYear, "MAD")],
      [t("report.money.spentInYear", { year: String(year) }), formatMoney(money.spentInYear, "MAD")],
      [t("report.money.receivedToDate"), formatMoney(money.received, "MAD")],
      [t("report.money.spentToDate"), formatMoney(money.spent, "MAD")],
      [t("report.money.cashOnHand"), formatMoney(money.cashOnHand, "MAD")],
    ]);
    doc.keyValues(
      money.lines.map((l): [string, string] => [
        `${t("finance.line", { number: l.position })} · ${t(`finance.category.${l.category}`)}`,
        `${formatMoney(l.actual, money.currency)} / ${formatMoney(l.budget, money.currency)}`,
      ]),
    );
  }

  // Meetings held.
  doc.heading(t("committee.meetings"), 2);
  if (model.meetings.length === 0) doc.paragraph(t("committee.noMeeting"), { size: 10 });
  doc.keyValues(
    model.meetings.map((m): [string, string] => [
      t("meeting.title", { number: m.number }),
      `${formatMeetingTime(m.starts_at, m.time_zone, "long", false)} · ${t(`minutes.status.${m.minutes_status}`)}`,
    ]),
  );
  if (model.evaluations.length) {
    doc.heading(t("evaluation.title"), 2);
    for (const e of model.evaluations) {
      doc.paragraph(displayName(e, locale), { bold: true, size: 10 });
      doc.keyValues(
        Object.entries(e.scores).map(([criterion, score]): [string, string] => [
          t(`evaluation.criterion.${criterion as "objectives"}`),
          t("evaluation.score", { score: score ?? 0 }),
        ]),
      );
      if (e.comments) doc.paragraph(e.comments, { size: 10 });
    }
  }
  doc.setFooter((page, pages) => ({
    start: `${a.reference} · ${t("report.title", { year: String(year) })}`,
    end: `${page} / ${pages}`,
  }));
  return doc.finish();
}

/** Drawn in the server's worker thread, like the other documents, so that requests are answered meanwhile. */
export const drawImpactReportPdf = workerTask("impact-report-pdf", drawImpactReport);

export async function renderImpactReport(
  db: DB,
  loaded: LoadedAgreement,
  year: number,
  locale: Locale,
): Promise<Uint8Array> {
  return drawImpactReportPdf(await impactReportModel(db, loaded, year), locale);
}
