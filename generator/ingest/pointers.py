"""Pointers to other pieces of the site, and the site's controls, in one table: the labels a page
puts on a line that sends the reader elsewhere ("Read also: HEADLINE", "Continue reading",
"Opinion: HEADLINE", "You may also like"), each with the shapes of line it makes the page's.

A label alone is no proof: "Analysis" and "Watch" open sentences of prose, "also read" does not.
So each label is allowed only the shapes that were safe for it, and each shape has its own test
(``Shape``): the patterns below are the table's rows of one shape, between the shape's own
opening and close, and ``furniture`` applies them where the shape says (a line's length, where
it stands among the paragraphs).
"""
from __future__ import annotations

import enum
import re


class Shape(enum.Flag):
    """Where a label makes a line the page's."""
    MENU = enum.auto()
    """It opens a short line (16 words or fewer), a colon after it or none: a button's or a menu's
    words ("Continue reading", "Related articles"), which open no sentence of an article."""
    COLON = enum.auto()
    """It and a colon open a line of 30 words or fewer, wherever the line stands: the other
    piece's headline after it ("Read also: HEADLINE"), or nothing (the headline on the next line);
    "The banner read: ..." reports what was written, and "read" opens no such label."""
    KIND = enum.auto()
    """It names the other piece's kind, then a colon and a headline's first capital, the line
    standing alone among the paragraphs, a headline's length, no end mark but a question's
    ("Opinion: HEADLINE", "What we know: HEADLINE"): these words open prose too ("Analysis: the
    figures show a fall."), which ends its sentence."""
    TEASERS = enum.auto()
    """It heads a run of other pieces' headlines and cut-off summaries ("You may also like",
    "More from the Courier"); the line is furniture already (a label), the run under it is
    the page's when a summary is cut off with an ellipsis or the run ends the page."""


MENU, COLON, KIND, TEASERS = Shape.MENU, Shape.COLON, Shape.KIND, Shape.TEASERS
# What a pointer's label may say the piece is for, the verb telling the reader to go to it ("For
# another view, read: HEADLINE", "To learn more, see:").
_FOR_WHAT = r"\s[^,:.]{1,40},\s*(?:also\s+)?(?:read|see|watch|listen(?:\s+to)?)"

# label (a regular expression, case ignored, opening with a letter)   shapes it makes the page's
POINTER_LABELS: tuple[tuple[str, Shape], ...] = (
    ("also read",                                 MENU | COLON | TEASERS),
    ("see also",                                  MENU | COLON | TEASERS),
    ("you (?:can|may|might) also read",           COLON),
    ("read also",                                 COLON),
    ("read more",                                 COLON),
    (r"read (?:more|next|also)\b",                TEASERS),
    ("related(?: (?:story|article|reading))?",    COLON),
    ("related articles?",                         MENU),
    (r"related\b",                                TEASERS),
    ("for" + _FOR_WHAT,                           COLON),
    ("to" + _FOR_WHAT,                            COLON),
    ("go deeper",                                 MENU),
    ("continue reading",                          MENU),
    ("keep reading",                              MENU),
    ("editor'?s picks?",                          MENU),
    ("latest news",                               MENU | TEASERS),
    ("latest stories",                            TEASERS),
    ("you (?:may|might) also like",               TEASERS),
    (r"more (?:from|stories|news|in)\b",          TEASERS),
    ("recommended",                               TEASERS),
    ("most (?:read|popular|viewed)",              TEASERS),
    ("opinion",                                   KIND),
    ("analysis",                                  KIND),
    ("explainer",                                 KIND),
    ("explained",                                 KIND),
    ("in[- ]depth",                               KIND),
    ("what (?:we|you) know",                      KIND),
    ("what to know",                              KIND),
    ("watch",                                     KIND),
    ("video",                                     KIND),
    ("listen",                                    KIND),
    ("podcast",                                   KIND),
    ("photos",                                    KIND),
    ("gallery",                                   KIND),
    ("live updates",                              KIND),
    ("editorial",                                 KIND),
    ("commentary",                                KIND),
    ("perspective",                               KIND),
    ("timeline",                                  KIND),
    ("fact[- ]check",                             KIND),
    ("must read",                                 KIND),
    ("don'?t miss",                               KIND),
    ("more on this",                              KIND),
    ("latest",                                    KIND),
)
# The site's controls that open a menu's line as its pointers do (MENU), pointing nowhere: an
# account's buttons, the tags' labels, a comment form's fine print.
CONTROLS = ("sign up", "log in", "categori[sz]ed as", "tagged with",
            "your email address will not be published", "required fields are marked", "save my name", "notify me of")


def labels(shape: Shape) -> list[str]:
    """The table's labels of one shape, in its order."""
    return [label for label, shapes in POINTER_LABELS if shape in shapes]


def _any(alternatives: list[str]) -> str:
    return "(?:" + "|".join(alternatives) + ")"


# The shapes' patterns (``match`` at a line's start): the labels, then what must follow them.
# (MENU: a page's "Loading..." too, alone on its line.)
NAV = re.compile(_any(labels(MENU) + list(CONTROLS)) + r"\b|loading\W*\Z", re.I)
POINTER = re.compile(_any(labels(COLON)) + r"\s*:(?:\s|\Z)", re.I)
KIND_POINTER = re.compile(_any(labels(KIND)) + r"\s*:\s+[\"“‘'A-Z0-9]", re.I)
RELATED = re.compile(_any(labels(TEASERS)), re.I)
# The first letters of the COLON labels: a line opening with another letter is never tried.
POINTER_INITIALS = "".join(sorted({c for label in labels(COLON) for c in (label[0].lower(), label[0].upper())}))
