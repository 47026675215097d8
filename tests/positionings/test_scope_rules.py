"""Rules at the edges of the pipeline: ended opportunities, acting referents, the recruiting structure only,
proposals limited to receiving Missions Locales, access log of every page showing a young person."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from relais.core.models import AccessLog
from relais.core.scope import Scope
from relais.core.selectors import accesses_to
from relais.core.workflows import apply
from relais.opportunities.lifecycle import OPPORTUNITY_LIFECYCLE
from relais.organizations.enums import Role
from relais.organizations.models import Membership
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning, PositioningError
from relais.positionings.services import positioning_propose
from tests.organizations.factories import (
    MembershipFactory,
    PartnerReferentFactory,
    PersonFactory,
    user_with_role,
)
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_youth(personas, rome):
    return consenting_youth(
        personas.network.ml_a, commune=personas.network.lyon, last_name="Moreau", sought_titles=[rome.mason]
    )


# ---- an opportunity that ends settles its positionings ------------------------------------------------


def test_cancelling_an_opportunity_cancels_every_open_positioning_and_tells_the_counsellor(
    personas, youth, second_youth, opportunity, committed
):
    proposed = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    transmitted = positioning_at(personas, S.TRANSMITTED, youth=second_youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply, OPPORTUNITY_LIFECYCLE, opportunity, "cancel", scope=Scope.for_user(personas.geiq_recruiter)
    )
    for positioning in (proposed, transmitted):
        positioning.refresh_from_db()
        assert positioning.status == S.CANCELLED
        assert "annulée" in positioning.reason
        last = positioning.transitions.order_by("-at", "-pk").first()
        assert (last.name, last.by) == ("cancel", None)
    assert any(personas.counsellor_a.email in m.to and "Annulé" in m.subject for m in mail.outbox)


@pytest.mark.parametrize("end", ["fill", "close"])
def test_filling_or_closing_cancels_what_was_not_transmitted_and_leaves_the_partner_its_candidates(
    personas, youth, second_youth, opportunity, end
):
    proposed = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    transmitted = positioning_at(personas, S.TRANSMITTED, youth=second_youth, opportunity=opportunity)
    apply(OPPORTUNITY_LIFECYCLE, opportunity, end, scope=Scope.for_user(personas.geiq_recruiter))
    proposed.refresh_from_db()
    transmitted.refresh_from_db()
    assert (proposed.status, transmitted.status) == (S.CANCELLED, S.TRANSMITTED)
    # The partner still answers the candidate it received.
    apply(POSITIONING_LIFECYCLE, transmitted, "acknowledge", scope=Scope.for_user(personas.geiq_recruiter))
    assert Positioning.objects.get(pk=transmitted.pk).status == S.ACKNOWLEDGED


def test_a_returned_positioning_cannot_be_proposed_again_once_the_opportunity_is_closed(
    personas, youth, opportunity
):
    returned = positioning_at(personas, S.RETURNED, youth=youth, opportunity=opportunity)
    Positioning.objects.filter(pk=returned.pk).update(status=S.RETURNED)
    opportunity.status = "closed"
    opportunity.save(update_fields=["status"])
    with pytest.raises(PositioningError, match="plus ouverte"):
        apply(POSITIONING_LIFECYCLE, returned, "repropose", scope=Scope.for_user(personas.counsellor_a))


def test_a_proposal_cannot_be_transmitted_on_a_closed_opportunity(personas, youth, opportunity):
    proposed = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    opportunity.status = "closed"  # closed behind the service's back: the transmit check still holds
    opportunity.save(update_fields=["status"])
    with pytest.raises(PositioningError, match="plus ouverte"):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=Scope.for_user(personas.cre_a))
    assert Positioning.objects.get(pk=proposed.pk).status == S.PROPOSED


# ---- proposals only for a Mission Locale the opportunity was diffused to ------------------------------


def test_a_counsellor_of_two_missions_locales_cannot_propose_where_it_was_not_diffused(personas, rome):
    n = personas.network
    MembershipFactory(person=personas.counsellor_a.person, organization=n.ml_b, role=Role.COUNSELLOR)
    only_to_a = published_opportunity(n, rome_title=rome.mason, mission_locales=[n.ml_a])
    youth_of_b = consenting_youth(n.ml_b, commune=n.grenoble, sought_titles=[rome.mason])
    with pytest.raises(PositioningError, match="pas été diffusée à Mission Locale de Grenoble"):
        positioning_propose(
            youth=youth_of_b, opportunity=only_to_a, scope=Scope.for_user(personas.counsellor_a)
        )
    assert not Positioning.objects.exists()


# ---- the referent who acts ---------------------------------------------------------------------------


def _named_referent_without_account(personas):
    """Replace the CRE as the ML's referent for the GEIQ by a person with no account."""
    n = personas.network
    personas.cre_a_referent.delete()
    ghost = PersonFactory(first_name="Nadia", last_name="Sans-Compte", user=None)
    MembershipFactory(person=ghost, organization=n.ml_a, role=Role.CRE)
    return PartnerReferentFactory(mission_locale=n.ml_a, partner=n.geiq, person=ghost)


def test_a_referent_without_an_account_leaves_the_cres_in_charge(personas, youth, opportunity):
    _named_referent_without_account(personas)
    proposed = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=Scope.for_user(personas.cre_a))
    assert Positioning.objects.get(pk=proposed.pk).status == S.TRANSMITTED


def test_a_referent_who_left_the_mission_locale_no_longer_transmits(personas, youth, opportunity):
    n = personas.network
    proposed = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    Membership.objects.filter(person=personas.cre_a.person, organization=n.ml_a).update(is_active=False)
    other_cre = user_with_role(n.ml_a, Role.CRE, "cre2@ml-lyon.test")
    with pytest.raises(PermissionDenied):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=Scope.for_user(personas.cre_a))
    apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=Scope.for_user(other_cre))
    assert Positioning.objects.get(pk=proposed.pk).status == S.TRANSMITTED


def test_a_named_referent_with_an_account_still_excludes_the_other_cres(personas, youth, opportunity):
    proposed = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    other_cre = user_with_role(personas.network.ml_a, Role.CRE, "cre3@ml-lyon.test")
    with pytest.raises(PermissionDenied):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=Scope.for_user(other_cre))


# ---- candidates go to the recruiting structure, not to the network head above it ----------------------


def test_the_network_head_coordinator_does_not_see_a_member_structures_candidates(
    client, personas, youth, opportunity
):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    client.force_login(personas.geiq_coordinator)
    assert client.get(f"/positionnements/{positioning.pk}/").status_code == 404
    listing = client.get("/positionnements/candidatures-recues/")
    assert youth.last_name.upper() not in listing.content.decode().upper()
    # Control: the GEIQ's own recruiter does see it.
    client.force_login(personas.geiq_recruiter)
    assert client.get(f"/positionnements/{positioning.pk}/").status_code == 200


def test_the_network_head_sees_candidates_of_its_own_needs(client, personas, youth, rome):
    n = personas.network
    own_need = published_opportunity(n, publisher=n.cr_geiq, rome_title=rome.mason)
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=own_need)
    client.force_login(personas.geiq_coordinator)
    assert client.get(f"/positionnements/{positioning.pk}/").status_code == 200


# ---- every page showing a young person is in the access log -------------------------------------------


def _logged(user, kind, youth):
    return list(accesses_to(youth).filter(user=user, kind=kind))


@pytest.mark.parametrize(
    "persona, url, kind",
    [
        ("counsellor_a", "/positionnements/{p}/", AccessLog.Kind.READ),
        ("geiq_recruiter", "/positionnements/{p}/", AccessLog.Kind.READ),
        ("counsellor_a", "/positionnements/?status=", AccessLog.Kind.LIST),
        ("cre_a", "/positionnements/a-transmettre/?status=", AccessLog.Kind.LIST),
        ("geiq_recruiter", "/positionnements/candidatures-recues/", AccessLog.Kind.LIST),
        ("geiq_recruiter", "/positionnements/candidatures-recues/?format=csv", AccessLog.Kind.EXPORT),
        ("counsellor_a", "/jeunes/", AccessLog.Kind.LIST),
        ("counsellor_a", "/jeunes/export/?format=csv", AccessLog.Kind.EXPORT),
        ("counsellor_a", "/positionnements/opportunite/{o}/", AccessLog.Kind.LIST),
        ("counsellor_a", "/positionnements/proposer/?jeune={y2}&opportunite={o}", AccessLog.Kind.READ),
    ],
)
def test_each_page_showing_a_young_person_is_logged_with_who_was_shown(
    client, personas, youth, second_youth, opportunity, persona, url, kind
):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    user = getattr(personas, persona)
    client.force_login(user)
    shown = second_youth if "{y2}" in url else youth
    response = client.get(url.format(p=positioning.pk, o=opportunity.pk, y2=second_youth.pk))
    assert response.status_code == 200
    assert _logged(user, kind, shown), (
        url,
        list(AccessLog.objects.values("kind", "path", "subjects__subject_id")),
    )
