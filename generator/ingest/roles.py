"""The kept lines of an article -> its ``Block``s, each with its role: the title (``clean``
found it), a subtitle, a byline, an author's bio, or body text; a hard-wrapped paragraph one
block; each block's inline cuts (markup, Markdown). The author and the byline's date are found
here (``BYLINE``, ``DESK_BYLINE``, ``BIO``), which cleaning also asks about a line.
"""
from __future__ import annotations

import re

from ..briefs.model import Block
from ..text.marks import END_MARK
from .furniture import DATE, date_iso
from .lines import INLINE_CUT, may_cut, visible

_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
# "By Andrew Roth, The Washington Post", "By Mujib Mashal and Michael Schwirtz"
# ("Story by Lena Ortiz and Karim Haddou March 4, 2019": the date after it is the page's)
BYLINE = re.compile(rf"^\s*(?:(?:(?:Written|Reported|Translated|Edited|Story|Words|Text) )?(?:by|By|BY)\s+|Authors?\s*:\s*)"
                    rf"({_NAME}(?:(?:,| and| &) {_NAME})*?)(?:, (?:The )?{_NAME})?(?:[,|•·-]?\s+(?={DATE.pattern}\s*$)(?P<when>.+))?\s*$")
# A desk's or staff credit with no "By" ("NEWSNAME Web Team New Delhi Jun 29, 2020, 01.09 PM"):
# the byline, and the city in it the desk's, never a place the article names.
DESK_BYLINE = re.compile(r"^(?:[A-Z][\w&.'’-]*\s+){0,4}?(?:Web Team|Web Desk|News Desk|Online Desk|Digital Desk"
                         r"|Staff Reporter|Staff Writer|Special Correspondent|Our Correspondent|News Network|Bureau)"
                         rf"(?:,?\s+[A-Z][\w'’.-]*){{0,3}}?(?:[,|•·-]?\s+(?={DATE.pattern}).+)?\s*$")
# An author's line: who they are, or where and what they report ("... reports from Kabul.")
BIO = re.compile(r"^((?:[A-Z][\w'’-]+\s){1,3}?[A-Z][\w'’-]+) (?:(?:is|was|has been|serves as) (?:a|an|the)\b"
                 r"|(?:reports|reported|writes|wrote) (?:from|on|about|for)\b|covers\b|contributed (?:reporting|to)\b)")


def is_bio(vis: str) -> bool:
    return bool(BIO.match(vis))


def assign_roles(text: str, kept, found: dict, markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    seen_body = False
    for i, (s, e, role, newblock, before_furniture) in enumerate(kept):
        line = text[s:e]
        cuts = tuple((m.start() + s, m.end() + s) for m in INLINE_CUT.finditer(line)) if may_cut(line) else ()
        if markdown:
            cuts = cuts + _markdown_cuts(line, s)
        if role == "body":
            m = BYLINE.match(visible(line)) if not seen_body else None
            if m is None and not seen_body and DESK_BYLINE.match(visible(line)):
                role = "byline"
            elif m:   # a second byline ("Translated by NAME") is one too; the first names the author
                found["author"] = found.get("author") or m.group(1).strip()
                role = "byline"
                if m["when"] and not found.get("date"):
                    found["date"] = date_iso(DATE.match(m["when"]))
            elif not seen_body and found.get("title") and not found.get("subtitle") \
                    and blocks and blocks[-1].role in ("title",) and _subtitle_like(line) \
                    and (not END_MARK.search(line) or before_furniture and len(line.split()) <= 16) \
                    and i < len(kept) - 1 and not _wrapped(text, kept, i):  # a deck above the photo is short; a lede is not
                found["subtitle"] = visible(line)
                role = "subtitle"
            elif i == len(kept) - 1 and is_bio(visible(line)) and seen_body:
                role = "bio"
                if not found.get("author"):
                    found["author"] = BIO.match(visible(line)).group(1)
            else:
                seen_body = True
        if blocks and role == "body" and blocks[-1].role == "body" and not newblock and not kept[i - 1][4]:
            # a hard-wrapped paragraph: one block over several lines (never over a line of furniture)
            prev = blocks.pop()
            blocks.append(Block(prev.start, e, "body", prev.cuts + cuts))
            continue
        blocks.append(Block(s, e, role, tuple(sorted(cuts))))
    return blocks


def _wrapped(text: str, kept, i: int) -> bool:
    """The line goes on in the next one: hard-wrapped prose, not a deck."""
    s, e, role, newblock, _ = kept[i + 1]
    return not newblock and text[s:s + 1].islower()


def _subtitle_like(line: str) -> bool:
    vis = visible(line)
    words = vis.split()
    sentences = len(re.findall(r"[.!?][”\"’]?(\s|$)", vis))
    return len(words) <= 25 and sentences <= 1


# Images, link targets, link openers, bold: bounded, so that a line of unclosed "![" or "["
# costs linear time.
_MARKDOWN_INLINE = re.compile(r"!\[[^\]]{0,1000}\]\([^)]{0,1000}\)|\]\([^)]{0,1000}\)"
                              r"|\[(?=[^\]]{0,1000}\]\()|\*\*|__")


def _markdown_cuts(line: str, offset: int) -> tuple[tuple[int, int], ...]:
    cuts = []
    m = re.match(r"#{1,6}\s+|>\s+|[-*+]\s+|\d+\.\s+", line)
    if m:
        cuts.append((offset, offset + m.end()))
    for m in _MARKDOWN_INLINE.finditer(line):
        cuts.append((offset + m.start(), offset + m.end()))
    return tuple(cuts)
