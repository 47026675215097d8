"""Seed 002: partnership convention MEDEF Midi-Pyrénées × Missions Locales × ANPE × State, and its local example."""

from relais.conventions.seed_data.common import CONTINUOUS, ONCE, QUARTERLY, YEARLY

# The eight departments of Midi-Pyrénées, each with its DDTEFP at the time of the text.
DDTEFP = [
    ("09", "de l'", "Ariège"),
    ("12", "de l'", "Aveyron"),
    ("31", "de la ", "Haute-Garonne"),
    ("32", "du ", "Gers"),
    ("46", "du ", "Lot"),
    ("65", "des ", "Hautes-Pyrénées"),
    ("81", "du ", "Tarn"),
    ("82", "de ", "Tarn-et-Garonne"),
]

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
            "referents": [
                (
                    "",
                    "Un correspondant de la convention au MEDEF Midi-Pyrénées et dans chaque "
                    "représentation départementale (non nommés)",
                )
            ],
            "commitments": [
                (
                    "Désigner un correspondant de la convention au MEDEF Midi-Pyrénées et dans chaque représentation "
                    "départementale",
                    ONCE,
                    False,
                ),
                (
                    "Par les représentations départementales : sensibiliser agents, entreprises et partenaires aux "
                    "enjeux de la convention et mettre en œuvre les actions avec les autres parties",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Conclure, par ses correspondants, des conventions d'application locales avec les Missions "
                    "Locales",
                    CONTINUOUS,
                    False,
                ),
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
                (
                    "Par les présidents des Missions Locales : sensibiliser agents, entreprises et partenaires et "
                    "mettre en œuvre les actions avec les autres parties",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Conclure, par les correspondants de chaque Mission Locale, des conventions d'application locales "
                    "avec les représentations du MEDEF",
                    CONTINUOUS,
                    False,
                ),
            ],
        },
        {
            "org": "france-travail-76",
            "name_in_text": "Agence nationale pour l'emploi (ANPE) — Direction régionale",
            "presentation": "Opérateur principal de la mise en œuvre des mesures de la politique de l'emploi de "
            "l'État (aujourd'hui France Travail).",
            "referents": [],
            "commitments": [
                (
                    "Par les directeurs délégués : sensibiliser agents, entreprises et partenaires et mettre en œuvre "
                    "les actions avec les autres parties",
                    CONTINUOUS,
                    False,
                ),
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
                (
                    "Par les préfets de département (DDTEFP), pilotes des SPED : sensibiliser agents, entreprises et "
                    "partenaires et mettre en œuvre les actions avec les autres parties",
                    CONTINUOUS,
                    False,
                ),
            ],
        },
        # The regional steering committee also gathers State services that do not sign: the DRTEFP and the
        # DDTEFP of the eight departments (names of the time; the MEDEF, the ARML and the ANPE sign above).
        {
            "org": "drtefp-midi-pyrenees",
            "role": "steering",
            "name_in_text": "Direction régionale du travail, de l'emploi et de la formation professionnelle (DRTEFP)",
            "presentation": "Membre du comité de pilotage régional.",
        },
        *[
            {
                "org": f"ddtefp-{code}",
                "role": "steering",
                "name_in_text": f"DDTEFP {article}{name}",
                "presentation": "Membre du comité de pilotage régional ; pour le préfet de département, pilote le "
                "service public de l'emploi départemental (SPED).",
            }
            for code, article, name in DDTEFP
        ],
    ],
    # "A cet effet, les partenaires s'engagent : 1) … 2) …": both axes are commitments of all the parties.
    "common_commitments": [
        (
            "Favoriser la communication pour améliorer l'image de l'entreprise auprès des jeunes en recherche "
            "d'emploi et celle des jeunes accompagnés par les Missions Locales auprès des employeurs (axe 1)",
            CONTINUOUS,
            False,
        ),
        ("Faciliter l'accès des jeunes à l'emploi au sein des entreprises (axe 2)", CONTINUOUS, False),
        (
            "Décliner chaque année les actions prioritaires dans un plan d'action assorti d'objectifs opérationnels "
            "et de résultat traduits en indicateurs",
            YEARLY,
            False,
        ),
        (
            "Réunir chaque trimestre le comité de pilotage régional : avis sur les actions en projet, suivi et "
            "évaluation des actions conduites",
            QUARTERLY,
            True,
        ),
    ],
    "signatories": [
        ("medef-midi-pyrenees", "Daniel THEBAULT", "Président du MEDEF Midi-Pyrénées"),
        ("arml-76", "Jean Raymond LEPINAY", "Président de l'Association régionale des Missions Locales"),
        ("france-travail-76", "Raymond LAGRE", "Directeur régional de l'ANPE"),
        ("prefecture-76", "Jean DAUBIGNY", "Préfet de région"),
    ],
    "purposes": [
        (
            "Mettre en commun moyens, capacité de mobilisation des acteurs et construction d'actions collectives et "
            "partenariales au service de l'insertion professionnelle des jeunes",
            [],
        ),
    ],
    "objectives": [],
    "axes": [
        (
            "Favoriser la communication pour améliorer l'image de l'entreprise auprès des jeunes et celle des jeunes "
            "accompagnés par les Missions Locales auprès des employeurs",
            [
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
            ],
        ),
        (
            "Faciliter l'accès des jeunes à l'emploi dans les entreprises",
            [
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
            ],
        ),
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
        {
            "org": "medef-31",
            "name_in_text": "MEDEF Haute-Garonne",
            "presentation": "",
            "referents": [("", "Correspondant de la convention (à désigner)")],
            "commitments": [("Désigner le correspondant de la convention", ONCE, False)],
        },
        {
            "org": "ml-toulouse",
            "name_in_text": "Mission Locale de Toulouse",
            "presentation": "",
            "referents": [("", "Correspondant de la convention (à désigner)")],
            "commitments": [("Désigner le correspondant de la convention", ONCE, False)],
        },
    ],
    "common_commitments": [],
    "signatories": [],
    "purposes": [],
    "objectives": [],
    "axes": [],
    "actions": [],
    "indicators": [],
}
