"""Date stamps and the page's own labels on invented pages, in shapes the older tests
(test_ingest_furniture.py) leave out: the page's date beside the same day in another calendar, a
wire's clock in four figures, the page's number for the piece, a toolbar's type-size buttons."""
import pytest

from generator.ingest.articles import clean
from generator.ingest.furniture import date_line, stamp_fields


@pytest.mark.parametrize("line,date", [
    ("Wednesday, 9 March 2022 - 18 Hoot 1400", ("2022-03-09", 3)),       # the solar Hijri after it
    ("18 Hoot 1400 - 9 March 2022", ("2022-03-09", 1)),                  # ... or before it
    ("Sunday, 23 Sunbula 1399 | September 13, 2020", ("2020-09-13", 3)),
    ("July 14, 2016 (9 Shawwal 1437 AH)", ("2016-07-14", 1)),            # the lunar Hijri, in brackets
    ("Posted: 2 Jan 2018 / 12 Jadi 1396 SH, 08:15", ("2018-01-02", 0)),
    ("18 Hoot 1400 (9 March 2022)", ("2022-03-09", 1)),                  # ours in brackets after it
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


@pytest.mark.parametrize("line,date", [
    ("Published: 1420 GMT March 2, 2019", ("2019-03-02", 0)),     # a wire's clock in four figures
    ("Updated 0905 UTC 14 May 2020", ("2020-05-14", 2)),
])
def test_a_stamp_with_a_four_figure_clock_and_its_zone(line, date):
    assert date_line(line) == date


def test_a_four_figure_number_without_a_zone_is_no_clock():
    assert date_line("Published: 1420 March 2, 2019") is None


@pytest.mark.parametrize("line", ["Article No. 48213", "Story ID: 90211", "News ID: 2231"])
def test_the_pages_number_for_the_piece_is_furniture_and_the_headline_under_it_the_title(line):
    page = f"{line}\nPublished: 1420 GMT March 2, 2019\n\nEnvoys Meet Over The Northern Border\n\nOfficials met in the city. They left.\n"
    blocks, removed, found = clean(page)
    assert (found["title"], found["date"]) == ("Envoys Meet Over The Northern Border", "2019-03-02")
    assert [b.role for b in blocks] == ["title", "body"]


@pytest.mark.parametrize("line", ["Print Save as PDF +A A -A", "Email | Print | A+ A-", "Share Save PDF"])
def test_a_toolbar_with_type_size_buttons_is_no_title(line):
    page = f"{line}\n\nEnvoys Meet Over The Northern Border\n\nOfficials met in the city. They left.\n"
    _, removed, found = clean(page)
    assert found["title"] == "Envoys Meet Over The Northern Border"
    assert [r.reason for r in removed] == ["share buttons"]


def test_a_line_of_words_with_a_capital_a_is_no_toolbar():
    page = "A Plan For A Border\n\nOfficials met in the city. They left.\n"
    assert clean(page)[2]["title"] == "A Plan For A Border"


@pytest.mark.parametrize("line,date", [
    ("Last update: May 2, 2023 11:20", ("2023-05-02", 2)),
    ("Last update on: Tue Mar 7, 2023 09:05 PM", ("2023-03-07", 2)),
    ("Update: 2 May 2023", ("2023-05-02", 2)),
])
def test_a_last_update_label_opens_a_date_stamp(line, date):
    """"Last update", as "Last updated": the stamp's label, not the article's headline."""
    assert date_line(line) == date


def test_a_last_update_stamp_over_the_headline_is_not_the_title():
    blocks, _, found = clean("Last update: May 2, 2023 11:20\n\nEnvoys Meet In The City As Talks Resume\n\n"
                             "By Ana Lim May 1, 2023\n\nOfficials met in the city on Monday. They talked.\n")
    assert found["title"] == "Envoys Meet In The City As Talks Resume"
    assert [b.role for b in blocks] == ["title", "byline", "body"]


@pytest.mark.parametrize("line,date", [
    ("Harbor Review Analysis – 24.11.2019", "2019-11-24"),                   # the outlet's label, the day first
    ("By Tom Lark | Senior Fellow - Northgate Institute | Jun 3, 2021", "2021-06-03"),
    ("October 09, 2018 08:30 PM | Ana Ruiz (Editor)", "2018-10-09"),        # the clock after the date
    ("Commentary • 17 May 2016 • by Ilse Varga", "2016-05-17"),
])
def test_a_line_of_a_stamps_fields_gives_the_date(line, date):
    assert stamp_fields(line) == date


@pytest.mark.parametrize("line", [
    "Envoys met in the capital – 24.11.2019",              # a word of a sentence in a field
    "By Tom Lark | 05.04.2019",                            # either figure may be the day
    "Harbor Review | 24.11.2019 | 25.11.2019",             # two dates: a range, no stamp
    "Home | World | Asia | Opinion | Video | 24.11.2019",  # a menu's many fields
    "Harbor Review Analysis – 24.11.2019.",                # an end mark
])
def test_a_line_that_is_no_stamps_fields_gives_no_date(line):
    assert stamp_fields(line) is None


def test_a_stamps_fields_above_the_article_date_the_page_and_keep_their_role():
    page = ("Envoys Meet In The Northern Capital\n\nHarbor Review Analysis – 24.11.2019\n\n"
            "Officials met in the city on October 2. They left.\n")
    blocks, removed, found = clean(page)
    assert found["date"] == "2019-11-24"
    assert [b.role for b in blocks] == ["title", "subtitle", "body"]   # the line's role is as it was
    late = clean("Envoys Meet In The Northern Capital\n\nOfficials met in the city. They left.\n\n"
                 "Harbor Review Analysis – 24.11.2019\n")[2]
    assert late["date"] is None   # under the article's first paragraph: no stamp of the page
