"""The network directory: organisations, their sites, people, memberships and referents (C1, C3)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from stdnum.fr import siret as siret_checker

from relais.jobs.models import NafSector
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind, Role
from relais.territories.loading import search_key
from relais.territories.models import Commune, Department, Region

SIRET_INVALID = "Ce numéro SIRET n'est pas valide (14 chiffres avec une clé de contrôle)."


def is_valid_siret(value: str) -> bool:
    """The one SIRET rule: 14 digits, Luhn key (La Poste exception), and a SIREN that is not all zeros
    (python-stdnum accepts "00000000000000", whose checksum is right, but no establishment has it)."""
    return siret_checker.is_valid(value) and value[:9].strip("0") != ""


def validate_siret_checksum(value: str) -> None:
    """Model-level check of a stored SIRET (see is_valid_siret)."""
    if value and not is_valid_siret(value):
        raise ValidationError(SIRET_INVALID, code="invalid_siret")


SEARCH_TEXT_LENGTH = 600


def search_text_of(*parts: str) -> str:
    """The folded text a directory search looks into (see Organization.search_text)."""
    return search_key(" ".join(part for part in parts if part))[:SEARCH_TEXT_LENGTH]


class Organization(models.Model):
    kind = models.CharField("type", max_length=30, choices=OrganizationKind.choices, db_index=True)
    name = models.CharField("nom", max_length=255)
    short_name = models.CharField("nom court", max_length=100, blank=True)
    # Stable key of well-known organisations ("unml", "arml-84", "cr-geiq-84"...), used by loaders and seeds.
    slug = models.SlugField("identifiant", max_length=60, null=True, blank=True, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="structure de rattachement",
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="organizations"
    )
    departments = models.ManyToManyField(Department, blank=True, related_name="organizations")
    # Checked by checksum whenever given, unique when given, required for companies (services.validate_siret).
    siret = models.CharField("SIRET", max_length=14, blank=True, validators=[validate_siret_checksum])
    imilo_code = models.CharField("code structure I-Milo", max_length=8, null=True, blank=True, unique=True)
    naf_sectors = models.ManyToManyField(NafSector, blank=True, related_name="organizations")
    sector_label = models.CharField("secteur d'activité", max_length=150, blank=True)
    description = models.TextField("présentation", blank=True)
    address = models.CharField("adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey(Commune, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Communes a Mission Locale covers (operator-supplied table, see the import_ml_coverage command).
    covered_communes = models.ManyToManyField(Commune, blank=True, related_name="covering_organizations")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField("site internet", blank=True)
    is_active = models.BooleanField("active", default=True)
    # Accent-, case-, hyphen- and "St"/"Saint"-blind name, short name and sector, written by the services and
    # loaders that write those fields, so that a search works the same on SQLite and PostgreSQL.
    search_text = models.CharField(max_length=SEARCH_TEXT_LENGTH, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        indexes = [models.Index(fields=["kind", "region"])]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret=""),
                name="organization_siret_unique_when_given",
                violation_error_message="Une autre organisation porte déjà ce numéro SIRET.",
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def refresh_search_text(self) -> str:
        self.search_text = search_text_of(self.name, self.short_name, self.sector_label)
        return self.search_text

    @property
    def is_mission_locale(self) -> bool:
        return self.kind == OrganizationKind.MISSION_LOCALE

    @property
    def is_partner(self) -> bool:
        return self.kind in PARTNER_KINDS


class Site(models.Model):
    """A Mission Locale's "point d'accueil" (or any organisation's secondary address)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField("nom", max_length=255)
    address = models.CharField("adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    is_main = models.BooleanField("siège", default=False)

    class Meta:
        ordering = ["-is_main", "name"]
        verbose_name = "point d'accueil"
        verbose_name_plural = "points d'accueil"

    def __str__(self):
        return self.name


class Person(models.Model):
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "personne"

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    title = models.CharField("fonction", max_length=150, blank=True)
    is_active = models.BooleanField("en fonction", default=True)

    class Meta:
        ordering = ["organization__name", "role"]
        verbose_name = "rôle dans une organisation"
        verbose_name_plural = "rôles dans les organisations"
        constraints = [
            models.UniqueConstraint(fields=["person", "organization", "role"], name="membership_unique_role")
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} — {self.organization}"


class PartnerReferent(models.Model):
    """The person of a Mission Locale in charge of the relation with one partner structure (C3)."""

    mission_locale = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="partner_referents",
        limit_choices_to={"kind": OrganizationKind.MISSION_LOCALE},
    )
    partner = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="mission_locale_referents"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referent_of")
    since = models.DateField("depuis", null=True, blank=True)

    class Meta:
        ordering = ["mission_locale__name", "partner__name"]
        verbose_name = "référent partenaire"
        verbose_name_plural = "référents partenaires"
        constraints = [
            models.UniqueConstraint(
                fields=["mission_locale", "partner"], name="one_referent_per_ml_and_partner"
            ),
            models.CheckConstraint(
                condition=~Q(mission_locale=models.F("partner")), name="referent_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.mission_locale} ↔ {self.partner})"
