"""Seed 004: national framework convention UNML × Régions de France, five cooperation axes."""

from relais.conventions.seed_data.common import CONTINUOUS, YEARLY

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
    "Régions et les Missions Locales pour l'accompagnement et la formation des jeunes sur tous les "
    "territoires. Ce cadre renouvelé de coopération permet aux deux réseaux de réaffirmer leurs "
    "ambitions communes ; la convention approfondit les coopérations déjà à l'œuvre dans chaque "
    "région.\n"
    "Considérant la compétence mutuelle des Régions et des Missions Locales pour la formation, "
    "l'insertion et l'autonomie des jeunes ; considérant la volonté de Régions de France et de l'UNML "
    "de collaborer à la mise en œuvre du Réseau pour l'emploi, notamment dans ses déclinaisons "
    "régionales.",
    "parties": [
        {
            "org": "unml",
            "name_in_text": "Union nationale des Missions Locales (UNML)",
            "legal_form": "Association régie par la loi du 1er juillet 1901",
            "head_office": "54 rue de Paradis, 75010 Paris",
            "presentation": "Représente les Missions Locales auprès des acteurs publics, économiques et sociaux au "
            "plan national et tient la fonction de syndicat d'employeurs de la branche professionnelle "
            "(plus de 15 000 salariés).\n"
            "Les 436 Missions Locales, présentes sur tout le territoire, se sont regroupées en 15 "
            "associations régionales pour porter ensemble leur volonté d'une action globale pour "
            "l'insertion des personnes, en particulier des jeunes de 16 à 25 ans, et d'une action "
            "territorialisée, appuyée sur la volonté des élus locaux, des pouvoirs publics et des "
            "acteurs locaux de construire des solutions appropriées.\n"
            "Elles accueillent et accompagnent plus de 1,1 million de jeunes par an et font partie du "
            "service public de l'emploi. Désignées opérateurs du conseil en évolution professionnelle "
            "(article L.6111-6 du code du travail), elles s'attachent à : garantir l'accès à leurs "
            "services à tous les jeunes qui le souhaitent, dans les 6 800 lieux d'accueil ; favoriser "
            "la co-construction de leur parcours d'insertion à partir de leurs projets et de leurs "
            "attentes, dans une posture professionnelle du « tenir conseil » ; sécuriser les parcours "
            "en assemblant les ressources et dispositifs existants avec les acteurs de leur "
            "territoire.",
            "key_figures": [
                ("salariés de la branche (plus de)", 15000, None),
                ("Missions Locales", 436, None),
                ("associations régionales", 15, None),
                ("jeunes accompagnés par an (plus de)", 1100000, None),
                ("lieux d'accueil", 6800, None),
            ],
            "commitments": [
                (
                    "Par les ARML : structurer et animer dans les Missions Locales des réseaux de référents qualifiés sur "
                    "l'orientation et la formation professionnelle, en y associant les services de la Région (information "
                    "sur les services régionaux, remontée des difficultés et des besoins non pourvus)",
                    CONTINUOUS,
                    False,
                ),
                (
                    "Accueillir en immersion, dans les Missions Locales, des professionnels de la Région pendant leur "
                    "parcours d'intégration",
                    CONTINUOUS,
                    False,
                ),
            ],
        },
        {
            "org": "regions-de-france",
            "name_in_text": "Régions de France",
            "legal_form": "Association régie par la loi du 1er juillet 1901",
            "head_office": "1 quai de Grenelle, 75015 Paris",
            "presentation": "Réunit les Régions et collectivités régionales de métropole et d'outre-mer : réseau "
            "d'influence et d'intérêt général, transpartisan, qui construit et porte le projet "
            "politique régional, celui d'une France réellement décentralisée.\n"
            "Depuis les lois de décentralisation des années 1980, les politiques de formation, au cœur "
            "du continuum de compétences des Régions, de l'éducation au développement économique, sont "
            "largement régionalisées : les Régions financent la formation des demandeurs d'emploi et les "
            "formations sanitaires et sociales, pour près de 4,5 milliards d'euros par an.\n"
            "Les pactes régionaux d'investissement dans les compétences, reconduits en 2024 par l'État "
            "et les Régions, renforcent leurs politiques en faveur du plein emploi ; en lien avec France "
            "Travail, elles visent d'abord les publics les plus éloignés de l'emploi et les formations "
            "aux métiers les plus en tension.\n"
            "Depuis la loi du 5 mars 2014, les Régions coordonnent et animent les politiques "
            "d'orientation tout au long de la vie et coordonnent la prise en charge des jeunes sortis "
            "du système scolaire sans diplôme ni qualification suffisante (plateformes de suivi et "
            "d'appui aux décrocheurs, PSAD). Leur rôle, conforté par la loi du 5 septembre 2018, "
            "passe par le service public régional de l'orientation (SPRO), organisé en réseau.",
            "key_figures": [
                ("millions d'euros par an pour la formation professionnelle (près de)", 4500, None)
            ],
            "commitments": [
                (
                    "Accueillir en immersion, dans les services de la Région, des professionnels des Missions Locales",
                    CONTINUOUS,
                    False,
                ),
            ],
        },
    ],
    "common_commitments": [
        (
            "Organiser chaque année un séminaire national de rencontre et d'échange, politique et technique, entre "
            "Régions et ARML, sous l'égide de Régions de France et de l'UNML",
            YEARLY,
            False,
        ),
        (
            "Partager en réciprocité les connaissances produites par chacun (données, études…) pour nourrir la "
            "réflexion commune sur les enjeux partagés",
            CONTINUOUS,
            False,
        ),
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
        (
            "Le repérage des invisibles : mobiliser les jeunes les plus éloignés",
            [
                "Amplifier la lutte contre le décrochage scolaire",
                "Renforcer l'aller-vers, au plus près des lieux de vie des jeunes",
                "Densifier et diversifier les partenariats publics, associatifs et économiques pour des territoires "
                "100 % mobilisés sur le repérage, la mobilisation et l'insertion des jeunes",
            ],
        ),
        (
            "L'orientation : élargir les horizons et les choix professionnels des jeunes",
            [
                "Aider les professionnels des Missions Locales à mieux connaître les horizons et choix professionnels "
                "des jeunes, en lien avec les Régions",
                "Aider les professionnels des Régions à mieux connaître les publics accompagnés en Mission Locale",
                "Mobiliser entreprises et organismes de formation pour des mises en situation professionnelle qui font "
                "découvrir les métiers et confirment les projets",
                "Favoriser l'intervention de professionnels, en activité ou retraités, comme ambassadeurs des métiers",
            ],
        ),
        (
            "La formation professionnelle : permettre aux jeunes de se former et de se qualifier",
            [
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
            ],
        ),
        (
            "L'emploi : accompagner les jeunes vers l'emploi ou l'activité durable",
            [
                "Lever les freins liés à la mobilité, au logement et à la santé pour l'accès à l'emploi ou à l'activité",
                "Aider les Missions Locales à mieux connaître les besoins des entreprises, avec l'appui des Régions",
                "Expérimenter l'accompagnement vers l'emploi, en particulier dans les secteurs qui recrutent",
                "Collaborer au sein du Réseau pour l'emploi pour coordonner les compétences de chacun en faveur d'une "
                "insertion durable, d'une offre de formation adéquate et des besoins des territoires",
                "Favoriser la coopération entre Conseils régionaux et ARML au sein des CREFOP et des comités régionaux "
                "pour l'emploi sur les sujets concernant les jeunes",
            ],
        ),
        (
            "Les pistes de coopération entre les Régions et le réseau des Missions Locales",
            [
                "Un séminaire national annuel de rencontre et d'échange, politique et technique, entre Régions et ARML, "
                "sous l'égide de Régions de France et de l'UNML",
                "Des réseaux de référents qualifiés en orientation et formation dans les Missions Locales, structurés et "
                "animés par les ARML avec les services de la Région (information sur les services régionaux, remontée "
                "des difficultés et des besoins non pourvus)",
                "Partager en réciprocité les connaissances produites (données, études…) sur les enjeux communs",
                "Des immersions de professionnels de la Région en Mission Locale, et réciproquement, dans les parcours "
                "d'intégration",
            ],
        ),
    ],
    "actions": [],
    "indicators": [],
}
