"""Content words of a sentence, for overlap measures (summaries, timeline).

Stems are cached per word form as written (``_FORMS``: the form's stem, or None for a stopword
or a word of two letters or fewer), so a word costs one dictionary probe after its first
occurrence; ``content`` is cached per text (the same quote is read by the source summary, the
motive summary, the site and the timeline).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
STOPWORDS = frozenset("""
a about above after again against all also although am among an and another any are as at be
because been before being below between both but by can cannot could did do does doing down during
each even ever every few for from further had has have having he her here hers him his how however
i if in into is it its itself just last least less like made make many may might more most much must
my neither never no nor not now of off on once one only or other our out over own per rather said
same say says she should since so some still such than that the their them then there these they
this those though through thus to too under until up upon us very was we were what when where
whether which while who whom whose why will with within without would yet you your also already
recently currently according new first second third fourth part way well since
""".split())
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s")
_FORMS_MAX = 500_000   # word forms kept before the cache starts over (a long-running server)


def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    for suffix in SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return w


def _form(word: str) -> str | None:
    """The stem of a content word, None for a stopword or a short word."""
    if len(word) <= 2 or word.lower().replace("’", "'").split("'")[0] in STOPWORDS:
        return None
    return stem(word)


class _Forms(dict):
    """Word form -> ``_form`` of it, computed on first use (``__missing__``), so that a text's
    words are looked up by one C-level ``map``."""

    def __missing__(self, word: str) -> str | None:
        found = self[word] = _form(word)
        return found


_FORMS = _Forms()


@lru_cache(maxsize=8192)
def content(text: str) -> frozenset[str]:
    """The stems of the content words of ``text``."""
    if len(_FORMS) > _FORMS_MAX:
        _FORMS.clear()
    out = set(map(_FORMS.__getitem__, WORD.findall(text)))
    out.discard(None)   # the stopwords and short words
    return frozenset(out)


def cosine(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))
