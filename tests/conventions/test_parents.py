"""Which convention a convention may decline: kind rules, no cycle, and regional charters under national texts."""

import pytest
from django.core.exceptions import ValidationError

from relais.conventions import selectors, services
from relais.conventions.enums import ConventionKind as K
from relais.conventions.models import Convention
from relais.core.scope import Scope


def create(personas, *, kind, parent=None, title="Essai", user=None):
    return services.convention_create(
        scope=Scope.for_user(user or personas.arml_coordinator),
        own_organization=personas.network.arml,
        partner_organizations=[personas.network.cr_geiq],
        title=title,
        kind=kind,
        parent=parent,
    )


@pytest.mark.parametrize(
    "kind,parent_slug,message",
    [
        (K.NATIONAL_FRAMEWORK, "seed-003-mission-jeunes", "ne décline aucune autre convention"),
        (K.REGIONAL_CHARTER, "seed-000-cr-geiq-aura-amilaura", "ne décline qu'un accord-cadre national"),
        (K.PARTNERSHIP, "seed-002-local-medef-31-ml-toulouse", "ne décline qu'un accord-cadre national"),
        (K.LOCAL_APPLICATION, "seed-004-unml-regions-de-france", "pas « Convention cadre nationale"),
        (K.LOCAL_APPLICATION, None, "choisissez-la"),
    ],
)
def test_kind_rules_are_enforced_by_the_service(seeded, personas, kind, parent_slug, message):
    parent = seeded[parent_slug] if parent_slug else None
    before = Convention.objects.count()
    with pytest.raises(ValidationError, match=message):
        create(personas, kind=kind, parent=parent, user=personas.admin)
    assert Convention.objects.count() == before


def test_a_parent_the_user_cannot_see_is_refused(seeded, personas):
    with pytest.raises(ValidationError, match="pas accessible"):
        create(personas, kind=K.LOCAL_APPLICATION, parent=seeded["seed-002-medef-midi-pyrenees"])


@pytest.mark.parametrize(
    "kind,parent_slug",
    [
        (K.REGIONAL_CHARTER, "seed-003-mission-jeunes"),
        (K.PARTNERSHIP, "seed-004-unml-regions-de-france"),
        (K.REGIONAL_CHARTER, None),
        (K.LOCAL_APPLICATION, "seed-000-cr-geiq-aura-amilaura"),
    ],
)
def test_allowed_parents(seeded, personas, kind, parent_slug):
    parent = seeded[parent_slug] if parent_slug else None
    assert create(personas, kind=kind, parent=parent).parent == parent


def test_a_convention_cannot_decline_its_own_descendant(seeded, personas):
    aura = seeded["seed-000-cr-geiq-aura-amilaura"]
    local = create(personas, kind=K.LOCAL_APPLICATION, parent=aura, title="Déclinaison locale")
    with pytest.raises(ValidationError, match="décline cette convention"):
        services.convention_update(
            convention=aura,
            scope=Scope.for_user(personas.arml_coordinator),
            kind=K.LOCAL_APPLICATION,
            parent=local,
        )
    with pytest.raises(ValidationError, match="décline cette convention"):
        services.convention_update(
            convention=aura, scope=Scope.for_user(personas.arml_coordinator), parent=aura
        )
    aura.refresh_from_db()
    assert aura.parent is None and aura.kind == K.REGIONAL_CHARTER


def test_a_convention_keeps_fitting_above_those_that_decline_it(seeded, personas):
    aura = seeded["seed-000-cr-geiq-aura-amilaura"]
    create(personas, kind=K.LOCAL_APPLICATION, parent=aura, title="Déclinaison locale")
    with pytest.raises(ValidationError, match="Déclinaison locale"):
        services.convention_update(
            convention=aura, scope=Scope.for_user(personas.arml_coordinator), kind=K.NATIONAL_FRAMEWORK
        )


def test_the_edit_form_does_not_offer_descendants_as_parents(client, seeded, personas):
    aura = seeded["seed-000-cr-geiq-aura-amilaura"]
    local = create(personas, kind=K.LOCAL_APPLICATION, parent=aura, title="Déclinaison locale")
    client.force_login(personas.arml_coordinator)
    choices = client.get(f"/conventions/{aura.pk}/modifier/").context["form"].fields["parent"].queryset
    assert local not in choices and aura not in choices
    assert seeded["seed-004-unml-regions-de-france"] in choices


def test_a_refused_parent_is_shown_on_the_form(client, seeded, personas):
    aura = seeded["seed-000-cr-geiq-aura-amilaura"]
    client.force_login(personas.arml_coordinator)
    form = client.get(f"/conventions/{aura.pk}/modifier/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update(kind="national_framework", parent=seeded["seed-003-mission-jeunes"].pk)
    response = client.post(f"/conventions/{aura.pk}/modifier/", data)
    assert response.status_code == 200
    assert "ne décline aucune autre convention" in response.content.decode()


def test_the_list_shows_every_convention_even_when_older_rows_loop(client, seeded, personas):
    aura, grand_est = seeded["seed-000-cr-geiq-aura-amilaura"], seeded["seed-001-cr-geiq-grand-est-arml"]
    Convention.objects.filter(pk=aura.pk).update(parent=grand_est)
    Convention.objects.filter(pk=grand_est.pk).update(parent=aura)
    rows = selectors.hierarchy(list(Convention.objects.all()))
    assert sorted(c.pk for c, _ in rows) == sorted(Convention.objects.values_list("pk", flat=True))
    client.force_login(personas.admin)
    assert client.get("/conventions/").context["page_obj"].paginator.count == Convention.objects.count()


@pytest.mark.parametrize("slug", ["seed-003-mission-jeunes", "seed-004-unml-regions-de-france"])
def test_a_regional_charter_is_attached_under_a_national_framework(client, seeded, personas, slug):
    national = seeded[slug]
    client.force_login(personas.cre_a)  # reads the framework, may not create
    assert "Rattacher un accord régional" not in client.get(f"/conventions/{national.pk}/").content.decode()
    client.force_login(personas.arml_coordinator)
    assert (
        f'href="/conventions/nouvelle/?parent={national.pk}"'
        in client.get(f"/conventions/{national.pk}/").content.decode()
    )
    form = client.get(f"/conventions/nouvelle/?parent={national.pk}").context["form"]
    assert form.initial["parent"] == national.pk and form.initial["kind"] == K.REGIONAL_CHARTER
    response = client.post(
        f"/conventions/nouvelle/?parent={national.pk}",
        {
            "own_organization": personas.network.arml.pk,
            "partners": [personas.network.cr_geiq.pk],
            "title": "Déclinaison régionale en Auvergne-Rhône-Alpes",
            "kind": "regional_charter",
            "parent": national.pk,
            "region": personas.network.aura.pk,
            "renewal_rule": "annual_on_review",
            "followup_cadence": "half_yearly_point",
        },
    )
    assert response.status_code == 302
    charter = Convention.objects.get(title="Déclinaison régionale en Auvergne-Rhône-Alpes")
    assert charter.parent == national
    rows = [(c.pk, depth) for c, depth, _ in client.get("/conventions/").context["page_obj"].object_list]
    position = rows.index((national.pk, 0))
    assert (charter.pk, 1) in rows[position + 1 :]
    below = rows[position + 1 : rows.index((charter.pk, 1)) + 1]
    assert all(depth >= 1 for _, depth in below)
    assert charter.title in client.get(f"/conventions/{national.pk}/").content.decode()
