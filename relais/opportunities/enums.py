"""Choices of the opportunities domain: kinds of recruitment need, statuses, publics, perimeters, frequencies."""

from django.db import models

from relais.organizations.perimeters import (
    PerimeterKind,  # noqa: F401  (kept where the diffusion code reads it)
)


class OpportunityKind(models.TextChoices):
    JOB_CDI = "job_cdi", "Offre d'emploi en CDI"
    JOB_CDD = "job_cdd", "Offre d'emploi en CDD"
    APPRENTICESHIP = "apprenticeship", "Contrat d'apprentissage"
    PROFESSIONALISATION = "professionalisation", "Contrat de professionnalisation"
    GEIQ_PATHWAY = "geiq_pathway", "Parcours GEIQ"
    INTERIM_MISSION = "interim_mission", "Mission d'intérim"
    PMSMP = "pmsmp", "Immersion (PMSMP)"
    POE = "poe", "Préparation opérationnelle à l'emploi (POE)"
    TRAINING_SESSION = "training_session", "Session de formation"
    INFORMATION_SESSION = "information_session", "Information collective de recrutement"


# Kinds that are an employment contract: duration (except CDI) and weekly hours are required for them.
CONTRACT_KINDS = {
    OpportunityKind.JOB_CDI,
    OpportunityKind.JOB_CDD,
    OpportunityKind.APPRENTICESHIP,
    OpportunityKind.PROFESSIONALISATION,
    OpportunityKind.GEIQ_PATHWAY,
    OpportunityKind.INTERIM_MISSION,
}
# A CDI has no duration; every other contract kind has one.
DURATION_KINDS = CONTRACT_KINDS - {OpportunityKind.JOB_CDI}
# An information session happens on one day: it has neither duration nor weekly hours.
NO_DURATION_KINDS = {OpportunityKind.INFORMATION_SESSION}


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    FILLED = "filled", "Pourvue"
    CLOSED = "closed", "Clôturée"
    CANCELLED = "cancelled", "Annulée"


class PriorityPublic(models.TextChoices):
    # Same codes as the priority-public flags of the young people's records (relais.youths.enums.PRIORITY_FLAGS).
    QPV_RESIDENT = "qpv_resident", "Résidents des quartiers prioritaires (QPV)"
    RQTH = "rqth", "Travailleurs handicapés (RQTH)"
    CEJ_BENEFICIARY = "cej_beneficiary", "Bénéficiaires du contrat d'engagement jeune (CEJ)"
    SCHOOL_DROPOUT = "school_dropout", "Décrocheurs scolaires"
    NO_DIPLOMA = "no_diploma", "Jeunes sans diplôme"
