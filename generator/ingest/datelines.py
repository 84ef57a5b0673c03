"""Datelines: the place, the date and the agency or site a report was filed from, set before its
first words ("MOSCOW, August 15. /TASS/. ...", "KABUL (Valley Wire) - ..."), or alone on a line
under the headline. The page's, not the article's; its date, with a year, is the page's date.
"""
from __future__ import annotations

import re

from ..briefs.model import Removed
from .furniture import DATE, MONTH_NAME, date_iso

# A dateline opening the article: "MOSCOW, August 15. /TASS/.", "KABUL (UrduPoint News / Sputnik -
# 29th December, 2021)", "NEW DELHI —", "Washington, July 2:", "OUTLET – December 29, 2016:",
# "Kabul, Jul 31 (AGENCY) ...". A place in capitals (or a place and a date, after a comma or a
# dash), an agency in brackets or slashes, a separator; or a place in the case of prose and a date,
# then a separator or the agency in brackets before the first word's capital.
_PLACE = r"[A-Z][A-Z'’.-]{2,}(?:[ /-][A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?"
_DAY = rf"(?:{MONTH_NAME}\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s*(?:19|20)\d\d)?|[0-3]?\d(?:st|nd|rd|th)?\s+{MONTH_NAME}(?:,?\s*(?:19|20)\d\d)?)"
DATELINE = re.compile(
    rf"(?:{_PLACE}(?:(?:,|\s*[—–])\s*(?P<day>{_DAY}))?(?:\s*\((?P<agency>[^()\n]{{1,70}})\))?"
    rf"(?:\s*[.:]?\s*/[A-Za-z][\w.&' -]{{0,30}}/\.?|\s*(?:[:—–]|--|-(?= ))|(?<=\))(?= [A-Z]))"
    rf"|[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*(?P<day2>{_DAY})\s*(?:[:—–]|\((?P<agency2>[^()\n]{{1,70}})\)(?= [A-Z])))\s*")
# A dateline in the case of prose that credits who filed it, then a dash: a place and the agency in
# brackets ("Kabul (Valley Wire) - "), or the outlet's site name ("ValleyNews.com - "). The credit
# tells it from a sentence's subject ("Kabul - the city ..." stays prose).
_SITE = r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?i:com|net|org|info|ru|in|pk|af|am|kz|kg|tj|uz|ir|tv|co\.uk)"
CREDITED_DATELINE = re.compile(rf"(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*\((?P<agency>[A-Z][^()\n]{{0,40}})\)|{_SITE})"
                               r"\s*(?:[—–]|--|-)\s+(?=[A-Z“\"‘'])")

# A place in capitals alone on its line above the first paragraph: a dateline with no separator.
PLACE_ALONE = re.compile(r"[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+){0,2}")


def dateline(line: str, credited: bool = False) -> tuple[str | None, int] | None:
    """A dateline opening the article's first line: (its date when it has a year, where it
    ends). ``credited``: only one that names its agency (in brackets or slashes) or site."""
    m = DATELINE.match(line)
    if m and credited and m["agency"] is None and m["agency2"] is None and "/" not in m.group():
        m = None
    if not m:
        m = CREDITED_DATELINE.match(line)
        return (None, m.end()) if m else None
    where = m["day"] or m["day2"] or ""
    agency = m["agency"] or m["agency2"]
    date = DATE.search(where) or (DATE.search(agency) if agency else None)
    return (date_iso(date) if date else None), m.end()


def cut_dateline(text: str, s: int, e: int, removed: list, dates: list, credited: bool = False) -> int:
    """"MOSCOW, August 15. /TASS/. Russia's ...": the dateline opening the article's first
    paragraph is the page's, not the article's; its date, with a year, is the page's date. Under
    the page's lead (``credited``) only a dateline that credits its agency or site counts: a
    bare place and a dash open prose too."""
    found = dateline(text[s:e], credited)
    if found is None or found[1] >= e - s:
        return s
    if found[0]:
        dates.append((1, found[0]))
    removed.append(Removed(s, s + found[1], "dateline"))
    return s + found[1]


def whole_dateline(vis: str, dates: list) -> str | None:
    """A dateline alone on its line under the title ("DUSHANBE, Sept. 15, 2022 /Asia-Plus/."):
    the page's, like one opening the first paragraph; its date is the page's."""
    if PLACE_ALONE.fullmatch(vis):
        return "dateline"
    found = dateline(vis)
    if found is None or found[1] < len(vis):
        return None
    if found[0]:
        dates.append((1, found[0]))
    return "dateline"
