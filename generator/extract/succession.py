"""When a page without its own date was written, as far as a succession goes: a text that
speaks of the successor in power as of now ("the Taliban government", "since the Taliban
returned to power") was written after the succession (``succeeded`` in the taxonomy), so that
the names that passed ("Kabul") are the successor's."""
from __future__ import annotations

import re

# What a successor's name does when it holds power: "the Taliban government", "Taliban-led
# authorities", "the Taliban returned to power", "after the Taliban seized power", "the Taliban
# takeover"; a country it governs ("Taliban-ruled"), a minister or ministry of its own ("the
# Taliban's acting foreign minister") (the successor's names are the taxonomy's).
IN_POWER = (r"(?:{names})(?:[-\s]led)?\s+(?:government|administration|authorities|rulers)\b"
            r"|(?:{names})-(?:governed|ruled)\b"
            r"|(?:{names})(?:[’']s)?\s+(?:(?i:acting|interim)\s+)?(?:(?i:deputy)\s+)?"
            r"(?:(?i:prime|foreign|defen[cs]e|interior)\s+)?(?i:minist(?:er|ry))\b"
            r"|(?:{names})(?:[’']s)?\s+(?:(?:has\s+|had\s+)?(?:returned|return|came|come|rise|rose|swept|restored)(?:\s+back)?"
            r"\s+to\s+power|(?:has\s+|had\s+)?(?:took|seized|regained|retook)\s+(?:power|over|control)\b|takeover\b)")
# What IN_POWER cannot match without: a sentence with none of them is not searched
POWER_WORDS = ("government", "administration", "authorities", "rulers", "power", "took", "seized",
               "regained", "retook", "takeover", "-governed", "-ruled", "inist")
EARLIER = re.compile(r"\b(?:former|previous|ousted|toppl\w*|overthr\w*|fall\s+of|1990s)\b|\b(1[6-9]\d\d|20\d\d)\b", re.I)


def in_power(taxonomy) -> tuple:
    """(since, pattern) for each actor that takes another's names at a date."""
    out = []
    ids = {a.id: a for a in taxonomy.actors}
    for a in taxonomy.actors:
        if a.succeeded and a.succeeded[0] in ids:
            by = ids[a.succeeded[0]]
            names = "|".join(re.escape(n) for n in sorted({by.name, *by.aliases}, key=len, reverse=True))
            out.append((a.succeeded[1], re.compile(r"\b" + IN_POWER.format(names=names))))
    return tuple(out)


def has_passed(since: str, date: str | None) -> bool:
    """Whether an article of ``date`` (YYYY[-MM[-DD]]) was written once the succession of
    ``since`` (YYYY or YYYY-MM) had happened."""
    return bool(date) and date[:len(since)] >= since


def earlier(text: str, since: str) -> bool:
    """Whether a sentence speaks of a time before ``since`` (YYYY or YYYY-MM)."""
    for m in EARLIER.finditer(text):
        if m[1] is None or m[1] < since[:4]:
            return True
    return False
