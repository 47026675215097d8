"""Seed 000: regional charter CR GEIQ Auvergne-Rhône-Alpes × AMILAURA, signed on 7/11/2024."""

import datetime

from relais.conventions.seed_data.common import COMMUNICATION_GEIQ, CONTINUOUS, HALF_YEARLY, ONCE, YEARLY

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
    "de date d'effet : la première période court de la signature (7/11/2024) au 6/11/2025.",
    "renewal_rule": "annual_on_review",
    "followup_cadence": "half_yearly_point",
    "followup_note": "Suivi régulier entre les deux parties ; point semestriel entre le CR GEIQ et AMILAURA ; "
    "bilan annuel partagé en COPIL un mois avant l'échéance.",
    "review_lead_months": 1,
    "preamble": "Le CR GEIQ AURA et AMILAURA formalisent leurs engagements réciproques pour permettre à des jeunes "
    "de réaliser leur projet tout en répondant aux besoins de recrutement des GEIQ "
    "d'Auvergne-Rhône-Alpes. La charte structure le partenariat entre les GEIQ de la région, "
    "représentés par leur comité régional, et les Missions Locales de la région, représentées par "
    "AMILAURA. Les Missions Locales, associations ou GIP créés par les communes et présidés par un "
    "élu, réunissent élus, services de l'État et partenaires économiques, sociaux et associatifs ; "
    "elles accompagnent les jeunes de 16 à 25 ans et mettent en œuvre le Contrat d'engagement jeune "
    "(CEJ) pour le compte de l'État.",
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
            # The text names him as the operational referent only (it does not call him the regional animator).
            "referents": [("Manuel COLOMBINO", "")],
            "commitments": [
                (
                    "Désigner l'animateur régional comme interlocuteur unique pour centraliser et diffuser les "
                    "informations",
                    ONCE,
                    False,
                ),
                (
                    "Présenter les GEIQ, leurs offres de service, leurs spécificités et leur fonctionnement",
                    CONTINUOUS,
                    False,
                ),
                ("Présenter les métiers et les caractéristiques des secteurs d'activité", CONTINUOUS, False),
                (
                    "Communiquer à AMILAURA, de manière régulière et suivie, les besoins de recrutement, de formation "
                    "et d'actions de préqualification",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Faciliter les mises en relation de professionnels pour sécuriser les recrutements",
                    CONTINUOUS,
                    False,
                ),
                ("Réaliser un point semestriel entre le CR GEIQ et AMILAURA", HALF_YEARLY, True),
            ],
        },
        {
            "org": "arml-84",
            "name_in_text": "Association régionale des Missions Locales d'Auvergne-Rhône-Alpes (AMILAURA)",
            "presentation": "Avec l'État et la Région, acteur de l'emploi des jeunes dans la région ; dotée d'une "
            "représentation d'élus, elle promeut les actions des Missions Locales régionales. Le "
            "réseau des 61 Missions Locales, avec 652 points d'accueil, couvre toute la région.\n"
            "Ses objectifs : être un lieu d'échanges, de réflexion et d'innovation ; structurer et "
            "développer le réseau régional ; être le partenaire des acteurs locaux, départementaux, "
            "régionaux et nationaux pour promouvoir et aider à mettre en œuvre les politiques "
            "d'insertion des jeunes, en tenant compte de leurs attentes et dans le cadre des textes "
            "en vigueur ; engager toute action conforme à l'objet des Missions Locales de la région "
            "et en rechercher les moyens ; communiquer avec ses membres ; établir des liens avec les "
            "autres associations régionales de même nature ; participer au pilotage et au portage de "
            "l'animation régionale des Missions Locales.",
            "key_figures": [("Missions Locales", 61, None), ("points d'accueil", 652, None)],
            "referents": [("Thierry DESMAISON", ""), ("Alexia VIOLET", "")],
            "commitments": [
                (
                    "Désigner un interlocuteur unique pour centraliser et diffuser les informations",
                    ONCE,
                    False,
                ),
                ("Fournir l'annuaire des Missions Locales d'Auvergne-Rhône-Alpes", ONCE, False),
                (
                    "Fournir tout support de communication favorisant l'appropriation de son offre de service",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Communiquer sur le partenariat : logo « partenaire » sur le site internet d'AMILAURA et "
                    "valorisation dans les communications extérieures",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Diffuser les offres d'emploi et informations des partenaires aux chargés de relations "
                    "entreprises et alternance des 61 Missions Locales",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Organiser un webinaire annuel de présentation du partenaire pour les chargés de relations "
                    "entreprises, les référents handicap et les conseillers des Missions Locales",
                    YEARLY,
                    False,
                ),
                (
                    "Faciliter les mises en relation avec les chargés de relations entreprises et alternance des 61 "
                    "Missions Locales, à leur demande ou après le webinaire",
                    CONTINUOUS,
                    False,
                ),
                ("Réaliser une fiche par partenaire pour faciliter l'accès à l'information", ONCE, False),
                (
                    "Centraliser l'information sur un intranet pour la rendre plus accessible",
                    CONTINUOUS,
                    False,
                ),
            ],
        },
    ],
    "common_commitments": [
        (
            "Tenir une réunion annuelle d'échange d'informations et d'actualités pour entretenir la connaissance "
            "mutuelle des offres et champs d'intervention",
            YEARLY,
            False,
        ),
    ],
    "signatories": [
        ("cr-geiq-84", "Lucio CAMPANILE", "Président du Comité régional des GEIQ"),
        ("arml-84", "Wendy LAFAYE", "Présidente d'AMILAURA"),
    ],
    "purposes": [
        (
            "Conforter un cadrage régional qui impulse une dynamique, tout en laissant les Missions Locales et les GEIQ "
            "le décliner sur leur territoire",
            [],
        ),
        (
            "Informer les jeunes accueillis en Mission Locale sur les métiers et les opportunités d'emploi et "
            "d'alternance, pour favoriser leur accès à l'emploi",
            [],
        ),
        (
            "Développer la découverte des métiers",
            [
                "Périodes de mise en situation en milieu professionnel (PMSMP)",
                "Actions de préqualification : préparation opérationnelle à l'emploi (POE)",
                "Actions d'information et de sensibilisation aux métiers à pourvoir dans les GEIQ",
                "Ateliers participatifs et interactifs",
            ],
        ),
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
        (
            "Appuyer les recrutements et la diffusion des offres et de l'alternance, et valoriser la responsabilité "
            "sociale et environnementale (RSE)",
            [],
        ),
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
        (
            "Inventaire des informations « collectives métiers » pour les conseillers",
            "info_sessions_counsellors",
        ),
        (
            "Inventaire des informations « collectives métiers » pour les jeunes (alternance, CEJ…)",
            "info_sessions_youths",
        ),
        (
            "Nombre de jeunes positionnés par les Missions Locales sur les offres proposées",
            "youths_positioned",
        ),
        ("Nombre de jeunes recrutés par type de contrat", "youths_hired_by_contract"),
    ],
}
