import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from relais.youths.enums import ConsentScope
from relais.youths.models import Youth, age_between, validate_age_for_positioning
from tests.youths.factories import YouthFactory


def test_age_counts_full_years_and_changes_on_the_birthday():
    born = datetime.date(2005, 6, 15)
    assert age_between(born, datetime.date(2023, 6, 14)) == 17
    assert age_between(born, datetime.date(2023, 6, 15)) == 18


def test_someone_born_on_29_february_ages_on_1_march_in_common_years():
    born = datetime.date(2004, 2, 29)
    assert age_between(born, datetime.date(2022, 2, 28)) == 17
    assert age_between(born, datetime.date(2022, 3, 1)) == 18


def test_youth_age_on_uses_the_birth_date():
    youth = Youth(birth_date=datetime.date(2008, 1, 10))
    assert youth.age_on(datetime.date(2026, 1, 9)) == 17
    assert youth.age_on(datetime.date(2026, 1, 10)) == 18


@pytest.mark.parametrize(
    ("birth_date", "valid"),
    [
        (datetime.date(2010, 3, 1), True),  # 16 on the day
        (datetime.date(2010, 3, 2), False),  # 15, one day short
        (datetime.date(2000, 3, 2), True),  # 25, the day before turning 26
        (datetime.date(2000, 3, 1), False),  # 26 on the day
    ],
)
def test_positioning_age_rule_is_16_to_25_inclusive(birth_date, valid):
    on_date = datetime.date(2026, 3, 1)
    if valid:
        validate_age_for_positioning(birth_date, on_date)
    else:
        with pytest.raises(ValidationError) as raised:
            validate_age_for_positioning(birth_date, on_date)
        assert "entre 16 et 25 ans au 01/03/2026" in raised.value.messages[0]


def test_sharing_needs_a_past_consent_and_a_live_record():
    youth = Youth(consent_given_at=datetime.date(2026, 1, 5), consent_scope=ConsentScope.IDENTITY_ONLY)
    assert youth.sharing_allowed(datetime.date(2026, 1, 5))
    assert not youth.sharing_allowed(datetime.date(2026, 1, 4))
    assert not youth.contact_sharing_allowed(datetime.date(2026, 2, 1))
    youth.consent_scope = ConsentScope.IDENTITY_AND_CONTACT
    assert youth.contact_sharing_allowed(datetime.date(2026, 2, 1))
    youth.archived_at = datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    assert not youth.sharing_allowed(datetime.date(2026, 2, 2))
    assert not Youth(consent_given_at=None).sharing_allowed(datetime.date(2026, 2, 2))


def test_imilo_id_is_unique_within_a_mission_locale_only(network):
    YouthFactory(mission_locale=network.ml_a, imilo_id="123", commune=network.lyon)
    YouthFactory(mission_locale=network.ml_b, imilo_id="123", commune=network.grenoble)
    YouthFactory(mission_locale=network.ml_a, imilo_id=None, commune=network.lyon)
    YouthFactory(mission_locale=network.ml_a, imilo_id=None, commune=network.lyon)
    with pytest.raises(IntegrityError):
        YouthFactory(mission_locale=network.ml_a, imilo_id="123", commune=network.lyon)


def test_consent_date_and_scope_go_together(network):
    with pytest.raises(IntegrityError):
        YouthFactory(
            mission_locale=network.ml_a, commune=network.lyon, consent_given_at=datetime.date(2026, 1, 1)
        )
