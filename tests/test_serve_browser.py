"""``brief serve`` in a real browser at a few hundred sources: a page open in Chromium shows an
edit of its brief without being reloaded by hand (the page's live-reload script sees the
rebuild and reloads it), and a second page open elsewhere is reloaded too; search finds a
word of the articles' text from a sample index before the full index is ready."""
from __future__ import annotations

import json
import os
import shutil
import sys
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from conftest import REPO, fetch
from generator.bench.serve import article_words
from test_browser import ARGS, CHROMIUM, LATE_FULL_INDEX, PHASES, RESULT_LINKS, RESULTS
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


@pytest.fixture(scope="module")
def live(big_project, tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install it (apt-get install -y chromium); browser tests do not skip")
    session = Session(big_project, tmp_path_factory.mktemp("live-log") / "serve.log",
                      [sys.executable, "-m", "generator", "serve"])
    try:
        session.wait_for("/", lambda s, b: s == 200, "the server", timeout=240)
        yield session
    finally:
        session.stop()


def test_an_edit_reaches_an_open_page_through_live_reload(big_project, live):
    session = live
    builds = session.settled_builds()
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
    assert session.settled_builds() == builds + 1   # one build for the save


ITEMS = "li.md-search-result__item"
META = ".md-search-result__meta"


def test_a_word_of_many_articles_is_answered_by_a_sample_of_the_full_list(live):
    """A word found only in the articles' text, on more pages than a sample holds (20), typed
    before the full index is set up: the sample index lists 20 of its pages, the full
    index's first ones in its order (the first 10 shown), and the full index, once ready,
    every page."""
    status, text = fetch(live.base + "/search/search_index.json")
    assert status == 200
    word, pages = max(article_words(json.loads(text)["docs"]), key=lambda found: (len(found[1]), found[0]))
    assert len(pages) > 20, (word, len(pages))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            page.add_init_script(PHASES)
            page.add_init_script(LATE_FULL_INDEX)
            page.goto(live.base + "/")
            page.click("input.md-search__input")
            page.keyboard.type(word, delay=30)
            page.locator(f"{ITEMS} a[href*='sources/']").first.wait_for(state="attached")
            assert page.evaluate("document.documentElement.getAttribute('data-search-index')") == "sample"
            assert page.locator(META).inner_text().startswith("20 ")
            sampled = page.locator(RESULT_LINKS).evaluate_all(RESULTS)
            assert {link.split("#")[0] for link in sampled} <= set(pages)
            page.locator(ITEMS).first.evaluate("e => e.setAttribute('data-sampled', '')")
            page.wait_for_function("document.documentElement.getAttribute('data-search-index') === 'full' && "
                                   f"!document.querySelector('{ITEMS}[data-sampled]')")
            assert page.locator(META).inner_text().startswith(f"{len(pages)} ")
            assert page.locator(RESULT_LINKS).evaluate_all(RESULTS) == sampled
        finally:
            browser.close()
