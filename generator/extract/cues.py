"""Token-level cue matching: phrases with inflections, prefixes, gaps and actor references.

A sentence is tokenised once; each cue phrase is looked up by the forms of its first word,
so matching costs a dictionary probe per token rather than a regular expression per cue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

WORD = re.compile(r"[A-Za-z0-9](?:[\w’']*\w)?")
POSSESSIVE = re.compile(r"[’']s?$")
GAP = 4  # words a "..." may skip
PREFIX_KEY = 3  # prefix cues are filed under their first letters


class Token(NamedTuple):
    text: str    # as written, possessive stripped ("Russia’s" -> "Russia")
    lower: str
    start: int   # offsets into the sentence's text
    end: int


@lru_cache(maxsize=1024)
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (cached: extraction and analysis both read each sentence)."""
    out = []
    for m in WORD.finditer(text):
        word, start = m.group(), m.start()
        if len(word) > 2 and word[-2] in "’'" and word[-1] == "s":
            word = word[:-2]
        out.append(Token(word, word.lower().replace("’", "'"), start, start + len(word)))
    return tuple(out)


def inflections(word: str) -> set[str]:
    """The common English inflections of a lowercase word (a light, rule-based stemmer)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


@dataclass(frozen=True)
class _Step:
    kind: str          # "word" | "prefix" | "actor" | "gap"
    value: object      # set of forms | prefix str | actor id


def _steps(phrase: str) -> list[_Step]:
    steps = []
    for part in phrase.split():
        if part == "...":
            steps.append(_Step("gap", GAP))
        elif part.startswith("@"):
            steps.append(_Step("actor", part[1:]))
        elif part.endswith("*"):
            steps.append(_Step("prefix", part[:-1].lower()))
        else:
            for w in WORD.findall(part):
                w = POSSESSIVE.sub("", w.lower().replace("’", "'")) if len(w) > 2 else w.lower()
                steps.append(_Step("word", frozenset(inflections(w))))
    return steps


class CueIndex:
    """Many cue phrases, each tagged with a key (e.g. ("motive", "opium", "any", 0))."""

    def __init__(self):
        self._by_form: dict[str, list[tuple[object, str, list[_Step]]]] = {}
        self._prefix: dict[str, list[tuple[str, object, str, list[_Step]]]] = {}
        self._by_actor: dict[str, list[tuple[object, str, list[_Step]]]] = {}
        self._cache: dict[str, list] = {}

    def add(self, key, phrase: str) -> None:
        steps = _steps(phrase)
        if not steps:
            return
        self._cache.clear()
        first, rest = steps[0], steps[1:]
        # the word forms the rest needs: a sentence without one of them cannot match
        need = tuple(step.value for step in rest if step.kind == "word")
        if first.kind == "word":
            for form in first.value:
                self._by_form.setdefault(form, []).append((key, phrase, rest, need))
        elif first.kind == "prefix":
            self._prefix.setdefault(first.value[:PREFIX_KEY], []).append(
                (first.value, key, phrase, rest, need))
        elif first.kind == "actor":
            self._by_actor.setdefault(first.value, []).append((key, phrase, rest, need))

    def match(self, tokens: list[Token], actors_at: dict[int, tuple[str, int]] | None = None) -> dict:
        """{key: [phrase, ...]} for every cue found in the tokens.

        ``actors_at`` maps the index of a mention's first token to (actor id, index after it).
        """
        hits: dict = {}
        for key, phrase, _, _ in self.find(tokens, actors_at):
            found = hits.setdefault(key, [])
            if phrase not in found:
                found.append(phrase)
        return hits

    def find(self, tokens: list[Token], actors_at: dict[int, tuple[str, int]] | None = None) -> list:
        """Every cue occurrence as (key, phrase, first token, last token), leftmost-shortest."""
        actors_at = actors_at or {}
        forms = {t.lower for t in tokens}
        out = []
        for i, tok in enumerate(tokens):
            cands = self._cache.get(tok.lower)
            if cands is None:
                cands = self._cache[tok.lower] = self._candidates(tok.lower)
            if i in actors_at:
                actor, after = actors_at[i]
                cands = [(*c, i + 1) for c in cands] + \
                    [(k, p, r, n, after) for k, p, r, n in self._by_actor.get(actor, ())]
            else:
                cands = [(*c, i + 1) for c in cands]
            for key, phrase, rest, need, start in cands:
                if need and not all(not f.isdisjoint(forms) for f in need):
                    continue
                end = _end(tokens, start, rest, actors_at)
                if end is not None:
                    out.append((key, phrase, i, end - 1))
        return out

    def __bool__(self) -> bool:
        return bool(self._by_form or self._prefix or self._by_actor)

    def _candidates(self, lower: str) -> list:
        cands = list(self._by_form.get(lower, ()))
        for n in {min(len(k), PREFIX_KEY) for k in self._prefix}:
            for pre, key, phrase, rest, need in self._prefix.get(lower[:n], ()):
                if lower.startswith(pre):
                    cands.append((key, phrase, rest, need))
        return cands


def _end(tokens, i, steps, actors_at) -> int | None:
    """The index just after the shortest way ``steps`` match from ``i``, or None."""
    if not steps:
        return i
    step = steps[0]
    if step.kind == "gap":
        for j in range(i, min(len(tokens), i + step.value) + 1):
            end = _end(tokens, j, steps[1:], actors_at)
            if end is not None:
                return end
        return None
    if i >= len(tokens):
        return None
    if step.kind == "actor":
        mention = actors_at.get(i)
        if mention and mention[0] == step.value:
            return _end(tokens, mention[1], steps[1:], actors_at)
        return None
    tok = tokens[i]
    if step.kind == "word" and tok.lower in step.value \
            or step.kind == "prefix" and tok.lower.startswith(step.value):
        return _end(tokens, i + 1, steps[1:], actors_at)
    return None
