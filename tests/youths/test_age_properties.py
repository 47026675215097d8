"""Properties of the age rule (16 to 25 inclusive on the day) for any birth date (Hypothesis)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from relais.youths.models import MAX_AGE, MIN_AGE, age_between, validate_age_for_positioning

PROPERTY = settings(max_examples=300, deadline=None, database=None)
ONE_DAY = datetime.timedelta(days=1)
births = st.dates(min_value=datetime.date(1960, 1, 1), max_value=datetime.date(2040, 12, 31))


def birthday(born: datetime.date, age: int) -> datetime.date:
    """The day someone turns `age`: 29 February babies age on 1 March in common years."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return datetime.date(born.year + age, 3, 1)


@PROPERTY
@given(born=births, age=st.integers(min_value=0, max_value=60))
def test_age_turns_on_the_birthday_and_not_the_day_before(born, age):
    day = birthday(born, age)
    assert age_between(born, day) == age
    if age:
        assert age_between(born, day - ONE_DAY) == age - 1


@PROPERTY
@given(born=births, first=st.integers(min_value=0, max_value=30_000), later=st.integers(0, 30_000))
def test_age_never_decreases_with_time(born, first, later):
    on_date = born + datetime.timedelta(days=first)
    assert age_between(born, on_date) <= age_between(born, on_date + datetime.timedelta(days=later))


@PROPERTY
@given(born=births)
def test_the_positioning_window_opens_on_the_16th_birthday_and_closes_on_the_26th(born):
    opens, closes = birthday(born, MIN_AGE), birthday(born, MAX_AGE + 1)
    validate_age_for_positioning(born, opens)
    validate_age_for_positioning(born, closes - ONE_DAY)
    for outside in (opens - ONE_DAY, closes):
        with pytest.raises(ValidationError) as refused:
            validate_age_for_positioning(born, outside)
        assert refused.value.code == "age_out_of_range"


@PROPERTY
@given(born=births, days=st.integers(min_value=0, max_value=40 * 366))
def test_the_rule_accepts_exactly_the_ages_from_16_to_25(born, days):
    on_date = born + datetime.timedelta(days=days)
    accepted = MIN_AGE <= age_between(born, on_date) <= MAX_AGE
    try:
        validate_age_for_positioning(born, on_date)
    except ValidationError:
        assert not accepted
    else:
        assert accepted
