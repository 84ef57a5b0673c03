"""A site's menu on one line above an article's headline (invented pages): furniture, never the
title; a headline in title case, or with its section and outlet after bars, stays the title."""
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

