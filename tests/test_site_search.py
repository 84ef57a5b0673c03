"""The search index of the built site: the articles' text is indexed once, on its source page's
``#article`` section, which is all that docs/assets/javascripts/search-progressive.js leaves
out of the light index that answers first."""
from __future__ import annotations

import json
import re

import yaml

WORD = re.compile(r"[^\W\d_]{3,}")


def _index(build) -> list[dict]:
    return json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_every_article_is_indexed_on_its_source_page(repo_site):
    """Every word of the summary's sentences (verbatim spans of the article; the summary box
    itself is out of search) is in the source page's ``#article`` entry."""
    docs = _index(repo_site)
    articles = {d["location"]: d["text"] for d in docs if d["location"].endswith("#article")}
    briefs = sorted((repo_site.project / "briefs" / "sources").glob("*.yaml"))
    assert briefs and set(articles) == {f"sources/{b.stem}/#article" for b in briefs}
    for path in briefs:
        brief = yaml.safe_load(path.read_text(encoding="utf-8"))
        indexed = set(WORD.findall(articles[f"sources/{brief['id']}/#article"].lower()))
        quoted = {w for s in brief["summary"]["sentences"] for w in WORD.findall(s["quote"].lower())}
        assert quoted and quoted <= indexed, (path.name, sorted(quoted - indexed))


def test_the_light_index_keeps_every_page(repo_site):
    """Leaving the ``#article`` sections out keeps an entry for every page (its title and
    metadata), and those sections hold the bulk of the index."""
    docs = _index(repo_site)
    light = [d for d in docs if not d["location"].endswith("#article")]
    pages = {d["location"].split("#", 1)[0] for d in docs}
    assert pages == {d["location"] for d in light if "#" not in d["location"]}
    assert sum(len(d["text"]) for d in light) < sum(len(d["text"]) for d in docs)


def test_the_relation_graphs_source_is_not_indexed(repo_site):
    """The overview's and the actors' relation graphs are drawn, not read: their Mermaid source
    ('n1 --&gt;|"supports"| n0') is left out of search, the section's prose is kept."""
    docs = _index(repo_site)
    assert not [d["location"] for d in docs if "graph LR" in d["text"] or "--&gt;|" in d["text"]]
    connect = [d["text"] for d in docs if d["location"] == "overview/#how-the-actors-connect"]
    assert connect and "relations between actors" in connect[0]
    assert '<pre class="mermaid"><code>graph LR' in repo_site.html("overview/")
