"""A site's menu on one line above an article's headline (invented pages): furniture, never the
title; a headline in title case, or with its section and outlet after bars, stays the title. A
run of tags among the paragraphs, and a label or heading run into the text with no space, are
the page's too."""
import pytest

from generator.ingest.articles import clean

HEADLINE = "Envoys meet in the capital as the river talks resume"
BODY = "Officials met in the city on Monday. They talked for an hour.\n\nThey left on Tuesday.\n"


@pytest.mark.parametrize("menu", [
    "Home | World | Opinion | Business | Sport",
    "Politics · Economy · Culture · Video",
    "Home › Opinion › Editorials",
    "THE EVENING LEDGER | World | Markets | Subscribe",
    "Home  Nation  World  Opinion  Business  Sport  E-Paper",
    "Research  Experts  Events  Publications  Donate",
    "Regional monitor Experts comments Publications",
])
def test_a_menu_above_the_headline_is_not_the_title(menu):
    blocks, removed, found = clean(f"{menu}\n\n{HEADLINE}\n\n{BODY}")
    assert found["title"] == HEADLINE
    assert [r.reason for r in removed] == ["navigation menu"]


@pytest.mark.parametrize("headline", [
    "Russia Business Leaders Meet Taliban Envoys In Kazan",      # title case, words of a sentence
    "World Leaders Gather For Talks On The River Treaty",
    "River talks resume | Analysis | The Evening Ledger",        # the headline's own line, a body under it
])
def test_a_headline_stays_the_title(headline):
    _, _, found = clean(f"{headline}\n\n{BODY}")
    assert found["title"] == headline



def kept_text(text: str) -> list[str]:
    blocks, _, _ = clean(text)
    return [text[b.start:b.end] for b in blocks if b.role == "body"]


LEDE = "Officials of both states met in the city on Monday.\n\nThey talked for an hour.\n"


def test_a_run_of_tags_among_the_paragraphs_is_furniture():
    tags = "envoys\nriver treaty\nvaldora\nhttps://img.example.org/pics/2019/03/0412_900x600.jpg\n"
    text = f"{HEADLINE}\n\n{LEDE}{tags}The talks ended on Tuesday without a deal.\n"
    assert kept_text(text)[-2:] == ["They talked for an hour.", "The talks ended on Tuesday without a deal."]


def test_two_short_lines_in_a_paragraph_stay():
    text = f"{HEADLINE}\n\n{LEDE}\nThe envoys of\nthe two\nriver states left the city by road on Tuesday.\n"
    assert kept_text(text)[-1] == "The envoys of\nthe two\nriver states left the city by road on Tuesday."


PARAGRAPH = ("Despite a year of delays and two rounds of talks that broke down over the river's water, the envoys of "
             "the three states met in the city on Monday and agreed to meet again.")


@pytest.mark.parametrize("line, rest", [
    ("Image:The Envoys Meet In Valdora As The Talks Resume", "The Envoys Meet In Valdora As The Talks Resume"),
    ("River Treaty Talks" + PARAGRAPH, PARAGRAPH),
])
def test_a_label_or_heading_run_into_the_text_with_no_space_is_cut_off(line, rest):
    text = f"{HEADLINE}\n\n{line}\n\n{BODY}" if rest == PARAGRAPH else f"{line}\n\n{BODY}"
    blocks, removed, found = clean(text)
    shown = [text[b.start:b.end] for b in blocks]
    assert rest in shown and line not in shown
    assert [r.reason for r in removed] == ["heading run into the text"]


@pytest.mark.parametrize("line", [
    "Valdora Daily NewsWire said the envoys met on Monday.",    # a brand's name joins two capitalised words
    "NewsWire reports that" + PARAGRAPH[7:],                     # the brand opens the line: no heading before it
    "Note:See the annex",                                        # a label's colon over three words
    "River Treaty TalksResume on Monday in the city.",           # a heading over no paragraph
])
def test_a_name_that_joins_two_capitalised_words_stays(line):
    blocks, removed, _ = clean(f"{HEADLINE}\n\n{line}\n\n{BODY}")
    assert not any(r.reason == "heading run into the text" for r in removed)
