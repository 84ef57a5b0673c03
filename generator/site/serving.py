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
from mkdocs.utils import get_build_date
from mkdocs.utils.meta import get_data

from ..cache.collector import collect_and_freeze, freeze_alive
from ..cache.files import atomic_file
from .blocks import ListingBlocks

TAGS_LISTING = "<!-- material/tags"   # Material's tags plugin: a page holding a tags listing
INDEX = ("search", "search_index.json")
TAGS_EXPORT = "tags.json"              # the tags plugin's export of every page's tags
INDEX_CHUNK = 256                      # pages' search entries joined per write of the index


class GeneratedPage(File):
    """A page made in memory; ``modified``: it differs from the last build's (a dirty build
    converts and writes only these); ``made``: what it is made of (its Markdown, its edit
    path, its inclusion as made); ``origin``: the file behind it (or None)."""

    modified = True
    made: tuple = ()
    origin = None

    def made_of(self, markdown: str, origin, inclusion) -> bool:
        """Whether the page is made of ``markdown`` from ``origin`` (the same edit path, under
        the same settings), its inclusion as made ``inclusion``."""
        made = self.made
        return bool(made) and (made[0] is markdown or made[0] == markdown) and made[2] == inclusion \
            and self.origin == origin

    def is_modified(self) -> bool:
        return self.modified


class KeptFiles:
    """A serve session's generated files, from one build to the next. A page out of the
    navigation made of the same Markdown, from the same file, is added again as the same
    ``File`` with its ``Page``: MkDocs makes neither again (a ``File``, its URL, a ``Page``,
    its edit and canonical URLs: about a second of every rebuild at 10,000 sources), and
    ``set_exclusions`` does not match its path again. Its page is left as MkDocs leaves a
    page it has not read (``unread``), so a dirty build that does not convert it sees what
    it saw of a new one. Only while the settings that make a file and a page are the same."""

    def __init__(self):
        self.files: dict[str, GeneratedPage] = {}
        self.settings = None

    def start(self, config) -> dict[str, GeneratedPage]:
        """The last build's files that may be reused by this one, by path (none when the
        settings changed)."""
        settings = _page_settings(config)
        if settings != self.settings:
            self.files, self.settings = {}, settings
        return {uri: f for uri, f in self.files.items() if f.inclusion.is_not_in_nav()
                and (f.page is None or f.page.parent is None)}

    def keep(self, added: list[GeneratedPage]) -> None:
        """This build's files (``added``), kept for the next; those reused made unread."""
        date, last = get_build_date(), self.files
        self.files = {f.src_uri: f for f in added}
        for f in added:
            if f.page is not None and last.get(f.src_uri) is f:
                unread(f.page, date)
        for uri, f in last.items():   # dropped: its content freed, its cycle with its page broken
            if f.page is not None and self.files.get(uri) is not f:
                unread(f.page, date)
                f.page = None

    def release(self) -> None:
        """After the first build, every page made unread at once (its HTML, table of contents
        and anchors freed), as the next build's ``keep`` would: the first save after the first
        build did it for every page (10,000 sources' pages, 0.1 s of a profiled save), later
        saves for the few pages the save before read."""
        date = get_build_date()
        for f in self.files.values():
            if f.page is not None:
                unread(f.page, date)


def unread(page, date: str) -> None:
    """``page`` as MkDocs' ``Page()`` leaves a page not read yet, its URLs as they were and
    dated ``date``: no Markdown, content, title, table of contents, metadata or anchors."""
    page.markdown = page.content = None
    page.present_anchor_ids = page.links_to_anchors = None
    page.toc, page.meta = [], {}
    page.update_date = date
    if hasattr(page, "_title_from_render"):   # (read before `title` falls back to the Markdown)
        page._title_from_render = None


def _page_settings(config) -> tuple:
    """What MkDocs makes a generated file and its page from, besides the page itself."""
    def patterns(spec) -> tuple:
        return tuple((getattr(p, "include", None), getattr(getattr(p, "regex", None), "pattern", None))
                     for p in getattr(spec, "patterns", ()))
    return (config.site_dir, config.docs_dir, config.use_directory_urls, config.site_url, config.repo_url,
            config.edit_uri, config.edit_uri_template, patterns(config.get("exclude_docs")),
            patterns(config.get("not_in_nav")), patterns(config.get("draft_docs")))


class Serving:
    """One serve session's memory of its pages (see the module's doc)."""

    COMPACT_EVERY = 50   # builds between two full collections (``finished``)

    def __init__(self, carry_search: bool = True):
        # (`mkdocs serve --dirty`: Material's search plugin merges its index itself)
        self.carry_search = carry_search
        self.pages: dict[str, tuple] = {}      # generated page -> (markdown, edit path, in nav)
        self.dests: dict[str, str] = {}        # generated page -> where it is written in the site
        self.tags: dict[str, tuple] = {}       # tagged generated page -> (title, tags)
        self.entries: dict[str, str] = {}      # page url -> its search entries, as JSON, joined
        self.built: list[str] = []             # pages written by this build (urls)
        self.listings: set[str] = set()        # tags listing pages read but not written
        self.tags_changed = False
        self.tags_export: bytes | None = None
        self.blocks = ListingBlocks()          # the generated pages' listings, converted by unit
        self.config = None                     # this build's (its Markdown settings, for blocks)
        self.kept = KeptFiles()                # the generated files, for the next build to reuse
        self.settled = False                   # the first build done: its objects frozen (gc)
        self.builds = 0                        # builds since the last full collection

    # ---- pages -----------------------------------------------------------------------

    def mark(self, files: list[GeneratedPage]) -> list[str]:
        """Set each generated page's ``modified``; when the tags of the pages changed, every
        tagged page is modified (the tags plugin indexes only the pages a build reads). Returns
        where the last build wrote the generated pages this one no longer makes."""
        seen, tags = set(), dict(self.tags)
        for f in files:
            state = f.made
            f.modified = self.pages.get(f.src_uri) != state
            self.pages[f.src_uri] = state
            self.dests[f.src_uri] = f.dest_uri
            seen.add(f.src_uri)
            if f.modified:
                meta = get_data(f.content_string)[1]
                if meta.get("tags"):
                    tags[f.src_uri] = (meta.get("title"), repr(meta.get("tags")))
                else:
                    tags.pop(f.src_uri, None)
        gone = sorted(set(self.pages) - seen)
        for uri in gone:
            del self.pages[uri]
            tags.pop(uri, None)
        self.tags_changed = tags != self.tags
        self.tags = tags
        if self.tags_changed:
            for f in files:
                if f.src_uri in tags:
                    f.modified = True
        made = {f.dest_uri for f in files}
        return [d for d in map(self.dests.pop, gone) if d not in made]

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
        """A build: the generated pages ``added`` to ``files`` marked, where the last build
        wrote those no longer made removed (a renamed or deleted article's page: a dirty build
        removes nothing, so it was served at its old address until the server restarted), the
        tags listings read. After the first build, what this one loaded and rendered and keeps is frozen: not
        traversed by the collector again (1.6-2.3 s of collections in the first rebuilds at
        10,000 sources)."""
        if self.settled:
            freeze_alive()
        self.built, self.config = [], config
        remove_written(config.site_dir, self.mark(added))
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

    def finished(self, site_dir: str, files) -> None:
        """A build done: the search index made whole (``search_index``); after the first, its
        pages made unread (``KeptFiles.release``). After the first, and
        every ``COMPACT_EVERY`` builds, every object collected once and what is kept frozen
        (a full collection took 4-5 s of the first save's rebuild at 10,000 sources; the
        cycles the rebuilds froze meanwhile, up to 230,000 objects in nine at 10,000 sources,
        are collected then: 4 s there, 0.5 s at 1,000 sources, once in 50 saves)."""
        self.search_index(site_dir, files)
        self.builds += 1
        if not self.settled:
            self.kept.release()
        if not self.settled or self.builds >= self.COMPACT_EVERY:
            collect_and_freeze()
            self.settled, self.builds = True, 0

    # ---- the search index --------------------------------------------------------------

    def search_index(self, site_dir: str, files) -> None:
        """Keep the entries of the pages written now; write the index whole when some page
        of ``files`` was not written by this build."""
        if not self.carry_search:
            return
        path = Path(site_dir, *INDEX)
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        fresh: dict[str, list[str]] = {url: [] for url in self.built}
        for entry in index.get("docs", ()):
            url = entry.get("location", "").split("#", 1)[0]
            if url in fresh:
                fresh[url].append(_dumps(entry))
        self.entries.update((url, ",".join(docs)) for url, docs in fresh.items())
        # every page in build order (a page's URL is its file's, but for the home page's "")
        urls = [_page_url(f) for f in files.documentation_pages() if f.page is not None]
        for gone in set(self.entries).difference(urls):
            del self.entries[gone]
        if set(fresh).issuperset(urls):
            self._tags_export(site_dir, keep=False)
            return   # a full build: its index is whole
        self._tags_export(site_dir, keep=bool(self.listings))
        shown = [e for e in map(self.entries.get, urls) if e]
        # written a few hundred pages' entries at a time, not joined into one string first: at
        # 10,000 sources that string and the index's text were two of 64 MB each on every save;
        # into a file renamed over the index, so a browser loading it meanwhile reads it whole
        with atomic_file(path) as f:
            f.write(('{"config":' + _dumps(index.get("config")) + ',"docs":[').encode())
            for k in range(0, len(shown), INDEX_CHUNK):
                f.write((("," if k else "") + ",".join(shown[k:k + INDEX_CHUNK])).encode())
            f.write(b"]}")

    def _tags_export(self, site_dir: str, keep: bool) -> None:
        """The tags plugin's export (``tags.json``) of the pages read by this build: of them all
        when its listing was written, else (``keep``) put back as the last such build wrote it."""
        path = Path(site_dir, TAGS_EXPORT)
        if keep and self.tags_export is not None:
            path.write_bytes(self.tags_export)
        elif not keep and path.is_file():
            self.tags_export = path.read_bytes()


def remove_written(site_dir: str, dests: list[str]) -> None:
    """The pages written at ``dests`` (relative to ``site_dir``) removed, and the folders
    they leave empty (``sources/old-name/``)."""
    root = Path(site_dir)
    for dest in dests:
        path = root / dest
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        for folder in path.parents:
            if folder == root or not folder.is_relative_to(root):
                break
            try:
                folder.rmdir()
            except OSError:   # not empty
                break


def _page_url(file) -> str:
    # as ``Page.url``, without its property's call
    url = file.url
    return "" if url in (".", "./") else url


def _dumps(value) -> str:
    # as Material writes its index (search/plugin.py): compact, ASCII, str() for the rest
    return json.dumps(value, separators=(",", ":"), default=str)
