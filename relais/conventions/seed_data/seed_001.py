"""Seed 001: regional charter CR GEIQ Grand Est × ARML Grand Est, signed in Nancy on 12/11/2024 (text incomplete)."""

import datetime

from relais.conventions.seed_data.common import COMMUNICATION_GEIQ, CONTINUOUS, ONCE, QUARTERLY

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
    "de date d'effet : la première période court de la signature (12/11/2024) au 11/11/2025.",
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
                (
                    "Fournir tout support de communication favorisant l'appropriation de son offre de service",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Présenter les GEIQ, leurs offres de service, leurs spécificités et leur fonctionnement",
                    CONTINUOUS,
                    False,
                ),
                ("Présenter les métiers et les caractéristiques des secteurs d'activité", CONTINUOUS, False),
                (
                    "Communiquer à l'ARML Grand Est, de manière régulière et suivie, les besoins de recrutement, de "
                    "formation ou d'actions de qualification",
                    CONTINUOUS,
                    False,
                ),
                ("Réaliser un point trimestriel entre le CR GEIQ et l'ARML Grand Est", QUARTERLY, True),
            ],
        },
        {
            "org": "arml-44",
            "name_in_text": "Association régionale des Missions Locales du Grand Est",
            "presentation": "Réunit les 43 Missions Locales qui couvrent tout le Grand Est. Son objet : renforcer "
            "la collaboration entre l'État et les collectivités territoriales au sein du réseau et "
            "développer une politique d'animation et d'évaluation concertée de ce réseau. Aux "
            "niveaux régional et national, elle fait l'interface des Missions Locales avec la "
            "direction régionale du travail, de l'emploi et de la formation professionnelle, les "
            "autres services de l'État et le Conseil régional ; elle participe à l'élaboration et au "
            "suivi des programmes d'animation régionale ; elle adhère à l'UNML. Elle veille à la "
            "mobilisation des dispositifs d'accueil, d'information et d'orientation des jeunes, en "
            "coopération avec le service public de l'emploi. Elle réunit les partenaires sur toute "
            "question d'insertion des jeunes.\n"
            "Elle constitue des groupes de travail et agit selon deux axes : faire mieux comprendre "
            "les problèmes d'insertion des jeunes et promouvoir les initiatives de tous les acteurs "
            "du réseau ; développer une politique d'animation qui suscite et soutient les "
            "initiatives, capitalise et diffuse les expériences locales.\n"
            "En 2023, les Missions Locales du Grand Est ont accueilli 76 116 jeunes, dont 30 924 pour "
            "la première fois.",
            "key_figures": [
                ("Missions Locales", 43, None),
                ("jeunes accueillis", 76116, 2023),
                ("jeunes accueillis pour la première fois", 30924, 2023),
            ],
            "referents": [("", "La personne référente en Région (non nommée dans le texte)")],
            "commitments": [
                (
                    "Désigner un interlocuteur unique pour centraliser et diffuser les informations",
                    ONCE,
                    False,
                ),
                (
                    "Fournir tout support de communication favorisant l'appropriation de son offre de service",
                    CONTINUOUS,
                    False,
                ),
                ("Fournir l'annuaire des Missions Locales du Grand Est", ONCE, False),
                (
                    "Communiquer sur le partenariat : logo « partenaire » sur le site internet de l'ARML Grand Est et "
                    "valorisation dans les communications extérieures",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Diffuser les offres d'emploi et informations des partenaires aux chargés de relations "
                    "entreprises et alternance des 43 Missions Locales",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Faciliter les mises en relation avec les chargés de relations entreprises et alternance des 43 "
                    "Missions Locales, à leur demande",
                    CONTINUOUS,
                    False,
                ),
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
        (
            "Axes communs (intitulé manquant dans le texte)",
            [
                "Promouvoir l'alternance",
                "Favoriser l'intégration des jeunes en préparant leurs candidatures",
                "S'inviter à des réunions d'information sur les métiers pour les jeunes et les animer, en s'appuyant "
                "sur la connaissance mutuelle des structures",
                "Co-construire toute autre action favorisant le recrutement de personnes issues des QPV, ayant une RQTH "
                "ou éloignées de l'emploi",
            ],
        ),
        (
            "Axes GEIQ",
            [
                "Proposer des visites d'entreprises aux salariés des Missions Locales du Grand Est et aux jeunes "
                "accompagnés",
                "Apporter leur expertise sur les secteurs économiques et les projets du territoire",
            ],
        ),
        (
            "Axes Missions Locales",
            [
                "Inviter les GEIQ aux événements « emploi » organisés par les Missions Locales du Grand Est (forums…)",
                "Proposer aux GEIQ d'intervenir auprès de collectifs de jeunes pour promouvoir des secteurs d'activité",
                "Promouvoir auprès des GEIQ le dispositif de parrainage des jeunes",
            ],
        ),
    ],
    "actions": [],
    "indicators": [
        (
            "Inventaire des informations « collectives métiers » pour les jeunes (alternance, CEJ…)",
            "info_sessions_youths",
        ),
        ("Nombre de jeunes recrutés par type de contrat", "youths_hired_by_contract"),
        ("Nombre d'interventions et de rencontres emploi des deux structures", "interventions_and_meetings"),
    ],
}
