"""``brief serve``'s rebuilds (``site.serving``, ``site.serve``): after each dirty rebuild the site
is byte for byte the site a full build of the same files makes (pages, search index, tags),
and only the pages that show a change were written again. In process, no server."""
from __future__ import annotations

import gc
import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import REPO, copy_project
from generator.site import serving
from generator.site.serving import GeneratedPage

URL = "http://127.0.0.1:8000/"


def _config(project: Path, site: Path):
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = URL
    return config


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def session(tmp_path, monkeypatch):
    """A project, served: a first full build into ``served/``; ``rebuild()`` makes a dirty
    build there and returns the pages it wrote; ``full()`` builds the same files anew."""
    project = copy_project("repo", tmp_path / "project")
    monkeypatch.chdir(project)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    served = tmp_path / "served"
    config = _config(project, served)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=URL)

    class Session:
        def __init__(self):
            self.project, self.site = project, served

        def rebuild(self) -> set[str]:
            before = {p: p.stat().st_mtime_ns for p in served.rglob("*.html")}
            self.config = _config(project, served)
            build(self.config, serve_url=URL, dirty=True)
            # (a page only read again, not written, is dated 0: see serving.read_listings)
            return {str(p.relative_to(served)) for p in served.rglob("*.html")
                    if before.get(p) != p.stat().st_mtime_ns and p.stat().st_mtime_ns}

        def full(self) -> dict[str, bytes]:
            fresh = tmp_path / "fresh"
            shutil.rmtree(fresh, ignore_errors=True)
            build(_config(project, fresh), serve_url=URL)
            return _files(fresh)
    session = Session()
    session.config = config
    session.frozen = gc.get_freeze_count()   # by the first build (``collect_and_freeze``)
    yield session
    config.plugins.on_shutdown()
    gc.unfreeze()


def test_dirty_rebuilds_make_the_site_a_full_build_makes(session):
    briefs = session.project / "briefs" / "sources"
    brief = sorted(briefs.glob("*.yaml"))[0]
    head, motives = brief.read_text(encoding="utf-8").split("\nmotives:\n", 1)
    brief.write_text(head + "\nmotives:\n" + motives.replace("  status: auto\n", "  status: rejected\n", 1),
                     encoding="utf-8")
    written = session.rebuild()
    # the source page and what lists its evidence; not the other sources' pages, not docs/
    assert f"sources/{brief.stem}/index.html" in written
    assert not any(p.startswith("sources/0") and brief.stem not in p for p in written), written
    assert "method/index.html" not in written and "tags/index.html" not in written
    assert _files(session.site) == session.full()

    # a new article, drafted in memory: a new page, new tags and actors, the index whole
    shutil.copy2(REPO / "seeds" / "002_2352f3490b38a229.txt", session.project / "seeds" / "009_new.txt")
    written = session.rebuild()
    assert "sources/009_new/index.html" in written
    assert _files(session.site) == session.full()
    assert not (briefs / "009_new.yaml").exists()

    # an edited article: its brief made again in memory, the stale one on disk left alone
    seed = sorted((session.project / "seeds").glob("0*.txt"))[1]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nMoscow courts the Taliban against ISIS, a diplomat said.\n",
                    encoding="utf-8")
    written = session.rebuild()
    assert f"sources/{seed.stem}/index.html" in written
    site = _files(session.site)
    assert site == session.full()
    page = site[f"sources/{seed.stem}/index.html"].decode()
    assert "Moscow courts the Taliban against ISIS" in page and "changed since extraction" not in page


def test_a_renamed_articles_old_page_leaves_the_site(session):
    # a dirty build removes nothing: the old name's page was served until the server restarted
    seeds, briefs = session.project / "seeds", session.project / "briefs" / "sources"
    old = sorted(seeds.glob("0*.txt"))[2]
    brief = briefs / f"{old.stem}.yaml"   # an analyst's note: the brief moves with its article
    brief.write_text(re.sub(r"(?m)^notes: null$", "notes: Qzxv-renamed-note", brief.read_text(encoding="utf-8"),
                            count=1), encoding="utf-8")
    session.rebuild()
    old.rename(seeds / "zz_renamed.txt")
    written = session.rebuild()
    assert "sources/zz_renamed/index.html" in written
    assert "Qzxv-renamed-note" in (session.site / "sources" / "zz_renamed" / "index.html").read_text(encoding="utf-8")
    assert not (session.site / "sources" / old.stem).exists()
    assert _files(session.site) == session.full()
    (seeds / "zz_renamed.txt").rename(seeds / "zz_renamed_again.txt")
    session.rebuild()
    assert not (session.site / "sources" / "zz_renamed").exists()
    assert _files(session.site) == session.full()


def test_a_deleted_articles_page_and_quotes_leave_the_site(session):
    # its brief holds the machine's text alone: `brief extract` removes it, serving leaves it out
    seed = sorted((session.project / "seeds").glob("0*.txt"))[1]
    seed.unlink()
    session.rebuild()
    assert not (session.site / "sources" / seed.stem).exists()
    pages = "".join(p.read_text(encoding="utf-8") for p in session.site.rglob("*.html"))
    assert seed.stem not in pages   # (a motive's summary quoted it: a broken link)
    assert (session.project / "briefs" / "sources" / f"{seed.stem}.yaml").is_file()   # (written by no rebuild)
    # another article and its brief deleted by hand: the motive and actor briefs still count it
    # (`brief extract` counts again), which showed as a problem on each of their pages
    other = sorted((session.project / "seeds").glob("0*.txt"))[2]
    other.unlink()
    (session.project / "briefs" / "sources" / f"{other.stem}.yaml").unlink()
    session.rebuild()
    pages = "".join(p.read_text(encoding="utf-8") for p in session.site.rglob("*.html"))
    assert other.stem not in pages and 'class="admonition failure"' not in pages


def test_a_rebuild_with_nothing_changed_writes_no_page(session):
    written = session.rebuild()
    assert written <= {"404.html"}, written


def test_the_search_index_keeps_the_pages_not_written(session, monkeypatch):
    monkeypatch.setattr(serving, "INDEX_CHUNK", 3)   # (the index written in many pieces)
    brief = sorted((session.project / "briefs" / "sources").glob("*.yaml"))[0]
    text = brief.read_text(encoding="utf-8")
    brief.write_text(re.sub(r"(?m)^notes: null$", "notes: Zqxvw-serve-note", text, count=1), encoding="utf-8")
    session.rebuild()
    index = (session.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Zqxvw-serve-note" in index and '"location":"method/"' in index
    assert index.encode() == session.full()["search/search_index.json"]


def test_the_first_builds_pages_are_left_unread(session):
    """After the first build, its generated pages are made unread (``KeptFiles.release``), as
    the next build's ``keep`` would, not by the first save's rebuild."""
    pages = [f.page for f in _generated(session).values()]
    assert pages and all(p is not None and p.content is None and p.markdown is None and p.toc == []
                         for p in pages)


def _generated(session) -> dict:
    """The generated pages' files of the last build, by path."""
    return {f.src_uri: f for f in session.config.plugins["briefing"].files
            if isinstance(f, GeneratedPage)}


def test_a_page_no_change_reached_is_the_last_builds_file_and_page(session):
    before = _generated(session)
    brief = sorted((session.project / "briefs" / "sources").glob("*.yaml"))[0]
    text = brief.read_text(encoding="utf-8")
    brief.write_text(re.sub(r"(?m)^notes: null$", "notes: Zqxvw-kept-note", text, count=1), encoding="utf-8")
    written = session.rebuild()
    after = _generated(session)
    assert after.keys() == before.keys()
    edited = f"sources/{brief.stem}.md"
    assert after[edited] is not before[edited] and f"sources/{brief.stem}/index.html" in written
    # what the rebuild made and keeps is frozen too: in no generation the collector traverses
    assert not any(o is after[edited] for o in gc.get_objects())
    kept = [uri for uri in after if after[uri] is before[uri]]
    # every other source page, its page object too, left unread by this build
    others = [uri for uri in before if uri.startswith("sources/") and uri != edited and uri != "sources/index.md"]
    assert others and set(others) <= set(kept)
    for uri in others:
        assert after[uri].page is before[uri].page and after[uri].page.content is None
        assert after[uri].page.markdown is None and after[uri].page.title is None
    assert session.frozen > 0   # the first build's objects: never traversed by the collector again
    # pages in the navigation are made again (MkDocs makes their pages anew)
    assert "overview.md" not in kept and "sources/index.md" not in kept
    assert _files(session.site) == session.full()
