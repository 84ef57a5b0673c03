"""Dated events on invented sentences: calendar dates, periods, names, and the page's own date."""
import pytest

from generator.briefs.model import Sentence
from generator.extract.dates import find_dates, find_events


@pytest.mark.parametrize("text,page,dates", [
    # a month without a year takes the page's year, or the year before when it is later in the year
    ("Russia began its air campaign in September, officials said.", "2015-12-23", ["2015-09"]),
    ("The envoy arrived on July 3 with a letter.", "2025-07-25", ["2025-07-03"]),
    ("The group split in November over money.", "2016-03-02", ["2015-11"]),
    # without the page's date, a future, a weekday or a relative date: none
    ("Russia began its air campaign in September.", None, []),
    ("The talks will resume in September.", "2015-12-23", []),
    ("The court ruled on Thursday.", "2025-04-17", []),
    ("The report came out last month.", "2025-04-17", []),
    # years
    ("Contacts have existed since at least 2007.", None, []),
    ("The court lifted a ban in place since 2003.", None, ["2003"]),
    ("The minister cited the Afghan Poppy Survey 2023 in his speech.", None, []),
    ("Talks were held in April 2013, in November 2013 and in December 2016.", None, ["2013-04", "2013-11", "2016-12"]),
])
def test_dates(text, page, dates):
    assert [iso for iso, _ in find_dates(text, page)] == dates


def test_a_cut_off_last_sentence_dates_nothing():
    texts = ["The office opened in 2019.", "It moved in 2021 to a new building and"]
    sents, pos = [], 0
    for k, t in enumerate(texts, 1):
        sents.append(Sentence(f"p1-s{k}", 1, pos, pos + len(t), t))
        pos += len(t) + 1
    assert [e.date for e in find_events(sents)] == ["2019"]
