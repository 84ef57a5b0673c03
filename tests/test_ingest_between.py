"""Lines between an article's paragraphs that are the page's, not the article's: pointers to
other pieces of the site under a label naming their kind. Invented pages only."""
from generator.ingest.articles import read_article
from generator.ingest.furniture import kind_pointer
from generator.ingest.segment import segment


def body_of(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [s.text for s in segment(read_article(path)).sentences()]


POINTERS = """Envoys Gather In Tashkent For Water Talks

By Lena Ortiz

The envoys of five states met in Tashkent on Monday to discuss the river's shares. The upper states want more.

What we know: Dam on the upper river nears completion

The talks will continue on Tuesday, a spokesman said.

ANALYSIS: Can a canal change the region's balance?

In-depth: How the basin's farmers count their water

Officials expect a joint statement by the end of the week.
"""


def test_a_kind_label_and_a_headline_between_paragraphs_points_to_another_piece(tmp_path):
    assert body_of(tmp_path, POINTERS) == [
        "The envoys of five states met in Tashkent on Monday to discuss the river's shares.",
        "The upper states want more.", "The talks will continue on Tuesday, a spokesman said.",
        "Officials expect a joint statement by the end of the week."]


def test_a_paragraph_opened_by_a_kind_word_stays_article_text():
    # the article's own words: a sentence ended by its mark, or no label of a piece's kind
    assert not kind_pointer("Analysis: the figures show a fall in the river's flow this year.")
    assert not kind_pointer("Opinion: “The canal will change everything,” the minister said.")
    assert not kind_pointer("Tashkent: Envoys of five states meet over the river's shares")
    assert not kind_pointer("Q: What do the farmers want from the talks?")
    assert kind_pointer("Opinion: The river is not a weapon")
    assert kind_pointer("Explainer: Who owns the water of the upper basin?")


def test_a_kind_label_under_the_headline_is_not_taken_for_a_pointer(tmp_path):
    # above the first paragraph the line is the headline's (a title or a deck), not between paragraphs
    body = body_of(tmp_path, "Analysis: Why the basin's states talk again\n\nThe envoys met on Monday.\n")
    assert body == ["The envoys met on Monday."]
    article_path = tmp_path / "page.txt"
    assert read_article(article_path).meta.title == "Analysis: Why the basin's states talk again"
