"""Live reload in a real browser at a few hundred sources: a page open in Chromium shows an
edit of its brief without being reloaded by hand (``brief serve``: the page's live-reload
script sees the rebuild and reloads it), and a second page open elsewhere is reloaded too."""
from __future__ import annotations

import os
import shutil
import sys
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from conftest import REPO
from test_browser import ARGS, CHROMIUM
from test_serve import Session

SOURCES = 300


@pytest.fixture(scope="module")
def big_project(tmp_path_factory):
    from generator.bench.corpus import make_corpus
    from generator.briefs.extraction import extract_all
    root = tmp_path_factory.mktemp("live") / "project"
    root.mkdir()
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "model", root / "model")
    (root / "briefs").mkdir()
    shutil.copy(REPO / "briefs" / "taxonomy.yaml", root / "briefs" / "taxonomy.yaml")
    make_corpus(REPO / "seeds", root / "seeds", SOURCES)
    extract_all(root / "seeds", root / "briefs", root / "briefs" / "taxonomy.yaml")
    return root


def _shows(page, text: str, timeout: float) -> None:
    """Until the page shows ``text``; a reload while waiting (live reload at work) is waited out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            page.wait_for_function(f"document.body && document.body.innerText.includes({text!r})",
                                   timeout=5_000, polling=100)
            return
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise


def test_an_edit_reaches_an_open_page_through_live_reload(big_project, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install it (apt-get install -y chromium); browser tests do not skip")
    session = Session(big_project, tmp_path / "serve.log", [sys.executable, "-m", "generator", "serve"])
    try:
        session.wait_for("/", lambda s, b: s == 200, "the server", timeout=240)
        brief = big_project / "briefs" / "sources" / "a00007.yaml"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                page = browser.new_page()
                page.goto(session.base + "/sources/a00007/")
                other = browser.new_page()
                other.goto(session.base + "/overview/")
                other.bring_to_front()
                page.bring_to_front()
                _shows(page, "dispatch 8", 60)
                token = "Live-reload-token-4713"
                text = brief.read_text(encoding="utf-8")
                session.save(brief, text.replace("\nnotes: null\n", f"\nnotes: '{token} by an analyst'\n", 1))
                assert token in brief.read_text(encoding="utf-8")
                # no page.reload(): the page's own live-reload script must bring the change
                _shows(page, token, 120)
            finally:
                browser.close()
        assert session.settled_builds() == 2   # the first build, then one for the save
    finally:
        session.stop()
