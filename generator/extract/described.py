"""A government named by a description of who backs it: "the US-backed government", "the
Western-backed regime", "the puppet government". News and the parties to the war name the
government of the country in question so (the annotators give it to that government's actor);
the state the taxonomy names only by its government ("Afghan government") is that country's.
The country's own name, an item of a list of states or bodies acting ("Russia, China and
Afghanistan met"), is that government too (``listed_host``). Both are actors of their own after
the sentence classifier's features, as shared organs are (the model and its cue features are
unchanged).
"""
from __future__ import annotations

import re

from ..text.cues import END, LOWER, START, TEXT
from .countries import CAPITALS

# Backers that describe the host government ("US-backed", "Western-backed"), not another
# state's client ("Moscow-backed" names a government in Syria or Ukraine as often).
BACKED = re.compile(r"\b(?:US|U\.S\.|American|Western|West|NATO|Washington)[-‐‑–](?:backed|supported|installed) "
                    r"(?:government|regime)s?\b|\bpuppet (?:government|regime)s?\b")
KEYS = ("backed ", "puppet ", "-supported ", "-installed ")


def may_describe(text: str) -> bool:
    """Whether a text may hold such a description at all (substring tests, in C)."""
    return any(map(text.__contains__, KEYS))


def host_government(actors) -> str | None:
    """The one state the taxonomy names by its government ("Afghan government"), or None."""
    found = [a.id for a in actors if a.kind == "state" and a.name.lower().endswith(" government")]
    return found[0] if len(found) == 1 else None


def described(sentences, tokens, at, actor_id: str) -> dict:
    """{anchor: {token of the head noun: (actor_id, end)}} of the descriptions."""
    out = {}
    for s in sentences:
        if not may_describe(s.text):
            continue
        toks = tokens[s.anchor]
        for m in BACKED.finditer(s.text):
            for i, t in enumerate(toks):
                if t[END] == m.end() and i not in at[s.anchor]:
                    out.setdefault(s.anchor, {})[i] = (actor_id, i + 1)
    return out


# ---- the host country's name among states acting ------------------------------------------
# The host state is the topic's place, so its name alone is no actor ("in Afghanistan", "the
# Afghanistan war"); an item of a list of states or bodies acting ("six countries – Russia,
# China, Iran and Afghanistan – met", "criticised India and Afghanistan") is its government.
# A list opened by a place's preposition ("in Pakistan and Afghanistan"), one that holds a
# region ("Afghanistan, Iran and Central Asia") or one near a border word is a list of places.
PLACE_OPENERS = frozenset("""in into from across near within throughout inside outside via through
around toward towards to at between beyond over""".split())
ACTING_KINDS = ("state", "organisation")
LIST_WORDS = frozenset("and or the".split())
JOINS = ("and", "or")
REGION_ENDS = frozenset("Asia Europe East Caucasus Africa America Americas Gulf Balkans".split())
# Nouns of land ("the region comprising Iran and Afghanistan", "parts of ..."): geography.
LAND = frozenset("region regions territory territories area areas parts land lands".split())


def host_country(actors, countries) -> str | None:
    """The state's own name of the taxonomy's host government ("Afghan government" ->
    "Afghanistan"), from the table of states' names and demonyms."""
    host = host_government(actors)
    if host is None:
        return None
    demonym = next(a.name for a in actors if a.id == host).split()[0]
    return next((name for name, others in countries if demonym in others), None)


def listed_host(sentences, tokens, at, actor_id: str, country: str, kind_of, places) -> dict:
    """{anchor: {token: (actor_id, end)}} of the host country's name as an item of a list
    beside a state or a body acting. ``places``: words that make a list one of places (border
    words); ``kind_of``: an actor id's kind."""
    out = {}
    for s in sentences:
        if country not in s.text:
            continue   # (in C: most sentences do not name it)
        toks, found = tokens[s.anchor], at[s.anchor]
        inside = {k for i, (_, end) in found.items() for k in range(i, end)}
        for j, t in enumerate(toks):
            if t[TEXT] == country and j not in inside and _beside_actor(s.text, toks, j, found, kind_of) \
                    and not _place_list(s.text, toks, j, places):
                out.setdefault(s.anchor, {})[j] = (actor_id, j + 1)
    return out


def _joined(text, toks, k) -> str:
    """What joins token ``k`` to the token after it: "and", "or", "," or ""."""
    if k + 1 >= len(toks):
        return ""
    gap = text[toks[k][END]:toks[k + 1][START]].strip()
    return gap if gap == "," else toks[k + 1][LOWER] if toks[k + 1][LOWER] in JOINS else ""


def _beside_actor(text, toks, j, found, kind_of) -> bool:
    """Is the name at token ``j`` an item of a list ("and" or "or" beside it, or commas with a
    join further on) whose item before or after is a state or a body? Its possessive
    ("Afghanistan’s security") names the place's affairs; a capital before it ("Kabul,
    Afghanistan") says where a city is."""
    n = len(toks)
    if text[toks[j][END]:toks[j][END] + 2] in ("’s", "'s"):
        return False
    acting = {end: i for i, (a, end) in found.items() if kind_of(a) in ACTING_KINDS}
    join_before = toks[j - 1][LOWER] if j >= 1 and toks[j - 1][LOWER] in JOINS else _joined(text, toks, j - 1) if j else ""
    join_after = _joined(text, toks, j)
    e = j - 1 if join_before in JOINS else j if join_before == "," else -1
    first = acting.get(e)
    before = first is not None and (join_before in JOINS or join_after != "" and
                                    text[toks[first][START]:toks[e - 1][END]] not in CAPITALS)
    m = j + 2 if join_after in JOINS else j + 1 if join_after == "," else n
    m += m < n and toks[m][LOWER] == "the"
    after = m < n and m in found and kind_of(found[m][0]) in ACTING_KINDS and (
        join_after in JOINS or join_before != "" or _joined(text, toks, found[m][1] - 1) != "")
    return before or after


def _place_list(text, toks, j, places) -> bool:
    """Does a place's preposition open the list of names token ``j`` stands in, or a region or
    a border word stand in or just before it?"""
    opener = False
    for k in range(j - 1, max(-1, j - 20), -1):
        t = toks[k]
        if t[LOWER] in LIST_WORDS or t[TEXT][:1].isupper() or t[TEXT] in ",.":
            continue
        opener = t[LOWER] in PLACE_OPENERS or t[LOWER] in places or k >= 1 and toks[k - 1][LOWER] in places
        break
    near = toks[max(0, j - 8):j + 8]
    return opener or any(t[TEXT] in REGION_ENDS or t[LOWER] in places or t[LOWER] in LAND for t in near)
