/**
 * The dataset's words: French and Arabic sentences in the style of the demo data (partnerships
 * between associations and companies or foundations in Morocco), grouped by theme so that a
 * search for a theme's word matches a realistic share of agreements.
 */
import type { Rng } from "./prng";

export interface Theme {
  key: string;
  titleFr: string;
  titleAr: string;
  /** The word the search benchmark looks for (one French, one Arabic). */
  sentencesFr: string[];
  sentencesAr: string[];
  deliverable: {
    kind:
      "medical_campaign" | "equipment" | "distribution" | "connectivity" | "training" | "infrastructure" | "service";
    titleFr: string;
    unit: string;
  };
}

export const THEMES: Theme[] = [
  {
    key: "eyes",
    titleFr: "Campagne médicale ophtalmologique",
    titleAr: "حملة طبية لطب العيون",
    sentencesFr: [
      "La fondation prend en charge les consultations ophtalmologiques et la fourniture de lunettes de vue aux élèves.",
      "L'association mobilise les bénévoles, organise l'accueil des patients et tient le registre des bénéficiaires.",
      "Les cas nécessitant une opération de la cataracte sont orientés vers l'hôpital provincial partenaire.",
    ],
    sentencesAr: [
      "تتكفل المؤسسة بالفحوصات الطبية لطب العيون وتوفير النظارات الطبية للتلاميذ.",
      "تعبئ الجمعية المتطوعين وتنظم استقبال المرضى وتمسك سجل المستفيدين.",
      "تحال حالات الماء الأبيض التي تستدعي عملية جراحية على المستشفى الإقليمي الشريك.",
    ],
    deliverable: { kind: "medical_campaign", titleFr: "Campagne de dépistage visuel", unit: "consultations" },
  },
  {
    key: "school",
    titleFr: "Soutien à la scolarisation en milieu rural",
    titleAr: "دعم التمدرس بالوسط القروي",
    sentencesFr: [
      "Le partenaire fournit des cartables garnis de fournitures scolaires aux enfants des douars enclavés.",
      "L'association assure le transport scolaire et le suivi de l'assiduité des élèves bénéficiaires.",
      "Un bilan de la rentrée est présenté au comité de suivi avant la fin du premier trimestre.",
    ],
    sentencesAr: [
      "يوفر الشريك محافظ مدرسية مجهزة بالأدوات المدرسية لأطفال الدواوير المعزولة.",
      "تضمن الجمعية النقل المدرسي وتتبع مواظبة التلاميذ المستفيدين.",
      "تقدم حصيلة الدخول المدرسي إلى لجنة التتبع قبل نهاية الفصل الأول.",
    ],
    deliverable: { kind: "distribution", titleFr: "Distribution de cartables", unit: "cartables" },
  },
  {
    key: "food",
    titleFr: "Opération de solidarité alimentaire",
    titleAr: "عملية التضامن الغذائي",
    sentencesFr: [
      "L'entreprise finance des paniers alimentaires distribués aux familles en situation de précarité pendant le mois de Ramadan.",
      "La liste des familles est établie par l'association avec les autorités locales et tenue confidentielle.",
      "Chaque distribution fait l'objet d'un procès-verbal signé par les représentants des deux parties.",
    ],
    sentencesAr: [
      "تمول الشركة قففا غذائية توزع على الأسر في وضعية هشاشة خلال شهر رمضان.",
      "تعد الجمعية لائحة الأسر بتنسيق مع السلطات المحلية وتحافظ على سريتها.",
      "تكون كل عملية توزيع موضوع محضر يوقعه ممثلو الطرفين.",
    ],
    deliverable: { kind: "distribution", titleFr: "Distribution de paniers alimentaires", unit: "paniers" },
  },
  {
    key: "digital",
    titleFr: "Équipement d'une salle informatique",
    titleAr: "تجهيز قاعة للإعلاميات",
    sentencesFr: [
      "Le partenaire équipe une salle informatique de postes, de tablettes et d'un routeur avec une connexion internet.",
      "L'association forme les animateurs et ouvre la salle aux jeunes du quartier trois jours par semaine.",
      "Le matériel reste la propriété de l'association à l'issue de la convention.",
    ],
    sentencesAr: [
      "يجهز الشريك قاعة للإعلاميات بحواسيب ولوحات إلكترونية وموجه مع ربط بالأنترنت.",
      "تكون الجمعية المنشطين وتفتح القاعة في وجه شباب الحي ثلاثة أيام في الأسبوع.",
      "تبقى التجهيزات في ملكية الجمعية عند انتهاء الاتفاقية.",
    ],
    deliverable: { kind: "equipment", titleFr: "Équipement informatique", unit: "postes" },
  },
  {
    key: "water",
    titleFr: "Accès à l'eau potable des douars",
    titleAr: "تزويد الدواوير بالماء الصالح للشرب",
    sentencesFr: [
      "Les travaux de forage et de raccordement au réseau sont confiés à une entreprise agréée.",
      "L'association gère la borne-fontaine et perçoit une contribution modeste pour son entretien.",
      "Une analyse de la qualité de l'eau est réalisée chaque trimestre par un laboratoire indépendant.",
    ],
    sentencesAr: [
      "تسند أشغال الحفر والربط بالشبكة إلى مقاولة معتمدة.",
      "تسير الجمعية السقاية العمومية وتستخلص مساهمة رمزية لصيانتها.",
      "ينجز تحليل جودة الماء كل ثلاثة أشهر من طرف مختبر مستقل.",
    ],
    deliverable: { kind: "infrastructure", titleFr: "Raccordement au réseau d'eau", unit: "foyers" },
  },
  {
    key: "women",
    titleFr: "Autonomisation des coopératives féminines",
    titleAr: "التمكين الاقتصادي للتعاونيات النسائية",
    sentencesFr: [
      "Le programme accompagne les coopératives féminines dans la commercialisation de l'huile d'argan.",
      "Des sessions de formation en gestion et en comptabilité sont organisées au siège de l'association.",
      "Le partenaire ouvre ses points de vente aux produits des coopératives pendant la durée de la convention.",
    ],
    sentencesAr: [
      "يواكب البرنامج التعاونيات النسائية في تسويق زيت الأركان.",
      "تنظم دورات تكوينية في التسيير والمحاسبة بمقر الجمعية.",
      "يفتح الشريك نقط بيعه لمنتجات التعاونيات طيلة مدة الاتفاقية.",
    ],
    deliverable: { kind: "training", titleFr: "Formations en gestion", unit: "sessions" },
  },
  {
    key: "health",
    titleFr: "Caravane médicale pluridisciplinaire",
    titleAr: "قافلة طبية متعددة التخصصات",
    sentencesFr: [
      "La caravane médicale réunit des médecins généralistes, des pédiatres et des gynécologues bénévoles.",
      "Les médicaments prescrits sont remis gratuitement aux patients à la sortie de la consultation.",
      "Les cas graves sont orientés vers le centre hospitalier régional avec une fiche de liaison.",
    ],
    sentencesAr: [
      "تضم القافلة الطبية أطباء عامين وأطباء أطفال وأطباء نساء متطوعين.",
      "تسلم الأدوية الموصوفة مجانا للمرضى عند خروجهم من الفحص.",
      "توجه الحالات المستعصية إلى المركز الاستشفائي الجهوي ببطاقة اتصال.",
    ],
    deliverable: { kind: "medical_campaign", titleFr: "Caravane médicale", unit: "patients" },
  },
  {
    key: "sport",
    titleFr: "Terrain de proximité et activités sportives",
    titleAr: "ملعب القرب والأنشطة الرياضية",
    sentencesFr: [
      "Le partenaire finance la réhabilitation d'un terrain de proximité et l'achat d'équipements sportifs.",
      "L'association encadre des séances hebdomadaires pour les filles et les garçons de huit à seize ans.",
      "Un tournoi de fin de saison réunit les équipes des quartiers voisins.",
    ],
    sentencesAr: [
      "يمول الشريك إعادة تأهيل ملعب للقرب واقتناء تجهيزات رياضية.",
      "تؤطر الجمعية حصصا أسبوعية للفتيات والفتيان من ثماني إلى ست عشرة سنة.",
      "تجمع دورة نهاية الموسم فرق الأحياء المجاورة.",
    ],
    deliverable: { kind: "service", titleFr: "Séances sportives encadrées", unit: "séances" },
  },
];

/** The words searched by the benchmark: each occurs in one theme only. */
export const SEARCH_WORDS = { fr: "ophtalmologiques", ar: "المدرسية" } as const;

export const COMMON_FR = [
  "Les parties conviennent de se réunir en comité de suivi au moins une fois par trimestre.",
  "Toute modification de la présente convention fait l'objet d'un avenant signé par les deux parties.",
  "Les données personnelles des bénéficiaires sont traitées conformément à la loi 09-08.",
  "Chaque partie désigne un interlocuteur chargé du suivi des engagements.",
  "Les contributions financières sont versées sur le compte bancaire de l'association.",
  "La présente convention entre en vigueur à la date de sa signature par les deux parties.",
  "Le partenaire peut mentionner le programme dans sa communication institutionnelle.",
  "En cas de différend, les parties recherchent d'abord une solution à l'amiable.",
];

export const COMMON_AR = [
  "يتفق الطرفان على الاجتماع في إطار لجنة التتبع مرة واحدة على الأقل كل ثلاثة أشهر.",
  "يكون كل تعديل لهذه الاتفاقية موضوع ملحق يوقعه الطرفان.",
  "تعالج المعطيات الشخصية للمستفيدين طبقا للقانون 09.08.",
  "يعين كل طرف مخاطبا مكلفا بتتبع الالتزامات.",
  "تحول المساهمات المالية إلى الحساب البنكي للجمعية.",
  "تدخل هذه الاتفاقية حيز التنفيذ من تاريخ توقيعها من طرف الطرفين.",
  "يمكن للشريك ذكر البرنامج في تواصله المؤسساتي.",
  "في حالة نزاع، يسعى الطرفان أولا إلى حل ودي.",
];

export const HEADINGS_FR = [
  "Objet",
  "Engagements de l'association",
  "Engagements du partenaire",
  "Durée",
  "Comité de suivi",
  "Dispositions financières",
  "Visibilité",
  "Confidentialité",
  "Avenants",
  "Résiliation",
  "Litiges",
  "Suivi et évaluation",
  "Bénéficiaires",
  "Calendrier",
  "Rapports",
];
export const HEADINGS_AR = [
  "الموضوع",
  "التزامات الجمعية",
  "التزامات الشريك",
  "المدة",
  "لجنة التتبع",
  "المقتضيات المالية",
  "الإشهار",
  "السرية",
  "الملاحق",
  "الفسخ",
  "النزاعات",
  "التتبع والتقييم",
  "المستفيدون",
  "الجدول الزمني",
  "التقارير",
];

export const CITIES = [
  "Smara",
  "Casablanca",
  "Rabat",
  "Agadir",
  "Marrakech",
  "Fès",
  "Oujda",
  "Laâyoune",
  "Tanger",
  "Errachidia",
  "Ouarzazate",
  "Tiznit",
  "Khénifra",
  "Azilal",
  "Guelmim",
];
export const CITIES_AR = [
  "السمارة",
  "الدار البيضاء",
  "الرباط",
  "أكادير",
  "مراكش",
  "فاس",
  "وجدة",
  "العيون",
  "طنجة",
  "الرشيدية",
  "ورزازات",
  "تيزنيت",
  "خنيفرة",
  "أزيلال",
  "كلميم",
];
export const FIRST_NAMES = [
  "Mustapha",
  "Salma",
  "Nadia",
  "Hicham",
  "Faten",
  "Karim",
  "Fatiha",
  "Youssef",
  "Khadija",
  "Omar",
  "Imane",
  "Rachid",
  "Zineb",
  "Abdellah",
  "Hanane",
  "Said",
  "Meryem",
  "Driss",
  "Laila",
  "Anas",
];
export const LAST_NAMES = [
  "El Harma",
  "Bouzid",
  "Amrani",
  "Masfar",
  "Benabdellah",
  "Bennani",
  "Mghoghi",
  "Alaoui",
  "Tazi",
  "Idrissi",
  "Berrada",
  "Ouazzani",
  "Chraibi",
  "Lahlou",
  "Fassi",
  "Naciri",
  "Kettani",
  "Sqalli",
  "Bekkali",
  "Ziani",
];
export const ASSOCIATION_WORDS = [
  "Al-Khair",
  "Al-Amal",
  "Annour",
  "Tadamoun",
  "Al-Ihsane",
  "Assafa",
  "Al-Baraka",
  "Tifawin",
  "Amal Al-Ghad",
  "Al-Wifaq",
];
export const ASSOCIATION_WORDS_AR = [
  "الخير",
  "الأمل",
  "النور",
  "التضامن",
  "الإحسان",
  "الصفاء",
  "البركة",
  "تيفاوين",
  "أمل الغد",
  "الوفاق",
];
export const COMPANY_WORDS = [
  "Atlas",
  "Maghreb",
  "Sahara",
  "Argane",
  "Oasis",
  "Médina",
  "Sud",
  "Horizon",
  "Cèdre",
  "Safran",
];
export const COMPANY_SECTORS = [
  "Télécom",
  "Distribution",
  "Énergie",
  "Assurances",
  "Banque",
  "Mines",
  "Agroalimentaire",
  "Logistique",
  "Pharma",
  "Immobilier",
];

/** A paragraph of n sentences, mixing the theme's and the common sentences. */
export function paragraph(rng: Rng, theme: Theme, language: "fr" | "ar", n: number): string {
  const own = language === "fr" ? theme.sentencesFr : theme.sentencesAr;
  const common = language === "fr" ? COMMON_FR : COMMON_AR;
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.chance(0.5) ? rng.pick(own) : rng.pick(common));
  return out.join(" ");
}

/** Markdown minutes of about `bytes` bytes, in French with Arabic passages. */
export function minutesText(rng: Rng, theme: Theme, number: number, bytes: number): string {
  const parts = [
    `# Procès-verbal de la réunion n° ${number}`,
    "",
    "## Présents",
    "",
    "- Le président de l'association",
    "- La responsable RSE du partenaire",
    "",
  ];
  let size = parts.join("\n").length * 1.2;
  let point = 1;
  while (size < bytes) {
    const block = `## Point ${point}\n\n${paragraph(rng, theme, "fr", 4)}\n\n${paragraph(rng, theme, "ar", 3)}\n\n- Décision : ${rng.pick(COMMON_FR)}\n`;
    parts.push(block);
    size += Buffer.byteLength(block);
    point += 1;
  }
  return parts.join("\n");
}
