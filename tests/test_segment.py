import pytest

from generator.ingest.segment import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("The U.S. military struck. It was late.", ["The U.S. military struck.", "It was late."]),
    ("He moved to Washington D.C. He then left.", ["He moved to Washington D.C.", "He then left."]),
    ("Lt. Gen. John Smith spoke. Then Dr. Jones.", ["Lt. Gen. John Smith spoke.", "Then Dr. Jones."]),
    ("John F. Kennedy was there. So was I.", ["John F. Kennedy was there.", "So was I."]),
    ("It has between 1,000 and 3,000 fighters. It earns $400 million. Fine.",
     ["It has between 1,000 and 3,000 fighters.", "It earns $400 million.", "Fine."]),
    ("He said, “we agree.” Then he left.", ["He said, “we agree.”", "Then he left."]),
    ("Tucker said: “[I]n Syria it failed. It will fail.”", ["Tucker said: “[I]n Syria it failed.", "It will fail.”"]),
    ("Is it over? No. Not yet!", ["Is it over?", "No.", "Not yet!"]),
    ("The U.S.S.R and its allies fell. The end.", ["The U.S.S.R and its allies fell.", "The end."]),
    ("Rates rose 3.5 percent in Jan. 2016 sales.", ["Rates rose 3.5 percent in Jan. 2016 sales."]),
    ("They met e.g. in Doha. Talks ended.", ["They met e.g. in Doha.", "Talks ended."]),
])
def test_news_prose_boundaries(text, expected):
    assert sentences(text) == expected


def test_offsets_are_exact_and_trimmed():
    text = "  One here.   Two there.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One here.", "Two there."]
