"""An article renamed in the seeds folder takes its brief along.

Renaming a seed file left its brief, with every decision, comment and summary a person wrote
in it, behind as an orphan (``kept ...: its seed file is gone``) that the build refuses (an
unknown source), and gave the new name a fresh brief without them. A brief whose seed is gone
records the bytes it was made from (``source.sha256``): a seed with those very bytes is the
same article, so its offsets, anchors and quotes all still hold, and the brief is moved to the
new name as it is (its ``id`` and ``source.file`` changed, a person's comments and key order
kept) before extraction merges the article into it as into any brief. An article renamed and
edited at once has other bytes and is left to the person, as before; so is a name whose brief
a person has already written in, and bytes that two orphans or two seeds share. A brief that
holds the machine's text alone stays where it is (the new name's extraction is the same).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import reader
from .merge import touched
from .problem import Problem
from .seen import read_brief, replace_if_unchanged
from .writer import roundtrip


def follow_renames(files: list[Path], briefs: Path) -> list[str]:
    """Move the brief of every renamed seed among ``files`` to the seed's new name; one line
    for the report per brief moved."""
    folder = briefs / "sources"
    stems = {p.stem for p in files}
    orphans = _by_bytes(p for p in sorted(folder.glob("*.yaml")) if p.stem not in stems)
    if not orphans:
        return []
    seeds: dict[str, list[Path]] = {}
    for seed in files:
        seeds.setdefault(hashlib.sha256(seed.read_bytes()).hexdigest(), []).append(seed)
    moved = []
    for sha, (old, text, data) in sorted(orphans.items()):
        found = seeds.get(sha, [])
        if len(found) == 1 and _move(old, text, data, found[0], folder):
            moved.append(f"moved {old} to {folder / (found[0].stem + '.yaml')}: its article was "
                         f"renamed to {found[0].name} (the same bytes); the edits in it go with it")
    return moved


def _by_bytes(paths) -> dict[str, tuple]:
    """``source.sha256 -> (path, text, data)`` of the readable source briefs among ``paths`` that
    a person wrote in, whose bytes no other one shares."""
    out: dict[str, tuple] = {}
    shared = set()
    for path in paths:
        try:
            text, _ = read_brief(path)
            data = reader.load_text(text, path).data if text is not None else None
        except Problem:
            continue
        if not isinstance(data, dict) or data.get("brief") != "source" or not touched(data):
            continue          # the machine's alone: a fresh extraction under the new name is the same
        source = data.get("source")
        sha = source.get("sha256") if isinstance(source, dict) else None
        if not isinstance(sha, str):
            continue
        if sha in out:
            shared.add(sha)
        out[sha] = (path, text, data)
    return {sha: row for sha, row in out.items() if sha not in shared}


def _move(old: Path, text: str, data: dict, seed: Path, folder: Path) -> bool:
    target = folder / f"{seed.stem}.yaml"
    now, seen = read_brief(target)
    if now is not None:
        try:
            if touched(reader.load_text(now, target).data):
                return False          # a person wrote in the new name's brief: theirs to join
        except Problem:
            return False
    moved = {**data, "id": seed.stem, "source": {**data["source"], "file": seed.name}}
    if not replace_if_unchanged(target, roundtrip(text, moved, old), seen):
        return False
    os.unlink(old)
    return True
