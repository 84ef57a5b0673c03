"""The centrality ranking extractive summaries are made of: the most central sentences,
never invented text.

A sentence's centrality is the sum of its overlap (cosine of its features: content words,
actor ids, labels) with every other candidate, times a bonus; the best are taken greedily,
skipping one that repeats an already chosen sentence (overlap above ``REDUNDANT``). Used by
a source's summary (``extract.summary``) and by the motives' (``analysis.summaries``).
"""
from __future__ import annotations

import math
from itertools import repeat

from .words import cosine

REDUNDANT = 0.5
DIGITS = 9        # scores are rounded to this many decimals before ranking


class Centrality:
    """The weights ``W[w] = Σ_j [w ∈ A_j] / √|A_j|`` of the candidates added so far, and a
    candidate's score against them: the one scoring code of ``rank`` (everything in memory)
    and ``MotiveSummaries`` (sources read as a stream). ``W`` is added up in candidate order,
    so that both give the same floats; a feature set may be any sized iterable of distinct
    words (a frozenset, or the stored list of stems)."""

    __slots__ = ("weight", "n")

    def __init__(self) -> None:
        self.weight: dict = {}
        self.n = 0

    def add(self, features) -> None:
        r, weight = _inv(features), self.weight
        # ``weight[w] = weight.get(w, 0.0) + r`` for each w, in one C-level pass (the words are
        # distinct: no update reads another's; x + r and r + x are the same float)
        weight.update(zip(features, map(r.__radd__, map(weight.get, features, repeat(0.0)))))
        self.n += 1

    def add_numbered(self, words, ends) -> None:
        """``add`` of feature sets given as numbers (small non-negative integers), end to end
        in ``words``, ``ends`` where each ends, all at once: the weights are then a list by
        number. Each number's weights are added in the sets' order, from 0.0, as ``add`` adds
        them (numpy's ``bincount`` adds its weights in index order), so they are the same floats."""
        import numpy as np
        sizes = np.diff(np.asarray(ends, dtype=np.int64), prepend=0)
        r = np.repeat(np.array([_inv(range(n)) for n in sizes.tolist()], dtype=np.float64), sizes)
        weight = np.bincount(np.asarray(words, dtype=np.int64), weights=r)
        if self.n or self.weight:
            raise ValueError("Centrality.add_numbered: only into an empty Centrality")
        self.weight, self.n = weight.tolist(), len(ends)

    def score(self, features, bonus: float) -> float:
        """The mean cosine with every other candidate, times the bonus, rounded to DIGITS."""
        c = math.fsum(map(self.weight.__getitem__, features)) * _inv(features) - 1.0 if features else 0.0
        return round(c / max(1, self.n - 1) * (1.0 + bonus), DIGITS)


def _inv(features) -> float:
    return 1.0 / math.sqrt(len(features)) if features else 0.0


def rank(features: list[frozenset], bonus: list[float]) -> list[int]:
    """Candidates by centrality (the mean cosine with every other candidate, times the bonus),
    best first, ties by index.

    Linear in the total size of the features: with ``cos(A, B) = |A∩B| / √(|A||B|)``,
    ``Σ_j cos(A_i, A_j) = Σ_{w∈A_i} W[w] / √|A_i|`` where ``W[w] = Σ_j [w ∈ A_j] / √|A_j|``;
    the j = i term is exactly 1 and is taken off. The inner sums are ``math.fsum`` (exact, so
    independent of set order) and the scores are rounded to ``DIGITS`` so that sentences with
    the same true score tie and the earlier one wins, whichever way the sums were added
    (``rank_pairwise`` is the definition, kept for the tests).
    """
    centrality = Centrality()
    for f in features:
        centrality.add(f)
    scores = [centrality.score(f, b) for f, b in zip(features, bonus)]
    return sorted(range(len(features)), key=lambda i: (-scores[i], i))


def rank_pairwise(features: list[frozenset], bonus: list[float]) -> list[int]:
    """``rank`` by its definition, O(n²): the sum of cosines with every other candidate."""
    n = len(features)
    scores = []
    for i in range(n):
        c = sum(cosine(features[i], features[j]) for j in range(n) if j != i)
        scores.append(round(c / max(1, n - 1) * (1.0 + bonus[i]), DIGITS))
    return sorted(range(n), key=lambda i: (-scores[i], i))


def pick(order, features, k: int, group=None, complete: bool = True, same=None) -> list[int] | None:
    """The best ``k`` of ``order`` greedily, skipping one redundant with those chosen; with
    ``group``, first one per group, then any. ``features`` and ``group`` map a candidate to
    its features and group (lists, or mappings of the candidates in ``order``).

    ``same`` (optional) maps a candidate to a digest of its features, or to 0 (or None) where
    they are empty: a candidate whose features are those of a chosen one is redundant (its
    cosine is 1) without ``features`` being asked for it, which may cost a read.

    ``order`` may be only the head of the full ranking (``complete`` false): then the result
    is None unless it is certainly the one the full ranking gives, that is unless the first
    walk chose ``k`` within the head (the full walk would have stopped there too)."""
    chosen: list[int] = []
    taken: set = set()   # the digests of the chosen candidates' (non-empty) features
    for prefer_new_group in ((True, False) if group else (False,)):
        for i in order:
            if len(chosen) >= k:
                break
            digest = same[i] if same is not None else None
            if i in chosen or (digest and digest in taken) \
                    or any(cosine(features[i], features[j]) > REDUNDANT for j in chosen):
                continue
            if prefer_new_group and any(group[i] == group[j] for j in chosen):
                continue
            chosen.append(i)
            if digest:
                taken.add(digest)
        if not complete and len(chosen) < k:
            return None
    return chosen
