"""Cue phrases located in a sentence: like ``extract.cues.CueIndex`` but with token positions.

The analysis needs to know *where* a cue stands (who is named before it, who after), which the
motive classifier does not; the phrase syntax is the same (inflections, ``word*``, ``...``,
``@actor-id``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..extract.cues import CueIndex, Token

__all__ = ["Hit", "PhraseIndex", "actors_at"]


@dataclass(frozen=True)
class Hit:
    key: object
    phrase: str
    first: int      # index of the cue's first token
    last: int       # index of its last token (inclusive)


class PhraseIndex(CueIndex):
    """A ``CueIndex`` whose hits say where the cue stands."""

    def find(self, tokens: list[Token], actors: dict[int, tuple[str, int]] | None = None) -> list[Hit]:
        return [Hit(key, phrase, first, last) for key, phrase, first, last in super().find(tokens, actors)]

    def may_match(self, tokens: list[Token], actors=()) -> bool:
        """Whether a cue could start in ``tokens``: a token's form is the form of a cue's first
        word or starts with a prefix cue's first word (set operations on the forms ``find``
        has looked up before), or one of ``actors`` (ids) opens a cue. When False, ``find``
        finds nothing, so a caller can skip the sentence (and placing its mentions)."""
        if self._by_actor and any(a in self._by_actor for a in actors):
            return True
        forms = {t.lower for t in tokens}
        cache = self._cache
        for form in forms:
            if form not in cache:   # a form never seen: look it up once
                cands = cache[form] = self._candidates(form)
                if cands:
                    self._live.add(form)
        return not self._live.isdisjoint(forms)


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
