"""A source's summary: its most central body sentences, never invented text (``text.ranking``).

Candidates are body sentences of 8 to 60 words that are not questions; a sentence's features
are its content words, the actors it names and the labels of the motives or counterarguments
it carries, and evidence sentences get a bonus (they carry the argument). The best are given
back in text order, each with its anchor and offsets so that ``text[start:end] == quote``.
A person replaces the summary in the brief; extraction never overwrites one whose status is
not auto.
"""
from __future__ import annotations

from ..briefs.model import Span, Summary
from ..text.ranking import pick, rank
from ..text.words import content

EVIDENCE_BONUS = 0.25


def _size(n_candidates: int) -> int:
    return 2 if n_candidates < 12 else 3


def source_summary(sentences, mentions: dict | None = None, evidence: dict | None = None,
                   k: int | None = None) -> Summary:
    """The summary of one source: ``sentences`` are its body sentences (model ``Sentence``),
    ``mentions`` anchor -> [(actor, start, end)], ``evidence`` anchor -> labels it carries."""
    mentions, evidence = mentions or {}, evidence or {}
    cands = [s for s in sentences
             if 8 <= len(s.text.split()) <= 60 and not s.text.rstrip().rstrip("”\"’'").endswith("?")]
    if not cands:
        return Summary(None, ())
    feats = [content(s.text) | {"@" + m[0] for m in mentions.get(s.anchor, ())}
             | {"#" + label for label in evidence.get(s.anchor, ())} for s in cands]
    bonus = [EVIDENCE_BONUS if evidence.get(s.anchor) else 0.0 for s in cands]
    chosen = sorted(pick(rank(feats, bonus), feats, k or _size(len(cands))),
                    key=lambda i: cands[i].start)
    picked = [cands[i] for i in chosen]
    return Summary(" ".join(s.text for s in picked),
                   tuple(Span(s.text, s.start, s.end, s.anchor) for s in picked))
