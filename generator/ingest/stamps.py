"""A page's date stamp among its labels, on one line of fields: "Opinion | 9 July 2025 | By NAME",
"NAME | New Delhi | Aug 20, 2021 | 06:45 PM IST", "May 27, 2016 · 6 min read · 14 comments",
"Muscat · Wednesday, 5 June 2024", "13 September 2021    Read: 3628".

A stamp line is a date with its day, month and year (or in figures), alone in its field or with the
stamp's own words around it (a label, a weekday, a clock time, a zone), and beside it, between
separators (a bar, a bullet, a middle dot, a spaced dash or slash, a wide gap), fields that say
who wrote the page, where, when it was updated, how long it reads and how often it was read: no
field is a clause. A sentence or a headline that names a date has no such fields.
"""
from __future__ import annotations

import re

from .furniture import DATE, NUMERIC_DATE, date_iso, numeric_iso

STAMP_AMONG_LABELS = "date stamp among labels"
DATE_ANYCASE = re.compile(DATE.pattern, re.I)   # "NOVEMBER 12, 2018"
WEEKDAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,", re.I)   # a weekday before the date
# Between fields: a bar, a bullet or a middle dot; a dash or a slash with a space either side; a
# gap of two spaces or more; the age of the page ("NAME 4 minutes ago Mon 16th August 2021").
FIELD_SEP = re.compile(r"\s*[|•·・]\s*|\s+[—–/-]\s+|\s{2,}"
                       r"|\s+\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\s+", re.I)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|\([a-z.]{1,8}\)|bin|al|ul|ur|de|van|von)){0,4}"
# The date's own words: a label or a place before it; a clock time, its zone, a bracket after it.
DATE_BEFORE = re.compile(rf"(?:(?:first\s+)?(?:published|posted|updated|last\s+updated?|written)"
                         rf"(?:\s+by\s+(?-i:{_NAME}))?(?:\s+(?:on|at))?\s*:?\s*(?:on\s+)?|week\s+of\s+"
                         rf"|(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}}),\s*)?", re.I)
_CLOCK = r"\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?-i:[A-Z]{2,4})\)?(?:\s?[+-]\d{1,2})?)?"
DATE_AFTER = re.compile(rf"(?:,?\s*(?:at\s+)?{_CLOCK})?(?:\s*\([^()]{{1,25}}\))?(?:\s+by\s+(?-i:{_NAME})(?:,[^|•·]{{1,40}})?)?\s*\.?",
                        re.I)
# A field beside the date: a clock time; a count of minutes, comments, views; an age; an author;
# a labelled field ("Source: NAME", "Filed under: ..."); an update's time.
STAMP_FIELD = re.compile(
    rf"(?:at\s+)?{_CLOCK}(?:\s*\([^()]{{1,25}}\))?"
    r"|(?:reading\s+time\s*:?\s*)?\d[\d ,.]*(?:-|\s*)(?:min(?:ute)?s?(?:\s+read)?|comments?|likes?|views?|shares?|reads?)"
    r"|(?:views|reads?|comments|likes|shares)\s*:\s*\d[\d ,.]*"
    r"|(?:updated\s+)?\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago"
    r"|(?:(?:written|posted|reported|edited|text|words|story)\s+)?by\s+(?-i:[A-Z])[^|•·]{0,60}"
    r"|(?:from\s+)?our\s+(?:own\s+)?(?:correspondents?|reporters?|bureau)(?:\s+(?-i:[A-Z])[^|•·]{0,40})?"
    r"|(?:source|editor|author|rubric|section|category|filed\s+under|tags?|topics?)\s*:\s*[^|•·]{1,50}"
    r"|(?:last\s+)?updated?\s*:?\s*(?:on\s+)?[^|•·]{1,40}", re.I)
_LONG_LOWER = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{4,}")


def stamp_line(vis: str) -> tuple[str | None, int] | None:
    """A line of a date stamp's fields: (the date's ISO form, or None when its figures may be read
    two ways; rank: 0 published, 2 updated, 3 with its weekday, else 1), or None."""
    if len(vis) > 160 or vis.count(" ") > 30 or not _year(vis) or _SENTENCES.search(vis):
        return None
    fields = _fields(vis)
    for k, (s, e) in enumerate(fields):
        found = _date_field(vis, s, e)
        if found is not None:
            others = fields[:k] + fields[k + 1:]
            return found if all(_label_field(vis[a:b]) for a, b in others) else None
    return None


# two sentences: prose, never a stamp
_SENTENCES = re.compile(r"[a-z]{3}[.!?][”\"’']?\s+[A-Z]")


def _year(vis: str) -> bool:
    return re.search(r"(?:19|20)\d\d\b", vis) is not None


def _fields(vis: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty field of the line."""
    out, at = [], 0
    for m in FIELD_SEP.finditer(vis):
        if m.start() > at:
            out.append((at, m.start()))
        at = max(at, m.end())
    if at < len(vis):
        out.append((at, len(vis)))
    return out


def _date_field(vis: str, s: int, e: int) -> tuple[str | None, int] | None:
    """The field that is a date with its own words: (ISO date or None, rank), or None."""
    before = DATE_BEFORE.match(vis, s, e)
    at = before.end()
    m = DATE_ANYCASE.match(vis, at, e)
    if m:
        iso = date_iso(m)
        if iso is None:
            return None
    else:
        m = NUMERIC_DATE.match(vis, at, e)
        if m is None:
            return None
        iso = numeric_iso(m.group())
    if not DATE_AFTER.fullmatch(vis, m.end(), e):
        return None
    label = vis[s:at].lower()
    rank = 0 if label.startswith(("publi", "posted", "first", "written")) else 2 if "update" in label \
        else 3 if m.re is DATE_ANYCASE and m["weekday"] or WEEKDAY.match(label) else 1
    return iso, rank


def _label_field(field: str) -> bool:
    """A stamp's field beside its date (``STAMP_FIELD``), or a short label: a section, a place, a
    name, a name and its role ("NAME, political analyst"); no clause (at most one long word in
    lower case, in a field of one or two words)."""
    field = field.strip()
    if not field or STAMP_FIELD.fullmatch(field):
        return True
    if field[-1:] in "!?:;" or not (field[:1].isupper() or field[:1].isdigit()):
        return False
    name, comma, role = field.partition(", ")
    words = name.split()
    if len(words) > 5:
        return False
    lower = len(_LONG_LOWER.findall(name))
    if comma:
        return lower == 0 and len(role.split()) <= 5 and role[-1:] not in ".!?"
    return lower == 0 or lower == 1 and len(words) <= 2
