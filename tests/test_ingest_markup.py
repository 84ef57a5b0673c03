"""Markup and repeats of invented pages: a site's caption shortcode, an HTML comment whose "<" the
excerpt cut off, a paragraph never joined over a line of furniture, a paragraph the page repeats, the
page's last line cut off mid-sentence."""
import pytest

from analysis_util import sentences as read   # a page as ingest reads it, and its sentences

from generator.extract.dates import find_events
from generator.ingest.segment import segment


@pytest.mark.parametrize("line", [
    '[caption id="attachment_4410" align="aligncenter" width="1200"] Herders cross the pass near the border on '
    'May 4, 2017 in Osh, Kyrgyzstan. (Agency)[/caption]',
    '[caption align="alignleft"]The envoy (L) meets the mayor at the town hall.[/caption]',
    '[gallery ids="12,14,19"]',
])
def test_a_sites_shortcode_for_a_picture_is_furniture(tmp_path, line):
    article, sentences = read(tmp_path, f"Herders Return To The Pass\n\n{line}\nby Lena Ortiz\n\n"
                                        "The herders came back in spring. The council counted them.\n")
    assert sentences == ["The herders came back in spring.", "The council counted them."]
    assert article.meta.title == "Herders Return To The Pass"


def test_a_bracketed_phrase_opening_a_paragraph_stays(tmp_path):
    _, sentences = read(tmp_path, "Herders Return To The Pass\n\n[Update] The herders came back in spring.\n")
    assert sentences == ["[Update] The herders came back in spring."]


@pytest.mark.parametrize("comment", ["!-- Site analytics tag (v2) -->", "<!-- begin article body -->"])
def test_an_html_comment_is_no_title(tmp_path, comment):
    article, sentences = read(tmp_path, f"{comment}\n\nHerders Return To The Pass\n\nThe herders came back.\n")
    assert article.meta.title == "Herders Return To The Pass" and sentences == ["The herders came back."]


def test_a_paragraph_is_never_joined_over_a_line_of_furniture(tmp_path):
    # a page saved without blank lines under its summary: the date stamp, the headline again, a
    # caption, each on its own line
    article, sentences = read(tmp_path, "Herders Return To The Pass\n\n"
                                        "The return is the valley's first since the floods. The pass had been shut.\n\n"
                                        "March 3, 2019\nHerders Return To The Pass\n"
                                        "IMAGE SOURCE: Valley Agency\n\n"
                                        "The herders came back in spring. The council counted them.\n")
    assert sentences[:2] == ["The return is the valley's first since the floods.", "The pass had been shut."]
    assert not any("March 3, 2019" in s or "Valley Agency" in s for s in sentences)
    assert article.meta.date == "2019-03-03"


PARAGRAPH = "“The pass is open again,” the mayor said. “The herders may come back.”"


def test_a_paragraph_the_page_repeats_is_kept_where_it_first_stands(tmp_path):
    _, sentences = read(tmp_path, f"Herders Return To The Pass\n\nThe herders came back in spring.\n\n{PARAGRAPH}\n\n"
                                  f"{PARAGRAPH}\n\nThe council counted them.\n")
    assert sentences == ["The herders came back in spring.", "“The pass is open again,” the mayor said.",
                         "“The herders may come back.”", "The council counted them."]


def test_a_caption_the_page_repeats_goes_every_time(tmp_path):
    caption = "Herders cross the pass near the border on Monday."
    _, sentences = read(tmp_path, f"Herders Return To The Pass\n\nThe herders came back. They came in spring.\n\n"
                                  f"{caption}\n\nThe council counted them.\n\n{caption}\n\nIt found more.\n")
    assert sentences == ["The herders came back.", "They came in spring.", "The council counted them.", "It found more."]


def test_a_caption_shortcode_dates_no_event(tmp_path):
    article, _ = read(tmp_path, "Herders Return To The Pass\n\n[caption id=\"attachment_7\"] Herders at the pass, "
                                "May 4, 2017. (Agency)[/caption]\n\nThe herders came back in 2016.\n")
    events = find_events(segment(article).sentences(), article.meta.date)
    assert [e.date for e in events] == ["2016"]


BODY = "Herders Return To The Pass\n\nThe herders came back in spring. The council counted them.\n\n"


@pytest.mark.parametrize("last", [
    "Governor Tomas Vell of Upper Ruritania met with the",   # names make it look like a title
    "By late spring, the",                                    # a clause and a comma, few words
    "Herd counts fe",                                         # a word cut in two
    "grazing on it",                                          # goes on from the line above
])
def test_the_pages_last_line_cut_off_mid_sentence_is_article_text(tmp_path, last):
    _, sentences = read(tmp_path, BODY + last)
    assert sentences[-1] == last


@pytest.mark.parametrize("last", [
    "(Reporting by Lena Ortiz; Editing by Karim Haddou)",
    "Herders Return Home For Good",
    "– **Grazing",
    "Tags: herders, pass, valley",
])
def test_a_label_or_credit_closing_the_page_goes(tmp_path, last):
    _, sentences = read(tmp_path, BODY + last)
    assert sentences == ["The herders came back in spring.", "The council counted them."]


def test_a_cut_off_line_above_the_pages_last_is_no_exception(tmp_path):
    # only the excerpt's end cuts a line: a teaser with a lower-case end above a label is the page's
    _, sentences = read(tmp_path, BODY + "Herders Return Home For the\n\nMost Read Stories\n")
    assert sentences == ["The herders came back in spring.", "The council counted them."]
