"""Properties of the follow-up calendar's windows, for any start date, length and cadence (Hypothesis)."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from relais.conventions.enums import CADENCE_MONTHS, RECURRENCE_MONTHS
from relais.conventions.scheduling import ONE_DAY, add_months, end_from_duration, window_ends

PROPERTY = settings(max_examples=300, deadline=None, database=None)
starts = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2060, 12, 31))
# The window lengths the product uses: commitments' recurrences and the conventions' follow-up cadences.
cadences = st.sampled_from(sorted(set(RECURRENCE_MONTHS.values()) | set(CADENCE_MONTHS.values())))


@PROPERTY
@given(start=starts, days=st.integers(min_value=0, max_value=6 * 366), months=cadences)
def test_due_dates_rise_within_the_convention_and_the_last_is_its_end(start, days, months):
    end = start + datetime.timedelta(days=days)
    dates = window_ends(start, end, months)
    assert dates and dates[-1] == end
    assert all(start <= due <= end for due in dates)
    assert all(earlier < later for earlier, later in zip(dates, dates[1:], strict=False))


@PROPERTY
@given(start=starts, days=st.integers(min_value=0, max_value=6 * 366), months=cadences)
def test_every_window_but_the_last_is_months_long(start, days, months):
    end = start + datetime.timedelta(days=days)
    dates = window_ends(start, end, months)
    opens = [start] + [due + ONE_DAY for due in dates[:-1]]
    lengths = [(due - opened).days + 1 for opened, due in zip(opens, dates, strict=True)]
    # `months` calendar months last 28 to 31 days each; a day clamped at a month's end moves by 3 at most.
    assert all(28 * months - 3 <= length <= 31 * months + 3 for length in lengths[:-1])
    assert 1 <= lengths[-1] <= 31 * months + 3


@PROPERTY
@given(start=starts, windows=st.integers(min_value=1, max_value=8), months=cadences)
def test_a_convention_of_n_windows_has_n_due_dates(start, windows, months):
    end = end_from_duration(start, windows * months)
    dates = window_ends(start, end, months)
    assert len(dates) == windows
    assert dates[-1] == end


@PROPERTY
@given(start=starts, months=st.integers(min_value=1, max_value=120))
def test_a_duration_ends_the_day_before_the_same_date_months_later(start, months):
    end = end_from_duration(start, months)
    assert end + ONE_DAY == add_months(start, months)
    assert end >= start
    if start.day <= 28:  # no clamping: going back lands on the start again
        assert add_months(end + ONE_DAY, -months) == start
