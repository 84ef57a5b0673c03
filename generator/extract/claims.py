"""Statements on the taxonomy's ``questions:``: a figure or a qualifying word, sentence by sentence.

A sentence answers a question when its topic cues fire (``any``, or every ``all`` group; a
``none`` cue vetoes), when the question's ``subject`` actor is named in it (or, if the sentence
names no other actor of that kind, elsewhere in its paragraph: "the group ... has between 1,000
and 3,000 fighters"), and when it gives either a figure that counts one of the question's
``units`` ("between 1,000 and 3,000 fighters", "90 percent", "$400 million") or one of its
``levels`` words ("very small", "entirely fictitious"). The value is the figure with its unit,
or the qualifying words as written; the quote is the sentence.
"""
from __future__ import annotations

import re

from ..briefs.model import Claim, Span
from ..briefs.taxonomy import LEVELS, Question
from ..text.cues import END, LOWER, START, PhraseIndex, actors_at, tokenize
from .dates import FIGURE, may_count

__all__ = ["ClaimFinder", "find_claims"]

INTENSIFIERS = frozenset("very entirely completely quite relatively extremely rather so too fairly "
                         "largely wholly totally utterly highly vanishingly".split())
YEAR = re.compile(r"(1[6-9]\d\d|20\d\d)")
SYMBOLS = ("$", "£", "€", "%")


class ClaimFinder:
    def __init__(self, qs: list[Question], actor_kinds: dict[str, str] | None = None):
        self.questions = qs
        self.kinds = actor_kinds or {}
        self.index = PhraseIndex()
        self.topics = PhraseIndex()   # the topic cues alone: no claim without one (a first filter)
        for q in qs:
            for p in q.any:
                self.index.add((q.id, "any", 0), p)
                self.topics.add((q.id, "any", 0), p)
            for g, group in enumerate(q.all):
                for p in group:
                    self.index.add((q.id, "all", g), p)
                    self.topics.add((q.id, "all", g), p)
            for p in q.none:
                self.index.add((q.id, "none", 0), p)
            for p in q.units:
                self.index.add((q.id, "unit", 0), p)
            for lv, phrases in q.levels:
                for p in phrases:
                    self.index.add((q.id, "level", lv), p)

    def find(self, sentences, mentions: dict, at: dict | None = None, hits: dict | None = None) -> list[Claim]:
        """Claims of a document's body ``sentences``; ``mentions``: anchor -> (actor, start, end).

        When the caller has them: ``at``, anchor -> its mentions as ``text.cues.actors_at``
        gives them, and ``hits``, anchor -> what ``self.index.find`` gives."""
        if not self.questions or not self.topics:
            return []
        in_paragraph: dict[int, set[str]] = {}
        for s in sentences:
            in_paragraph.setdefault(s.paragraph, set()).update(m[0] for m in mentions.get(s.anchor, ()))
        out = []
        for s in sentences:
            tokens = tokenize(s.text)
            ms = mentions.get(s.anchor, [])
            if hits is not None:
                found = hits.get(s.anchor, ())
                if not any(h.key[1] in ("any", "all") for h in found):
                    continue
            elif not self.topics.may_match(tokens, {m[0] for m in ms}):
                continue   # no question's topic cue can start here
            else:
                placed = at.get(s.anchor) if at is not None else None
                found = self.index.find(tokens, placed if placed is not None else actors_at(tokens, s.start, ms))
            by_key: dict[tuple, list] = {}
            for h in found:
                by_key.setdefault(h.key, []).append(h)
            named = {m[0] for m in ms}
            # only a question with a topic cue here can be answered (``_claim`` needs one): the
            # others are passed over without a look (most sentences carry one question's cues)
            topics = {k[0] for k in by_key if k[1] in ("any", "all")}
            for q in self.questions:
                if q.id not in topics:
                    continue
                claim = self._claim(q, s, tokens, by_key, named, in_paragraph.get(s.paragraph, set()))
                if claim:
                    out.append(claim)
        return out

    def _claim(self, q: Question, s, tokens, by_key, named, paragraph) -> Claim | None:
        if (q.id, "none", 0) in by_key:
            return None
        topic = [h.phrase for h in by_key.get((q.id, "any", 0), [])]
        groups = [by_key.get((q.id, "all", g)) for g in range(len(q.all))]
        if not topic and not (groups and all(groups)):
            return None
        topic += [h.phrase for g in groups for h in g or ()]
        direct = True
        if q.subject:
            if q.subject not in named:
                kind = self.kinds.get(q.subject)
                rivals = {a for a in named if kind and self.kinds.get(a) == kind}
                if rivals or q.subject not in paragraph:
                    return None
                direct = False
        value = _figure(s.text, tokens, by_key.get((q.id, "unit", 0), []), q.units)
        reading = "number"
        if value is None:
            value, reading, cue = _level(s.text, tokens, q, by_key)
            if value is None:
                return None
        else:
            value, cue = value
        conf = (0.7 if reading == "number" else 0.6) - (0.0 if direct else 0.1)
        cues = tuple(dict.fromkeys([*topic, cue]))
        return Claim(q.id, value, reading, Span(s.text, s.start, s.end, s.anchor), cues, round(conf, 2))


def _figure(text: str, tokens, unit_hits, units) -> tuple[str, str] | None:
    """(the first number phrase in ``text`` that counts one of ``units``, the unit cue)."""
    if not may_count(text):   # no digit, no "thousands of": FIGURE finds nothing (and tries every position)
        return None
    symbols = [u for u in units if u in SYMBOLS]
    for m in FIGURE.finditer(text):
        raw = m.group()
        value = raw.strip()
        start = m.start() + len(raw) - len(raw.lstrip())
        end = start + len(value)
        if YEAR.fullmatch(value) or re.match(r"(?:st|nd|rd|th)\b|[’']s\b", text[m.end():m.end() + 3]):
            continue
        if any(sym in value for sym in symbols):
            return text[start:end], next(sym for sym in symbols if sym in value)
        inside = [h for h in unit_hits if start <= tokens[h.first][START] < end]
        if inside:
            return text[start:end], inside[0].phrase
        after = [i for i, t in enumerate(tokens) if t[START] >= end][:4]
        for h in sorted(unit_hits, key=lambda h: h.first):
            if after and h.first in after:
                if re.search(r"[,;:.()]", text[end:tokens[h.first][START]]):
                    break
                return text[start:tokens[h.last][END]], h.phrase
    return None


def _level(text: str, tokens, q: Question, by_key) -> tuple[str | None, str, str]:
    """(the qualifying words as written, their level, the cue) — the longest, then the first."""
    hits = [(lv, h) for lv in LEVELS for h in by_key.get((q.id, "level", lv), [])
            if not _asked_or_negated(tokens, h.first)]
    if not hits:
        return None, "", ""
    lv, h = min(hits, key=lambda x: (-(x[1].last - x[1].first), x[1].first))
    first = h.first
    while first > 0 and tokens[first - 1][LOWER] in INTENSIFIERS:
        first -= 1
    return text[tokens[first][START]:tokens[h.last][END]], lv, h.phrase


def _asked_or_negated(tokens, first: int) -> bool:
    """"how strong the group is" asks; "not grave" denies: neither states a level."""
    before = [t[LOWER] for t in tokens[max(0, first - 2):first]]
    return bool(before) and before[-1] in ("how", "whether") or any(
        w in ("not", "no", "never", "hardly") or w.endswith("n't") for w in before)


def find_claims(sentences, mentions: dict, qs: list[Question],
                actor_kinds: dict[str, str] | None = None) -> list[Claim]:
    return ClaimFinder(qs, actor_kinds).find(sentences, mentions)
