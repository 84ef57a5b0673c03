"""Rendering: data is shown literally, never executed or compiled; templates can be replaced."""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
import pytest

from conftest import ROOTS, copy_project
from generator.render import Renderer, cell, md
from generator.site_data import load_site

BASIC = ROOTS / "basic"
GOLDEN = BASIC / "golden"  # expected Markdown of the basic root
EXTENSIONS = ["admonition", "abbr", "attr_list", "md_in_html", "footnotes", "tables", "toc",
              "pymdownx.details", "pymdownx.mark", "pymdownx.superfences"]

HOSTILE = [
    "<script>alert(1)</script>",
    "<p>not a paragraph</p>",
    "[x](javascript:alert(1))",
    "2 * 3 * 4 and *not emphasis*",
    "_not emphasis_ and __not strong__",
    "`not code`",
    "a | b | c",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "!!! note \"not an admonition\"",
    "==not marked==",
    "{{ bucket.key_as_string }}",
    "{% raw %}",
    "{: #not-an-id }",
    "[^not-a-footnote]",
    "&lt; stays as written &amp;",
    "back\\slash",
    "<!-- not a comment -->",
]


class _Html(HTMLParser):
    """The visible text of an HTML fragment and the tags it holds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", {}))


def to_html(md_text: str) -> _Html:
    body = re.sub(r"\A---\n.*?\n---\n", "", md_text, flags=re.S)  # front matter
    parser = _Html()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    return parser


def visible(md_text: str) -> str:
    return " ".join("".join(to_html(md_text).text).split())


@pytest.mark.parametrize("value", HOSTILE)
def test_md_shows_text_literally(value):
    page = to_html(md(value) + "\n")
    assert " ".join("".join(page.text).split()) == " ".join(value.split())
    assert [t for t, _ in page.tags] == ["p"]


@pytest.mark.parametrize("value", HOSTILE)
def test_cell_keeps_the_table_intact(value):
    page = to_html(f"| A | B |\n| --- | --- |\n| {cell(value)} | end |\n")
    cells = [t for t, _ in page.tags if t in ("td", "th")]
    assert cells == ["th", "th", "td", "td"]
    assert " ".join(value.split()) in " ".join("".join(page.text).split())
    assert not {t for t, _ in page.tags} - {"table", "thead", "tbody", "tr", "th", "td"}


def test_cell_is_never_empty():
    assert cell("") and cell(None)


@pytest.fixture(scope="module")
def pages():
    return Renderer().render_site(load_site(BASIC / "briefs", BASIC / "seeds"))


def test_the_basic_root_has_every_page_kind(pages):
    assert {"index.md", "motives/index.md", "motives/opium.md", "motives/isis-threat.md",
            "counterarguments.md", "actors/index.md", "actors/isis.md", "sources/index.md",
            "sources/x.md", "timeline.md", "quotes.md"} <= set(pages)
    assert pages.origins["sources/x.md"] == BASIC / "briefs" / "sources" / "x.yaml"
    assert pages.origins["motives/opium.md"] == BASIC / "briefs" / "motives" / "opium.yaml"
    assert pages.origins["motives/isis-threat.md"] == BASIC / "briefs" / "taxonomy.yaml"


def test_hostile_brief_text_renders_literally(pages):
    html = {path: to_html(text) for path, text in pages.items()}
    for path, page in html.items():
        for tag, attrs in page.tags:
            assert tag != "script", path
            assert not attrs.get("href", "").lower().startswith("javascript"), path
    src = visible(pages["sources/x.md"])
    for text in ["<script>alert('summary')</script>", "2 * 3", "{{ bucket.key_as_string }}",
                 "{% raw %}", "# not a heading <p>not a paragraph</p> [x](javascript:alert(1))",
                 "_under_ `tick`", "The Test | Gazette", "</title><script>alert(1)</script> &lt;b&gt;"]:
        assert text in src
    assert "Checked <script>alert('comment')</script> | {{ bucket.key_as_string }}" \
        in visible(pages["motives/isis-threat.md"])


def test_article_furniture_is_cut(pages):
    article = visible(pages["sources/x.md"].split("## Article\n", 1)[1])
    for furniture in ["Loading, please wait", "Popular in the Community", "Before You Go",
                      "bucket.key_as_string", "<script>", "alert(1)</script>"]:
        assert furniture not in article
    assert "profits from opium, so alert(1) courting it" in article
    assert "[x](javascript:alert(1)) is not a link." in article


def test_every_sentence_is_anchored(pages):
    page = to_html(pages["sources/x.md"])
    ids = {attrs.get("id") for _, attrs in page.tags}
    assert {"p4", "p4-s1", "p4-s2", "p5-s1", "p5-s2", "p5-s3", "p6-s1"} <= ids
    marked = [a for t, a in page.tags if t == "mark"]
    assert len(marked) == 4  # p4-s1, p5-s1, p5-s2 (motives) and p6-s1 (a counterargument)


def test_quotes_link_to_their_sentence(pages):
    hrefs = [a["href"] for t, a in to_html(pages["motives/opium.md"]).tags if t == "a" and "href" in a]
    assert "../sources/x.md#p5-s1" in hrefs and "../sources/x.md#p5-s2" in hrefs


def test_status_labels_and_rejected_items(pages):
    everything = "\n".join(pages.values())
    assert "REJECTED-MARKER" not in everything
    assert "In 2016-09 officials counted the dead" not in pages["motives/isis-threat.md"]
    opium = visible(pages["motives/opium.md"])
    assert "unreviewed" in opium and "added by analyst" in opium
    assert "reviewed" in visible(pages["motives/isis-threat.md"])


def test_actor_pages_list_aliases_and_tags(pages):
    isis = pages["actors/isis.md"]
    assert "Daesh" in visible(isis)
    assert re.search(r'^tags:\n  - "Islamic State"', isis, re.M)
    assert "Zamir Kabulov" in visible(pages["quotes.md"])


def test_strict_undefined_raises():
    env = Renderer().env
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nothing_here }}").render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ x.missing }}").render(x={})


def test_override_folder_wins(tmp_path):
    (tmp_path / "timeline.md.j2").write_text("# My timeline\n\n{{ events|length }} events\n")
    pages = Renderer(tmp_path).render_site(load_site(BASIC / "briefs", BASIC / "seeds"))
    assert pages["timeline.md"] == "# My timeline\n\n1 events\n"
    assert pages["quotes.md"].startswith("# Quotes")  # the others are the package's


def test_broken_brief_is_reported_with_its_place_and_shown(tmp_path):
    project = copy_project("basic", tmp_path / "p")
    brief = project / "briefs" / "sources" / "x.yaml"
    brief.write_text(brief.read_text().replace("  status: auto\nnotes:", "  status: [auto\nnotes:", 1))
    site = load_site(project / "briefs", project / "seeds")
    assert len(site.problems) == 1
    message = str(site.problems[0])
    assert re.fullmatch(re.escape(str(brief)) + r":\d+:\d+: invalid YAML: .+", message), message
    page = Renderer().render_site(site)["sources/x.md"]
    assert "!!! failure" in page and md(message) in page
    assert "Opium from Afghanistan" in visible(page)  # the article still shows


def test_stale_anchor_is_a_problem(tmp_path):
    project = copy_project("basic", tmp_path / "p")
    brief = project / "briefs" / "sources" / "x.yaml"
    brief.write_text(brief.read_text().replace("anchor: p5-s1", "anchor: p9-s9"))
    site = load_site(project / "briefs", project / "seeds")
    assert [p.message for p in site.problems] == ["anchor 'p9-s9' is not a sentence of x.txt"]
    assert site.problems[0].line and site.problems[0].page == "sources/x.md"
    assert "#p9-s9" not in "".join(Renderer().render_site(site).values())


@pytest.mark.parametrize("page", ["sources/x.md", "motives/opium.md", "actors/isis.md", "index.md"])
def test_golden_markdown(pages, page):
    """Rendered Markdown against tests/golden/render; BRIEFSMITH_REGEN_GOLDEN=1 rewrites them."""
    golden = GOLDEN / page
    if os.environ.get("BRIEFSMITH_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert golden.exists(), f"{golden} missing: run with BRIEFSMITH_REGEN_GOLDEN=1 once"
    assert pages[page] == golden.read_text(encoding="utf-8")
