"""Briefsmith's state lives beside the briefs folder, never in it (issue 20, item 6): after
`brief extract` and `brief build` in a fresh clone, git sees nothing new, and briefs/ holds
only briefs, the taxonomy and the schema."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_project, mkdocs_env
from generator.cache.state import LEGACY, state_dir
from generator.cli import main


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args], cwd=project,
                          capture_output=True, text=True, check=True).stdout


def _brief(project: Path, *args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=mkdocs_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_extract_and_build_leave_a_clone_clean(tmp_path):
    project = copy_project("repo", tmp_path / "clone")
    shutil.copy2(REPO / ".gitignore", project / ".gitignore")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "clone")
    # the state files an earlier version kept in briefs/: taken away, not left behind
    for name in LEGACY:
        (project / "briefs" / name).write_bytes(b"old state")
    _brief(project, "extract", "--force")
    _brief(project, "build", "--site", "site")
    assert (project / "site" / "index.html").is_file()
    assert _git(project, "status", "--porcelain", "--untracked-files=all") == ""
    briefs = project / "briefs"
    kept = {p.relative_to(briefs).as_posix() for p in briefs.rglob("*")}
    assert kept == {"taxonomy.yaml", "brief.schema.json", "sources", "motives", "actors",
                    *(p.relative_to(briefs).as_posix() for p in briefs.glob("*/*.yaml"))}
    assert all(p.parent.name in ("sources", "motives", "actors") for p in briefs.glob("*/*"))
    state = state_dir(briefs)
    assert state == project / ".cache" / "briefsmith" / "briefs"
    assert {p.name for p in state.iterdir()} >= {"extraction.jsonl", "documents.marshal", "check.json",
                                                  "briefs.marshal", "site.marshal"}


def test_a_new_project_ignores_the_state_and_the_site(tmp_path, capsys):
    dest = tmp_path / "briefing"
    assert main(["init", str(dest)]) == 0
    _git(dest, "init", "-q")
    assert _git(dest, "check-ignore", ".cache/briefsmith/briefs/check.json", "site/index.html").split() \
        == [".cache/briefsmith/briefs/check.json", "site/index.html"]
    briefs_ignored = subprocess.run(["git", "check-ignore", "-q", "briefs/sources/a.yaml"], cwd=dest)
    assert briefs_ignored.returncode == 1   # the briefs are committed


def test_state_of_two_briefs_folders_side_by_side_is_apart(tmp_path):
    one, two = tmp_path / "briefs", tmp_path / "briefs-two"
    assert state_dir(one) != state_dir(two) and state_dir(one).parent == state_dir(two).parent
    assert not state_dir(one).exists()
    assert state_dir(one, create=True).is_dir()
