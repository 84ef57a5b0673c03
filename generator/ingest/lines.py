"""A page's lines: their offsets in the untouched text, and what a reader sees of each (markup
and template placeholders cut, white space collapsed). Every rule of ingest reads lines so."""
from __future__ import annotations

import re

# Inline furniture: template placeholders and stray HTML tags.
# (bounded: a line of unclosed "{{" costs linear time, not quadratic)
INLINE_CUT = re.compile(r"\{\{.{0,500}?\}\}|\{%.{0,500}?%\}|\{#.{0,500}?#\}|</?[A-Za-z][^<>\n]{0,200}>")


def line_spans(text: str):
    """(start, end) of every line, without its newline."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


def strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without the white space around it, as offsets."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A title's separator before a site name the page left empty: "Kabul talks resume – ."
_EMPTY_SITE = re.compile(r"\s[–—|]\s*[.…]+\Z")


def may_cut(text: str) -> bool:
    """Whether ``INLINE_CUT`` can match in ``text`` at all: every match holds a "{" or a "<"
    (a substring test in C; most lines hold neither)."""
    return "{" in text or "<" in text


def visible(line: str) -> str:
    """A line as a reader sees it: markup cut, white space collapsed, bullets and a site name
    the page left empty stripped."""
    if may_cut(line):
        line = INLINE_CUT.sub("", line)
    vis = " ".join(line.split()).strip(" •·*-–—|")
    if vis.endswith((".", "…")) and _EMPTY_SITE.search(vis, max(0, len(vis) - 12)):
        vis = _EMPTY_SITE.sub("", vis).rstrip()
    return vis
