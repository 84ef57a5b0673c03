"""Briefs as `brief extract` would write them, made in memory: what ``mkdocs serve`` shows for an
article that is new or changed since its brief was extracted. Nothing is written: only `brief
extract` writes briefs (an analyst may have the brief open in an editor).

A seed needs a draft when it has no brief, or when its bytes (or its sidecar's) differ from
those the brief was extracted from (``cache.extraction.extracted_digests``; without a record
of `brief extract`'s, the article's sha256 the brief names). A draft is the
fresh extraction merged with the brief on disk (``extraction.merged_brief``: every human edit
kept, anchors placed in memory); it is kept until the seed, the brief, the taxonomy or the
model changes. A seed that cannot be drafted is a problem; its brief on disk is shown.

A renamed article (the same bytes under a new name) is drafted from the brief `brief extract`
would move to its new name (``briefs.renames``: a person's edits go with it), and the old brief,
which that run would remove, is listed in ``moved`` for the site to leave out; so is the brief
of an article no longer in the seeds that no person wrote in, which that run removes.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..cache.extraction import extracted_digests, seed_digest
from ..cache.stamps import folder_stamps, stamp
from ..ingest.articles import sidecar_path, source_listing
from ..ingest.paths import SIDECAR
from .problem import BriefsmithError, Problem

_SHA256 = re.compile(r"^  sha256: ([0-9a-f]{64})\s*$", re.M)   # the brief's source.sha256


class Drafts:
    """The drafts of one project, kept between the rebuilds of a serve session."""

    def __init__(self, seeds: Path, briefs: Path, taxonomy: Path):
        self.seeds, self.briefs, self.taxonomy = Path(seeds), Path(briefs), Path(taxonomy)
        self._model: Path | None = None
        self.extractor = None
        self.extractor_key = None
        self.digests: dict[str, tuple] = {}      # seed path -> (its stamps, its seed_digest)
        self.kept: dict[str, tuple] = {}         # sid -> (key, brief path, data)
        self.current: dict[str, tuple] = {}
        self.decided: dict[str, tuple] = {}      # seed name -> (its stamps' key, brief path, needs a draft)
        self.problems: list[Problem] = []
        self.moved: dict[str, str] = {}          # briefs `brief extract` would move: old path -> new id
        self.removed: list[Path] = []            # ...or remove (the machine's alone, its article gone)

    @classmethod
    def reuse(cls, previous: "Drafts | None", seeds: Path, briefs: Path, taxonomy: Path) -> "Drafts":
        """``previous`` (the last build's) when it drafted the same briefs folder, else new drafts."""
        if previous is not None and previous.briefs == Path(briefs):
            return previous
        return cls(seeds, briefs, taxonomy)

    def update(self) -> dict[str, tuple]:
        """``{sid: (brief path, data, what it was made of)}`` of every seed that needs a draft now."""
        self.current, self.problems = {}, []
        try:
            listing = source_listing(self.seeds)
        except BriefsmithError:
            return {}   # loading the site reports the folder
        seeds = listing.files
        moves = self._moves(seeds)
        if listing.refused:   # `brief extract` refuses the folder whole: it removes nothing
            self.removed = []
        wanted = self._wanted(seeds, extracted_digests(self.briefs))
        drafted = {seed for seed, _ in wanted}
        wanted += [(seed, target) for seed, target in self._renamed(seeds, moves) if seed not in drafted]
        self.moved = {str(move[0]): stem for stem, move in moves.items()}
        self.moved.update((str(path), "") for path in self.removed)
        kept = {}
        for seed, target in wanted:
            move = moves.get(seed.stem)
            key = (self._digest(seed)[0], stamp(target), self._extractor_key(),
                   None if move is None else (str(move[0]), stamp(move[0])))
            entry = self.kept.get(seed.stem)
            if entry is None or entry[0] != key:
                entry = self._draft(seed, target, key, move)
            if entry is not None:
                kept[seed.stem] = entry
                self.current[seed.stem] = (entry[1], entry[2], entry[0])
        self.kept = kept
        return self.current

    def _wanted(self, seeds: list[Path], extracted: dict[str, str]) -> list[tuple[Path, Path]]:
        """``(seed, its brief's path)`` of each seed that needs a draft. A seed's answer is the
        last build's while its stamps, its sidecar's, its brief's and the digest `brief
        extract` recorded are (a rebuild under serve: a pass of dictionary lookups over the
        folders' stamps, ``folder_stamps``, not of paths and files)."""
        in_seeds = folder_stamps(self.seeds) or {}
        in_briefs = folder_stamps(self.briefs / "sources") or {}
        wanted, decided = [], {}
        for seed in seeds:
            stem = seed.name.rpartition(".")[0] or seed.name
            key = (in_seeds.get(seed.name), in_seeds.get(stem + SIDECAR), in_briefs.get(stem + ".yaml"),
                   extracted.get(stem))
            last = self.decided.get(seed.name)
            if last is not None and last[0] == key and key[0] is not None:
                target, needed = last[1], last[2]
            else:
                target = self.briefs / "sources" / f"{stem}.yaml"
                needed = not (target.is_file() and self._extracted_from(seed, target, key[3]))
            decided[seed.name] = (key, target, needed)
            if needed:
                wanted.append((seed, target))
        self.decided = decided
        return wanted

    def _moves(self, seeds: list[Path]) -> dict[str, tuple]:
        """``{seed stem: (old brief, its text, data, seed)}``: the briefs of renamed articles
        that `brief extract` would move (``renames.planned_moves``), read only when a brief's
        seed is missing."""
        from .renames import machine_made_sources, planned_moves, taken
        stems = {seed.stem for seed in seeds}
        listed = folder_stamps(self.briefs / "sources") or {}
        orphans = [self.briefs / "sources" / name for name in sorted(listed)
                   if name.endswith(".yaml") and name[:-5] not in stems]
        self.removed = [path for path, _ in machine_made_sources(orphans)]
        if not orphans:
            return {}
        moves = planned_moves(seeds, orphans, sha256=lambda seed: self._digest(seed)[1])
        return {move[3].stem: move for move in moves
                if not taken(self.briefs / "sources" / f"{move[3].stem}.yaml")}

    def _renamed(self, seeds: list[Path], moves: dict) -> list[tuple[Path, Path]]:
        """``(seed, its brief's path)`` of each renamed seed: drafted even when a brief of the
        machine's is there already (the moved one replaces it)."""
        return [(seed, self.briefs / "sources" / f"{seed.stem}.yaml") for seed in seeds if seed.stem in moves]

    def _extracted_from(self, seed: Path, target: Path, digest: str | None) -> bool:
        """Whether the brief at ``target`` was extracted from the seed as it is: by the digest
        `brief extract` recorded, else (no record) by the article's sha256 the brief names."""
        if digest is not None:
            return digest == self._digest(seed)[0]
        try:
            with open(target, "rb") as f:
                head = f.read(4096).decode("utf-8", "replace")
        except OSError:
            return True   # unreadable: loading the site reports it
        named = _SHA256.search(head)
        return named is None or named.group(1) == self._digest(seed)[1]

    def _digest(self, seed: Path) -> tuple[str | None, str | None]:
        """``(seed_digest, the article's sha256)`` of a seed, kept under its stamps."""
        stamps = (stamp(seed), stamp(sidecar_path(seed)))
        known = self.digests.get(str(seed))
        if known is None or known[0] != stamps:
            try:
                sha = hashlib.sha256(seed.read_bytes()).hexdigest()
                known = self.digests[str(seed)] = (stamps, (seed_digest(seed), sha))
            except (BriefsmithError, OSError):
                return (None, None)
        return known[1]

    @property
    def model(self) -> Path:
        """The sentence model beside the taxonomy's project. (Its module, numpy's with it, is
        imported only when a draft is made: a serve process that forks workers to load the
        site holds as little as it can when it forks.)"""
        if self._model is None:
            from ..learn import modelfile
            self._model = modelfile.default_path(self.taxonomy)
        return self._model

    def _extractor_key(self) -> tuple:
        return (stamp(self.taxonomy), stamp(self.model))

    def _draft(self, seed: Path, target: Path, key: tuple, move: tuple | None) -> tuple | None:
        from .extraction import merged_brief, new_extractor
        from .renames import moved_text
        try:
            if self.extractor is None or self.extractor_key != key[2]:
                self.extractor_key = key[2]
                self.extractor = new_extractor(self.taxonomy, self.model if self.model.is_file() else None)
            moved = None if move is None else moved_text(*move)
            data = merged_brief(self.extractor, seed, target, moved)[5]
        except BriefsmithError as e:
            self.problems.append(Problem(e.path or str(seed), f"extraction failed: {e.message}", e.line,
                                         e.column, f"sources/{seed.stem}.md"))
            return None
        except Exception as e:  # noqa: BLE001 - a bad article must not stop the server
            self.problems.append(Problem(str(seed), f"extraction failed: {type(e).__name__}: {e}",
                                         page=f"sources/{seed.stem}.md"))
            return None
        return (key, target, data)
