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
    # a middle initial inside a longer sentence (session 7's fresh sets)
    ("The plan may fail, according to Pavel K. Orlov, a historian. He left.",
     ["The plan may fail, according to Pavel K. Orlov, a historian.", "He left."]),
    # curly marks mangled to "â" (UTF-8 read as Latin-1): one opens a quotation after a sentence
    ("The bet is small. âIt is a hedge,â said Orlov. Talks went on.",
     ["The bet is small.", "âIt is a hedge,â said Orlov.", "Talks went on."]),
    # guillemets, set tight or a space apart from the words inside (French spacing)
    ("The ferry left. «It will be late.» Nobody waited.", ["The ferry left.", "«It will be late.»", "Nobody waited."]),
    ("The ferry left. « It will be late. » Nobody waited.",
     ["The ferry left.", "« It will be late. »", "Nobody waited."]),
])
def test_news_prose_boundaries(text, expected):
    assert sentences(text) == expected


def test_offsets_are_exact_and_trimmed():
    text = "  One here.   Two there.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One here.", "Two there."]


def _wall(n: int) -> str:
    """About ``n`` characters of prose without a full stop, with quotation marks left open and
    template braces never closed: the input whose work grew with the square of its length."""
    words = ("Moscow says the “Taliban are {{ a counterweight to ISIS and Russia wants influence in "
             "Central Asia while Washington objects").split()
    out, size, k = [], 0, 0
    while size < n:
        out.append(words[k % len(words)])
        size += len(out[-1]) + 1
        k += 1
    return " ".join(out)


def test_work_per_sentence_and_paragraph_is_bounded(tmp_path):
    """Issue 20, item 10: a wall of text without full stops becomes paragraphs of at most
    MAX_PARAGRAPH characters and sentences of at most MAX_SENTENCE, cut at white space, which
    tile the text exactly; so the work per sentence and per paragraph is bounded, and an
    article's work linear in its length (the figures are in BENCHMARKS.md, "Hostile input")."""
    from generator.briefs.format import source_brief
    from generator.briefs.taxonomy import load_taxonomy
    from generator.extract import Extractor
    from generator.ingest.articles import read_article
    from generator.ingest.paragraphs import MAX_PARAGRAPH
    from generator.ingest.segment import MAX_SENTENCE, segment
    from conftest import REPO

    wall = _wall(3 * MAX_PARAGRAPH + 123)
    path = tmp_path / "wall.txt"
    path.write_text("A Title Above The Wall\n\n" + wall + "\n", encoding="utf-8")
    article = read_article(path)
    doc = segment(article)
    body = [p for p in doc.paragraphs if p.role == "body"]
    assert len(body) == 4 and all(p.end - p.start <= MAX_PARAGRAPH for p in body)
    sents = [s for p in body for s in p.sentences]
    assert all(len(s.text) <= MAX_SENTENCE and s.text == article.text[s.start:s.end] for s in sents)
    assert all(not s.text[0].isspace() and not s.text[-1].isspace() for s in sents)
    # the pieces tile the wall: nothing is lost between them but white space
    assert " ".join(s.text for s in sents).split() == wall.split()
    assert len(sents) >= 3 * MAX_PARAGRAPH // MAX_SENTENCE
    # and every item extracted from it is bounded by its sentence or paragraph, and grounded
    ex = Extractor(load_taxonomy(REPO / "briefs" / "taxonomy.yaml")).extract(doc)
    brief = source_brief(article, ex)
    spans = [i for kind in ("motives", "counters", "quotes", "events", "figures") for i in brief[kind]]
    assert spans and all(article.text[i["start"]:i["end"]] == i["quote"] for i in spans)
    assert max(i["end"] - i["start"] for i in spans) <= MAX_PARAGRAPH


def test_a_paragraph_is_never_cut_inside_furniture():
    from generator.briefs.model import Block
    from generator.ingest.paragraphs import bounded
    text = "x " * 40 + "{{ placeholder }} " + "y " * 40
    cut_at = text.index("{{")
    block = Block(0, len(text), "body", ((cut_at, cut_at + len("{{ placeholder }}")),))
    pieces = bounded(text, block, size=90)
    assert [p.cuts for p in pieces if p.cuts] == [block.cuts]
    assert all(not (p.start < cut_at < p.end) or block.cuts[0][1] <= p.end for p in pieces)
    assert "".join(text[p.start:p.end] for p in pieces).replace(" ", "") == text.replace(" ", "")
