/**
 * Demo agreements, from the press articles' facts, in realistic states: three active (one of
 * them ending within weeks), one expired, one completed (its final report accepted), one in
 * negotiation, two awaiting signatures, one draft; then the partner reports. Built through the domain's own commands so they obey the same rules and leave the
 * same audit trail.
 */
import { inTransaction } from "../transaction";
import type { DB } from "../client";
import type { Actor } from "../../app/domain/access/access";
import {
  addParty,
  createAgreement,
  transitionAgreement,
  updateParty,
} from "../../app/domain/agreement/agreement.commands.server";
import { findAgreement, listClauses, listParties } from "../../app/domain/agreement/agreement.queries.server";
import type { AgreementDetailsInput } from "../../app/domain/agreement/agreement.schema";
import { addClause, addComment } from "../../app/domain/clause/clause.server";
import {
  addDeliverable,
  getDeliverable,
  moveDeliverable,
  recordDelivery,
} from "../../app/domain/delivery/deliverables.server";
import { addObligation, listObligations, updateObligationStatus } from "../../app/domain/delivery/obligations.server";
import {
  addAction,
  addIndicator,
  createPlan,
  getPlan,
  movePlan,
  recordActionProgress,
} from "../../app/domain/plan/plan.server";
import { appendAuditEvent } from "../../app/domain/audit/audit.server";
import { insertSignature, recordPaperSigning } from "../../app/domain/signing/signing.server";
import { todayInMorocco } from "../../app/lib/time";
import { storeFile } from "../../app/lib/uploads.server";
import { seedCommittee, seedNextMeeting } from "./demo-committee";
import { seedBudget, seedMoneyMoves, type DemoMoney } from "./demo-money";
import { seedDemoReports } from "./demo-reports";
import { PDFDocument, StandardFonts } from "pdf-lib";

type Party = {
  org: string;
  signatory?: string;
  signatoryName?: string;
  signatoryTitle?: string;
};

export interface DemoAgreement {
  key: string;
  owner: Party;
  partners: Party[];
  details: Omit<AgreementDetailsInput, "currency" | "tacitRenewal"> & { tacitRenewal?: boolean };
  clauses: Array<{ heading: string; body: string }>;
  /** Lifecycle steps to walk through, in order. */
  /** Lifecycle steps in order; "sign_in_app" and "sign_on_paper" sign for every party (and activate). */
  steps: Array<"open_negotiation" | "send_for_signature" | "sign_in_app" | "sign_on_paper" | "expire">;
  paper?: { signedOn: string; place: string };
  /** Commitments written while drafting (index 0 = the drafting organization, 1 = first partner). */
  obligations?: Array<{
    party: 0 | 1;
    clause?: number;
    description: string;
    dueDate?: string;
    recurrence?: "none" | "monthly" | "quarterly" | "yearly";
    doneOn?: string;
  }>;
  /** This year's action plan, adopted by the committee. */
  plan?: Array<{
    party: 0 | 1;
    objective: string;
    priority: "high" | "medium" | "low";
    start: string;
    end: string;
    indicator?: { name: string; unit: string; target: number; achieved: number };
  }>;
  /** Deliverables planned and delivered once the agreement is in force. */
  deliverables?: Array<{
    party: 0 | 1;
    kind:
      | "medical_campaign"
      | "equipment"
      | "distribution"
      | "connectivity"
      | "training"
      | "infrastructure"
      | "service"
      | "other";
    title: string;
    target: number;
    unit: string;
    location: string;
    deliveries: Array<{
      on: string;
      quantity: number;
      beneficiaries: number;
      women?: number;
      men?: number;
      children?: number;
      note?: string;
      metrics?: number[];
    }>;
    metrics?: Array<{ name: string; quantity: number }>;
    specialties?: string;
    delivered?: boolean;
    confirmed?: boolean;
  }>;
  comments?: Array<{ by: string; clause: number; body: string }>;
  signedAt?: string;
  /** Seed the follow-up committee's meetings (its members from both parties). */
  committee?: boolean;
  /** The budget and tranches (written in the draft), and once signed the money that moved. */
  money?: DemoMoney;
}

/** The end of the year at least two months away: an active demo agreement is never expired on seeding. */
function endOfNextYearish(now: Date): string {
  const today = todayInMorocco(now);
  const year = Number(today.slice(0, 4));
  return today.slice(5) > "10-31" ? `${year + 1}-12-31` : `${year}-12-31`;
}

/** The first day of a term of `months` months ending at a month's end between 15 and `days` days from today. */
function startOfTermEndingIn(now: Date, days: number, months: number): string {
  const end = new Date(`${todayInMorocco(now)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + days + 1);
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() - months);
  return end.toISOString().slice(0, 10);
}

/** The end of the earlier agreement whose final report the demo holds. */
const FINAL_REPORT_AGREEMENT_END = "2025-06-30";

function demoAgreements(now: Date): DemoAgreement[] {
  const year = todayInMorocco(now).slice(0, 4);
  return [
    {
      key: "sofara-clearvision",
      owner: { org: "sofara", signatory: "president@sofara.example" },
      partners: [{ org: "clearvision", signatory: "directeur@clearvision.example" }],
      money: {
        budget: [
          {
            category: "personnel",
            description: "Équipes médicales et consultations (ophtalmologie, médecine générale)",
            shares: [{ party: 1, kind: "cash", amount: 6_000_000 }],
          },
          {
            category: "equipment",
            description: "Équipements optiques et lunettes",
            shares: [{ party: 1, kind: "cash", amount: 5_000_000 }],
          },
          { category: "other", description: "Médicaments", shares: [{ party: 1, kind: "cash", amount: 2_500_000 }] },
          {
            category: "transport",
            description: "Transport des équipes et des patients vers les douars",
            shares: [{ party: 1, kind: "cash", amount: 1_500_000 }],
          },
          {
            category: "running_costs",
            description: "Mobilisation des bénévoles, logistique locale et identification des bénéficiaires à Smara",
            shares: [
              { party: 0, kind: "in_kind", amount: 5_000_000, note: "Valorisation du bénévolat et de la logistique" },
            ],
          },
        ],
        tranches: [
          { payer: 1, receiver: 0, amount: 9_000_000, condition: "signature" },
          // Released by the acceptance of the progress report (issue #21): planned until then.
          { payer: 1, receiver: 0, amount: 6_000_000, condition: "report_accepted" },
        ],
        payments: [
          {
            tranche: 1,
            paidOn: "2022-01-20",
            method: "transfer",
            reference: "CV-2022-0117",
            by: "directeur@clearvision.example",
            receivedOn: "2022-01-24",
            amountMad: 9_000_000,
            receivedBy: "tresoriere@sofara.example",
          },
        ],
        expenses: [
          {
            line: 2,
            spentOn: "2022-04-08",
            supplier: "Optique Atlas Agadir",
            description: "Montures et verres correcteurs (300 paires)",
            amount: 4_120_000,
            method: "transfer",
            by: "tresoriere@sofara.example",
          },
          {
            line: 3,
            spentOn: "2022-04-12",
            supplier: "Pharmacie Es-Semara",
            description: "Médicaments remis aux patients (collyres, antibiotiques, antalgiques)",
            amount: 1_875_000,
            method: "cheque",
            by: "tresoriere@sofara.example",
            question: {
              by: "rse@clearvision.example",
              kind: "comment",
              body: "Pouvez-vous joindre la liste des médicaments remis et leurs quantités ?",
            },
          },
          {
            line: 4,
            spentOn: "2022-04-14",
            supplier: "Transports Sahara Smara",
            description: "Location de deux minibus pour les douars d'Amgala et de Tifariti",
            amount: 1_240_000,
            method: "transfer",
            by: "tresoriere@sofara.example",
          },
          // This year's campaign, accounted for (and locked) by the progress report (db/seed/demo-reports.ts).
          {
            line: 3,
            spentOn: `${year}-04-16`,
            supplier: "Pharmacie Es-Semara",
            description: "Collyres et médicaments remis lors de la deuxième campagne",
            amount: 540_000,
            method: "cheque",
            by: "tresoriere@sofara.example",
          },
          {
            line: 4,
            spentOn: `${year}-04-17`,
            supplier: "Transports Sahara Smara",
            description: "Deux minibus pour les 18 et 19 avril (équipes et patients des douars)",
            amount: 250_000,
            method: "transfer",
            by: "tresoriere@sofara.example",
          },
        ],
      },
      details: {
        title: "Convention de partenariat et de coopération",
        titleSecondary: "اتفاقية شراكة وتعاون",
        kind: "partnership",
        purpose:
          "Définir un cadre de référence pour renforcer les relations de **coopération, de solidarité et de partenariat** entre l’association Sofara Al-Khair – Smara et la Fondation Clear Vision, dans le domaine du renforcement et du soutien de l’action sociale, par l’organisation d’activités et de programmes communs au profit de la population de la province d’Es-Semara.\n\nPremière action prévue : une **campagne médicale** au profit des personnes démunies.",
        territory: "Province d'Es-Semara",
        signingPlace: "Agadir",
        effectiveDate: "2022-01-01",
        endDate: endOfNextYearish(now),
        durationMonths: undefined,
        tacitRenewal: true,
        renewalNoticeDays: 90,
        totalBudget: 20000000,
      },
      clauses: [
        {
          heading: "Objet",
          body: "La présente convention a pour objet de définir un cadre de référence pour renforcer les relations de coopération, de solidarité et de partenariat entre les deux parties, par l’organisation d’activités et de programmes communs au profit de la population de la province d’Es-Semara.",
        },
        {
          heading: "Engagements de l’association",
          body: "L’association Sofara Al-Khair – Smara s’engage à :\n\n- identifier les bénéficiaires parmi les personnes démunies et les malades chroniques ;\n- mobiliser ses moyens humains, matériels et logistiques pour le bon déroulement des campagnes ;\n- assurer la coordination avec les autorités provinciales et locales ;\n- rendre compte à la Fondation de l’exécution de chaque action.",
        },
        {
          heading: "Engagements de la Fondation",
          body: "La Fondation Clear Vision s’engage à :\n\n- contribuer à l’organisation des campagnes médicales, en particulier ophtalmologiques ;\n- fournir les équipes médicales et les équipements nécessaires ;\n- participer aux travaux du comité de suivi.",
        },
        {
          heading: "Comité conjoint de suivi",
          body: "Un comité conjoint de suivi, composé de membres des deux parties, est créé. Il prépare un **plan d’action annuel** sur les actions prioritaires, définit les projets participatifs au profit de la population d’Es-Semara et se réunit au moins une fois par trimestre.",
        },
        {
          heading: "Durée",
          body: "La présente convention entre en vigueur à la date de sa signature. Elle est reconduite tacitement d’année en année, sauf dénonciation par l’une des parties par écrit au moins trois mois avant l’échéance.",
        },
        {
          heading: "Règlement des différends",
          body: "Les parties s’engagent à régler à l’amiable, au sein du comité de suivi, tout différend né de l’exécution de la présente convention.",
        },
      ],
      steps: ["open_negotiation", "send_for_signature", "sign_on_paper"],
      paper: { signedOn: "2022-01-01", place: "Agadir" },
      committee: true,
      obligations: [
        {
          party: 0,
          clause: 2,
          description: "Identifier les bénéficiaires et assurer la logistique de la campagne médicale à Smara",
          dueDate: "2022-03-31",
          doneOn: "2022-03-20",
        },
        {
          party: 1,
          clause: 3,
          description: "Organiser une campagne médicale au profit des personnes démunies d’Es-Semara",
          dueDate: "2022-04-30",
          doneOn: "2022-04-16",
        },
        {
          party: 0,
          clause: 4,
          description: "Préparer et faire adopter le plan d’action annuel par le comité de suivi",
          recurrence: "yearly",
          doneOn: `${todayInMorocco(now).slice(0, 4)}-02-10`,
        },
      ],
      plan: [
        {
          party: 1,
          objective: "Deuxième campagne médicale (ophtalmologie) à Smara",
          priority: "high",
          start: "04-01",
          end: "04-30",
          indicator: { name: "patients examinés", unit: "patients", target: 500, achieved: 480 },
        },
        {
          party: 0,
          objective: "Suivi des malades chroniques orientés lors de la campagne",
          priority: "medium",
          start: "05-01",
          end: "12-15",
          indicator: { name: "malades suivis", unit: "personnes", target: 120, achieved: 45 },
        },
        {
          party: 0,
          objective: "Réunions trimestrielles du comité de suivi",
          priority: "medium",
          start: "01-15",
          end: "12-31",
        },
      ],
      deliverables: [
        {
          party: 1,
          kind: "medical_campaign",
          title: "Campagne médicale de Smara",
          target: 400,
          unit: "patients examinés",
          location: "Smara",
          specialties: "Ophtalmologie, médecine générale",
          metrics: [
            { name: "orientations vers l’hôpital provincial", quantity: 40 },
            { name: "lunettes et médicaments remis", quantity: 300 },
          ],
          deliveries: [
            {
              on: "2022-04-15",
              quantity: 230,
              beneficiaries: 230,
              women: 120,
              men: 70,
              children: 40,
              note: "Consultations ophtalmologiques et de médecine générale",
              metrics: [22, 160],
            },
            {
              on: "2022-04-16",
              quantity: 190,
              beneficiaries: 190,
              women: 95,
              men: 60,
              children: 35,
              metrics: [15, 150],
            },
          ],
          delivered: true,
          confirmed: true,
        },
        {
          // This year's campaign (the plan's first action): what the progress report accounts for.
          party: 1,
          kind: "medical_campaign",
          title: "Deuxième campagne (ophtalmologie) à Smara",
          target: 500,
          unit: "patients examinés",
          location: "Smara",
          specialties: "Ophtalmologie, médecine générale",
          deliveries: [
            { on: `${year}-04-18`, quantity: 260, beneficiaries: 260, women: 140, men: 75, children: 45 },
            { on: `${year}-04-19`, quantity: 220, beneficiaries: 220, women: 115, men: 65, children: 40 },
          ],
          delivered: true,
          confirmed: true,
        },
      ],
      signedAt: "2022-01-01T11:00:00.000Z",
    },
    {
      key: "insaf-kazyon",
      owner: { org: "insaf", signatory: "president@insaf.example" },
      partners: [{ org: "kazyon", signatoryName: "Youssef Tazi", signatoryTitle: "Responsable RSE" }],
      money: {
        budget: [
          {
            category: "equipment",
            description:
              "Salle informatique du centre de Hay Hassani : 4 ordinateurs, 4 tablettes, 1 routeur, 1 switch, multiprises, 4 imprimantes multifonctions",
            shares: [{ party: 1, kind: "in_kind", amount: 3_800_000, note: "Valeur déclarée par Kazyon Maroc" }],
          },
          {
            category: "equipment",
            description: "325 cartables équipés de fournitures scolaires",
            shares: [{ party: 1, kind: "in_kind", amount: 4_875_000 }],
          },
          {
            category: "personnel",
            description: "Accompagnement éducatif et psychosocial des enfants",
            shares: [{ party: 0, kind: "volunteer_time", hours: 1_200, rate: 5_000 }],
          },
        ],
      },
      details: {
        title: "Convention de partenariat stratégique pour l’éducation et l’inclusion des enfants",
        titleSecondary: "اتفاقية شراكة استراتيجية لتعزيز التعليم والإدماج المهني للأطفال",
        kind: "partnership",
        purpose:
          "Renforcer l’éducation et encourager l’insertion professionnelle des enfants et des jeunes en situation de vulnérabilité ; lutter contre le travail des enfants et l’abandon scolaire par un soutien éducatif, matériel et technique.",
        territory: "Casablanca – Hay Hassani",
        signingPlace: "Casablanca",
        effectiveDate: "2025-09-01",
        endDate: undefined,
        durationMonths: 36,
        renewalNoticeDays: undefined,
        totalBudget: undefined,
      },
      clauses: [
        {
          heading: "موضوع الاتفاقية",
          body: "تهدف هذه الاتفاقية إلى تعزيز التعليم وتشجيع الإدماج المهني للأطفال والشباب في وضعية هشاشة، ومحاربة ظاهرة عمل الأطفال والهدر المدرسي، عبر تقديم الدعم التربوي والمادي والتقني.",
        },
        {
          heading: "التزامات كازيون المغرب",
          body: "تلتزم شركة كازيون المغرب بما يلي:\n\n1. تجهيز غرفة معلوماتية متكاملة بمركز مكافحة عمل الأطفال بحي الحساني تضم أربعة حواسيب وأربعة أجهزة لوحية وجهاز راوتر ومحول شبكة وأربع طابعات متعددة الوظائف؛\n2. دعم توزيع 325 حقيبة مدرسية مجهزة بكامل اللوازم على الأطفال المستفيدين.",
        },
        {
          heading: "التزامات جمعية إنصاف",
          body: "تلتزم جمعية إنصاف بتوزيع التجهيزات على الأطفال المستفيدين، وبمرافقتهم تربويًا ونفسيًا واجتماعيًا، وبتقديم تقرير عن الإنجاز إلى الشريك.",
        },
        {
          heading: "Comité de suivi",
          body: "Un comité de suivi conjoint se réunit deux fois par an pour suivre l’exécution de la convention et adopter le plan d’action.",
        },
      ],
      steps: ["open_negotiation", "send_for_signature", "sign_in_app"],
      signedAt: "2025-09-26T10:00:00.000Z",
      obligations: [
        {
          party: 1,
          clause: 2,
          description:
            "Kazyon Maroc équipe une salle informatique au centre de lutte contre le travail des enfants de Hay Hassani",
          dueDate: "2025-10-31",
        },
        {
          party: 0,
          clause: 3,
          description: "L’association distribue 325 cartables équipés aux enfants qu’elle accompagne",
          dueDate: "2025-10-15",
        },
        { party: 0, clause: 3, description: "Rapport trimestriel d’exécution au partenaire", recurrence: "quarterly" },
      ],
    },
    {
      key: "ams-qnet-2025",
      owner: { org: "ams", signatory: "president@ams.example" },
      partners: [{ org: "qnet", signatoryName: "Malou Caluza", signatoryTitle: "Représentante de QNET" }],
      money: {
        budget: [
          {
            category: "other",
            description: "Paniers de produits essentiels pour les familles démunies pendant le Ramadan",
            shares: [{ party: 1, kind: "cash", amount: 30_000_000 }],
          },
        ],
        // QNET, based in Hong Kong, pays in euros: the AMS must declare the funds received from abroad.
        tranches: [{ payer: 1, receiver: 0, amount: 2_750_000, currency: "EUR", condition: "signature" }],
        payments: [
          {
            tranche: 1,
            paidOn: "2025-02-18",
            method: "transfer",
            reference: "QNET-HK-2502-118",
            by: "",
            receivedOn: "2025-02-21",
            amountMad: 29_942_000,
            fee: 31_000,
            receivedBy: "tresorier@ams.example",
          },
        ],
      },
      details: {
        title: "Opération paniers solidaires – Ramadan 2025",
        titleSecondary: "عملية القفة التضامنية – رمضان 2025",
        kind: "sponsorship",
        purpose:
          "Financement par QNET de paniers de produits essentiels pour des familles démunies pendant le mois de Ramadan, distribués par l’AMS dans plusieurs régions du Maroc.",
        territory: "Plusieurs régions du Maroc",
        signingPlace: "Casablanca",
        effectiveDate: "2025-02-15",
        endDate: "2025-04-30",
        durationMonths: undefined,
        renewalNoticeDays: undefined,
        totalBudget: 30000000,
      },
      clauses: [
        {
          heading: "Objet",
          body: "Financement et distribution de paniers solidaires pendant le mois sacré de Ramadan.",
        },
        {
          heading: "Distribution",
          body: "L’AMS assure l’identification des familles et la distribution des paniers, et en rend compte à QNET.",
        },
      ],
      steps: ["open_negotiation", "send_for_signature", "sign_in_app", "expire"],
      signedAt: "2025-02-15T10:00:00.000Z",
    },
    {
      key: "ams-qnet-2026",
      owner: { org: "ams", signatory: "president@ams.example" },
      partners: [{ org: "qnet", signatoryName: "Malou Caluza", signatoryTitle: "Représentante de QNET" }],
      details: {
        title: "Paniers solidaires – doublement de l’opération",
        titleSecondary: undefined,
        kind: "sponsorship",
        purpose: "Élargir l’opération de paniers solidaires et doubler le nombre de familles aidées l’an prochain.",
        territory: "Plusieurs régions du Maroc",
        signingPlace: undefined,
        effectiveDate: undefined,
        endDate: undefined,
        durationMonths: 12,
        renewalNoticeDays: undefined,
        totalBudget: 60000000,
      },
      clauses: [
        {
          heading: "Objet",
          body: "Doubler l’opération de paniers solidaires : au moins 2 000 familles bénéficiaires.",
        },
        {
          heading: "Contribution de QNET",
          body: "QNET finance les paniers à hauteur de [montant] MAD, versés en deux tranches.",
        },
      ],
      steps: ["open_negotiation"],
    },
    {
      // The framework under which the yearly Ramadan operations are signed: three years, ending
      // within weeks of the demo's day, so its end shows on the AMS dashboard and in reminders.
      key: "ams-qnet-cadre",
      owner: { org: "ams", signatory: "president@ams.example" },
      partners: [{ org: "qnet", signatoryName: "Malou Caluza", signatoryTitle: "Représentante de QNET" }],
      details: {
        title: "Convention-cadre de partenariat solidaire AMS – QNET",
        titleSecondary: "اتفاقية إطار للشراكة التضامنية بين الجمعية المغربية للتضامن وكيونت",
        kind: "framework",
        purpose:
          "Cadre de la coopération entre l’AMS et QNET pour des actions sociales et humanitaires au profit des populations défavorisées ; chaque opération fait l’objet d’une convention spécifique.",
        territory: "Maroc",
        signingPlace: "Casablanca",
        effectiveDate: startOfTermEndingIn(now, 45, 36),
        endDate: undefined,
        durationMonths: 36,
        renewalNoticeDays: 60,
        totalBudget: undefined,
      },
      clauses: [
        {
          heading: "Objet",
          body: "La présente convention-cadre fixe les modalités de la coopération entre l’AMS et QNET pour des actions sociales et humanitaires au profit des familles vulnérables.",
        },
        {
          heading: "Conventions spécifiques",
          body: "Chaque opération (paniers solidaires de Ramadan, aides d’urgence) fait l’objet d’une convention spécifique précisant les quantités, le budget et le calendrier.",
        },
        {
          heading: "Durée",
          body: "La convention est conclue pour trois ans. Son renouvellement est discuté au moins soixante jours avant son échéance.",
        },
      ],
      steps: ["open_negotiation", "send_for_signature", "sign_in_app"],
    },
    {
      // The next step with Kazyon, awaiting both signatories: each sees it on their dashboard.
      key: "insaf-kazyon-derb-ghallef",
      owner: { org: "insaf", signatory: "president@insaf.example" },
      partners: [{ org: "kazyon", signatory: "rse@kazyon.example" }],
      money: {
        budget: [
          {
            category: "equipment",
            description:
              "Équipement d’une seconde salle informatique (4 ordinateurs, 4 tablettes, routeur, imprimantes)",
            shares: [{ party: 1, kind: "in_kind", amount: 3_800_000 }],
          },
        ],
      },
      details: {
        title: "Convention spécifique – salle informatique du centre de Derb Ghallef",
        titleSecondary: "اتفاقية خاصة – قاعة معلوماتية بمركز درب غلف",
        kind: "partnership",
        purpose:
          "Équiper une salle informatique au centre de l’association à Derb Ghallef, sur le modèle de celle de Hay Hassani, pour l’apprentissage du numérique des enfants accompagnés.",
        territory: "Casablanca – Derb Ghallef",
        signingPlace: "Casablanca",
        effectiveDate: todayInMorocco(now),
        endDate: undefined,
        durationMonths: 12,
        renewalNoticeDays: undefined,
        totalBudget: undefined,
      },
      clauses: [
        {
          heading: "Objet",
          body: "Kazyon Maroc équipe une salle informatique au centre de Derb Ghallef : quatre ordinateurs, quatre tablettes, un routeur et des imprimantes multifonctions.",
        },
        {
          heading: "Engagements de l’association",
          body: "L’association INSAF aménage la salle, encadre les enfants et remet un rapport d’utilisation six mois après l’installation.",
        },
      ],
      steps: ["open_negotiation", "send_for_signature"],
    },
    {
      key: "maghreb-inwi",
      owner: {
        org: "maghrebsecours",
        signatoryName: "Faouzia Barache Bousquet",
        signatoryTitle: "Fondatrice et présidente",
      },
      partners: [{ org: "inwi", signatoryName: "Direction RSE d’inwi", signatoryTitle: "Programme Dir iddik" }],
      money: {
        budget: [
          {
            category: "communication",
            description: "1 000 packs connectivité et 5 000 recharges internet",
            shares: [{ party: 1, kind: "in_kind", amount: 30_000_000 }],
          },
          {
            category: "personnel",
            description: "Bénévoles Dir iddik aux distributions",
            shares: [
              { party: 1, kind: "volunteer_time", hours: 400, rate: 6_000, note: "Collaborateurs d’inwi bénévoles" },
            ],
          },
        ],
      },
      details: {
        title: "Convention Dir iddik – aide alimentaire et connectivité",
        titleSecondary: "اتفاقية دير يديك – الدعم الغذائي والربط بالإنترنت",
        kind: "partnership",
        purpose:
          "Soutenir 1 000 nouvelles familles en situation de précarité par des denrées de première nécessité et des packs connectivité, et distribuer 5 000 recharges internet pour que les enfants suivent leur scolarité en ligne.",
        territory: "Marrakech-Safi",
        signingPlace: "Marrakech",
        effectiveDate: todayInMorocco(now),
        endDate: undefined,
        durationMonths: 12,
        renewalNoticeDays: undefined,
        totalBudget: undefined,
      },
      clauses: [
        {
          heading: "Objet",
          body: "Aide alimentaire et connectivité pour 1 000 familles, et 5 000 recharges internet.",
        },
        {
          heading: "Bénévolat",
          body: "Les bénévoles inscrits sur la plateforme Dir iddik participent aux distributions aux côtés de l’association.",
        },
      ],
      steps: ["open_negotiation", "send_for_signature"],
    },
    {
      key: "sofara-clearvision-campagne",
      owner: { org: "sofara", signatory: "president@sofara.example" },
      partners: [{ org: "clearvision" }],
      details: {
        title: "Convention spécifique – campagne médicale de Smara",
        titleSecondary: "اتفاقية خاصة – الحملة الطبية بالسمارة",
        kind: "partnership",
        purpose:
          "Organiser une campagne médicale au profit des personnes démunies et des malades chroniques de la province d’Es-Semara.",
        territory: "Province d'Es-Semara",
        signingPlace: "Smara",
        effectiveDate: undefined,
        endDate: undefined,
        durationMonths: undefined,
        renewalNoticeDays: undefined,
        totalBudget: undefined,
      },
      clauses: [
        {
          heading: "Objet",
          body: "Organisation d’une campagne médicale (consultations, orientations, médicaments) à Smara.",
        },
      ],
      steps: [],
    },
    {
      // An earlier agreement, over since mid-2025: its final report accepted, both evaluations in,
      // completed (db/seed/demo-reports.ts). Last in the list: the others' references stay as they were.
      key: "sofara-clearvision-2025",
      owner: { org: "sofara", signatory: "president@sofara.example" },
      partners: [{ org: "clearvision", signatory: "directeur@clearvision.example" }],
      details: {
        title: "Convention de la caravane ophtalmologique d’Amgala 2025",
        titleSecondary: "اتفاقية القافلة الطبية لطب العيون بأمكالة 2025",
        kind: "partnership",
        purpose: "Organiser une caravane ophtalmologique au profit des habitants d’Amgala et des douars voisins.",
        territory: "Province d'Es-Semara",
        signingPlace: "Smara",
        effectiveDate: "2025-03-01",
        endDate: FINAL_REPORT_AGREEMENT_END,
        durationMonths: undefined,
        renewalNoticeDays: undefined,
        totalBudget: undefined,
      },
      clauses: [
        {
          heading: "Objet",
          body: "Une caravane ophtalmologique à Amgala : consultations, dépistage des enfants et remise de lunettes.",
        },
        {
          heading: "Rapport final",
          body: "L’association remet au partenaire un rapport final dans les 30 jours suivant la fin de la caravane.",
        },
      ],
      steps: ["open_negotiation", "send_for_signature", "sign_in_app"],
      signedAt: "2025-02-20T10:00:00.000Z",
      deliverables: [
        {
          party: 1,
          kind: "medical_campaign",
          title: "Caravane ophtalmologique d’Amgala",
          target: 250,
          unit: "patients examinés",
          location: "Amgala",
          specialties: "Ophtalmologie",
          deliveries: [
            { on: "2025-04-19", quantity: 150, beneficiaries: 150, women: 70, men: 35, children: 45 },
            { on: "2025-04-20", quantity: 118, beneficiaries: 118, women: 52, men: 30, children: 36 },
          ],
          delivered: true,
          confirmed: true,
        },
      ],
    },
  ];
}

export async function seedDemoAgreements(
  db: DB,
  orgIds: Map<string, string>,
  userIds: Map<string, string>,
  now: Date = new Date(),
): Promise<void> {
  const ids = new Map<string, string>();
  for (const demo of demoAgreements(now)) ids.set(demo.key, await createDemoAgreement(db, demo, orgIds, userIds, now));
  await seedDemoReports(
    db,
    {
      progress: ids.get("sofara-clearvision")!,
      final: { id: ids.get("sofara-clearvision-2025")!, endDate: FINAL_REPORT_AGREEMENT_END },
    },
    now,
  );

  // A partner's comment awaiting the president in the negotiation, as in real life.
  const negotiating = await db
    .selectFrom("agreement")
    .select("id")
    .where("status", "=", "negotiation")
    .executeTakeFirst();
  const qnetUser = userIds.get("president@ams.example");
  if (negotiating && qnetUser) {
    const actor: Actor = {
      userId: qnetUser,
      isPlatformAdmin: false,
      memberships: [{ organizationId: orgIds.get("ams")!, role: "president" }],
    };
    const loaded = await findAgreement(db, actor, negotiating.id);
    const clause = await db
      .selectFrom("clause")
      .select("id")
      .where("agreement_id", "=", negotiating.id)
      .orderBy("position", "desc")
      .executeTakeFirst();
    if (loaded && clause) {
      await addComment(db, actor, { actorUserId: qnetUser, ip: null, userAgent: "charaka-seed" }, loaded, {
        clauseId: clause.id,
        body: "Le montant exact sera confirmé après validation du budget annuel par QNET.",
      });
    }
  }
}

function seederFor(orgIds: Map<string, string>): Actor {
  return {
    userId: "",
    isPlatformAdmin: true,
    memberships: [...orgIds.values()].map((id) => ({ organizationId: id, role: "president" as const })),
  };
}

/**
 * One agreement built as its people would have: parties, articles, obligations, the lifecycle
 * steps, then its follow-up. Also used by tests that need a fresh agreement of their own.
 */
export async function createDemoAgreement(
  db: DB,
  demo: DemoAgreement,
  orgIds: Map<string, string>,
  userIds: Map<string, string>,
  now: Date = new Date(),
): Promise<string> {
  const meta = { actorUserId: null, ip: null, userAgent: "charaka-seed" };
  const seeder = seederFor(orgIds);
  {
    const ownerId = orgIds.get(demo.owner.org)!;
    const created = await createAgreement(db, seeder, meta, {
      ...demo.details,
      tacitRenewal: demo.details.tacitRenewal ?? false,
      currency: "MAD",
      ownerOrganizationId: ownerId,
      partnerOrganizationId: orgIds.get(demo.partners[0]!.org),
    });
    if (!created.ok) throw new Error(`demo seed: could not create ${demo.key}`);
    let loaded = (await findAgreement(db, seeder, created.id))!;
    for (const extra of demo.partners.slice(1)) {
      await addParty(db, seeder, meta, loaded, { organizationId: orgIds.get(extra.org)!, role: "partner" });
    }
    const parties = await listParties(db, created.id);
    for (const spec of [demo.owner, ...demo.partners]) {
      const party = parties.find((p) => p.organizationId === orgIds.get(spec.org))!;
      await updateParty(db, seeder, meta, loaded, {
        partyId: party.id,
        version: party.version,
        role: party.role,
        signatoryUserId: spec.signatory ? userIds.get(spec.signatory) : undefined,
        signatoryName: spec.signatoryName,
        signatoryTitle: spec.signatoryTitle,
      });
    }
    for (const clause of demo.clauses) await addClause(db, seeder, meta, loaded, clause);
    const partiesNow = await listParties(db, created.id);
    const clausesNow = await listClauses(db, created.id);
    for (const o of demo.obligations ?? []) {
      const party = partiesNow.find(
        (p) => p.organizationId === orgIds.get((o.party === 0 ? demo.owner : demo.partners[0]!).org),
      )!;
      const result = await addObligation(db, seeder, meta, (await findAgreement(db, seeder, created.id))!, {
        description: o.description,
        responsiblePartyId: party.id,
        clauseId: o.clause ? clausesNow[o.clause - 1]?.id : undefined,
        dueDate: o.dueDate,
        recurrence: o.recurrence ?? "none",
      });
      if (!result.ok) throw new Error(`demo seed: obligation of ${demo.key}`);
    }
    const partyOrgs = [demo.owner, ...demo.partners].map((p) => orgIds.get(p.org)!);
    if (demo.money) await seedBudget(db, seeder, created.id, demo.money, partyOrgs);
    for (const step of demo.steps) {
      if (step === "sign_in_app") {
        await signEveryPartyInApp(db, created.id, demo.signedAt ?? new Date(now).toISOString());
        if (demo.money) await seedMoneyMoves(db, seeder, created.id, demo.money, userIds);
        continue;
      }
      if (step === "sign_on_paper") {
        const loadedNow = (await findAgreement(db, seeder, created.id))!;
        const parties = await listParties(db, created.id);
        const scan = storeFile(
          await demoScan(demo.details.title, demo.paper!.place, demo.paper!.signedOn),
          "pdf",
          "convention-signee.pdf",
        );
        const signers = Object.fromEntries(
          parties.map((p) => [p.id, { name: p.signatoryName ?? "", title: p.signatoryTitle ?? undefined }]),
        );
        const result = await recordPaperSigning(db, seeder, meta, loadedNow, {
          signedOn: demo.paper!.signedOn,
          place: demo.paper!.place,
          signers,
          scan,
        });
        if (!result.ok) throw new Error(`demo seed: ${demo.key} could not be signed on paper`);
        if (demo.money) await seedMoneyMoves(db, seeder, created.id, demo.money, userIds);
        continue;
      }
      if (step === "expire") {
        const result = await transitionAgreement(db, "system", meta, {
          agreementId: created.id,
          action: "expire",
          date: demo.details.endDate ?? undefined,
          now,
        });
        if (!result.ok) throw new Error(`demo seed: ${demo.key} could not expire`);
        continue;
      }
      const result = await transitionAgreement(db, "system", meta, { agreementId: created.id, action: step, now });
      if (!result.ok) throw new Error(`demo seed: ${demo.key} could not ${step}: ${JSON.stringify(result)}`);
      if (step === "open_negotiation" && demo.comments) {
        loaded = (await findAgreement(db, seeder, created.id))!;
      }
    }
    if (demo.signedAt)
      await db
        .updateTable("agreement")
        .set({ signed_on: todayInMorocco(new Date(demo.signedAt)) })
        .where("id", "=", created.id)
        .execute();
    await seedFollowUp(db, seeder, meta, created.id, demo, orgIds, userIds, now);
    return created.id;
  }
}

/** Demo signatures in the app for every party, as their signatories would have made them. */
async function signEveryPartyInApp(db: DB, agreementId: string, signedAt: string) {
  const meta = { actorUserId: null, ip: null, userAgent: "charaka-seed" };
  await inTransaction(db, async (trx) => {
    const agreement = await trx
      .selectFrom("agreement")
      .select(["text_version"])
      .where("id", "=", agreementId)
      .executeTakeFirstOrThrow();
    const version = await trx
      .selectFrom("agreement_version")
      .select(["number", "hash"])
      .where("agreement_id", "=", agreementId)
      .where("number", "=", agreement.text_version)
      .executeTakeFirstOrThrow();
    const parties = await trx
      .selectFrom("agreement_party")
      .selectAll()
      .where("agreement_id", "=", agreementId)
      .orderBy("signing_order")
      .execute();
    for (const party of parties) {
      await insertSignature(
        trx,
        { ...meta, userAgent: "charaka-seed" },
        {
          agreementId,
          version,
          party,
          userId: party.signatory_user_id,
          name: party.signatory_name ?? "",
          title: party.signatory_title,
          method: "in_app",
          signedOn: todayInMorocco(new Date(signedAt)),
          signedAt,
        },
      );
      await appendAuditEvent(
        trx,
        { ...meta, actorUserId: party.signatory_user_id },
        {
          type: "agreement.signed",
          agreementId,
          organizationId: party.organization_id,
          subjectId: party.id,
          data: { number: version.number, hash: version.hash, name: party.signatory_name ?? "", method: "in_app" },
        },
      );
    }
  });
  const result = await transitionAgreement(db, "system", meta, {
    agreementId,
    action: "activate",
    date: todayInMorocco(new Date(signedAt)),
  });
  if (!result.ok) throw new Error("demo seed: could not activate after signatures");
}

/** A stand-in for the scan of a paper-signed agreement (the demo has no real scan). */
async function demoScan(title: string, place: string, date: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date(`${date}T12:00:00Z`));
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText("Document de démonstration – scan de la convention signée", { x: 56, y: 760, size: 14, font });
  page.drawText(title, { x: 56, y: 730, size: 11, font });
  page.drawText(`Signée à ${place} le ${date}`, { x: 56, y: 710, size: 11, font });
  return pdf.save();
}

/** Obligations' follow-up and deliveries, once the demo agreement is in force. */
async function seedFollowUp(
  db: DB,
  seeder: Actor,
  meta: { actorUserId: null; ip: null; userAgent: string },
  agreementId: string,
  demo: DemoAgreement,
  orgIds: Map<string, string>,
  userIds: Map<string, string>,
  now: Date,
) {
  const loaded = (await findAgreement(db, seeder, agreementId))!;
  if (loaded.agreement.status !== "active") return;
  const today = todayInMorocco(now);
  const obligations = await listObligations(db, agreementId, today);
  for (const spec of demo.obligations ?? []) {
    if (!spec.doneOn) continue;
    const row = obligations.find((o) => o.description === spec.description)!;
    await updateObligationStatus(db, seeder, meta, loaded, {
      obligationId: row.id,
      version: row.version,
      status: "done",
      completedOn: spec.doneOn,
      today: today,
    });
  }
  const parties = await listParties(db, agreementId);
  if (demo.plan) {
    const year = Number(today.slice(0, 4));
    await createPlan(db, seeder, meta, loaded, { year, prefill: false });
    for (const action of demo.plan) {
      const party = parties.find(
        (p) => p.organizationId === orgIds.get((action.party === 0 ? demo.owner : demo.partners[0]!).org),
      )!;
      await addAction(db, seeder, meta, loaded, {
        year,
        objective: action.objective,
        priority: action.priority,
        responsiblePartyId: party.id,
        startDate: `${year}-${action.start}`,
        endDate: `${year}-${action.end}`,
      });
    }
    const plan = (await getPlan(db, agreementId, year))!;
    for (const action of demo.plan) {
      if (!action.indicator) continue;
      const row = plan.actions.find((a) => a.objective === action.objective)!;
      await addIndicator(db, seeder, meta, loaded, {
        actionId: row.id,
        name: action.indicator.name,
        unit: action.indicator.unit,
        baseline: 0,
        target: action.indicator.target,
      });
    }
    await movePlan(db, seeder, meta, loaded, { year, move: "submit" });
    if (demo.committee) {
      // The committee's February meeting adopts the plan; the next one is planned.
      const adopted = await seedCommittee(db, agreementId, userIds, now);
      await movePlan(db, seeder, meta, loaded, {
        year,
        move: "adopt",
        adoptedOn: adopted.adoptedOn,
        meetingId: adopted.meetingId,
      });
      await seedNextMeeting(db, agreementId, userIds, now);
    } else {
      await movePlan(db, seeder, meta, loaded, {
        year,
        move: "adopt",
        adoptedOn: `${year}-02-10`,
        meeting: "Réunion du comité de suivi",
      });
    }
    // What the year has achieved so far, as the responsible parties recorded it.
    const adopted = (await getPlan(db, agreementId, year))!;
    for (const action of demo.plan) {
      if (!action.indicator?.achieved) continue;
      const row = adopted.actions.find((a) => a.objective === action.objective)!;
      const status = action.indicator.achieved >= action.indicator.target ? "done" : "in_progress";
      await recordActionProgress(db, seeder, meta, loaded, {
        actionId: row.id,
        status,
        indicatorId: row.indicators[0]!.id,
        achieved: action.indicator.achieved,
      });
    }
  }
  for (const spec of demo.deliverables ?? []) {
    const party = parties.find(
      (p) => p.organizationId === orgIds.get((spec.party === 0 ? demo.owner : demo.partners[0]!).org),
    )!;
    const created = await addDeliverable(db, seeder, meta, loaded, {
      kind: spec.kind,
      title: spec.title,
      location: spec.location,
      responsiblePartyId: party.id,
      targetQuantity: spec.target,
      unit: spec.unit,
      items: [],
      metrics: spec.metrics,
      specialties: spec.specialties,
    });
    const metricIds = spec.metrics?.length
      ? ((await getDeliverable(db, agreementId, created.ok ? created.id : ""))?.metrics.map((m) => m.id) ?? [])
      : [];
    if (!created.ok) throw new Error(`demo seed: deliverable of ${demo.key}`);
    for (const d of spec.deliveries) {
      await recordDelivery(db, seeder, meta, loaded, {
        deliverableId: created.id,
        deliveredOn: d.on,
        quantity: d.quantity,
        beneficiaries: d.beneficiaries,
        women: d.women,
        men: d.men,
        children: d.children,
        note: d.note,
        itemQuantities: {},
        metricValues: Object.fromEntries(metricIds.map((id, i) => [id, d.metrics?.[i] ?? 0])),
      });
    }
    if (spec.delivered)
      await moveDeliverable(db, seeder, meta, loaded, {
        deliverableId: created.id,
        action: "markDelivered",
        note:
          spec.deliveries.reduce((s, d) => s + d.quantity, 0) > spec.target
            ? "Affluence plus forte que prévu"
            : undefined,
      });
    if (spec.confirmed)
      await moveDeliverable(db, seeder, meta, loaded, { deliverableId: created.id, action: "confirm" });
  }
}
