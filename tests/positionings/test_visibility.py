"""Who sees which positioning, and what a partner may see of a candidate (consent, never the flags)."""

import pytest

from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.organizations.enums import Role
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.selectors import positionings_visible_to
from relais.youths.enums import ConsentScope
from tests.organizations.factories import user_with_role
from tests.positionings.conftest import CANARY
from tests.positionings.factories import positioning_at

pytestmark = pytest.mark.django_db

# Words that would betray a priority-public flag (the opportunity of these tests welcomes no priority public).
FLAG_WORDS = ["RQTH", "QPV", "CEJ", "Décrocheur", "décrocheur", "Sans diplôme", "sans diplôme", "prioritaire"]


def partner_responses(client, positioning):
    return {
        "html list": client.get("/positionnements/candidatures-recues/"),
        "html detail": client.get(f"/positionnements/{positioning.pk}/"),
        "csv": client.get("/positionnements/candidatures-recues/?format=csv"),
        "json": client.get("/positionnements/candidatures-recues/?format=json"),
    }


@pytest.mark.parametrize("status", [S.TRANSMITTED, S.HIRED, S.NOT_RETAINED])
def test_the_partner_sees_the_candidate_but_never_the_flags_or_the_canary(
    client, personas, youth, opportunity, status
):
    positioning = positioning_at(personas, status, youth=youth, opportunity=opportunity)
    # Control: the canary and the flags are on the Mission Locale's own page, so their absence below means something.
    client.force_login(personas.counsellor_a)
    own_page = client.get(f"/jeunes/{youth.pk}/").content.decode()
    assert CANARY in own_page and "RQTH" in own_page
    client.force_login(personas.geiq_recruiter)
    for kind, response in partner_responses(client, positioning).items():
        assert response.status_code == 200, kind
        body = response.content.decode("utf-8-sig")
        assert "DUPONT" in body.upper(), kind
        assert CANARY not in body, kind
        for word in FLAG_WORDS:
            assert word not in body, (kind, word)


def test_contact_details_follow_the_consent_scope(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    client.force_login(personas.geiq_recruiter)
    assert youth.phone in client.get(f"/positionnements/{positioning.pk}/").content.decode()
    youth.consent_scope = ConsentScope.IDENTITY_ONLY
    youth.save(update_fields=["consent_scope"])
    for response in partner_responses(client, positioning).values():
        body = response.content.decode("utf-8-sig")
        assert youth.phone not in body and youth.email not in body


def test_after_consent_is_withdrawn_the_partner_sees_nothing_of_the_person(
    client, personas, youth, opportunity
):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    youth.consent_given_at = None
    youth.consent_scope = ""
    youth.save(update_fields=["consent_given_at", "consent_scope"])
    client.force_login(personas.geiq_recruiter)
    for kind, response in partner_responses(client, positioning).items():
        body = response.content.decode("utf-8-sig")
        assert "Dupont" not in body and "DUPONT" not in body and "Léa" not in body, kind


def test_a_partner_export_after_consent_is_withdrawn_logs_no_one_it_did_not_show(
    client, personas, youth, opportunity
):
    from relais.core.models import AccessLog, AccessLogSubject

    positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    youth.consent_given_at = None
    youth.consent_scope = ""
    youth.save(update_fields=["consent_given_at", "consent_scope"])
    client.force_login(personas.geiq_recruiter)
    for file_format in ("csv", "json"):
        body = client.get(f"/positionnements/candidatures-recues/?format={file_format}").content.decode(
            "utf-8-sig"
        )
        assert "Dupont" not in body and "Léa" not in body
    exports = AccessLog.objects.filter(kind=AccessLog.Kind.EXPORT)
    assert exports.count() == 2
    # "Who saw this young person" must not name the partner: the files held nothing of them.
    assert not AccessLogSubject.objects.filter(access_log__in=exports, subject_id=youth.pk).exists()


@pytest.mark.parametrize("status", [S.PROPOSED, S.RETURNED])
def test_the_partner_does_not_see_a_candidate_before_transmission(
    client, personas, youth, opportunity, status
):
    positioning = positioning_at(personas, status, youth=youth, opportunity=opportunity)
    client.force_login(personas.geiq_recruiter)
    assert client.get(f"/positionnements/{positioning.pk}/").status_code == 404
    for kind, response in partner_responses(client, positioning).items():
        if kind != "html detail":
            body = response.content.decode("utf-8-sig")
            assert "Dupont" not in body and "DUPONT" not in body, kind


def test_the_partner_history_hides_what_happened_inside_the_ml(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.RETURNED, youth=youth, opportunity=opportunity)

    apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "repropose",
        scope=Scope.for_user(personas.counsellor_a),
        note="Note interne",
    )
    apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    client.force_login(personas.geiq_recruiter)
    body = client.get(f"/positionnements/{positioning.pk}/").content.decode()
    assert "Profil à compléter" not in body and "Note interne" not in body


@pytest.mark.parametrize("persona", ["counsellor_b", "state_observer", "arml_coordinator", "admin"])
def test_outsiders_get_404_on_a_positioning(client, personas, youth, opportunity, persona):
    positioning = positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)
    client.force_login(getattr(personas, persona))
    assert client.get(f"/positionnements/{positioning.pk}/").status_code == 404
    assert not positionings_visible_to(Scope.for_user(getattr(personas, persona))).exists()


def test_another_partner_never_sees_the_candidates(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    other = user_with_role(personas.network.geiq_2, Role.PARTNER_RECRUITER, "recrutement@geiq-proprete.test")
    client.force_login(other)
    assert client.get(f"/positionnements/{positioning.pk}/").status_code == 404
    for kind in ("", "?format=csv", "?format=json"):
        body = client.get(f"/positionnements/candidatures-recues/{kind}").content.decode("utf-8-sig")
        assert "Dupont" not in body and "DUPONT" not in body


def test_the_ml_side_sees_its_positionings_and_the_counsellor_of_ml_b_does_not(personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    assert list(positionings_visible_to(Scope.for_user(personas.counsellor_a))) == [positioning]
    assert list(positionings_visible_to(Scope.for_user(personas.cre_a))) == [positioning]
    assert not positionings_visible_to(Scope.for_user(personas.counsellor_b)).exists()
    assert not positionings_visible_to(Scope.for_user(personas.geiq_recruiter)).exists()


def test_partner_reads_and_exports_are_written_to_the_access_log(client, personas, youth, opportunity):
    from relais.core.models import AccessLog

    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    client.force_login(personas.geiq_recruiter)
    client.get(f"/positionnements/{positioning.pk}/")
    client.get("/positionnements/candidatures-recues/?format=csv")
    kinds = set(AccessLog.objects.filter(user=personas.geiq_recruiter).values_list("kind", flat=True))
    assert kinds == {AccessLog.Kind.READ, AccessLog.Kind.EXPORT}
