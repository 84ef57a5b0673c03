"""Text from articles, briefs and the taxonomy as literal Markdown and HTML: the Jinja filters.

Data is only ever passed to templates as values and printed through ``md`` (or ``cell``,
``front``, ``title``, ``mermaid``, ``url``), which make it literal text: HTML escaping does not
make Markdown safe, so every character that means something to Markdown, its extensions or
HTML becomes an entity.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape as html_escape
from urllib.parse import quote as urlquote

from .model import source_page

# Characters that mean something to Markdown, its extensions or HTML, as entities.
_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\\": "&#92;",
    "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;", "[": "&#91;",
    "]": "&#93;", "#": "&#35;", "|": "&#124;", "~": "&#126;", "=": "&#61;", "^": "&#94;",
    "!": "&#33;", "$": "&#36;",
})
# Applied as one ``str.replace`` per character the text holds (a page escapes thousands of
# sentences, most with none of them; ``str.translate`` with this table costs a dict lookup per
# character). "&" and "#" go first: the entities put in for the others hold both.
_REPLACEMENTS = sorted(((chr(k), v) for k, v in _ESCAPES.items()), key=lambda kv: {"&": 0, "#": 1}.get(kv[0], 2))
_SPECIAL = re.compile("[" + re.escape("".join(char for char, _ in _REPLACEMENTS)) + "]")
# Only at the start of a line do these open a block (list, admonition, details, definition).
_LEADING = {"-": "&#45;", "+": "&#43;", "?": "&#63;", ":": "&#58;"}
_ORDERED = re.compile(r"^(\d+)([.)])")


def md(value) -> str:
    """Text shown literally by Markdown and HTML, on one line."""
    if value is None:
        return ""
    if value.__class__ is str and len(value) <= SHORT:
        return _md_short(value)
    return _md(value)


# Short texts (labels, names, statuses, dates) recur on every page that lists items: they
# are escaped once per build. Sentences, which seldom recur, are not kept.
SHORT = 40


@lru_cache(maxsize=16384)
def _md_short(value: str) -> str:
    return _md(value)


def _md(value) -> str:
    text = escape(one_line(str(value)))
    first = text[:1]
    if first in _LEADING:
        return _LEADING[first] + text[1:]
    if first.isdigit():   # the regex only where it can match (isdigit holds for every \d)
        return _ORDERED.sub(_ordered, text, count=1)
    return text


def one_line(text: str) -> str:
    """``" ".join(text.split())``. Every white space character but the space is unprintable
    (``str.isprintable``): a printable text without two spaces in a row or at either end,
    as most sentences are, is already that."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def escape(text: str) -> str:
    """``text`` with every character of ``_ESCAPES`` as its entity (``text.translate(_ESCAPES)``)."""
    if _SPECIAL.search(text) is None:   # most texts: one scan instead of one per character
        return text
    for char, entity in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, entity)
    return text


def _ordered(m: re.Match) -> str:
    return m.group(1) + ("&#46;" if m.group(2) == "." else "&#41;")


def cell(value) -> str:
    """A table cell: escaped text, never empty (an empty cell can end the table)."""
    text = md(value)
    return text if text else "—"


def url(value) -> str:
    """A path segment for a link (source ids are file stems and may hold anything)."""
    return _url(str(value))


@lru_cache(maxsize=65536)   # the same ids and anchors are linked from many pages
def _url(value: str) -> str:
    return urlquote(value, safe="-_.~/#")


def link(root: str, source, anchor=None) -> str:
    """The link to a source page, or to one of its sentences."""
    target = root + _url(source_page(str(source)))
    return f"{target}#{_url(str(anchor))}" if anchor else target


def mermaid(value) -> str:
    """Text inside a quoted Mermaid label: letters, digits, spaces and a few harmless
    punctuation marks stay; everything else (quotes, brackets, pipes, semicolons, ``#``,
    ``%``, backticks, ``<``) becomes a Mermaid entity code such as ``#34;``, so no name can
    end the label, open markup or close the fence. Keywords such as ``end`` are harmless
    inside a quoted label (node ids are generated, never data)."""
    text = " ".join(str(value if value is not None else "").split())
    out = "".join(ch if ch.isalnum() or ch in " .,'()-/" else f"#{ord(ch)};" for ch in text)
    return out or "#8212;"


def front(value) -> str:
    """A front-matter scalar printed by the theme as HTML (a tag's name): JSON is YAML, and the
    text is HTML-escaped, since Material prints tag names unescaped (``partials/tags.html``,
    the tags listing and its table of contents)."""
    return json.dumps(html_escape(" ".join(str(value).split())), ensure_ascii=False)


def title(value) -> str:
    """A front-matter page title. Material prints ``page.meta.title`` unescaped (the window
    title, the header, the navigation, the breadcrumbs and the tags listing), never through
    ``striptags``, which only applies to a title that front matter does not set: escaped for
    HTML, it shows as written everywhere ("<script>" and "&amp;" included)."""
    return json.dumps(html_escape(" ".join(str(value).split())), ensure_ascii=False)


class Footnotes:
    """Per page: ``ref(text)`` returns a footnote reference and collects its text."""

    def __init__(self):
        self.notes: list[tuple[int, str]] = []

    def ref(self, text: str) -> str:
        self.notes.append((len(self.notes) + 1, text))
        return f"[^{len(self.notes)}]"

    def __iter__(self):
        return iter(self.notes)
