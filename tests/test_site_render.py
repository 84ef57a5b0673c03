"""Rendering: data is shown literally, never executed or compiled; templates can be replaced."""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import jinja2
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOTS, copy_project
from generator.site.markdown import _ESCAPES, SHORT, _md, cell, escape, md, mermaid, one_line
from generator.site.render import Renderer
from generator.site.load import load_site

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


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("&#;35<>\"'\\`*_{}[]|~=^!$amp lt a1é\n"), max_size=40) | st.text(max_size=40))
def test_escape_is_the_translation_table(text):
    """``escape`` (one replace per character present, "&" and "#" first) is exactly
    ``str.translate`` with the table, whatever entities the text already holds."""
    assert escape(text) == text.translate(_ESCAPES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("&#-+?:1. a\n"), max_size=SHORT + 5))
def test_short_texts_kept_escaped_are_as_escaped_anew(text):
    first = md(text)
    assert md(text) == first == _md(text)   # the second call is answered from what was kept


WHITE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(WHITE + "ab.é"), max_size=30) | st.text(max_size=30))
def test_one_line_is_split_and_joined(text):
    assert one_line(text) == " ".join(text.split())


def test_cell_is_never_empty():
    assert cell("") and cell(None)


@pytest.fixture(scope="module")
def pages():
    return Renderer().render_site(load_site(BASIC / "briefs", BASIC / "seeds"))


def test_the_basic_root_has_every_page_kind(pages):
    assert {"index.md", "motives/index.md", "motives/opium.md", "motives/isis-threat.md",
            "counterarguments.md", "actors/index.md", "actors/isis.md", "sources/index.md",
            "sources/x.md", "timeline.md", "quotes.md", "disputed.md", "sources/y.md"} <= set(pages)
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
    assert pages["timeline.md"] == "# My timeline\n\n2 events\n"  # x and y report one each
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


# ---- cross-source analysis: agreement, stance, disputed points, relations, timeline, summaries

MERMAID_SAFE = re.compile(r"(?:[^\W_]|[ .,'()/-]|#\d+;)*")


@pytest.mark.parametrize("name", ['A"];B[evil', "end", "x|y;z", "```", "%%{init: {}}%%", "<b>x</b>",
                                  "a --> b", "C:::cls", "#quot;", "`md`", "", "  two\nlines "])
def test_mermaid_labels_are_inert(name):
    label = mermaid(name)
    assert MERMAID_SAFE.fullmatch(label), label
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)
    assert decoded == (" ".join(name.split()) or "—")


def _mermaid_blocks(page: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)^```$", page, re.M | re.S)


def test_overview_graph_escapes_hostile_actor_names(pages):
    [graph] = _mermaid_blocks(pages["index.md"])
    lines = graph.splitlines()
    assert lines[0] == "graph LR"
    node = re.compile(r'  n\d+\["[^"\[\]|;`]*"\]')  # `;` only inside entity codes
    edge = re.compile(r'  n\d+ (-->|---)\|"[^"\[\]|`]*"\| n\d+')
    for line in lines[1:]:
        assert node.fullmatch(line.replace("#", "").replace(";", "")) or edge.fullmatch(line), line
    assert '["A#34;#93;#59;B#91;evil"]' in graph and '["end"]' in graph
    assert '|"supports #124; #34;arms#34; #59; ×2"|' in graph  # two sources, one edge
    assert "REJECTED" not in "\n".join(pages.values())


def test_actor_page_has_its_neighbourhood_and_evidence(pages):
    page = pages["actors/end.md"]
    [graph] = _mermaid_blocks(page)
    assert "style n0 stroke-width:3px" in graph and '["Taliban"]' in graph and "Russia" not in graph
    hrefs = [a["href"] for t, a in to_html(page).tags if t == "a" and "href" in a]
    assert "../sources/x.md#p4-s1" in hrefs and "../sources/y.md#p4-s1" in hrefs
    assert "../actors/taliban.md" in hrefs
    assert 'A"];B[evil' in visible(page)
    assert "No source states a relation" in visible(pages["actors/zamir-kabulov.md"])


def test_agreement_cells_and_legend(pages):
    row = next(line for line in pages["index.md"].splitlines() if line.startswith("| [Why Moscow"))
    cells = [c.strip() for c in row.split(" | ")[1:]]
    # isis-threat: asserted once; opium: two evidence sentences against one counterargument
    assert cells[0].startswith("**[✔ 1](motives/isis-threat.md#src-x ")
    assert cells[1].startswith("**[✔ 2](motives/opium.md#src-x ") and "[✘ 1](sources/x.md#p6-s1 " in cells[1]
    y = next(line for line in pages["index.md"].splitlines() if line.startswith("| [A second reading"))
    assert y.rstrip().endswith("| · |")
    assert "silent" in visible(pages["index.md"])
    assert "#by-motive" not in pages["index.md"]  # two sources: no cap, no pointer
    assert "{ #by-motive }" in pages["sources/index.md"]


def test_stance_line_on_source_pages_and_lists(pages):
    for page in ("sources/x.md", "sources/index.md", "index.md"):
        assert "mixed on the policy: 1 counterargument, 2 motives reported" in visible(pages[page]), page
    assert "neutral on the policy: 0 counterarguments, 1 motive reported" in visible(pages["sources/y.md"])
    assert 'class="brief-stance brief-stance--mixed"' in pages["sources/x.md"]


def test_disputed_points_page_and_motive_section(pages):
    page = pages["disputed.md"]
    assert "## How strong is ISIS in Afghanistan? { #isis-strength }" in page
    assert '!!! warning "Disputed' in page
    text = visible(page)
    assert "tens of thousands of <b>fighters</b> | 2 * 3" in text and "does not exist" in text
    assert "said not to exist against a stated size" in text
    hrefs = [a["href"] for t, a in to_html(page).tags if t == "a" and "href" in a]
    assert "sources/x.md#p4-s2" in hrefs and "sources/y.md#p4-s1" in hrefs
    assert "unreviewed" in text and "reviewed" in text
    motive = pages["motives/isis-threat.md"]
    assert "### [How strong is ISIS in Afghanistan?](../disputed.md#isis-strength)" in motive
    assert '!!! warning "Disputed' in motive
    assert "The sources state nothing yet on the questions" in visible(pages["motives/opium.md"])


def test_timeline_merges_reports_and_shows_precision(pages):
    page = pages["timeline.md"]
    rows = [line for line in page.splitlines() if line.startswith("| ") and "sources/" in line]
    assert len(rows) == 1  # x reports 2016-09, y 2016-09-12: one event
    assert rows[0].startswith("| 12 September 2016 | ") and rows[0].endswith("| 2 |")
    hrefs = [a["href"] for t, a in to_html(page).tags if t == "a" and "href" in a]
    assert hrefs.count("sources/x.md#p5-s3") == 1 and hrefs.count("sources/y.md#p5-s3") == 1
    assert "unreviewed" in visible(page) and "reviewed" in visible(page)


def test_show_date_keeps_the_precision():
    from generator.site.analysis import show_date
    assert [show_date(d) for d in ("2016", "2016-09", "2015-12-23", "late 2016", "2016-13")] == \
        ["2016", "September 2016", "23 December 2015", "late 2016", "2016-13"]


def test_summaries_link_each_sentence(pages):
    page = pages["sources/y.md"]
    assert '!!! abstract "Summary (unreviewed: sentences picked by the extractor)"' in page
    html = to_html(page)
    ids = {a.get("id") for _, a in html.tags}
    links = [a["href"] for t, a in html.tags if t == "a" and "#p" in a.get("href", "")]
    summary_links = [h for h in links if h.startswith("../sources/y.md#")][:2]
    assert summary_links == ["../sources/y.md#p4-s1", "../sources/y.md#p5-s1"]
    assert all(h.split("#")[1] in ids for h in summary_links)  # valid: anchors of this page
    # x's summary has no sentences (hand-written text): shown as written, no links
    assert "<script>alert('summary')</script>" in visible(pages["sources/x.md"])
    # a motive summary by an analyst is marked as such
    assert '!!! abstract "Summary (written by an analyst)"' in pages["motives/opium.md"]
    isis = pages["motives/isis-threat.md"]
    assert '!!! abstract "Summary (unreviewed: sentences picked by the extractor)"' in isis
    assert "(../sources/x.md#p4-s1) [" in isis or "(../sources/x.md#p4-s1)\n" in isis


def test_bad_analysis_anchor_is_a_problem_and_not_linked(tmp_path):
    project = copy_project("basic", tmp_path / "p")
    brief = project / "briefs" / "sources" / "y.yaml"
    brief.write_text(brief.read_text().replace("anchor: p5-s1, start", "anchor: p9-s9, start"))
    site = load_site(project / "briefs", project / "seeds")
    assert [p.message for p in site.problems] == ["summary sentences: anchor 'p9-s9' is not a sentence of x.txt"]
    assert "#p9-s9" not in "".join(Renderer().render_site(site).values())


def test_malformed_analysis_sections_are_problems_not_crashes(tmp_path):
    project = copy_project("basic", tmp_path / "p")
    brief = project / "briefs" / "sources" / "y.yaml"
    brief.write_text(brief.read_text().replace("relations:\n", "relations: 5\nxrelations:\n"))
    site = load_site(project / "briefs", project / "seeds")
    assert any("cross-source analysis failed" in p.message for p in site.problems)
    assert "disputed.md" in Renderer().render_site(site)


def test_page_digest_ignores_how_equal_values_are_shared():
    """A listing page is reused when its context is equal to the last one, whichever reader
    built the data (one may share a string or an item where another makes copies)."""
    from generator.site.render import _digest

    word = "".join(["conf", "irmed"])
    item = {"status": word, "cues": [word]}
    shared = [item, item, {"x": word}]
    copies = [{"status": "confirmed", "cues": ["confirmed"]},
              {"status": "".join(["confirmed"]), "cues": ["confirmed"[:]]}, {"x": "confirm" + "ed"}]
    assert shared == copies and _digest(shared) == _digest(copies)
    assert _digest(shared) != _digest([item, item, {"x": "auto"}])
    cyclic: list = [1]
    cyclic.append(cyclic)   # cannot be pickled without the memo: read through repr
    assert _digest(cyclic) == _digest(cyclic)


def test_page_digest_tells_items_apart_by_every_value():
    from dataclasses import fields, replace

    from generator.site.render import _digest
    from generator.site.model import Item
    item = Item("motive", "m-1", "s1", "a quote", "p1-s1", "auto", "unreviewed", 0.8, "opium",
                "Opium", actors=["russia"])
    assert _digest([item]) == _digest([replace(item, actors=["russia"])])
    for f in fields(Item):
        other = replace(item, **{f.name: ["taliban"] if f.name == "actors" else "other"})
        assert _digest([item]) != _digest([other]), f.name


def test_units_that_share_lazy_data_go_to_one_worker_together():
    from generator.site.render import _batches, _Unit
    units = [_Unit(f"p{n}", "t", None, list, None, False, False, together)
             for n, together in enumerate(["m", None, "m", "a", None, "a", "m"])]
    assert _batches(units, [0, 1, 2, 3, 4, 5, 6]) == [[0, 2, 6], [1], [3, 5], [4]]
    assert _batches(units, [1, 5, 6]) == [[1], [5], [6]]   # only the stale ones


def test_dict_attribute_lookup_is_jinja_s():
    from jinja2 import Environment, StrictUndefined, UndefinedError

    from generator.site.render import _Environment
    data = {"name": "Kabulov", "items": "shadowed", "count": 0}
    for source in ("{{ d.name }} {{ d.count }}", "{{ d.items is callable }}", "{{ d.keys()|list }}",
                   "{{ d.get('name') }}", "{{ e.real }}"):
        ours = _Environment(undefined=StrictUndefined).from_string(source)
        theirs = Environment(undefined=StrictUndefined).from_string(source)
        assert ours.render(d=data, e=3) == theirs.render(d=data, e=3)
    with pytest.raises(UndefinedError):
        _Environment(undefined=StrictUndefined).from_string("{{ d.missing }}").render(d=data)


def test_a_headline_item_is_anchored_and_labelled_on_its_page(tmp_path):
    # the classifier labels headline sentences too: the page shows the headline in the article,
    # its sentence anchored and marked, its label beside it, as a body sentence's
    project = copy_project("basic", tmp_path / "p")
    headline = "Why Moscow Courts the Taliban: Opium & *Daesh*"
    start = (project / "seeds" / "x.txt").read_text(encoding="utf-8").index(headline)
    brief = project / "briefs" / "sources" / "x.yaml"
    item = (f"motives:\n  - id: m-head\n    motive: opium\n    quote: \"{headline}\"\n"
            f"    start: {start}\n    end: {start + len(headline)}\n    anchor: p1-s1\n    status: auto\n")
    brief.write_text(brief.read_text().replace("motives:\n", item, 1))
    site = load_site(project / "briefs", project / "seeds")
    assert site.problems == []
    page = Renderer().render_site(site)["sources/x.md"]
    html = to_html(page)
    assert "p1-s1" in {a.get("id") for _, a in html.tags}
    assert "brief-headline" in {a.get("class") for _, a in html.tags}
    line = next(x for x in page.splitlines() if x.startswith("[](){ #p1-s1 }"))
    assert '<mark class="brief-evidence">' in line and "(../motives/opium.md)" in line


def test_timeline_and_quotes_pages_hold_the_titles_of_the_sources_they_cite():
    # (every source's titles would change their contexts, so render them again, with each source added)
    site = load_site(BASIC / "briefs", BASIC / "seeds")
    titles = {s.id: s.title for s in site.sources}
    units = {u.path: u for u in Renderer()._units(site, "index.md", {})}
    cited = {"timeline.md": lambda ctx: {c["source"] for e in ctx["entries"] for c in e["citations"]},
             "quotes.md": lambda ctx: {g["source"] for sp in ctx["speakers"] for g in sp["groups"]}}
    for path, of in cited.items():
        contexts = units[path].contexts()
        assert contexts and all(of(ctx) for ctx in contexts), path
        for ctx in contexts:
            assert ctx["titles"] == {s: titles[s] for s in sorted(of(ctx))}, path
    assert any(set(titles) - of(ctx) for path, of in cited.items() for ctx in units[path].contexts())
