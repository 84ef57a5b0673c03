"""``generator.bench.identity``: the check that two versions of the code give the same briefs and
pages (issue 22), at small N on this checkout's code run twice."""
from __future__ import annotations

import re
from pathlib import Path

from generator.bench import identity as I

REPO = Path(__file__).resolve().parent.parent


def test_the_same_code_gives_the_same_bytes_and_a_change_is_named(tmp_path):
    said: list[str] = []
    work = tmp_path / "identity"
    assert I.compare_versions([".", "."], work, 8, REPO / "seeds", say=said.append)
    manifest = I.read_manifest(work / "manifests" / "worktree.txt")
    briefs = [n for n in manifest if re.fullmatch(r"briefs/sources/a\d{5}\.yaml", n)]
    pages = [n for n in manifest if re.fullmatch(r"pages/sources/a\d{5}\.md", n)]
    assert len(briefs) == 8 and len(pages) == 8             # every source's brief and page
    assert "pages/index.md" in manifest and "briefs/motives/opium.yaml" in manifest
    assert not [n for n in manifest if "/." in n]             # no cache or staged file
    n_briefs = len([n for n in manifest if n.startswith("briefs/")])
    n_pages = len([n for n in manifest if n.startswith("pages/")])
    assert f"briefs: {n_briefs} / {n_briefs} files, identical" in said[0]
    assert f"pages: {n_pages} / {n_pages} files, identical" in said[0]

    # one page changed by hand: named, and accounted for once its change is stripped
    kept = work / "outputs" / "worktree"
    page = kept / "pages" / "sources" / "a00003.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA marker of a deliberate change.\n",
                    encoding="utf-8")
    changed = I.tree_hashes(kept / "pages", "pages")
    report = I.summary("before", "after", manifest, {**manifest, **changed})
    assert "1 changed" in report and "changed: pages/sources/a00003.md" in report
    stripped = I.tree_hashes(kept / "pages", "pages", [re.compile(r"\nA marker of a deliberate change\.\n")])
    assert {**manifest, **stripped} == manifest


def test_rendering_the_briefs_one_version_extracted(tmp_path):
    said: list[str] = []
    work = tmp_path / "identity"
    assert I.compare_versions([".", "."], work, 4, REPO / "seeds", briefs_of=".", say=said.append)
    assert said[0].startswith("briefs extracted by .")
    where = work / "briefs-of-worktree"
    extracted = I.read_manifest(where / "extracted" / "manifests" / "worktree.txt")
    rendered = I.read_manifest(where / "manifests" / "worktree.txt")
    assert {n: h for n, h in rendered.items() if n.startswith("briefs/")} == \
        {n: h for n, h in extracted.items() if n.startswith("briefs/")}   # rendered, not re-extracted
    assert "pages/sources/a00003.md" in rendered
