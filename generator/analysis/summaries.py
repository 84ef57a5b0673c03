"""The motives' summaries: a motive's most central evidence sentences across the sources, at
most one per source while other sources have candidates (``text.ranking``), never invented text.

A summary is ``{text, status: auto, sentences: [{source, anchor, start, end, quote}]}``. A
person replaces it by editing ``text`` and setting ``status: manual``; extraction never
overwrites a summary whose status is not auto.
"""
from __future__ import annotations

import bisect
import hashlib
from array import array

from ..text.ranking import Centrality, pick, rank
from ..text.words import content

__all__ = ["motive_summary", "MotiveSummaries", "candidate_rows", "EMPTY"]

MOTIVE_BONUS = 0.1     # a motive sentence a person confirmed


def EMPTY() -> dict:
    return {"text": None, "status": "auto", "sentences": []}


def candidate_rows(items) -> list[list]:
    """One source's candidates for the motive summaries, from its motive items, in item order:
    ``[motive, bonus, quote, start, end, anchor, stems]`` (stems: the quote's content words,
    sorted, space-separated). Shown items that quote a sentence, one per motive and start.
    Plain JSON data, so that a record of them can be stored and read back as a stream."""
    out, seen = [], set()
    for item in items or []:
        if not isinstance(item, dict) or not isinstance(item.get("motive"), str) \
                or item.get("status", "auto") == "rejected" or not isinstance(item.get("quote"), str):
            continue
        key = (item["motive"], item.get("start"))
        if key in seen:
            continue
        seen.add(key)
        out.append([item["motive"], MOTIVE_BONUS if item.get("status") in ("confirmed", "manual") else 0.0,
                    item["quote"], item.get("start"), item.get("end"), item.get("anchor"),
                    " ".join(sorted(content(item["quote"])))])
    return out


def _stems(row: list) -> list[str]:
    return row[6].split()


def _motive_result(picked: list[tuple[str, list]]) -> dict:
    """The summary of (source, candidate row) pairs: in source order, then text order."""
    picked = sorted(picked, key=lambda c: (c[0], c[1][3] or 0))
    return {"text": " ".join(row[2] for _, row in picked), "status": "auto",
            "sentences": [{"source": sid, "anchor": row[5], "start": row[3], "end": row[4], "quote": row[2]}
                          for sid, row in picked]}


def motive_summary(motive_id: str, source_briefs: dict[str, dict], k: int = 3) -> dict:
    """The summary of a motive: its most central evidence sentences across the sources,
    at most one per source while other sources have candidates."""
    cands = [(sid, row) for sid in sorted(source_briefs)
             for row in candidate_rows(source_briefs[sid].get("motives")) if row[0] == motive_id]
    if not cands:
        return EMPTY()
    feats = [frozenset(_stems(row)) for _, row in cands]
    chosen = pick(rank(feats, [row[1] for _, row in cands]), feats, k, group=[sid for sid, _ in cands])
    return _motive_result([cands[i] for i in chosen])


class MotiveSummaries:
    """``motive_summary`` of every motive over sources read as a stream, with the same result.

    Feed every source's ``candidate_rows`` in source-id order twice: ``add`` (pass 1: the
    weights), then ``score`` (pass 2: each candidate's score, 8 bytes, and a digest of its
    content words, 8 bytes; its source's number, 4 bytes, is kept from pass 1).
    ``summaries`` then ranks only the head of the candidates (the ``first`` best, four times
    more while the pick is not settled within them: see ``text.ranking.pick``) and reads their rows
    again through ``fetch(number) -> (source id, rows)``, except where a candidate's digest
    shows it the copy of one chosen already: the same sentence in many sources (syndicated
    copies) is then skipped without reading them all. Memory: the vocabulary's weights,
    20 bytes per candidate, and the head's distinct feature sets.

    ``kept`` (``Kept``): ``add`` keeps each candidate's stems as numbers (4 bytes a word, its
    bonus and digest 16 bytes), so that ``score_kept`` makes the second pass and the head's
    features come from memory: the sources are read once, and again only for the chosen."""

    def __init__(self, k: int = 3, first: int = 64, kept: bool = False) -> None:
        self.k, self.first = k, first
        self.centrality: dict[str, Centrality] = {}
        self.sources: dict[str, array] = {}     # motive -> source number of each candidate
        self.scores: dict[str, array] = {}
        self.digests: dict[str, array] = {}     # motive -> _digest of each candidate's stems
        self.kept = Kept() if kept else None

    def add(self, number: int, rows: list[list]) -> None:
        for row in rows:
            if row[0] not in self.centrality:
                self.centrality[row[0]], self.sources[row[0]] = Centrality(), array("i")
                self.scores[row[0]], self.digests[row[0]] = array("d"), array("q")
            if self.kept is None:
                self.centrality[row[0]].add(_stems(row))
            else:   # the weights made at once by ``score_kept``, under each stem's number
                self.kept.add(row)
                self.digests[row[0]].append(_digest(row[6]))
            self.sources[row[0]].append(number)

    def score(self, rows: list[list]) -> None:
        for row in rows:
            self.scores[row[0]].append(self.centrality[row[0]].score(_stems(row), row[1]))
            self.digests[row[0]].append(_digest(row[6]))

    def score_kept(self) -> None:
        """``score`` of every candidate ``add`` kept (instead of a second pass of reads)."""
        for motive, centrality in self.centrality.items():
            centrality.add_numbered(self.kept.words[motive], self.kept.ends[motive])
            scores, score = self.scores[motive], centrality.score
            for stems, bonus in self.kept.of(motive):
                scores.append(score(stems, bonus))

    def summaries(self, motive_ids, fetch) -> dict[str, dict]:
        return {m: self.summary(m, fetch) for m in motive_ids}

    def summary(self, motive_id: str, fetch) -> dict:
        scores, sources = self.scores.get(motive_id), self.sources.get(motive_id)
        if not scores:
            return EMPTY()
        if len(scores) != len(sources):
            raise ValueError("MotiveSummaries: the second pass did not see the first pass's candidates")
        feats = _HeadFeatures(self, motive_id, fetch)
        size, ranking = self.first, _ranking(scores)
        while True:
            feats.head = ranking[:size]
            chosen = pick(feats.head, feats, self.k, group=sources, complete=len(feats.head) == len(scores),
                           same=self.digests[motive_id])
            if chosen is not None:
                break
            size *= 4
        picked = []
        for i in chosen:
            sid, rows = self._rows(motive_id, [i], fetch)
            picked.append((sid, rows[i]))
        return _motive_result(picked)

    def _rows(self, motive_id: str, candidates: list[int], fetch) -> tuple[str, dict[int, list]]:
        """(source id, candidate -> row) of candidates of one source."""
        number = self.sources[motive_id][candidates[0]]
        first = bisect.bisect_left(self.sources[motive_id], number)   # its first candidate
        sid, rows = fetch(number)
        mine = [row for row in rows if row[0] == motive_id]
        return sid, {i: mine[i - first] for i in candidates}


def _ranking(scores: array) -> list[int]:
    """The candidates best score first, ties by number (what ``heapq.nsmallest`` of key
    ``(-score, number)`` gives for any head, all at once: a stable sort in C)."""
    import numpy as np
    return np.argsort(-np.frombuffer(scores, dtype=np.float64), kind="stable").tolist()


def _digest(stems: str) -> int:
    """A candidate's stems (sorted, space-separated) as 8 bytes; 0 stands for no stems. Equal
    digests of different stems (odds about n²/2⁶⁴ for n candidates) would count a sentence
    as the copy of another: deterministic all the same, as blake2b is."""
    if not stems:
        return 0
    return int.from_bytes(hashlib.blake2b(stems.encode(), digest_size=8).digest(), "little", signed=True) or 1


class _HeadFeatures:
    """``features[i]`` of the candidates of ``head`` (the best ones, best first) for ``pick``,
    read a chunk of the head at a time when first asked for: the pick usually stops long
    before the head's end. One frozenset per distinct sentence (copies abound)."""

    CHUNK = 64

    def __init__(self, owner: MotiveSummaries, motive_id: str, fetch) -> None:
        self.owner, self.motive_id, self.fetch = owner, motive_id, fetch
        self.feats: dict[int, frozenset] = {}
        self.shared: dict[str, frozenset] = {}
        self._head: list[int] = []
        self.at: dict[int, int] = {}

    @property
    def head(self) -> list[int]:
        return self._head

    @head.setter
    def head(self, head: list[int]) -> None:
        self._head, self.at = head, {i: n for n, i in enumerate(head)}

    def __getitem__(self, i: int) -> frozenset:
        if i not in self.feats:
            self._read(self._head[self.at[i]:self.at[i] + self.CHUNK])
        return self.feats[i]

    def _read(self, candidates: list[int]) -> None:
        """The candidates' features, each source's record read once."""
        by_source: dict[int, list[int]] = {}
        for i in candidates:
            if i not in self.feats:
                by_source.setdefault(self.owner.sources[self.motive_id][i], []).append(i)
        kept = self.owner.kept
        if kept is not None:   # from memory, nothing read
            for candidates in by_source.values():
                for i in candidates:
                    self.feats[i] = frozenset(kept.stems(self.motive_id, i))
            return
        for number in sorted(by_source):
            for i, row in self.owner._rows(self.motive_id, by_source[number], self.fetch)[1].items():
                self.feats[i] = self.shared.setdefault(row[6], frozenset(_stems(row)))


class Kept:
    """What ``MotiveSummaries`` keeps of each candidate in memory (``kept=True``): its stems as
    numbers (one per distinct stem, in first-seen order), per motive end to end, and its bonus."""

    def __init__(self) -> None:
        self.numbers = _Numbers()
        self.words: dict[str, array] = {}    # motive -> the numbers of its candidates' stems
        self.ends: dict[str, array] = {}     # motive -> where each candidate's numbers end
        self.bonus: dict[str, array] = {}

    def add(self, row: list) -> None:
        """Keep a candidate row's stems (as numbers) and bonus."""
        motive = row[0]
        if motive not in self.words:
            self.words[motive], self.ends[motive], self.bonus[motive] = array("i"), array("q"), array("d")
        words = self.words[motive]
        words.extend(map(self.numbers.__getitem__, _stems(row)))
        self.ends[motive].append(len(words))
        self.bonus[motive].append(row[1])

    def stems(self, motive: str, i: int) -> array:
        ends = self.ends[motive]
        return self.words[motive][ends[i - 1] if i else 0:ends[i]]

    def of(self, motive: str):
        """``(stems, bonus)`` of the motive's candidates, in order."""
        words, start = self.words.get(motive, array("i")), 0
        for end, bonus in zip(self.ends.get(motive, ()), self.bonus.get(motive, ())):
            yield words[start:end], bonus
            start = end


class _Numbers(dict):
    """Stem -> its number, the next one given on first use (so a row is numbered by one map)."""

    def __missing__(self, stem: str) -> int:
        number = self[stem] = len(self)
        return number
