/**
 * Standard clause library for partnership agreements ("conventions de partenariat").
 *
 * An association president inserts these clauses into a draft agreement and then
 * adapts them. Bodies are Markdown; text in square brackets (e.g. "[ville]",
 * "[المدينة]", "[city]") is a placeholder that must be filled in. Headings carry no
 * article number: numbering is added when the agreement is assembled.
 */

export const CLAUSE_TOPICS = [
  "object",
  "commitments",
  "duration",
  "committee",
  "financial",
  "visibility",
  "confidentiality",
  "amendment",
  "termination",
  "disputes",
] as const;
export type ClauseTopic = (typeof CLAUSE_TOPICS)[number];

export type ClauseLanguage = "fr" | "ar" | "en";

export interface StandardClause {
  topic: ClauseTopic;
  language: ClauseLanguage;
  heading: string;
  body: string;
}

/** Joins Markdown lines; every line starts at column 0. Use "" for a blank line. */
const md = (...lines: string[]): string => lines.join("\n");

export const STANDARD_CLAUSES: readonly StandardClause[] = [
  // ── Objet / موضوع الاتفاقية / Purpose ─────────────────────────────────────
  {
    topic: "object",
    language: "fr",
    heading: "Objet de la convention",
    body: md(
      "La présente convention a pour objet de définir le cadre de coopération et de partenariat entre [nom de l’association], ci-après dénommée « l’Association », et [nom du partenaire], ci-après dénommé « le Partenaire », en vue de la conception et de la mise en œuvre conjointes de programmes sociaux au profit de la population de [commune ou province].",
      "",
      "Ces programmes portent notamment sur les domaines suivants :",
      "",
      "- [domaine d’intervention 1, par exemple : éducation et lutte contre l’abandon scolaire] ;",
      "- [domaine d’intervention 2, par exemple : santé de proximité] ;",
      "- [domaine d’intervention 3, par exemple : insertion socio-économique des jeunes et des femmes].",
      "",
      "Les actions à réaliser, leurs modalités de mise en œuvre et le calendrier correspondant sont précisés dans le plan d’action annuel arrêté par le comité de suivi prévu par la présente convention.",
    ),
  },
  {
    topic: "object",
    language: "ar",
    heading: "موضوع الاتفاقية",
    body: md(
      "تهدف هذه الاتفاقية إلى تحديد إطار التعاون والشراكة بين [اسم الجمعية]، المشار إليها فيما يلي بـ«الجمعية»، و[اسم الشريك]، المشار إليه فيما يلي بـ«الشريك»، قصد إعداد وتنفيذ برامج اجتماعية مشتركة لفائدة ساكنة [الجماعة أو الإقليم].",
      "",
      "وتشمل هذه البرامج على الخصوص المجالات التالية:",
      "",
      "- [مجال التدخل 1، مثلا: التربية ومحاربة الهدر المدرسي]؛",
      "- [مجال التدخل 2، مثلا: صحة القرب]؛",
      "- [مجال التدخل 3، مثلا: الإدماج السوسيو-اقتصادي للشباب والنساء].",
      "",
      "وتحدد الأنشطة المزمع إنجازها وكيفيات تنفيذها والجدولة الزمنية الخاصة بها في برنامج العمل السنوي الذي تعده لجنة التتبع المنصوص عليها في هذه الاتفاقية.",
    ),
  },
  {
    topic: "object",
    language: "en",
    heading: "Purpose of the agreement",
    body: md(
      "The purpose of this agreement is to define the framework for cooperation and partnership between [association name], hereinafter referred to as “the Association”, and [partner name], hereinafter referred to as “the Partner”, with a view to jointly designing and implementing social programmes for the benefit of the population of [commune or province].",
      "",
      "These programmes cover, in particular, the following areas:",
      "",
      "- [area of intervention 1, e.g. education and prevention of school dropout];",
      "- [area of intervention 2, e.g. community health care];",
      "- [area of intervention 3, e.g. socio-economic inclusion of young people and women].",
      "",
      "The activities to be carried out, the arrangements for their implementation and the corresponding timetable are set out in the annual action plan adopted by the follow-up committee provided for in this agreement.",
    ),
  },

  // ── Engagements / التزامات الأطراف / Commitments ─────────────────────────
  {
    topic: "commitments",
    language: "fr",
    heading: "Engagements des parties",
    body: md(
      "Dans le cadre de la présente convention, l’Association s’engage à :",
      "",
      "1. mettre en œuvre les activités prévues au plan d’action annuel, dans le respect des délais et des normes de qualité convenus ;",
      "2. présenter au Partenaire des rapports d’activité périodiques ainsi qu’un rapport annuel d’exécution ;",
      "3. tenir une comptabilité régulière et distincte retraçant l’ensemble des opérations relatives à la présente convention, conformément à la réglementation en vigueur ;",
      "4. mentionner la contribution du Partenaire dans l’ensemble des supports et actions de communication liés aux programmes.",
      "",
      "Le Partenaire s’engage, pour sa part, à :",
      "",
      "1. apporter une contribution financière et/ou en nature selon les modalités fixées par la présente convention ;",
      "2. fournir à l’Association l’appui technique et l’expertise nécessaires à la bonne exécution des programmes ;",
      "3. désigner ses représentants au sein du comité de suivi et participer à ses travaux.",
    ),
  },
  {
    topic: "commitments",
    language: "ar",
    heading: "التزامات الأطراف",
    body: md(
      "في إطار هذه الاتفاقية، تلتزم الجمعية بما يلي:",
      "",
      "1. تنفيذ الأنشطة المبرمجة في برنامج العمل السنوي، مع احترام الآجال ومعايير الجودة المتفق عليها؛",
      "2. موافاة الشريك بتقارير دورية عن الأنشطة وبتقرير سنوي حول التنفيذ؛",
      "3. مسك محاسبة منتظمة ومستقلة تتضمن جميع العمليات المتعلقة بهذه الاتفاقية، وفقا للتشريعات الجاري بها العمل؛",
      "4. الإشارة إلى مساهمة الشريك في جميع الدعامات والأنشطة التواصلية المرتبطة بالبرامج.",
      "",
      "ويلتزم الشريك من جهته بما يلي:",
      "",
      "1. تقديم مساهمة مالية و/أو عينية وفق الكيفيات المحددة في هذه الاتفاقية؛",
      "2. تقديم الدعم التقني والخبرة اللازمين للجمعية من أجل حسن تنفيذ البرامج؛",
      "3. تعيين ممثليه في لجنة التتبع والمشاركة في أشغالها.",
    ),
  },
  {
    topic: "commitments",
    language: "en",
    heading: "Commitments of the parties",
    body: md(
      "Under this agreement, the Association undertakes to:",
      "",
      "1. implement the activities set out in the annual action plan, in compliance with the agreed deadlines and quality standards;",
      "2. submit periodic activity reports and an annual implementation report to the Partner;",
      "3. keep regular and separate accounts of all transactions relating to this agreement, in accordance with the regulations in force;",
      "4. mention the Partner’s contribution in all communication materials and activities relating to the programmes.",
      "",
      "The Partner, for its part, undertakes to:",
      "",
      "1. provide a financial and/or in-kind contribution in accordance with the terms set out in this agreement;",
      "2. provide the Association with the technical support and expertise required for the proper implementation of the programmes;",
      "3. appoint its representatives to the follow-up committee and take part in its work.",
    ),
  },

  // ── Durée / المدة والتجديد / Duration ────────────────────────────────────
  {
    topic: "duration",
    language: "fr",
    heading: "Durée et renouvellement",
    body: md(
      "La présente convention entre en vigueur à compter de la date de sa signature par les parties. Elle est conclue pour une durée d’un (1) an.",
      "",
      "Elle est renouvelable par tacite reconduction pour des périodes successives de même durée, sauf dénonciation par l’une des parties, notifiée à l’autre partie par écrit, par lettre recommandée avec accusé de réception ou remise contre décharge, au moins trois (3) mois avant la date d’expiration de la période en cours.",
      "",
      "La non-reconduction de la convention ne donne droit à aucune indemnité au profit de l’une ou l’autre des parties. Les actions engagées avant la date d’expiration sont poursuivies jusqu’à leur achèvement, dans les conditions prévues par la présente convention, sauf accord contraire des parties.",
    ),
  },
  {
    topic: "duration",
    language: "ar",
    heading: "المدة والتجديد",
    body: md(
      "تدخل هذه الاتفاقية حيز التنفيذ ابتداء من تاريخ توقيعها، وتبرم لمدة سنة واحدة.",
      "",
      "وتجدد هذه الاتفاقية بصفة ضمنية لمدد متتالية مماثلة، ما لم يشعر أحد الطرفين الطرف الآخر كتابة برغبته في عدم تجديدها، بواسطة رسالة مضمونة الوصول مع إشعار بالتوصل أو بتسليمها مقابل وصل، وذلك ثلاثة (3) أشهر على الأقل قبل تاريخ انتهاء المدة الجارية.",
      "",
      "ولا يترتب عن عدم تجديد الاتفاقية أي حق في التعويض لفائدة أي من الطرفين. وتستمر الأنشطة التي شرع في تنفيذها قبل تاريخ الانتهاء إلى حين استكمالها وفق الشروط المنصوص عليها في هذه الاتفاقية، ما لم يتفق الطرفان على خلاف ذلك.",
    ),
  },
  {
    topic: "duration",
    language: "en",
    heading: "Duration and renewal",
    body: md(
      "This agreement shall enter into force on the date of its signature by the parties. It is concluded for a period of one (1) year.",
      "",
      "It shall be tacitly renewed for successive periods of the same duration, unless either party notifies the other in writing, by registered letter with acknowledgement of receipt or by hand delivery against receipt, of its decision not to renew it at least three (3) months before the expiry of the current period.",
      "",
      "Non-renewal of the agreement shall not give rise to any compensation for either party. Activities begun before the expiry date shall be continued until their completion under the conditions laid down in this agreement, unless the parties agree otherwise.",
    ),
  },

  // ── Comité de suivi / لجنة التتبع / Follow-up committee ──────────────────
  {
    topic: "committee",
    language: "fr",
    heading: "Comité de suivi",
    body: md(
      "Il est institué un comité mixte de suivi composé de [nombre] représentants de l’Association et de [nombre] représentants du Partenaire, désignés par chacune des parties. Le comité peut inviter, à titre consultatif, toute personne dont la participation est jugée utile.",
      "",
      "Le comité de suivi est chargé notamment :",
      "",
      "- d’élaborer et d’arrêter le plan d’action annuel ;",
      "- de suivre l’exécution des programmes et d’évaluer leurs résultats ;",
      "- d’examiner les rapports d’activité et les rapports financiers ;",
      "- de proposer toute mesure de nature à améliorer la mise en œuvre de la présente convention.",
      "",
      "Le comité se réunit au moins une fois par trimestre, et chaque fois que nécessaire à la demande de l’une des parties. Chaque réunion donne lieu à un procès-verbal signé par les représentants des parties, dont une copie est remise à chacune d’elles.",
    ),
  },
  {
    topic: "committee",
    language: "ar",
    heading: "لجنة التتبع",
    body: md(
      "تحدث لجنة مشتركة للتتبع تتكون من [العدد] من ممثلي الجمعية و[العدد] من ممثلي الشريك، يعينهم كل طرف. ويمكن للجنة أن تستدعي، بصفة استشارية، كل شخص ترى فائدة في حضوره.",
      "",
      "وتتولى لجنة التتبع على الخصوص المهام التالية:",
      "",
      "- إعداد برنامج العمل السنوي والمصادقة عليه؛",
      "- تتبع تنفيذ البرامج وتقييم نتائجها؛",
      "- دراسة تقارير الأنشطة والتقارير المالية؛",
      "- اقتراح كل إجراء من شأنه تحسين تنفيذ هذه الاتفاقية.",
      "",
      "وتجتمع اللجنة مرة واحدة على الأقل كل ثلاثة أشهر، وكلما دعت الضرورة إلى ذلك بطلب من أحد الطرفين. ويحرر عن كل اجتماع محضر يوقعه ممثلو الطرفين، وتسلم نسخة منه لكل طرف.",
    ),
  },
  {
    topic: "committee",
    language: "en",
    heading: "Joint follow-up committee",
    body: md(
      "A joint follow-up committee is hereby established, composed of [number] representatives of the Association and [number] representatives of the Partner, appointed by each party. The committee may invite, in an advisory capacity, any person whose participation it deems useful.",
      "",
      "The follow-up committee is responsible in particular for:",
      "",
      "- preparing and adopting the annual action plan;",
      "- monitoring the implementation of the programmes and evaluating their results;",
      "- reviewing activity reports and financial reports;",
      "- proposing any measure likely to improve the implementation of this agreement.",
      "",
      "The committee shall meet at least once a quarter, and whenever necessary at the request of either party. Minutes shall be drawn up for each meeting and signed by the representatives of the parties, and a copy shall be given to each party.",
    ),
  },

  // ── Dispositions financières / المقتضيات المالية / Financial provisions ──
  {
    topic: "financial",
    language: "fr",
    heading: "Dispositions financières",
    body: md(
      "Le Partenaire s’engage à verser à l’Association une contribution financière d’un montant total de [montant] MAD ([montant en lettres] dirhams), selon l’échéancier suivant :",
      "",
      "1. une première tranche de [montant] MAD à la signature de la présente convention ;",
      "2. une deuxième tranche de [montant] MAD au plus tard le [date], après approbation du rapport d’étape par le comité de suivi.",
      "",
      "Les fonds sont versés sur un compte bancaire dédié, ouvert au nom de l’Association auprès de [banque] (RIB : [numéro de RIB]). Ils sont exclusivement affectés à la réalisation des actions objet de la présente convention.",
      "",
      "L’Association remet au Partenaire, dans un délai de [nombre] mois suivant la clôture de chaque exercice, un rapport financier détaillé accompagné des pièces justificatives. Le Partenaire se réserve le droit de procéder, par lui-même ou par un organisme qu’il désigne, à tout contrôle ou audit de l’utilisation des fonds.",
    ),
  },
  {
    topic: "financial",
    language: "ar",
    heading: "المقتضيات المالية",
    body: md(
      "يلتزم الشريك بتحويل مساهمة مالية إجمالية قدرها [المبلغ] درهم ([المبلغ بالحروف]) لفائدة الجمعية، وفق الجدولة التالية:",
      "",
      "1. دفعة أولى قدرها [المبلغ] درهم عند توقيع هذه الاتفاقية؛",
      "2. دفعة ثانية قدرها [المبلغ] درهم في أجل أقصاه [التاريخ]، بعد مصادقة لجنة التتبع على التقرير المرحلي.",
      "",
      "وتحول هذه المبالغ إلى حساب بنكي خاص مفتوح باسم الجمعية لدى [البنك] تحت رقم [رقم الحساب البنكي]، وتخصص حصريا لإنجاز الأنشطة موضوع هذه الاتفاقية.",
      "",
      "وتلتزم الجمعية بأن تقدم للشريك، داخل أجل [المدة] من اختتام كل سنة مالية، تقريرا ماليا مفصلا مرفقا بالوثائق المثبتة. ويحتفظ الشريك بحق القيام، بنفسه أو بواسطة جهة يعينها، بكل مراقبة أو افتحاص لكيفية استعمال هذه الأموال.",
    ),
  },
  {
    topic: "financial",
    language: "en",
    heading: "Financial provisions",
    body: md(
      "The Partner undertakes to pay the Association a financial contribution totalling [amount] MAD ([amount in words] dirhams), according to the following schedule:",
      "",
      "1. a first instalment of [amount] MAD upon signature of this agreement;",
      "2. a second instalment of [amount] MAD no later than [date], following approval of the progress report by the follow-up committee.",
      "",
      "The funds shall be paid into a dedicated bank account opened in the name of the Association with [bank] (RIB: [bank account number]). They shall be used exclusively to carry out the activities covered by this agreement.",
      "",
      "Within [number] months of the end of each financial year, the Association shall submit to the Partner a detailed financial report together with supporting documents. The Partner reserves the right to carry out, itself or through a body it designates, any inspection or audit of the use of the funds.",
    ),
  },

  // ── Communication / التواصل والإشعاع / Visibility ────────────────────────
  {
    topic: "visibility",
    language: "fr",
    heading: "Communication et visibilité",
    body: md(
      "Chacune des parties s’engage à mentionner le partenariat objet de la présente convention dans toutes ses actions de communication relatives aux programmes conjoints, notamment les publications, supports imprimés ou numériques, sites internet, réseaux sociaux et manifestations publiques.",
      "",
      "L’utilisation par l’une des parties du nom, du logo ou de tout autre signe distinctif de l’autre partie est subordonnée à l’accord préalable et écrit de cette dernière, qui en précise les conditions d’utilisation. Cette autorisation est limitée à la durée de la présente convention et aux seules actions qui en relèvent.",
      "",
      "Les actions de communication conjointes (communiqués de presse, cérémonies, rapports publics) sont préparées d’un commun accord entre les parties, dans le cadre du comité de suivi. Aucune des parties ne peut engager l’autre par une déclaration publique sans son accord préalable.",
    ),
  },
  {
    topic: "visibility",
    language: "ar",
    heading: "التواصل والإشعاع",
    body: md(
      "يلتزم كل طرف بالإشارة إلى الشراكة موضوع هذه الاتفاقية في جميع أنشطته التواصلية المتعلقة بالبرامج المشتركة، ولا سيما المنشورات والدعامات الورقية أو الرقمية والمواقع الإلكترونية وشبكات التواصل الاجتماعي والتظاهرات العمومية.",
      "",
      "ويخضع استعمال أحد الطرفين لاسم الطرف الآخر أو شعاره أو أي علامة مميزة أخرى خاصة به للموافقة المسبقة والكتابية لهذا الأخير، الذي يحدد شروط استعمالها. ويقتصر هذا الإذن على مدة هذه الاتفاقية وعلى الأنشطة المندرجة في إطارها دون غيرها.",
      "",
      "ويتم إعداد الأنشطة التواصلية المشتركة (البلاغات الصحفية، الحفلات الرسمية، التقارير العمومية) باتفاق بين الطرفين في إطار لجنة التتبع. ولا يجوز لأي طرف أن يلزم الطرف الآخر بأي تصريح عمومي دون موافقته المسبقة.",
    ),
  },
  {
    topic: "visibility",
    language: "en",
    heading: "Communication and visibility",
    body: md(
      "Each party undertakes to mention the partnership covered by this agreement in all its communication relating to the joint programmes, in particular publications, printed or digital materials, websites, social networks and public events.",
      "",
      "The use by either party of the name, logo or any other distinctive sign of the other party is subject to the prior written consent of the latter, which shall specify the conditions of use. Such authorisation is limited to the term of this agreement and to the activities carried out under it.",
      "",
      "Joint communication activities (press releases, ceremonies, public reports) shall be prepared by mutual agreement between the parties within the follow-up committee. Neither party may commit the other through a public statement without its prior consent.",
    ),
  },

  // ── Confidentialité / السرية / Confidentiality ───────────────────────────
  {
    topic: "confidentiality",
    language: "fr",
    heading: "Confidentialité et données personnelles",
    body: md(
      "Les parties s’engagent à garder confidentiels les informations et documents de toute nature dont elles ont connaissance à l’occasion de l’exécution de la présente convention, et à ne pas les divulguer à des tiers sans l’accord préalable et écrit de l’autre partie. Cette obligation demeure en vigueur pendant [nombre] ans après l’expiration de la convention.",
      "",
      "Le traitement des données à caractère personnel des bénéficiaires est effectué par l’Association dans le strict respect de la loi n° 09-08 relative à la protection des personnes physiques à l’égard du traitement des données à caractère personnel. À ce titre :",
      "",
      "- seules les données strictement nécessaires à la réalisation des actions sont collectées ;",
      "- les bénéficiaires sont informés de la finalité du traitement et de leurs droits d’accès, de rectification et d’opposition ;",
      "- l’Association accomplit, le cas échéant, les formalités préalables auprès de la CNDP ;",
      "- le Partenaire ne reçoit que des données agrégées et anonymisées, ne permettant pas l’identification des bénéficiaires.",
    ),
  },
  {
    topic: "confidentiality",
    language: "ar",
    heading: "السرية وحماية المعطيات الشخصية",
    body: md(
      "يلتزم الطرفان بالحفاظ على سرية المعلومات والوثائق، كيفما كانت طبيعتها، التي يطلعان عليها بمناسبة تنفيذ هذه الاتفاقية، وبعدم إفشائها للغير دون الموافقة المسبقة والكتابية للطرف الآخر. ويظل هذا الالتزام ساريا لمدة [المدة] بعد انتهاء الاتفاقية.",
      "",
      "وتتولى الجمعية معالجة المعطيات ذات الطابع الشخصي الخاصة بالمستفيدين في ظل الاحترام التام لمقتضيات القانون رقم 09.08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي. وفي هذا الإطار:",
      "",
      "- لا تجمع إلا المعطيات الضرورية حصرا لإنجاز الأنشطة؛",
      "- يتم إخبار المستفيدين بالغاية من المعالجة وبحقوقهم في الولوج والتصحيح والتعرض؛",
      "- تقوم الجمعية، عند الاقتضاء، بالإجراءات المسبقة لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي؛",
      "- لا يتوصل الشريك إلا بمعطيات إحصائية مجمعة ومجهولة الهوية لا تسمح بالتعرف على المستفيدين.",
    ),
  },
  {
    topic: "confidentiality",
    language: "en",
    heading: "Confidentiality and personal data",
    body: md(
      "The parties undertake to keep confidential all information and documents of any kind that come to their knowledge in the course of implementing this agreement, and not to disclose them to third parties without the prior written consent of the other party. This obligation shall remain in force for [number] years after the expiry of the agreement.",
      "",
      "The Association shall process the personal data of beneficiaries in strict compliance with Moroccan Law No. 09-08 on the protection of individuals with regard to the processing of personal data. Accordingly:",
      "",
      "- only data strictly necessary to carry out the activities are collected;",
      "- beneficiaries are informed of the purpose of the processing and of their rights of access, rectification and objection;",
      "- the Association completes, where applicable, the prior formalities with the CNDP (National Commission for the Control of Personal Data Protection);",
      "- the Partner receives only aggregated, anonymised figures that do not allow beneficiaries to be identified.",
    ),
  },

  // ── Avenants / التعديلات / Amendments ────────────────────────────────────
  {
    topic: "amendment",
    language: "fr",
    heading: "Avenants",
    body: md(
      "Toute modification des dispositions de la présente convention, y compris la modification du montant ou de l’échéancier de la contribution financière, fait l’objet d’un avenant écrit, signé par les représentants dûment habilités des parties.",
      "",
      "La partie qui souhaite une modification en informe l’autre partie par écrit, en précisant l’objet et les motifs de la modification proposée. Le projet d’avenant est examiné au préalable par le comité de suivi.",
      "",
      "Tout avenant fait partie intégrante de la présente convention et entre en vigueur à la date de sa signature, sauf stipulation contraire. Les dispositions de la convention non modifiées par l’avenant demeurent applicables.",
    ),
  },
  {
    topic: "amendment",
    language: "ar",
    heading: "التعديلات والملاحق",
    body: md(
      "كل تعديل لمقتضيات هذه الاتفاقية، بما في ذلك تعديل مبلغ المساهمة المالية أو جدولة صرفها، يكون موضوع ملحق تعديلي مكتوب يوقعه الممثلون المؤهلون قانونا للطرفين.",
      "",
      "ويتعين على الطرف الراغب في التعديل إخبار الطرف الآخر بذلك كتابة، مع تحديد موضوع التعديل المقترح وأسبابه. ويعرض مشروع الملحق مسبقا على لجنة التتبع لدراسته.",
      "",
      "ويعتبر كل ملحق جزءا لا يتجزأ من هذه الاتفاقية، ويدخل حيز التنفيذ ابتداء من تاريخ توقيعه، ما لم ينص على خلاف ذلك. وتظل مقتضيات الاتفاقية التي لم يشملها التعديل سارية المفعول.",
    ),
  },
  {
    topic: "amendment",
    language: "en",
    heading: "Amendments",
    body: md(
      "Any change to the provisions of this agreement, including any change to the amount or schedule of the financial contribution, shall be made by a written amendment signed by the duly authorised representatives of the parties.",
      "",
      "A party wishing to propose a change shall notify the other party in writing, stating the subject of and reasons for the proposed change. The draft amendment shall first be examined by the follow-up committee.",
      "",
      "Each amendment forms an integral part of this agreement and enters into force on the date of its signature, unless otherwise stipulated. The provisions of the agreement not modified by the amendment remain applicable.",
    ),
  },

  // ── Résiliation / الفسخ / Termination ────────────────────────────────────
  {
    topic: "termination",
    language: "fr",
    heading: "Résiliation",
    body: md(
      "En cas de manquement par l’une des parties à l’une quelconque de ses obligations au titre de la présente convention, l’autre partie peut prononcer la résiliation de plein droit de la convention, après une mise en demeure adressée par lettre recommandée avec accusé de réception et restée sans effet pendant un délai de trente (30) jours à compter de sa réception.",
      "",
      "La présente convention peut également être résiliée à tout moment d’un commun accord entre les parties, constaté par écrit.",
      "",
      "En cas de résiliation, quel qu’en soit le motif :",
      "",
      "- les actions en cours d’exécution sont menées à leur terme ou arrêtées selon les modalités fixées par le comité de suivi, dans l’intérêt des bénéficiaires ;",
      "- l’Association présente un rapport d’activité et un rapport financier de clôture ;",
      "- les fonds ni utilisés ni engagés à la date de la résiliation sont restitués au Partenaire, sauf accord contraire des parties.",
    ),
  },
  {
    topic: "termination",
    language: "ar",
    heading: "الفسخ",
    body: md(
      "في حالة إخلال أحد الطرفين بأي من الالتزامات المترتبة عليه بموجب هذه الاتفاقية، يحق للطرف الآخر فسخها بقوة القانون، بعد توجيه إعذار بواسطة رسالة مضمونة الوصول مع إشعار بالتوصل، ظل دون جدوى لمدة ثلاثين (30) يوما ابتداء من تاريخ التوصل به.",
      "",
      "كما يمكن فسخ هذه الاتفاقية في أي وقت باتفاق الطرفين، يتم إثباته كتابة.",
      "",
      "وفي حالة الفسخ، كيفما كان سببه:",
      "",
      "- تستكمل الأنشطة الجاري تنفيذها أو يتم إيقافها وفق الكيفيات التي تحددها لجنة التتبع، مراعاة لمصلحة المستفيدين؛",
      "- تقدم الجمعية تقريرا ختاميا عن الأنشطة وتقريرا ماليا ختاميا؛",
      "- ترجع إلى الشريك الأموال غير المستعملة وغير الملتزم بها في تاريخ الفسخ، ما لم يتفق الطرفان على خلاف ذلك.",
    ),
  },
  {
    topic: "termination",
    language: "en",
    heading: "Termination",
    body: md(
      "In the event of a breach by either party of any of its obligations under this agreement, the other party may terminate the agreement as of right, after a formal notice sent by registered letter with acknowledgement of receipt has remained without effect for thirty (30) days from its receipt.",
      "",
      "This agreement may also be terminated at any time by mutual agreement of the parties, recorded in writing.",
      "",
      "In the event of termination, for whatever reason:",
      "",
      "- activities in progress shall be completed or discontinued in accordance with the arrangements decided by the follow-up committee, in the interest of the beneficiaries;",
      "- the Association shall submit a final activity report and a final financial report;",
      "- funds neither used nor committed at the date of termination shall be returned to the Partner, unless the parties agree otherwise.",
    ),
  },

  // ── Différends / تسوية النزاعات / Disputes ───────────────────────────────
  {
    topic: "disputes",
    language: "fr",
    heading: "Règlement des différends",
    body: md(
      "Les parties s’engagent à rechercher en priorité une solution amiable à tout différend relatif à l’interprétation ou à l’exécution de la présente convention.",
      "",
      "À cet effet, le différend est soumis au comité de suivi, à l’initiative de la partie la plus diligente, par notification écrite précisant son objet. Le comité se réunit dans un délai de [nombre] jours à compter de cette notification et s’efforce de proposer une solution acceptable par les parties.",
      "",
      "À défaut de règlement amiable dans un délai de [nombre] jours à compter de la saisine du comité, le différend est porté devant les tribunaux compétents de [ville].",
      "",
      "La présente convention est régie par le droit marocain.",
    ),
  },
  {
    topic: "disputes",
    language: "ar",
    heading: "تسوية النزاعات",
    body: md(
      "يلتزم الطرفان بالسعي أولا إلى إيجاد حل ودي لكل نزاع قد ينشأ بينهما بشأن تفسير هذه الاتفاقية أو تنفيذها.",
      "",
      "ولهذه الغاية، يعرض النزاع على لجنة التتبع بمبادرة من أحد الطرفين، بواسطة إشعار كتابي يحدد موضوعه. وتجتمع اللجنة داخل أجل [المدة] من تاريخ هذا الإشعار، وتسعى إلى اقتراح حل يقبله الطرفان.",
      "",
      "وفي حالة تعذر التسوية الودية داخل أجل [المدة] من تاريخ عرض النزاع على اللجنة، يحال النزاع على المحاكم المختصة بـ[المدينة].",
      "",
      "وتخضع هذه الاتفاقية للقانون المغربي.",
    ),
  },
  {
    topic: "disputes",
    language: "en",
    heading: "Settlement of disputes",
    body: md(
      "The parties undertake to seek, as a priority, an amicable solution to any dispute relating to the interpretation or performance of this agreement.",
      "",
      "To this end, the dispute shall be referred to the follow-up committee by either party, by written notice stating its subject. The committee shall meet within [number] days of such notice and shall endeavour to propose a solution acceptable to the parties.",
      "",
      "Failing an amicable settlement within [number] days of the referral to the committee, the dispute shall be brought before the competent courts of [city].",
      "",
      "This agreement is governed by Moroccan law.",
    ),
  },
];

/** The standard clause for a topic in a language. */
export function standardClause(topic: ClauseTopic, language: ClauseLanguage): StandardClause | undefined {
  return STANDARD_CLAUSES.find((c) => c.topic === topic && c.language === language);
}
