"""``mkdocs serve`` re-reads the briefs: an edited brief and a new article show up live."""
from __future__ import annotations

import html
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import yaml

from conftest import REPO, copy_project, free_port, mkdocs_env

TOKEN = "Serve-edit-token-4711"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, predicate, what: str, proc, log, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"mkdocs serve exited ({proc.returncode}):\n{log.read_text()}"
        status, body = fetch(url)
        if predicate(status, body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} at {url}\n{log.read_text()}")


def test_serve_rebuilds_on_brief_edits_and_new_articles(tmp_path):
    project = copy_project("repo", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("extract: false", "extract: true"))
    assert "extract: true" in config.read_text()
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                                 "--livereload"],
                                cwd=project, env=mkdocs_env(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/", lambda s, b: s == 200, "the server", proc, log)

        # 1. Edit a source brief's summary: the page changes without a restart.
        brief = sorted((project / "briefs" / "sources").glob("*.yaml"))[0]
        data = yaml.load(brief.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        data["summary"] = {"text": f"Rewritten by an analyst: {TOKEN}.", "status": "manual"}
        brief.write_text("# yaml-language-server: $schema=../brief.schema.json\n"
                         + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        wait_for(f"{base}/sources/{brief.stem}/", lambda s, b: TOKEN in b, "the edited summary", proc, log)

        # 2. A new article in seeds/: extracted on rebuild, its source page appears.
        new = project / "seeds" / "005_new_article.txt"
        shutil.copy2(REPO / "seeds" / "002_2352f3490b38a229.txt", new)
        new.chmod(0o644)
        body = wait_for(f"{base}/sources/005_new_article/", lambda s, b: s == 200,
                        "the new source page", proc, log)
        assert "Russia" in body
        wait_for(f"{base}/sources/005_new_article/", lambda s, b: "brief-evidence" in b,
                 "the new article's extracted evidence", proc, log)
        assert (project / "briefs" / "sources" / "005_new_article.yaml").is_file()
        assert proc.poll() is None

        # 3. A typo in a brief: the server keeps serving and the page shows the error's place.
        good = brief.read_text(encoding="utf-8")
        brief.write_text(good.replace("status: manual", "status: [manual", 1), encoding="utf-8")
        body = wait_for(f"{base}/sources/{brief.stem}/",
                        lambda s, b: s == 200 and 'class="admonition failure"' in b,
                        "the error on the page", proc, log)
        assert f"{brief.stem}.yaml:" in html.unescape(body) and "invalid YAML" in body
        assert f"{brief.name}:" in log.read_text() and "invalid YAML" in log.read_text()
        brief.write_text(good, encoding="utf-8")  # fixed: the page recovers
        wait_for(f"{base}/sources/{brief.stem}/",
                 lambda s, b: TOKEN in b and 'class="admonition failure"' not in b,
                 "the page without the error", proc, log)
        assert proc.poll() is None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
