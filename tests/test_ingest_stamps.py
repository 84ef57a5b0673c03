"""A date stamp among the page's labels on one line, and a site's menu run into one line, on
invented pages: the stamp's date is the page's, neither line is the title, a subtitle or an event."""
import pytest

from generator.extract.dates import find_events
from generator.ingest.articles import read_article
from generator.ingest.menus import menu_line
from generator.ingest.segment import segment
from generator.ingest.stamps import stamp_line


@pytest.mark.parametrize("line, stamp", [
    ("Commentary | 14 May 2019 | By Jan Novak", ("2019-05-14", 1)),
    ("Lena Ortiz | Kazan | Mar 3, 2021 | 08:15 PM CET", ("2021-03-03", 1)),
    ("June 2, 2018 · 8 min read · 31 comments", ("2018-06-02", 1)),
    ("Valletta · Thursday, 4 April 2024", ("2024-04-04", 3)),        # a weekday: the day it was saved, as often
    ("22 October 2020    Views: 1 204", ("2020-10-22", 1)),         # a wide gap between the fields
    ("Karim Haddou 3 hours ago Tue 9th March 2021 | 10:40 AM", ("2021-03-09", 3)),
    ("FEBRUARY 3, 2022 09:10 GMT", ("2022-02-03", 1)),              # the month in capitals
    ("Posted by Jan Novak on 5 May 2016 · 2 comments", ("2016-05-05", 0)),
    ("Posted on 8 June 2017 by Lena O.", ("2017-06-08", 0)),
    ("Last update on: Fri Oct 2, 2020 10:05 PM", ("2020-10-02", 2)),
    ("Jan Novak, regional editor | 2 March 2023 | Updated 3 March 2023", ("2023-03-02", 1)),
    ("Sofia, 11 November 2019", ("2019-11-11", 1)),                 # a place and the date
    ("03.04.2019 | 12:40 | Views: 512", (None, 1)),                 # figures read two ways: a stamp, no date
    ("By Jan Novak, Riga — published 14/09/2022 at 09:30", ("2022-09-14", 0)),
])
def test_a_stamp_among_labels(line, stamp):
    assert stamp_line(line) == stamp


@pytest.mark.parametrize("line", [
    "The envoys met on 25 July 2025 in Doha.",                     # a sentence
    "On May 3, 2019, the envoys met again.",
    "Study Published on May 3, 2019 Warns Of Drought In The North",  # a headline goes on after the date
    "12 June 1992 — rebels enter the capital",                       # a timeline's entry: a clause beside the date
    "Envoys gather in the capital to talk — 4 May 2019",
    "A weekly letter on the valley | Issue 12 | 4 May 2019",         # a field that is a clause
    "In the valley, 5 May 2019, the talks began.",
])
def test_a_date_in_a_sentence_a_headline_or_a_timeline_is_no_stamp(line):
    assert stamp_line(line) is None


def read(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    sentences = segment(article).sentences()
    return article, [s.text for s in sentences], find_events(sentences, article.meta.date)


def test_a_stamp_above_the_headline_is_no_title_and_its_date_the_pages(tmp_path):
    article, sentences, events = read(tmp_path, "Analysis | 14 May 2019 | 6 min read\n\nHerders Return To The Pass\n\n"
                                                "The herders came back in April. The council counted them.\n")
    assert article.meta.title == "Herders Return To The Pass" and article.meta.date == "2019-05-14"
    assert sentences == ["The herders came back in April.", "The council counted them."]
    assert [e.date for e in events] == ["2019-04"]


def test_a_stamp_under_the_headline_is_no_subtitle_and_no_event(tmp_path):
    article, sentences, events = read(tmp_path, "Herders Return To The Pass\n\nJan Novak | Riga | 14 May 2019 | 11:02\n\n"
                                                "Reading time: 4 min\n\nThe herders came back. The council counted them.\n")
    assert article.meta.subtitle is None and article.meta.date == "2019-05-14" and events == []


@pytest.mark.parametrize("line", [
    "Home | Valley | World | Opinion | Sport",
    "Politics · Region · Economy · Culture",
    "News   Opinion   Sport   Culture",
    "Politics Economy Society Sport Video",          # section names run together, no separator
    "Home › Opinion › Columns",
    "Research Experts Publications Events Subscribe",
    "WORLD Politics Security Opinion Sign in",
])
def test_a_menu_on_one_line(line):
    assert menu_line(line)


@pytest.mark.parametrize("line", [
    "Opinion | The valley's bet on the herders is a risky one",
    "Envoys Call For End To Sanctions Against The Valley",
    "Council Backs Security Review",
    "World News Today",
    "Centre for Valley Studies | Riga",
    "Politics, economy and sport in the valley.",
])
def test_a_headline_is_no_menu(line):
    assert not menu_line(line)


def test_a_menu_above_the_headline_is_no_title(tmp_path):
    article, sentences, _ = read(tmp_path, "News Opinion Sport Culture Lifestyle\n\nHerders Return To The Pass\n\n"
                                           "The herders came back. The council counted them.\n")
    assert article.meta.title == "Herders Return To The Pass"
    assert sentences == ["The herders came back.", "The council counted them."]
