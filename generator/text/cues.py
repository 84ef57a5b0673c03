"""Token-level cue matching: phrases with inflections, prefixes, gaps and actor references.

The taxonomy's cue language (see ``briefs.taxonomy``), used by extraction (motives,
counterarguments, relations, claims) and by the analysis (the levels of a claim's value). A
sentence is tokenised once; each cue phrase is looked up by the forms of its first word, so
matching costs a dictionary probe per token rather than a regular expression per cue.
``PhraseIndex`` also says where a cue stands (who is named before it, who after).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import NamedTuple

# a letter or digit, then word characters with apostrophes inside, never at the end: the
# definition ``[A-Za-z0-9](?:[\w’']*\w)?``, written so that no match backtracks off its end
WORD = re.compile(r"[A-Za-z0-9]\w*(?:[’']+\w+)*")
_WORDS_SPLIT = re.compile(f"({WORD.pattern})")   # split keeps the words: [gap, word, gap, ...]
POSSESSIVE = re.compile(r"[’']s?$")
GAP = 4  # words a "..." may skip
PREFIX_KEY = 3  # prefix cues are filed under their first letters


# A token is a plain tuple (text, lower, start, end): the word as written, possessive stripped
# ("Russia’s" -> "Russia"), lowered, and its offsets into the sentence's text. Read by position
# (``tok[TEXT]``): a named tuple's instance took four times the work to make, free and read,
# about 2% of an extraction, for some 900 tokens an article.
Token = tuple[str, str, int, int]
TEXT, LOWER, START, END = 0, 1, 2, 3


@lru_cache(maxsize=1024)
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (cached: extraction and analysis both read each sentence)."""
    lower = text.lower()
    # Lowercasing the sentence once lowers each word as lowering it alone would, unless a
    # letter changes length ("İ") or depends on its neighbours (a final "Σ"): then word by word.
    if len(lower) != len(text) or "Σ" in text:
        return tuple(_word_token(m.group(), m.start()) for m in WORD.finditer(text))
    # The words and what lies between them by one split, their offsets by adding up the
    # pieces' lengths, the tokens made by zip: C loops, not one Python step per word.
    pieces = _WORDS_SPLIT.split(text)
    words = pieces[1::2]
    if not words:
        return ()
    offsets = list(accumulate(map(len, pieces)))
    starts, ends = offsets[0:-1:2], offsets[1::2]
    # the words lowered in one call (a space is in no word): as slices of ``lower`` would be
    lowers = " ".join(words).lower().replace("’", "'").split(" ")
    if "’s" in text or "'s" in text:   # possessives: "Russia’s" -> "Russia"
        for i, word in enumerate(words):
            if len(word) > 2 and word[-1] == "s" and word[-2] in "’'":
                words[i], lowers[i], ends[i] = word[:-2], lowers[i][:-2], ends[i] - 2
    return tuple(zip(words, lowers, starts, ends))


def _word_token(word: str, start: int) -> Token:
    if len(word) > 2 and word[-2] in "’'" and word[-1] == "s":
        word = word[:-2]
    return (word, word.lower().replace("’", "'"), start, start + len(word))


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


@lru_cache(maxsize=8192)
def _steps(phrase: str) -> tuple[_Step, ...]:
    """The steps of a cue phrase (cached: the relation and question cues go into three indexes
    each, and a phrase often serves several labels; the steps are immutable)."""
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
    return tuple(steps)


class CueIndex:
    """Many cue phrases, each tagged with a key (e.g. ("motive", "opium", "any", 0)).

    Per word form the index keeps the cues that open with it (cached, prefix cues included),
    each with the word forms its rest needs: a sentence without one of them cannot match."""

    def __init__(self):
        self._by_form: dict[str, list[tuple[object, str, tuple, tuple]]] = {}
        self._prefix: dict[str, list[tuple[str, object, str, tuple, tuple]]] = {}
        self._prefix_lengths: list[int] = []
        self._by_actor: dict[str, list[tuple[object, str, tuple, tuple]]] = {}
        # per actor, its cues by number in ``_by_actor[actor]``, filed by what each needs first:
        # ({word form: [number]}, {prefix: [number]}, [the numbers of those that need nothing])
        self._actor_needs: dict[str, tuple[dict, dict, list]] = {}
        self.added: list[tuple[object, str]] = []   # (key, phrase) in the order added
        self._live: set[str] = set()   # the forms in _cache that open a cue
        self._cache = _Openers(self)   # word form -> the cues that open with it (found on first use)
        self._need_prefixes: set[str] = set()          # prefixes some cue's rest needs
        # word forms seen, and those of them that start with a needed prefix -> the prefixes
        self._forms_seen: set[str] = set()
        self._form_prefixes: dict[str, frozenset] = {}
        self._prefixed: set[str] = set()   # the keys of _form_prefixes

    def add(self, key, phrase: str) -> None:
        steps = _steps(phrase)
        if not steps:
            return
        self.added.append((key, phrase))
        self._cache.clear()
        self._live.clear()
        self._forms_seen.clear()
        self._form_prefixes.clear()
        self._prefixed.clear()
        first, rest = steps[0], tuple(steps[1:])
        # what the rest needs in the sentence: word forms (a set) or a prefix (a str)
        need = tuple(step.value for step in rest if step.kind in ("word", "prefix"))
        self._need_prefixes.update(step.value for step in rest if step.kind == "prefix")
        if first.kind == "word":
            for form in first.value:
                self._by_form.setdefault(form, []).append((key, phrase, rest, need))
        elif first.kind == "prefix":
            self._prefix.setdefault(first.value[:PREFIX_KEY], []).append(
                (first.value, key, phrase, rest, need))
            # the lengths prefix cues are filed under (not worked out again for every new word)
            self._prefix_lengths = sorted({min(len(k), PREFIX_KEY) for k in self._prefix})
        elif first.kind == "actor":
            cues = self._by_actor.setdefault(first.value, [])
            cues.append((key, phrase, rest, need))
            by_form, by_prefix, free = self._actor_needs.setdefault(first.value, ({}, {}, []))
            if not need:
                free.append(len(cues) - 1)
            elif need[0].__class__ is str:
                by_prefix.setdefault(need[0], []).append(len(cues) - 1)
            else:
                for form in need[0]:
                    by_form.setdefault(form, []).append(len(cues) - 1)

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
        """Every cue occurrence as (key, phrase, first token, last token), leftmost-shortest;
        at one token, word cues before the cues that open with an actor."""
        out, forms, prefixes, n = [], None, None, len(tokens)
        lowers = list(map(_LOWER, tokens))
        opening = list(map(self._cache.__getitem__, lowers))   # () for most words
        for i in compress(range(n), opening):   # the tokens that open a cue, found in C
            following = lowers[i + 1] if i + 1 < n else None
            for key, phrase, rest, need, second in opening[i]:
                if not rest:   # a one-word cue: found
                    out.append((key, phrase, i, i))
                    continue
                if second is not None and following not in second:
                    continue   # the common case, decided by one set probe
                if forms is None:
                    forms, prefixes = self._forms(tokens)
                if _needs_met(need, forms, prefixes):
                    end = _end(tokens, i + 1, rest, actors_at)
                    if end is not None:
                        out.append((key, phrase, i, end - 1))
        if actors_at and self._by_actor:
            opened = sorted((i, after, actor) for i, (actor, after) in actors_at.items() if actor in self._by_actor)
            if opened:
                # An actor's cues whose needed words the sentence has, in the order added: worked
                # out once per actor named, not once per mention (a sentence names the subject's
                # actors over and over, and most of their cues need a word it lacks).
                live: dict = {}
                for i, after, actor in opened:
                    cues = live.get(actor)
                    if cues is None:
                        if forms is None:
                            forms, prefixes = self._forms(tokens)
                        cues = live[actor] = self._actor_cues(actor, forms, prefixes)
                    for key, phrase, rest, _ in cues:
                        if not rest:   # the actor alone: found
                            out.append((key, phrase, i, after - 1))
                            continue
                        end = _end(tokens, after, rest, actors_at)
                        if end is not None:
                            out.append((key, phrase, i, end - 1))
                out.sort(key=_FIRST)   # stable: word cues stay first at a token
        return out

    def _actor_cues(self, actor: str, forms: set, prefixes: set) -> list:
        """The cues that open with ``actor`` whose needed words a sentence of word forms
        ``forms`` has, in the order added: only those filed under a form or prefix it has are
        checked (most need a word the sentence lacks)."""
        by_form, by_prefix, free = self._actor_needs[actor]
        numbers = list(free)
        for form in forms.intersection(by_form):   # (C: over the few forms filed)
            numbers += by_form[form]
        for prefix in prefixes.intersection(by_prefix):
            numbers += by_prefix[prefix]
        cues = self._by_actor[actor]
        return [cues[k] for k in sorted(set(numbers)) if _needs_met(cues[k][3], forms, prefixes)]

    def _forms(self, tokens) -> tuple[set, set]:
        """The sentence's word forms, and the prefixes some cue needs that they start with (by
        set operations in C: a form is looked at once, when first seen, and few start with one)."""
        forms = set(map(_LOWER, tokens))
        cache = self._form_prefixes
        if not forms <= self._forms_seen:
            for form in forms - self._forms_seen:
                has = frozenset(p for p in self._need_prefixes if form.startswith(p))
                if has:
                    cache[form] = has
                    self._prefixed.add(form)
            self._forms_seen |= forms
        prefixes: set = set()
        for form in forms & self._prefixed:
            prefixes |= cache[form]
        return forms, prefixes

    def __bool__(self) -> bool:
        return bool(self._by_form or self._prefix or self._by_actor)

    def _candidates(self, lower: str) -> tuple:
        """The cues that start with this word form, in the order they were added, each as
        (key, phrase, rest, need, the forms its second word may take or None)."""
        cands = list(self._by_form.get(lower, ()))
        for n in self._prefix_lengths:
            for pre, key, phrase, rest, need in self._prefix.get(lower[:n], ()):
                if lower.startswith(pre):
                    cands.append((key, phrase, rest, need))
        return tuple((*c, c[2][0].value if c[2] and c[2][0].kind == "word" else None) for c in cands)


class _Openers(dict):
    """A ``CueIndex``'s word form -> the cues that open with it, looked up on first use (so
    that a sentence's forms are probed by one C-level ``map``); a form that opens one is
    added to the index's ``_live``."""

    def __init__(self, index: CueIndex):
        super().__init__()
        self.index = index

    def __missing__(self, form: str) -> tuple:
        cands = self[form] = self.index._candidates(form)
        if cands:
            self.index._live.add(form)
        return cands


_LOWER = itemgetter(1)   # a token's ``lower``


def _needs_met(need: tuple, forms: set, prefixes: set) -> bool:
    """Whether a sentence of word forms ``forms`` (``prefixes``: the needed prefixes they start
    with) has every word form or prefix a cue's rest needs."""
    for f in need:
        if f.__class__ is str:   # a prefix
            if f not in prefixes:
                return False
        elif f.isdisjoint(forms):
            return False
    return True


_FIRST = itemgetter(2)   # a hit's first token


def _end(tokens, i, steps, actors_at) -> int | None:
    """The index just after the shortest way ``steps`` match from ``i``, or None."""
    n = len(tokens)
    for s, step in enumerate(steps):
        kind = step.kind
        if kind == "gap":
            rest = steps[s + 1:]
            places = range(i, min(n, i + step.value) + 1)
            after = rest[0] if rest else None
            if after is not None and after.kind == "word":   # go deeper only where it can go on
                places = [j for j in places if j < n and tokens[j][LOWER] in after.value]
            elif after is not None and after.kind == "prefix":
                places = [j for j in places if j < n and tokens[j][LOWER].startswith(after.value)]
            for j in places:
                end = _end(tokens, j, rest, actors_at)
                if end is not None:
                    return end
            return None
        if i >= n:
            return None
        if kind == "word":
            if tokens[i][LOWER] not in step.value:
                return None
            i += 1
        elif kind == "prefix":
            if not tokens[i][LOWER].startswith(step.value):
                return None
            i += 1
        else:   # an actor: the mention that starts here must be that actor's
            mention = actors_at.get(i) if actors_at else None
            if not mention or mention[0] != step.value:
                return None
            i = mention[1]
    return i


# ---- cues located in a sentence (``Hit``: token positions) ---------------------------

class Hit(NamedTuple):   # a tuple: made ~5 times faster than a frozen dataclass (hundreds an article)
    key: object
    phrase: str
    first: int      # index of the cue's first token
    last: int       # index of its last token (inclusive)


_as = tuple.__new__   # Hit(...) calls a Python-level __new__; this makes the same tuple


class PhraseIndex(CueIndex):
    """A ``CueIndex`` whose hits say where the cue stands."""

    def find(self, tokens: list[Token], actors: dict[int, tuple[str, int]] | None = None) -> list[Hit]:
        return list(map(_as, repeat(Hit), super().find(tokens, actors)))

    def may_match(self, tokens: list[Token], actors=()) -> bool:
        """Whether a cue could start in ``tokens``: a token's form is the form of a cue's first
        word or starts with a prefix cue's first word (set operations on the forms ``find``
        has looked up before), or one of ``actors`` (ids) opens a cue. When False, ``find``
        finds nothing, so a caller can skip the sentence (and placing its mentions)."""
        if self._by_actor and any(a in self._by_actor for a in actors):
            return True
        forms = set(map(_LOWER, tokens))
        cache = self._cache
        for form in forms:
            if form not in cache:   # a form never seen: looked up once (``_Openers.__missing__``)
                cache[form]   # noqa: B018
        return not self._live.isdisjoint(forms)


def actors_at(tokens: list[Token], offset: int, mentions) -> dict[int, tuple[str, int]]:
    """Mentions (actor, start, end in file offsets) as {first token index: (actor, index after)}."""
    out = {}
    for actor, start, end in mentions:
        first = next((i for i, t in enumerate(tokens) if offset + t[START] >= start), None)
        if first is None:
            continue
        after = first
        while after < len(tokens) and offset + tokens[after][START] < end:
            after += 1
        out[first] = (actor, max(after, first + 1))
    return out
