"""`brief init`: a scaffold that builds strictly as it stands and never overwrites a file."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.briefs.check import check_project
from generator.cli import main


def test_init_writes_a_project_that_checks_clean(tmp_path, capsys):
    dest = tmp_path / "briefing"
    assert main(["init", str(dest)]) == 0
    assert (dest / "mkdocs.yml").is_file() and (dest / "docs" / "index.md").is_file()
    assert (dest / "seeds").is_dir() and not any((dest / "seeds").iterdir())
    tax = (dest / "briefs" / "taxonomy.yaml").read_text(encoding="utf-8")
    assert "# question: Why does the European Union" in tax      # the commented example
    assert tax.startswith("# yaml-language-server: $schema=taxonomy.schema.json")
    assert (dest / "briefs" / "taxonomy.schema.json").is_file()
    assert (dest / "briefs" / "brief.schema.json").is_file()
    assert check_project(dest / "seeds", dest / "briefs") == []


def test_init_never_overwrites(tmp_path, capsys):
    dest = tmp_path / "briefing"
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(dest)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (dest / "docs" / "index.md").read_text(encoding="utf-8") == "mine\n"
    assert not (dest / "mkdocs.yml").exists()


def test_scaffold_builds_strict(tmp_path):
    pytest.importorskip("mkdocs")
    dest = tmp_path / "briefing"
    assert main(["init", str(dest)]) == 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=dest, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert (dest / "site" / "index.html").is_file()


# ---- the same site as the shipped briefing (issue 20, item 7)

import shutil  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402
from html.parser import HTMLParser  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from conftest import REPO, fetch, free_port, mkdocs_env  # noqa: E402


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its python/name tags read as plain text."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


def _config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


# Files of the shipped briefing's docs/ that give the site its look: the scaffold's copies
# must stay the same (a test, not a habit, keeps them so).
SHARED = ["stylesheets/extra.css", "overrides/main.html", "tags.md", "assets/javascripts/mermaid.min.js",
          "assets/javascripts/mermaid.LICENSE.txt", "assets/javascripts/search-progressive.js"]


def test_the_scaffold_is_the_shipped_site(tmp_path):
    dest = tmp_path / "briefing"
    assert main(["init", str(dest)]) == 0
    mine, shipped = _config(dest / "mkdocs.yml"), _config(REPO / "mkdocs.yml")
    for key in ("extra_css", "plugins", "markdown_extensions", "validation", "not_in_nav", "exclude_docs"):
        assert mine[key] == shipped[key], key
    assert mine["plugins"][2]["briefing"]["extract"] is True      # an article dropped in appears
    features = [f for f in shipped["theme"]["features"] if f != "content.action.edit"]  # needs repo_url
    assert mine["theme"] == {**shipped["theme"], "features": features}
    assert mine["nav"] == shipped["nav"][:2]     # Home and the Briefing section (not Briefsmith's docs)
    for rel in SHARED:
        assert (dest / "docs" / rel).read_bytes() == (REPO / "docs" / rel).read_bytes(), rel
    assert (dest / "seeds").is_dir()
    ignored = subprocess.run(["git", "check-ignore", "--no-index", ".cache/briefsmith/briefs/x", "site/index.html",
                              "briefs/sources/a.yaml", "seeds/a.txt"], cwd=_git(dest), capture_output=True,
                             text=True).stdout.split()
    assert ignored == [".cache/briefsmith/briefs/x", "site/index.html"]


def _git(dest: Path) -> Path:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@localhost"]
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "scaffold"], cwd=dest, check=True)
    return dest


def _wait(url: str, ok, what: str, proc, log: Path, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"mkdocs serve exited ({proc.returncode}):\n{log.read_text()}"
        status, body = fetch(url)
        if ok(status, body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} at {url}\n{log.read_text()}")


class _Nav(HTMLParser):
    """The titles of the primary navigation's links, in order (not the table of contents)."""

    def __init__(self):
        super().__init__()
        self.titles, self._navs, self._in_link = [], [], False

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "nav":
            self._navs.append(cls)
        if tag == "a" and "md-nav__link" in cls and not any("md-nav--secondary" in n for n in self._navs):
            self._in_link = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_link = False
        if tag == "nav" and self._navs:
            self._navs.pop()

    def handle_data(self, data):
        if self._in_link and data.strip():
            self.titles.append(data.strip())


def test_the_scaffold_serves_and_builds_like_the_shipped_site(tmp_path):
    """`brief init`, then `brief serve` as the README says: the navigation and the stylesheet
    of the shipped site; an article dropped into seeds/ is extracted (in memory) and shown
    without a restart; serving writes nothing; `brief build` writes the briefs, nothing but
    briefs is left for git to see, and it builds strictly."""
    dest = _git(tmp_path / "briefing") if main(["init", str(tmp_path / "briefing")]) == 0 else None
    assert dest is not None
    port, log = free_port(), tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"], cwd=dest, env=mkdocs_env(), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        home = _wait(f"{base}/", lambda s, b: s == 200, "the home page", proc, log)
        nav = _Nav()     # (pruned navigation: a page of the Briefing section lists the section)
        nav.feed(_wait(f"{base}/overview/", lambda s, b: s == 200, "the overview", proc, log))
        # the Briefing section in the shipped order (without a nav, MkDocs sorts the pages by
        # name: the overview between "Disputed points" and "Quotes"); the active page's table of
        # contents sits under it, so the order is checked as a subsequence
        wanted = ["Home", "Briefing", "Overview", "Counterarguments", "Disputed points", "Actors",
                  "Timeline", "Quotes", "Tags"]
        found = iter(nav.titles)
        assert all(title in found for title in wanted), nav.titles
        assert 'href="stylesheets/extra.css"' in home
        status, css = fetch(f"{base}/stylesheets/extra.css")
        assert status == 200 and ".brief-status--confirmed" in css
        # an article dropped into seeds/: extracted on the rebuild, its page appears
        seed = REPO / "seeds" / "002_2352f3490b38a229.txt"
        shutil.copy2(seed, dest / "seeds" / "new-article.txt")
        (dest / "seeds" / "new-article.txt").chmod(0o644)
        first = next(line for line in seed.read_text(encoding="utf-8").splitlines() if len(line) > 80)
        page = _wait(f"{base}/sources/new-article/", lambda s, b: s == 200, "the new source page", proc, log)
        assert first.split()[2] in page
        assert proc.poll() is None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=dest,
                             capture_output=True, text=True, check=True).stdout.splitlines()
    assert changed == ["?? seeds/new-article.txt"]   # serving wrote nothing
    build = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=dest, env=mkdocs_env(),
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (dest / "site" / "sources" / "new-article" / "index.html").is_file()
    paths = [line[3:] for line in subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                                                 cwd=dest, capture_output=True, text=True).stdout.splitlines()]
    assert "briefs/sources/new-article.yaml" in paths
    assert all(p.startswith(("briefs/sources/", "briefs/motives/", "briefs/actors/", "seeds/")) for p in paths), paths
