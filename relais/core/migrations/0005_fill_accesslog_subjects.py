"""Move the JSON list of shown records into the subject table (the list is dropped by the next migration)."""

from django.db import migrations

BATCH = 1000


def subjects_of(subject_ids, object_id) -> set[int]:
    """The same rule as log_access: the records listed, else the object read itself."""
    ids = {int(pk) for pk in subject_ids or () if str(pk).isdigit()}
    if not ids and str(object_id).isdigit():
        ids = {int(object_id)}
    return ids


def fill_subjects(apps, schema_editor):
    AccessLog = apps.get_model("core", "AccessLog")
    AccessLogSubject = apps.get_model("core", "AccessLogSubject")
    rows = []
    logs = AccessLog.objects.order_by("pk").values_list("pk", "object_type", "object_id", "subject_ids")
    for log_id, object_type, object_id, subject_ids in logs.iterator(chunk_size=BATCH):
        for pk in sorted(subjects_of(subject_ids, object_id)):
            rows.append(AccessLogSubject(access_log_id=log_id, subject_type=object_type, subject_id=pk))
        if len(rows) >= BATCH:
            AccessLogSubject.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    AccessLogSubject.objects.bulk_create(rows, ignore_conflicts=True)


def restore_lists(apps, schema_editor):
    AccessLog = apps.get_model("core", "AccessLog")
    AccessLogSubject = apps.get_model("core", "AccessLogSubject")
    lists: dict[int, list[int]] = {}
    for log_id, subject_id in AccessLogSubject.objects.order_by("subject_id").values_list(
        "access_log_id", "subject_id"
    ):
        lists.setdefault(log_id, []).append(subject_id)
    for log in AccessLog.objects.filter(pk__in=list(lists)):
        log.subject_ids = lists[log.pk]
        log.save(update_fields=["subject_ids"])
    AccessLogSubject.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_accesslogsubject"),
    ]

    operations = [migrations.RunPython(fill_subjects, restore_lists)]
