"""The built site in a real browser: search finds motives and actor aliases; quote links land
on the highlighted sentence. Uses Debian's Chromium; a missing browser fails, never skips."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import free_port

CHROMIUM = os.environ.get("BRIEFSMITH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(repo_site):
    assert repo_site.returncode == 0, repo_site.output
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(repo_site.site)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "http.server did not start"
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install it (apt-get install -y chromium) or set "
                    "BRIEFSMITH_CHROMIUM; the browser tests do not skip"
                    + (" (CI is set)" if os.environ.get("CI") else ""))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(20_000)
    pg = context.new_page()
    yield pg
    context.close()


def search(page, base: str, word: str, href: str) -> None:
    page.goto(base + "/")
    page.click("input.md-search__input")
    page.keyboard.type(word, delay=30)
    expect(page.locator(f"li.md-search-result__item a[href*='{href}']").first).to_be_attached()


def test_search_finds_the_opium_motive(page, server):
    search(page, server, "opium", "motives/opium/")


def test_search_finds_an_actor_by_alias(page, server):
    search(page, server, "Daesh", "actors/isis/")


def test_quote_link_lands_on_the_highlighted_sentence(page, server):
    page.goto(server + "/motives/opium/")
    link = page.locator("article a[href*='sources/'][href*='#p']").first
    href = link.get_attribute("href")
    fragment = href.split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/sources/**#{fragment}")
    assert page.url.endswith("#" + fragment)
    sentence = page.locator(f"[id='{fragment}'] + mark.brief-evidence")
    expect(sentence).to_be_visible()
    expect(sentence).to_be_in_viewport()
    assert sentence.evaluate("e => getComputedStyle(e).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
