/**
 * The demo's partner reports, through the domain's own commands, as their people would have made
 * them. Sofara × Clear Vision: the progress report on this year's medical campaign (the plan's
 * year, like the demo's other follow-up), drafted by the secretary, submitted by the president,
 * sent back once by the CSR officer with a comment on the financial section, revised and accepted
 * with her password — which makes the second tranche (60,000 MAD, on report_accepted) due. The
 * earlier specific agreement of 2025: its final report, accepted, both parties' evaluations, and
 * the agreement completed.
 */
import type { DB } from "../client";
import { loadActorByEmail } from "../../app/domain/access/access.server";
import { findAgreement, type LoadedAgreement } from "../../app/domain/agreement/agreement.queries.server";
import { transitionAgreement } from "../../app/domain/agreement/agreement.commands.server";
import { submitEvaluation } from "../../app/domain/report/evaluation.server";
import { parseSections, type ReportSections } from "../../app/domain/report/report";
import {
  acceptReport,
  commentReport,
  saveReport,
  sendBackReport,
  startReport,
  submitReport,
  type StartReportInput,
} from "../../app/domain/report/report.server";
import { todayInMorocco } from "../../app/lib/time";
import { DEMO_PASSWORD } from "./demo-password";

const metaOf = (userId: string) => ({ actorUserId: userId, ip: null, userAgent: "charaka-seed" });
const SYSTEM = { actorUserId: null, ip: null, userAgent: "charaka-seed" };

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: reports: ${what}: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** One person of the demo acting on an agreement: their actor, request meta and the agreement as they see it. */
async function as(db: DB, email: string, agreementId: string) {
  const actor = await loadActorByEmail(db, email);
  const loaded = async (): Promise<LoadedAgreement> => (await findAgreement(db, actor, agreementId))!;
  return { actor, meta: metaOf(actor.userId), loaded };
}

type Narrative = Partial<Omit<ReportSections, "indicators">> & {
  indicatorComments?: string[];
};

/** Saves the narrative over the draft (the indicators keep the values filled in from the plan). */
async function write(db: DB, email: string, agreementId: string, reportId: string, text: Narrative) {
  const { actor, meta, loaded } = await as(db, email, agreementId);
  const report = await db.selectFrom("report").selectAll().where("id", "=", reportId).executeTakeFirstOrThrow();
  const sections = { ...parseSections(report.sections), ...text };
  must(
    await saveReport(db, actor, meta, await loaded(), {
      reportId,
      version: report.version,
      summary: sections.summary,
      activities: sections.activities,
      difficulties: sections.difficulties,
      nextPeriod: sections.nextPeriod,
      deliveriesComment: sections.deliveriesComment,
      financialComment: sections.financialComment,
      indicators: Object.fromEntries(
        sections.indicators.map((i, n) => [
          i.indicatorId,
          { value: i.value, comment: text.indicatorComments?.[n] ?? i.comment },
        ]),
      ),
    }),
    "save",
  );
}

async function start(db: DB, email: string, agreementId: string, input: StartReportInput): Promise<string> {
  const { actor, meta, loaded } = await as(db, email, agreementId);
  return must(await startReport(db, actor, meta, await loaded(), input), "start").reportId;
}

async function submit(db: DB, email: string, agreementId: string, reportId: string) {
  const { actor, meta, loaded } = await as(db, email, agreementId);
  const { version } = await db
    .selectFrom("report")
    .select("version")
    .where("id", "=", reportId)
    .executeTakeFirstOrThrow();
  must(await submitReport(db, actor, meta, await loaded(), { reportId, version }), "submit");
}

async function accept(db: DB, email: string, agreementId: string, reportId: string) {
  const { actor, meta, loaded } = await as(db, email, agreementId);
  must(
    await acceptReport(db, actor, meta, await loaded(), { reportId, decision: "accepted", password: DEMO_PASSWORD }),
    "accept",
  );
}

/** Sofara × Clear Vision: this year's progress report, sent back once on its financial part, then accepted. */
async function seedProgressReport(db: DB, agreementId: string, now: Date) {
  const year = todayInMorocco(now).slice(0, 4);
  const reportId = await start(db, "membre@sofara.example", agreementId, {
    kind: "progress",
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-06-30`,
  });
  await write(db, "membre@sofara.example", agreementId, reportId, {
    summary:
      "La deuxième campagne médicale de Smara s’est tenue les 18 et 19 avril : **480 patients** examinés en ophtalmologie et en médecine générale, pour un objectif de 500. Le comité de suivi a adopté le plan d’action annuel en février.",
    activities:
      "- Identification des bénéficiaires avec les associations de quartier et les douars d’Amgala et de Tifariti ;\n- deux journées de consultations au centre de santé de Smara ;\n- remise de lunettes et de médicaments ;\n- orientation des malades chroniques vers l’hôpital provincial.",
    difficulties:
      "L’affluence du premier jour a allongé l’attente : un second point d’accueil a été ouvert le lendemain avec les bénévoles.",
    nextPeriod:
      "Suivi des malades chroniques orientés lors de la campagne et préparation de la réunion du comité de suivi du second semestre.",
    deliveriesComment: "Les bénéficiaires sont comptés à l’accueil, sur les fiches d’inscription.",
    financialComment: "Les dépenses du semestre sont couvertes par la première tranche.",
    indicatorComments: ["Objectif presque atteint en deux journées.", "Le suivi se poursuit au second semestre."],
  });
  await submit(db, "president@sofara.example", agreementId, reportId);

  // The CSR officer comments on the financial part and sends the report back.
  const officer = await as(db, "rse@clearvision.example", agreementId);
  must(
    await commentReport(db, officer.actor, officer.meta, await officer.loaded(), {
      reportId,
      section: "financial",
      body: "Merci de détailler les dépenses de transport et de médicaments de la campagne d’avril, avec les factures.",
    }),
    "comment",
  );
  must(
    await sendBackReport(db, officer.actor, officer.meta, await officer.loaded(), {
      reportId,
      message: "La partie financière est à compléter avant acceptation ; le reste du rapport nous convient.",
    }),
    "send back",
  );

  await write(db, "tresoriere@sofara.example", agreementId, reportId, {
    financialComment:
      "Les dépenses de la campagne d’avril sont détaillées par ligne :\n\n- transport des équipes et des patients (deux minibus, deux jours) : 2 500 MAD ;\n- collyres et médicaments remis aux patients : 5 400 MAD.\n\nLes factures sont jointes aux dépenses dans l’onglet Finances. Le solde de la première tranche couvre le suivi des malades chroniques.",
  });
  await submit(db, "president@sofara.example", agreementId, reportId);
  await accept(db, "rse@clearvision.example", agreementId, reportId);
  return reportId;
}

/** The 2025 campaign agreement: expired at its end, its final report accepted and evaluated, then completed. */
async function seedFinalReport(db: DB, agreementId: string, endDate: string) {
  must(await transitionAgreement(db, "system", SYSTEM, { agreementId, action: "expire", date: endDate }), "expire");
  const obligation = await db
    .selectFrom("obligation")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .where("kind", "=", "final_report")
    .executeTakeFirstOrThrow();
  const reportId = await start(db, "membre@sofara.example", agreementId, { obligationId: obligation.id });
  await write(db, "membre@sofara.example", agreementId, reportId, {
    summary:
      "نظمت الجمعية قافلة طبية لطب العيون بأمكالة يومي 19 و20 أبريل 2025 لفائدة 268 مستفيدا، بشراكة مع مؤسسة كليير فيزيون.",
    activities:
      "- Consultations ophtalmologiques et dépistage des enfants scolarisés ;\n- remise de lunettes correctrices ;\n- orientation de 18 patients vers l’hôpital provincial pour une chirurgie de la cataracte.",
    difficulties: "L’accès à Amgala par piste a demandé deux véhicules tout-terrain supplémentaires.",
    nextPeriod: "Les suites (chirurgies, contrôles) sont reprises dans la convention de partenariat de 2022.",
    deliveriesComment: "Comptage à l’accueil de la caravane.",
    financialComment: "La caravane a été financée en nature par la Fondation (équipes et équipements).",
  });
  await submit(db, "president@sofara.example", agreementId, reportId);
  await accept(db, "rse@clearvision.example", agreementId, reportId);

  const evaluations: Array<{ by: string; scores: Record<string, number>; comments: string }> = [
    {
      by: "president@sofara.example",
      scores: { objectives: 5, relationship: 5, communication: 4, timeliness: 4 },
      comments:
        "Une équipe médicale disponible et des équipements arrivés à temps ; à reconduire avec plus de spécialistes.",
    },
    {
      by: "rse@clearvision.example",
      scores: { objectives: 5, relationship: 4, communication: 4 },
      comments: "Bénéficiaires bien identifiés et logistique solide malgré l’accès difficile.",
    },
  ];
  for (const e of evaluations) {
    const { actor, meta, loaded } = await as(db, e.by, agreementId);
    must(
      await submitEvaluation(db, actor, meta, await loaded(), { scores: e.scores, comments: e.comments }),
      "evaluation",
    );
  }
  must(await transitionAgreement(db, "system", SYSTEM, { agreementId, action: "complete" }), "complete");
  return reportId;
}

export async function seedDemoReports(
  db: DB,
  agreements: { progress: string; final: { id: string; endDate: string } },
  now: Date,
): Promise<void> {
  const progress = await seedProgressReport(db, agreements.progress, now);
  const final = await seedFinalReport(db, agreements.final.id, agreements.final.endDate);
  // What happened before the demo's day is not announced on its first start: the notices these
  // commands wrote (and the emails they queued) are withdrawn, as for the demo's other history.
  const notices = db.selectFrom("notification").select("id").where("subject_id", "in", [progress, final]);
  await db.deleteFrom("outbox").where("notification_id", "in", notices).execute();
  await db.deleteFrom("notification").where("subject_id", "in", [progress, final]).execute();
}
