"""Pointers to other pieces of a site, set between an article's paragraphs ("Read also:
HEADLINE"): page furniture, never the article's text (invented pages)."""
import pytest

from generator.ingest.articles import read_article
from generator.ingest.segment import segment


def body_of(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    return article, [s.text for s in segment(article).sentences()]


@pytest.mark.parametrize("pointer", [
    "Read also: Harvest fair opens in the northern province",
    "Also read: Why the river talks stalled, two years on",
    "You can also read: A museum reopens its doors after the floods in the old quarter of the capital city",
    "Related: Ministers meet on the grain corridor",
    "See also: The envoy's long road to the capital",
    "Read more: Border towns brace for a dry summer",
])
def test_a_pointer_to_another_piece_is_furniture(tmp_path, pointer):
    article, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n"
                                      f"{pointer}\n\nThey left on Monday.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left on Monday."]
    assert pointer in [article.text[r.start:r.end] for r in article.removed]


def test_two_pointers_on_consecutive_lines_are_furniture(tmp_path):
    _, body = body_of(tmp_path, "Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n"
                                "Related: Grain prices rise again\nRelated: A new road to the coast\n\nThey left.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left."]


def test_the_headline_under_a_pointers_label_alone_is_furniture(tmp_path):
    _, body = body_of(tmp_path, "Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n"
                                "Read also:\nRiver ports reopen after the winter\n\nThey left on Monday. Both sides "
                                "agreed to meet again.\n\nThe next round is due in May.\n")
    assert body == ["Officials met in the city.", "They talked.", "They left on Monday.", "Both sides agreed to meet again.",
                    "The next round is due in May."]


@pytest.mark.parametrize("line", [
    "Related talks are due in May, officials said.",
    "Read also the ministry's statement, the envoy told reporters.",
])
def test_prose_that_opens_with_a_pointers_word_stays(tmp_path, line):
    _, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n{line}\n\n"
                                f"They left.\n")
    assert body == ["Officials met in the city.", "They talked.", line, "They left."]
