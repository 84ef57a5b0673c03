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
import urllib.error
import urllib.request
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
        for folder in ("docs", "briefs", "seeds", "model"):
            if not (REPO / folder).is_dir():
                continue
            shutil.copytree(REPO / folder, dest / folder,
                            ignore=shutil.ignore_patterns(".extract-cache.json", ".documents.marshal", "__pycache__"))
    else:
        shutil.copytree(ROOTS / name, dest)
    for p in dest.rglob("*"):  # seeds are read-only in the repository; copies must be editable
        p.chmod(p.stat().st_mode | 0o200)
    return dest


def extracted_good_project(tmp_path: Path) -> Path:
    """tests/bad's good project in ``tmp_path/p``, its briefs extracted afresh (one process)."""
    from generator.briefs.extraction import extract_all

    project = tmp_path / "p"
    shutil.copytree(Path(__file__).resolve().parent / "bad" / "_project", project)
    for kind in ("sources", "motives", "actors"):
        shutil.rmtree(project / "briefs" / kind)
    extract_all(project / "seeds", project / "briefs", jobs=1)
    return project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """A page of a test's server: (status, text); (0, "") while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


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


# ---- paginated listings: a synthetic site whose listings run over several pages

# Page sizes small enough that the listing pages of PAGED_SOURCES synthetic sources are cut
# into several pages (generator/site/listings.py: PAGE_SENTENCES and the others).
PAGED_SIZES = {"PAGE_SENTENCES": 6, "ONE_PAGE_SENTENCES": 15, "PAGE_ROWS": 6, "PAGE_SOURCES": 2}
PAGED_SOURCES = 14


@pytest.fixture(scope="session")
def paged_project(tmp_path_factory) -> Path:
    """The repository's mkdocs.yml and docs/ with PAGED_SOURCES synthetic sources (brief
    bench's corpus), extracted; a MkDocs hook sets PAGED_SIZES, so a real build paginates."""
    from generator.bench.corpus import make_corpus
    from generator.briefs.extraction import extract_all

    project = tmp_path_factory.mktemp("paged") / "project"
    project.mkdir()
    shutil.copytree(REPO / "docs", project / "docs")
    (project / "briefs").mkdir()
    shutil.copy2(REPO / "briefs" / "taxonomy.yaml", project / "briefs" / "taxonomy.yaml")
    make_corpus(REPO / "seeds", project / "seeds", PAGED_SOURCES)
    extract_all(project / "seeds", project / "briefs", jobs=1)
    (project / "paged_sizes.py").write_text(
        "from generator.site import listings\n" + "".join(f"listings.{k} = {v}\n" for k, v in PAGED_SIZES.items()))
    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8")
                                        + "\nhooks:\n  - paged_sizes.py\n", encoding="utf-8")
    return project


@pytest.fixture
def paged_sizes(monkeypatch):
    """PAGED_SIZES in this process (for renders without MkDocs)."""
    from generator.site import listings
    for name, value in PAGED_SIZES.items():
        monkeypatch.setattr(listings, name, value)


@pytest.fixture(scope="session")
def extractor():
    """The extractor of the shipped taxonomy, built once for the run (the extraction tests')."""
    from analysis_util import extractor as shipped
    return shipped()


@dataclass
class InnerRows:
    """The standardised features and targets of the seeds and five dev articles, with every row
    scored (``rows``) and none always on the training side (``always``): the inner folds' input."""
    taxonomy: object
    X: object
    y: dict
    groups: object
    rows: object
    always: object


@pytest.fixture(scope="session")
def inner_rows() -> InnerRows:
    """A small training set for the threshold tests of the motive and counter heads (built once)."""
    import numpy as np
    from generator.briefs.taxonomy import load_taxonomy
    from generator.extract import Extractor
    from generator.extract.features import Settings
    from generator.learn import train
    from generator.learn.annotations import load_annotation
    from generator.learn.dataset import from_annotation
    taxonomy = load_taxonomy(REPO / "briefs" / "taxonomy.yaml")
    docs = from_annotation(Extractor(taxonomy), load_annotation(REPO / "gold/seeds.yaml", REPO / "seeds"))
    docs += from_annotation(Extractor(taxonomy), load_annotation(REPO / "gold/dev/dev.yaml",
                                                                 REPO / "gold/dev/texts"))[:5]
    D, _, _, _ = train.features(taxonomy, Settings(), docs)
    y = train.targets(taxonomy, docs)
    y["weights"] = {"motive": None, "counter": None}
    groups = np.array(y["groups"])
    X = (D - D.mean(axis=0)) / np.where(D.std(axis=0) > 0, D.std(axis=0), 1.0)
    return InnerRows(taxonomy, X, y, groups, np.arange(len(groups)), np.array([], dtype=int))
