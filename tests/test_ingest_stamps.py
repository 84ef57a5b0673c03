"""Date stamps of invented pages in shapes the older tests (test_ingest_furniture.py) leave out:
the page's date beside the same day in another calendar."""
import pytest

from generator.ingest.articles import clean
from generator.ingest.furniture import date_line


@pytest.mark.parametrize("line,date", [
    ("Wednesday, 9 March 2022 - 18 Hoot 1400", ("2022-03-09", 3)),       # the solar Hijri after it
    ("18 Hoot 1400 - 9 March 2022", ("2022-03-09", 1)),                  # ... or before it
    ("Sunday, 23 Sunbula 1399 | September 13, 2020", ("2020-09-13", 3)),
    ("July 14, 2016 (9 Shawwal 1437 AH)", ("2016-07-14", 1)),            # the lunar Hijri, in brackets
    ("Posted: 2 Jan 2018 / 12 Jadi 1396 SH, 08:15", ("2018-01-02", 0)),
])
def test_a_stamp_with_the_day_in_another_calendar(line, date):
    assert date_line(line) == date


@pytest.mark.parametrize("line", [
    "The council met on 9 March 2022 - 18 Hoot 1400 by the local reckoning.",   # goes on: a sentence
    "Officials met on 9 March 2022 (18 Hoot 1400).",
    "9 March 2022 - 18 Fighters 1400 Killed",                                    # no calendar's day
])
def test_a_date_beside_another_in_prose_is_no_stamp(line):
    assert date_line(line) is None


def test_the_other_calendars_stamp_is_neither_title_nor_text_and_dates_the_page():
    page = ("Wednesday, 9 March 2022 - 18 Hoot 1400\n\nEnvoys Meet In The Northern Capital\n\n"
            "Officials met in the city in February. They left.\n")
    blocks, removed, found = clean(page)
    assert found["title"] == "Envoys Meet In The Northern Capital"
    assert found["date"] == "2022-03-09"
    assert [r.reason for r in removed] == ["date stamp"]
