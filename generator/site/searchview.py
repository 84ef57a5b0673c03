"""While serving: Material's search plugin reads a generated page without its listings' content.

Material's search indexes a page by parsing all of its HTML (``search/plugin.py``'s ``Parser``)
and drops what lies inside an element marked ``data-search-exclude``: the listing blocks,
which are most of a listing or actor page (150-250 KB each). Parsing them was a quarter of
a new article's rebuild at 1,000 sources. So the search plugin is handed the page with each
listing block's content replaced by its placeholder paragraph (``ListingBlocks.content``
makes both), and the page is put back whole after it, with what the search plugin changed
(it strips ``data-search-*="..."`` attributes) kept: the served page and the index are the
ones a full build makes (``tests/test_site_serving.py``, ``tests/test_site_blocks.py``).

That holds when Material's parser skips what is taken out as a whole, which ``unit_tags``
checks per unit (once, when the unit is placed) and ``skipped_whole`` per block: no heading
(a heading with an id opens a section even inside an excluded element), no ``div`` (its
skip list compares elements by tag: an inner ``div``'s end would end the block's skipping),
no other excluded, script, style, object or line-number element, no comment, and tags that
balance (an unclosed one would keep the block's end from ending the skipping).
"""
from __future__ import annotations

import re

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
NOT_SKIPPED_WHOLE = {"div", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "object"}
# Material's search parser: elements without an end tag (its ``void``)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}


def unit_tags(html: str) -> tuple | None:
    """``(ends of elements opened before it, elements it leaves open)`` of a unit's HTML, or
    None when Material's parser might not skip it whole inside an excluded block."""
    if "<!" in html or "<?" in html or "data-search" in html or "linenodiv" in html:
        return None
    ends, open_ = [], []
    for slash, tag in TAG.findall(html):
        tag = tag.lower()
        if tag in NOT_SKIPPED_WHOLE:
            return None
        if tag in VOID:
            continue
        if not slash:
            open_.append(tag)
        elif open_:
            if open_.pop() != tag:
                return None
        else:
            ends.append(tag)
    return tuple(ends), tuple(open_)


def skipped_whole(units: list) -> bool:
    """Whether the units (their ``unit_tags``), in order, are skipped whole as a block."""
    stack: list[str] = []
    for tags in units:
        if tags is None:
            return False
        ends, opened = tags
        for tag in ends:
            if not stack or stack.pop() != tag:
                return False
        stack.extend(opened)
    return not stack


class SearchViews:
    """Each page's HTML as the search plugin is to read it, between ``ListingBlocks.content``
    and the search plugin's ``on_page_context``."""

    def __init__(self):
        self.views: dict[str, tuple] = {}   # src_uri -> (html, view, [(placeholder, content)])
        self.hidden = 0                      # listing blocks the search plugin did not read, so far

    def keep(self, src_uri: str, html: str, view: str, hidden: list) -> None:
        if hidden:
            self.views[src_uri] = (html, view, hidden)
        else:
            self.views.pop(src_uri, None)

    def hide(self, page) -> None:
        """Before the search plugin: the page without its listings' content (unless another
        plugin changed its HTML since it was made)."""
        found = self.views.get(page.file.src_uri)
        if found is not None and page.content == found[0]:
            page.content = found[1]
            self.hidden += len(found[2])
        else:
            self.views.pop(page.file.src_uri, None)

    def show(self, page) -> None:
        """After it: the page whole again, with what the search plugin changed in it."""
        found = self.views.pop(page.file.src_uri, None)
        if found is None:
            return
        html, view, hidden = found
        content = page.content
        if content == view:
            page.content = html
            return
        for placeholder, inner in hidden:
            if content.count(placeholder) != 1:
                log.warning(f"{page.file.src_uri}: the search plugin changed a listing's placeholder; "
                            "the page is shown as it was before the search plugin read it")
                page.content = html
                return
            content = content.replace(placeholder, inner, 1)
        page.content = content
