"""Page furniture: the lines of a saved web page that belong to the page, not the article
(navigation, share buttons, widgets, bylines, photo captions and credits, date stamps), and
the page's own date, which a date stamp gives.

Each rule is a shape such lines share across outlets: a line of social network names, a
breadcrumb ("News / Nation & World"), an icon's label, a caption ending in its credit
("... / AFP PHOTO / NAME", "© NAME/Getty Images"), a date alone on its line or behind a label
("Published: December 23, 2015, 5:14pm", "date 2021-10-26"). Every pattern is anchored and
bounded, and runs on one line at a time.
"""
from __future__ import annotations

import re

from ..text.days import is_calendar_day
from ..text.marks import END_MARK
from .pointers import KIND_POINTER, NAV, POINTER, POINTER_INITIALS, RELATED
from .segment import split_sentences

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
for _m, _i in list(MONTHS.items()):
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9
MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+"
DATE = re.compile(
    rf"(?P<weekday>{_WEEKDAY})?(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m1>{MONTH_NAME}),?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{MONTH_NAME})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s*(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))")
# A date in figures alone on its line ("01-04-2022", "4.1.2022"): a stamp, though which figure is
# the day is the outlet's convention.
NUMERIC_DATE = re.compile(r"[0-3]?\d([-./])[01]?\d\1(?:19|20)\d\d")


def numeric_iso(vis: str) -> str | None:
    """The ISO date of a date in figures (``NUMERIC_DATE``) that one reading only makes a calendar
    day: "07/17/2025" (month first), "24.12.2015" (day first); "04.05.2019" is either."""
    a, b, y = re.split(r"[-./]", vis)
    readings = {f"{y}-{int(m):02d}-{int(d):02d}" for d, m in ((a, b), (b, a)) if is_calendar_day(int(y), int(m), int(d))}
    return readings.pop() if len(readings) == 1 else None
LABELLED_DATE = re.compile(
    r"(?:first\s+)?(?P<label>publish(?:ed)?\s*date|published|publication|(?:last\s+)?update[ds]?|posted|date(?:\s+published)?)"
    r"(?:\s+(?:on|at|date))?\s*:?\s*(?:on\s+)?", re.I)
# A stamp among the page's labels on one line: "Analysis | Published on May 3, 2019 | PDF", a
# section's name run into it ("Issue BriefsPublished on May 3, 2019 Download").
STAMP_AMID = re.compile(r"(?P<label>Published|Updated|Last updated|Posted)(?:\s+(?:on|at))?\s*:?\s*")
DATE_WIDGET = re.compile(r"\s*date\s+(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?:\s*\((?:last\s+)?updated\s+on:?[^()\n]{0,40}\))?\s*",
                         re.I)
# A clock time beside a date stamp's date ("Updated 14:32 GMT, March 4, 2024", "10:05 am | 3 May 2023")
# ("14:32 GMT+3", "15:35 GMT +3"); after the date, a time, a section's label, or both ("July 7, 2025,
# 16:00 · Opinion")
# (or in four figures with its zone, as wires write it: "0655 GMT")
TIME = re.compile(r"(?:\d{1,2}[:.]\d\d\s*(?:[aApP]\.?[mM]\.?)?|[0-2]\d[0-5]\d(?=\s*[A-Z]{2,4}\b))"
                  r"(?:\s*[A-Z]{2,4}\b(?:\s?[+-]\d{1,2})?)?[\s,|•·-]*")
# The same day in another calendar beside a stamp's date, as Afghan, Iranian and Gulf outlets print
# it: "Sunday, 10 March 2019 - 19 Hoot 1397" (the solar Hijri), "3 May 2021 (21 Ramadan 1442 AH)".
# A day, a month's name of one to three words and a year of 1300-1499 (the Hijri calendars' years
# of the last century and this), before or after the date.
OTHER_CALENDAR = r"(?-i:[0-3]?\d\s+[A-Z][\w'’]+(?:[ -][A-Za-z][\w'’]+){0,2},?\s+1[34]\d\d(?:\s*(?:AH|SH|HS|A\.H\.|S\.H\.))?)"
OTHER_FIRST = re.compile(rf"(?P<weekday>{_WEEKDAY})?{OTHER_CALENDAR}\s*(?:[-–—|/•·]|\((?=[^()]+\)\s*\Z))\s*")
DATE_TAIL = re.compile(rf"\)?(?:\s*(?:[-–—|/•·,]\s*)?\(?{OTHER_CALENDAR}\)?){{0,2}}"
                       r"[\s,]*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?(?:\s*[|.•·・-]\s*[\w.]{1,20})?\s*\Z",
                       re.I)

# (an article's toolbar too: "Listen 3 min Comment on this story Gift Article Share", "Print Save as
# PDF +A A -A": its buttons that enlarge and shrink the type)
SHARE = re.compile(r"(?:(?:facebook|twitter|linkedin|pinterest|whatsapp|e-?mail|reddit|telegram|print(?:er)?|share"
                   r"|tweet|copy link|messenger|flipboard|tumblr|vk|x|listen|\d{1,2} min(?:ute)?s?(?: read)?"
                   r"|comments?(?: on this (?:story|article))?|gift(?: this)? article|save as pdf|pdf|save|bookmark"
                   r"|[+-]?a[+-]?(?!\w))\W*){1,10}", re.I)
BREADCRUMB = re.compile(r"[\w&’',.-]+(?: [\w&’',.-]+){0,3}(?: [/>»|] [\w&’',.-]+(?: [\w&’',.-]+){0,3}){1,5}")
ICON = re.compile(r"\w+ icon\b", re.I)
# (the pointers to other pieces and the site's controls, NAV, POINTER, KIND_POINTER and RELATED,
# are one table's rows: pointers.py)
# An advertiser's label opening a line: "Sponsor: BRAND: Try the new ...", "Sponsored by BRAND",
# "Paid content: ...", "Advertisement: ..."; the line is the advertisement, however long.
SPONSOR = re.compile(r"(?:sponsor(?:ed)?(?:\s+(?:by|content|post|links?))?|paid\s+(?:content|post|partnership)"
                     r"|partner\s+content|promoted(?:\s+(?:content|stories|links))?|advertisement|advertorial)\s*(?::|by\b)",
                     re.I)
# A page's number for the piece: "News ID: 104233", "Article No. 4821" (no photo's caption: the line
# under it is no credit).
PAGE_ID = re.compile(r"(?:news|story|article|post|content|item)\s+(?:id|no\.?|number|code)\s*:?\s*#?\d{3,}", re.I)
PAGE_NUMBER = "the page's number"
SUBSCRIBE = re.compile(r"\b(?:subscribers?\+?|subscriptions?|paywall|premium members?|becoming an? (?:\S+ ){0,4}member)\b",
                       re.I)
# The page's tags run together, a comma and no space between them ("drones,Defense,North Korea,
# Oil"): prose puts a space after its commas.
TAGS = re.compile(r"[^\W\d_][^,]{0,40}(?:,[^\W\d_][^,]{0,40}){3,}")
# A wire or photo agency's name, as a credit or a sign-off gives it.
_AGENCY = (r"AFP|AP|ANI|PTI|IANS|UNI|Reuters|EPA|Xinhua|TASS|RIA|Interfax|Sputnik|Anadolu|AA|dpa|DPA|EFE"
           r"|KUNA|WAM|SPA|APP|IRNA|Bernama|Yonhap|Kyodo|RFE/RL|Tolo(?:news)?|Pajhwok|Bakhtar|Khaama")
# A picture library or host credited for a picture: "NAME / Flickr", "Photo via Wikimedia Commons".
LIBRARY = r"Flickr|Wikimedia(?: Commons)?|Shutterstock|Unsplash|Alamy|iStock(?:photo)?|Pixabay"
CREDIT_END = re.compile(rf"(?:©|\(c\)|/\s*(?:{_AGENCY}|Getty Images|AFP PHOTO|{LIBRARY})\b)[^.!?]{{0,60}}\Z"
                        r"|\b(?:Getty Images|AFP PHOTO|AP Photo|Reuters)\s*\Z"
                        r"|\((?:AFP|AP|EPA|Reuters|Getty Images|ANI|PTI)(?: Photo)?\)\.?\s*\Z"
                        # a credit in brackets closing a caption: "(Image courtesy of NAME)", "(Photo: NAME)",
                        # "(Photo | AGENCY)"
                        r"|\((?i:(?:photo(?:graph)?|image|picture)s?\s*(?::|\||by\b|via\b|courtesy\b|credit\b)"
                        r"|courtesy\b)[^()]{1,60}\)\.?\s*\Z"
                        # the picture's own label closing its caption or alone on a line: "(File)",
                        # "(archive photo)", "(representational image)": an old or a stock picture's
                        r"|\((?i:file|archive|handout|stock|representational|representative)"
                        r"(?i:\s+(?:photo(?:graph)?|image|picture)s?)?\)\.?\s*\Z")
# (with a comma instead of a colon, as the BBC's pages and their copies lay out a picture's labels:
# "Image source, AGENCY", "Credit, AGENCY Photo caption, ...")
# A wire's credit and the city it filed from, alone on a line above the article: "Reuters, KABUL",
# "AFP | Islamabad", "MOSCOW (TASS)": the page's, never its title.
_WIRE = rf"(?:{_AGENCY}|Associated Press|Agence France-Presse|Bloomberg)"
_CITY = r"[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+)?"
WIRE_CITY = re.compile(rf"{_WIRE}\s*[,|/]\s*{_CITY}|{_CITY}\s*(?:,\s*{_WIRE}|\({_WIRE}\))")
MEDIA_LABEL = re.compile(r"\(?(?:image|media|video|photo) ?(?:caption|copyright|source|credit)"
                         r"|(?:(?:image|photo|picture|video)\s+)?(?:credit|source|caption)s?,\s", re.I)
SOURCE_LABEL = re.compile(r"\(?(?:source|credit|courtesy)s?\s*:\s*[^)]{1,40}\)?\Z", re.I)


# A wire agency's sign-off closing a paragraph: "... the ministry said. (ANI)". The agency's name
# in brackets after the paragraph's last end mark; the prose before it is the article's.
SIGN_OFF = re.compile(rf"(?<=[.!?…”\"’'])\s*[(\[](?:{_AGENCY})(?:\s*(?:News|Agency|Press))?[)\]]\.?\s*\Z")
# Two sentences, or a quotation: prose, not a photo's caption (a caption is one sentence).
_PROSE = re.compile(r"[.!?…][”\"’']?\s+[“\"‘']?[A-Z]|[“\"][^“”\"]{3,}[”\"]")


# A pointer to the rest of the story closing a paragraph: "... the ministry said. Read more at
# Daily Courier.", "Read the full story on OUTLET", "Continue reading at OUTLET".
READ_ON = re.compile(r"(?<=[.!?…”\"’'])\s+(?:Read (?:more|the (?:full|whole|original|rest of the) "
                     r"(?:story|article|report|piece|interview))|Continue reading(?: (?:this|the) (?:story|article))?)"
                     r"\s+(?:at|on|in|from)\s+(?-i:[A-Z])[^.!?]{0,49}[.!]?\s*\Z", re.I)


# A label or a section's heading run into the text under it with no space, where the saved page
# lost the break between them: "NextImg:HEADLINE" (a label and its colon), "Section HeadingThe
# first sentence ..." (two to six capitalised words, the last run into the capital that opens
# the text). After a label, a headline or a sentence of four words or more; after a heading, a
# paragraph (a brand's name joins two capitalised words too, "NewsWire said ...", in a line as
# long as a sentence).
GLUED_HEAD = re.compile(r"(?P<label>[A-Za-z][\w-]{1,20}:)(?=[A-Z“\"‘'])"
                        r"|(?:[A-Z][\w'’&-]*\s+){1,5}[A-Z][\w'’&-]*?[a-z]{3}(?=[A-Z][a-z])")
PARAGRAPH_WORDS = 25


def glued_head(line: str) -> int | None:
    """Where the text under a label or heading run into it at the line's start begins, or None."""
    m = GLUED_HEAD.match(line)
    if m is None:
        return None
    words = line.count(" ", m.end())
    if words < 3 or m["label"] is None and (words < PARAGRAPH_WORDS or not END_MARK.search(line[-12:])):
        return None
    return m.end()


def read_on(line: str) -> int | None:
    """Where a pointer to the rest of the story closing a paragraph begins, or None."""
    tail = line[-90:]
    if not ("Read " in tail or "READ " in tail or "ontinue" in tail or "ONTINUE" in tail):
        return None
    m = READ_ON.search(line, max(0, len(line) - 90))
    return m.start() if m else None


def sign_off(line: str) -> int | None:
    """Where an agency's sign-off closing a paragraph of prose begins, or None (a line that is
    one sentence with a credit in brackets is a photo's caption, furniture as a whole)."""
    if line.rstrip().rstrip(".")[-1:] not in (")", "]"):
        return None
    m = SIGN_OFF.search(line)
    if m is None or not _PROSE.search(line, 0, m.start()):
        return None
    return m.start()


def date_iso(m: re.Match) -> str | None:
    """YYYY-MM-DD of a ``DATE`` match, or None when it is no calendar date."""
    if m["y1"]:
        y, mo, d = m["y1"], MONTHS[m["m1"].rstrip(".").lower()], int(m["d1"])
    elif m["y2"]:
        y, mo, d = m["y2"], MONTHS[m["m2"].rstrip(".").lower()], int(m["d2"])
    else:
        y, mo, d = m["y3"], int(m["m3"]), int(m["d3"])
    return f"{y}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


# A stamp's or a byline's line of fields above the article: the page's date alone in one field,
# names and labels in the others, between bars, bullets or spaced dashes ("OUTLET Analysis –
# 22.05.2017", "By NAME | Assistant Professor - UNIVERSITY | Mar 8, 2018", "July 3, 2020 11:00 AM |
# NAME (Administrator)"). Its date is the page's, as a date alone on its line is.
_FIELD_SEP = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·]\s*")
_NAME_WORD = r"(?:[A-Z][\w.'’&-]*|\([A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*)*\))"
LABEL_FIELD = re.compile(rf"(?:[Bb]y\s+)?{_NAME_WORD}(?:\s+(?:of|for|and|on|&|{_NAME_WORD}))*")
STAMP_FIELDS = 5   # a byline's name, roles, outlet, date: more fields are a menu's


def stamp_fields(vis: str) -> str | None:
    """The ISO date of a line of a stamp's fields (a date alone in one field, capitalised names
    and labels of a few words in the others, no end mark), or None."""
    if len(vis) > 120 or vis[-1:] in ".!?…:" or not any(c.isdigit() for c in vis):
        return None
    fields = _FIELD_SEP.split(vis)
    if not 2 <= len(fields) <= STAMP_FIELDS:
        return None
    found = None
    for field in fields:
        iso = _field_date(field)
        if iso and found is None:
            found = iso
        elif iso or field.count(" ") > 5 or not LABEL_FIELD.fullmatch(field):
            return None
    return found


def _field_date(field: str) -> str | None:
    """The ISO date of a field that is a date alone, its clock time after it or not."""
    if NUMERIC_DATE.fullmatch(field):
        return numeric_iso(field)
    m = DATE.match(field)
    rest = field[m.end():].strip(" ,") if m else ""
    if m is None or rest and not TIME.fullmatch(rest):
        return None
    return date_iso(m)


def date_line(vis: str) -> tuple[str, int] | None:
    """A line that is only a date stamp: (ISO date, rank); the lower the rank, the likelier
    it is the article's own date ("Published: ..." before a bare date; a date with its
    weekday is the day the page was saved as often as not)."""
    if len(vis) > 90:
        return None
    label = LABELLED_DATE.match(vis)
    start = label.end() if label else 0
    clock = TIME.match(vis, start)   # the time may come first, as the date's may come after
    start = clock.end() if clock else start
    other = OTHER_FIRST.match(vis, start) if " 1" in vis and vis[start:start + 1] in "0123MTWFS" else None
    m = DATE.match(vis, other.end() if other else start)   # (other: "19 Hoot 1397 - 10 March 2019")
    if not m or not DATE_TAIL.match(vis, m.end()):
        return _stamp_amid_labels(vis)
    iso = date_iso(m)
    if iso is None:
        return None
    if label:
        return iso, 0 if label["label"].lower().startswith(("publi", "posted", "date")) else 2
    return iso, 3 if m["weekday"] or other and other["weekday"] else 1


def _stamp_amid_labels(vis: str) -> tuple[str, int] | None:
    """"Issue Briefs | Published on May 3, 2019 | PDF": a capitalised label and its date, a
    few words before and after it, no end mark (a sentence that says when a report was
    published ends with one)."""
    if not ("ublished" in vis or "pdated" in vis or "osted" in vis) or vis[-1:] in ".!?…":
        return None
    label = STAMP_AMID.search(vis)
    if label is None or label.start() > 30:
        return None
    clock = TIME.match(vis, label.end())
    m = DATE.match(vis, clock.end() if clock else label.end())
    if not m or vis.count(" ", m.end()) > 3:
        return None
    iso = date_iso(m)
    return (iso, 0 if label["label"] in ("Published", "Posted") else 2) if iso else None


def date_widget(line: str) -> tuple[str, int] | None:
    """"date 2021-10-26 (Last Updated On: ...)" opening a line: (ISO date, where it ends)."""
    m = DATE_WIDGET.match(line)
    return (m["date"], m.end()) if m else None


# A label over the page's suggested citation of itself: "Attribution:", "Cite this article:",
# "Suggested citation:", "How to cite this brief:".
CITATION_LABEL = re.compile(r"(?:attribution|(?:suggested |recommended )?citation|(?:how to )?cite(?: this)?(?: \w+)?)\s*:",
                            re.I)


def citation(vis: str, above: str) -> bool:
    """The page's suggested citation of itself: a line with a year under a citation label."""
    return above[-1:] == ":" and len(above) <= 30 and bool(CITATION_LABEL.fullmatch(above)) \
        and DATE_YEAR.search(vis) is not None


DATE_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def page_widget(vis: str) -> str | None:
    """Why a short line is page furniture, or None."""
    words = vis.count(" ") + 1
    if words <= 12 and SHARE.fullmatch(vis):
        return "share buttons"
    if words <= 8 and BREADCRUMB.fullmatch(vis):
        return "navigation"
    if ICON.match(vis) and words <= 30:
        return "icon label"
    if words <= 16 and NAV.match(vis):
        return "navigation"
    if words <= 30 and vis[:1] in POINTER_INITIALS and POINTER.match(vis):
        return "pointer to another piece"
    if words <= 40 and SPONSOR.match(vis):
        return "advertisement"
    if words <= 4 and PAGE_ID.fullmatch(vis):
        return PAGE_NUMBER
    if words <= 4 and WIRE_CITY.fullmatch(vis):
        return "wire credit"
    if words <= 30 and ("ubscri" in vis or "ember" in vis or "aywall" in vis) and SUBSCRIBE.search(vis):
        return "subscription prompt"
    if vis[-1:] == ":" and words <= 5 and CITATION_LABEL.fullmatch(vis):
        return "citation label"
    if words <= 20 and vis.count(",") >= 3 and ", " not in vis and TAGS.fullmatch(vis):
        return "tag list"
    return None


def credit(vis: str) -> bool:
    """A photo caption with its credit, or a credit alone."""
    words = vis.count(" ") + 1
    ending = vis[-40:]
    return words <= 60 and ("©" in vis or "/" in vis or "(c)" in vis or "Images" in ending or "PHOTO" in ending
                            or "Photo" in ending or "Reuters" in ending or ")" in ending) and bool(CREDIT_END.search(vis)) \
        or words <= 40 and bool(MEDIA_LABEL.match(vis) or SOURCE_LABEL.match(vis)) \
        or words <= 60 and (caption_with_credit(vis) or vis[:8] == "In this " and CAPTION_OPENER.match(vis) is not None)


# A caption that opens by naming the picture, as agencies write them, its credit (if any) on
# another line: "In this July 4, 2016 file photo, ...", "In this photo released by the ministry,
# ...", "In this image made from video, ...". Prose does not point at a picture.
CAPTION_OPENER = re.compile(
    r"In this (?:[\w,]+\s+){0,5}?(?:(?i:file|archive|handout|undated|aerial)\s+)?"
    r"(?:photo(?:graph)?|image|picture|video(?:\s+(?:grab|still))?|frame\s+grab|screen\s?grab)s?\b"
    r"(?:\s+(?:taken|made|released|provided|posted|distributed|obtained|shot|dated|from|by)\b[^,]{0,80})?,\s")


# A photo's caption closed by its credit, after the caption's own end mark: "... near the border,
# May 3, 2019. Source: Jan Novak / Agency", "... Credit; NAME via OUTLET.", "... 2019. Navy photo
# by Petty Officer Jan Novak". (A credit with its agency after the slash, "NAME/AFP", or in
# brackets, is CREDIT_END's.)
CAPTION_CREDIT = re.compile(
    r"(?<=[.!?…])[”\"’')\]]*\s+"
    r"(?:(?:Source|Credit|Photo|Image|Picture|Photograph|Courtesy)s?\s*[:;]\s*[A-Z][^.!?]{0,59}"
    r"|(?:[A-Z][\w.'’-]*\s+){0,3}(?i:photo|image|picture|photograph)s?\s+(?:by|courtesy of|via)\s+[^!?]{1,60}"
    # in brackets: an agency's or the outlet's own picture ("(AGENCY File Photo)", "(Staff photo/OUTLET)"),
    # or its photographer's for the outlet ("(Jan Novak for the Courier)")
    r"|\((?:[A-Z][\w.'’-]*\s+){0,3}(?i:(?:file|staff)\s+)?(?i:photo|image|picture|photograph)s?(?:\s*/\s*[^()]{1,40})?\)"
    r"|\((?:[A-Z][\w.'’-]*\s+){1,3}for\s+(?:the\s+|The\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}\)"
    # its photographer and the outlet or agency named in full ("(Jan Novak/The Daily Courier)"), or
    # its source's label, which may hold the picture's address ("(Source: Army, https://...)")
    r"|\((?:[A-Z][\w.'’-]*\s+){1,3}?[A-Z][\w.'’-]*\s*/\s*(?:The\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}\)"
    r"|\((?i:source|credit|courtesy)s?\s*:\s*[A-Z][^()]{1,80}\)[)\]]?)"
    r"\.?\s*\Z")
# An agency's photo credit, which closes a caption and nothing else, however long the caption:
# "... 2019. AGENCY/Jane Roe", "REUTERS/Jane Roe/File Photo", "(AP Photo/Jane Roe, Pool) POOL PHOTO",
# "(Photo by Jane Roe/AGENCY)".
_CREDITED = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}"   # a name, or "File Photo"
AGENCY_PHOTO = re.compile(
    r"(?<=[.!?…])[”\"’')\]]*\s+"
    rf"(?:(?i:{_AGENCY}|Getty Images|AFP PHOTO|AP Photo|EPA-EFE)\s*/\s*{_CREDITED}(?:/\s*{_CREDITED})?"
    rf"|\((?:(?i:photo(?:graph)?)\s+by\s+[^()]{{1,60}}|(?i:{_AGENCY}|Getty Images)\s+(?i:photo)s?\s*/\s*[^()]{{1,60}})\)"
    r"(?:\s+[A-Z]{3,}(?: [A-Z]{3,})?)?)\.?\s*\Z")
LONG_CAPTION = 150   # words: an agency's caption may tell the story in three sentences


def caption_with_credit(vis: str) -> bool:
    """A caption closed by its credit: an agency's photo credit (``AGENCY_PHOTO``), or one or two
    sentences that report no one's words and a credit (``CAPTION_CREDIT``); a paragraph of prose is
    longer."""
    tail = vis[-110:]
    if not ("/" in tail or "ource" in tail or "redit" in tail or "hoto" in tail or "mage" in tail
            or "icture" in tail or "ourtesy" in tail or " for " in tail and ")" in tail[-3:]):
        return False
    start = max(0, len(vis) - 110)
    if "/" in tail and AGENCY_PHOTO.search(vis, start):
        return True
    m = CAPTION_CREDIT.search(vis, start)
    return m is not None and len(split_sentences(vis[:m.start()])) <= 2 and not _REPORTED.search(vis, 0, m.start())


# A photo's caption dated at its end, as agencies write them: "Children play beside a wrecked
# tank in Herat, Afghanistan, June 14, 2015.", "The minister speaks in the Great Hall, Monday, May
# 3, 2021, in Beijing." The date after a comma closes the one sentence (prose dates a day with
# "on": "... in Herat on June 14, 2015."), and the line reports no one's words.
# The date may close it in brackets after the place ("... in Kunduz, Afghanistan (October 4, 2016).").
DATED_CAPTION = re.compile(rf",\s+(?:{_WEEKDAY})?{MONTH_NAME}\s+[0-3]?\d,\s*(?:19|20)\d\d"
                           r"(?:,\s+in\s+[A-Z][\w.'’, -]{0,40}?)?\.\s*\Z"
                           rf"|,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s+\((?:{_WEEKDAY})?"
                           rf"(?:{MONTH_NAME}\s+[0-3]?\d,\s*|[0-3]?\d\s+{MONTH_NAME}\s+)(?:19|20)\d\d\)\.\s*\Z")


def dated_caption(vis: str) -> bool:
    """A caption of one sentence closed by its date (and place): ``DATED_CAPTION``."""
    return vis[-1:] == "." and vis.count(" ") < 40 and DATED_CAPTION.search(vis, max(0, len(vis) - 90)) is not None \
        and not _PROSE.search(vis) and not _REPORTED.search(vis)


# Where a person stands in the picture, in brackets after the name: "(third from right)", "(center)",
# "(2nd L)", "(R)": a photo's caption, of one sentence that reports no one's words.
POSITION = re.compile(r"\((?:(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?:from\s+)?)?"
                      r"(?:left|right|cent(?:er|re))\)|\((?:[1-5](?:st|nd|rd|th)?\s*)?(?-i:[LR])\)", re.I)


def posed_caption(vis: str) -> bool:
    """A caption that says where each person stands (``POSITION``)."""
    return vis.count(" ") < 60 and POSITION.search(vis) is not None and not _PROSE.search(vis) \
        and not _REPORTED.search(vis)


# Reported speech: a wire paragraph's, not a caption's ("..., the ministry said. Source: AGENCY")
_REPORTED = re.compile(r"\b(?:said|says|told|tells|according to)\b|[“\"][^“”\"]{3,}[”\"]")


REPEATED = "repeated line (caption or section label)"


def first_copies(visible: list[str], reasons: list) -> None:
    """A paragraph of prose (two sentences, or a quotation) that the page repeats is the article's
    where it first stands, and the page's where it stands again: keep, in ``reasons``, its first
    copy (a caption or a label the page repeats is one sentence, and goes every time)."""
    seen = set()
    for k, vis in enumerate(visible):
        if reasons[k] == REPEATED and vis not in seen and _PROSE.search(vis):
            seen.add(vis)
            reasons[k] = None


CAPTION_COPY = "photo caption (first copy)"


def caption_copies(visible: list[str], reasons: list) -> None:
    """A photo's caption the page prints twice, the second time with more after it (its credit,
    "(AGENCY)", or a further sentence and the credit): the line right above a caption that opens
    with that whole line is the caption's first copy, furniture as the caption is. (Prose the page
    repeats whole is ``first_copies``'; this first copy never stands whole a second time.)"""
    for k in range(len(visible) - 1):
        vis, below = visible[k], visible[k + 1]
        if reasons[k] is None and vis and (reasons[k + 1] or "").startswith("photo caption") \
                and len(below) > len(vis) and below.startswith(vis) and below[len(vis)].isspace():
            reasons[k] = CAPTION_COPY


# A label over other pieces (pointers.Shape.TEASERS: "You may also like", "More from the
# Courier"): the teasers under it, headlines and summaries cut off with an ellipsis, are the
# page's, not the article's.
_CUT_OFF = re.compile(r"\w[,;:]?\s?(?:…|\.\.\.)\Z")


def teasers(visible: list[str], reasons: list) -> None:
    """Mark, in ``reasons``, the teasers under a label over other pieces: the run of headlines and
    cut-off summaries after it, when a summary cut off with an ellipsis is among them or the run
    ends the page (an article's paragraph after the label ends the run)."""
    for k, reason in enumerate(reasons):
        if reason is None or not RELATED.match(visible[k]):
            continue
        j = k + 1
        while j < len(visible) and (reasons[j] or _teaser(visible[j])):
            j += 1
        run = [i for i in range(k + 1, j) if reasons[i] is None]
        if run and (j == len(visible) or any(_CUT_OFF.search(visible[i], max(0, len(visible[i]) - 8)) for i in run)):
            for i in run:
                reasons[i] = "teaser under a label over other pieces"
        elif run and run[0] == k + 1 and visible[k][-1:] == ":" and visible[k + 1].count(" ") < 20:
            reasons[k + 1] = "headline under a pointer to another piece"   # "Read also:" / HEADLINE


def _teaser(vis: str) -> bool:
    """A headline (no end mark) or a summary cut off with an ellipsis."""
    words = vis.count(" ") + 1
    return words <= 20 and vis[-1:] not in ".!?…”\"’')]:" \
        or words <= 60 and _CUT_OFF.search(vis, max(0, len(vis) - 8)) is not None


# A pull quote: a paragraph that is one quotation with no end mark inside its closing mark ("“The
# talks have changed everything”"), set between paragraphs as a display of words the article
# quotes in full elsewhere (often past a saved excerpt's end). A quotation the article itself
# gives ends its sentence inside the mark, or names its speaker.
_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}


def pull_quote(vis: str) -> bool:
    """A line that is one quotation of a sentence or more, with no end mark before its close."""
    close = _PAIRS.get(vis[:1])
    if close is None or len(vis) < 20 or vis[-1:] != close or vis[-2:-1] in ".!?…,;:" \
            or vis.count(" ") < 3 or vis.count(" ") > 60:
        return False
    inner = vis[1:-1]
    return vis[:1] not in inner and (close not in inner or close in "’'" and not re.search(r"’\s|'\s", inner))


# A pointer to another piece under a label naming its kind (pointers.Shape.KIND): "What we know:
# HEADLINE", "OPINION: HEADLINE?".
def kind_pointer(vis: str) -> bool:
    """A line between paragraphs that points to another piece (``KIND_POINTER``): a headline's
    length and no end mark but a question's."""
    return ":" in vis[:20] and 3 <= vis.count(" ") < 25 and bool(KIND_POINTER.match(vis)) \
        and (vis[-1:] == "?" or not END_MARK.search(vis))


# A video player's block: the video's title, then its running time, alone or with its source
# ("02:01 - Source: CNN", "Video: 3:45", "Duration 1:02:10").
RUNNING_TIME = re.compile(r"(?:(?:video|watch|duration|length)\s*:?\s*)?(?P<time>\d{1,2}:\d\d(?::\d\d)?)"
                          r"(?:\s*[-–—|•·]\s*(?:video\s+)?source\s*:\s*\S.{0,40})?", re.I)


def running_time(vis: str) -> bool:
    """A video's running time under its title, with a label or its source: a clock time alone on
    its line is a date stamp's."""
    m = RUNNING_TIME.fullmatch(vis) if len(vis) <= 60 and ":" in vis else None
    return m is not None and m.end("time") - m.start("time") < len(vis)


def video_titles(visible: list[str], reasons: list) -> None:
    """Mark, in ``reasons``, a video's running time and the title above it (a line of a heading's
    shape, no end mark): the page's player, not the article's headline."""
    for k, vis in enumerate(visible):
        if reasons[k] is None and running_time(vis):
            reasons[k] = "video running time"
            if k and reasons[k - 1] is None and visible[k - 1][-1:] not in ".!?…" and visible[k - 1].count(" ") < 25:
                reasons[k - 1] = "video title"


# A site's menu on one line above the headline: three or more sections' names between separators
# ("Home | World | Opinion | Sport", "Politics · Economy · Culture", "Home › World › Asia"), or
# four or more words, no word of a sentence among them, most of them the names sites give their
# sections ("Home Nation World Opinion Business Sport", "Events Transcripts Policy Insight Video").
_MENU_SEP = re.compile(r"\s+[|·•›»]\s+")
SECTIONS = frozenset(
    "home news latest breaking main politics economy economics business markets world region regions nation national"
    " opinion opinions editorial editorials columns letters analysis analytics explained features sport sports culture"
    " society lifestyle tech technology science health video videos photo photos multimedia podcasts interviews events"
    " publications research experts programs transcripts comments newsletters subscribe donate about archive contact"
    " e-paper epaper defence defense diplomacy security energy".split())
_SENTENCE_WORDS = frozenset("a an the of in on to for and or with by as at from is are was were be has have had"
                            " says said will would can could not no its his her their this that who which".split())


def menu_line(vis: str) -> bool:
    """A line of a site's sections (see ``SECTIONS``); the caller asks it only above the article,
    over a headline."""
    items = _MENU_SEP.split(vis)
    if len(items) >= 3:
        return all(0 < item.count(" ") + 1 <= 4 for item in items) and not any(c in vis for c in ".!?,;")
    words = vis.split()
    if len(words) < 4 or len(words) > 12 or any(w.lower() in _SENTENCE_WORDS for w in words):
        return False
    return sum(w.lower() in SECTIONS for w in words) * 2 > len(words)


# Fields of a masthead set apart by a bar, a dot, a dash or a breadcrumb's arrow ("OUTLET | City",
# "Blog — a blog about ...", "Section — DATE", "Opinion › Columns")
_MASTHEAD_SEP = re.compile(r"\s[|•·–—›»-]\s|\s*[|•·›»]\s*")


def above_headline(vis: str, heading: str) -> str | None:
    """Why a line standing over the page's headline ``heading`` is the page's and not the headline,
    or None: no capital letter (a tagline, "top of page"), a date (a stamp's fields, a dateline),
    capitals only over a headline that is not, or fields set apart by a bar, a dot or a dash (an
    outlet's name with its city, tagline or edition) unless the headline repeats one (a page's
    title, "HEADLINE – Outlet", above its headline)."""
    if not any(c.isupper() for c in vis):
        return "masthead"
    if DATE.search(vis) or NUMERIC_DATE.search(vis):
        return "date stamp"
    if not any(c.islower() for c in vis) and any(c.islower() for c in heading):
        return "masthead"
    fields = _MASTHEAD_SEP.split(vis)
    if len(fields) > 1 and not any(f.count(" ") >= 3 and f in heading for f in fields):
        return "masthead"
    return None
