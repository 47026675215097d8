"""Choices of the young people's records: qualification levels, consent scopes and import states."""

from django.db import models


class QualificationLevel(models.TextChoices):
    # French national nomenclature of qualification levels (décret n° 2019-14 du 8 janvier 2019).
    INFRA_3 = "infra_3", "Sans qualification (infra 3)"
    LEVEL_3 = "level_3", "Niveau 3 (CAP, BEP)"
    LEVEL_4 = "level_4", "Niveau 4 (baccalauréat)"
    LEVEL_5 = "level_5", "Niveau 5 (bac+2)"
    LEVEL_6_PLUS = "level_6_plus", "Niveau 6 et plus (bac+3 et au-delà)"


class ConsentScope(models.TextChoices):
    IDENTITY_AND_CONTACT = "identity_and_contact", "Identité, profil et coordonnées"
    IDENTITY_ONLY = "identity_only", "Identité et profil, sans coordonnées"


# Priority-public flags: sensitive (RQTH is health data), they never leave the Mission Locale.
PRIORITY_FLAGS = {
    "qpv_resident": "Résident QPV",
    "rqth": "RQTH",
    "cej_beneficiary": "Bénéficiaire du CEJ",
    "school_dropout": "Décrocheur scolaire",
    "no_diploma": "Sans diplôme",
}


class ImportStatus(models.TextChoices):
    """Where a confirmed import stands in the job queue (the follow-up page shows it)."""

    QUEUED = "queued", "En attente de traitement"
    CHECKING = "checking", "Vérification des lignes"
    SAVING = "saving", "Enregistrement des fiches"
    DONE = "done", "Import terminé"
    FAILED = "failed", "Import refusé : rien n'a été enregistré"
