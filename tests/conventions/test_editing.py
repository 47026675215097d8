"""Editing what a convention says: parties, signatories, referents, statements, axes and actions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relais.conventions import editing, key_figures, services
from relais.conventions.enums import PartyRole, StatementKind
from relais.conventions.models import Action, Axis, ConventionParty, KeyFigure, Referent, Signatory, Statement
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.organizations.enums import Role
from tests.conventions.factories import AxisFactory, CommitmentFactory, StatementFactory, scheduled
from tests.organizations.factories import user_with_role


@pytest.fixture
def outsider(personas):
    return user_with_role(personas.network.arml_ge, Role.COORDINATOR, "coord@arml-ge.test")


@pytest.fixture
def arml_party(aura, personas):
    return aura.parties.get(organization=personas.network.arml)


@pytest.fixture
def geiq_party(aura, personas):
    """A third party, without commitments, so that it can be removed."""
    return editing.party_add(
        convention=aura,
        scope=Scope.for_user(personas.arml_coordinator),
        organization=personas.network.geiq,
        role=PartyRole.ASSOCIATED,
    )


def audited(action: str) -> bool:
    return AuditEvent.objects.filter(action=action).exists()


def formset_data(prefix: str, rows: list[dict], initial: int) -> dict:
    """POST data of a formset: the management form, then each row's fields and its rank."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "200",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    return data


# Parties


def test_coordinator_adds_a_party_with_its_role(aura, personas, geiq_party):
    assert geiq_party.convention == aura and geiq_party.role == PartyRole.ASSOCIATED
    assert aura.parties.count() == 3
    assert audited("convention.party_add")


def test_a_party_organisation_appears_once(aura, personas):
    with pytest.raises(ValidationError, match="déjà partie à la convention"):
        editing.party_add(
            convention=aura,
            scope=Scope.for_user(personas.arml_coordinator),
            organization=personas.network.cr_geiq,
        )
    assert aura.parties.count() == 2


def test_a_reader_cannot_add_a_party(aura, personas):
    with pytest.raises(PermissionDenied):
        editing.party_add(
            convention=aura, scope=Scope.for_user(personas.cre_a), organization=personas.network.geiq
        )


def test_coordinator_changes_the_role_of_a_party(personas, geiq_party):
    editing.party_update(
        party=geiq_party,
        scope=Scope.for_user(personas.geiq_coordinator),
        role=PartyRole.STEERING,
        name_in_text="GEIQ BTP du Rhône",
    )
    geiq_party.refresh_from_db()
    assert geiq_party.role == PartyRole.STEERING and geiq_party.name_in_text == "GEIQ BTP du Rhône"
    assert audited("convention.party_update")


def test_a_convention_keeps_at_least_two_parties(personas, arml_party):
    with pytest.raises(ValidationError, match="au moins deux parties"):
        editing.party_remove(party=arml_party, scope=Scope.for_user(personas.arml_coordinator))
    assert ConventionParty.objects.filter(pk=arml_party.pk).exists()


def test_removing_a_party_that_still_has_commitments_is_refused(aura, personas, geiq_party):
    cr_geiq_party = aura.parties.get(organization=personas.network.cr_geiq)
    with pytest.raises(ValidationError, match="porte encore 6 engagements"):
        editing.party_remove(party=cr_geiq_party, scope=Scope.for_user(personas.arml_coordinator))
    assert aura.parties.count() == 3


def test_coordinator_removes_a_party_with_its_signatories_and_referents(aura, personas, geiq_party):
    Signatory.objects.create(convention=aura, party=geiq_party, full_name="Paul Girard", title="Directeur")
    Referent.objects.create(party=geiq_party, full_name="Paul Girard")
    editing.party_remove(party=geiq_party, scope=Scope.for_user(personas.arml_coordinator))
    assert not aura.parties.filter(pk=geiq_party.pk).exists()
    assert not Signatory.objects.filter(full_name="Paul Girard").exists()
    assert not Referent.objects.filter(full_name="Paul Girard").exists()
    assert audited("convention.party_remove")


def test_a_coordinator_cannot_remove_the_party_that_lets_them_edit(personas):
    network = personas.network
    convention = services.convention_create(
        scope=Scope.for_user(personas.arml_coordinator),
        own_organization=network.arml,
        partner_organizations=[network.cr_geiq, network.geiq],
        title="Essai",
        kind="partnership",
    )
    own = convention.parties.get(organization=network.arml)
    with pytest.raises(ValidationError, match="Vous ne pourriez plus modifier"):
        editing.party_remove(party=own, scope=Scope.for_user(personas.arml_coordinator))
    editing.party_remove(party=own, scope=Scope.for_user(personas.admin))  # staff keep their rights anyway
    assert convention.parties.count() == 2


def test_a_reader_cannot_remove_a_party(personas, geiq_party):
    with pytest.raises(PermissionDenied):
        editing.party_remove(party=geiq_party, scope=Scope.for_user(personas.cre_a))


# Signatories


def test_coordinator_renames_reorders_and_adds_signatories(aura, personas, arml_party):
    first, *others = list(aura.signatories.all())
    rows = [{"pk": s.pk, "full_name": s.full_name, "title": s.title, "party": s.party} for s in others]
    rows.append({"pk": first.pk, "full_name": "  Nom corrigé ", "title": first.title, "party": arml_party})
    rows.append({"pk": None, "full_name": "Élu régional", "title": "Vice-président", "party": None})
    result = editing.signatories_save(
        convention=aura, scope=Scope.for_user(personas.arml_coordinator), rows=rows
    )
    assert result == {"created": 1, "updated": len(others) + 1}
    names = [s.full_name for s in aura.signatories.all()]
    assert names[-2:] == ["Nom corrigé", "Élu régional"] and len(names) == len(others) + 2
    first.refresh_from_db()
    assert first.party == arml_party
    assert audited("convention.signatories")


def test_a_signatory_needs_a_name(aura, personas):
    with pytest.raises(ValidationError, match="Indiquez le nom du signataire"):
        editing.signatories_save(
            convention=aura,
            scope=Scope.for_user(personas.arml_coordinator),
            rows=[{"pk": None, "full_name": "  ", "title": "", "party": None}],
        )


def test_a_signatory_of_another_convention_cannot_be_edited_from_this_one(aura, grand_est, personas):
    foreign = grand_est.signatories.first() or Signatory.objects.create(convention=grand_est, full_name="X")
    with pytest.raises(ValidationError, match="rechargez la page"):
        editing.signatories_save(
            convention=aura,
            scope=Scope.for_user(personas.arml_coordinator),
            rows=[{"pk": foreign.pk, "full_name": "Y", "title": "", "party": None}],
        )
    foreign.refresh_from_db()
    assert foreign.full_name != "Y"


def test_a_signatory_cannot_belong_to_a_party_of_another_convention(aura, grand_est, personas):
    with pytest.raises(ValidationError, match="n'appartient pas à la convention"):
        editing.signatories_save(
            convention=aura,
            scope=Scope.for_user(personas.arml_coordinator),
            rows=[{"pk": None, "full_name": "Y", "title": "", "party": grand_est.parties.first()}],
        )


def test_coordinator_removes_a_signatory(aura, personas):
    signatory = aura.signatories.first()
    editing.signatory_remove(signatory=signatory, scope=Scope.for_user(personas.arml_coordinator))
    assert not Signatory.objects.filter(pk=signatory.pk).exists()
    assert audited("convention.signatory_remove")


# Referents


def test_coordinator_names_a_referent_linked_to_a_person_of_the_party(personas, arml_party):
    person = personas.arml_coordinator.person
    rows = [
        {"pk": r.pk, "full_name": r.full_name, "description": r.description, "person": r.person}
        for r in arml_party.referents.all()
    ]
    rows.append({"pk": None, "full_name": "", "description": "Chargée de mission", "person": person})
    editing.referents_save(party=arml_party, scope=Scope.for_user(personas.arml_coordinator), rows=rows)
    added = arml_party.referents.last()
    assert added.person == person and added.full_name == "Alexia Violet"
    assert added.description == "Chargée de mission"
    assert audited("convention.referents")


def test_a_referent_person_must_belong_to_the_party_organisation(personas, arml_party):
    with pytest.raises(ValidationError, match="n'est pas membre"):
        editing.referents_save(
            party=arml_party,
            scope=Scope.for_user(personas.arml_coordinator),
            rows=[{"pk": None, "full_name": "", "description": "", "person": personas.counsellor_a.person}],
        )


def test_a_referent_needs_a_name_or_a_person(personas, arml_party):
    with pytest.raises(ValidationError, match="Indiquez le nom du référent"):
        editing.referents_save(
            party=arml_party,
            scope=Scope.for_user(personas.arml_coordinator),
            rows=[{"pk": None, "full_name": "", "description": "x", "person": None}],
        )


def test_coordinator_removes_a_referent(personas, arml_party):
    referent = arml_party.referents.first()
    editing.referent_remove(referent=referent, scope=Scope.for_user(personas.arml_coordinator))
    assert not Referent.objects.filter(pk=referent.pk).exists()


# Purposes and objectives


def test_coordinator_rewrites_the_purposes_with_their_details(partnership, personas):
    StatementFactory.create_batch(3, convention=partnership)
    StatementFactory(convention=partnership, objective=True)
    purposes = list(partnership.statements.filter(kind=StatementKind.PURPOSE))
    rows = [
        {"pk": purposes[0].pk, "text": "Objet reformulé", "details": ["Premier point", " ", "Second point"]},
        {"pk": None, "text": "Nouvel objet", "details": []},
    ]
    rows += [{"pk": s.pk, "text": s.text, "details": s.details} for s in purposes[1:]]
    editing.statements_save(
        convention=partnership,
        scope=Scope.for_user(personas.arml_coordinator),
        kind=StatementKind.PURPOSE,
        rows=rows,
    )
    saved = list(partnership.statements.filter(kind=StatementKind.PURPOSE))
    assert [s.text for s in saved[:2]] == ["Objet reformulé", "Nouvel objet"]
    assert saved[0].details == ["Premier point", "Second point"]
    assert (
        partnership.statements.filter(kind=StatementKind.OBJECTIVE).count() > 0
    )  # the other kind is untouched


def test_a_statement_cannot_be_empty(partnership, personas):
    with pytest.raises(ValidationError, match="ne peut pas être vide"):
        editing.statements_save(
            convention=partnership,
            scope=Scope.for_user(personas.arml_coordinator),
            kind=StatementKind.OBJECTIVE,
            rows=[{"pk": None, "text": " ", "details": []}],
        )


def test_coordinator_removes_a_statement(partnership, personas):
    statement = StatementFactory(convention=partnership, objective=True)
    editing.statement_remove(statement=statement, scope=Scope.for_user(personas.arml_coordinator))
    assert not Statement.objects.filter(pk=statement.pk).exists()


# Axes and actions


def test_coordinator_adds_an_axis_with_ordered_actions_then_reorders_them(partnership, personas):
    axis = editing.axis_save(
        convention=partnership,
        scope=Scope.for_user(personas.arml_coordinator),
        title="Mobilité",
        actions=[{"pk": None, "text": "Aide au permis"}, {"pk": None, "text": "Covoiturage"}],
    )
    assert axis == partnership.axes.last()
    first, second = axis.actions.all()
    editing.axis_save(
        convention=partnership,
        scope=Scope.for_user(personas.arml_coordinator),
        axis=axis,
        title="Mobilité des jeunes",
        actions=[
            {"pk": second.pk, "text": "Covoiturage"},
            {"pk": first.pk, "text": "Aide au permis"},
            {"pk": None, "text": "Vélos en prêt"},
        ],
    )
    axis.refresh_from_db()
    assert axis.title == "Mobilité des jeunes"
    assert [a.text for a in axis.actions.all()] == ["Covoiturage", "Aide au permis", "Vélos en prêt"]
    assert all(a.convention_id == partnership.pk for a in axis.actions.all())
    assert audited("convention.axis_add") and audited("convention.axis_update")


def test_an_axis_needs_a_title_and_its_actions_a_text(partnership, personas):
    with pytest.raises(ValidationError, match="intitulé de l'axe"):
        editing.axis_save(
            convention=partnership, scope=Scope.for_user(personas.arml_coordinator), title=" ", actions=[]
        )
    with pytest.raises(ValidationError, match="Une action ne peut pas être vide"):
        editing.axis_save(
            convention=partnership,
            scope=Scope.for_user(personas.arml_coordinator),
            title="Axe",
            actions=[{"pk": None, "text": ""}],
        )
    assert not partnership.axes.filter(title="Axe").exists()  # the whole save rolled back


def test_an_axis_of_another_convention_is_refused(partnership, personas):
    foreign = AxisFactory(title="Ailleurs")
    with pytest.raises(ValidationError, match="n'appartient pas à la convention"):
        editing.axis_save(
            convention=partnership, scope=Scope.for_user(personas.admin), axis=foreign, title="X", actions=[]
        )


def test_removing_an_axis_removes_its_actions(partnership, personas):
    axis = editing.axis_save(
        convention=partnership,
        scope=Scope.for_user(personas.arml_coordinator),
        title="Axe",
        actions=[{"pk": None, "text": "Une action"}],
    )
    editing.axis_remove(axis=axis, scope=Scope.for_user(personas.arml_coordinator))
    assert (
        not Axis.objects.filter(pk=axis.pk).exists() and not Action.objects.filter(text="Une action").exists()
    )


def test_coordinator_removes_one_action(partnership, personas):
    axis = editing.axis_save(
        convention=partnership,
        scope=Scope.for_user(personas.arml_coordinator),
        title="Axe",
        actions=[{"pk": None, "text": "A"}, {"pk": None, "text": "B"}],
    )
    editing.action_remove(action=axis.actions.first(), scope=Scope.for_user(personas.arml_coordinator))
    assert [a.text for a in axis.actions.all()] == ["B"]


@pytest.mark.parametrize(
    "write",
    [
        lambda c, u: editing.signatories_save(convention=c, scope=Scope.for_user(u), rows=[]),
        lambda c, u: editing.signatory_remove(signatory=c.signatories.first(), scope=Scope.for_user(u)),
        lambda c, u: editing.referents_save(party=c.parties.first(), scope=Scope.for_user(u), rows=[]),
        lambda c, u: editing.referent_remove(
            referent=Referent.objects.filter(party__convention=c).first(), scope=Scope.for_user(u)
        ),
        lambda c, u: editing.statements_save(
            convention=c, scope=Scope.for_user(u), kind=StatementKind.PURPOSE, rows=[]
        ),
        lambda c, u: editing.statement_remove(statement=c.statements.first(), scope=Scope.for_user(u)),
        lambda c, u: editing.axis_save(convention=c, scope=Scope.for_user(u), title="X", actions=[]),
        lambda c, u: editing.axis_remove(axis=c.axes.first(), scope=Scope.for_user(u)),
        lambda c, u: editing.action_remove(action=c.actions.first(), scope=Scope.for_user(u)),
        lambda c, u: editing.party_update(
            party=c.parties.first(), scope=Scope.for_user(u), role=PartyRole.STEERING
        ),
    ],
)
@pytest.mark.parametrize("persona", ["cre_a", "state_observer", "geiq_recruiter"])
def test_readers_cannot_edit_anything(aura, personas, write, persona):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        write(aura, getattr(personas, persona))
    assert AuditEvent.objects.count() == before


# Pages

EDIT_PAGES = [
    ("party_add", lambda c: []),
    ("key_figures_edit", lambda c: [c.parties.first().pk]),
    ("key_figure_remove", lambda c: [KeyFigure.objects.filter(party__convention=c).first().pk]),
    ("party_edit", lambda c: [c.parties.first().pk]),
    ("party_remove", lambda c: [c.parties.first().pk]),
    ("referents_edit", lambda c: [c.parties.first().pk]),
    ("signatories_edit", lambda c: []),
    ("statements_edit", lambda c: []),
    ("axis_add", lambda c: []),
    ("axis_edit", lambda c: [c.axes.first().pk]),
    ("axis_remove", lambda c: [c.axes.first().pk]),
    ("signatory_remove", lambda c: [c.signatories.first().pk]),
    ("statement_remove", lambda c: [c.statements.first().pk]),
    ("action_remove", lambda c: [c.actions.first().pk]),
    ("referent_remove", lambda c: [Referent.objects.filter(party__convention=c).first().pk]),
]


@pytest.mark.parametrize(("name", "args"), EDIT_PAGES)
def test_edit_pages_answer_per_persona(client, personas, aura, outsider, name, args):
    from django.urls import reverse

    url = reverse(f"conventions:{name}", args=[aura.pk, *args(aura)])
    client.force_login(personas.arml_coordinator)
    assert client.get(url).status_code == 200
    client.force_login(personas.cre_a)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_convention_page_links_the_edit_screens_to_editors_only(client, personas, aura):
    client.force_login(personas.arml_coordinator)
    html = client.get(f"/conventions/{aura.pk}/").content.decode()
    assert f"/conventions/{aura.pk}/signataires/" in html and f"/conventions/{aura.pk}/axes/ajouter/" in html
    assert f"/conventions/{aura.pk}/objet-et-objectifs/" in html and "/referents/" in html
    client.force_login(personas.cre_a)
    html = client.get(f"/conventions/{aura.pk}/").content.decode()
    assert "/signataires/" not in html and "/axes/ajouter/" not in html and "/referents/" not in html


def test_editor_adds_a_party_through_the_page(client, personas, aura):
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{aura.pk}/parties/ajouter/",
        {"organization": personas.network.geiq.pk, "role": PartyRole.STEERING, "name_in_text": "GEIQ BTP"},
    )
    assert response.status_code == 302
    assert aura.parties.get(organization=personas.network.geiq).role == PartyRole.STEERING


def test_editor_edits_the_actions_of_an_axis_through_the_page(client, personas, aura):
    axis = aura.axes.first()
    actions = list(axis.actions.all())
    rows = [{"pk": a.pk, "text": a.text, "ORDER": str(len(actions) - i)} for i, a in enumerate(actions)]
    rows += [{"pk": "", "text": "Action ajoutée", "ORDER": "0"}, {"pk": "", "text": "", "ORDER": ""}]
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{aura.pk}/axes/{axis.pk}/modifier/",
        {"title": axis.title, "description": "", **formset_data("actions", rows, len(actions))},
    )
    assert response.status_code == 302
    assert [a.text for a in axis.actions.all()] == ["Action ajoutée", *[a.text for a in reversed(actions)]]


def test_a_failed_axis_form_keeps_what_was_typed(client, personas, aura):
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{aura.pk}/axes/ajouter/",
        {
            "title": "",
            "description": "Précision conservée",
            **formset_data("actions", [{"pk": "", "text": "Action tapée", "ORDER": "1"}], 0),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Précision conservée" in html and "Action tapée" in html and "Ce champ est obligatoire" in html
    assert not Action.objects.filter(text="Action tapée").exists()


def test_a_failed_signatories_form_keeps_what_was_typed(client, personas, aura):
    signatory = aura.signatories.first()
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{aura.pk}/signataires/",
        formset_data(
            "signataires",
            [{"pk": signatory.pk, "full_name": "", "title": "Qualité conservée", "party": "", "ORDER": "1"}],
            1,
        ),
    )
    assert response.status_code == 200
    assert "Qualité conservée" in response.content.decode()
    signatory.refresh_from_db()
    assert signatory.title != "Qualité conservée"


def test_editor_saves_referents_through_the_page(client, personas, arml_party):
    person = personas.arml_coordinator.person
    referents = list(arml_party.referents.all())
    rows = [
        {
            "pk": r.pk,
            "full_name": r.full_name,
            "description": r.description,
            "person": r.person_id or "",
            "ORDER": str(i + 1),
        }
        for i, r in enumerate(referents)
    ]
    rows.append(
        {"pk": "", "full_name": "", "description": "Suivi des GEIQ", "person": person.pk, "ORDER": "9"}
    )
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{arml_party.convention_id}/parties/{arml_party.pk}/referents/",
        formset_data("referents", rows, len(referents)),
    )
    assert response.status_code == 302
    assert arml_party.referents.last().description == "Suivi des GEIQ"


def test_deleting_an_axis_asks_for_confirmation_then_needs_a_post(client, personas, aura):
    axis = aura.axes.first()
    url = f"/conventions/{aura.pk}/axes/{axis.pk}/supprimer/"
    client.force_login(personas.arml_coordinator)
    response = client.get(url)
    assert response.status_code == 200 and "Confirmer la suppression" in response.content.decode()
    assert Axis.objects.filter(pk=axis.pk).exists()
    assert client.post(url).status_code == 302
    assert not Axis.objects.filter(pk=axis.pk).exists()


def test_refused_party_removal_shows_why(client, personas, aura, geiq_party):
    party = aura.parties.get(organization=personas.network.cr_geiq)
    client.force_login(personas.arml_coordinator)
    response = client.post(f"/conventions/{aura.pk}/parties/{party.pk}/retirer/", follow=True)
    assert "porte encore 6 engagements" in response.content.decode()
    assert ConventionParty.objects.filter(pk=party.pk).exists()


def test_an_element_of_another_convention_answers_404(client, personas, aura, grand_est):
    client.force_login(personas.admin)
    foreign_axis = Axis.objects.create(convention=grand_est, title="Ailleurs")
    assert client.get(f"/conventions/{aura.pk}/axes/{foreign_axis.pk}/modifier/").status_code == 404
    assert client.post(f"/conventions/{aura.pk}/axes/{foreign_axis.pk}/supprimer/").status_code == 404
    assert Axis.objects.filter(pk=foreign_axis.pk).exists()


def test_the_convention_page_query_count_does_not_grow_with_axes_and_actions(client, personas, aura):
    def add_axes(count):
        for i in range(count):
            editing.axis_save(
                convention=aura,
                scope=Scope.for_user(personas.admin),
                title=f"Axe {i}",
                actions=[{"pk": None, "text": f"Action {i}.{j}"} for j in range(4)],
            )

    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/conventions/{aura.pk}/").status_code == 200
        return len(queries)

    client.force_login(personas.arml_coordinator)
    add_axes(1)
    page_queries()  # warm up the session and the caches
    small = page_queries()
    add_axes(8)
    large = page_queries()
    assert aura.actions.count() >= 36
    assert large == small


def test_coordinator_removes_a_commitment_with_its_planned_occurrences_after_confirmation(
    client, partnership, personas
):
    commitment = CommitmentFactory(party=partnership.parties.first(), yearly=True)
    scheduled(partnership)
    assert commitment.occurrences.count() == 1
    url = f"/conventions/{partnership.pk}/engagements/{commitment.pk}/supprimer/"
    client.force_login(personas.arml_coordinator)
    assert "Supprimer un engagement" in client.get(url).content.decode()
    assert partnership.commitments.filter(pk=commitment.pk).exists()
    assert client.post(url).status_code == 302
    assert not partnership.commitments.filter(pk=commitment.pk).exists()
    assert not partnership.occurrences.filter(commitment_id=commitment.pk).exists()
    assert audited("convention.commitment_remove")


def test_a_commitment_with_a_realised_occurrence_is_kept(partnership, personas):
    commitment = CommitmentFactory(party=partnership.parties.first(), half_yearly=True)
    occurrence = scheduled(partnership).occurrences.filter(commitment=commitment).first()
    services.occurrence_mark_done(
        occurrence=occurrence,
        scope=Scope.for_user(personas.arml_coordinator),
        done_on=occurrence.due_date,
        note="Fait.",
    )
    with pytest.raises(ValidationError, match="déjà 1 échéance"):
        editing.commitment_remove(
            commitment=occurrence.commitment, scope=Scope.for_user(personas.arml_coordinator)
        )


def test_a_reader_cannot_remove_a_commitment(client, partnership, personas):
    commitment = CommitmentFactory(party=partnership.parties.first(), once=True)
    client.force_login(personas.cre_a)
    assert (
        client.post(f"/conventions/{partnership.pk}/engagements/{commitment.pk}/supprimer/").status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        editing.commitment_remove(commitment=commitment, scope=Scope.for_user(personas.cre_a))
    assert partnership.commitments.filter(pk=commitment.pk).exists()


# Key figures, signature capacity, party details and the convention's own texts


def test_coordinator_edits_a_party_s_key_figures_through_the_page(client, personas, arml_party):
    figures = list(arml_party.key_figures.all())
    rows = [
        {"pk": f.pk, "label": f.label, "value": f.value, "year": f.year or "", "ORDER": str(i + 1)}
        for i, f in enumerate(figures)
    ]
    rows[0]["value"] = "62"
    rows.append({"pk": "", "label": "jeunes accompagnés", "value": "40000", "year": "2024", "ORDER": "9"})
    url = f"/conventions/{arml_party.convention_id}/parties/{arml_party.pk}/chiffres-cles/"
    client.force_login(personas.arml_coordinator)
    assert client.get(url).status_code == 200
    assert client.post(url, formset_data("chiffres", rows, len(figures))).status_code == 302
    assert [(f.label, f.value, f.year) for f in arml_party.key_figures.all()] == [
        ("Missions Locales", 62, None),
        ("points d'accueil", 652, None),
        ("jeunes accompagnés", 40000, 2024),
    ]
    assert audited("convention.key_figures")
    client.force_login(personas.cre_a)
    assert client.post(url, formset_data("chiffres", rows, len(figures))).status_code == 403


def test_coordinator_removes_a_key_figure_after_confirmation(client, personas, arml_party):
    figure = arml_party.key_figures.first()
    url = f"/conventions/{arml_party.convention_id}/chiffres-cles/{figure.pk}/supprimer/"
    client.force_login(personas.arml_coordinator)
    assert "Confirmer la suppression" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not KeyFigure.objects.filter(pk=figure.pk).exists()


def test_a_key_figure_needs_a_label(personas, arml_party):
    with pytest.raises(ValidationError, match="libellé"):
        key_figures.key_figures_save(
            party=arml_party,
            scope=Scope.for_user(personas.arml_coordinator),
            rows=[{"pk": None, "label": " ", "value": 3, "year": None}],
        )


def test_a_reader_cannot_edit_key_figures(personas, arml_party):
    with pytest.raises(PermissionDenied):
        key_figures.key_figures_save(party=arml_party, scope=Scope.for_user(personas.state_observer), rows=[])


def test_a_person_is_recorded_as_present_at_the_signature(client, aura, personas, arml_party):
    rows = [
        {"pk": s.pk, "full_name": s.full_name, "title": s.title, "capacity": s.capacity, "party": s.party}
        for s in aura.signatories.all()
    ]
    rows.append(
        {
            "pk": None,
            "full_name": "Élue régionale",
            "title": "Vice-présidente",
            "capacity": "present",
            "party": arml_party,
        }
    )
    editing.signatories_save(convention=aura, scope=Scope.for_user(personas.arml_coordinator), rows=rows)
    assert aura.signatories.get(full_name="Élue régionale").capacity == "present"
    client.force_login(personas.cre_a)
    html = client.get(f"/conventions/{aura.pk}/").content.decode()
    assert "Présent à la signature</strong> : Élue régionale" in html
    assert "Signataire</strong> : Wendy LAFAYE" in html


def test_seed_003_page_lists_people_present_not_signatories(client, seeded, personas):
    mission_jeunes = seeded["seed-003-mission-jeunes"]
    client.force_login(personas.admin)
    html = client.get(f"/conventions/{mission_jeunes.pk}/").content.decode()
    assert "Présents à la signature</strong> : Laurent BARTHELEMY" in html
    assert "Également présent à la signature : Roland MONGIN" in html
    assert "Signataire</strong> : Laurent" not in html and "Signataires</strong> : Laurent" not in html


def test_coordinator_records_a_party_s_legal_form_and_head_office(client, personas, arml_party):
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{arml_party.convention_id}/parties/{arml_party.pk}/modifier/",
        {
            "role": "signatory",
            "name_in_text": arml_party.name_in_text,
            "presentation": arml_party.presentation,
            "legal_form": "Association loi 1901",
            "head_office": "Lyon",
        },
    )
    assert response.status_code == 302
    arml_party.refresh_from_db()
    assert (arml_party.legal_form, arml_party.head_office) == ("Association loi 1901", "Lyon")
    assert "siège : Lyon" in client.get(f"/conventions/{arml_party.convention_id}/").content.decode()


def test_coordinator_edits_the_convention_s_own_texts(client, personas, grand_est):
    coordinator = user_with_role(personas.network.arml_ge, Role.COORDINATOR, "coord@arml-ge.test")
    client.force_login(coordinator)
    form = client.get(f"/conventions/{grand_est.pk}/modifier/").context["form"]
    for name in (
        "is_incomplete",
        "missing_information",
        "followup_note",
        "duration_note",
        "steering_committee",
        "deployment",
    ):
        assert name in form.fields
    assert form.initial["is_incomplete"] is True
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update(
        is_incomplete="",
        missing_information="",
        followup_note="Point trimestriel à Metz.",
        duration_note="Un an.",
        steering_committee="Les deux présidents.",
        deployment="Par les ML.",
        start_date="2024-11-12",
        end_date="2025-11-11",
        signature_date="2024-11-12",
    )
    assert client.post(f"/conventions/{grand_est.pk}/modifier/", data).status_code == 302
    grand_est.refresh_from_db()
    assert not grand_est.is_incomplete and grand_est.missing_information == ""
    assert (
        grand_est.followup_note,
        grand_est.duration_note,
        grand_est.steering_committee,
        grand_est.deployment,
    ) == ("Point trimestriel à Metz.", "Un an.", "Les deux présidents.", "Par les ML.")
