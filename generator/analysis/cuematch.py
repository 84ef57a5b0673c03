"""Cue phrases located in a sentence: like ``extract.cues.CueIndex`` but with token positions.

The analysis needs to know *where* a cue stands (who is named before it, who after), which the
motive classifier does not; the phrase syntax is the same (inflections, ``word*``, ``...``,
``@actor-id``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..extract.cues import Token, _steps

__all__ = ["Hit", "PhraseIndex", "actors_at"]


@dataclass(frozen=True)
class Hit:
    key: object
    phrase: str
    first: int      # index of the cue's first token
    last: int       # index of its last token (inclusive)


class PhraseIndex:
    def __init__(self):
        self._by_form: dict[str, list] = {}
        self._other: list = []   # phrases that open with a prefix, an actor or a gap

    def add(self, key, phrase: str) -> None:
        steps = _steps(phrase)
        if not steps:
            return
        if steps[0].kind == "word":
            for form in steps[0].value:
                self._by_form.setdefault(form, []).append((key, phrase, steps))
        else:
            self._other.append((key, phrase, steps))

    def __bool__(self) -> bool:
        return bool(self._by_form or self._other)

    def find(self, tokens: list[Token], actors: dict[int, tuple[str, int]] | None = None) -> list[Hit]:
        """Every cue occurrence, leftmost-shortest per (key, phrase, first token)."""
        actors = actors or {}
        hits = []
        for i, tok in enumerate(tokens):
            for key, phrase, steps in [*self._by_form.get(tok.lower, ()), *self._other]:
                ends = _ends(tokens, i, steps, actors)
                if ends:
                    hits.append(Hit(key, phrase, i, min(ends) - 1))
        return hits


def _ends(tokens, i, steps, actors) -> set[int]:
    """The token indexes just after each way ``steps`` can match from ``i``."""
    if not steps:
        return {i}
    step, rest = steps[0], steps[1:]
    if step.kind == "gap":
        out: set[int] = set()
        for j in range(i, min(len(tokens), i + step.value) + 1):
            out |= _ends(tokens, j, rest, actors)
        return out
    if i >= len(tokens):
        return set()
    tok = tokens[i]
    if step.kind == "actor":
        m = actors.get(i)
        return _ends(tokens, m[1], rest, actors) if m and m[0] == step.value else set()
    if step.kind == "word" and tok.lower in step.value \
            or step.kind == "prefix" and tok.lower.startswith(step.value):
        return _ends(tokens, i + 1, rest, actors)
    return set()


def actors_at(tokens: list[Token], offset: int, mentions) -> dict[int, tuple[str, int]]:
    """Mentions (actor, start, end in file offsets) as {first token index: (actor, index after)}."""
    out = {}
    for actor, start, end in mentions:
        first = next((i for i, t in enumerate(tokens) if offset + t.start >= start), None)
        if first is None:
            continue
        after = first
        while after < len(tokens) and offset + tokens[after].start < end:
            after += 1
        out[first] = (actor, max(after, first + 1))
    return out
