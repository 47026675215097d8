"""The review page: its figures with their breakdowns, charts and data tables, the previous period's values, the
parties' commitments, who sees which actions, and a number of queries that does not grow with the activity."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relais.core.providers import BreakdownRow, IndicatorValue
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.reviews.figures import splits_of
from relais.reviews.models import Review
from relais.reviews.workflow import REVIEW_WORKFLOW
from tests.conventions.factories import CommitmentFactory, ConventionFactory
from tests.reviews.conftest import hire_youths

pytestmark = pytest.mark.django_db


def page(client, user, convention):
    client.force_login(user)
    return client.get(f"/bilans/{convention.pk}/")


def test_the_coordinator_sees_live_figures_with_breakdowns_charts_and_tables(client, personas, charter):
    hire_youths(personas, charter, 2)
    response = page(client, personas.arml_coordinator, charter)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chiffres en direct" in html and "Jeunes recrutés" in html
    assert (
        'role="tab"' in html
        and ">Par type de contrat</button>" in html
        and ">Par Mission Locale</button>" in html
    )
    assert "<caption>Jeunes recrutés — par type de contrat</caption>" in html
    hires = html[html.index('id="figure-youths_hired_by_contract"') :]
    assert "<td>Contrat d&#x27;apprentissage</td><td>2 jeunes</td>" in hires[: hires.index("</section>")]
    # A median beside its 80th percentile shares nothing out: no chart.
    delay = html[html.index('id="figure-delay_proposal_to_transmission"') :]
    assert "<bar-chart" not in delay[: delay.index("</section>")]
    assert "Arrêter les chiffres" in html
    # Opening the page creates nothing: the review row comes with the first write.
    assert not Review.objects.filter(convention=charter).exists()
    assert "Voir l&#x27;activité correspondante" in html or "Voir l'activité correspondante" in html


def test_an_observer_is_sent_to_the_masked_roll_up_instead_of_the_review(client, personas, charter):
    response = page(client, personas.state_observer, charter)
    assert (response.status_code, response["Location"]) == (302, "/bilans/consolidation/")


def test_another_region_coordinator_gets_404(client, personas, charter):
    from relais.organizations.enums import Role
    from tests.organizations.factories import user_with_role

    outsider = user_with_role(personas.network.arml_ge, Role.COORDINATOR, "coordination@arml-ge.test")
    assert page(client, outsider, charter).status_code == 404


def test_the_page_compares_with_the_previous_periods_frozen_review(client, personas, charter):
    before = ConventionFactory(parties=[personas.network.arml], region=personas.network.aura)
    hire_youths(personas, before, 1)
    earlier = Review.objects.create(convention=before)
    apply(REVIEW_WORKFLOW, earlier, "compute", scope=Scope.for_user(personas.arml_coordinator))
    charter.previous_period = before
    charter.save(update_fields=["previous_period"])
    hire_youths(personas, charter, 3)
    html = page(client, personas.arml_coordinator, charter).content.decode()
    assert "Période précédente : 1 jeune (évolution : +2)" in html


def test_the_page_lists_each_partys_commitments_with_their_realised_occurrences(client, personas, charter):
    party = charter.parties.get(organization=personas.network.arml)
    CommitmentFactory(convention=charter, party=party, text="Désigner un référent par Mission Locale")
    html = page(client, personas.arml_coordinator, charter).content.decode()
    assert "Engagements des parties" in html and "Désigner un référent par Mission Locale" in html


def test_the_freeze_runs_from_the_page(client, personas, charter):
    client.force_login(personas.arml_coordinator)
    assert (
        "Les chiffres seront arrêtés" in client.get(f"/bilans/{charter.pk}/action/compute/").content.decode()
    )
    response = client.post(f"/bilans/{charter.pk}/action/compute/", follow=True)
    assert "Chiffres arrêtés le" in response.content.decode()
    assert Review.objects.get(convention=charter).status == "computed"


def test_a_counsellor_cannot_run_a_move_from_the_page(client, personas, charter):
    client.force_login(personas.counsellor_a)
    assert client.post(f"/bilans/{charter.pk}/action/compute/").status_code == 403


def _queries(client, user, convention) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/bilans/{convention.pk}/").status_code == 200
    return len(captured)


@pytest.mark.parametrize("frozen", [False, True])
def test_the_page_runs_as_many_queries_with_more_activity(client, personas, charter, frozen):
    party = charter.parties.first()
    CommitmentFactory(convention=charter, party=party)
    hire_youths(personas, charter, 1)
    if frozen:
        review = Review.objects.create(convention=charter)
        apply(REVIEW_WORKFLOW, review, "compute", scope=Scope.for_user(personas.arml_coordinator))
    small = _queries(client, personas.arml_coordinator, charter)
    for _ in range(3):
        CommitmentFactory(convention=charter, party=party)
    hire_youths(personas, charter, 4)
    assert _queries(client, personas.arml_coordinator, charter) == small


def test_only_rows_sharing_a_figure_out_are_charted_in_its_unit():
    hires = IndicatorValue(
        "youths_hired_by_contract",
        "Jeunes recrutés",
        5,
        "jeune",
        True,
        breakdown=(BreakdownRow("apprenticeship", "Apprentissage", 3), BreakdownRow("cdi", "CDI", 2)),
    )
    delay = IndicatorValue(
        "delay_proposal_to_entry",
        "Délai",
        12.0,
        "jour",
        False,
        breakdown=(
            BreakdownRow("p80", "80e centile", 20.0, "jour"),
            BreakdownRow("n", "Positionnements mesurés", 4),
        ),
    )
    (split,) = splits_of(hires)
    assert split.charted and [unit for _, unit in split.lines] == ["jeune", "jeune"]
    assert json.loads(split.chart_x) == [["Apprentissage", "CDI"]] and json.loads(split.chart_y) == [[3, 2]]
    (split,) = splits_of(delay)
    assert not split.charted and [unit for _, unit in split.lines] == ["jour", ""]


def test_the_home_page_lists_the_reviews_due_to_their_coordinators_only(client, personas, charter):
    client.force_login(personas.arml_coordinator)
    home = client.get("/").content.decode()
    assert "Bilans à réaliser" in home and f"/bilans/{charter.pk}/" in home
    client.force_login(personas.counsellor_a)
    assert "Bilans à réaliser" not in client.get("/").content.decode()


def test_a_comment_is_posted_from_the_page_and_opens_the_review(client, personas, charter):
    client.force_login(personas.geiq_coordinator)
    response = client.post(f"/bilans/{charter.pk}/commentaires/", {"text": "Deux GEIQ manquent au tableau."})
    assert response.status_code == 302
    review = Review.objects.get(convention=charter)
    assert review.comments.get().organization == personas.network.cr_geiq
    assert "Deux GEIQ manquent au tableau." in client.get(f"/bilans/{charter.pk}/").content.decode()
    client.force_login(personas.state_observer)
    assert client.post(f"/bilans/{charter.pk}/commentaires/", {"text": "Remarque"}).status_code == 403


def test_each_figure_links_to_the_list_behind_it_for_those_entitled_to_it(client, personas, charter):
    def link_of(html, code):
        block = html[html.index(f'id="figure-{code}"') :]
        block = block[: block.index("</section>")]
        return (
            block.split('class="fr-link fr-link--sm" href="')[1].split('"')[0]
            if "fr-link--sm" in block
            else ""
        )

    coordinator = page(client, personas.arml_coordinator, charter).content.decode()
    assert (
        link_of(coordinator, "info_sessions_counsellors")
        == f"/evenements/?vue=liste&amp;convention={charter.pk}"
    )
    # The regional coordinator reads no young person's candidacy: no list behind the hires for them.
    assert link_of(coordinator, "youths_hired_by_contract") == ""
    counsellor = page(client, personas.counsellor_a, charter).content.decode()
    assert link_of(counsellor, "youths_hired_by_contract") == "/positionnements/?tous=1"


def test_recording_the_copil_offers_the_steering_meeting_held_last(client, personas, charter):
    from relais.events.enums import EventKind
    from tests.events.factories import make_event

    held = make_event(
        personas.network.arml,
        kind=EventKind.STEERING,
        convention=charter,
        days=-3,
        title="COPIL annuel de la charte",
    )
    make_event(
        personas.network.arml, kind=EventKind.TRADES_STAFF, convention=charter, days=-2, title="Collective"
    )
    client.force_login(personas.arml_coordinator)
    html = client.get(f"/bilans/{charter.pk}/action/present/").content.decode()
    assert f'<option value="{held.pk}" selected>COPIL annuel de la charte' in html
    assert "Collective" not in html
    assert f'value="{timezone.localdate(held.starts_at):%Y-%m-%d}"' in html


def test_the_review_shows_the_target_the_coordinators_set_beside_the_figure(client, personas, charter):
    from relais.conventions.indicator_entries import indicator_target_set

    hire_youths(personas, charter, 2)
    indicator_target_set(
        convention=charter,
        scope=Scope.for_user(personas.arml_coordinator),
        code="youths_hired_by_contract",
        value=5,
    )
    html = page(client, personas.arml_coordinator, charter).content.decode()
    assert "Objectif : 5" in html and "écart : -3" in html
