"""Lists of places: the items of one list share their kind.

"attacks in Germany and Turkey", "meetings in Moscow and Tajikistan", "active in Central Asia,
especially Uzbekistan and Tajikistan", "travelling to Afghanistan, Pakistan and Qatar": where a
list after a place's preposition holds an item that can only be a place (a state the taxonomy
does not list, a capital named as a place, a region, "beyond"), the states the taxonomy lists in
the same list are named as places too, not as actors. "in Pakistan" alone is left to the state
(the annotators count it more often than not: sessions 7, 9 and 13 measured it).
"""
from __future__ import annotations

from ..text.cues import END, LOWER, START, TEXT, Token
from .people import _capital

# A region's last word ("Central Asia", "the Middle East", "South Caucasus").
REGION_ENDS = frozenset("Asia Europe East Caucasus Africa America Americas Gulf Balkans".split())
# Words that close a list of places with no name ("in the UK, Ukraine and beyond").
ELSEWHERE = frozenset("beyond elsewhere abroad".split())
# Words that single out items of a list ("in Central Asia, especially Uzbekistan").
SINGLING = frozenset("especially particularly notably including mainly primarily mostly chiefly".split())
# Words after a list of places that go on the phrase, not a clause of the list's last item.
GOES_ON = frozenset("""in on at to from for with by during between since until after before last this
next where which when while as over under against about through into beyond""".split())
JOINS = frozenset("and or".split()) | SINGLING
WITHIN = JOINS | ELSEWHERE | {"the"}   # words a list of names holds besides the names
AT = frozenset("in at near inside outside around within throughout across".split())
GOING = frozenset("""travel travels traveled travelled traveling travelling trip trips visit visits
visited visiting fly flies flew flying flight flights go goes went going head heads headed heading""".split())


def listed_as_places(text: str, toks: list[Token], found: dict, places: frozenset, listed: frozenset,
                     adjectives: frozenset) -> set:
    """The first tokens of ``found``'s listed states (``listed``, named by a name, not by an
    adjective in ``adjectives``) that are items of a list of places holding an item that is no
    actor (a name in ``places`` or a region)."""
    out, openers, n = set(), set(), len(toks)
    for i, (actor_id, end) in found.items():
        if actor_id not in listed or i in out or not _in_a_list(text, toks, i, end):
            continue   # (most mentions: no "and", "or" or comma beside them)
        k = _opener(toks, i - 1)
        if k < 0 or k in openers:
            continue
        openers.add(k)
        items, _ = _items(text, toks, k + 1, found, places, listed, adjectives)
        kinds = {item[1] for item in items}
        if "place" in kinds and "state" in kinds:
            out.update(item[0] for item in items if item[1] == "state")
    return out


def _in_a_list(text, toks, i, end) -> bool:
    """Does a list's "and", "or" or comma stand beside the name at tokens ``i``..``end``?"""
    if end < len(toks) and (toks[end][LOWER] in JOINS or text.find(",", toks[end - 1][END], toks[end][START]) >= 0):
        return True
    j = i - 2 if i > 1 and toks[i - 1][LOWER] == "the" else i - 1
    return j >= 0 and (toks[j][LOWER] in JOINS or text.find(",", toks[j][END], toks[j + 1][START]) >= 0)


def _opener(toks, k) -> int:
    """The place's preposition ("in", "across"; "to" after a word of going) that opens the list
    the name after token ``k`` is an item of, or -1."""
    for k in range(k, max(-1, k - 16), -1):
        t = toks[k]
        low = t[LOWER]
        if low in AT or low == "to" and not GOING.isdisjoint(w[LOWER] for w in toks[max(0, k - 3):k]):
            return k
        if low not in WITHIN and not (t[TEXT][:1].isupper() and not t[TEXT][:1].isdigit()):
            return -1
    return -1


def _items(text, toks, k, found, places, listed, adjectives):
    """The items of the list that opens at token ``k``: [(first token, kind, joined, after a
    comma)], and where it ends. kind: "state" (a listed state), "place" (no actor: an unlisted
    state's or a capital's name, a region, "beyond"), "other" (another actor or name); joined:
    "and" or "or" stands before the item. Only a list closed by "and" or "or" is one ("in Kabul,
    Russia said" is not; three names between commas are one too). Before a word that goes on
    the clause, the names after the list's first comma, or its last one after a bare "and", may
    be the subject of a clause of their own ("in Kabul, Russia, China and Iran have become ...",
    "in Kabul and Russia wanted ...")."""
    items, n, joined, comma = [], len(toks), False, False
    while k < n:
        if toks[k][LOWER] == "the" and k + 1 < n:
            k += 1
        item = _item(text, toks, k, found, places, listed, adjectives, bool(items))
        if item is None:
            break
        end, kind = item
        items.append((k, kind, joined, comma))
        k, joined = end, False
        if k >= n:
            break
        gap = text[toks[k - 1][END]:toks[k][START]].strip(" .")   # (".": "the U.K., Ukraine")
        if gap not in ("", ","):
            break
        comma = gap == ","
        if toks[k][LOWER] in ("and", "or"):
            if gap and len(items) < 2:
                break   # "in Tehran, and Pakistan ...": ", and" after one item opens a clause
            k, joined = k + 1, True
        elif not comma:
            break
        if k < n and toks[k][LOWER] in SINGLING:
            k, joined = k + 1, joined or len(items) == 1
    if k < n and toks[k][TEXT].islower() and toks[k][LOWER] not in GOES_ON and toks[k][LOWER] not in JOINS \
            and text[toks[k - 1][END]:toks[k][START]] == " ":
        cut = next((j for j, item in enumerate(items) if item[3]), None)
        return (items[:cut] if cut is not None else items[:-1] if items and items[-1][2] else items), k
    last = max((j for j, item in enumerate(items) if item[2]), default=len(items) - 1 if len(items) > 2 else 0)
    return items[:last + 1], k


def _item(text, toks, k, found, places, listed, adjectives, later):
    """(end, kind) of the list item at token ``k``, or None where no item stands."""
    n = len(toks)
    if k in found:   # a state by its name ("Turkey"; not "the Russian Foreign Ministry")
        end = found[k][1]
        named = not (end - k == 1 and toks[k][TEXT] in adjectives) \
            and not (end < n and _capital(toks[end]) and text[toks[end - 1][END]:toks[end][START]] == " ")
        return end, "state" if found[k][0] in listed and named else "other"
    if _capital(toks[k]) or toks[k][TEXT].isupper():
        end = k + 1
        while end < n and (_capital(toks[end]) or toks[end][TEXT].isupper()) \
                and text[toks[end - 1][END]:toks[end][START]] in (" ", "."):
            end += 1
        run = tuple(t[TEXT] for t in toks[k:end])
        region = run in (("Asia",), ("Europe",)) or len(run) > 1 and run[-1] in REGION_ENDS
        return end, "place" if run in places or region else "other"
    if toks[k][LOWER] in ELSEWHERE and later:
        return k + 1, "place"
    return None
