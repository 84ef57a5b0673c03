"""Fixtures for the extraction tests: a fresh copy of the corpus in tmp_path."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's seeds and taxonomy, with no briefs yet."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "briefs").mkdir()
    shutil.copy(ROOT / "briefs" / "taxonomy.yaml", tmp_path / "briefs" / "taxonomy.yaml")
    return tmp_path
