"""A state named by its border ("the Tajik border", "bordered by Uzbekistan", "on the borders
of Tajikistan and Uzbekistan") is geography, not an actor; its border guards are the state's."""
from __future__ import annotations

from ..text.cues import END, LOWER, START

# A state's border named: "the Tajik border", "Pakistan's border with ...", "bordering Iran",
# "along the borders of Iran", "bordered on the east by the mountain states Kyrgyzstan and China".
BORDER = frozenset("border borders bordered bordering frontier frontiers borderlands".split())


def may_name_border(text: str) -> bool:
    """Whether ``text`` may name a border at all: substrings of every ``BORDER`` word, found in C
    (most pages and sentences name none, and are not tokenised against ``BORDER``)."""
    return "order" in text or "rontier" in text


CLAUSE_WORDS = frozenset("that which who whom where when while but because said says told".split())
# ... but a border's guards, police or troops are the state's ("Tajik border guards were on alert")
BORDER_ORGANS = frozenset("""guard guards guardsmen police troops forces force service services
officials officers agency patrol patrols units""".split())


def frontier(text, tokens, first, end) -> bool:
    """Whether the name at tokens[first:end] stands for a stretch of border, not the state: a
    border word right after it (or after a name hyphened to it: "the Afghanistan-Tajikistan
    border"), or before it in the same clause, at most eight words back."""
    n = len(tokens)
    if end < n and tokens[end][LOWER] in BORDER:
        return not guarded(tokens, end)
    if end + 1 < n and tokens[end + 1][LOWER] in BORDER and text[tokens[end - 1][END]:tokens[end][START]] == "-":
        return not guarded(tokens, end + 1)
    for k in range(first - 1, max(-1, first - 9), -1):
        if any(c in text[tokens[k][END]:tokens[k + 1][START]] for c in ",;:.()") or tokens[k][LOWER] in CLAUSE_WORDS:
            return False
        if tokens[k][LOWER] in BORDER:
            return not guarded(tokens, k)
    return False


def guarded(tokens, k) -> bool:
    return k + 1 < len(tokens) and tokens[k + 1][LOWER] in BORDER_ORGANS
