"""``brief bench --serve 100,1000``: the development server as an analyst meets it, measured with
a real server and headless Chromium (Playwright, Debian's ``/usr/bin/chromium``).

For each size: a project of N synthetic sources (``corpus``), extracted; the server started
(``brief serve``, or ``mkdocs serve`` with ``--serve-command mkdocs``) and its first build
timed; a page open in the browser. Then, ``repeat`` times each, from the moment a file is
saved: an item rejected and the summary rewritten in a source brief, until the open page
shows the new summary through live reload, and until the server is idle again (its build
done; no second one started within ``SETTLE`` s); a new article dropped into ``seeds/``,
until its page is served with its evidence; the number of builds each save started. Last,
search: a fresh page, a word typed as soon as it has loaded, until the first result shows (a
motive's name; and a word found in the articles' text only, so in the full index only).
Every file is put back afterwards. The report is Markdown; figures are medians.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .corpus import article, seed_pool

CHROMIUM = os.environ.get("BRIEFSMITH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
BUILD, RELOAD = "Building documentation...", "Reloading browsers"
SETTLE = 3.0     # seconds without a new build after one: the server is idle
COMMANDS = {"brief": [sys.executable, "-m", "generator", "serve"],
            "mkdocs": [sys.executable, "-m", "mkdocs", "serve", "--livereload"]}


def make_project(repo: Path, root: Path, n: int) -> Path:
    """A project of ``n`` synthetic sources in ``root``, extracted. A project made before is
    kept (its corpus takes minutes at 10,000), but its site files, model and taxonomy are
    copied anew and its briefs extracted again (only what changed), so that it measures the
    code and assets of ``repo`` as they are now, not as they were when it was made."""
    from ..briefs.extraction import extract_all
    from .corpus import make_corpus
    done = root / ".bench-made"
    if not (done.is_file() and done.read_text() == str(n)):
        shutil.rmtree(root, ignore_errors=True)
        (root / "briefs").mkdir(parents=True)
        make_corpus(repo / "seeds", root / "seeds", n)
    _copy_site_files(repo, root)
    extract_all(root / "seeds", root / "briefs", root / "briefs" / "taxonomy.yaml")
    done.write_text(str(n))
    return root


def _copy_site_files(repo: Path, root: Path) -> None:
    """``repo``'s docs, mkdocs.yml, model and taxonomy into the project, replacing its own."""
    for folder in ("docs", "model"):
        shutil.rmtree(root / folder, ignore_errors=True)
        if (repo / folder).is_dir():
            shutil.copytree(repo / folder, root / folder)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(repo / "briefs" / "taxonomy.yaml", root / "briefs" / "taxonomy.yaml")


class Server:
    """The server of a project on a free port of 127.0.0.1, its log, stopped by its PID."""

    def __init__(self, project: Path, command: str, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        with open(log, "w") as out:
            self.proc = subprocess.Popen([*COMMANDS[command], "-a", f"127.0.0.1:{self.port}"], cwd=project,
                                         env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def cpu(self) -> float | None:
        """CPU seconds the server has used so far (all its threads, and its children waited
        for), from ``/proc``; None where there is none."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def count(self, line: str) -> int:
        return self.text().count(line)

    def wait(self, test, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.text()[-3000:]}")
            found = test()
            if found:
                return found
            time.sleep(0.05)
        raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}\n{self.text()[-3000:]}")

    def track(self, builds: int, reloads: int, shown, timeout: float) -> tuple[float, float, int]:
        """``(when shown() first held, when the save's last build ended, builds it started)``,
        polled together every 50 ms, once no new build has started for ``SETTLE`` s
        (``builds``, ``reloads``: the counts before the save)."""
        start, seen, ended = time.monotonic(), None, None
        while True:
            if time.monotonic() - start > timeout or self.proc.poll() is not None:
                raise RuntimeError(f"no change shown within {timeout:.0f} s\n{self.text()[-3000:]}")
            now_builds = self.count(BUILD) - builds
            if ended is None and now_builds and self.count(RELOAD) - reloads >= now_builds:
                ended = time.monotonic()
            if seen is None and shown():
                seen = time.monotonic()
            if seen is not None and ended is not None:
                time.sleep(SETTLE)
                if self.count(BUILD) - builds == now_builds:
                    return seen, ended, now_builds
                ended = None   # a second build started: its end is the save's
            time.sleep(0.05)

    def settle(self, timeout: float) -> None:
        """Until no build has started for ``SETTLE`` s and the last one has ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            builds = self.count(BUILD)
            time.sleep(SETTLE)
            if self.count(BUILD) == builds and self.count(RELOAD) >= builds - 1:
                return
        raise RuntimeError("the server never became idle")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def _edit(text: str, token: str) -> str:
    """A source brief with its first motive item rejected and its summary rewritten."""
    head, motives = text.split("\nmotives:\n", 1)
    text = head + "\nmotives:\n" + motives.replace("  status: auto\n", "  status: rejected\n", 1)
    return re.sub(r"(?m)^summary:\n  text: .*\n  status: auto\n",
                  f"summary:\n  text: 'Rewritten by an analyst: {token}.'\n  status: manual\n", text, count=1)


def _save(path: Path, text: str) -> None:
    """As an editor saves (and a file is dropped in): whole, by a rename, never half-written."""
    tmp = path.parent.parent / f".{path.name}.bench-tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _edits(server: Server, page, project: Path, repeat: int, timeout: float) -> list[dict]:
    brief = project / "briefs" / "sources" / "a00000.yaml"
    original = brief.read_text(encoding="utf-8")
    page.goto(server.base + "/sources/a00000/")
    runs = []
    try:
        for r in range(repeat):
            token = f"Bench-edit-{os.getpid()}-{r}"
            builds, reloads, cpu = server.count(BUILD), server.count(RELOAD), server.cpu()
            saved = time.monotonic()
            _save(brief, _edit(original, token))
            seen, ended, count = server.track(builds, reloads, lambda: _page_shows(page, token), timeout)
            used = server.cpu()   # (the server's CPU over the save and the settling after it)
            runs.append({"shown": seen - saved, "idle": ended - saved, "builds": count,
                         "cpu": None if cpu is None or used is None else used - cpu})
    finally:
        _save(brief, original)
        server.settle(timeout)
    return runs


def _page_shows(page, text: str) -> bool:
    try:
        return bool(page.evaluate(f"document.body !== null && document.body.innerText.includes({text!r})"))
    except Exception:   # noqa: BLE001 - the page is being reloaded (live reload at work)
        return False


def _new_articles(server: Server, repo: Path, project: Path, n: int, repeat: int, timeout: float) -> list[dict]:
    import urllib.request
    titles, paragraphs = seed_pool(repo / "seeds")
    runs, added = [], []
    try:
        for r in range(repeat):
            seed = project / "seeds" / f"a{n + r:05d}.txt"
            builds, reloads = server.count(BUILD), server.count(RELOAD)
            saved = time.monotonic()
            _save(seed, article(n + r, titles, paragraphs))
            added.append(seed)

            def served(url=f"{server.base}/sources/{seed.stem}/") -> bool:
                try:
                    with urllib.request.urlopen(url, timeout=timeout) as answer:
                        return b"brief-evidence" in answer.read()
                except OSError:
                    return False
            seen, ended, count = server.track(builds, reloads, served, timeout)
            runs.append({"shown": seen - saved, "idle": ended - saved, "builds": count})
    finally:
        for seed in added:
            seed.unlink(missing_ok=True)
        server.settle(timeout)
    return runs


def article_words(docs: list[dict]) -> list[tuple[str, list[str]]]:
    """The words of the articles' text that no entry of the search index but source pages'
    ``#article`` sections has a word starting with (as Material tokenizes: lower case, split
    at blanks and hyphens), so that the light index finds none of them
    (search-progressive.js); words of 8 letters or more, each with its pages, on the fewest
    pages first, then the longest."""
    where: dict[str, set[str]] = {}
    for doc in docs:
        for term in re.split(r"[\s\-]+", re.sub(r"<[^>]+>", " ", doc["text"] + " " + doc["title"]).lower()):
            where.setdefault(term, set()).add(doc["location"])
    terms = sorted(where)
    found_words = []
    for i, word in enumerate(terms):
        if not re.fullmatch(r"[a-z]{8,}", word):
            continue
        found = set()
        for term in terms[i:]:
            if not term.startswith(word):
                break
            found |= where[term]
        if all(loc.endswith("#article") for loc in found):
            found_words.append(((len(found), -len(word), word), sorted(loc.split("#", 1)[0] for loc in found)))
    return [(key[2], pages) for key, pages in sorted(found_words)]


def article_word(docs: list[dict]) -> tuple[str, list[str]]:
    """The first of ``article_words``: on the fewest pages, then the longest."""
    words = article_words(docs)
    if not words:
        raise ValueError("no word of the articles is found in their text only")
    return words[0]


def _search(browser, base: str, repeat: int, word: str, href: str) -> list[float]:
    """Seconds from a fresh page's load to the first result of a word typed right then."""
    times = []
    for _ in range(repeat):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/")
        loaded = time.monotonic()
        page.click("input.md-search__input")
        page.keyboard.type(word, delay=30)
        page.locator(f"li.md-search-result__item a[href*='{href}']").first.wait_for(state="attached", timeout=60_000)
        times.append(time.monotonic() - loaded)
        context.close()
    return times


PARTS = ("edit", "new", "search")


@contextlib.contextmanager
def _held(lock: str | None):
    """``lock`` (a file, ``flock``ed) held inside the block; none: nothing held."""
    if not lock:
        yield
        return
    import fcntl
    with open(lock, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def measure(repo: Path, work: Path, n: int, command: str = "brief", repeat: int = 3,
            timeout: float = 600.0, parts=PARTS, lock: str | None = None) -> dict:
    """The ``parts`` of ``PARTS`` measured at ``n`` sources; ``lock``: a file held (``flock``)
    while they are, not during the project's making and the first build."""
    from playwright.sync_api import sync_playwright
    project = make_project(repo, work / f"serve-{n}", n)
    server = Server(project, command, work / f"serve-{n}-{command}.log")
    out: dict = {"n": n, "command": command}
    try:
        started = time.monotonic()
        server.wait(lambda: server.count("Serving on"), timeout * 4, "the first build")
        out["first_build"] = time.monotonic() - started
        with _held(lock), sync_playwright() as p:
            out["timed_load"] = os.getloadavg()[0]   # as the timed part starts
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                if "edit" in parts:
                    out["edit"] = _edits(server, browser.new_page(), project, repeat, timeout)
                if "new" in parts:
                    out["new"] = _new_articles(server, repo, project, n, repeat, timeout)
                if "search" in parts:
                    out.update(_searches(browser, server.base, repeat, timeout))
            finally:
                browser.close()
    finally:
        server.stop()
    return out


def _searches(browser, base: str, repeat: int, timeout: float) -> dict:
    import json
    import urllib.request
    with urllib.request.urlopen(base + "/search/search_index.json", timeout=timeout) as answer:
        index = answer.read()
    word, pages = article_word(json.loads(index)["docs"])
    return {"index_bytes": len(index), "search": _search(browser, base, repeat, "opium", "opium"),
            "search_article": _search(browser, base, repeat, word, "sources/"),
            "article_word": f"{word} ({len(pages)} pages)"}


def _runs(values) -> str:
    values = list(values)
    if not values:
        return "not measured"
    return f"**{statistics.median(values):.2f} s** ({', '.join(f'{v:.2f}' for v in values)})"


def report(results: list[dict], note: str) -> str:
    lines = [note, "", "| sources | server | first build | edit: page shows it | edit: idle again | builds per "
             "edit | edit: server CPU | new article: page served | new article: idle again | builds per new "
             "article | search: first result after load | search: a word of the articles only | search index |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        e, a = r.get("edit", []), r.get("new", [])
        lines.append(
            f"| {r['n']:,} | `{r['command']} serve` | {r['first_build']:.1f} s | {_runs(x['shown'] for x in e)} "
            f"| {_runs(x['idle'] for x in e)} | {', '.join(str(x['builds']) for x in e)} "
            f"| {_runs(x['cpu'] for x in e if x.get('cpu') is not None)} "
            f"| {_runs(x['shown'] for x in a)} | {_runs(x['idle'] for x in a)} "
            f"| {', '.join(str(x['builds']) for x in a)} | {_runs(r.get('search', []))} "
            f"| {_runs(r.get('search_article', []))}: {r.get('article_word', '')} | {r.get('index_bytes', 0) / 1e6:.1f} MB |")
    return "\n".join(lines) + "\n"
