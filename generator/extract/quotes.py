"""Direct quotes and their speakers.

A quote is text inside double quotation marks. Its speaker comes from, in this order:
an attribution after the closing mark (", Kabulov said", ", said the envoy", ", he said"),
an attribution before it in the sentence ("X said that", "X, ..., added:", "according to X"),
or the previous quote of the paragraph when it simply continues. Marks with no speech
around them are scare quotes or names ("the “Moscow Format”") and are not quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..briefs.model import Quote, Span
from .cues import inflections

OPEN, CLOSE = "“", "”"
PRONOUNS = frozenset({"he", "she", "they", "He", "She", "They"})


@dataclass(frozen=True)
class Mark:
    start: int   # offset of the first character inside the marks
    end: int     # offset of the closing mark (or paragraph end)
    closed: bool


def find_marks(text: str, start: int, end: int) -> list[Mark]:
    """Double-quoted stretches of text[start:end] (curly pairs, else straight pairs)."""
    marks, i = [], start
    while i < end:
        o = text.find(OPEN, i, end)
        s = text.find('"', i, end)
        if o < 0 and s < 0:
            break
        if o >= 0 and (s < 0 or o < s):
            c = text.find(CLOSE, o + 1, end)
            nxt = text.find(OPEN, o + 1, end)
            if c < 0 or (0 <= nxt < c):  # unclosed: runs to the next opening or the end
                stop = nxt if nxt >= 0 else end
                marks.append(Mark(o + 1, stop, False))
                i = stop
            else:
                marks.append(Mark(o + 1, c, True))
                i = c + 1
        else:
            c = text.find('"', s + 1, end)
            if c < 0:
                break
            marks.append(Mark(s + 1, c, True))
            i = c + 1
    return marks


class Attributor:
    def __init__(self, speech_verbs):
        forms = set()
        for verb in speech_verbs:
            words = verb.lower().split()
            if len(words) == 1:
                forms |= inflections(words[0])
            else:
                forms.add(" ".join(words))
        forms |= {"said", "told", "wrote", "according to"}
        alternation = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
        self.verb = re.compile(rf"\b(?:{alternation})\b", re.I)

    def trailing(self, tail: str):
        """Attribution right after a closing mark: ', Kabulov said' or ', said X' / ', he said'."""
        verb = self.verb.pattern
        m = re.match(rf"\s*[,—–-]?\s*(?P<who>[^,.;:“”]{{1,80}}?)\s+{verb}", tail, re.I)
        if m:
            return m.start("who"), m.end("who")
        m = re.match(rf"\s*[,—–-]?\s*{verb}\s+(?P<who>[^,.;:“”]{{1,80}})", tail, re.I)
        if m:
            return m.start("who"), m.end("who")
        return None

    def leading(self, head: str) -> bool:
        """Does the text before an opening mark introduce speech?"""
        return bool(self.verb.search(head)) or head.rstrip().endswith(":")


def quote_span(text: str, mark: Mark) -> tuple[int, int]:
    s, e = mark.start, mark.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def make_quote(text, s, e, anchor, speaker, speaker_name, cue, confidence) -> Quote:
    return Quote(speaker, speaker_name, Span(text[s:e], s, e, anchor), (cue,), confidence)
