"""Golden outputs of a fixed project: the briefs `brief extract` writes and the pages `brief render`
makes, byte for byte, through a first run, a second run, an edit and a page-size change.

The project is ``tests/roots/golden``: eleven articles (the shipped five, five of the dev set, one
Markdown article with a sidecar), the shipped taxonomy and three briefs a person touched (a source
brief with a confirmation, a rejection, a comment, an added item, a note and a YAML comment; a
motive brief with a rewritten summary; a brief whose article is gone). Every output is hashed
into ``tests/roots/golden/expected*.txt``; a difference names the files that differ and where
this run's outputs are.

When extraction or rendering changes on purpose, regenerate the expected hashes deliberately and
commit them with the change that explains them::

    BRIEFSMITH_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py

To see what changed, run the same steps with the old and the new code and ``diff -r`` the two
output folders (the failure message names this run's).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent / "roots" / "golden"
REGEN = os.environ.get("BRIEFSMITH_REGEN_GOLDEN") == "1"


def _copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns("expected*.txt"))
    return dest


def _run(capsys, project: Path, *argv: str) -> str:
    """``brief ARGV...`` in ``project``: its exit status and output, the project's path neutral."""
    capsys.readouterr()
    status = main([*argv])
    out = capsys.readouterr()
    text = f"exit {status}\n--- stdout\n{out.out}--- stderr\n{out.err}"
    return text.replace(str(project), "<project>")


def _tree(folder: Path, prefix: str) -> dict[str, bytes]:
    """Every file under ``folder`` but hidden ones (caches, staging), by relative path."""
    return {f"{prefix}/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def _manifest(outputs: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(v).hexdigest()[:16]}  {k}\n" for k, v in sorted(outputs.items()))


def _compare(outputs: dict[str, bytes], expected: Path, where: Path) -> None:
    (where / "outputs").mkdir(exist_ok=True)
    for name, data in outputs.items():   # kept for a diff against another run
        (where / "outputs" / name).parent.mkdir(parents=True, exist_ok=True)
        (where / "outputs" / name).write_bytes(data)
    text = _manifest(outputs)
    if REGEN:
        expected.write_text(text, encoding="utf-8")
    want = expected.read_text(encoding="utf-8").splitlines()
    got = text.splitlines()
    if got != want:
        old = {line[18:]: line[:16] for line in want}
        new = {line[18:]: line[:16] for line in got}
        differ = sorted(n for n in old.keys() & new.keys() if old[n] != new[n])
        raise AssertionError(
            f"outputs differ from {expected.name}: changed {differ[:20]}, missing "
            f"{sorted(old.keys() - new.keys())[:20]}, new {sorted(new.keys() - old.keys())[:20]}; this "
            f"run's outputs are in {where / 'outputs'}; if the change is meant, regenerate with "
            "BRIEFSMITH_REGEN_GOLDEN=1 (see this module's docstring)")


def test_golden_briefs_and_pages(tmp_path, capsys, monkeypatch):
    project = _copy_project(tmp_path / "project")
    monkeypatch.chdir(project)   # relative paths, as a person types them (and pages show)
    seeds, briefs = "seeds", "briefs"
    out: dict[str, bytes] = {}

    def step(name: str, *argv: str) -> None:
        out[f"runs/{name}.txt"] = _run(capsys, project, *argv).encode()

    step("1-extract", "extract", "--seeds", seeds, "--briefs", briefs)
    step("2-extract-again", "extract", "--seeds", seeds, "--briefs", briefs)
    step("3-check", "check", "--seeds", seeds, "--briefs", briefs)
    step("4-render", "render", "--seeds", seeds, "--briefs", briefs, "--out", "../pages")
    out.update(_tree(project / "briefs", "briefs"))
    out.update(_tree(tmp_path / "pages", "pages"))
    step("5-export-jsonl", "export", "--seeds", seeds, "--briefs", briefs, "--format", "jsonl")
    step("6-export-csv", "export", "--seeds", seeds, "--briefs", briefs, "--format", "csv")
    # the same pages again, from what the first render cached
    step("7-render-warm", "render", "--seeds", seeds, "--briefs", briefs, "--out", "../warm")
    assert _tree(tmp_path / "warm", "pages") == _tree(tmp_path / "pages", "pages")

    # an article corrected, another one gone: extracted again, rendered from the caches
    seed = project / "seeds" / "000_c1ea733ae704b2c3.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Taliban", "Taleban", 3)
                    + "\nMoscow fears the spread of drugs into Central Asia, an official said.\n",
                    encoding="utf-8")
    (project / "seeds" / "003_340357e2fa8eab47.txt").unlink()
    step("8-extract-edited", "extract", "--seeds", seeds, "--briefs", briefs)
    step("9-render-edited", "render", "--seeds", seeds, "--briefs", briefs, "--out", "../edited")
    out.update(_tree(project / "briefs", "edited/briefs"))
    out.update(_tree(tmp_path / "edited", "edited/pages"))
    # ...the same pages as a render with no cache at all (the project without its hidden files)
    monkeypatch.chdir(tmp_path)
    project.rename(tmp_path / "cached")
    shutil.copytree(tmp_path / "cached", project, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.chdir(project)
    # (the brief "gone", whose article is gone, holds a note: kept, a problem; 003's, the
    # machine's alone, was removed by the extraction)
    assert main(["render", "--seeds", seeds, "--briefs", briefs, "--out", "../uncached"]) == 1
    assert _tree(tmp_path / "uncached", "pages") == _tree(tmp_path / "edited", "pages")
    _compare(out, ROOT / "expected.txt", tmp_path)


def test_golden_paged_listings(tmp_path, capsys, monkeypatch, paged_sizes):
    """The listings cut into pages (conftest.PAGED_SIZES), which the project's size alone does not."""
    project = _copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    seeds, briefs = "seeds", "briefs"
    _run(capsys, project, "extract", "--seeds", seeds, "--briefs", briefs)
    out = {"runs/render.txt": _run(capsys, project, "render", "--seeds", seeds, "--briefs", briefs,
                                   "--out", "../pages").encode()}
    out.update(_tree(tmp_path / "pages", "pages"))
    assert len([n for n in out if n.startswith("pages/counterarguments/")]) >= 2   # it paginates
    _compare(out, ROOT / "expected-paged.txt", tmp_path)
