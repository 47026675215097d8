"""The network directory: organisations, their sites, people, memberships and referents (C1, C3)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from relais.jobs.models import NafSector
from relais.organizations.enums import PARTNER_KINDS, OrganizationKind, Role
from relais.territories.models import Commune, Department, Region


class Organization(models.Model):
    kind = models.CharField("type", max_length=30, choices=OrganizationKind.choices, db_index=True)
    name = models.CharField("nom", max_length=255)
    short_name = models.CharField("nom court", max_length=100, blank=True)
    # Stable key of well-known organisations ("unml", "arml-84", "cr-geiq-84"...), used by loaders and seeds.
    slug = models.SlugField("identifiant", max_length=60, null=True, blank=True, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name="structure de rattachement",
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="organizations"
    )
    departments = models.ManyToManyField(Department, blank=True, related_name="organizations")
    siret = models.CharField("SIRET", max_length=14, blank=True)
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        indexes = [models.Index(fields=["kind", "region"])]

    def __str__(self):
        return self.short_name or self.name

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
        Organization, on_delete=models.CASCADE, related_name="partner_referents",
        limit_choices_to={"kind": OrganizationKind.MISSION_LOCALE},
    )
    partner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="mission_locale_referents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referent_of")
    since = models.DateField("depuis", null=True, blank=True)

    class Meta:
        ordering = ["mission_locale__name", "partner__name"]
        verbose_name = "référent partenaire"
        verbose_name_plural = "référents partenaires"
        constraints = [
            models.UniqueConstraint(fields=["mission_locale", "partner"], name="one_referent_per_ml_and_partner"),
            models.CheckConstraint(condition=~Q(mission_locale=models.F("partner")), name="referent_not_self"),
        ]

    def __str__(self):
        return f"{self.person} ({self.mission_locale} ↔ {self.partner})"
