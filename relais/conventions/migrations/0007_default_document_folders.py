"""Default folders of the shared space for the conventions that exist; documents filed by their kind."""

from django.db import migrations

# A copy of relais.conventions.space.DEFAULT_FOLDERS when this migration was written: (name, kind filed in it).
DEFAULT_FOLDERS = [
    ("Convention signée", "signed"),
    ("Comptes rendus", "minutes"),
    ("Supports de communication", "communication"),
    ("Supports d'événements", None),
]


def create_default_folders(apps, schema_editor):
    Convention = apps.get_model("conventions", "Convention")
    DocumentFolder = apps.get_model("conventions", "DocumentFolder")
    ConventionDocument = apps.get_model("conventions", "ConventionDocument")
    for convention in Convention.objects.only("pk").iterator():
        for order, (name, kind) in enumerate(DEFAULT_FOLDERS):
            folder, _ = DocumentFolder.objects.get_or_create(
                convention=convention, name=name, defaults={"order": order}
            )
            if kind:
                ConventionDocument.objects.filter(
                    convention=convention, kind=kind, folder__isnull=True
                ).update(folder=folder)


class Migration(migrations.Migration):
    dependencies = [("conventions", "0006_document_folders")]

    operations = [migrations.RunPython(create_default_folders, migrations.RunPython.noop)]
