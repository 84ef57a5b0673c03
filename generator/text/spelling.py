"""A name's spelling key: what the transliterations of one name into English share ("Zamir
Kabulov", "Zemir Kabolov"; "Mohammad", "Muhammad", "Mohammed"; "Zabihullah", "Zabiullah";
"Lavrov", "Lavroff", "Lavrow"; "Hanif", "Haneef"; "Andrei", "Andrey"), so that one person spelled
several ways is one actor. Two names are the same person's only where every word's key agrees:
"Ashraf Ghani" and "Abdul Ghani" share a surname and stay two people.
"""
from __future__ import annotations

import re
import unicodedata

# Words inside a name that transliterations write or leave out ("al-Assad", "Assad").
_PARTICLES = frozenset("al el ul ud ur".split())
_WORDS = re.compile(r"[^\W\d_]+")
# Rewritings in order: the letters' doubled vowels as the vowel they stand for, the Russian
# endings' -ff / -w as -v, the vowels by sound (a/e, o/u, i/y), an h between vowels (silent in
# "Zabihullah"), doubled letters as one.
_REWRITES = (
    (re.compile(r"ee"), "i"), (re.compile(r"oo"), "u"),
    (re.compile(r"(?:ff|w)$"), "v"), (re.compile(r"w"), "v"),
    (re.compile(r"kh"), "k"), (re.compile(r"q"), "k"), (re.compile(r"ph"), "f"),
    (re.compile(r"[ae]"), "a"), (re.compile(r"[ou]"), "u"), (re.compile(r"[iy]"), "i"),
    (re.compile(r"(?<=[aui])h(?=[aui])"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
)


def word_key(word: str) -> str:
    """One word's key: lower case, no accents, its transliteration variants made one."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isalpha() and c.isascii())
    if w.endswith("e") and len(w) > 3 and w[-2] not in "aeiouy":
        w = w[:-1]   # "Kabolove": a silent final e (before the vowels are folded)
    for pattern, by in _REWRITES:
        w = pattern.sub(by, w)
    return w


def spelling_key(name: str) -> tuple[str, ...]:
    """A name's words' keys, particles left out: ``("zamir", "kabuluv")``."""
    return tuple(k for k in (word_key(w) for w in _WORDS.findall(name) if w.lower() not in _PARTICLES) if k)
