"""Real ``mkdocs build --strict`` runs on copies of the repository and of tests/roots/basic."""
from __future__ import annotations

import re
import subprocess
from html import escape as html_escape
from urllib.parse import urljoin
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Build, copy_project, mkdocs_build, mkdocs_env
from generator.ingest.articles import source_files

BOILERPLATE = ["Loading, please wait", "Popular in the Community", "Before You Go", "{{", "{%"]
QUOTE_LINK = re.compile(r'href="(\.\./\.\./sources/([^/"#]+)/)#(p\d+-s\d+)"')


@pytest.fixture(params=["repo", "basic"])
def built(request) -> Build:
    return request.getfixturevalue(f"{request.param}_site")


def test_strict_build_passes_without_warnings(built):
    assert built.returncode == 0, built.output
    assert built.warnings == [], built.output


def test_every_page_kind_is_there(built):
    taxonomy = yaml.safe_load((built.project / "briefs" / "taxonomy.yaml").read_text())
    pages = ["", "overview/", "counterarguments/", "disputed/", "timeline/", "quotes/", "motives/",
             "actors/", "sources/", "actors/isis/"]
    pages += [f"motives/{m['id']}/" for m in taxonomy["motives"]]
    pages += [f"sources/{p.stem}/" for p in source_files(built.project / "seeds")]
    missing = [p for p in pages if not (built.site / p / "index.html").is_file()]
    assert missing == []


GENERATED = ("overview", "motives", "counterarguments", "disputed", "actors", "sources", "timeline",
             "quotes")


def _html_pages(build: Build):
    """The generated pages (hand-written ones may quote boilerplate to explain it)."""
    for path in sorted(build.site.rglob("*.html")):
        if path.relative_to(build.site).parts[0] in GENERATED:
            yield path, path.read_text(encoding="utf-8")


def test_no_boilerplate_and_no_script_from_the_data(built):
    theme_scripts = built.html("").count("<script")  # a hand-written page: the theme's own
    for path, html in _html_pages(built):
        for text in BOILERPLATE:
            assert text not in html, f"{text!r} in {path}"
        # the theme's scripts, plus the shipped mermaid on pages with a graph
        assert html.count("<script") - html.count('javascripts/mermaid.min.js"></script>') \
            == theme_scripts, path
        assert "javascript:" not in re.sub(r"&#91;x&#93;\(javascript:", "", html), path


def test_quote_links_land_on_existing_sentence_anchors(built):
    checked = 0
    for motive in sorted((built.site / "motives").glob("*/index.html")):
        for _, source, anchor in QUOTE_LINK.findall(motive.read_text(encoding="utf-8")):
            target = built.html(f"sources/{source}/")
            assert f'id="{anchor}"' in target, f"{motive}: #{anchor} missing on {source}"
            checked += 1
    assert checked > 0


def test_evidence_is_highlighted_and_labelled(built):
    for source in sorted((built.site / "sources").glob("*/index.html")):
        html = source.read_text(encoding="utf-8")
        for anchor in re.findall(r'<a href="" id="(p\d+-s\d+)"></a><mark class="brief-evidence">', html):
            assert re.search(f'id="{anchor}"></a><mark[^>]*>.*?</mark> <small class="brief-label', html)


def test_actor_pages_name_their_aliases(built):
    isis = built.html("actors/isis/")
    assert "Daesh" in isis
    assert "unreviewed" in isis or "reviewed" in isis


def test_edit_links_point_at_the_yaml_briefs(built):
    source = next(p.stem for p in source_files(built.project / "seeds"))
    assert f"/edit/main/briefs/sources/{source}.yaml" in built.html(f"sources/{source}/")
    assert "/edit/main/briefs/taxonomy.yaml" in built.html("overview/")
    assert "/edit/main/docs/index.md" in built.html("")  # hand-written pages keep theirs


def test_a_broken_brief_fails_strict_and_is_shown(tmp_path):
    project = copy_project("basic", tmp_path / "p")
    brief = project / "briefs" / "sources" / "x.yaml"
    brief.write_text(brief.read_text().replace("  status: auto\nnotes:", "  status: [auto\nnotes:", 1))
    build = mkdocs_build(project)
    assert build.returncode == 1
    assert any(re.search(r"x\.yaml:\d+:\d+: invalid YAML", w) for w in build.warnings), build.output
    page = build.html("sources/x/")
    assert 'class="admonition failure"' in page and "invalid YAML" in page


def test_a_brief_that_fails_check_fails_strict_and_is_shown(tmp_path):
    """Valid YAML that ``brief check`` rejects (an unknown motive id) fails the strict build too."""
    project = copy_project("repo", tmp_path / "p")
    brief = project / "briefs" / "sources" / "002_2352f3490b38a229.yaml"
    text = brief.read_text(encoding="utf-8")
    assert "motive: opium\n" in text
    brief.write_text(text.replace("motive: opium\n", "motive: opiun\n", 1), encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 1
    assert any(re.search(r"002_2352f3490b38a229\.yaml:\d+:\d+: unknown motive 'opiun'", w)
               for w in build.warnings), build.output
    page = build.html("sources/002_2352f3490b38a229/")
    assert 'class="admonition failure"' in page and "unknown motive &#39;opiun&#39;" in page


def test_render_output_builds_with_plain_mkdocs(tmp_path):
    """`brief render --out` pages need only Material and Markdown extensions, no plugin."""
    project = copy_project("basic", tmp_path / "p")
    out = project / "pages"
    subprocess.run([sys.executable, "-m", "generator.cli.site", "render", "--briefs", "briefs",
                    "--seeds", "seeds", "--out", str(out)], cwd=project, env=mkdocs_env(),
                   check=True, capture_output=True, text=True)
    config = {"site_name": "plain", "docs_dir": "pages", "theme": {"name": "material"},
              "validation": {"anchors": "warn", "unrecognized_links": "warn"}}
    text = yaml.safe_dump(config) + "markdown_extensions:" + \
        (project / "mkdocs.yml").read_text().split("markdown_extensions:")[1].split("\nvalidation:")[0]
    (project / "plain.yml").write_text(text)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "plain.yml",
                           "-d", str(project / "plain-site")], cwd=project, env=mkdocs_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "plain-site" / "motives" / "opium" / "index.html").is_file()


# ---- cross-source analysis on the repository's site

def _mermaid(html: str) -> list[str]:
    return re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', html, re.S)


def test_disputed_page_lists_the_isis_strength_question(repo_site):
    html = repo_site.html("disputed/")
    section = html.split('id="isis-strength"', 1)[1].split("<h2", 1)[0]
    assert 'class="admonition warning"' in section and "Disputed" in section
    sources = set(re.findall(r'href="\.\./sources/([^/"#]+)/#p\d+-s\d+"', section))
    assert len(sources) >= 3, sources
    assert 'href="../disputed/"' in repo_site.html("overview/")  # in the navigation
    assert 'href="../../disputed/#isis-strength"' in repo_site.html("motives/isis-threat/")


def test_overview_and_actor_pages_have_relation_graphs(repo_site):
    [graph] = _mermaid(repo_site.html("overview/"))
    assert graph.startswith("graph LR")
    for name in ("Russia", "Taliban", "Pakistan", "ISIS"):
        assert f'["{name}"]' in graph, name
    assert 'assets/javascripts/mermaid.min.js"></script>' in repo_site.html("overview/")
    assert "mermaid.min.js" not in repo_site.html("")  # pages without a graph load nothing
    [own] = _mermaid(repo_site.html("actors/taliban/"))
    assert '["Taliban"]' in own and "style n0 stroke-width:3px" in own and '["Russia"]' in own


def test_every_source_page_has_a_stance_and_a_summary(repo_site):
    for path in sorted((repo_site.site / "sources").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        assert re.search(r'class="brief-stance brief-stance--\w+">\w+ (of|to|on) the policy: \d+ counter', html), path
        assert 'class="admonition abstract"' in html and "Summary (" in html, path
        links = re.findall(r'<div class="admonition abstract">.*?</div>', html, re.S)[0]
        for anchor in re.findall(r'href="\.\./\.\./sources/[^/"]+/#(p\d+-s\d+)"', links):
            assert f'id="{anchor}"' in html, (path, anchor)


@pytest.mark.parametrize("probe", [
    "The Islamic State (IS) and the Taliban met Russian envoys in Moscow.",
    "Russia's envoy, the U.S. and al-Qaeda; ISIS-K (Khorasan) was named.",
    "Nothing here names anyone at all.",
    "Kabulov said Taliban-held areas and the TTP differ from IS.",
    "The TTPs, the Russians and ISISK met; Talibans were not there.",
])
def test_actor_matcher_equals_testing_every_actor(probe):
    """The word-indexed matcher finds exactly the actors the word-bounded regex of every actor
    finds (the rule the site has always used), in the brief's order."""
    from generator.site.sources import ActorMatcher

    forms = {"isis": ["Islamic State", "IS", "ISIS-K", "(IS)"], "taliban": ["Taliban"],
             "russia": ["Russia", "Moscow"], "us": ["U.S.", "United States"],
             "aq": ["al-Qaeda"], "kabulov": ["Zamir Kabulov", "Kabulov"], "odd": ["-K (Khorasan)", "'s envoy"],
             "ttp": ["TTP"], "empty": []}
    expect = []
    for aid, fs in forms.items():
        if fs:
            rx = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(fs, key=len, reverse=True))) + r")\b")
            if rx.search(probe):
                expect.append(aid)
    ordered = {aid: sorted(fs, key=len, reverse=True) for aid, fs in forms.items()}
    assert ActorMatcher(ordered).named(probe) == expect
    assert ActorMatcher(ordered).named(probe) == ActorMatcher(ordered).named(probe)


_PIECES = ["IS", "ISIS", "Taliban", "Talibans", "Russia", "Russian", "U.S.", "al-Qaeda", "é", "Éa",
           "K", "-", "'s", " ", " ", ".", "(", ")", "_", "1"]


@settings(max_examples=300, deadline=None)
@given(forms=st.dictionaries(st.sampled_from("abcdef"),
                             st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3)
                                      .map("".join), max_size=3)),
       probe=st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_actor_matcher_property(forms, probe):
    """Whatever the forms (one word, several words, punctuation) and the sentence, the
    matcher finds exactly the actors whose word-bounded regex of forms matches."""
    from generator.site.sources import ActorMatcher

    ordered = {aid: sorted(set(fs), key=len, reverse=True) for aid, fs in forms.items()}
    expect = [aid for aid, fs in ordered.items() if fs and re.search(
        r"\b(?:" + "|".join(map(re.escape, fs)) + r")\b", probe)]
    assert ActorMatcher(ordered).named(probe) == expect


@pytest.mark.parametrize("origin,docs", [
    ("/p/briefs/sources/a b.yaml", "/p/docs"), ("/p/docs/x.yaml", "/p/docs"),
    ("/p/docs/sub/x.yaml", "/p/docs/"), ("/elsewhere/seeds/z.txt", "/p/docs"),
    ("rel/briefs/taxonomy.yaml", "rel/docs")])
def test_edit_path_is_the_origin_relative_to_docs(origin, docs):
    import os
    from pathlib import Path

    from generator.site.pagefiles import edit_path
    folders: dict = {}
    for _ in range(2):   # the second time from the folder's kept relative path
        assert edit_path(Path(origin), docs, folders) == Path(os.path.relpath(origin, docs)).as_posix()


def test_a_source_named_index_has_its_own_page(tmp_path):
    """``index.txt`` would make ``sources/index.md``, the list of sources' path: its page is
    ``sources/index/source.md``, every link to it goes there, and the strict build passes
    with the list and the article both there."""
    import shutil

    from generator.briefs.extraction import extract_all

    project = copy_project("repo", tmp_path / "p")
    seeds, briefs = project / "seeds", project / "briefs"
    seed = sorted(seeds.glob("*.txt"))[0]
    title = seed.read_text(encoding="utf-8").strip().splitlines()[0]
    seed.rename(seeds / "index.txt")
    shutil.rmtree(briefs / "sources")
    extract_all(seeds, briefs, jobs=1)
    assert (briefs / "sources" / "index.yaml").is_file()
    built = mkdocs_build(project)
    assert built.returncode == 0, built.output
    assert built.warnings == [], built.output
    listing, article = built.html("sources/"), built.html("sources/index/source/")
    assert "Sources by motive" in listing
    assert html_escape(title) in article and 'id="p2-s1"' in article
    assert "not included in the \"nav\"" not in built.output, built.output
    for page in ("overview/", "sources/"):   # the links resolve to its page
        hrefs = re.findall(r'href="([^"#]*)"', built.html(page))
        assert "/sources/index/source/" in {urljoin(f"/{page}", h) for h in hrefs}, page
    # the sentences quoted from it are linked on its page, never on the list's
    to_sentences = [href for html in built.site.rglob("*.html")
                    for href in re.findall(r'href="([^"]*#p\d+-s\d+)"', html.read_text(encoding="utf-8"))]
    assert any("sources/index/source/#p" in h for h in to_sentences)
    assert not [h for h in to_sentences if re.search(r"sources/(index\.html|index/)?#", h)]


# ---- paginated listings: a real strict build with small page sizes (conftest.PAGED_SIZES)

@pytest.fixture(scope="module")
def paged_site(paged_project) -> Build:
    return mkdocs_build(paged_project)


def test_paginated_site_builds_strict_with_continuations_out_of_the_nav(paged_site):
    assert paged_site.returncode == 0, paged_site.output
    assert paged_site.warnings == [], paged_site.output
    assert "not included in the \"nav\"" not in paged_site.output, paged_site.output
    for listing in ("counterarguments", "quotes", "disputed", "timeline", "sources/index", "motives/isis-threat"):
        assert (paged_site.site / listing / "2" / "index.html").is_file(), listing
        assert (paged_site.site / listing / "3" / "index.html").is_file(), listing
    overview = paged_site.html("overview/")
    assert 'href="../counterarguments/"' in overview                      # page 1 stays in the nav
    assert "counterarguments/2/" not in overview and "quotes/2/" not in overview
    page2 = paged_site.html("counterarguments/2/")
    # the pager names the page and links the previous and next ones, never the number of pages
    # (a page added at the end would change every page's pager)
    assert "Page 2 · " in page2 and 'href="../3/"' in page2 and 'href="../"' in page2
    assert " of " not in page2.split('class="brief-pager"', 1)[1].split("</div>", 1)[0]
    assert "<title>Counterarguments (page 2) " in page2


def test_paginated_site_search_index_skips_continuations(paged_site):
    import json
    index = json.loads((paged_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert any(loc.startswith("counterarguments/") for loc in locations)
    assert not [loc for loc in locations if re.match(r"[a-z/-]+/\d+/", loc)]
    assert not any("Page 1 · " in d["text"] for d in index["docs"])   # pagers are not indexed


def test_paginated_listing_links_land_on_anchors_in_html(paged_site):
    """A source page's counterargument labels land on page 1's index of kinds, whose links
    land on the kind's heading on a later page."""
    source = paged_site.html("sources/a00001/")
    kinds = set(re.findall(r'href="\.\./\.\./counterarguments/#([\w-]+)"', source))
    index = paged_site.html("counterarguments/")
    assert kinds and all(f'id="{k}"' in index for k in kinds)
    links = re.findall(r'href="(\d+)/#([\w-]+)"', index)
    assert links
    for page, kind in links:
        assert f'id="{kind}"' in paged_site.html(f"counterarguments/{page}/"), (page, kind)


