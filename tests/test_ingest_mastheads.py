"""Lines over a page's headline that are the page's (invented pages): an outlet's name with its
city, tagline or edition after a bar, a dot or a dash; a tagline or a link with no capital; a
stamp's date; a name in capitals over a headline that is not. None is the title; the headline
under them is. A headline with its outlet after a dash, repeated under it, stays the title."""
import pytest

from generator.ingest.articles import clean
from generator.ingest.segment import split_sentences

HEADLINE = "Envoys meet in the capital as the river talks resume"
BODY = "Officials met in the city on Monday. They talked for an hour.\n\nThey left on Tuesday.\n"


@pytest.mark.parametrize("above", [
    "Institute for River Basin Studies | Lisbon",
    "THE MORNING LANTERN · Weekend Edition",
    "Delta Notes — a blog about ports and rivers",
    "back to the top",
    "notes from the estuary",
    "Opinion — 4 March 2019",
    "Harbourtown, Friday, October 2, 2020",
    "18 June 2021 · Ana Moreira, columnist",
    "THE HARBOUR REVIEW OF CURRENT AFFAIRS",
    "Opinion › Columns",
])
def test_a_line_of_the_page_over_the_headline_is_not_the_title(above):
    _, removed, found = clean(f"{above}\n\n{HEADLINE}\n\n{BODY}")
    assert found["title"] == HEADLINE
    assert len(removed) == 1 and removed[0].reason in ("masthead", "date stamp", "navigation menu")


def test_the_pages_title_over_its_headline_stays_the_title():
    title = "River talks resume as envoys meet in the capital – Harbour Review"
    _, _, found = clean(f"{title}\n\nReport: {title}\n\n{BODY}")
    assert found["title"] == title


@pytest.mark.parametrize("headline", [
    "Envoys meet as the river talks resume – Harbour Review",   # its outlet after a dash, the body under it
    "THE RIVER TALKS RESUME IN THE CAPITAL",
])
def test_a_headline_with_no_heading_under_it_stays_the_title(headline):
    _, _, found = clean(f"{headline}\n\n{BODY}")
    assert found["title"] == headline


def _sentences(text):
    blocks, _, _ = clean(text)
    return [" ".join(text[b.start:b.end][s:e].split()) for b in blocks
            for s, e in split_sentences(text[b.start:b.end])]


def test_a_heading_over_its_paragraph_is_a_sentence_of_its_own():
    text = (f"{HEADLINE}\n\nOfficials met in the city on Monday and talked for an hour.\n\n"
            "What the envoys want\nThe envoys want the river opened to barges before the winter.\n\n"
            "They left on Tuesday and will meet again in the spring.\n")
    sentences = _sentences(text)
    assert "What the envoys want" in sentences
    assert "The envoys want the river opened to barges before the winter." in sentences


def test_a_heading_after_a_paragraph_in_the_same_run_is_a_sentence_of_its_own():
    text = (f"{HEADLINE}\n\nOfficials met in the city on Monday and talked\nfor an hour about the barges.\n"
            "Costs and risks\nThe barges would cost the port more than it can pay this year, and\n"
            "the envoys did not say who would pay for them in the end.\n")
    sentences = _sentences(text)
    assert "Costs and risks" in sentences
    assert "Officials met in the city on Monday and talked for an hour about the barges." in sentences


@pytest.mark.parametrize("wrapped", [
    "The envoys said on Monday that the talks on the\nriver would go on until the barges could pass.",
    "The envoys met officials of the port and of the\nNavy, who said the river would open in the spring.",
    "Talks in Harbourtown\nresumed on Monday after a break of a month.",    # a short first line, going on
])
def test_hard_wrapped_prose_stays_one_sentence(wrapped):
    text = f"{HEADLINE}\n\nOfficials met in the city on Monday.\n\n{wrapped}\n\nThey left on Tuesday.\n"
    assert " ".join(wrapped.split()) in _sentences(text)
