"""``mkdocs serve`` re-reads the briefs: an edited brief, an edited article and a new article show
up live, each save starts one rebuild, a typo shows on its page and the next good save
recovers, and serving writes nothing into ``briefs/`` (issue 20, item 8): a new or changed
article is extracted in memory."""
from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, copy_project, fetch, free_port, mkdocs_env

TOKEN = "Serve-edit-token-4711"
BUILD_LINE = "Building documentation..."
# Long enough after a rebuild for the watcher (it polls every 0.5 s) to have seen a write the
# rebuild made: a second rebuild would have started by then. Not a measure of speed.
SETTLE = 3.0


class Session:
    """A project served by ``command`` on a free port of 127.0.0.1, and what the test saved."""

    def __init__(self, project: Path, log: Path, command: list[str]):
        self.project, self.log = project, log
        self.briefs = project / "briefs"
        # every file of briefs/ as it must be when the session ends: as found, then as saved here
        self.expected = {p: p.read_bytes() for p in self.briefs.rglob("*") if p.is_file()}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        with open(log, "w") as out:
            self.proc = subprocess.Popen([*command, "-a", f"127.0.0.1:{self.port}"], cwd=project,
                                         env=mkdocs_env(), stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)

    def save(self, path: Path, text: str) -> None:
        if path.is_relative_to(self.briefs):
            self.expected[path] = text.encode("utf-8")
        # whole, by a rename, as editors save: written in place, a watcher's poll that fell
        # between the truncation and the write (a loaded machine) saw a second change
        staged = self.log.with_name(f"staged-{path.name}")
        staged.write_text(text, encoding="utf-8")
        os.replace(staged, path)

    def builds(self) -> int:
        return self.log.read_text().count(BUILD_LINE)

    def wait_for(self, path: str, predicate, what: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the server exited ({self.proc.returncode}):\n{self.log.read_text()}"
            status, body = fetch(self.base + path)
            if predicate(status, body):
                return body
            time.sleep(0.3)
        raise AssertionError(f"timed out after {timeout} s waiting for {what} at {path}\n{self.log.read_text()}")

    def settled_builds(self) -> int:
        """The number of builds once the server has been idle for ``SETTLE`` seconds."""
        deadline = time.monotonic() + 60
        count, since = self.builds(), time.monotonic()
        while time.monotonic() - since < SETTLE:
            assert time.monotonic() < deadline, "the server never became idle"
            time.sleep(0.25)
            if self.builds() != count:
                count, since = self.builds(), time.monotonic()
        return count

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)


# README's command (its rebuilds rewrite the pages a save changes), and MkDocs' own
COMMANDS = {"brief serve": [sys.executable, "-m", "generator", "serve"],
            "mkdocs serve": [sys.executable, "-m", "mkdocs", "serve", "--livereload"]}


@pytest.fixture(scope="module", params=sorted(COMMANDS))
def served(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    project = copy_project("repo", tmp / "project")
    config = project / "mkdocs.yml"
    assert "extract: true" in config.read_text()
    session = Session(project, tmp / "serve.log", COMMANDS[request.param])
    try:
        session.wait_for("/", lambda s, b: s == 200, "the server")
        yield session
    finally:
        session.stop()


def _brief(session: Session, n: int = 0) -> Path:
    return sorted((session.briefs / "sources").glob("*.yaml"))[n]


def test_an_edit_reaches_its_page_in_one_rebuild(served):
    brief = _brief(served)
    before = served.settled_builds()
    text = brief.read_text(encoding="utf-8")
    # the edits that made the server write the brief back (anchors added): a rejection and
    # a summary rewritten by hand
    head, motives = text.split("\nmotives:\n", 1)
    edited = head + "\nmotives:\n" + motives.replace("  status: auto\n", "  status: rejected\n", 1)
    edited = re.sub(r"(?m)^summary:\n  text: .*\n  status: auto\n",
                    f"summary:\n  text: 'Rewritten by an analyst: {TOKEN}.'\n  status: manual\n", edited, count=1)
    assert TOKEN in edited and "status: rejected" in edited
    served.save(brief, edited)
    served.wait_for(f"/sources/{brief.stem}/", lambda s, b: TOKEN in b, "the edited summary")
    assert served.settled_builds() == before + 1


def test_a_new_article_is_extracted_in_memory(served):
    before = served.settled_builds()
    new = served.project / "seeds" / "005_new_article.txt"
    shutil.copy2(REPO / "seeds" / "002_2352f3490b38a229.txt", new)
    new.chmod(0o644)
    body = served.wait_for("/sources/005_new_article/", lambda s, b: s == 200 and "brief-evidence" in b,
                           "the new article's extracted evidence")
    assert "Russia" in body and "Not extracted yet" not in body
    assert not (served.briefs / "sources" / "005_new_article.yaml").exists()
    assert served.settled_builds() == before + 1


def test_an_edited_article_is_extracted_again_in_memory(served):
    seed = sorted((served.project / "seeds").glob("0*.txt"))[1]
    added = "Moscow courts the Taliban as a partner against the Islamic State, Serve-article-4712 said."
    served.save(seed, seed.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{added}\n")
    body = served.wait_for(f"/sources/{seed.stem}/", lambda s, b: "Serve-article-4712" in b,
                           "the edited article's new paragraph")
    # the brief on disk is stale now; the page shows the brief made in memory, not the problem
    assert "changed since extraction" not in html.unescape(body)


def test_a_typo_shows_on_its_page_then_recovers(served):
    brief = _brief(served)
    good = brief.read_text(encoding="utf-8")
    served.save(brief, good.replace("status: manual", "status: [manual", 1))
    body = served.wait_for(f"/sources/{brief.stem}/", lambda s, b: s == 200 and 'class="admonition failure"' in b,
                           "the error on the page")
    assert f"{brief.stem}.yaml:" in html.unescape(body) and "invalid YAML" in body
    assert f"{brief.name}:" in served.log.read_text() and "invalid YAML" in served.log.read_text()
    served.save(brief, good)  # fixed: the page recovers
    served.wait_for(f"/sources/{brief.stem}/", lambda s, b: s == 200 and 'class="admonition failure"' not in b,
                    "the page without the error")


def test_a_renamed_article_is_shown_with_its_analysts_edits(served):
    # an analyst rewrites a summary, then renames the article: the new name's page shows the
    # edit, as `brief extract` would move the brief, and nothing is written into briefs/
    brief, token = _brief(served, 3), "Serve-rename-4713"   # (002 has a copy: 005)
    text = brief.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^summary:\n  text: .*\n  status: auto\n",
                    f"summary:\n  text: 'Kept across a rename: {token}.'\n  status: manual\n", text, count=1)
    assert token in edited
    served.save(brief, edited)
    served.wait_for(f"/sources/{brief.stem}/", lambda s, b: token in b, "the edited summary")
    seed = served.project / "seeds" / f"{brief.stem}.txt"
    os.replace(seed, seed.with_name("zz_renamed_article.txt"))
    body = served.wait_for("/sources/zz_renamed_article/", lambda s, b: s == 200 and token in b,
                           "the renamed article with its analyst's summary")
    assert "brief-evidence" in body and 'class="admonition failure"' not in body
    # the old name's page left the site (`brief serve`'s dirty rebuilds removed nothing)
    assert fetch(f"{served.base}/sources/{brief.stem}/")[0] == 404
    served.settled_builds()
    log = served.log.read_text()
    tail = log[log.rindex(BUILD_LINE):]
    # (but the server's line on the old address's 404, asked for above)
    assert not [line for line in tail.splitlines() if "WARNING" in line and '" code 404' not in line], tail
    assert not (served.briefs / "sources" / "zz_renamed_article.yaml").exists() and brief.is_file()


def test_serving_leaves_every_brief_as_the_analyst_saved_it(served):
    served.settled_builds()
    now = {p: p.read_bytes() for p in served.briefs.rglob("*") if p.is_file()}
    assert sorted(map(str, now)) == sorted(map(str, served.expected)), "files added to or removed from briefs/"
    changed = [str(p) for p in now if now[p] != served.expected[p]]
    assert not changed, f"serving wrote into {changed}"


def test_a_second_sigterm_during_shutdown_still_ends_the_server(tmp_path):
    # `timeout brief serve` stopped with its process group: the wrapper passes the SIGTERM on, so
    # the server gets two; the second cut the shutdown short and the server's thread kept the
    # process alive (1 run in 3 hung)
    project = copy_project("repo", tmp_path / "project")
    for delay in (0.0, 0.2, 0.5):
        session = Session(project, tmp_path / "serve.log", COMMANDS["brief serve"])
        try:
            session.wait_for("/", lambda s, b: s == 200, "the server")
            time.sleep(delay)
            os.kill(session.proc.pid, signal.SIGTERM)
            os.kill(session.proc.pid, signal.SIGTERM)
            session.proc.wait(timeout=20)
        finally:
            session.stop()
