"""The convention's shared space: folders and the documents filed in them (C9)."""

from django.conf import settings
from django.db import models

from relais.conventions.enums import DocumentKind
from relais.conventions.storage import private_storage

FOLDER_NAME_MAX = 100


class DocumentFolder(models.Model):
    """A folder of the convention's shared space, seen by every party's members."""

    convention = models.ForeignKey("conventions.Convention", on_delete=models.CASCADE, related_name="folders")
    name = models.CharField("nom", max_length=FOLDER_NAME_MAX)
    order = models.PositiveSmallIntegerField("ordre", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "name", "pk"]
        verbose_name = "dossier de documents"
        verbose_name_plural = "dossiers de documents"
        constraints = [
            models.UniqueConstraint(fields=["convention", "name"], name="one_folder_name_per_convention")
        ]

    def __str__(self):
        return self.name


def document_path(instance, filename):
    return f"conventions/{instance.convention_id}/{instance.stored_name}"


class ConventionDocument(models.Model):
    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="documents"
    )
    # Empty: "Non classé" (documents filed before the folders existed, or whose folder was removed).
    folder = models.ForeignKey(
        DocumentFolder,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name="dossier",
    )
    kind = models.CharField("type", max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField("titre", max_length=255)
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=255)
    stored_name = models.CharField(max_length=80)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "document"

    def __str__(self):
        return self.title
