"""What a serve session keeps between its rebuilds, so that a save rebuilds the pages that show
the change and nothing else (``brief serve``: MkDocs' dirty builds, ``site.serve``).

- Which generated pages changed: a page whose Markdown (and edit link, and place in the
  navigation) is the last build's reports ``is_modified()`` False, so a dirty build neither
  converts nor writes it; the pages of the tags plugin's listings (Material's tags index) are
  read again on every build, so that a rewritten tagged page links its tags, but written only
  when the tags of the pages changed (then every tagged page is read again, the index whole).
- The search index: each page's entries, kept by page; after a build that wrote some pages,
  the index is written again with the kept entries of the pages it did not write, in the
  order of a full build (a full build's index, byte for byte).

Under plain ``mkdocs serve`` (full rebuilds) every page is written: nothing is carried over;
under ``mkdocs serve --dirty`` Material's search plugin keeps its own index between builds.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from .blocks import ListingBlocks

TAGS_LISTING = "<!-- material/tags"   # Material's tags plugin: a page holding a tags listing
INDEX = ("search", "search_index.json")
TAGS_EXPORT = "tags.json"              # the tags plugin's export of every page's tags


class GeneratedPage(File):
    """A page made in memory; ``modified``: it differs from the last build's (a dirty build
    converts and writes only these)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class Serving:
    """One serve session's memory of its pages (see the module's doc)."""

    def __init__(self, carry_search: bool = True):
        # (`mkdocs serve --dirty`: Material's search plugin merges its index itself)
        self.carry_search = carry_search
        self.pages: dict[str, tuple] = {}      # generated page -> (markdown, edit path, in nav)
        self.tags: dict[str, tuple] = {}       # tagged generated page -> (title, tags)
        self.entries: dict[str, list[str]] = {}   # page url -> its search entries, as JSON
        self.built: list[str] = []             # pages written by this build (urls)
        self.listings: set[str] = set()        # tags listing pages read but not written
        self.tags_changed = False
        self.tags_export: bytes | None = None
        self.blocks = ListingBlocks()          # the generated pages' listings, converted by unit
        self.config = None                     # this build's (its Markdown settings, for blocks)

    # ---- pages -----------------------------------------------------------------------

    def mark(self, files: list[GeneratedPage]) -> None:
        """Set each generated page's ``modified``; when the tags of the pages changed, every
        tagged page is modified (the tags plugin indexes only the pages a build reads)."""
        seen, tags = set(), dict(self.tags)
        for f in files:
            state = (f.content_string, f.edit_uri, f.inclusion)
            f.modified = self.pages.get(f.src_uri) != state
            self.pages[f.src_uri] = state
            seen.add(f.src_uri)
            if f.modified:
                meta = get_data(f.content_string)[1]
                if meta.get("tags"):
                    tags[f.src_uri] = (meta.get("title"), repr(meta.get("tags")))
                else:
                    tags.pop(f.src_uri, None)
        for gone in set(self.pages) - seen:
            del self.pages[gone]
            tags.pop(gone, None)
        self.tags_changed = tags != self.tags
        self.tags = tags
        if self.tags_changed:
            for f in files:
                if f.src_uri in tags:
                    f.modified = True

    def read_listings(self, files, site_dir: str) -> None:
        """Make every page with a tags listing (from docs/) read again by a dirty build, and
        remember to keep its written page unless the tags changed (``keep``)."""
        self.listings = set()
        for f in files.documentation_pages():
            if isinstance(f, GeneratedPage) or TAGS_LISTING not in f.content_string:
                continue
            dest = Path(site_dir) / f.dest_uri
            if dest.is_file():   # written by an earlier build: older than its source now
                os.utime(dest, (0, 0))
                if not self.tags_changed:
                    self.listings.add(f.src_uri)

    def keep(self, page) -> bool:
        """Whether a page read only for its tags listing keeps its written page (a tags index
        read only to link the tags of the pages written now)."""
        return page.file.src_uri in self.listings

    def started(self, config, added: list[GeneratedPage], files) -> None:
        """A build: the generated pages ``added`` to ``files`` marked, the tags listings read."""
        self.built, self.config = [], config
        self.mark(added)
        self.read_listings(files, config.site_dir)

    def markdown(self, text: str, page) -> str:
        """A generated page's Markdown, its listings cut out (``blocks``); any other as it is."""
        if not isinstance(page.file, GeneratedPage):
            return text
        if self.blocks.config is not self.config:   # the first page of this build
            self.blocks.start(self.config)
        return self.blocks.markdown(text, page.file.src_uri)

    def content(self, html: str, page, files) -> str:
        """A page's HTML, its listings put back."""
        return self.blocks.content(html, page, files, self.config)

    def for_search(self, page, context):
        """Before Material's search plugin reads the page: its listings' content left out."""
        self.blocks.search.hide(page)
        return context

    def written(self, page, context):
        """After it (the page whole again): the page is written by this build."""
        self.blocks.search.show(page)
        if not self.keep(page):
            self.built.append(page.url)
        return context

    # ---- the search index --------------------------------------------------------------

    def search_index(self, site_dir: str, files) -> None:
        """Keep the entries of the pages written now; write the index whole when some page
        of ``files`` was not written by this build."""
        urls = [f.page.url for f in files.documentation_pages() if f.page is not None]   # build order
        path = Path(site_dir, *INDEX)
        if not self.carry_search:
            return
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        fresh: dict[str, list[str]] = {url: [] for url in self.built}
        for entry in index.get("docs", ()):
            url = entry.get("location", "").split("#", 1)[0]
            if url in fresh:
                fresh[url].append(_dumps(entry))
        self.entries.update(fresh)
        for gone in set(self.entries) - set(urls):
            del self.entries[gone]
        if set(self.built) >= set(urls):
            self._tags_export(site_dir, keep=False)
            return   # a full build: its index is whole
        self._tags_export(site_dir, keep=bool(self.listings))
        docs = ",".join(e for url in urls for e in self.entries.get(url, ()))
        text = '{"config":' + _dumps(index.get("config")) + ',"docs":[' + docs + "]}"
        path.write_text(text, encoding="utf-8")


    def _tags_export(self, site_dir: str, keep: bool) -> None:
        """The tags plugin's export (``tags.json``) of the pages read by this build: of them all
        when its listing was written, else (``keep``) put back as the last such build wrote it."""
        path = Path(site_dir, TAGS_EXPORT)
        if keep and self.tags_export is not None:
            path.write_bytes(self.tags_export)
        elif not keep and path.is_file():
            self.tags_export = path.read_bytes()


def _dumps(value) -> str:
    # as Material writes its index (search/plugin.py): compact, ASCII, str() for the rest
    return json.dumps(value, separators=(",", ":"), default=str)
