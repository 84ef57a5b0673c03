"""What the words around a name say it names: a title's portfolio ("Secretary of State"), people
given as examples ("leaders such as ..."), a description that says what another actor is taken
for ("as the government of ..."), a city's places and institutions ("Kabul airport"), the state
whose capital a city is ("the Tajik capital"), a body's texts ("the UN charter")."""
from __future__ import annotations

import re

from ..text.cues import END, LOWER, START, TEXT

# People named as examples of people: "leaders such as Ann Lee", "figures like ...".
SUCH_AS = re.compile(r"\b(?:leaders|figures|commanders|officials|politicians|warlords|strongmen|personalities"
                     r"|individuals|activists|members|people|veterans|ministers|diplomats)(?:\s+\w+){0,2}?\s+"
                     r"(?:such\s+as|like|including)\s+$")

# What a city has as a place, not a government: "Kabul airport", "Tehran's streets", "Kabul University".
FACILITIES = frozenset("""airport airports university universities hotel hotels streets street outskirts
residents hospital hospitals stadium zoo museum suburb suburbs district districts neighbourhood
neighbourhoods neighborhood neighborhoods""".split())


def seat_of(tokens, first, end) -> bool:
    """The state's name or adjective says whose capital a city is ("the Tajik capital", "the
    capital of Tajikistan"): where the city lies, not the state acting."""
    return end < len(tokens) and tokens[end][LOWER] == "capital" \
        or first >= 2 and tokens[first - 1][LOWER] == "of" and tokens[first - 2][LOWER] == "capital"


# A city taken or falling ("the Taliban entered Kabul", "the fall of Kabul", "Kabul fell"), or a
# point of a direction or of a route ("east of Kabul", "from Moscow to Kabul", "Kabul via Tashkent"):
# the city as a place.
TAKEN = frozenset("""captured capture captures capturing seized seize seizes seizing took take takes taking
entered enter enters entering stormed storm storming overran overrun besieged surrounded""".split())
TAKING = frozenset("""fall capture seizure north south east west northeast northwest southeast southwest
outskirts""".split())
FALLS = frozenset("fell falls fallen".split())


def taken_or_passed(tokens, first, end) -> bool:
    """Is the city at tokens ``first``..``end`` taken, fallen, or a direction's or a route's
    point (the words right before or after it say so)?"""
    b = first - 1
    before = tokens[b][LOWER] if b >= 0 else ""
    after = tokens[end][LOWER] if end < len(tokens) else ""
    if before in TAKEN or after in FALLS or after == "via":   # "to Kabul via Tashkent": a route
        return True
    if before == "of":
        return b >= 1 and tokens[b - 1][LOWER] in TAKING
    return before == "to" and b >= 2 and tokens[b - 2][LOWER] == "from"   # "from Moscow to Kabul"


def predicate(tokens, i) -> bool:
    """A description ("government of Afghanistan") after "as the" (with at most two words that
    qualify it: "as the legitimate government of ...") says what another actor is taken for."""
    k = i - 1
    while k >= 0 and i - k <= 3 and tokens[k][LOWER] != "as":
        if tokens[k][TEXT][:1].isupper():
            return False
        k -= 1
    return k >= 0 and tokens[k][LOWER] == "as" and k + 1 < i and tokens[k + 1][LOWER] in ("the", "its", "their")


def facility(tokens, end) -> bool:
    """A place or an institution of the city follows its name, at most one word between."""
    return any(tokens[k][LOWER] in FACILITIES for k in range(end, min(end + 2, len(tokens))))


# A minister's or a secretary's portfolio, the complement of the title ("Secretary of State").
PORTFOLIOS = frozenset("""Defense Defence State Foreign Affairs Interior Home Commerce Trade Finance
Justice Economy Economic Education Health Agriculture Energy Treasury Homeland Security Transport
Information Culture Labour Labor Refugees Industry Mines Petroleum Water Communications""".split())


def portfolio(tokens, k, end) -> int:
    """How many words at ``k`` name a portfolio, leaving two words or more for the name."""
    n = 0
    while k + n < end - 2 and tokens[k + n][TEXT] in PORTFOLIOS:
        n += 1
    return n


# A body's texts and records, which name it as their issuer, not as one who acts ("the UN
# charter", "the EU's sanctions list"); its reports and statements speak for it and are not here.
RECORDS = frozenset("""charter list lists blacklist resolution resolutions estimate estimates data figures
convention mandate""".split())


# The last word of a name that makes one of a body's agencies or teams a body of its own ("the
# United Nations Office on Drugs and Crime", "the UN’s Monitoring Team").
AGENCIES = frozenset("office agency programme program team fund secretariat".split())


def agency(text, tokens, end) -> bool:
    """A capitalised name of up to three words ending in an agency's word follows the body's
    name, or its possessive: the agency is named, not the body."""
    for m in range(end, min(end + 3, len(tokens))):
        gap = text[tokens[m - 1][END]:tokens[m][START]]
        t = tokens[m][TEXT]
        if not (gap == " " or m == end and gap in ("’s ", "'s ")) or not t[:1].isupper() or t.isupper():
            return False
        if tokens[m][LOWER] in AGENCIES:
            return True
    return False


def record(tokens, end) -> bool:
    """A body's text follows its name, at most one word in lower case between."""
    n = len(tokens)
    return end < n and (tokens[end][LOWER] in RECORDS
                        or end + 1 < n and tokens[end][TEXT].islower() and tokens[end + 1][LOWER] in RECORDS)
