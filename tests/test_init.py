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
