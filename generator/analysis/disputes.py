"""Disputed points: the claims on each question gathered across sources, and whether they clash.

Each statement's value is read as a number range or a level. Numbers: "between 1,000 and
3,000" is 1,000-3,000; "tens of thousands" 10,000-99,999 ("hundreds", "thousands", "dozens",
"scores" alike); "more than N" N-1.5N; "less than N" 0.5N-N; "about N" 0.9N-1.1N; "up to X"
is read as X (the source names X as the scale); million/billion multiply; percent, money
and counts are different dimensions and are not compared with each other. Levels come from the
question's ``levels`` words: none < low < high.

Two statements from different sources disagree when
- both are numbers of the same dimension whose ranges are more than a factor of two apart
  (the larger lower bound exceeds twice the smaller upper bound);
- one says the thing does not exist (level none) and the other gives a positive number or a
  level low or high;
- one says low and the other high.
A group is *disputed* when any two of its statements disagree; its ``reasons`` say which.
"""
from __future__ import annotations

import re

from ..briefs.format import visible
from ..briefs.taxonomy import Question, questions
from ..text.cues import PhraseIndex, tokenize

__all__ = ["reading", "group_claims", "Questions", "disagree", "FACTOR"]

FACTOR = 2.0
NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "hundred": 1e2}
VAGUE = [("tens of thousands", 1e4, 99_999), ("hundreds of thousands", 1e5, 999_999),
         ("tens of millions", 1e7, 99_999_999), ("millions", 1e6, 9_999_999),
         ("thousands", 1e3, 9_999), ("hundreds", 100, 999), ("scores", 40, 99), ("dozens", 24, 99)]


def _numbers(value: str) -> list[float]:
    out = []
    for m in NUM.finditer(value):
        n = float(m.group().replace(",", ""))
        after = value[m.end():m.end() + 12].lower()
        for word, mult in SCALE.items():
            if re.match(rf"\s*{word}\b", after):
                n *= mult
                break
        out.append(n)
    return out


def _dimension(value: str) -> str:
    low = value.lower()
    if "%" in value or "percent" in low or "per cent" in low:
        return "percent"
    if any(s in value for s in "$£€") or "dollar" in low:
        return "money"
    return "count"


def _number_reading(value: str) -> dict | None:
    low = value.lower()
    nums = _numbers(value)
    if not nums:
        for phrase, lo, hi in VAGUE:
            if phrase in low:
                return {"kind": "number", "low": lo, "high": hi, "dimension": _dimension(value)}
        return None
    if len(nums) >= 2 and re.search(r"between|\bto\b|[-–]|\bor\b|\band\b", low):
        lo, hi = min(nums[:2]), max(nums[:2])
    else:
        n = nums[0]
        if re.search(r"more than|over|at least|upwards of|in excess of", low):
            lo, hi = n, n * 1.5
        elif re.search(r"less than|fewer than|under|at most", low):
            lo, hi = n * 0.5, n
        elif re.search(r"about|around|approximately|roughly|nearly|almost|some", low):
            lo, hi = n * 0.9, n * 1.1
        else:
            lo, hi = n, n
    return {"kind": "number", "low": lo, "high": hi, "dimension": _dimension(value)}


def _level_index(q: Question) -> PhraseIndex:
    index = PhraseIndex()
    for lv, phrases in q.levels:
        for p in phrases:
            index.add(lv, p)
    return index


def reading(value, q: Question, index: PhraseIndex | None = None) -> dict:
    """What a statement's value says: a number range, a level, or unknown."""
    if not isinstance(value, str) or not value.strip():
        return {"kind": "unknown"}
    number = _number_reading(value)
    if number:
        return number
    hits = (index or _level_index(q)).find(tokenize(value))
    if hits:
        best = min(hits, key=lambda h: (-(h.last - h.first), h.first))
        return {"kind": "level", "level": best.key}
    return {"kind": "unknown"}


def disagree(a: dict, b: dict) -> str | None:
    """Why two readings disagree, or None."""
    if a["kind"] == "unknown" or b["kind"] == "unknown":
        return None
    if a["kind"] == b["kind"] == "number":
        if a["dimension"] != b["dimension"]:
            return None
        lo, hi = (a, b) if a["high"] <= b["high"] else (b, a)
        if hi["low"] > FACTOR * lo["high"]:
            return "figures more than a factor of two apart"
        return None
    levels = [x.get("level") for x in (a, b) if x["kind"] == "level"]
    other = b if a["kind"] == "level" and a["level"] == "none" else a
    if "none" in levels and (other["kind"] == "number" and other["high"] > 0
                             or other.get("level") in ("low", "high")):
        return "said not to exist against a stated size"
    if sorted(levels) == ["high", "low"]:
        return "called small against called large"
    return None


def group_claims(taxonomy, source_briefs: dict[str, dict]) -> list[dict]:
    """One group per question that has statements: ``{question, name, motive, unit, kind,
    statements: [{source, id, value, quote, anchor, start, end, status, reading}], sources,
    disputed, reasons: [{reason, a: index, b: index}]}`` in taxonomy order."""
    asked = Questions(taxonomy)
    found: list[list[dict]] = [[] for _ in asked.questions]
    for sid in sorted(source_briefs):
        for n, statements in asked.statements(sid, source_briefs[sid]).items():
            found[n].extend(statements)
    return [g for n, statements in enumerate(found) if (g := asked.group(n, statements))]


def motive_index(groups: list[dict]) -> dict[str, list[int]]:
    """Each motive's groups (``group_claims``): ``{motive: [group index]}``, in the groups' order;
    a group whose question belongs to no motive is in none."""
    by_motive: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        if g["motive"]:
            by_motive.setdefault(g["motive"], []).append(i)
    return by_motive


class Questions:
    """The taxonomy's questions, each with its level words indexed once."""

    def __init__(self, taxonomy) -> None:
        self.questions = questions(taxonomy.extra.get("questions"))
        self.indexes = [_level_index(q) for q in self.questions]
        self.at: dict[str, list[int]] = {}
        for n, q in enumerate(self.questions):
            self.at.setdefault(q.id, []).append(n)

    def statements(self, sid: str, brief: dict) -> dict[int, list[dict]]:
        """One source's statements, by the number of the question they answer, in brief order."""
        out: dict[int, list[dict]] = {}
        for c in visible(brief.get("claims")):
            asked = c.get("question")
            for n in self.at.get(asked, ()) if isinstance(asked, str) else ():
                out.setdefault(n, []).append(
                    {"source": sid, "id": c.get("id"), "value": c.get("value"), "quote": c.get("quote"),
                     "anchor": c.get("anchor"), "start": c.get("start"), "end": c.get("end"),
                     "status": c.get("status", "auto"),
                     "reading": reading(c.get("value"), self.questions[n], self.indexes[n])})
        return out

    def group(self, n: int, statements: list[dict]) -> dict | None:
        """The group of question ``n`` with ``statements`` (in source order), or None if none."""
        if not statements:
            return None
        q = self.questions[n]
        reasons, capped = _reasons(statements)
        return {"question": q.id, "name": q.name, "motive": q.motive, "unit": q.unit,
                "kind": q.kind, "statements": statements,
                "sources": sorted({s["source"] for s in statements}),
                "disputed": bool(reasons), "reasons": reasons, "reasons_capped": capped}


MAX_REASONS = 200


def _reasons(statements: list[dict]) -> tuple[list[dict], bool]:
    """Pairs of statements from different sources that disagree, in statement order, at most
    MAX_REASONS of them. Statements are grouped by reading first: a corpus of thousands of
    sources gives thousands of statements but few distinct readings, and only pairs of
    readings are compared."""
    by_reading: dict[str, list[int]] = {}
    for i, s in enumerate(statements):
        by_reading.setdefault(repr(sorted(s["reading"].items())), []).append(i)
    keys = list(by_reading)
    clashing = {}
    for x, kx in enumerate(keys):
        for ky in keys[x:]:
            why = disagree(statements[by_reading[kx][0]]["reading"], statements[by_reading[ky][0]]["reading"])
            if why:
                clashing[(kx, ky)] = clashing[(ky, kx)] = why
    found = []
    for (kx, ky), why in clashing.items():
        taken = 0
        for i in by_reading[kx]:
            for j in by_reading[ky]:
                if i < j and statements[i]["source"] != statements[j]["source"]:
                    found.append((i, j, why))
                    taken += 1
                    if taken > MAX_REASONS:
                        break
            if taken > MAX_REASONS:
                break
    found.sort()
    reasons = [{"reason": why, "a": i, "b": j} for i, j, why in found[:MAX_REASONS]]
    return reasons, len(found) > MAX_REASONS

