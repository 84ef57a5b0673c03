"""Text from the taxonomy is data (issue 20, item 5): a real site built in tmp_path with
hostile descriptions, names, aliases and questions shows every one of them literally, in the
page bodies, the window titles, the navigation, the tags and the search index: no script
runs, no `javascript:` link is made, and `{{ 7*7 }}` reads as written."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import copy_project, mkdocs_build

HOSTILE = "Zqx {{ 7*7 }} <script>alert(2)</script> [y](javascript:alert(3)) end"
MERMAID_CODE = re.compile(r"#(\d+);")


class _Page(HTMLParser):
    """A page's visible text (Mermaid labels decoded as Mermaid shows them), its scripts,
    its links, and its window title."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.scripts, self.links, self.title = [], [], [], ""
        self._in: list[str] = []
        self._mermaid = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "title"):
            self._in.append(tag)
        if tag == "pre" and "mermaid" in (attrs.get("class") or ""):
            self._mermaid += 1
        for name in ("href", "src", "action", "formaction"):
            if attrs.get(name):
                self.links.append(attrs[name])

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag == "pre" and self._mermaid:
            self._mermaid -= 1

    def handle_data(self, data):
        where = self._in[-1] if self._in else None
        if where == "script":
            self.scripts.append(data)
        elif where == "title":
            self.title += data
        elif where is None:
            self.text.append(MERMAID_CODE.sub(lambda m: chr(int(m.group(1))), data)
                             if self._mermaid else data)


def _hostile_taxonomy(path) -> None:
    tax = yaml.safe_load(path.read_text(encoding="utf-8"))
    tax["question"] = f"Q {HOSTILE}"
    for key in ("motives", "counterarguments"):
        for entry in tax[key]:
            entry["name"] = f"{entry['name']} N {HOSTILE}"
            entry["description"] = f"D {HOSTILE}"
    for actor in tax["actors"][:3]:       # Russia, the United States, Pakistan: on many pages
        actor["name"] = f"{actor['name']} A {HOSTILE}"
        actor["aliases"] = [*actor.get("aliases", []), f"Alias {HOSTILE}"]
    for question in tax["questions"]:
        question["name"] = f"{question['name']} Qn {HOSTILE}"
    for relation in tax["relations"]:
        relation["name"] = f"{relation['name']} R {HOSTILE}"
    path.write_text(yaml.safe_dump(tax, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project("repo", tmp_path_factory.mktemp("hostile") / "project")
    _hostile_taxonomy(project / "briefs" / "taxonomy.yaml")
    return mkdocs_build(project)     # the shipped mkdocs.yml extracts with the new taxonomy


def test_hostile_taxonomy_text_is_shown_literally(hostile_site):
    build = hostile_site
    assert build.returncode == 0, build.output
    seen, titled = 0, 0
    for path in sorted(build.site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(build.site)
        assert not any("alert(" in s for s in page.scripts), f"{where}: a script from the taxonomy"
        assert not any(link.strip().lower().startswith("javascript:") for link in page.links), where
        text = " ".join(" ".join(page.text).split())
        # every occurrence is the whole string, as written: nothing dropped, evaluated or altered
        assert text.count("Zqx") == text.count(HOSTILE), \
            f"{where}: {[m for m in re.findall(r'Zqx.{0,60}', text) if not m.startswith(HOSTILE)][:3]}"
        assert "Zqx 49" not in text
        seen += text.count(HOSTILE)
        titled += HOSTILE in page.title
    assert seen > 100 and titled >= 5          # motive, counterargument and actor pages at least
    motive = build.html("motives/opium/")
    assert f"D {html.escape(HOSTILE, quote=False)}" in motive.replace("&#123;", "{").replace(
        "&#125;", "}").replace("&#42;", "*").replace("&#91;", "[").replace("&#93;", "]")


def test_hostile_taxonomy_text_in_the_tags_and_search_index(hostile_site):
    build = hostile_site
    tags = _Page()
    tags.feed(build.html("tags/"))
    assert f"Opium and narcotics N {HOSTILE}" in " ".join(" ".join(tags.text).split())
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            # Material's search shows these as HTML: markup from the taxonomy stays escaped
            assert "<script" not in doc.get(field, ""), doc["location"]
    assert any(HOSTILE in html.unescape(doc["title"]) for doc in index["docs"])


def test_the_markup_case_of_the_corpus_renders_as_text(tmp_path, monkeypatch, capsys):
    """tests/bad's tax-markup case (a hostile description, name, alias and question that
    `brief check` accepts): every page `brief render` writes holds the text escaped for
    Markdown and HTML (the site test above builds it)."""
    from test_briefs_check import apply_case, make_project
    from generator.cli import main
    project = make_project(tmp_path / "p")
    apply_case("tax-markup.yaml", project)
    monkeypatch.chdir(project)
    assert main(["render", "--out", "pages"]) == 0, capsys.readouterr().err
    pages = {p: p.read_text(encoding="utf-8") for p in (project / "pages").rglob("*.md")}
    shown = [p for p, text in pages.items() if "Zqx" in text]
    assert len(shown) >= 3      # the overview (question), the motive, the motives list
    for path, text in pages.items():
        # (front matter is data for the theme, which prints it HTML-escaped: see above)
        body = text.split("\n---\n", 1)[-1] if text.startswith("---\n") else text
        assert "<script" not in text and "{{" not in body and "](javascript:" not in body, path
        for line in body.splitlines():
            if "Zqx" in line and "```" not in line and "mermaid" not in line and "#123;" not in line:
                assert "Zqx &#123;&#123; 7&#42;7 &#125;&#125; &lt;script&gt;alert(2)&lt;/script&gt; " \
                       "&#91;y&#93;(javascript:alert(3)) end" in line, (path, line)
