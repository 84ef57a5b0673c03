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
holds the machine's text alone is not moved: an orphan of that kind, a renamed or a deleted
article's, is removed by the run (``machine_made_sources``; the new name's extraction is the same).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import reader
from .merge import touched
from .problem import Problem
from .seen import Seen, read_brief, replace_if_unchanged
from .writer import roundtrip


def follow_renames(files: list[Path], briefs: Path) -> list[str]:
    """Move the brief of every renamed seed among ``files`` to the seed's new name; one line
    for the report per brief moved."""
    folder = briefs / "sources"
    stems = {p.stem for p in files}
    moved = []
    for old, text, data, seed in planned_moves(files, [p for p in sorted(folder.glob("*.yaml"))
                                                       if p.stem not in stems]):
        if _move(old, text, data, seed, folder):
            moved.append(f"moved {old} to {folder / (seed.stem + '.yaml')}: its article was "
                         f"renamed to {seed.name} (the same bytes); the edits in it go with it")
    return moved


def planned_moves(files: list[Path], orphans: list[Path], sha256=None) -> list[tuple]:
    """``(old brief, its text, its data, the seed it moves to)`` of each brief among
    ``orphans`` (source briefs whose seed is gone) that ``follow_renames`` would move to a
    seed of ``files``; nothing is written (serving shows the moves, ``briefs.drafts``).
    ``sha256(seed)``: the seed's digest, when the caller keeps them."""
    found = _by_bytes(orphans)
    if not found:
        return []
    seeds: dict[str, list[Path]] = {}
    for seed in files:
        sha = sha256(seed) if sha256 is not None else hashlib.sha256(seed.read_bytes()).hexdigest()
        seeds.setdefault(sha, []).append(seed)
    return [(old, text, data, seeds[sha][0]) for sha, (old, text, data) in sorted(found.items())
            if len(seeds.get(sha, ())) == 1]


def moved_text(old: Path, text: str, data: dict, seed: Path) -> str:
    """The brief ``old`` (its ``text``, read as ``data``) as it reads under the seed's name."""
    return roundtrip(text, {**data, "id": seed.stem, "source": {**data["source"], "file": seed.name}}, old)


def taken(target: Path) -> bool:
    """Whether a person wrote in the brief at ``target`` (or it cannot be read): a moved brief
    never replaces it."""
    return _taken(target, read_brief(target)[0])


def _taken(target: Path, now: str | None) -> bool:
    if now is None:
        return False
    try:
        return touched(reader.load_text(now, target).data)
    except Problem:
        return True


def machine_made_sources(paths) -> list[tuple[Path, Seen]]:
    """``(path, what was seen of it)`` of the readable source briefs among ``paths`` that no
    person wrote in: the machine's own text, which a run makes again from the article (an
    orphan of this kind is removed, as the motive and actor briefs about nothing are)."""
    out = []
    for path in paths:
        _, seen, data = _read_source(path)
        if data is not None and not touched(data):
            out.append((path, seen))
    return out


def _read_source(path: Path) -> tuple:
    """``(text, what was seen, data)`` of a readable source brief; ``data`` is None for a file
    that is unreadable or not a source brief (it is left alone, as ``brief check`` reports it)."""
    try:
        text, seen = read_brief(path)
        data = reader.load_text(text, path).data if text is not None else None
    except Problem:
        return None, None, None
    if not isinstance(data, dict) or data.get("brief") != "source":
        return text, seen, None
    return text, seen, data


def _by_bytes(paths) -> dict[str, tuple]:
    """``source.sha256 -> (path, text, data)`` of the readable source briefs among ``paths`` that
    a person wrote in, whose bytes no other one shares."""
    out: dict[str, tuple] = {}
    shared = set()
    for path in paths:
        text, _, data = _read_source(path)
        if data is None or not touched(data):
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
    if _taken(target, now):
        return False          # a person wrote in the new name's brief: theirs to join
    if not replace_if_unchanged(target, moved_text(old, text, data, seed), seen):
        return False
    os.unlink(old)
    return True
