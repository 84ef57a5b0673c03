"""``brief ingest``: a saved web page becomes a seed article with its metadata sidecar."""
from pathlib import Path

import yaml

from generator.cli import main
from generator.ingest.articles import read_article
from generator.ingest.segment import segment

PAGE = """<!doctype html><html><head><title>Moscow Courts the Taliban | The Outlet</title>
<meta property="og:site_name" content="The Outlet"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2017-01-05">
<link rel="canonical" href="https://example.org/moscow-courts"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> Subscribe now</nav>
<article><h1>Moscow Courts the Taliban</h1>
<p>Russia has opened channels to the Taliban, officials in Moscow said on Monday, citing the threat of ISIS.</p>
<p>Critics in Kabul say the contacts undermine the Afghan government and will not curb the opium trade.</p>
<p>“Our interests coincide,” the envoy said after the meeting, which lasted several hours.</p>
</article><aside>Popular in the Community</aside><footer>© The Outlet. All rights reserved.</footer>
</body></html>"""


def test_page_becomes_article_and_sidecar(tmp_path: Path):
    page = tmp_path / "Moscow Courts.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["ingest", str(page), "--seeds", str(tmp_path / "seeds")]) == 0
    txt = tmp_path / "seeds" / "moscow-courts.txt"
    meta = yaml.safe_load((tmp_path / "seeds" / "moscow-courts.meta.yaml").read_text())
    assert meta["author"] == "Jane Roe" and meta["outlet"] == "The Outlet"
    assert meta["date"] == "2017-01-05" and meta["url"] == "https://example.org/moscow-courts"
    text = txt.read_text(encoding="utf-8")
    assert "Subscribe" not in text and "Popular in the Community" not in text and "<" not in text
    article = read_article(txt)
    assert article.meta.title == "Moscow Courts the Taliban" and article.meta.outlet == "The Outlet"
    assert any("opened channels" in s.text for s in segment(article).sentences())


def test_page_without_article_text(tmp_path: Path, capsys):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    assert main(["ingest", str(page), "--seeds", str(tmp_path / "seeds")]) == 1
    assert f"{page}: no article text found in this page" in capsys.readouterr().err
    assert not (tmp_path / "seeds").exists()


def test_not_html(tmp_path: Path, capsys):
    page = tmp_path / "notes.html"
    page.write_text("just words", encoding="utf-8")
    assert main(["ingest", str(page), "--seeds", str(tmp_path / "seeds")]) == 1
    assert "not an HTML page" in capsys.readouterr().err
