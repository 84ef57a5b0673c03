"""While serving: the listing blocks of the generated pages converted to HTML once per text.

Most of a listing page (a motive's evidence, the counterarguments, quotes, the timeline, the
sources) is its ``<div class="brief-listing" ... markdown>`` blocks: a run of source groups (a
title and a list of quoted sentences) or a table. A rebuild after a save converts again each
page that changed, but on such a page most groups and rows did not: a new article adds its own
group to a 200 KB page. Python-Markdown converts a page in one piece (0.1-0.2 s each), so here
each block is cut into units (a paragraph, a list with what belongs to it, a table row) whose
HTML is kept by text between rebuilds; the page is converted with each block's content
replaced by a placeholder paragraph, which ``ListingBlocks.content`` replaces by the units' HTML.

The result is the HTML MkDocs makes of the page (a test compares whole sites): the units'
links are resolved as MkDocs resolves links (``File.url`` relative to the page's) and reported
the same way when a target is missing; their ids and their links to other pages' anchors join
the page's ``present_anchor_ids`` and ``links_to_anchors``, so anchor validation sees them;
footnote references are put back numbered as the footnotes extension numbers them. A block
this does not know how to cut (nested HTML, admonitions, code, indented text, an ``&`` in a
link) is left to MkDocs whole, as is any page whose Markdown holds the placeholders' prefix.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit, urlunsplit

import markdown
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from .searchview import SearchViews, skipped_whole, unit_tags

log = get_plugin_logger(__name__)

OPEN = '<div class="brief-listing" data-search-exclude markdown>\n\n'
BLOCK = re.compile(r'(?m)^<div class="brief-listing" data-search-exclude markdown>\n\n(.*?)\n</div>$', re.S)
MARK = "BRIEFSMITH"                 # placeholders: a page holding it anywhere is left whole
SEPARATOR = f"{MARK}SEP"            # between units converted in one call
FOOTNOTE = f"{MARK}FNZ"             # a footnote reference, numbered again in the HTML
NOTES = "///Footnotes Go Here///"     # the footnotes extension's place for the footnotes
NOTE = re.compile(r"\[\^(\d+)\]: (\S.*)$")
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")
HREF = re.compile(r'\bhref="([^"]*)"')
ID = re.compile(r'\bid="([^"]*)"')
DETAILS = re.compile(r'\?\?\?\+? [\w-]+( "[^"\n]*")?$')
LIST_ITEM = re.compile(r"([-*+]|\d+[.)])[ \t]")
FENCE = re.compile(r"(?ms)(^(?:```|~~~).*?^(?:```|~~~)[ \t]*$)")   # code, left alone
TABLE = re.compile(r"(?m)(\A|^\n)(\|[^\n]*\n\|?[ \t]*:?-[^\n]*\n(?:\|[^\n]*\n)+)(?=\n|\Z)")   # a table, blank lines around
REFERENCE = re.compile(r"(?m)^ {0,3}\[(?!\^)[^\]]+\]:")   # a link definition (a page's footnotes are fine)
AMPERSAND_LINK = re.compile(r"\]\([^)\s]*&")   # a link target MkDocs would see escaped: left to it
UNSUPPORTED = ("<", "!!!", "???", "```", "~~~", "[^", "*[", ":", ">", " ", "\t", "#", "=")


def _ref(k: str) -> str:
    return f'<sup id="fnref:{k}"><a class="footnote-ref" href="#fn:{k}">{k}</a></sup>'


def _note(k: str, html: str) -> str:
    """Footnote ``k`` as the footnotes extension lists it, ``html`` its text's paragraph."""
    back = (f'&#160;<a class="footnote-backref" href="#fnref:{k}" '
            f'title="Jump back to footnote {k} in the text">&#8617;</a></p>')
    return f'<li id="fn:{k}">\n{html[:-4] + back if html.endswith("</p>") else html}\n</li>'


def _notes(items: list[str]) -> str:
    return '<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>"


class ListingBlocks:
    """One serve session's converted units and the pages' placeholders."""

    def __init__(self):
        self.units: dict[str, str] = {}          # a unit's Markdown -> its HTML (links as written)
        self.placed: dict[tuple, dict] = {}      # (page, url) -> unit -> (HTML, ids, links, tags) as placed
        self.pending: dict[str, tuple] = {}      # page src_uri -> its blocks' units, in order; the listings'
        self.search = SearchViews()              # the pages as Material's search reads them
        self.md: markdown.Markdown | None = None
        self.config = None
        self.footnotes_ok = self.notes_ok = False

    # ---- a build ---------------------------------------------------------------------

    def start(self, config) -> None:
        """A new build: a converter made as MkDocs makes the pages' (this build's config)."""
        self.config = config
        self.md = markdown.Markdown(extensions=config.markdown_extensions,
                                    extension_configs=config.mdx_configs or {})
        probe = self.md.reset().convert("a[^1] b[^2]\n\n[^1]: x\n[^2]: y\n").split("\n", 1)[0]
        self.footnotes_ok = probe == f"<p>a{_ref('1')} b{_ref('2')}</p>"
        probe = self.md.reset().convert(f"a[^1] b[^2]\n\n{NOTES}\n\n[^1]: x *y*\n[^2]: z\n")
        self.notes_ok = self.footnotes_ok and probe == (
            f"<p>a{_ref('1')} b{_ref('2')}</p>\n"
            + _notes([_note("1", "<p>x <em>y</em></p>"), _note("2", "<p>z</p>")]))
        self.pending = {}
        # the placeholders come out as paragraphs (not with md_in_html missing): else, nothing cut
        probe = self.md.reset().convert(f"{OPEN}{MARK}BLOCK1Z\n</div>\n\n{MARK}BLOCK2Z\n")
        if f"<p>{MARK}BLOCK1Z</p>" not in probe or f"<p>{MARK}BLOCK2Z</p>" not in probe:
            self.md = None
        placed = sum(map(len, self.placed.values()))
        if len(self.units) > 2 * placed + 1000:   # forget the units no page holds any more
            held = {unit[1] for page in self.placed.values() for unit in page}
            self.units = {k: v for k, v in self.units.items() if k in held}

    def markdown(self, text: str, src_uri: str) -> str:
        """The page's Markdown with each block it can cut, and each table outside code,
        replaced by a placeholder paragraph."""
        if self.md is None or MARK in text or "\n*[" in text or REFERENCE.search(text):
            return text
        blocks: list = []
        listings: set[int] = set()   # the blocks inside a listing's div (excluded from search)

        def cut(m: re.Match, content: str, before: str, after: str) -> str:
            units = _units(content, self.footnotes_ok)
            if units is None:
                return m.group(0)
            blocks.append(units)
            return f"{before}{MARK}BLOCK{len(blocks)}Z\n{after}"

        def block(m: re.Match) -> str:
            count = len(blocks)
            out = cut(m, m.group(1), OPEN, "</div>")
            if len(blocks) > count:
                listings.add(len(blocks))
            return out

        def table(m: re.Match) -> str:
            return cut(m, m.group(2), m.group(1), "")

        parts = FENCE.split(BLOCK.sub(block, text))
        out = "".join(part if k % 2 else TABLE.sub(table, part) for k, part in enumerate(parts))
        out = self._notes(out, blocks)
        if blocks:
            self.pending[src_uri] = (blocks, listings)
        return out

    def _notes(self, text: str, blocks: list) -> str:
        """The footnotes at the end of the page (``[^1]: ...`` one a line, numbered in order,
        referenced only from the blocks cut) taken out: they become the last block, whose
        placeholder is the footnotes extension's own."""
        body, found = text.rstrip("\n"), []
        while True:
            head, _, last = body.rpartition("\n")
            m = NOTE.match(last)
            if m is None:
                break
            found.append(m.groups())
            body = head
        found.reverse()
        if (not found or not self.notes_ok or body.count(f"\n{NOTES}\n") != 1 or "[^" in body
                or [k for k, _ in found] != [str(n) for n in range(1, len(found) + 1)]
                or any(t.startswith(UNSUPPORTED) or LIST_ITEM.match(t) or t[:1].isdigit() for _, t in found)):
            return text
        blocks.append([("note", t, k) for k, t in found])
        return body.replace(f"\n{NOTES}\n", f"\n{MARK}BLOCK{len(blocks)}Z\n") + "\n"

    def content(self, html: str, page, files, config) -> str:
        """The page's HTML with its placeholders replaced by its blocks' HTML."""
        blocks, listings = self.pending.pop(page.file.src_uri, None) or ((), ())
        if not blocks:
            return html
        key = (page.file.src_uri, page.url)
        before, now = self.placed.get(key, {}), {}
        self._convert([u for units in blocks for u in units if u not in before and u[1] not in self.units])
        links = _Links(page, files, config)
        view, hidden = html, []   # the page as Material's search is to read it (``searchview``)
        for n, units in enumerate(blocks, start=1):
            parts, tags = [], []
            for unit in units:
                done = now.get(unit) or before.get(unit)
                if done is None or not links.register(done[2]):
                    done = self._place(unit, links)
                    links.register(done[2])
                now[unit] = done
                links.ids.update(done[1])
                parts.append(done[0])
                tags.append(done[3])
            inner = _notes(parts) if units[0][0] == "note" else "\n".join(parts)
            placeholder = f"<p>{MARK}BLOCK{n}Z</p>"
            html = html.replace(placeholder, inner, 1)
            if n in listings and skipped_whole(tags):
                hidden.append((placeholder, inner))
            else:
                view = view.replace(placeholder, inner, 1)
        self.search.keep(page.file.src_uri, html, view, hidden)
        self.placed[key] = now
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= links.ids
        if page.links_to_anchors is not None:
            for target, anchors in links.anchors.items():
                for anchor, url in anchors.items():
                    page.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
        return html

    # ---- units -------------------------------------------------------------------------

    def _convert(self, missing: list) -> None:
        """Convert the units not yet known, in one call (a separator paragraph between them)."""
        for kind, text, _ in missing:
            if kind in ("open", "close") and text not in self.units:   # its content: a separator
                self.units[text] = self.md.reset().convert(f"{text}\n    {SEPARATOR}\n")
        texts = list(dict.fromkeys(text for kind, text, _ in missing if kind not in ("open", "close")))
        if not texts:
            return
        out = self.md.reset().convert(f"\n\n{SEPARATOR}\n\n".join(texts))
        parts = out.split(f"\n<p>{SEPARATOR}</p>\n")
        if len(parts) != len(texts):   # a unit swallowed a separator: one by one
            parts = [self.md.reset().convert(t) for t in texts]
        self.units.update(zip(texts, parts))

    def _place(self, unit, links: "_Links") -> tuple:
        """A unit's HTML on this page: a row in its table, footnotes numbered, links resolved;
        with the ids it holds and the links it makes (``_Links.rewrite``), and its tags as
        Material's search would skip them (``searchview.unit_tags``)."""
        kind, text, extra = unit
        html = self.units.get(text)
        if html is None:
            self._convert([unit])
            html = self.units[text]
        if kind in ("open", "close"):
            before, _, after = html.partition(f"\n<p>{SEPARATOR}</p>\n")
            html = before if kind == "open" else after
        elif kind == "row":   # a table of one row: its row, or the table around it
            head, _, rest = html.partition("<tbody>\n")
            html = rest.rpartition("\n</tbody>")[0]
            if extra in ("first", "only"):
                html = head + "<tbody>\n" + html
            if extra in ("last", "only"):
                html = html + "\n</tbody>\n</table>"
        elif kind == "note":
            html = _note(extra, html)
        elif extra:   # the footnote references, numbered as on the page
            pieces = html.split(FOOTNOTE)
            html = pieces[0] + "".join(_ref(k) + p for k, p in zip(extra, pieces[1:]))
        return (*links.rewrite(html), unit_tags(html))


def _units(content: str, footnotes_ok: bool, nested: bool = False) -> list | None:
    """A block's content as units ``(kind, text, extra)``: a paragraph or a list (``extra``:
    its footnote references), a table row (``extra``: "first", "middle", "last" or "only" of
    its table), the opening or closing of a collapsible block around units; None when the
    block holds something not cut here."""
    units: list = []
    chunks = [c for c in re.split(r"\n{2,}", content.strip("\n")) if c.strip()]
    k = 0
    while k < len(chunks):
        chunk = chunks[k]
        k += 1
        lines = chunk.split("\n")
        if DETAILS.match(chunk) and len(lines) == 1 and not nested:
            # a collapsible block (pymdownx.details): its indented content cut as a block
            inner = []
            while k < len(chunks) and chunks[k].startswith("    "):
                inner.append("\n".join(line[4:] for line in chunks[k].split("\n")))
                k += 1
            inside = _units("\n\n".join(inner), footnotes_ok, nested=True)
            if inside is None:
                return None
            units += [("open", chunk, None), *inside, ("close", chunk, None)]
            continue
        if chunk.startswith(UNSUPPORTED) or "<div" in chunk or "```" in chunk or AMPERSAND_LINK.search(chunk):
            return None
        refs = tuple(FOOTNOTE_REF.findall(chunk))
        if refs and not footnotes_ok:
            return None
        text = FOOTNOTE_REF.sub(FOOTNOTE, chunk) if refs else chunk
        if len(lines) >= 2 and lines[0].startswith("|") and _rule(lines[1]):
            if refs or len(lines) < 3:
                return None
            rows = lines[2:]
            for n, row in enumerate(rows):
                place = "only" if len(rows) == 1 else "first" if n == 0 else "last" if n == len(rows) - 1 else "middle"
                units.append(("row", f"{lines[0]}\n{lines[1]}\n{row}", place))
        elif LIST_ITEM.match(chunk):
            if units and units[-1][0] == "list":   # lists a blank line apart are one (loose) list
                return None
            units.append(("list", text, refs))
        else:
            units.append(("text", text, refs))
    return units or None


def _rule(line: str) -> bool:
    """A table's delimiter row (``| --- | :---: |``)."""
    return "-" in line and not line.strip("|:- \t")


class _Links:
    """Links of a page's units resolved as MkDocs resolves them (``.md`` paths relative to the
    page's source, to URLs relative to the page's URL), and the anchors they hold and name."""

    def __init__(self, page, files, config):
        self.page, self.files, self.config = page, files, config
        self.ids: set[str] = set()
        self.anchors: dict = {}
        self.memo: dict[str, tuple] = {}   # path -> (target uri, its URL from here or None)
        self.found: list = []

    def rewrite(self, html: str) -> tuple:
        """``(html, ids, links)``: the HTML with its links resolved, the ids it holds, and its
        links to pages ``(target uri, anchor, link as written)``."""
        self.found = []
        out = HREF.sub(self._href, html)
        return out, tuple(ID.findall(html)) if 'id="' in html else (), tuple(self.found)

    def register(self, links: tuple) -> bool:
        """Note the links' anchors for MkDocs' validation; False when a target is gone."""
        for uri, anchor, url in links:
            target = self._file(uri) if uri is not None else self.page.file
            if target is None:
                return False
            if anchor:
                self.anchors.setdefault(target, {}).setdefault(anchor, url)
        return True

    def _file(self, uri: str):
        # the uris here are normalized already: MkDocs' own lookup makes a PurePath of each
        # (tens of thousands per rebuild, a tenth of a second)
        found = self.files.src_uris.get(uri)
        return found if found is not None else self.files.get_file_from_path(uri)

    def _href(self, m: re.Match) -> str:
        url = m.group(1)
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or url.startswith(("/", "\\")) or "&" in url:
            return m.group(0)
        if not path:
            if anchor:
                self.found.append((None, anchor, url))
            return m.group(0)
        done = self.memo.get(path)
        if done is None:
            done = self.memo[path] = self._resolve(path, url)
        uri, relative = done
        self.found.append((uri, anchor, url))   # (a missing target: placed again, warned again)
        if relative is None:
            return m.group(0)
        return f'href="{urlunsplit(("", "", relative, query, anchor))}"'

    def _resolve(self, path: str, url: str) -> tuple:
        file = self.page.file
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(file.src_uri), unquote(path)).lstrip("/"))
        target = self._file(uri)
        if target is None:
            log.log(self.config.validation.links.not_found,
                    f"Doc file '{file.src_uri}' contains a link '{url}', but the target "
                    f"'{uri}' is not found among documentation files.")
            return uri, None
        return uri, get_relative_url(target.url, file.url)
