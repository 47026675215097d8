"""The webhook pages: my organisations' endpoints, a new one with its secret shown once, its page with recent
attempts, a test event, disable / enable / delete after confirmation; managers only, 404 for another's."""

import re

import pytest
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.webhooks.models import WebhookEndpoint
from tests.webhooks.conftest import register

pytestmark = pytest.mark.django_db


def test_a_coordinator_registers_an_endpoint_and_sees_its_secret_once(client, managers, receiver):
    client.force_login(managers.geiq_manager)
    assert "Nouveau webhook" in client.get(reverse("webhooks:list")).content.decode()
    form = client.get(reverse("webhooks:new")).content.decode()
    assert "Positionnement" not in form and "Candidature transmise au partenaire" in form
    response = client.post(
        reverse("webhooks:new"),
        {
            "organization": managers.network.geiq.pk,
            "label": "ATS du GEIQ",
            "url": receiver.url("/ats"),
            "events": ["positioning.transmitted", "event.published"],
        },
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    secret = re.search(r'value="(whsec_[0-9a-f]{64})"', response.content.decode()).group(1)
    endpoint = WebhookEndpoint.objects.get(label="ATS du GEIQ")
    assert endpoint.events == ["event.published", "positioning.transmitted"]
    # Nothing stored reveals the secret; its page shows only its prefix.
    assert secret not in str(WebhookEndpoint.objects.filter(pk=endpoint.pk).values().get())
    detail = client.get(reverse("webhooks:detail", args=[endpoint.pk])).content.decode()
    assert (
        secret not in detail and endpoint.secret_prefix in detail and "Aucun envoi pour le moment" in detail
    )
    assert AuditEvent.objects.filter(action="webhook.create", object_id=str(endpoint.pk)).exists()
    listed = client.get(reverse("webhooks:list")).content.decode()
    assert "ATS du GEIQ" in listed and "Événement publié" in listed


def test_an_http_address_is_refused_with_a_french_message(client, managers):
    client.force_login(managers.geiq_manager)
    response = client.post(
        reverse("webhooks:new"),
        {
            "organization": managers.network.geiq.pk,
            "label": "ATS",
            "url": "http://ats.exemple.fr/",
            "events": [],
        },
    )
    page = response.content.decode()
    assert "Aucun webhook n" in page and "corrigez les champs signalés" in page
    assert "doit commencer par https://" in page and "Choisissez au moins un événement" in page
    assert not WebhookEndpoint.objects.exists()


def test_the_test_button_sends_a_signed_ping_shown_in_the_attempts(
    client, managers, receiver, django_capture_on_commit_callbacks
):
    endpoint, _ = register(
        managers.geiq_manager, managers.network.geiq, receiver.url("/ats"), ["event.published"]
    )
    client.force_login(managers.geiq_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("webhooks:test", args=[endpoint.pk]))
    assert response.status_code == 302
    [received] = receiver.requests
    assert received.json["type"] == "ping" and received.headers["X-Relais-Signature"].startswith("t=")
    page = client.get(response["Location"]).content.decode()
    assert "Un événement de test est envoyé" in page and "Reçu (200)" in page and "<code>ping</code>" in page


def test_disable_enable_and_delete_ask_for_confirmation(client, managers, receiver):
    endpoint, _ = register(
        managers.geiq_manager, managers.network.geiq, receiver.url("/ats"), ["event.published"]
    )
    client.force_login(managers.geiq_manager)
    confirm = client.get(reverse("webhooks:disable", args=[endpoint.pk]))
    assert 'data-testid="webhook-confirm"' in confirm.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.is_active
    client.post(reverse("webhooks:disable", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    # A disabled endpoint gets no test event.
    client.post(reverse("webhooks:test", args=[endpoint.pk]))
    assert receiver.requests == []
    client.get(reverse("webhooks:enable", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    client.post(reverse("webhooks:enable", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert (
        "Supprimer le webhook" in client.get(reverse("webhooks:delete", args=[endpoint.pk])).content.decode()
    )
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
    response = client.post(reverse("webhooks:delete", args=[endpoint.pk]))
    assert response.status_code == 302 and not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
    actions = list(AuditEvent.objects.filter(object_id=str(endpoint.pk)).values_list("action", flat=True))
    assert sorted(actions) == sorted(
        ["webhook.create", "webhook.disable", "webhook.enable", "webhook.delete"]
    )


def test_another_organisations_endpoint_answers_404(client, managers, receiver):
    endpoint, _ = register(
        managers.geiq_manager, managers.network.geiq, receiver.url("/ats"), ["event.published"]
    )
    client.force_login(managers.director_b)
    assert client.get(reverse("webhooks:list")).status_code == 200
    assert "Système de test" not in client.get(reverse("webhooks:list")).content.decode()
    for name in ("detail", "disable", "enable", "delete"):
        assert client.get(reverse(f"webhooks:{name}", args=[endpoint.pk])).status_code == 404
    assert client.post(reverse("webhooks:delete", args=[endpoint.pk])).status_code == 404
    assert client.post(reverse("webhooks:test", args=[endpoint.pk])).status_code == 404
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk, is_active=True).exists()


def test_a_member_who_is_not_a_manager_is_refused(client, managers):
    client.force_login(managers.geiq_recruiter)
    assert client.get(reverse("webhooks:list")).status_code == 403
    assert client.get(reverse("webhooks:new")).status_code == 403


def test_a_director_cannot_register_for_another_organisation(client, managers, receiver):
    client.force_login(managers.director_a)
    response = client.post(
        reverse("webhooks:new"),
        {
            "organization": managers.network.geiq.pk,
            "label": "ATS",
            "url": receiver.url("/x"),
            "events": ["event.published"],
        },
    )
    assert response.status_code == 200 and not WebhookEndpoint.objects.exists()


def test_the_menu_offers_webhooks_to_managers(client, managers):
    client.force_login(managers.geiq_manager)
    assert reverse("webhooks:list") in client.get(reverse("api:token_list")).content.decode()
