"""``site.blocks``: while serving, the listing blocks, tables and footnotes of the generated pages
are converted unit by unit and kept between rebuilds. The site must be byte for byte the one
MkDocs makes of whole pages (``brief build``), with the same warnings, and a rebuild after an
edit converts only the units that changed. In process, no server."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.site import blocks as B

URL = "http://127.0.0.1:8000/"


def _config(project: Path, site: Path, command: str | None = None):
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = URL
    if command:
        config.plugins.on_startup(command=command, dirty=False)
    return config


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _warnings(caplog) -> list[str]:
    out = sorted(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING
                 and "'dirty' build" not in r.getMessage())
    caplog.clear()
    return out


@pytest.fixture
def project(paged_project, tmp_path, monkeypatch):
    """A copy of the paginated project (its listings run over several pages), to edit."""
    dest = tmp_path / "project"
    shutil.copytree(paged_project, dest, ignore=shutil.ignore_patterns("site"))
    monkeypatch.chdir(dest)
    return dest


def test_units_make_the_html_mkdocs_makes_of_whole_pages(project, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    served = _config(project, tmp_path / "served", "serve")
    build(served, serve_url=URL)
    warned = _warnings(caplog)
    blocks = served.plugins["briefing"].serving.blocks
    kinds = {unit[0] for page in blocks.placed.values() for unit in page}
    # every kind of unit was placed: groups, lists, table rows, a collapsible block, footnotes
    assert {"text", "list", "row", "open", "close", "note"} <= kinds, kinds
    assert sum(len(page) for page in blocks.placed.values()) > 500
    # Material's search read the listing pages without their listings' content (``searchview``)
    assert blocks.search.hidden > 10
    built = _config(project, tmp_path / "built", "build")
    build(built, serve_url=URL)
    assert _warnings(caplog) == warned
    assert _files(tmp_path / "served") == _files(tmp_path / "built")
    served.plugins.on_shutdown()
    built.plugins.on_shutdown()


def test_a_rebuild_converts_only_the_units_that_changed(project, tmp_path, monkeypatch):
    served = _config(project, tmp_path / "served", "serve")
    build(served, serve_url=URL)
    blocks = served.plugins["briefing"].serving.blocks
    converted: list[str] = []
    convert = B.ListingBlocks._convert
    monkeypatch.setattr(B.ListingBlocks, "_convert",
                        lambda self, missing: (converted.extend(u[1] for u in missing if u[1] not in self.units),
                                               convert(self, missing))[1])
    brief = sorted((project / "briefs" / "sources").glob("*.yaml"))[0]
    head, motives = brief.read_text(encoding="utf-8").split("\nmotives:\n", 1)
    brief.write_text(head + "\nmotives:\n" + motives.replace("  status: auto\n", "  status: confirmed\n", 1),
                     encoding="utf-8")
    build(_config(project, tmp_path / "served"), serve_url=URL, dirty=True)
    placed = sum(len(page) for page in blocks.placed.values())
    assert converted, "the confirmed item's listings were converted again"
    assert len(converted) < placed / 20, (len(converted), placed)
    assert all(brief.stem in text for text in converted), [t for t in converted if brief.stem not in t][:3]
    built = _config(project, tmp_path / "built", "build")
    build(built, serve_url=URL)
    assert _files(tmp_path / "served") == _files(tmp_path / "built")
    served.plugins.on_shutdown()
    built.plugins.on_shutdown()


def test_blocks_it_cannot_cut_are_left_to_mkdocs():
    # lists a blank line apart make one loose list; nested HTML, code and indented text too
    assert B._units("- a\n\n- b\n", True) is None
    assert B._units("<div>x</div>\n", True) is None
    assert B._units("```\n| a |\n```\n", True) is None
    assert B._units("    code\n", True) is None
    assert B._units("- [a](x.md?a=1&b=2)\n", True) is None   # (its href would be escaped: &amp;)
    # footnote references only when the footnotes extension numbers them as expected
    assert B._units("- a[^1]\n", False) is None
    assert B._units("- a[^1]\n", True) == [("list", f"- a{B.FOOTNOTE}", ("1",))]
    # a table: one unit per row, each knowing its place
    rows = B._units("| a | b |\n| --- | ---: |\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n", True)
    assert [(kind, place) for kind, _, place in rows] == [("row", "first"), ("row", "middle"), ("row", "last")]


def test_a_page_holding_the_placeholder_text_is_converted_whole():
    blocks = B.ListingBlocks()
    blocks.md = object()   # (a build started; not used for a page left whole)
    text = f"# {B.MARK}\n\n{B.OPEN}- a\n</div>\n"
    assert blocks.markdown(text, "x.md") == text and not blocks.pending


def test_without_md_in_html_no_page_is_cut():
    from types import SimpleNamespace
    blocks = B.ListingBlocks()
    blocks.start(SimpleNamespace(markdown_extensions=["tables", "footnotes"], mdx_configs={}))
    text = f"# T\n\n{B.OPEN}- a\n</div>\n"
    assert blocks.markdown(text, "x.md") == text and not blocks.pending
    blocks.start(SimpleNamespace(markdown_extensions=["tables", "footnotes", "md_in_html"], mdx_configs={}))
    assert blocks.markdown(text, "x.md") != text and blocks.pending
