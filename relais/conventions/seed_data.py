"""The five reference conventions as data, reworded shortly; numbers and names kept exact.

Each party is keyed by the organisation slug it is loaded on (see seeds.ORGANIZATIONS).
Commitments are (text, recurrence, is_follow_up); recurrences: once, continuous, yearly, half_yearly, quarterly.
"""

import datetime

CONTINUOUS, ONCE, YEARLY, HALF_YEARLY, QUARTERLY = "continuous", "once", "yearly", "half_yearly", "quarterly"

COMMUNICATION_GEIQ = (
    "Les deux parties peuvent communiquer sur la charte pour faire connaître leurs intentions communes en faveur "
    "des jeunes. Chaque réseau est invité à communiquer régulièrement et largement sur les activités communes, "
    "notamment sur les réseaux sociaux."
)

SEED_000 = {
    "slug": "seed-000-cr-geiq-aura-amilaura",
    "source": "Texte de la charte signée le 7/11/2024",
    "title": "Charte de coopération régionale pour l'emploi des jeunes — CR GEIQ Auvergne-Rhône-Alpes et AMILAURA",
    "kind": "regional_charter",
    "region": "84",
    "status": "active",
    "signature_place": "",
    "signature_date": datetime.date(2024, 11, 7),
    # The text gives no effective date: the period starts on the signature date and lasts one year.
    "start_date": datetime.date(2024, 11, 7),
    "duration_months": 12,
    "duration_note": "Un an, renouvelable à échéance sur la base du bilan du COPIL annuel. Le texte ne fixe pas "
                     "de date d'effet : la période retenue court de la signature (7/11/2024) au 6/11/2025.",
    "renewal_rule": "annual_on_review",
    "followup_cadence": "half_yearly_point",
    "followup_note": "Suivi régulier entre les deux parties ; point semestriel entre le CR GEIQ et AMILAURA ; "
                     "bilan annuel partagé en COPIL un mois avant l'échéance.",
    "review_lead_months": 1,
    "preamble": "Le CR GEIQ AURA et AMILAURA formalisent leurs engagements réciproques pour permettre à des jeunes "
                "de réaliser leur projet tout en répondant aux besoins de recrutement des GEIQ "
                "d'Auvergne-Rhône-Alpes. Les Missions Locales, associations ou GIP créés par les communes et "
                "présidés par un élu, accompagnent les jeunes de 16 à 25 ans et mettent en œuvre le Contrat "
                "d'engagement jeune (CEJ) pour le compte de l'État.",
    "communication": COMMUNICATION_GEIQ,
    "parties": [
        {
            "org": "cr-geiq-84",
            "name_in_text": "Comité régional des GEIQ d'Auvergne-Rhône-Alpes (CR GEIQ AURA)",
            "presentation": "Réseau de 38 GEIQ en 2024 dans 13 secteurs : agroalimentaire ; bâtiment et travaux "
                            "publics ; espaces verts et travaux paysagers ; industrie ; logistique ; multisectoriel ; "
                            "numérique ; propreté ; santé et services à la personne ; sports et loisirs ; théâtre et "
                            "arts vivants ; tourisme ; transports. Les GEIQ, outils de recrutement administrés par "
                            "leurs employeurs, luttent contre l'exclusion par la qualification et le travail, avec "
                            "un accompagnement renforcé de leurs salariés.",
            "key_figures": [("GEIQ dans le réseau", 38, 2024), ("secteurs d'activité", 13, 2024)],
            "referents": [("Manuel COLOMBINO", "Animateur régional, interlocuteur unique")],
            "commitments": [
                ("Désigner l'animateur régional comme interlocuteur unique pour centraliser et diffuser les "
                 "informations", ONCE, False),
                ("Présenter les GEIQ, leurs offres de service, leurs spécificités et leur fonctionnement",
                 CONTINUOUS, False),
                ("Présenter les métiers et les caractéristiques des secteurs d'activité", CONTINUOUS, False),
                ("Communiquer à AMILAURA, de manière régulière et suivie, les besoins de recrutement, de formation "
                 "et d'actions de préqualification", CONTINUOUS, False),
                ("Faciliter les mises en relation de professionnels pour sécuriser les recrutements",
                 CONTINUOUS, False),
                ("Réaliser un point semestriel entre le CR GEIQ et AMILAURA", HALF_YEARLY, True),
            ],
        },
        {
            "org": "arml-84",
            "name_in_text": "Association régionale des Missions Locales d'Auvergne-Rhône-Alpes (AMILAURA)",
            "presentation": "Avec l'État et la Région, acteur de l'emploi des jeunes : lieu d'échanges et "
                            "d'innovation, structure et développe le réseau régional, porte l'animation régionale. "
                            "Le réseau des 61 Missions Locales, avec 652 points d'accueil, couvre toute la région.",
            "key_figures": [("Missions Locales", 61, None), ("points d'accueil", 652, None)],
            "referents": [("Thierry DESMAISON", ""), ("Alexia VIOLET", "")],
            "commitments": [
                ("Désigner un interlocuteur unique pour centraliser et diffuser les informations", ONCE, False),
                ("Fournir l'annuaire des Missions Locales d'Auvergne-Rhône-Alpes", CONTINUOUS, False),
                ("Fournir tout support de communication favorisant l'appropriation de son offre de service",
                 CONTINUOUS, False),
                ("Communiquer sur le partenariat : logo « partenaire » sur le site internet d'AMILAURA et "
                 "valorisation dans les communications extérieures", CONTINUOUS, False),
                ("Diffuser les offres d'emploi et informations des partenaires aux chargés de relations "
                 "entreprises et alternance des 61 Missions Locales", CONTINUOUS, False),
                ("Organiser un webinaire annuel de présentation du partenaire pour les chargés de relations "
                 "entreprises, les référents handicap et les conseillers des Missions Locales", YEARLY, False),
                ("Faciliter les mises en relation avec les chargés de relations entreprises et alternance des 61 "
                 "Missions Locales, à leur demande ou après le webinaire", CONTINUOUS, False),
                ("Réaliser une fiche par partenaire pour faciliter l'accès à l'information", CONTINUOUS, False),
                ("Centraliser l'information sur un intranet pour la rendre plus accessible", CONTINUOUS, False),
            ],
        },
    ],
    "common_commitments": [
        ("Tenir une réunion annuelle d'échange d'informations et d'actualités pour entretenir la connaissance "
         "mutuelle des offres et champs d'intervention", YEARLY, False),
    ],
    "signatories": [
        ("cr-geiq-84", "Lucio CAMPANILE", "Président du Comité régional des GEIQ"),
        ("arml-84", "Wendy LAFAYE", "Présidente d'AMILAURA"),
    ],
    "purposes": [
        ("Conforter un cadrage régional qui impulse une dynamique, tout en laissant les Missions Locales et les GEIQ "
         "le décliner sur leur territoire", []),
        ("Informer les jeunes accueillis en Mission Locale sur les métiers et les opportunités d'emploi et "
         "d'alternance, pour favoriser leur accès à l'emploi", []),
        ("Développer la découverte des métiers", [
            "Périodes de mise en situation en milieu professionnel (PMSMP)",
            "Actions de préqualification : préparation opérationnelle à l'emploi (POE)",
            "Actions d'information et de sensibilisation aux métiers à pourvoir dans les GEIQ",
            "Ateliers participatifs et interactifs",
        ]),
    ],
    "objectives": [
        "Répondre aux besoins de recrutement des entreprises adhérentes des GEIQ",
        "Faire connaître l'ensemble des activités des GEIQ au public de 18 à 25 ans accueilli en Mission Locale",
        "Nommer dans chaque Mission Locale un référent de la relation avec chaque GEIQ, qui mutualise les "
        "candidatures prescrites par les conseillers et diffuse les informations du GEIQ ; les conseillers "
        "apportent un appui renforcé sur les difficultés sociales",
    ],
    "axes": [
        ("Développer la connaissance mutuelle des deux structures et de leur champ d'intervention", []),
        ("Favoriser l'insertion professionnelle des jeunes reconnus comme publics prioritaires", []),
        ("Appuyer les recrutements et la diffusion des offres et de l'alternance, et valoriser la responsabilité "
         "sociale et environnementale (RSE)", []),
        ("Valoriser les métiers auprès des salariés des Missions Locales", []),
        ("S'impliquer dans des projets RSE ou de mécénat", []),
    ],
    # The text lists these actions once for all the axes.
    "actions": [
        "Promouvoir les dispositifs du plan 1jeune1solution, en particulier l'alternance, auprès des jeunes",
        "Favoriser l'intégration des jeunes orientés par les Missions Locales en préparant leurs candidatures",
        "Proposer des visites d'entreprises aux salariés des Missions Locales d'Auvergne-Rhône-Alpes et aux jeunes "
        "qu'ils suivent",
        "Participer aux événements « emploi » organisés par AMILAURA ou les Missions Locales (forums, journées "
        "professionnelles, groupes de travail…)",
        "Animer des réunions d'information sur les métiers pour les jeunes et les conseillers, pour se connaître et "
        "identifier les complémentarités des offres de service sur le territoire",
        "Communiquer aux Missions Locales les opportunités d'emploi, les dispositifs et les actions des GEIQ",
        "Proposer au réseau des GEIQ des projets d'intérêt général liés à la jeunesse et des partenariats dans des "
        "appels à projets",
        "Travailler en partenariat sur des projets RSE ou d'intérêt général",
        "Co-construire toute autre action favorisant le recrutement de personnes des quartiers prioritaires (QPV), "
        "reconnues travailleurs handicapés (RQTH) ou éloignées de l'emploi",
        "Promouvoir le parrainage et le mentorat de jeunes et informer à leur sujet",
        "Intervenir dans des groupes CEJ et proposer de parrainer des jeunes ou des promotions",
    ],
    "indicators": [
        ("Inventaire des informations « collectives métiers » pour les conseillers", "info_sessions_counsellors"),
        ("Inventaire des informations « collectives métiers » pour les jeunes (alternance, CEJ…)",
         "info_sessions_youths"),
        ("Nombre de jeunes positionnés par les Missions Locales sur les offres proposées", "youths_positioned"),
        ("Nombre de jeunes recrutés par type de contrat", "youths_hired_by_contract"),
    ],
}

SEED_001 = {
    "slug": "seed-001-cr-geiq-grand-est-arml",
    "source": "Texte de la charte signée à Nancy le 12/11/2024 (début du document manquant)",
    "title": "Charte de coopération régionale pour l'emploi des jeunes — CR GEIQ Grand Est et ARML Grand Est",
    "kind": "regional_charter",
    "region": "44",
    "status": "active",
    "signature_place": "Nancy",
    "signature_date": datetime.date(2024, 11, 12),
    "start_date": datetime.date(2024, 11, 12),
    "duration_months": 12,
    "duration_note": "Un an, renouvelable à échéance sur la base du bilan du COPIL annuel. Le texte ne fixe pas "
                     "de date d'effet : la période retenue court de la signature (12/11/2024) au 11/11/2025.",
    "renewal_rule": "annual_on_review",
    "followup_cadence": "quarterly_point",
    "followup_note": "Suivi régulier entre les deux parties ; point trimestriel entre le CR GEIQ et l'ARML Grand "
                     "Est ; bilan annuel partagé en COPIL un mois avant l'échéance.",
    "review_lead_months": 1,
    "is_incomplete": True,
    "missing_information": "Le début du texte manque : titre, présentation du Comité régional des GEIQ Grand Est "
                           "(seule sa dernière mission subsiste), objet de la charte, objectifs communs et intitulé "
                           "de la première liste d'axes. Le texte reprend au milieu de la présentation du CR GEIQ.",
    "preamble": "Les Missions Locales du Grand Est accompagnent les jeunes de 16 à 25 ans sortis du système "
                "scolaire dans une approche globale (emploi, formation, logement, santé, mobilité, droits), "
                "gratuite et fondée sur le volontariat des jeunes.",
    "communication": COMMUNICATION_GEIQ,
    "parties": [
        {
            "org": "cr-geiq-44",
            "name_in_text": "Comité régional des GEIQ Grand Est",
            "presentation": "(Présentation incomplète : le début manque.) … Contribuer au développement maîtrisé du "
                            "réseau en promouvant les GEIQ existants et en identifiant de nouveaux projets.",
            "key_figures": [],
            "referents": [("Stéphanie BATHELIER", "")],
            "commitments": [
                ("Être l'un des interlocuteurs régionaux", CONTINUOUS, False),
                ("Fournir tout support de communication favorisant l'appropriation de son offre de service",
                 CONTINUOUS, False),
                ("Présenter les GEIQ, leurs offres de service, leurs spécificités et leur fonctionnement",
                 CONTINUOUS, False),
                ("Présenter les métiers et les caractéristiques des secteurs d'activité", CONTINUOUS, False),
                ("Communiquer à l'ARML Grand Est, de manière régulière et suivie, les besoins de recrutement, de "
                 "formation ou d'actions de qualification", CONTINUOUS, False),
                ("Réaliser un point trimestriel entre le CR GEIQ et l'ARML Grand Est", QUARTERLY, True),
            ],
        },
        {
            "org": "arml-44",
            "name_in_text": "Association régionale des Missions Locales du Grand Est",
            "presentation": "Réunit les 43 Missions Locales qui couvrent tout le Grand Est ; renforce la "
                            "collaboration entre l'État et les collectivités au sein du réseau ; fait l'interface "
                            "avec la direction régionale du travail, de l'emploi et de la formation "
                            "professionnelle, les autres services de l'État et le Conseil régional ; adhère à "
                            "l'UNML. En 2023, les Missions Locales du Grand Est ont accueilli 76 116 jeunes, dont "
                            "30 924 pour la première fois.",
            "key_figures": [("Missions Locales", 43, None), ("jeunes accueillis", 76116, 2023),
                            ("jeunes accueillis pour la première fois", 30924, 2023)],
            "referents": [("", "La personne référente en Région (non nommée dans le texte)")],
            "commitments": [
                ("Désigner un interlocuteur unique pour centraliser et diffuser les informations", ONCE, False),
                ("Fournir tout support de communication favorisant l'appropriation de son offre de service",
                 CONTINUOUS, False),
                ("Fournir l'annuaire des Missions Locales du Grand Est", CONTINUOUS, False),
                ("Communiquer sur le partenariat : logo « partenaire » sur le site internet de l'ARML Grand Est et "
                 "valorisation dans les communications extérieures", CONTINUOUS, False),
                ("Diffuser les offres d'emploi et informations des partenaires aux chargés de relations "
                 "entreprises et alternance des 43 Missions Locales", CONTINUOUS, False),
                ("Faciliter les mises en relation avec les chargés de relations entreprises et alternance des 43 "
                 "Missions Locales, à leur demande", CONTINUOUS, False),
            ],
        },
    ],
    "common_commitments": [],
    "signatories": [
        ("cr-geiq-44", "J.C. CAILLAUD", "Président du CR GEIQ Grand Est"),
        ("arml-44", "J.F. BUELLA", "Président de l'ARML Grand Est"),
    ],
    "purposes": [],
    "objectives": [],
    "axes": [
        ("Axes communs (intitulé manquant dans le texte)", [
            "Promouvoir l'alternance",
            "Favoriser l'intégration des jeunes en préparant leurs candidatures",
            "S'inviter à des réunions d'information sur les métiers pour les jeunes et les animer, en s'appuyant "
            "sur la connaissance mutuelle des structures",
            "Co-construire toute autre action favorisant le recrutement de personnes issues des QPV, ayant une RQTH "
            "ou éloignées de l'emploi",
        ]),
        ("Axes GEIQ", [
            "Proposer des visites d'entreprises aux salariés des Missions Locales du Grand Est et aux jeunes "
            "accompagnés",
            "Apporter leur expertise sur les secteurs économiques et les projets du territoire",
        ]),
        ("Axes Missions Locales", [
            "Inviter les GEIQ aux événements « emploi » organisés par les Missions Locales du Grand Est (forums…)",
            "Proposer aux GEIQ d'intervenir auprès de collectifs de jeunes pour promouvoir des secteurs d'activité",
            "Promouvoir auprès des GEIQ le dispositif de parrainage des jeunes",
        ]),
    ],
    "actions": [],
    "indicators": [
        ("Inventaire des informations « collectives métiers » pour les jeunes (alternance, CEJ…)",
         "info_sessions_youths"),
        ("Nombre de jeunes recrutés par type de contrat", "youths_hired_by_contract"),
        ("Nombre d'interventions et de rencontres emploi des deux structures", "interventions_and_meetings"),
    ],
}

SEED_002 = {
    "slug": "seed-002-medef-midi-pyrenees",
    "source": "Texte de la convention de partenariat (date de signature non renseignée)",
    "title": "Convention de partenariat MEDEF Midi-Pyrénées, réseau des Missions Locales, ANPE et État",
    "kind": "partnership",
    "region": "76",
    # The signature blocks carry the names, the date line is blank: signed, date unknown.
    "status": "signed",
    "signature_place": "Toulouse",
    "signature_date": None,
    "signature_date_unknown": True,
    "start_date": None,
    "duration_months": 60,
    "duration_note": "Toute la durée du Plan de cohésion sociale, soit cinq ans. Le texte n'étant pas daté, le "
                     "début et la fin sont inconnus.",
    "renewal_rule": "fixed_term",
    "followup_cadence": "quarterly_steering",
    "followup_note": "Chaque année, les actions prioritaires sont déclinées dans un plan d'action assorti "
                     "d'objectifs opérationnels et de résultat, traduits en indicateurs (non listés dans la "
                     "convention). Le comité de pilotage régional se prononce chaque trimestre sur les actions en "
                     "projet, suit et évalue les actions conduites au regard de ces objectifs.",
    "review_lead_months": None,
    "missing_information": "Le texte n'est pas daté (« Fait à Toulouse le….. ») : date de signature, début et fin "
                           "inconnus. Les indicateurs sont renvoyés au plan d'action annuel.",
    "steering_committee": "MEDEF Midi-Pyrénées, Association régionale des Missions Locales, les Missions Locales, "
                          "les DDTEFP, la Direction régionale de l'ANPE et la DRTEFP.",
    "deployment": "Les préfets de département (DDTEFP), pilotes des services publics de l'emploi départementaux "
                  "(SPED), les représentations départementales du MEDEF, les présidents des Missions Locales et les "
                  "directeurs délégués de l'ANPE sensibilisent leurs agents, les entreprises et les partenaires, et "
                  "mettent en œuvre ensemble les actions préconisées ou toute initiative locale pertinente. Un "
                  "correspondant est désigné dans chaque Mission Locale, au MEDEF Midi-Pyrénées et dans chaque "
                  "représentation départementale ; il conclut des conventions d'application locales qui déclinent "
                  "les modalités pratiques.",
    "communication": "Le comité de pilotage détermine les actions de communication sur la convention et sur les "
                     "projets qu'elle a permis.",
    "preamble": "Le volet « jeunes » du Plan de cohésion sociale est l'occasion de promouvoir le contrat "
                "d'apprentissage et le contrat de professionnalisation. Les parties mettent en commun leurs moyens "
                "au service de l'insertion professionnelle des jeunes, dans le respect de l'égalité des chances, "
                "de l'égalité professionnelle et de la non-discrimination.",
    "parties": [
        {
            "org": "medef-midi-pyrenees",
            "name_in_text": "MEDEF Midi-Pyrénées",
            "presentation": "Voit dans l'emploi des jeunes un enjeu majeur pour le développement économique des "
                            "entreprises de la région et veut promouvoir les outils du volet « jeunes » du Plan de "
                            "cohésion sociale, en particulier l'apprentissage et la professionnalisation.",
            "referents": [("", "Un correspondant de la convention au MEDEF Midi-Pyrénées et dans chaque "
                               "représentation départementale (non nommés)")],
            "commitments": [
                ("Désigner un correspondant de la convention au MEDEF Midi-Pyrénées et dans chaque représentation "
                 "départementale", ONCE, False),
                ("Par les représentations départementales : sensibiliser agents, entreprises et partenaires aux "
                 "enjeux de la convention et mettre en œuvre les actions avec les autres parties", CONTINUOUS, False),
                ("Conclure, par ses correspondants, des conventions d'application locales avec les Missions "
                 "Locales", CONTINUOUS, False),
            ],
        },
        {
            "org": "arml-76",
            "name_in_text": "Association régionale des Missions Locales de Midi-Pyrénées (réseau des Missions Locales)",
            "presentation": "Coordonne le réseau des Missions Locales de Midi-Pyrénées, opérateur principal de "
                            "l'insertion des jeunes, qui veut participer à toute initiative rapprochant les jeunes "
                            "des entreprises et enrichir son offre de services aux entreprises.",
            "referents": [("", "Un correspondant de la convention dans chaque Mission Locale (non nommés)")],
            "commitments": [
                ("Désigner un correspondant de la convention dans chaque Mission Locale", ONCE, False),
                ("Par les présidents des Missions Locales : sensibiliser agents, entreprises et partenaires et "
                 "mettre en œuvre les actions avec les autres parties", CONTINUOUS, False),
            ],
        },
        {
            "org": "france-travail-76",
            "name_in_text": "Agence nationale pour l'emploi (ANPE) — Direction régionale",
            "presentation": "Opérateur principal de la mise en œuvre des mesures de la politique de l'emploi de "
                            "l'État (aujourd'hui France Travail).",
            "referents": [],
            "commitments": [
                ("Par les directeurs délégués : sensibiliser agents, entreprises et partenaires et mettre en œuvre "
                 "les actions avec les autres parties", CONTINUOUS, False),
            ],
        },
        {
            "org": "prefecture-76",
            "name_in_text": "L'État (Préfet de région)",
            "presentation": "Anime et pilote le service public de l'emploi, attentif aux objectifs de la politique "
                            "de l'emploi et aux principes d'égalité des chances, d'égalité professionnelle et de "
                            "non-discrimination.",
            "referents": [],
            "commitments": [
                ("Par les préfets de département (DDTEFP), pilotes des SPED : sensibiliser agents, entreprises et "
                 "partenaires et mettre en œuvre les actions avec les autres parties", CONTINUOUS, False),
            ],
        },
    ],
    "common_commitments": [
        ("Décliner chaque année les actions prioritaires dans un plan d'action assorti d'objectifs opérationnels "
         "et de résultat traduits en indicateurs", YEARLY, False),
        ("Réunir chaque trimestre le comité de pilotage régional : avis sur les actions en projet, suivi et "
         "évaluation des actions conduites", QUARTERLY, True),
    ],
    "signatories": [
        ("medef-midi-pyrenees", "Daniel THEBAULT", "Président du MEDEF Midi-Pyrénées"),
        ("arml-76", "Jean Raymond LEPINAY", "Président de l'Association régionale des Missions Locales"),
        ("france-travail-76", "Raymond LAGRE", "Directeur régional de l'ANPE"),
        ("prefecture-76", "Jean DAUBIGNY", "Préfet de région"),
    ],
    "purposes": [
        ("Mettre en commun moyens, capacité de mobilisation des acteurs et construction d'actions collectives et "
         "partenariales au service de l'insertion professionnelle des jeunes", []),
    ],
    "objectives": [],
    "axes": [
        ("Favoriser la communication pour améliorer l'image de l'entreprise auprès des jeunes et celle des jeunes "
         "accompagnés par les Missions Locales auprès des employeurs", [
            "Participation du MEDEF et des Missions Locales aux journées de regroupement de l'autre réseau sur les "
            "thèmes de la convention (alternance, accompagnement vers l'entreprise…)",
            "Participation du MEDEF, des Missions Locales, de l'ANPE et des DDTEFP à des réunions d'information "
            "thématiques pour les chefs d'entreprise (CIVIS, apprentissage, contrat de professionnalisation)",
            "Invitation de représentants des Missions Locales aux cellules régionales ou départementales "
            "« l'entreprise voit jeune »",
            "Visites ou périodes en entreprise dans la formation continue des conseillers des Missions Locales",
            "Communication sur les actions d'insertion efficaces des Missions Locales, modélisées pour être "
            "essaimées sur d'autres territoires",
            "Visites d'entreprises organisées ensemble pour les jeunes qui élaborent leur projet professionnel",
            "Participation de chefs d'entreprise à des informations collectives pour des jeunes ou des groupes de "
            "référents",
            "Appui du MEDEF Midi-Pyrénées et de l'ARML à la mise en œuvre, au suivi et à la capitalisation des "
            "actions des représentations départementales du MEDEF et des Missions Locales, cofinancées ou non par "
            "l'État au titre du Fonds d'insertion professionnelle des jeunes",
        ]),
        ("Faciliter l'accès des jeunes à l'emploi dans les entreprises", [
            "Organiser ou renforcer, dans chaque Mission Locale, des réseaux d'entreprises avec les représentations "
            "départementales du MEDEF, les branches ou des entreprises engagées pour l'emploi des jeunes",
            "Opérations conjointes de promotion de l'apprentissage et de la professionnalisation débouchant sur des "
            "mises en relation entre jeunes et entreprises",
            "Contribution à des périodes en entreprise pour les jeunes (prestations ANPE, stages, CDD, immersions "
            "dans le cadre du CIVIS) pour faciliter ou valider un projet d'orientation",
            "Réponse à l'offre de services conjointe ANPE–Missions Locales des plates-formes de vocation : appui "
            "des représentations du MEDEF à la collecte des offres immédiatement disponibles dans les branches qui "
            "recrutent et à leur dépôt à l'ANPE",
            "Implication réciproque dans le développement des réseaux de parrainage existants ou la création de "
            "nouveaux",
        ]),
    ],
    "actions": [],
    "indicators": [],
}

SEED_002_LOCAL = {
    "slug": "seed-002-local-medef-31-ml-toulouse",
    "source": "Exemple de convention d'application prévue par la convention MEDEF Midi-Pyrénées",
    "title": "Convention d'application locale — MEDEF Haute-Garonne et Mission Locale de Toulouse (exemple)",
    "kind": "local_application",
    "parent": "seed-002-medef-midi-pyrenees",
    "region": "76",
    "status": "draft",
    "renewal_rule": "unspecified",
    "followup_cadence": "none",
    "review_lead_months": None,
    "is_incomplete": True,
    "missing_information": "Exemple créé dans Relais pour montrer la déclinaison locale prévue par la convention "
                           "régionale : il n'existe pas de texte signé. Modalités pratiques, dates et signataires "
                           "sont à compléter par les correspondants.",
    "preamble": "Déclinaison locale, par les correspondants de la convention, des modalités pratiques d'action pour "
                "faciliter et accroître les possibilités d'insertion des jeunes en entreprise.",
    "parties": [
        {"org": "medef-31", "name_in_text": "MEDEF Haute-Garonne", "presentation": "",
         "referents": [("", "Correspondant de la convention (à désigner)")],
         "commitments": [("Désigner le correspondant de la convention", ONCE, False)]},
        {"org": "ml-toulouse", "name_in_text": "Mission Locale de Toulouse", "presentation": "",
         "referents": [("", "Correspondant de la convention (à désigner)")],
         "commitments": [("Désigner le correspondant de la convention", ONCE, False)]},
    ],
    "common_commitments": [],
    "signatories": [],
    "purposes": [],
    "objectives": [],
    "axes": [],
    "actions": [],
    "indicators": [],
}

SEED_003 = {
    "slug": "seed-003-mission-jeunes",
    "source": "Annonce de l'accord-cadre publiée le 20/09/2024",
    "title": "Accord-cadre national « Mission Jeunes » — DGEFP, UNML, AKTO et branches professionnelles",
    "kind": "national_framework",
    "region": None,
    "status": "signed",
    "signature_date": None,
    "signature_date_unknown": True,
    "renewal_rule": "unspecified",
    "followup_cadence": "none",
    "review_lead_months": None,
    "is_incomplete": True,
    "missing_information": "Le texte chargé est l'annonce de la signature publiée le 20/09/2024, pas l'accord "
                           "lui-même : date et lieu de signature, durée, engagements détaillés de chaque partie, "
                           "modalités de suivi et indicateurs n'y figurent pas.",
    "preamble": "Mission Jeunes, mise en œuvre en 2014 puis reconduite en 2021 entre la DGEFP, l'UNML, AKTO, "
                "Prism'emploi et le FASTT, propose aux jeunes des missions d'intérim et un accompagnement : "
                "préparation, levée des freins périphériques, mise en relation avec les entreprises, formation. "
                "Après la branche du travail temporaire, le partenariat s'étend à trois branches : commerces de "
                "gros ; hôtels, cafés, restaurants ; travail mécanique du bois, scieries, négoce et importation "
                "des bois / exploitations forestières et scieries agricoles.",
    "parties": [
        {"org": "dgefp", "role": "signatory",
         "name_in_text": "Délégation générale à l'emploi et à la formation professionnelle (DGEFP)",
         "presentation": "Rôle de facilitateur dans l'animation du partenariat.",
         "commitments": [("Faciliter l'animation du partenariat et le faire vivre dans tous les territoires "
                          "(déclaration de la DGEFP à la signature)", CONTINUOUS, False)]},
        {"org": "unml", "role": "signatory", "name_in_text": "Union nationale des Missions Locales (UNML)",
         "presentation": "", "commitments": []},
        {"org": "akto", "role": "signatory", "name_in_text": "AKTO", "presentation": "Opérateur de compétences ; "
         "ses équipes territoriales sont parties prenantes des collaborations.", "commitments": []},
        {"org": "branch-wholesale", "role": "signatory", "name_in_text": "Branche des commerces de gros",
         "presentation": "", "commitments": [
             ("Mener les actions répondant aux enjeux de recrutement et d'attractivité du secteur, en mobilisant "
              "l'engagement et l'expérience des professionnels des entreprises adhérentes au profit des jeunes",
              CONTINUOUS, False)]},
        {"org": "branch-hcr", "role": "signatory", "name_in_text": "Branche des hôtels, cafés, restaurants",
         "presentation": "", "commitments": [
             ("Mener les actions répondant aux enjeux de recrutement et d'attractivité du secteur, en mobilisant "
              "l'engagement et l'expérience des professionnels des entreprises adhérentes au profit des jeunes",
              CONTINUOUS, False)]},
        {"org": "branch-wood", "role": "signatory",
         "name_in_text": "Branche du travail mécanique du bois / exploitations forestières et scieries agricoles",
         "presentation": "", "commitments": [
             ("Mener les actions répondant aux enjeux de recrutement et d'attractivité du secteur, en mobilisant "
              "l'engagement et l'expérience des professionnels des entreprises adhérentes au profit des jeunes",
              CONTINUOUS, False)]},
        {"org": "branch-temporary-work", "role": "associated", "name_in_text": "Branche du travail temporaire",
         "presentation": "Première branche de Mission Jeunes (2014, reconduit en 2021).", "commitments": []},
        {"org": "prismemploi", "role": "associated", "name_in_text": "Prism'emploi",
         "presentation": "Partenaire de Mission Jeunes depuis 2014.", "commitments": []},
        {"org": "fastt", "role": "associated", "name_in_text": "FASTT",
         "presentation": "Partenaire de Mission Jeunes depuis 2014.", "commitments": []},
    ],
    "common_commitments": [
        ("Faciliter la déclinaison de l'accord en région auprès des services de l'État, des ARML, des équipes "
         "d'AKTO et des entreprises adhérentes des branches signataires", CONTINUOUS, False),
    ],
    # The announcement names the people present at the signature.
    "signatories": [
        ("dgefp", "Cécile CHARBAUT", "Sous-directrice aux parcours d'accès à l'emploi, DGEFP"),
        ("akto", "Laurent BARTHELEMY", "Président d'AKTO"),
        ("akto", "Jean HEDOU", "Vice-président d'AKTO"),
        ("unml", "Mario GONZALEZ", "Membre du bureau de l'UNML, président de la Mission Locale de Paris"),
        (None, "Roland MONGIN", "Vice-président de la CPNEFP (branche non précisée)"),
    ],
    "purposes": [
        ("Créer un cadre structurant pour développer et renforcer les collaborations territoriales entre services "
         "de l'État, branches professionnelles, Missions Locales, ARML et équipes territoriales d'AKTO, pour "
         "l'insertion durable des jeunes accompagnés et la réponse aux besoins de recrutement des entreprises", []),
        ("Améliorer la connaissance réciproque et les échanges entre partenaires, définir les engagements des "
         "acteurs et mettre à leur disposition des outils spécifiques", []),
    ],
    "objectives": [
        "Promouvoir les métiers et parcours des secteurs qui recrutent et favoriser les rencontres avec leurs "
        "professionnels",
        "Développer la qualification des jeunes par l'alternance et la formation, en lien avec les perspectives "
        "d'emploi des territoires",
        "Expérimenter des ingénieries d'accompagnement et de formation qui sécurisent l'entrée en formation et en "
        "emploi",
        "Permettre aux jeunes une première expérience professionnelle dans les secteurs des branches engagées",
    ],
    "axes": [],
    "actions": [],
    "indicators": [],
}

SEED_004 = {
    "slug": "seed-004-unml-regions-de-france",
    "source": "Texte de la convention cadre nationale",
    "title": "Convention cadre nationale — UNML et Régions de France",
    "kind": "national_framework",
    "region": None,
    "status": "signed",
    "signature_date": None,
    "signature_date_unknown": True,
    "renewal_rule": "unspecified",
    "followup_cadence": "none",
    "review_lead_months": None,
    "missing_information": "Le texte ne porte ni date ni lieu de signature, ni durée.",
    "preamble": "Le Réseau pour l'emploi et ses déclinaisons régionales intensifient la collaboration entre les "
                "Régions et les Missions Locales pour l'accompagnement et la formation des jeunes ; la convention "
                "approfondit les coopérations déjà à l'œuvre dans chaque région.",
    "parties": [
        {"org": "unml", "name_in_text": "Union nationale des Missions Locales (UNML)",
         "presentation": "Représente les Missions Locales au plan national et est le syndicat d'employeurs de la "
                         "branche (plus de 15 000 salariés). Les 436 Missions Locales, regroupées en 15 associations "
                         "régionales, accueillent plus de 1,1 million de jeunes par an dans 6 800 lieux d'accueil ; "
                         "elles sont opérateurs du conseil en évolution professionnelle (article L.6111-6 du code "
                         "du travail).",
         "key_figures": [("salariés de la branche (plus de)", 15000, None), ("Missions Locales", 436, None),
                         ("associations régionales", 15, None), ("jeunes accompagnés par an (plus de)", 1100000, None),
                         ("lieux d'accueil", 6800, None)],
         "commitments": []},
        {"org": "regions-de-france", "name_in_text": "Régions de France",
         "presentation": "Réunit les Régions et collectivités régionales de métropole et d'outre-mer. Les Régions "
                         "financent la formation des demandeurs d'emploi et les formations sanitaires et sociales "
                         "(près de 4,5 milliards d'euros par an), coordonnent l'orientation tout au long de la vie "
                         "(loi du 5 mars 2014), la prise en charge des décrocheurs (PSAD) et le service public "
                         "régional de l'orientation (loi du 5 septembre 2018).",
         "key_figures": [("millions d'euros par an pour la formation professionnelle (près de)", 4500, None)],
         "commitments": []},
    ],
    "common_commitments": [
        ("Organiser chaque année un séminaire national de rencontre et d'échange, politique et technique, entre "
         "Régions et ARML, sous l'égide de Régions de France et de l'UNML", YEARLY, False),
    ],
    "signatories": [
        ("unml", "Stéphane VALLI", "Président de l'UNML"),
        ("regions-de-france", "Carole DELGA", "Présidente de Régions de France"),
    ],
    "purposes": [],
    "objectives": [
        "Partager des ambitions communes",
        "Définir des pistes de coopération opérationnelles",
        "Conforter le rapprochement des réseaux des deux associations",
    ],
    "axes": [
        ("Le repérage des invisibles : mobiliser les jeunes les plus éloignés", [
            "Amplifier la lutte contre le décrochage scolaire",
            "Renforcer l'aller-vers, au plus près des lieux de vie des jeunes",
            "Densifier et diversifier les partenariats publics, associatifs et économiques pour des territoires "
            "100 % mobilisés sur le repérage, la mobilisation et l'insertion des jeunes",
        ]),
        ("L'orientation : élargir les horizons et les choix professionnels des jeunes", [
            "Aider les professionnels des Missions Locales à mieux connaître les horizons et choix professionnels "
            "des jeunes, en lien avec les Régions",
            "Aider les professionnels des Régions à mieux connaître les publics accompagnés en Mission Locale",
            "Mobiliser entreprises et organismes de formation pour des mises en situation professionnelle qui font "
            "découvrir les métiers et confirment les projets",
            "Favoriser l'intervention de professionnels, en activité ou retraités, comme ambassadeurs des métiers",
        ]),
        ("La formation professionnelle : permettre aux jeunes de se former et de se qualifier", [
            "Rapprocher les jeunes et l'offre de formation des besoins des entreprises et des territoires",
            "Préparer les jeunes en amont d'un parcours de formation et de qualification",
            "Lever les freins liés à la mobilité, au logement et à la santé pour l'accès à la formation",
            "Adapter les pratiques de recrutement des organismes de formation aux jeunes des Missions Locales",
            "Expérimenter des approches innovantes fondées sur la pédagogie par la pratique",
            "Renforcer l'interconnaissance et les coopérations entre Missions Locales et organismes de formation, "
            "avec l'appui des Régions",
            "Mieux partager les informations de suivi des jeunes en formation et en qualification",
            "Améliorer l'accès des jeunes des Missions Locales aux parcours de formation et de qualification",
            "Expérimenter pour mettre à profit et réduire l'attente entre positionnement et entrée en formation",
            "Articuler les propositions des plans régionaux de formation (PRF) avec des réponses conditionnées à "
            "une étape préalable, pour encourager la dynamique de qualification",
            "Faciliter l'interconnexion des systèmes d'information",
        ]),
        ("L'emploi : accompagner les jeunes vers l'emploi ou l'activité durable", [
            "Lever les freins liés à la mobilité, au logement et à la santé pour l'accès à l'emploi ou à l'activité",
            "Aider les Missions Locales à mieux connaître les besoins des entreprises, avec l'appui des Régions",
            "Expérimenter l'accompagnement vers l'emploi, en particulier dans les secteurs qui recrutent",
            "Collaborer au sein du Réseau pour l'emploi pour coordonner les compétences de chacun en faveur d'une "
            "insertion durable, d'une offre de formation adéquate et des besoins des territoires",
            "Favoriser la coopération entre Conseils régionaux et ARML au sein des CREFOP et des comités régionaux "
            "pour l'emploi sur les sujets concernant les jeunes",
        ]),
        ("Les pistes de coopération entre les Régions et le réseau des Missions Locales", [
            "Un séminaire national annuel de rencontre et d'échange, politique et technique, entre Régions et ARML, "
            "sous l'égide de Régions de France et de l'UNML",
            "Des réseaux de référents qualifiés en orientation et formation dans les Missions Locales, structurés et "
            "animés par les ARML avec les services de la Région (information sur les services régionaux, remontée "
            "des difficultés et des besoins non pourvus)",
            "Partager en réciprocité les connaissances produites (données, études…) sur les enjeux communs",
            "Des immersions de professionnels de la Région en Mission Locale, et réciproquement, dans les parcours "
            "d'intégration",
        ]),
    ],
    "actions": [],
    "indicators": [],
}

SEEDS = [SEED_003, SEED_004, SEED_000, SEED_001, SEED_002, SEED_002_LOCAL]
