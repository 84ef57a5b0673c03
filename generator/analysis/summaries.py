"""Extractive summaries: the most central sentences, never invented text.

A sentence's centrality is the sum of its overlap (cosine of content words, actor ids and the
labels of the motives or counterarguments it carries) with every other candidate sentence;
evidence sentences get a bonus (they carry the argument). Candidates are body sentences of
8 to 60 words that are not questions. The best are taken greedily, skipping one that repeats
an already chosen sentence (overlap above 0.5), and given back in text order, each with its
anchor and offsets so that ``text[start:end] == quote``.

A summary is ``{text, status: auto, sentences: [{anchor, start, end, quote}]}`` (motive
summaries add ``source`` to each sentence). A person replaces it by editing ``text`` and
setting ``status: manual``; extraction never overwrites a summary whose status is not auto.
"""
from __future__ import annotations

import math

from .text import content, cosine

__all__ = ["source_summary", "motive_summary", "EMPTY", "REDUNDANT"]

REDUNDANT = 0.5
EVIDENCE_BONUS = 0.25
DIGITS = 9        # scores are rounded to this many decimals before ranking


def EMPTY() -> dict:
    return {"text": None, "status": "auto", "sentences": []}


def _size(n_candidates: int) -> int:
    return 2 if n_candidates < 12 else 3


def _rank(features: list[frozenset], bonus: list[float]) -> list[int]:
    """Candidates by centrality (the mean cosine with every other candidate, times the bonus),
    best first, ties by index.

    Linear in the total size of the features: with ``cos(A, B) = |A∩B| / √(|A||B|)``,
    ``Σ_j cos(A_i, A_j) = Σ_{w∈A_i} W[w] / √|A_i|`` where ``W[w] = Σ_j [w ∈ A_j] / √|A_j|``;
    the j = i term is exactly 1 and is taken off. The inner sums are ``math.fsum`` (exact, so
    independent of set order) and the scores are rounded to ``DIGITS`` so that sentences with
    the same true score tie and the earlier one wins, whichever way the sums were added
    (``_rank_pairwise`` is the definition, kept for the tests).
    """
    n = len(features)
    weight: dict = {}
    inv = [1.0 / math.sqrt(len(f)) if f else 0.0 for f in features]
    for f, r in zip(features, inv):
        for w in f:
            weight[w] = weight.get(w, 0.0) + r
    scores = []
    for f, r, b in zip(features, inv, bonus):
        c = math.fsum([weight[w] for w in f]) * r - 1.0 if f else 0.0
        scores.append(round(c / max(1, n - 1) * (1.0 + b), DIGITS))
    return sorted(range(n), key=lambda i: (-scores[i], i))


def _rank_pairwise(features: list[frozenset], bonus: list[float]) -> list[int]:
    """``_rank`` by its definition, O(n²): the sum of cosines with every other candidate."""
    n = len(features)
    scores = []
    for i in range(n):
        c = sum(cosine(features[i], features[j]) for j in range(n) if j != i)
        scores.append(round(c / max(1, n - 1) * (1.0 + bonus[i]), DIGITS))
    return sorted(range(n), key=lambda i: (-scores[i], i))


def _pick(order: list[int], features: list[frozenset], k: int, group=None) -> list[int]:
    chosen: list[int] = []
    for prefer_new_group in ((True, False) if group else (False,)):
        for i in order:
            if len(chosen) >= k:
                break
            if i in chosen or any(cosine(features[i], features[j]) > REDUNDANT for j in chosen):
                continue
            if prefer_new_group and any(group[i] == group[j] for j in chosen):
                continue
            chosen.append(i)
    return chosen


def source_summary(sentences, mentions: dict | None = None, evidence: dict | None = None,
                   k: int | None = None) -> dict:
    """The summary of one source: ``sentences`` are its body sentences (model ``Sentence``),
    ``mentions`` anchor -> [(actor, start, end)], ``evidence`` anchor -> labels it carries."""
    mentions, evidence = mentions or {}, evidence or {}
    cands = [s for s in sentences
             if 8 <= len(s.text.split()) <= 60 and not s.text.rstrip().rstrip("”\"’'").endswith("?")]
    if not cands:
        return EMPTY()
    feats = [content(s.text) | {"@" + m[0] for m in mentions.get(s.anchor, ())}
             | {"#" + label for label in evidence.get(s.anchor, ())} for s in cands]
    bonus = [EVIDENCE_BONUS if evidence.get(s.anchor) else 0.0 for s in cands]
    chosen = sorted(_pick(_rank(feats, bonus), feats, k or _size(len(cands))),
                    key=lambda i: cands[i].start)
    picked = [cands[i] for i in chosen]
    return {"text": " ".join(s.text for s in picked), "status": "auto",
            "sentences": [{"anchor": s.anchor, "start": s.start, "end": s.end, "quote": s.text}
                          for s in picked]}


def motive_summary(motive_id: str, source_briefs: dict[str, dict], k: int = 3) -> dict:
    """The summary of a motive: its most central evidence sentences across the sources,
    at most one per source while other sources have candidates."""
    cands, seen = [], set()
    for sid in sorted(source_briefs):
        for item in source_briefs[sid].get("motives") or []:
            if not isinstance(item, dict) or item.get("motive") != motive_id \
                    or item.get("status", "auto") == "rejected" or not isinstance(item.get("quote"), str):
                continue
            key = (sid, item.get("start"))
            if key in seen:
                continue
            seen.add(key)
            cands.append((sid, item))
    if not cands:
        return EMPTY()
    feats = [content(item["quote"]) for _, item in cands]
    bonus = [0.1 if item.get("status") in ("confirmed", "manual") else 0.0 for _, item in cands]
    chosen = _pick(_rank(feats, bonus), feats, k, group=[sid for sid, _ in cands])
    picked = sorted((cands[i] for i in chosen), key=lambda c: (c[0], c[1].get("start") or 0))
    return {"text": " ".join(item["quote"] for _, item in picked), "status": "auto",
            "sentences": [{"source": sid, "anchor": item.get("anchor"), "start": item.get("start"),
                           "end": item.get("end"), "quote": item["quote"]} for sid, item in picked]}
