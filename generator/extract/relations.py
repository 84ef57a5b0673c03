"""Typed relations between actors, sentence by sentence, from the taxonomy's ``relations:``.

A relation needs a cue of its type and two distinct actors in the same sentence. The subject
is looked for before the cue, in the cue's clause (clauses end at ; : — and at words such as
*that*, *which*, *while*, *but*): the first actor there that is not governed by a preposition
("links *with* the Taliban"), else, after a relative pronoun ("an officer *who* negotiated"),
the actor just before it. The object is the first actor after the cue, within a few words,
not past a ``stop`` word or a clause boundary. Actors joined by commas and *and* share the
role ("Pakistan, Iran and Saudi Arabia ... support"). Passive cues ("backed by") swap the
roles; a cue of a symmetric type with no subject takes its two actors after it ("a meeting
between X and Y"), and "each other" the two before it. A negation just before a cue
(not, never, cannot, ...) drops it, except for the type whose cues are denials.
Symmetric types are stored with subject and object in id order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..briefs.model import Relation, Span
from ..briefs.taxonomy import RelationType
from ..text.cues import END, LOWER, START, Hit, PhraseIndex, Token, actors_at, tokenize

__all__ = ["RelationFinder", "find_relations"]

BOUNDARY_WORDS = frozenset("that which who whom whose while whereas but although though because "
                           "since after before when if unless so whether where".split())
RELATIVE = frozenset("that which who whom whose".split())
PREPOSITIONS = frozenset("with to of for against from by in on at into about toward towards "
                         "between among than like over under through via within without "
                         "upon onto beyond behind across alongside despite regarding amid amidst".split())
DETERMINERS = frozenset("the a an its their his her our this these those any some".split())
NEGATIONS = frozenset("not no never neither nor cannot without refuse refuses refused".split())
AUXILIARIES = frozenset("is are was were be been being get gets got".split())
IRREGULAR_PARTICIPLES = frozenset("fought met held led sent hit beaten".split())
BOUNDARY_PUNCT = re.compile(r"[;:—–()\[\]“”\"]")
COORDINATION = re.compile(r"^(?:\s*,)?\s*(?:,|and|or|as well as|along with|together with)?\s*(?:the\s+)?$")
SUBJECT_WINDOW = 25   # tokens before a cue the subject may stand
OBJECT_WINDOW = 7     # tokens after a cue the object may stand


@dataclass
class _M:
    actor: str
    first: int   # token indexes [first, after)
    after: int


class RelationFinder:
    """The relation cues compiled once; ``find`` runs per sentence."""

    def __init__(self, types: list[RelationType]):
        self.types = {t.id: t for t in types}
        self.order = [t.id for t in types]
        self.index = PhraseIndex()
        self.gate = PhraseIndex()   # the cues that make a relation (not the vetoes): a first filter
        for t in types:
            for c in t.cues:
                self.index.add((t.id, "active"), c)
                self.gate.add((t.id, "active"), c)
            for c in t.passive:
                self.index.add((t.id, "passive"), c)
                self.gate.add((t.id, "passive"), c)
            for c in t.none:
                self.index.add((t.id, "none"), c)

    def find(self, sentence, mentions, at: dict | None = None, hits: list[Hit] | None = None) -> list[Relation]:
        """Relations in one sentence; ``mentions`` are (actor id, start, end) in file offsets.

        A caller that has them passes ``at``, the mentions as ``text.cues.actors_at`` gives
        them, and ``hits``, what ``self.index.find`` gives (the extractor finds every cue of a
        sentence in one scan)."""
        named = {m[0] for m in mentions}
        if len(named) < 2 or not self.gate:
            return []
        tokens = tokenize(sentence.text)
        if hits is not None:
            if not any(h.key[1] != "none" for h in hits):
                return []
        elif not self.gate.may_match(tokens, named):
            return []   # no relation cue can start here: the common case, decided cheaply
        if at is None:
            at = actors_at(tokens, sentence.start, mentions)
        ms = [_M(a, i, after) for i, (a, after) in sorted(at.items())]
        if hits is None:
            hits = self.index.find(tokens, at)
        vetoed = {k[0] for k in (h.key for h in hits) if k[1] == "none"}
        hits = _longest([h for h in hits if h.key[1] != "none" and h.key[0] not in vetoed])
        denied = any(self.types[h.key[0]].denial for h in hits)
        found: dict[tuple[str, str, str], list[str]] = {}
        confidence: dict[tuple[str, str, str], float] = {}
        for h in hits:
            rtype = self.types[h.key[0]]
            if denied and rtype.id == "negotiates":
                continue  # "denied that any contacts with Russia had taken place"
            if not rtype.denial and _negated(tokens, h.first):
                continue
            if h.key[1] == "active" and _agentless_passive(tokens, h.first):
                continue  # "were killed": who did it is not said
            if any(m.first <= h.first < m.after or m.first <= h.last < m.after for m in ms):
                continue  # the cue is part of a name
            for subj, obj, conf in self._pairs(sentence.text, tokens, ms, h, rtype):
                if subj == obj:
                    continue
                if rtype.symmetric and obj < subj:
                    subj, obj = obj, subj
                key = (rtype.id, subj, obj)
                found.setdefault(key, [])
                if h.phrase not in found[key]:
                    found[key].append(h.phrase)
                confidence[key] = max(confidence.get(key, 0.0), conf)
        if not found:
            return []   # (most sentences with a cue: no pair of actors around it)
        span = Span(sentence.text, sentence.start, sentence.end, sentence.anchor)
        return [Relation(t, s, o, span, tuple(found[(t, s, o)]), confidence[(t, s, o)])
                for (t, s, o) in sorted(found, key=lambda k: (self.order.index(k[0]), k[1], k[2]))]

    def _pairs(self, text, tokens, ms, h, rtype):
        before = [m for m in ms if m.after <= h.first]
        after = [m for m in ms if m.first > h.last]
        reciprocal = "each other" in h.phrase or "one another" in h.phrase or \
            _words(tokens, h.last + 1, 2) == ["each", "other"]
        if reciprocal:
            group = _run_back(text, tokens, before)
            return [(a.actor, b.actor, 0.6) for i, a in enumerate(group) for b in group[i + 1:]]
        objects = _object(text, tokens, after, h.last, rtype.stop)
        if not objects:
            return []   # every reading below pairs an actor after the cue: the subject is not looked for
        if h.key[1] == "passive":
            # "backed by the United States, Afghan forces": the agent after the cue is the subject;
            # the object stands before it, or after the agent when the clause opens with the cue
            agents = objects
            patients = _patient(text, tokens, before, h.first)
            if not patients and agents and h.first == _clause_start(text, tokens, h.first)[0]:
                rest = [m for m in after if m.first >= agents[-1].after]
                patients = _object(text, tokens, rest, agents[-1].after - 1, rtype.stop, window=12) \
                    if rest else []
            return [(a.actor, p.actor, 0.6) for a in agents for p in patients]
        subjects = _subject(text, tokens, before, h.first)   # (a passive cue's subject is its agent)
        if not subjects and rtype.symmetric and len(objects) >= 2:
            return [(a.actor, b.actor, 0.6) for i, a in enumerate(objects) for b in objects[i + 1:]]
        near = 0.7 if subjects and h.first - subjects[-1].after <= 6 else 0.6
        return [(s.actor, o.actor, near) for s in subjects for o in objects]


def _longest(hits):
    """Per type and first token, the longest cue only ("backed by" over "backed")."""
    best = {}
    for h in hits:
        k = (h.key[0], h.first)
        if k not in best or h.last > best[k].last:
            best[k] = h
    # a passive cue covering an active one of the same type wins
    out = list(best.values())
    passive = [h for h in out if h.key[1] == "passive"]
    return [h for h in out if h.key[1] == "passive" or not any(
        p.key[0] == h.key[0] and p.first <= h.first <= p.last for p in passive)]


def _words(tokens, i, n):
    return [t[LOWER] for t in tokens[i:i + n]]


def _negated(tokens: list[Token], first: int) -> bool:
    for i in range(max(0, first - 3), first):
        t = tokens[i][LOWER]
        if t == "not" and i + 1 < len(tokens) and tokens[i + 1][LOWER] == "only":
            continue  # "not only does Pakistan provide ..."
        if t in NEGATIONS or t.endswith("n't"):
            return True
    return False


def _agentless_passive(tokens: list[Token], first: int) -> bool:
    word = tokens[first][LOWER]
    participle = word.endswith("ed") or word in IRREGULAR_PARTICIPLES
    return participle and first > 0 and tokens[first - 1][LOWER] in AUXILIARIES


def _boundary_between(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """A clause boundary between the end of token a and the start of token b (a < b)."""
    if a < 0:
        return False
    gap = text[tokens[a][END]:tokens[b][START]]
    if gap != " " and BOUNDARY_PUNCT.search(gap):   # (most gaps: one space)
        return True
    return any(t[LOWER] in BOUNDARY_WORDS for t in tokens[a + 1:b])


def _clause_start(text: str, tokens: list[Token], cue: int) -> tuple[int, bool]:
    """(first token of the cue's clause, whether a relative pronoun opens it).

    A clause opened by a subordinating word ("After Mansour was killed, the Russians ...")
    ends at its comma when the cue stands after that comma."""
    for i in range(cue - 1, -1, -1):
        if tokens[i][LOWER] in BOUNDARY_WORDS:
            if tokens[i][LOWER] not in RELATIVE:
                commas = [j for j in range(i + 1, cue) if "," in text[tokens[j - 1][END]:tokens[j][START]]]
                if commas:
                    return commas[-1], False
            return i + 1, tokens[i][LOWER] in RELATIVE
        if i + 1 < len(tokens):
            gap = text[tokens[i][END]:tokens[i + 1][START]]
            if gap != " " and BOUNDARY_PUNCT.search(gap):   # (most gaps: one space)
                return i + 1, False
    return 0, False


def _governed(tokens: list[Token], m: _M) -> bool:
    i = m.first - 1
    while i >= 0 and tokens[i][LOWER] in DETERMINERS:
        i -= 1
    return i >= 0 and tokens[i][LOWER] in PREPOSITIONS


def _subject(text, tokens, before: list[_M], cue: int) -> list[_M]:
    start, relative = _clause_start(text, tokens, cue)
    inside = [m for m in before if m.first >= start and cue - m.after <= SUBJECT_WINDOW]
    free = [m for m in inside if not _governed(tokens, m)]
    if free:
        return _run_forward(text, tokens, free[0], before)
    if inside and inside[-1].after == cue:
        return [inside[-1]]   # "the Taliban fighting the Afghan government"
    if not inside and relative:
        prior = [m for m in before if m.after <= start - 1]
        if prior and start - 1 - prior[-1].after <= 5:
            return _run_back(text, tokens, prior)
    return []


def _patient(text, tokens, before: list[_M], cue: int) -> list[_M]:
    """Who a passive cue is done to: the actor just before it ("Pakistan has been criticized")."""
    if not before or cue - before[-1].after > 4:
        return []
    if re.search(r"[,;:—–()]", text[tokens[before[-1].after - 1][END]:tokens[cue][START]]):
        return []
    return _run_back(text, tokens, before)


def _object(text, tokens, after: list[_M], cue_last: int, stop, window: int = OBJECT_WINDOW) -> list[_M]:
    if not after:
        return []
    first = after[0]
    if first.first - cue_last > window or _boundary_between(text, tokens, cue_last, first.first):
        return []
    if any(t[LOWER] in stop for t in tokens[cue_last + 1:first.first]):
        return []
    gap = text[tokens[cue_last][END]:tokens[first.first][START]]
    if "," in gap:   # past a comma only in apposition: "allied with its former enemy, the Taliban"
        head, tail = gap.rsplit(",", 1)
        if not all(w.lower() in DETERMINERS for w in re.findall(r"[\w’']+", tail)) \
                or any(w.lower() in PREPOSITIONS for w in re.findall(r"[\w’']+", head)):
            return []
    return _run_forward(text, tokens, first, after)


def _joined(text, tokens, a: _M, b: _M) -> bool:
    return bool(COORDINATION.match(text[tokens[a.after - 1][END]:tokens[b.first][START]]))


def _run_forward(text, tokens, head: _M, ms: list[_M]) -> list[_M]:
    """``head`` and the actors coordinated after it ("Pakistan, Iran and Saudi Arabia").

    A run that does not close with *and*/*or* is an apposition, not a list, and is cut."""
    run, closed = [head], []
    for m in ms[ms.index(head) + 1:]:
        if not _joined(text, tokens, run[-1], m):
            break
        run.append(m)
        closed.append(bool(re.search(r"\b(?:and|or|with)\b", text[tokens[run[-2].after - 1][END]:tokens[m.first][START]])))
    while closed and not closed[-1]:
        closed.pop()
        run.pop()
    return _distinct(run)


def _run_back(text, tokens, before: list[_M]) -> list[_M]:
    """The last actor of ``before`` and the actors coordinated before it."""
    if not before:
        return []
    run = [before[-1]]
    for m in reversed(before[:-1]):
        if not _joined(text, tokens, m, run[0]):
            break
        run.insert(0, m)
    return _distinct(run)


def _distinct(ms: list[_M]) -> list[_M]:
    seen, out = set(), []
    for m in ms:
        if m.actor not in seen:
            seen.add(m.actor)
            out.append(m)
    return out


def find_relations(sentences, mentions: dict, types: list[RelationType]) -> list[Relation]:
    """Relations of a document: ``mentions`` maps a sentence anchor to its (actor, start, end)."""
    finder = RelationFinder(types)
    return [r for s in sentences for r in finder.find(s, mentions.get(s.anchor, []))]
