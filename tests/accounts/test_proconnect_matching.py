"""Which account a ProConnect identity opens: subject first, then e-mail; subject changes; unknown people; SIRET."""

import pytest
from django.core import mail

from relais.accounts.models import MembershipSuggestion, ProConnectIdentity, SuggestionStatus, User
from relais.accounts.proconnect.services import LoginRefused, proconnect_login
from relais.core.models import AuditEvent
from relais.organizations.models import Membership
from tests.organizations.factories import UserFactory

pytestmark = pytest.mark.django_db
ISSUER = "https://proconnect.example"
SIRET = "73282932000074"


def login(sub, email="", **claims):
    return proconnect_login(issuer=ISSUER, claims={"sub": sub, "email": email, **claims}, amr=["pwd"])


def actions():
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def test_the_subject_wins_over_the_email():
    linked = UserFactory(email="agent@ml-lyon.test")
    other = UserFactory(email="autre@ml-lyon.test")
    ProConnectIdentity.objects.create(user=linked, issuer=ISSUER, subject="sub-1")
    assert login("sub-1", email=other.email) == linked


def test_a_first_login_links_the_account_found_by_email_in_any_case():
    user = UserFactory(email="agent@ml-lyon.test")
    assert login("sub-1", email=" Agent@ML-Lyon.test ") == user
    identity = ProConnectIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject, identity.last_amr) == (ISSUER, "sub-1", ["pwd"])
    assert actions() == ["account.proconnect_link"]


def test_the_same_subject_from_another_issuer_is_another_identity():
    user = UserFactory(email="agent@ml-lyon.test")
    ProConnectIdentity.objects.create(user=user, issuer="https://other.example", subject="sub-1")
    # Found by e-mail, with a different (issuer, subject): a subject change.
    assert login("sub-1", email=user.email) == user
    assert ProConnectIdentity.objects.get(user=user).issuer == ISSUER


def test_a_subject_change_is_accepted_on_a_matching_email():
    user = UserFactory(email="agent@ml-lyon.test")
    ProConnectIdentity.objects.create(user=user, issuer=ISSUER, subject="old-sub")
    assert login("new-sub", email="agent@ml-lyon.test") == user
    assert ProConnectIdentity.objects.get(user=user).subject == "new-sub"
    assert actions() == ["account.proconnect_subject_change"]


def test_a_new_subject_with_another_email_does_not_take_the_account_over():
    user = UserFactory(email="agent@ml-lyon.test")
    ProConnectIdentity.objects.create(user=user, issuer=ISSUER, subject="old-sub")
    with pytest.raises(LoginRefused):
        login("new-sub", email="intrus@ailleurs.test")
    assert ProConnectIdentity.objects.get(user=user).subject == "old-sub"


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_a_subject_change_is_never_accepted_for_staff(flag):
    user = UserFactory(email="admin@relais.test", **{flag: True})
    ProConnectIdentity.objects.create(user=user, issuer=ISSUER, subject="old-sub")
    with pytest.raises(LoginRefused) as refusal:
        login("new-sub", email="admin@relais.test")
    assert "contactez l'équipe de la plateforme" in refusal.value.message
    assert ProConnectIdentity.objects.get(user=user).subject == "old-sub"
    assert actions() == []
    # The subject already linked still opens the account.
    assert login("old-sub", email="admin@relais.test") == user


def test_an_unknown_person_is_refused_by_default(settings):
    settings.RELAIS_PROCONNECT_CREATE_USERS = False
    with pytest.raises(LoginRefused) as refusal:
        login("sub-1", email="nouveau@ml-lyon.test", siret=SIRET)
    assert "Demandez à la personne qui gère votre organisation" in refusal.value.message
    assert not User.objects.exists()


def test_an_unknown_person_gets_an_account_without_membership_when_the_setting_is_on(settings, network):
    settings.RELAIS_PROCONNECT_CREATE_USERS = True
    network.geiq.siret = SIRET
    network.geiq.save(update_fields=["siret"])
    user = login("sub-1", email="Nouveau@GEIQ.test", given_name="Léa", usual_name="Durand", siret=SIRET)
    assert (user.email, user.first_name, user.last_name) == ("nouveau@geiq.test", "Léa", "Durand")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(person__user=user).exists()
    assert MembershipSuggestion.objects.get(user=user).status == SuggestionStatus.PENDING
    assert actions() == [
        "account.proconnect_create",
        "account.proconnect_link",
        "membership_suggestion.create",
    ]


def test_an_inactive_account_is_refused():
    user = UserFactory(email="agent@ml-lyon.test", is_active=False)
    with pytest.raises(LoginRefused) as refusal:
        login("sub-1", email=user.email)
    assert "désactivé" in refusal.value.message


def test_no_email_and_no_known_subject_is_refused():
    with pytest.raises(LoginRefused):
        login("sub-1")


def test_a_siret_claim_suggests_a_membership_and_grants_none(personas, django_capture_on_commit_callbacks):
    geiq = personas.network.geiq
    geiq.siret = SIRET
    geiq.save(update_fields=["siret"])
    user = personas.counsellor_a
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert login("sub-1", email=user.email, siret=SIRET) == user
    suggestion = MembershipSuggestion.objects.get(user=user)
    assert (suggestion.organization, suggestion.status, suggestion.siret) == (geiq, "pending", SIRET)
    assert not Membership.objects.filter(person__user=user, organization=geiq).exists()
    # The GEIQ has no manager of its own: its network head's coordinator is told.
    assert [message.to for message in mail.outbox] == [[personas.geiq_coordinator.email]]
    assert "Rattachement à confirmer" in mail.outbox[0].subject
    assert "/comptes/proconnect/rattachements/" in mail.outbox[0].body
    # A second login does not ask again.
    with django_capture_on_commit_callbacks(execute=True):
        login("sub-1", email=user.email, siret=SIRET)
    assert MembershipSuggestion.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


def test_a_refused_suggestion_is_not_asked_again(personas):
    geiq = personas.network.geiq
    geiq.siret = SIRET
    geiq.save(update_fields=["siret"])
    user = personas.counsellor_a
    MembershipSuggestion.objects.create(user=user, organization=geiq, siret=SIRET, status="refused")
    login("sub-1", email=user.email, siret=SIRET)
    assert list(MembershipSuggestion.objects.values_list("status", flat=True)) == ["refused"]


def test_no_suggestion_for_a_member_an_unknown_siret_or_an_invalid_one(personas):
    geiq = personas.network.geiq
    geiq.siret = SIRET
    geiq.save(update_fields=["siret"])
    login("sub-1", email=personas.geiq_recruiter.email, siret=SIRET)  # already a member
    login("sub-2", email=personas.counsellor_a.email, siret="35600000000048")  # no such organisation
    login("sub-3", email=personas.counsellor_b.email, siret="not a siret")
    assert not MembershipSuggestion.objects.exists()
