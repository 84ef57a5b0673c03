"""The built site in a real browser: search finds motives and actor aliases; quote links land
on the highlighted sentence. Uses Debian's Chromium; a missing browser fails, never skips."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import REPO, ROOTS, free_port
from generator.bench.serve import article_word, article_words

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


# Each value <html data-search-index> takes (docs/assets/javascripts/search-progressive.js).
PHASES = ("window.__phases = []; new MutationObserver(() => window.__phases.push("
          "document.documentElement.getAttribute('data-search-index'))).observe(document, "
          "{attributes: true, subtree: true, attributeFilter: ['data-search-index']});")


# The second search worker (the full index's) gets its setup 4 s late, so that the light
# index is the one answering while the test types, however fast the machine.
LATE_FULL_INDEX = """(() => { const Native = window.Worker; let made = 0;
  window.Worker = function (url, options) { const worker = new Native(url, options);
    if (String(url).includes('/workers/search.') && ++made === 2) {
      const post = worker.postMessage.bind(worker); let first = true;
      worker.postMessage = m => { if (first) { first = false; setTimeout(() => post(m), 4000); } else post(m); };
    }
    return worker; };
  window.Worker.prototype = Native.prototype; })();"""


def test_the_light_index_answers_before_the_full_one(page, server):
    page.add_init_script(PHASES)
    page.add_init_script(LATE_FULL_INDEX)
    search(page, server, "opium", "motives/opium/")
    assert page.evaluate("document.documentElement.getAttribute('data-search-index')") == "light"


# Each link of the result list, in order (a page, then its sections), as a path from the
# site's root with its fragment (without the ?h= of search.highlight)
RESULTS = ("els => els.map(e => { const u = new URL(e.href); "
           "return u.pathname.replace(/^\\//, '') + u.hash; })")
RESULT_LINKS = "li.md-search-result__item a"


def _results(page) -> list[str]:
    return page.locator(RESULT_LINKS).evaluate_all(RESULTS)


def test_search_finds_a_word_of_an_article_body_on_its_page(page, server, repo_site):
    """Typed while the light index (no article text) answers, before the full index is set
    up: the sample index answers with the source page, and the full index's answer, when it
    is ready, lists the same page."""
    docs = json.loads((repo_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    word, pages = article_word(docs)
    assert len(pages) == 1, (word, pages)
    href = pages[0]
    page.add_init_script(PHASES)
    page.add_init_script(LATE_FULL_INDEX)
    search(page, server, word, href)
    assert page.evaluate("document.documentElement.getAttribute('data-search-index')") == "sample"
    assert _results(page) == [href, href + "#article"]
    page.wait_for_function("document.documentElement.getAttribute('data-search-index') === 'full'")
    expect(page.locator(f"li.md-search-result__item a[href*='{href}']").first).to_be_attached()
    assert page.evaluate("window.__phases") == ["light", "sample", "full"]


def test_the_sample_index_lists_what_the_full_index_lists(page, server, repo_site):
    """A word of several articles' text only (fewer pages than a sample holds): the sample
    index's list is the full index's, the same pages in the same order, with the same
    sections and links to them."""
    docs = json.loads((repo_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    word, pages = max(article_words(docs), key=lambda found: (len(found[1]), found[0]))
    assert len(pages) >= 2, (word, pages)
    page.add_init_script(PHASES)
    page.add_init_script(LATE_FULL_INDEX)
    search(page, server, word, pages[0])
    items = "li.md-search-result__item"
    expect(page.locator(items)).to_have_count(len(pages))
    assert page.evaluate("document.documentElement.getAttribute('data-search-index')") == "sample"
    sampled = _results(page)
    assert sorted(sampled) == sorted(link for href in pages for link in (href, href + "#article"))
    # the list is made anew when the full index answers the query asked again
    page.locator(items).first.evaluate("e => e.setAttribute('data-sampled', '')")
    page.wait_for_function(f"document.documentElement.getAttribute('data-search-index') === 'full' && "
                           f"!document.querySelector('{items}[data-sampled]') && "
                           f"document.querySelectorAll('{items}').length === {len(pages)}")
    assert _results(page) == sampled


# The third search worker (the sample's) fails as a worker whose script broke does: an error
# event, no answer.
BROKEN_SAMPLE = """(() => { const Native = window.Worker; let made = 0;
  window.Worker = function (url, options) { const worker = new Native(url, options);
    if (String(url).includes('/workers/search.') && ++made === 3)
      worker.postMessage = () => setTimeout(() => worker.dispatchEvent(new Event('error')), 0);
    return worker; };
  window.Worker.prototype = Native.prototype; })();"""


def test_a_broken_sample_worker_leaves_the_word_to_the_full_index(page, server, repo_site):
    """The light index's "no match" stands until the full index answers, as before the sample."""
    docs = json.loads((repo_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    word, pages = article_word(docs)
    page.add_init_script(PHASES)
    page.add_init_script(BROKEN_SAMPLE)
    page.add_init_script(LATE_FULL_INDEX)
    page.goto(server + "/")
    page.click("input.md-search__input")
    page.keyboard.type(word, delay=30)
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    assert page.evaluate("document.documentElement.getAttribute('data-search-index')") == "light"
    expect(page.locator(f"li.md-search-result__item a[href*='{pages[0]}']").first).to_be_attached()
    assert page.evaluate("window.__phases") == ["light", "full"]


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


# Material renders each graph into a *closed* shadow root; open it so the test can look inside.
OPEN_SHADOW = ("const attach = Element.prototype.attachShadow; Element.prototype.attachShadow = "
               "function (o) { return attach.call(this, Object.assign({}, o, {mode: 'open'})); };")
TEXTS = "els => els.map(e => e.textContent)"  # SVG elements have no innerText


def test_relation_graph_renders_offline_into_an_svg(browser, server):
    context = browser.new_context()
    context.set_default_timeout(20_000)
    context.add_init_script(OPEN_SHADOW)
    page = context.new_page()
    unpkg = []
    page.on("request", lambda r: unpkg.append(r.url) if "unpkg.com" in r.url else None)
    try:
        page.goto(server + "/overview/")
        svg = page.locator("div.mermaid svg").first
        expect(svg).to_be_visible()
        labels = " ".join(page.locator("div.mermaid svg g.node").evaluate_all(TEXTS))
        for name in ("Russia", "Taliban", "Pakistan", "ISIS"):
            assert name in labels, labels
        assert page.locator("div.mermaid svg g.node").count() >= 4
        assert unpkg == []  # the shipped mermaid, not the CDN
    finally:
        context.close()


def test_hostile_actor_names_render_literally_in_the_graph(page):
    """The basic root's graph (names such as 'A"];B[evil' and 'end') through the shipped mermaid."""
    from generator.site.render import Renderer
    from generator.site.load import load_site
    text = Renderer().render_site(load_site(ROOTS / "basic" / "briefs", ROOTS / "basic" / "seeds"))["index.md"]
    graph = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    page.set_content("<html><body><div id='out'></div></body></html>")
    page.add_script_tag(path=str(REPO / "docs" / "assets" / "javascripts" / "mermaid.min.js"))
    svg = page.evaluate("""async (g) => {
        mermaid.initialize({startOnLoad: false});
        const {svg} = await mermaid.render('g1', g);
        document.getElementById('out').innerHTML = svg;
        return svg; }""", graph)
    assert "<script" not in svg
    nodes = page.locator("#out svg g.node").evaluate_all(TEXTS)
    assert sorted(n.strip() for n in nodes) == sorted(['A"];B[evil', "Taliban", "end", "Russia"])
    edges = " ".join(page.locator("#out svg .edgeLabel").evaluate_all(TEXTS))
    assert 'supports | "arms" ; ×2' in edges
