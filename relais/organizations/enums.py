"""Kinds of organisation and roles of people in them."""

from django.db import models


class OrganizationKind(models.TextChoices):
    UNML = "unml", "Union nationale des Missions Locales"
    ARML = "arml", "Association régionale des Missions Locales"
    MISSION_LOCALE = "mission_locale", "Mission Locale"
    NETWORK_HEAD = "network_head", "Tête de réseau partenaire"
    GEIQ = "geiq", "GEIQ"
    EMPLOYER_OFFICE = "employer_office", "Représentation territoriale d'employeurs"
    COMPANY = "company", "Entreprise"
    INTERIM_AGENCY = "interim_agency", "Agence d'intérim"
    OPCO = "opco", "Opérateur de compétences (OPCO)"
    BRANCH = "branch", "Branche professionnelle"
    STATE = "state", "Service de l'État"
    REGION_COUNCIL = "region_council", "Région"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    TRAINING_BODY = "training_body", "Organisme de formation"


MISSION_LOCALE_NETWORK = {OrganizationKind.UNML, OrganizationKind.ARML, OrganizationKind.MISSION_LOCALE}
# Organisations on the partner side, the ones that publish needs and receive candidates.
PARTNER_KINDS = {
    OrganizationKind.NETWORK_HEAD,
    OrganizationKind.GEIQ,
    OrganizationKind.EMPLOYER_OFFICE,
    OrganizationKind.COMPANY,
    OrganizationKind.INTERIM_AGENCY,
    OrganizationKind.OPCO,
    OrganizationKind.BRANCH,
    OrganizationKind.TRAINING_BODY,
}
# Every SIRET given is checked by checksum and unique; these kinds must give one: a company or an interim agency
# is known in the directory by its establishment (the other kinds are associations, networks or public bodies
# whose SIRET is optional).
SIRET_REQUIRED_KINDS = {OrganizationKind.COMPANY, OrganizationKind.INTERIM_AGENCY}
INSTITUTION_KINDS = {OrganizationKind.STATE, OrganizationKind.REGION_COUNCIL, OrganizationKind.FRANCE_TRAVAIL}


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinateur·rice (interlocuteur unique)"
    DIRECTOR = "director", "Directeur·rice"
    PRESIDENT = "president", "Président·e"
    COUNSELLOR = "counsellor", "Conseiller·ère"
    CRE = "cre", "Chargé·e de relations entreprises (CRE)"
    DISABILITY_REFERENT = "disability_referent", "Référent·e handicap"
    PARTNER_RECRUITER = "partner_recruiter", "Recruteur·se partenaire"
    OBSERVER = "observer", "Observateur·rice"
    ADMINISTRATOR = "administrator", "Administrateur·rice"
