"""Dated events and figures: the date or number as written, made precise.

An event is a sentence that places something at a calendar date: a year, a month and year,
or a full date; one event for each date it names. A month, or a month and day, without a year
("in May", "On July 3, ...", "on 3 July") is dated by the page's own date, wherever it stands in
the sentence, and left out on a page without one, or after "would" (a plan reported: "said it
would host the talks on May 9"); "last September" is the last September before the page's month;
other relative dates ("last Friday", "this May", "August last year") are left out, and so is a month in the possessive
("July's election": past or to come), and so are dates that open a period ("since 2001", "after
August 1996") or name a decade ("the 1980s"), but for a measure in force since a year ("banned
since 2003": the ban is dated 2003).
A range ("from 2009 to 2015", "between 2009 and 2015", "2009–2015", "2009-2015") is one event,
dated by its start.
A date set off by a comma at a sentence's end ("..., March 3, 2019.") is the dateline of a photo
caption or a cited source: the picture's or the publication's date, no event.
A figure is a number with what it counts: "90 percent of the world's illicit opiates".
"""
from __future__ import annotations

import datetime
import re

from ..briefs.model import Event, Figure, Span
from ..text.days import is_calendar_day

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
for _m, _i in list(MONTHS.items()):
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9
MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_YEAR_ONLY = r"(?:1[6-9]\d\d|20\d\d)(?![\d-])"   # a year, not the first figures of a longer number or date
# Every branch opens with a digit or a month's capital: the lookahead rejects any other position
# by one test, before the four branches are tried (about five times faster, the same matches).
DATE = re.compile(
    r"(?=[0-9JFMASOND])(?:"
    rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b"          # 23rd December 2015
    rf"|\b{MONTH.replace('month', 'month2')}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year2>1[6-9]\d\d|20\d\d)\b"  # June 14, 2015
    rf"|\b{MONTH.replace('month', 'month3')},?\s+(?:of\s+)?(?P<year3>1[6-9]\d\d|20\d\d)\b"  # January 2016
    # a year; a hyphen joins it only to another year, a range ("2015-2017"), not to a month or day
    rf"|(?<![\d,.$£€/])(?:(?<!\d-)|(?<=\b(?:1[6-9]|20)\d\d-))\b(?P<year4>1[6-9]\d\d|20\d\d)\b"
    rf"(?![’'`]?s\b|[,.]\d|-(?!{_YEAR_ONLY})\d|\s*(?:percent|%|people|fighters|soldiers|troops)))"
)
PERIOD_OPENER = re.compile(r"\b(?:since|from|until|till|by|before)\s+(?:at\s+least\s+|as\s+early\s+as\s+)?"
                           r"(?:(?:the|their|its|his|her|our)\s+)?"
                           r"(?:end\s+of\s+|early\s+|late\s+)?$", re.I)
# "after 1996": a year that opens a period, like "since"; "after the 2022 ban" dates the ban
AFTER = re.compile(r"\bafter\s+(?:early\s+|late\s+|mid-?)?$", re.I)
# A range of dates: "from 2009 to 2015", "between 2009 and 2015", "2009–2015" (dated by its start)
RANGE_OPENER = re.compile(r"\b(?:from|between)\s+(?:early\s+|late\s+|mid-?)?$", re.I)
RANGE_LINK = re.compile(r"\s+(?:to|until|till|through|and)\s+(?:early\s+|late\s+|mid-?)?", re.I)
DASH_LINK = re.compile(r"\s*[–—]\s*")
# "2015-2017": two years joined by a hyphen, the later second (not "2022-04-04", a date in figures)
HYPHEN = "-"
# "a ban in place since 2003": a measure in force since a year was taken that year
IN_FORCE = re.compile(r"\bin\s+(?:place|force|effect)\s+since\s+$", re.I)
# ... and so was a ban, a designation, a listing or sanctions named in the clause of "since"
# ("a group banned in Russia since 2003") or in the clause it opens ("Since 2003, the group has
# been designated ..."); a state of affairs "since" a year ("fighting since 2011") is no event
MEASURE = re.compile(r"\b(?:bann(?:ed|ing)|bans?|designat(?:ed|ions?)|(?:black)?listed|blacklist(?:ing)?"
                     r"|outlaw(?:ed|ing)?|proscri(?:bed|ption)|sanction(?:ed|s)|embargo(?:ed|es)?)\b", re.I)
SINCE = re.compile(r"\bsince\s+$", re.I)
CLAUSE_END = re.compile(r"[,;:.()—]")
# A date set off by a comma at a sentence's very end, with no preposition before it: the
# dateline of a photo caption ("Envoys meet in the capital, March 3, 2019.") or of a cited
# source ("(The Daily Courier, 4 May 2018).", "..., Policy Brief No. 9, May 2018, Hill
# Institute.": its publisher's name may follow) dates the picture or the publication, not an
# event. A weekday before the comma ("on Sunday, May 5, 2019.") makes it an event's date, and
# so does a year before it (a list: "in 2017, 2018, 2019.").
TRAILING = re.compile(r"(?:,\s*(?:[A-Z][\w.&’'-]*\s*)+)?\s*[)\]]?\s*[.!]?[”\"’')\]]*\s*$")
DATELINE_COMMA = re.compile(r"(?<!day)(?<!1[6-9]\d\d)(?<!20\d\d),\s*$", re.I)
# A date with the clock time after it ("12th June, 2018 09:41", "May 3, 2019, 14:05 GMT", "July 2,
# 2020 at 6:00 a.m.") is a page's stamp left in its text (a byline's, an update's): when the page
# was written, no event. Prose that times an event puts a preposition before its date ("on July 2,
# 2020 at 6:00 a.m. the convoy left").
CLOCK_AFTER = re.compile(r",?\s*(?:[-–—|]\s*)?(?:at\s+)?[0-2]?\d:[0-5]\d\b")
ON_BEFORE = re.compile(r"\b(?:on|of|in|by|from|until|till|since|before|after|between|and|to)\s+$", re.I)
# "the pre-2014 days", "post-2014 plans", "the Concord-2016 drill": a year joined by a hyphen to a
# word before it qualifies a noun or ends a name, and dates nothing; "mid-2021", "early-2019" and
# "late-2001" are times of the year, and still date
JOINED = re.compile(r"[A-Za-z]-$")
TIME_OF_YEAR = re.compile(r"\b(?:mid|early|late)-$", re.I)
# "the Afghan Opium Survey 2023": a year that ends a name
NAMED = re.compile(r"(?:^|\s)(?!(?:In|On|Since|By|From|Until|Of|The|And|For|At)\b)[A-Z][\w-]+\s+"
                   r"(?!(?:In|On|Since|By|From|Until|Of|The|And|For|At)\b)[A-Z][\w-]+\s+$")
# A month, or a month and day, without a year: dated by the page ("in September", "on July 3",
# "on 3 July").
# The preposition may open the sentence ("In March, ..."); the month's name keeps its capital
# (the modal "may" is no month).
# "Last September" ("in the last September"), written on the page's day, is the last September
# before the page's month. A month in the possessive ("July's election", "May's vote") names a
# thing by its month, which may be to come as well as past: no date.
PARTIAL = re.compile(rf"\b(?:(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?:(?:the\s+)?(?P<last>last)\s+)?"
                     rf"|(?<![Tt]he\s)(?P<last2>[Ll]ast)\s+)(?:early\s+|late\s+|mid-?)?"
                     rf"{MONTH.replace('month', 'pm')}(?!\w*[’']s\b)"
                     rf"(?:\s+(?P<pday>[0-3]?\d)(?:st|nd|rd|th)?)?(?![\w,]*\s*(?:1[6-9]\d\d|20\d\d))"
                     rf"|\b{MONTH.replace('month', 'qm')}\s+(?P<qday>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*(?:1[6-9]\d\d|20\d\d))")
# ... and the day first ("on 9 April", "the 3rd of May"): tried only on a sentence with a digit
DAY_FIRST = re.compile(rf"(?<![\w.,:/$£€-])(?P<pday>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH.replace('month', 'pm')}"
                       rf"(?!\w)(?![\w,]*\s*(?:1[6-9]\d\d|20\d\d))")
FUTURE = re.compile(r"\b(?:will|next|upcoming|scheduled|due\s+to|planned\s+for)\b", re.I)
# The future of a past report: a day or month after "would" in its clause ("announced on Saturday
# it would host the talks on May 9", "a meeting to be held in March") is what was planned, not
# what happened, and may be next year's; a date before "would" ("said in March it would ...") or
# in the next clause ("..., but on May 2 it sent ...") is the report's own.
LATER = re.compile(r"\b(?:would|to\s+be\s+held)\b(?:(?!,\s+(?:and|but|yet|while)\b)[^;:—–])*$", re.I)
# "this March", "next May 3": this year's or next year's, to come as well as past ("last
# March" is PARTIAL's, the last March before the page's month)
RELATIVE = re.compile(r"\b(?:this|next)\s+$", re.I)
# "in August last year", "in May of the previous year": a month counted back from a year that is
# itself relative, left out as "last year" is (the page's year is not its year)
YEAR_BACK = re.compile(r",?\s+(?:of\s+)?(?:last|the\s+(?:previous|preceding|prior))\s+year\b|\s+the\s+year\s+before\b", re.I)


DIGIT = re.compile(r"\d")
CLOSED = re.compile(r"[.!?…:][”\"’')\]]*\s*$")
MAGNITUDE_WORDS = ("tens", "hundreds", "thousands", "millions", "dozens", "scores")
MAGNITUDE_WORD = re.compile(rf"\b(?:{'|'.join(MAGNITUDE_WORDS)})\s+of\b", re.I)
# What a month of PARTIAL (case-sensitive) starts with: a sentence without one has no such date.
MONTH_OPENINGS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The letters other than their own lowercase that case-insensitive matching takes for "i" and
# "s" (Turkish dotted and dotless i, long s): ``_folded`` maps them, so that a word a pattern
# with re.I finds in a text is a substring of its folded text (tests/test_extract_dates.py).
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _folded(text: str) -> str:
    if text.isascii() or not ("ı" in text or "İ" in text or "ſ" in text):
        return text.lower()   # (translate, slow, only for the rare text that needs it)
    return text.translate(_FOLD).lower()


def may_count(text: str) -> bool:
    """Whether FIGURE may match in ``text``: it holds a digit or one of MAGNITUDE_WORD's
    phrases. The words are looked for first, as substrings (C), and the pattern tried only where
    one is: most sentences have neither, and a case-insensitive pattern tries every position."""
    if DIGIT.search(text):
        return True
    folded = _folded(text)
    return any(map(folded.__contains__, MAGNITUDE_WORDS)) and MAGNITUDE_WORD.search(text) is not None


def _may_name_month(text: str) -> bool:
    return any(map(text.__contains__, MONTH_OPENINGS))


def find_date(text: str, page_date: str | None = None) -> tuple[str, str] | None:
    """(ISO date, expression) of the first calendar date in ``text`` that marks an event."""
    found = find_dates(text, page_date)
    return found[0] if found else None


def find_dates(text: str, page_date: str | None = None) -> list[tuple[str, str]]:
    """(ISO date, expression) of each distinct calendar date in ``text`` that marks an event,
    in order; with the page's own date, a month or a month and day without a year ("in
    September") is dated by it: the last such day on or before the page's date."""
    out: list[tuple[str, str]] = []
    if DIGIT.search(text):  # most sentences: no year, no date
        for iso, expression in _full_dates(text):
            if not any(iso == o or o.startswith(iso + "-") for o, _ in out):
                out.append((iso, expression))
    # PARTIAL needs a month's name: without one, no partial date
    if not out and page_date and len(page_date) >= 10:
        if _may_name_month(text):
            out = _partials(text, page_date)
        if "day (" in text:
            out += [d for d in _weekday_figures(text, page_date) if d not in out]
    return out


def _full_dates(text: str):
    """(ISO date, expression) of each date with its year in ``text``; a range ("from 2009 to
    2015", "between March 2009 and May 2015", "2009–2015") is one, dated by its start."""
    matches = list(DATE.finditer(text))
    after_range = -1
    for i, m in enumerate(matches):
        if i == after_range:
            continue
        if m["year"]:
            iso = f"{m['year']}-{MONTHS[m['month'].rstrip('.').lower()]:02d}-{int(m['day']):02d}"
        elif m["year2"]:
            iso = f"{m['year2']}-{MONTHS[m['month2'].rstrip('.').lower()]:02d}-{int(m['day2']):02d}"
        elif m["year3"]:
            iso = f"{m['year3']}-{MONTHS[m['month3'].rstrip('.').lower()]:02d}"
        else:
            iso = m["year4"]
        if i + 1 < len(matches) and _is_range(text, m, matches[i + 1]):
            after_range = i + 1
            yield iso, text[m.start():matches[i + 1].end()].strip()
            continue
        if _hyphenated(text, m, matches[i + 1] if i + 1 < len(matches) else None) \
                or i and _hyphenated(text, matches[i - 1], m):
            continue   # "2019-2018": years hyphenated out of order are no range, and no date
        before = text[:m.start()]
        if _dateline(text, before, m.end()) or _stamp(text, before, m.end()):
            continue
        # a period opened by a year or a month ("since 2001", "after August 2021"), as by a
        # month without a year ("since August 15"); a year that ends a name
        if PERIOD_OPENER.search(before) and not _in_force(text, before, m.end()) \
                or AFTER.search(before) or m["year4"] and (NAMED.search(before) or _joined(before)):
            continue
        yield iso, m.group().strip()


def _joined(before: str) -> bool:
    """Whether a year after ``before`` is joined to the word before it by a hyphen (``JOINED``)."""
    return before[-1:] == "-" and JOINED.search(before) is not None and TIME_OF_YEAR.search(before) is None


def _dateline(text: str, before: str, end: int) -> bool:
    """Whether the date ending at ``end`` is a caption's or a citation's dateline (TRAILING)."""
    return TRAILING.match(text, end) is not None and DATELINE_COMMA.search(before) is not None


def _stamp(text: str, before: str, end: int) -> bool:
    """Whether the date ending at ``end`` is a page's stamp: a clock time after it, no
    preposition before it (``CLOCK_AFTER``)."""
    return ":" in text[end:end + 12] and CLOCK_AFTER.match(text, end) is not None \
        and ON_BEFORE.search(before[-12:]) is None


def _in_force(text: str, before: str, end: int) -> bool:
    """Whether "since <year>" (``before`` ends with it, the year ends at ``end``) dates a measure
    in force since then."""
    if IN_FORCE.search(before):
        return True
    since = SINCE.search(before)
    if not since:
        return False
    head = before[max(map(before.rfind, ",;:(—")) + 1:since.start()]
    if not head.strip() and text.startswith(",", end):
        end += 1   # "Since 2003, ...": the clause it opens
    stop = CLAUSE_END.search(text, end)
    return MEASURE.search(head + " " + text[end:stop.start() if stop else len(text)]) is not None


def _hyphenated(text: str, first, second) -> bool:
    """Whether two years are joined by a hyphen ("2015-2017"; not "Exercise-2016")."""
    return second is not None and first["year4"] is not None and second["year4"] is not None \
        and text[first.end():second.start()] == HYPHEN


def _is_range(text: str, first, second) -> bool:
    link = text[first.end():second.start()]
    if link == HYPHEN:
        return _hyphenated(text, first, second) and int(first["year4"]) < int(second["year4"])
    return bool(DASH_LINK.fullmatch(link) or RANGE_LINK.fullmatch(link) and RANGE_OPENER.search(text[:first.start()]))


def _partials(text: str, page_date: str) -> list[tuple[str, str]]:
    """Each month, or month and day, without a year in ``text``, dated by the page's date: the
    last such day on or before it. A sentence in the future tense, or a date after "would" in its
    clause, dates only the page's own day ("will open today (March 3)"): another day may be next
    year's."""
    future = FUTURE.search(text) is not None
    out: list[tuple[str, str]] = []
    matches = list(PARTIAL.finditer(text))
    if DIGIT.search(text):
        matches = sorted([*matches, *DAY_FIRST.finditer(text)], key=lambda m: m.start())
    end = 0
    for m in matches:
        if m.start() < end:
            continue   # "the 3rd of May": the day's date, not "of May" again
        end = m.end()
        before = text[:m.start()]
        opened = m.re is PARTIAL and m["pm"]   # the preposition is the match's first word
        if PERIOD_OPENER.search(before + (m.group().split()[0] + " " if opened else "")) \
                or RELATIVE.search(before) or YEAR_BACK.match(text, m.end()):
            continue
        month = MONTHS[(m["pm"] or m["qm"]).rstrip(".").lower()]   # (DAY_FIRST: always pm, pday)
        day = m["pday"] or m["qday"]
        year, page_month, page_day = int(page_date[:4]), int(page_date[5:7]), int(page_date[8:10])
        if day and _soon_after(year, month, int(day), page_date):
            continue
        if (month, int(day or 0)) > (page_month, page_day) or m.re is PARTIAL and (m["last"] or m["last2"]) \
                and month >= page_month:
            year -= 1
        if day and not is_calendar_day(year, month, int(day)):
            continue   # "February 29" of a year that has none
        iso = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        if (future or LATER.search(before)) and iso != page_date[:10] or any(o == iso for o, _ in out):
            continue
        out.append((iso, m.group().strip()))
    return out


# A weekday with its day and month in figures in brackets, as Indonesian and Malaysian outlets date
# the days of a week's news ("declared on Friday (27/8) that ...", "on Monday (3/5)"): the day first,
# then the month, in the page's year, the last such day on or before the page's date. The weekday
# must be that day's, or the figures are something else.
WEEKDAY_FIGURES = re.compile(r"\b(?P<weekday>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \((?P<day>[0-3]?\d)/(?P<month>[01]?\d)\)")
WEEKDAYS = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")


def _weekday_figures(text: str, page_date: str) -> list[tuple[str, str]]:
    """(ISO date, expression) of each weekday dated in figures (``WEEKDAY_FIGURES``)."""
    out = []
    for m in WEEKDAY_FIGURES.finditer(text):
        month, day = int(m["month"]), int(m["day"])
        year = int(page_date[:4]) - ((month, day) > (int(page_date[5:7]), int(page_date[8:10])))
        if not 1 <= month <= 12 or not is_calendar_day(year, month, day) \
                or WEEKDAYS[datetime.date(year, month, day).weekday()] != m["weekday"]:
            continue
        iso = f"{year}-{month:02d}-{day:02d}"
        if (FUTURE.search(text) or LATER.search(text[:m.start()])) and iso != page_date[:10]:
            continue
        out.append((iso, m.group()))
    return out


# A day without its year in the weeks after the page's date is one to come ("ready to sign the
# accord on February 29", written on February 21), not last year's: the GUIDE counts what happened.
SOON = 31   # days


def _soon_after(year: int, month: int, day: int, page_date: str) -> bool:
    """Whether the day falls in the SOON days after the page's date (in the page's year or, at
    the year's end, the next)."""
    page = datetime.date(year, int(page_date[5:7]), int(page_date[8:10]))
    return any(is_calendar_day(y, month, day) and 0 < (datetime.date(y, month, day) - page).days <= SOON
               for y in (year, year + 1))


# A page's stamp among its labels left in the text, a line of fields: "NAME | CITY | DATE", "DATE –
# OUTLET –", "DATE · 6 min read", "Posted by NAME on DATE · 6 comments", "Published DATE | Updated
# DATE". Its date stands alone in its field (or after the weekday or the stamp's label: "Posted on",
# "Updated"), between field separators (a bar, a bullet, a middle dot, a spaced dash, a wide gap), a
# clock or "by NAME" after it: when the page was written, no event. The line has no end mark unless
# it opens with the stamp's label (a timeline's "DATE – The envoys met." is a sentence).
FIELD_SEP = re.compile(r"[|•·・]|\s[–—-]\s|\s{2,}|\s\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\s")
SEP_AFTER = re.compile(r"[\s,]*(?:\d{1,2}:\d\d\S*\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}\b)?)?(?:\s*[|•·・]|\s+[–—-]\s|\s\s|\s*$)"
                       r"|\s+(?:[–—-]\s+)?by\s+[A-Z]|\s+(?i:reads?|views?|comments?|likes?|shares?)\s*:?\s*\d[\d ,.]*$")
STAMP_LABEL = re.compile(r"\s*(?:posted|published|updated|last\s+updated|filed|written)"
                         r"(?:\s+by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?(?:\s+on)?\s*:?\s*", re.I)
WEEKDAY_FIELD = re.compile(r"\s*(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?,?\s*")
STAMP_WORDS = 14


def _stamp_line(line: str) -> bool:
    """Whether ``line`` is a line of a stamp's fields (a few words, a date alone in its field,
    ``SEP_AFTER`` after it) that joins no second date (a range)."""
    line = line.strip()
    if line.count(" ") > STAMP_WORDS or not DIGIT.search(line) \
            or CLOSED.search(line) and not STAMP_LABEL.match(line):
        return False
    for m in DATE.finditer(line):
        before, after = line[:m.start()], line[m.end():]
        field = FIELD_SEP.split(before)[-1]
        if (not field.strip() or WEEKDAY_FIELD.fullmatch(field) or STAMP_LABEL.fullmatch(field)) \
                and SEP_AFTER.match(after) and (before.strip() or after.strip()) \
                and not DATE.match(after.lstrip(" –—-")):
            return True
    return False


def _without_stamps(text: str) -> str:
    """``text`` with its stamps' lines (``_stamp_line``) blanked, same length."""
    return "\n".join(" " * len(line) if _stamp_line(line) else line for line in text.split("\n"))


def find_events(sentences, page_date: str | None = None) -> list[Event]:
    """One event per calendar date of a sentence. A page's last sentence cut off before its
    end (saved excerpts are) is left out: what it dated is not all there; so is a stamp's line
    (``_stamp_line``)."""
    events = []
    for k, s in enumerate(sentences):
        if k == len(sentences) - 1 and not CLOSED.search(s.text):
            break
        text = s.text
        if "\n" in text or text[-1:] not in ".!?…”\"')’" or STAMP_LABEL.match(text):
            text = _without_stamps(text)
        for iso, expr in find_dates(text, page_date):
            precision = iso.count("-")
            events.append(Event(iso, Span(s.text, s.start, s.end, s.anchor), (expr,),
                                round(0.6 + 0.15 * precision, 2)))
    return events


# thousands grouped by commas, or by a space, thin or no-break space ("500 000 tons")
NUMBER = (r"(?:\$|£|€)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?:\$|£|€)?\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,])(?:\.\d+)?"
          r"|(?:\$|£|€)?\d+(?:\.\d+)?")
MAGNITUDE = r"(?:\s+(?:percent|per\s+cent|%|million|billion|trillion|thousand|hundred))?"
# (the qualifiers filed by their first letter: no two open alike, so one is tried at a word)
QUALIFIER = (r"(?:(?:a(?:bout|round|pproximately|lmost|t\s+least|s\s+many\s+as)|between|up\s+to|roughly|nearly"
             r"|over|more\s+than|less\s+than|fewer\s+than|some)\s+)?")
# The lookaheads reject, by one test, a position where no match can open (a figure's, a
# qualifier's or a magnitude word's first character) and a word where no figure can start.
FIGURE = re.compile(
    r"(?=[\d$£€abdfhlmnorstu])(?:"
    rf"(?<![\w$£€.,:/-]){QUALIFIER}(?=[\d$£€])(?:{NUMBER}){MAGNITUDE}"
    rf"(?:(?:\s+(?:and|to|or|-|–)\s+|[-–])(?=[\d$£€])(?:{NUMBER}){MAGNITUDE})?"
    rf"|\b(?=[tdhms])(?:tens|hundreds|thousands|millions|dozens|scores)\s+of\s+(?:thousands\s+of\s+|millions\s+of\s+)?)", re.I)
STOP = frozenset("""
a an in on at to from for with by that which who whom whose and or but as than into over under
is are was were be been being has have had will would can could may might must should do does did
annually yearly each every per killed died said says were across during since until after before
while through against about between among it its their his her our this these those
""".split())


def find_figures(sentences) -> list[Figure]:
    figures = []
    for s in sentences:
        if not may_count(s.text):
            continue
        for m in FIGURE.finditer(s.text):
            value = m.group().strip()
            if _not_a_count(s.text, m, value):
                continue
            counts, end = _counted(s.text, m.end())
            if value.lower().rstrip() in ("tens of", "hundreds of", "thousands of", "millions of",
                                          "dozens of", "scores of") and not counts:
                continue
            if not counts:
                if any(c in value for c in "$£€"):
                    counts = "money"
                else:
                    continue
            start = s.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
            stop = s.start + end
            figures.append(Figure(_value(value), counts, Span(s.text[start - s.start:end], start, stop, s.anchor),
                                  ("number",), 0.7))
    return figures


# a day beside its month ("June 5-8", "22 March"): a date, not a count ("17 April 9 guards": 9 counts)
DAY_BEFORE_MONTH = re.compile(rf"\s+(?:of\s+)?{MONTH}(?!\w)")
MONTH_BEFORE_DAY = re.compile(rf"(?<!\w)(?<!\d\s){MONTH}\s+$")
DAYS = re.compile(r"[0-3]?\d(?:\s*[-–]\s*[0-3]?\d)?")


def _not_a_count(text: str, m, value: str) -> bool:
    """A number FIGURE found that counts nothing: a year or a range of years; an ordinal ("15th")
    or a decade ("1990's"); part of a date, a time or a code ("01-04-2022", "10:30"); a day beside
    its month; a number alone on its line (a page widget's counter or date)."""
    after = text[m.end():m.end() + 3]
    if re.fullmatch(r"(1[6-9]\d\d|20\d\d)", value) or re.match(r"(?:1[6-9]\d\d|20\d\d)\s*[-–]", value) \
            or re.match(r"[’']s\b|(?:st|nd|rd|th)\b|[-/.:]\d", after):
        return True
    if DAYS.fullmatch(value) and (MONTH_BEFORE_DAY.search(text[max(0, m.start() - 12):m.start()])
                                  or DAY_BEFORE_MONTH.match(text, m.end())):
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line = text[line_start:len(text) if line_end < 0 else line_end].strip(" \t\u00a0•·*-–")
    return line == value and not re.search(r"[^\W\d_]", value)


def _value(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _counted(text: str, pos: int) -> tuple[str, int]:
    """The noun phrase after a number: what it counts, and where it ends."""
    words = list(re.finditer(r"[\w’'-]+", text[pos:pos + 80]))
    taken, end = [], pos
    for i, w in enumerate(words):
        word = w.group()
        gap = text[end:pos + w.start()] if taken else text[pos:pos + w.start()]
        if taken and re.search(r"[,;:.()\"“”•·]", gap) or not taken and re.search(r"[,;:.()•·]", gap):
            break
        low = word.lower()
        if not taken and low == "of":
            taken.append(word)
            end = pos + w.end()
            continue
        if low in STOP or word[:1].isdigit():
            break
        taken.append(word)
        end = pos + w.end()
        if len(taken) >= 5:
            break
    if taken and taken[0].lower() == "of":
        taken = taken[1:]
    return " ".join(taken).lstrip("-"), end   # "a 19-year war": the war of 19 years
