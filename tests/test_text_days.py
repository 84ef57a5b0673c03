"""generator.text.days: the calendar check ingest (dates in figures) and extract (dates without a
year) share."""
import pytest

from generator.text.days import is_calendar_day


@pytest.mark.parametrize("year, month, day, real", [
    (2024, 2, 29, True),     # a leap year
    (2019, 2, 29, False),
    (2020, 4, 31, False),
    (2020, 12, 31, True),
    (2020, 13, 1, False),    # a day-first date read month first
    (2020, 0, 10, False),
])
def test_is_calendar_day(year, month, day, real):
    assert is_calendar_day(year, month, day) is real
