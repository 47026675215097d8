"""The access log's subject table: "who saw this young person" is one SQL query, also for old rows."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from relais.core.models import AccessLog, AccessLogSubject
from relais.core.scope import Scope
from relais.core.selectors import accesses_to
from relais.core.services import log_access
from relais.youths.models import Youth
from relais.youths.services import log_youth_export, log_youth_list, log_youth_read
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db
YOUTH = "youths.youth"


@pytest.fixture
def two_youths(personas):
    n = personas.network
    return (
        YouthFactory(mission_locale=n.ml_a, commune=n.lyon, first_name="Léa", last_name="Dupont"),
        YouthFactory(mission_locale=n.ml_a, commune=n.lyon, first_name="Noé", last_name="Moreau"),
    )


def test_a_list_writes_one_subject_row_per_young_person_shown(personas, two_youths):
    lea, noe = two_youths
    log = log_youth_list(
        scope=Scope.for_user(personas.counsellor_a), youth_ids=[noe.pk, lea.pk, noe.pk, None], what="Jeunes"
    )
    assert sorted(log.subjects.values_list("subject_type", "subject_id")) == sorted(
        [(YOUTH, lea.pk), (YOUTH, noe.pk)]
    )
    assert "2 jeune(s)" in log.description


def test_a_read_has_its_record_as_subject_and_names_nobody_in_its_description(personas, two_youths):
    lea, _ = two_youths
    log = log_youth_read(scope=Scope.for_user(personas.counsellor_a), youth=lea, path="/jeunes/1/")
    assert list(log.subjects.values_list("subject_type", "subject_id")) == [(YOUTH, lea.pk)]
    assert "Dupont" not in log.description and "Léa" not in log.description


def test_a_log_without_personal_subjects_writes_no_subject_row(personas):
    log = log_access(
        user=personas.admin, kind=AccessLog.Kind.EXPORT, object_type="organizations.organization", path="/x"
    )
    assert not log.subjects.exists()


def test_who_saw_this_young_person_is_answered_by_one_query(personas, two_youths, django_assert_num_queries):
    lea, noe = two_youths
    read = log_youth_read(scope=Scope.for_user(personas.counsellor_a), youth=lea)
    listed = log_youth_list(scope=Scope.for_user(personas.cre_a), youth_ids=[lea.pk, noe.pk], what="Jeunes")
    log_youth_export(scope=Scope.for_user(personas.cre_a), youth_ids=[noe.pk], file_format="csv")
    log_youth_read(scope=Scope.for_user(personas.counsellor_a), youth=noe)
    # Another kind of record with the same id is somebody else.
    log_access(
        user=personas.admin, kind=AccessLog.Kind.READ, object_type="organizations.person", object_id=lea.pk
    )
    query = accesses_to(lea)
    assert "core_accesslogsubject" in str(query.query)
    with django_assert_num_queries(1):
        seen = [(log.pk, log.user.email) for log in query]
    assert sorted(seen) == sorted([(read.pk, personas.counsellor_a.email), (listed.pk, personas.cre_a.email)])


def test_the_answer_outlives_the_record(personas, two_youths):
    lea, _ = two_youths
    log = log_youth_read(scope=Scope.for_user(personas.counsellor_a), youth=lea)
    pk = lea.pk
    lea.delete()
    assert list(accesses_to(Youth(pk=pk))) == [log]


def _migration(app: str, fragment: str) -> tuple[str, str]:
    loader = MigrationExecutor(connection).loader
    names = [name for (label, name) in loader.disk_migrations if label == app and fragment in name]
    assert len(names) == 1, names
    return app, names[0]


@pytest.mark.django_db(transaction=True)
def test_the_json_lists_move_to_the_subject_table_and_back(personas, two_youths):
    lea, noe = two_youths
    listed = log_youth_list(scope=Scope.for_user(personas.cre_a), youth_ids=[lea.pk, noe.pk], what="Jeunes")
    read = log_youth_read(scope=Scope.for_user(personas.counsellor_a), youth=noe)
    directory = log_access(
        user=personas.admin, kind=AccessLog.Kind.EXPORT, object_type="organizations.organization"
    )
    with_json_list = _migration("core", "accesslogsubject")  # the table exists, the JSON list is still there
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([with_json_list])
        old_apps = executor.loader.project_state([with_json_list]).apps
        OldAccessLog = old_apps.get_model("core", "AccessLog")
        assert not old_apps.get_model("core", "AccessLogSubject").objects.exists()
        lists = dict(OldAccessLog.objects.values_list("pk", "subject_ids"))
        assert lists == {listed.pk: sorted([lea.pk, noe.pk]), read.pk: [noe.pk], directory.pk: []}
        # A row written before the subject table existed: a list, and a read with its record in object_id only.
        OldAccessLog.objects.filter(pk=read.pk).update(subject_ids=[])
        MigrationExecutor(connection).migrate(leaves)
    finally:
        MigrationExecutor(connection).migrate(leaves)
    rows = sorted(AccessLogSubject.objects.values_list("access_log_id", "subject_type", "subject_id"))
    assert rows == sorted([(listed.pk, YOUTH, lea.pk), (listed.pk, YOUTH, noe.pk), (read.pk, YOUTH, noe.pk)])
    assert {log.pk for log in accesses_to(noe)} == {listed.pk, read.pk}
