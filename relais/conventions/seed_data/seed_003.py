"""Seed 003: national framework agreement "Mission Jeunes" (DGEFP, UNML, AKTO, branches), from its announcement."""

from relais.conventions.seed_data.common import CONTINUOUS

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
    "lui-même : date et lieu de signature, signataires (l'annonce nomme les personnes présentes "
    "à la signature), durée, engagements détaillés de chaque partie, modalités de suivi et "
    "indicateurs n'y figurent pas.",
    "preamble": "Mission Jeunes, mise en œuvre en 2014 puis reconduite en 2021 entre la DGEFP, l'UNML, AKTO, "
    "Prism'emploi et le FASTT, propose aux jeunes des missions d'intérim et un accompagnement : "
    "préparation, levée des freins périphériques, mise en relation avec les entreprises, formation. "
    "Après la branche du travail temporaire, les partenaires étendent le partenariat à trois branches : "
    "commerces de gros ; hôtels, cafés et restaurants ; travail mécanique du bois / exploitations "
    "forestières et scieries agricoles.",
    "parties": [
        {
            "org": "dgefp",
            "role": "signatory",
            "name_in_text": "Délégation générale à l'emploi et à la formation professionnelle (DGEFP)",
            "presentation": "Rôle de facilitateur dans l'animation du partenariat.",
            "commitments": [
                (
                    "Faciliter l'animation du partenariat et le faire vivre dans tous les territoires "
                    "(déclaration de la DGEFP à la signature)",
                    CONTINUOUS,
                    False,
                )
            ],
        },
        {
            "org": "unml",
            "role": "signatory",
            "name_in_text": "Union nationale des Missions Locales (UNML)",
            "presentation": "",
            "commitments": [],
        },
        {
            "org": "akto",
            "role": "signatory",
            "name_in_text": "AKTO",
            "presentation": "Opérateur de compétences ; "
            "ses équipes territoriales sont parties prenantes des collaborations.",
            "commitments": [],
        },
        {
            "org": "branch-wholesale",
            "role": "signatory",
            "name_in_text": "Branche des commerces de gros",
            "presentation": "",
            "commitments": [
                (
                    "Mener les actions répondant aux enjeux de recrutement et d'attractivité du secteur, en mobilisant "
                    "l'engagement et l'expérience des professionnels des entreprises adhérentes au profit des jeunes",
                    CONTINUOUS,
                    False,
                )
            ],
        },
        {
            "org": "branch-hcr",
            "role": "signatory",
            "name_in_text": "Branche des hôtels, cafés, restaurants",
            "presentation": "",
            "commitments": [
                (
                    "Mener les actions répondant aux enjeux de recrutement et d'attractivité du secteur, en mobilisant "
                    "l'engagement et l'expérience des professionnels des entreprises adhérentes au profit des jeunes",
                    CONTINUOUS,
                    False,
                )
            ],
        },
        {
            "org": "branch-wood",
            "role": "signatory",
            "name_in_text": "Branche du travail mécanique du bois / exploitations forestières et scieries agricoles",
            "presentation": "",
            "commitments": [
                (
                    "Mener les actions répondant aux enjeux de recrutement et d'attractivité du secteur, en mobilisant "
                    "l'engagement et l'expérience des professionnels des entreprises adhérentes au profit des jeunes",
                    CONTINUOUS,
                    False,
                )
            ],
        },
        {
            "org": "branch-temporary-work",
            "role": "associated",
            "name_in_text": "Branche du travail temporaire",
            "presentation": "Première branche de Mission Jeunes (2014, reconduit en 2021).",
            "commitments": [],
        },
        # The text lists Prism'emploi and the FASTT among the partners of Mission Jeunes, who extend it.
        {
            "org": "prismemploi",
            "role": "signatory",
            "name_in_text": "Prism'emploi",
            "presentation": "Partenaire de Mission Jeunes depuis 2014, avec les autres partenaires qui étendent le "
            "partenariat aux trois nouvelles branches.",
            "commitments": [],
        },
        {
            "org": "fastt",
            "role": "signatory",
            "name_in_text": "FASTT",
            "presentation": "Partenaire de Mission Jeunes depuis 2014, avec les autres partenaires qui étendent le "
            "partenariat aux trois nouvelles branches.",
            "commitments": [],
        },
    ],
    "common_commitments": [
        (
            "Faciliter la déclinaison de l'accord en région auprès des services de l'État, des ARML, des équipes "
            "d'AKTO et des entreprises adhérentes des branches signataires",
            CONTINUOUS,
            False,
        ),
    ],
    # The announcement only says the signature took place "en présence de" these people; it then quotes three of
    # them under "Les réactions des signataires". Roland MONGIN is named in the photo caption only.
    "signatories": [
        (
            "dgefp",
            "Cécile CHARBAUT",
            "Sous-directrice aux parcours d'accès à l'emploi, DGEFP ; sa réaction est "
            "citée parmi celles des signataires",
            "present",
        ),
        (
            "akto",
            "Laurent BARTHELEMY",
            "Président d'AKTO ; sa réaction est citée parmi celles des signataires",
            "present",
        ),
        ("akto", "Jean HEDOU", "Vice-président d'AKTO", "present"),
        (
            "unml",
            "Mario GONZALEZ",
            "Président de la Mission Locale de Paris, membre du bureau de l'UNML ; sa "
            "réaction est citée parmi celles des signataires",
            "present",
        ),
        (
            None,
            "Roland MONGIN",
            "Vice-président de la CPNEFP (branche non précisée), nommé seulement dans la légende de la photo",
            "present",
        ),
    ],
    "purposes": [
        (
            "Créer un cadre structurant pour développer et renforcer les collaborations territoriales entre services "
            "de l'État, branches professionnelles, Missions Locales, ARML et équipes territoriales d'AKTO, pour "
            "l'insertion durable des jeunes accompagnés et la réponse aux besoins de recrutement des entreprises",
            [],
        ),
        (
            "Améliorer la connaissance réciproque et les échanges entre partenaires, définir les engagements des "
            "acteurs et mettre à leur disposition des outils spécifiques",
            [],
        ),
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
