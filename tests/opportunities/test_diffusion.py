"""Diffusion to the Missions Locales of a perimeter: deliveries, e-mails to the CREs, the daily digest."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from relais.conventions.models import Convention, ConventionParty
from relais.core.notifications import Frequency, OutboxEmail, send_daily_digests
from relais.core.notifications.preferences import notification_preference_set
from relais.core.scope import Scope
from relais.opportunities.enums import PerimeterKind
from relais.opportunities.models import Delivery, OpportunityError
from relais.opportunities.services import convention_diffusion_setting_set, opportunity_diffuse
from relais.organizations.enums import Role
from tests.organizations.factories import OrganizationFactory, user_with_role

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def more(personas):
    """A CRE for ML B, and ML C of the Grand Est network with its own CRE."""
    n = personas.network
    ml_c = OrganizationFactory(name="Mission Locale de Nancy", parent=n.arml_ge, region=n.grand_est)
    return type(
        "More",
        (),
        {
            "cre_b": user_with_role(n.ml_b, Role.CRE, "cre@ml-grenoble.test", first_name="Inès"),
            "ml_c": ml_c,
            "cre_c": user_with_role(ml_c, Role.CRE, "cre@ml-nancy.test"),
        },
    )


def delivered_to(opportunity):
    return set(
        Delivery.objects.filter(opportunity=opportunity).values_list("mission_locale__name", flat=True)
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def choose(user, *, enabled=True, frequency=Frequency.IMMEDIATE):
    notification_preference_set(
        scope=Scope.for_user(user), code="opportunities.diffused", enabled=enabled, frequency=frequency
    )


def digest_items():
    return OutboxEmail.objects.filter(code="opportunities.diffused", status=OutboxEmail.Status.WAITING)


def digests():
    return OutboxEmail.objects.filter(code="core.digest")


def test_the_arml_coordinator_diffuses_to_the_whole_region_and_each_cre_gets_an_email(
    personas, more, published, django_capture_on_commit_callbacks
):
    n = personas.network
    with django_capture_on_commit_callbacks(execute=True):
        diffusion = opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.REGION,
            region=n.aura,
        )
    assert delivered_to(published) == {"Mission Locale de Lyon", "Mission Locale de Grenoble"}
    assert diffusion.perimeter_details == {"region": "84"}
    assert all(d.delivered_at and d.first_read_at is None for d in published.deliveries.all())
    # CREs only: the counsellors of the same Missions Locales get nothing; Nancy is outside AMILAURA.
    assert recipients() == ["cre@ml-grenoble.test", "cre@ml-lyon.test"]
    assert mail.outbox[0].subject == "Nouvelle opportunité diffusée : Maçon / Maçonne"
    assert f"/opportunites/{published.pk}/" in mail.outbox[0].body


def test_diffusion_to_departments_reaches_only_their_missions_locales(
    personas, more, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.DEPARTMENTS,
            departments=[personas.network.isere],
        )
    assert delivered_to(published) == {"Mission Locale de Grenoble"}
    assert recipients() == ["cre@ml-grenoble.test"]


def test_diffusion_to_a_chosen_list_and_a_second_diffusion_adds_only_the_new_ones(
    personas, more, published, django_capture_on_commit_callbacks
):
    n = personas.network
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.LIST,
            mission_locales=[n.ml_a],
        )
    assert delivered_to(published) == {"Mission Locale de Lyon"}
    first = Delivery.objects.get(opportunity=published)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.REGION,
            region=n.aura,
        )
    assert delivered_to(published) == {"Mission Locale de Lyon", "Mission Locale de Grenoble"}
    assert Delivery.objects.get(pk=first.pk).delivered_at == first.delivered_at
    assert recipients() == ["cre@ml-grenoble.test"]
    with pytest.raises(OpportunityError, match="ont déjà reçu"):
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.REGION,
            region=n.aura,
        )


def test_a_mission_locale_outside_the_coordinators_network_is_refused(personas, more, published):
    with pytest.raises(ValidationError) as error:
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.LIST,
            mission_locales=[personas.network.ml_a, more.ml_c],
        )
    assert "hors de votre périmètre" in error.value.message_dict["mission_locales"][0]
    assert not Delivery.objects.exists()


def test_only_a_published_opportunity_is_diffused(personas, draft):
    with pytest.raises(OpportunityError, match="Seule une opportunité publiée"):
        opportunity_diffuse(
            opportunity=draft,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.REGION,
            region=personas.network.aura,
        )


@pytest.mark.parametrize("persona", ["cre_a", "counsellor_a", "state_observer", "geiq_recruiter"])
def test_people_who_do_not_run_the_convention_cannot_diffuse(personas, published, persona):
    with pytest.raises(PermissionDenied):
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(getattr(personas, persona)),
            perimeter=PerimeterKind.REGION,
            region=personas.network.aura,
        )


def test_the_partner_diffuses_itself_when_its_convention_allows_it(personas, more, published):
    n = personas.network
    charter = Convention.objects.create(
        title="Charte", kind="regional_charter", status="active", region=n.aura
    )
    ConventionParty.objects.create(convention=charter, organization=n.cr_geiq)
    ConventionParty.objects.create(convention=charter, organization=n.arml)
    published.convention = charter
    published.save()
    with pytest.raises(PermissionDenied):
        convention_diffusion_setting_set(
            convention=charter, partners_may_diffuse=True, scope=Scope.for_user(personas.geiq_recruiter)
        )
    convention_diffusion_setting_set(
        convention=charter, partners_may_diffuse=True, scope=Scope.for_user(personas.arml_coordinator)
    )
    opportunity_diffuse(
        opportunity=published,
        scope=Scope.for_user(personas.geiq_recruiter),
        perimeter=PerimeterKind.REGION,
        region=n.aura,
    )
    assert delivered_to(published) == {"Mission Locale de Lyon", "Mission Locale de Grenoble"}


def test_the_network_head_coordinator_does_not_bypass_the_mission_locale_network(personas, more, published):
    """The CR GEIQ coordinator could diffuse straight to the Missions Locales, bypassing AMILAURA."""
    with pytest.raises(PermissionDenied):
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.geiq_coordinator),
            perimeter=PerimeterKind.REGION,
            region=personas.network.aura,
        )
    assert delivered_to(published) == set()


def test_the_network_head_coordinator_diffuses_in_its_region_when_the_convention_says_so(
    personas, more, published
):
    n = personas.network
    convention = Convention.objects.create(
        title="Charte", kind="regional_charter", status="active", region=n.aura
    )
    ConventionParty.objects.create(convention=convention, organization=n.arml)
    ConventionParty.objects.create(convention=convention, organization=n.cr_geiq)
    published.convention = convention
    published.save(update_fields=["convention"])
    convention_diffusion_setting_set(
        convention=convention, partners_may_diffuse=True, scope=Scope.for_user(personas.arml_coordinator)
    )
    opportunity_diffuse(
        opportunity=published,
        scope=Scope.for_user(personas.geiq_coordinator),
        perimeter=PerimeterKind.REGION,
        region=n.aura,
    )
    assert delivered_to(published) == {"Mission Locale de Lyon", "Mission Locale de Grenoble"}  # not Nancy


def test_the_partner_is_told_who_diffuses_and_the_coordinator_as_whom(client, personas, published):
    client.force_login(personas.geiq_coordinator)
    body = client.get(f"/opportunites/{published.pk}/").content.decode()
    assert 'data-testid="who-diffuses"' in body and "Diffuser aux Missions Locales" not in body
    assert personas.network.arml.name in body
    client.force_login(personas.arml_coordinator)
    form = client.get(f"/opportunites/{published.pk}/diffuser/").content.decode()
    assert f"Vous diffusez pour {personas.network.arml.name}" in form


def test_a_cre_who_wants_no_email_gets_none(personas, more, published, django_capture_on_commit_callbacks):
    choose(personas.cre_a, enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_diffuse(
            opportunity=published,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.REGION,
            region=personas.network.aura,
        )
    assert recipients() == ["cre@ml-grenoble.test"]
    assert not digest_items().exists()


def test_the_daily_digest_is_sent_once_a_day_even_when_the_task_runs_again(
    personas, more, published, rome_title, django_capture_on_commit_callbacks
):
    from tests.opportunities.factories import OpportunityFactory

    n = personas.network
    choose(personas.cre_a, frequency=Frequency.DAILY)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 16, 0, tzinfo=PARIS), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            opportunity_diffuse(
                opportunity=published,
                scope=Scope.for_user(personas.arml_coordinator),
                perimeter=PerimeterKind.LIST,
                mission_locales=[n.ml_a],
            )
    assert mail.outbox == []  # no immediate e-mail for a digest reader
    with time_machine.travel(datetime.datetime(2026, 3, 3, 6, 30, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 0  # too early in the morning
    with time_machine.travel(datetime.datetime(2026, 3, 3, 7, 5, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 1
        assert send_daily_digests() == 0  # a second run (restart, retry) sends nothing more
    assert recipients() == ["cre@ml-lyon.test"]
    assert mail.outbox[0].subject == "Récapitulatif du 03/03/2026 : 1 opportunité(s) reçue(s)"
    assert "Maçon / Maçonne" in mail.outbox[0].body
    assert digests().get().data["day"] == datetime.date(2026, 3, 3).isoformat()

    # Something diffused later that day waits for the next morning's digest.
    second = OpportunityFactory(
        publisher=n.geiq, rome_title=rome_title, commune=n.lyon, status="published", title="Coffreur·se"
    )
    with time_machine.travel(datetime.datetime(2026, 3, 3, 11, 0, tzinfo=PARIS), tick=False):
        opportunity_diffuse(
            opportunity=second,
            scope=Scope.for_user(personas.arml_coordinator),
            perimeter=PerimeterKind.LIST,
            mission_locales=[n.ml_a],
        )
        assert send_daily_digests() == 0
    with time_machine.travel(datetime.datetime(2026, 3, 4, 9, 0, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 1
        assert send_daily_digests() == 0
    assert len(mail.outbox) == 2
    assert "Coffreur·se" in mail.outbox[1].body and "Maçon" not in mail.outbox[1].body


MESSAGE = "Offre prioritaire du comité : merci de la relayer à vos conseillers."


def test_the_coordinators_message_reaches_the_cres_email_their_digest_and_the_opportunity_page(
    client, personas, more, published, django_capture_on_commit_callbacks
):
    n = personas.network
    choose(more.cre_b, frequency=Frequency.DAILY)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 16, 0, tzinfo=PARIS), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            opportunity_diffuse(
                opportunity=published,
                scope=Scope.for_user(personas.arml_coordinator),
                perimeter=PerimeterKind.REGION,
                region=n.aura,
                note=MESSAGE,
            )
    immediate = [m for m in mail.outbox if m.to == ["cre@ml-lyon.test"]]
    assert MESSAGE in immediate[0].body
    assert personas.arml_coordinator.get_full_name() in immediate[0].body
    with time_machine.travel(datetime.datetime(2026, 3, 3, 7, 5, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 1
    assert MESSAGE in mail.outbox[-1].body and mail.outbox[-1].to == ["cre@ml-grenoble.test"]
    client.force_login(personas.counsellor_a)
    body = client.get(f"/opportunites/{published.pk}/").content.decode()
    assert 'data-testid="diffusion-note"' in body and "merci de la relayer" in body
