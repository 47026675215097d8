"""Partner sheets: one per partner structure or network head, with its contacts, logo and documents (C9)."""

from django.conf import settings
from django.db import models

from relais.conventions.storage import private_storage
from relais.jobs.models import NafSector, RomeFamily
from relais.organizations.models import Organization
from relais.territories.models import Department

# Bounds of what a sheet holds (checked by the forms and again by the services).
TEXT_MAX = 3000
MAX_SECTORS = 15
MAX_FAMILIES = 20
MAX_DEPARTMENTS = 20
MAX_CONTACTS = 10
MAX_DOCUMENTS = 20


def logo_path(instance, filename):
    return f"sheets/{instance.organization_id}/logo/{filename}"


def sheet_document_path(instance, filename):
    return f"sheets/{instance.sheet.organization_id}/documents/{instance.stored_name}"


class PartnerSheet(models.Model):
    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="sheet")
    presentation = models.TextField("présentation", max_length=TEXT_MAX, blank=True)
    offer = models.TextField("offre de service", max_length=TEXT_MAX, blank=True)
    naf_sectors = models.ManyToManyField(
        NafSector, blank=True, related_name="+", verbose_name="secteurs (NAF)"
    )
    rome_families = models.ManyToManyField(
        RomeFamily, blank=True, related_name="+", verbose_name="métiers (familles ROME)"
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name="départements"
    )
    territory_note = models.CharField("territoire, en quelques mots", max_length=255, blank=True)
    logo = models.FileField(storage=private_storage, upload_to=logo_path, max_length=255, blank=True)
    logo_content_type = models.CharField(max_length=40, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "fiche partenaire"
        verbose_name_plural = "fiches partenaires"

    def __str__(self):
        return f"Fiche de {self.organization}"


class SheetContact(models.Model):
    sheet = models.ForeignKey(PartnerSheet, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField("nom", max_length=150)
    title = models.CharField("fonction", max_length=150, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "contact de la fiche"

    def __str__(self):
        return self.full_name


class SheetDocument(models.Model):
    sheet = models.ForeignKey(PartnerSheet, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=255)
    file = models.FileField(storage=private_storage, upload_to=sheet_document_path, max_length=255)
    stored_name = models.CharField(max_length=80)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "pk"]
        verbose_name = "document de la fiche"

    def __str__(self):
        return self.title
