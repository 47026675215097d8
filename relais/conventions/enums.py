"""Choices of the conventions domain: kinds, lifecycle statuses, party roles, cadences and commitments."""

from django.db import models


class ConventionKind(models.TextChoices):
    NATIONAL_FRAMEWORK = "national_framework", "Accord-cadre national"
    REGIONAL_CHARTER = "regional_charter", "Charte de coopération régionale"
    PARTNERSHIP = "partnership", "Convention de partenariat"
    LOCAL_APPLICATION = "local_application", "Convention d'application locale"


# The level of each kind in the national (0) → regional (1) → local (2) hierarchy: the order of the list.
KIND_LEVEL = {
    ConventionKind.NATIONAL_FRAMEWORK: 0,
    ConventionKind.REGIONAL_CHARTER: 1,
    ConventionKind.PARTNERSHIP: 1,
    ConventionKind.LOCAL_APPLICATION: 2,
}


class ConventionStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SIGNED = "signed", "Signée"
    ACTIVE = "active", "En cours"
    REVIEW_DUE = "review_due", "Bilan à réaliser"
    RENEWED = "renewed", "Renouvelée"
    ENDED = "ended", "Terminée"
    CANCELLED = "cancelled", "Annulée"


class PartyRole(models.TextChoices):
    SIGNATORY = "signatory", "Signataire"
    ASSOCIATED = "associated", "Partenaire associé"
    STEERING = "steering", "Membre du comité de pilotage"


class SignatoryCapacity(models.TextChoices):
    SIGNED = "signed", "Signataire"
    # The text names the person at the signature without saying they signed (seed 003).
    PRESENT = "present", "Présent à la signature"


class RenewalRule(models.TextChoices):
    ANNUAL_ON_REVIEW = "annual_on_review", "Renouvelable un an à échéance, sur la base du bilan annuel"
    FIXED_TERM = "fixed_term", "Durée déterminée, sans renouvellement prévu"
    UNSPECIFIED = "unspecified", "Non précisée dans le texte"


class FollowUpCadence(models.TextChoices):
    HALF_YEARLY_POINT = "half_yearly_point", "Point semestriel"
    QUARTERLY_POINT = "quarterly_point", "Point trimestriel"
    QUARTERLY_STEERING = "quarterly_steering", "Comité de pilotage trimestriel"
    REGULAR = "regular", "Suivi régulier sans fréquence fixée"
    NONE = "none", "Pas de suivi prévu par le texte"


class Recurrence(models.TextChoices):
    ONCE = "once", "Ponctuel"
    CONTINUOUS = "continuous", "Permanent (tout au long de la convention)"
    YEARLY = "yearly", "Annuel"
    HALF_YEARLY = "half_yearly", "Semestriel"
    QUARTERLY = "quarterly", "Trimestriel"


# Months between two occurrences of a recurring commitment or follow-up point.
RECURRENCE_MONTHS = {Recurrence.YEARLY: 12, Recurrence.HALF_YEARLY: 6, Recurrence.QUARTERLY: 3}
CADENCE_MONTHS = {
    FollowUpCadence.HALF_YEARLY_POINT: 6,
    FollowUpCadence.QUARTERLY_POINT: 3,
    FollowUpCadence.QUARTERLY_STEERING: 3,
}
# The recurrence a follow-up commitment takes from the convention's cadence (the cadence is the one source).
CADENCE_RECURRENCE = {
    FollowUpCadence.HALF_YEARLY_POINT: Recurrence.HALF_YEARLY,
    FollowUpCadence.QUARTERLY_POINT: Recurrence.QUARTERLY,
    FollowUpCadence.QUARTERLY_STEERING: Recurrence.QUARTERLY,
    FollowUpCadence.REGULAR: Recurrence.CONTINUOUS,
    FollowUpCadence.NONE: Recurrence.CONTINUOUS,
}
# Which kinds a convention of each kind may decline (its parent); None: a parent is optional.
PARENT_KINDS = {
    ConventionKind.NATIONAL_FRAMEWORK: frozenset(),
    ConventionKind.REGIONAL_CHARTER: frozenset({ConventionKind.NATIONAL_FRAMEWORK}),
    ConventionKind.PARTNERSHIP: frozenset({ConventionKind.NATIONAL_FRAMEWORK}),
    ConventionKind.LOCAL_APPLICATION: frozenset(
        {ConventionKind.REGIONAL_CHARTER, ConventionKind.PARTNERSHIP}
    ),
}
PARENT_REQUIRED = frozenset({ConventionKind.LOCAL_APPLICATION})


class StatementKind(models.TextChoices):
    PURPOSE = "purpose", "Objet"
    OBJECTIVE = "objective", "Objectif commun"


class OccurrenceKind(models.TextChoices):
    COMMITMENT = "commitment", "Engagement"
    FOLLOW_UP = "follow_up", "Point de suivi"
    REVIEW = "review", "Bilan annuel (COPIL)"


class OccurrenceStatus(models.TextChoices):
    PLANNED = "planned", "Prévue"
    DONE = "done", "Réalisée"
    LATE = "late", "En retard"


class ReminderKind(models.TextChoices):
    UPCOMING_POINT = "upcoming_point", "Point de suivi dans 14 jours"
    UPCOMING_REVIEW = "upcoming_review", "Bilan annuel dans 30 jours"
    LATE = "late", "Échéance en retard"


class DocumentKind(models.TextChoices):
    SIGNED = "signed", "Convention signée"
    MINUTES = "minutes", "Compte rendu"
    COMMUNICATION = "communication", "Support de communication"
    EVIDENCE = "evidence", "Justificatif"
    OTHER = "other", "Autre document"


class IndicatorCode(models.TextChoices):
    """Indicators of the annual reviews. Those recorded activity gives are computed by providers registered under
    their code (relais/core/providers.py; the apps' providers.py); the others and OTHER are read as text."""

    INFO_SESSIONS_COUNSELLORS = (
        "info_sessions_counsellors",
        "Informations « collectives métiers » pour les conseillers",
    )
    INFO_SESSIONS_YOUTHS = "info_sessions_youths", "Informations « collectives métiers » pour les jeunes"
    YOUTHS_PROPOSED = "youths_proposed", "Jeunes proposés par les conseillers sur les offres"
    YOUTHS_POSITIONED = "youths_positioned", "Jeunes positionnés sur les offres proposées"
    YOUTHS_HIRED_BY_CONTRACT = "youths_hired_by_contract", "Jeunes recrutés par type de contrat"
    YOUTHS_ENTERED_TRAINING = "youths_entered_training", "Jeunes entrés en formation ou en POE"
    YOUTHS_COMPLETED_IMMERSION = "youths_completed_immersion", "Jeunes ayant réalisé une immersion"
    CANDIDACIES_NOT_RETAINED = "candidacies_not_retained", "Candidatures non retenues par le partenaire"
    DELAY_PROPOSAL_TO_TRANSMISSION = (
        "delay_proposal_to_transmission",
        "Délai entre la proposition et la transmission au partenaire",
    )
    DELAY_TRANSMISSION_TO_ANSWER = (
        "delay_transmission_to_answer",
        "Délai entre la transmission et la réponse du partenaire",
    )
    DELAY_ANSWER_TO_ENTRY = "delay_answer_to_entry", "Délai entre la réponse du partenaire et l'entrée"
    DELAY_PROPOSAL_TO_ENTRY = "delay_proposal_to_entry", "Délai entre la proposition et l'entrée"
    OPPORTUNITIES_DIFFUSED = "opportunities_diffused", "Opportunités diffusées aux Missions Locales"
    DELIVERIES_READ_SHARE = (
        "deliveries_read_share",
        "Part des opportunités reçues lues par les Missions Locales",
    )
    DECLINING_CONVENTIONS = "declining_conventions", "Conventions d'application qui déclinent la convention"
    INTERVENTIONS_AND_MEETINGS = (
        "interventions_and_meetings",
        "Interventions et rencontres emploi des deux structures",
    )
    COUNSELLORS_ATTENDING_SESSIONS = (
        "counsellors_attending_sessions",
        "Professionnels présents aux collectives métiers pour les conseillers",
    )
    YOUTHS_ATTENDING_SESSIONS = (
        "youths_attending_sessions",
        "Présences de jeunes aux collectives métiers et informations collectives",
    )
    WEBINARS_HELD = "webinars_held", "Webinaires tenus"
    COMPANY_VISITS_HELD = "company_visits_held", "Visites d'entreprise tenues"
    MENTORSHIPS_STARTED = "mentorships_started", "Parrainages commencés"
    MENTORSHIPS_ONGOING = "mentorships_ongoing", "Parrainages en cours"
    MENTORSHIPS_BROKEN_EARLY = "mentorships_broken_early", "Parrainages rompus avant six mois"
    REFERENT_COVERAGE = (
        "referent_coverage",
        "Missions Locales ayant un référent nommé pour chaque partenaire",
    )
    OTHER = "other", "Autre indicateur"
