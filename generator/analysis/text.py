"""Content words of a sentence, for overlap measures (summaries, timeline)."""
from __future__ import annotations

import math
import re

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


def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s?$", "", w)
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return w


def content(text: str) -> frozenset[str]:
    """The stems of the content words of ``text``."""
    return frozenset(stem(w) for w in WORD.findall(text)
                     if len(w) > 2 and w.lower().replace("’", "'").split("'")[0] not in STOPWORDS)


def cosine(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))
