from pathlib import Path

import pytest

from generator.ingest.articles import read_article, source_files
from generator.briefs.model import BriefsmithError
from generator.ingest.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BOILERPLATE = ["Loading, please wait", "Browse Related Articles", "{{", "Popular in the Community",
               "Before You Go", "Recent Features", "Credit: Patrick Tsui", "HuffPost Contributor",
               "flag this entry as abusive", "Reprinted, with permission", "via Flickr",
               "Guest Contributor", "<p>", "Afghan children play on the wreckage", "Reuters A Taliban"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_no_boilerplate_in_body(path):
    doc = segment(read_article(path))
    body = " ".join(s.text for s in doc.sentences())
    assert body
    for b in BOILERPLATE:
        assert b not in body


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_sentence_is_a_slice_of_the_file(path):
    article = read_article(path)
    assert article.text == path.read_text(encoding="utf-8")
    for p in segment(article).paragraphs:
        for s in p.sentences:
            assert article.text[s.start:s.end] == s.text


def test_metadata_found_in_the_text():
    meta = {p.stem[:3]: read_article(p).meta for p in SEEDS}
    assert meta["000"].title == "Russia Should Not Count on The Taliban in Fight Against ISIS"
    assert meta["001"].title == "Russia and the Taliban Make Amends"
    assert meta["001"].subtitle == "Moscow's New Ally in Afghanistan"
    assert meta["002"].author == "Hashim Wahdatyar"      # from the bio at the end
    assert meta["003"].author == "Joshua Kucera"         # from the "by" line
    assert meta["002"].title.startswith("4 Reasons")     # the title, not the section label


def test_author_bio_is_not_article_text():
    doc = segment(read_article(ROOT / "seeds" / "002_2352f3490b38a229.txt"))
    assert doc.paragraphs[-1].role == "bio"
    assert all("political analyst based in" not in s.text for s in doc.sentences())


def test_sidecar_metadata_fills_what_the_text_lacks(tmp_path):
    (tmp_path / "a.txt").write_text("A Title Here\n\nBody text is here. And more.\n", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("outlet: The Diplomat\ndate: '2017-01-20'\nurl: https://x.org/a\n")
    meta = read_article(tmp_path / "a.txt").meta
    assert (meta.title, meta.outlet, meta.date, meta.url) == ("A Title Here", "The Diplomat", "2017-01-20", "https://x.org/a")


def test_sidecar_unknown_key(tmp_path):
    (tmp_path / "a.txt").write_text("Body text is here. And more.\n", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("outlet: X\npublisher: Y\n")
    with pytest.raises(BriefsmithError, match="unknown key 'publisher'"):
        read_article(tmp_path / "a.txt")


def test_markdown_front_matter_and_heading(tmp_path):
    md = "---\nauthor: someone\n---\n# The Heading\n\nFirst **bold** claim here. Then a [link](http://x) to see.\n"
    (tmp_path / "a.md").write_text(md, encoding="utf-8")
    article = read_article(tmp_path / "a.md")
    doc = segment(article)
    assert article.meta.title == "# The Heading" or article.meta.title == "The Heading"
    body = doc.sentences()
    assert [s.text for s in body] == ["First **bold** claim here.", "Then a [link](http://x) to see."]
    assert "author: someone" not in " ".join(s.text for s in body)


def test_inline_placeholders_are_cut_but_offsets_stay_raw(tmp_path):
    text = "Title Of Piece\n\nRussia met the Taliban {{ widget }} in Moscow. It was news.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    block = [b for b in article.blocks if b.role == "body"][0]
    assert [(text[s:e]) for s, e in block.cuts] == ["{{ widget }}"]
    first = segment(article).sentences()[0]
    assert text[first.start:first.end] == first.text


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
    (b"\xef\xbb\xbfTitle\n\nText.", "byte-order mark"),
    (b"Loading, please wait...\n\nBefore You Go\n", "no article text"),
])
def test_unusable_files_are_named(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(BriefsmithError) as err:
        read_article(path)
    assert str(err.value).startswith(str(path) + ": ")
    assert message in str(err.value)


def test_missing_seeds_folder(tmp_path):
    with pytest.raises(BriefsmithError, match="seeds folder not found"):
        source_files(tmp_path / "nope")


OTHER_OUTLETS = """Moscow Courts the Taliban

Russia has opened channels to the Taliban, officials said, citing the threat of the Islamic State group in the north.

Image caption Taliban delegates arrived in Moscow on Tuesday for two days of talks

Tags: Russia, Taliban, Afghanistan

(AP Photo/Rahmat Gul)

Share on Facebook Share on Twitter

Advertisement

Critics say the contacts undermine the Afghan government and will not curb the opium trade.

© 2017 The Outlet. All rights reserved.

Most Read
"""


def test_furniture_of_other_outlets(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(OTHER_OUTLETS, encoding="utf-8")
    doc = segment(read_article(path))
    body = [s.text for s in doc.sentences()]
    assert body == [
        "Russia has opened channels to the Taliban, officials said, citing the threat of the Islamic State group in the north.",
        "Critics say the contacts undermine the Afghan government and will not curb the opium trade."]
    assert doc.article.meta.subtitle is None  # a one-sentence lede is article text, not a deck
