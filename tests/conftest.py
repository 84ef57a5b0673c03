"""Shared fixtures: test roots copied into tmp, strict MkDocs builds, free ports.

Append new fixtures at the end; keep these stable (test_site, test_serve and test_browser
use them).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def mkdocs_env() -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def copy_project(name: str, dest: Path) -> Path:
    """A complete project in ``dest``: a test root by name, or "repo" for this repository."""
    if name == "repo":
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
        for folder in ("docs", "briefs", "seeds"):
            shutil.copytree(REPO / folder, dest / folder,
                            ignore=shutil.ignore_patterns(".extract-cache.json", "__pycache__"))
    else:
        shutil.copytree(ROOTS / name, dest)
    for p in dest.rglob("*"):  # seeds are read-only in the repository; copies must be editable
        p.chmod(p.stat().st_mode | 0o200)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str            # stdout and stderr together

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines()
                if line.startswith(("WARNING", "ERROR")) or "Aborted with" in line]

    def html(self, page: str) -> str:
        """The HTML of a page by its URL path: "motives/opium/" or ""."""
        return (self.site / page / "index.html").read_text(encoding="utf-8")


def mkdocs_build(project: Path, timeout: float = 300) -> Build:
    """``mkdocs build --strict`` in a subprocess (never -q/-v: they hide strict failures)."""
    site = project / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=mkdocs_env(), capture_output=True, text=True,
                          timeout=timeout)
    return Build(project, site, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Build:
    """This repository's site, built once per session."""
    return mkdocs_build(copy_project("repo", tmp_path_factory.mktemp("repo") / "project"))


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Build:
    """tests/roots/basic: one hand-made brief full of hostile text, built once per session."""
    return mkdocs_build(copy_project("basic", tmp_path_factory.mktemp("basic") / "project"))
