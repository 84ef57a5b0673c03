"""Pointers to other pieces of a site, set between an article's paragraphs ("Read also:
HEADLINE"): page furniture, never the article's text (invented pages)."""
import pytest

from generator.ingest.articles import read_article
from generator.ingest.pointers import (KIND_POINTER, NAV, POINTER, POINTER_INITIALS, POINTER_LABELS, RELATED, Shape,
                                       labels)
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
    'For another view, read: "The grain corridor is a mirage"',
    "To learn more about the river talks, see: Ten years of the basin accord",
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
    'For weeks, the banner over the gate read: "No trade without peace".',
    "To the envoy, the council said: the road stays shut.",
])
def test_prose_that_opens_with_a_pointers_word_stays(tmp_path, line):
    _, body = body_of(tmp_path, f"Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n{line}\n\n"
                                f"They left.\n")
    assert body == ["Officials met in the city.", "They talked.", line, "They left."]


def test_another_pieces_headline_run_into_a_paragraph_under_a_picture_is_furniture(tmp_path):
    article, body = body_of(tmp_path, "Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n"
                                      "Delegates arrive at the hall. (Photo: Jan Novak)\n"
                                      "River Talks in Valdora 'Brought No Real Breakthrough'\n"
                                      "The council, which has hosted three rounds of the talks since the spring, said "
                                      "it would send its own envoy.\n\nThey left.\n")
    assert body == ["Officials met in the city.", "They talked.", "The council, which has hosted three rounds of the "
                    "talks since the spring, said it would send its own envoy.", "They left."]


@pytest.mark.parametrize("above,line", [
    ("Delegates arrive at the hall. (Photo: Jan Novak)", "only a few of the delegates stayed on"),  # no headline's capitals
    ("Officials from Both Northern Provinces came.", "River Talks in Valdora Resume Again"),        # no furniture above
])
def test_a_line_run_into_prose_that_is_no_headline_under_a_picture_stays(tmp_path, above, line):
    _, body = body_of(tmp_path, "Envoys Meet In The City\n\nOfficials met in the city. They talked.\n\n"
                                f"{above}\n{line}\n"
                                "The council, which has hosted three rounds of the talks since the spring, said it "
                                "would send its own envoy.\n\nThey left.\n")
    assert any(line in sentence for sentence in body)


# The labels' table (generator/ingest/pointers.py): a label is furniture only in its own shapes.
def test_every_label_of_the_table_opens_with_a_letter():
    # the line's first letter is tested before the pattern (POINTER_INITIALS)
    assert all(label[:1].isalpha() for label, _ in POINTER_LABELS)
    assert {label[0].lower() for label in labels(Shape.COLON)} == set(POINTER_INITIALS.lower())


@pytest.mark.parametrize("line,shapes", [
    ("Also read: Ten years of the basin accord", {"menu", "colon", "teasers"}),
    ("Analysis: Ten years of the basin accord", {"kind"}),
    ("Continue reading", {"menu"}),
    ("Related: Ten years of the basin accord", {"colon", "teasers"}),
    ("More from the Courier", {"teasers"}),
    ("Log in to comment", {"menu"}),
    ("The banner read: no trade without peace", set()),
])
def test_a_label_opens_a_pointer_of_its_own_shapes_only(line, shapes):
    found = {name for name, pattern in (("menu", NAV), ("colon", POINTER), ("kind", KIND_POINTER), ("teasers", RELATED))
             if pattern.match(line)}
    assert found == shapes
