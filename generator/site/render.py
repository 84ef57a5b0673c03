"""Render the site's view model into Markdown pages; writes nothing.

``Renderer`` owns the Jinja environment (override folder first, then the package's
templates). Data from articles and briefs is only ever passed as template values and
printed through ``md`` (or ``cell``), which makes it literal text in Markdown and HTML.

Listings that gather from every source are paginated here, not in templates: Python decides
which entries go on which page (``_cut``, ``_counter_pages``, ``_motive_pages``...) and
gives each page a ``pager``; ``Pages.continuations`` names the pages after the first, which
the plugin keeps out of the navigation. Anchors that other pages link to stay on page 1 (the
index of counterarguments and of disputed points), or the links are computed to the page
that holds them (``_Lazy._evidence_at``: a source's evidence on a motive's later page).
"""
from __future__ import annotations

import contextlib
import copyreg
import hashlib
import heapq
import io
import itertools
import json
import pickle
import re
from collections import Counter, defaultdict
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote as urlquote

from ..briefs.review import is_uncertain
from jinja2 import (ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PackageLoader,
                    StrictUndefined)

from ..cache import forking
from ..cache.collector import paused_gc
from ..cache.stamps import fingerprint
from .analysis import OVERVIEW_EVIDENCE, OVERVIEW_SOURCES
from .load import Item, Site, source_page

# Bounded listings: every quoted sentence is printed in full (and indexed by search) on its
# source page; the pages that gather sentences from many sources show a few per source and
# link to the source page for the rest, so they stay bounded as the corpus grows.
PER_SOURCE = 3           # quoted sentences per source on motive, actor and counterargument listings
ACTOR_SOURCES = 25       # sources listed with their sentences on an actor's page (most first)
ACTOR_MENTIONS = 50      # rows of an actor's mentions table (most mentions first)
ACTOR_RELATIONS = 40     # rows of an actor's relations table (best attested first)
RELATION_EVIDENCE = 3    # quoted sentences per relation on an actor's page
DISPUTE_STATEMENTS = 10  # statements per disputed point on a motive page (all on disputed.md)
MOTIVE_ACTORS = 50       # actors listed on a motive page (most often named first)
PARALLEL_PAGES = 200     # stale source pages from which forked workers render them (fewer: not worth a fork)

# Paginated listings: the pages that gather from every source (counterarguments, quotes, a
# motive's evidence, disputed points, the timeline, the sources) are cut into pages of a
# bounded size once they outgrow one. Page 1 keeps the listing's path; page k >= 2 of
# ``X.md`` is ``X/k.md`` (``counterarguments/2.md``, ``sources/index/2.md``,
# ``motives/opium/2.md``): no generated page lives in those folders and ids never hold a
# ``/``, so no source, motive or actor can take the path. A site of up to about 100 sources
# renders every listing as one page, as before pagination.
PAGE_SENTENCES = 600     # quoted sentences per page of a listing grouped by source (one with a
                         # footnote counts twice: the footnote prints its whole sentence); a
                         # source's group is never split. About 200-300 KB of HTML a page.
ONE_PAGE_SENTENCES = 1000  # ...but a listing of at most this many stays on one page (at 100
                         # sources the counterarguments are 935, about 310 KB of HTML)
PAGE_ROWS = 500          # statements (disputed points) or citations (timeline) per page
PAGE_SOURCES = 250       # sources per page of the sources list (each in both of its tables)
PAGER_WINDOW = 2         # a long pager links the first and last page and this many on each side

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


class Pages(dict):
    """Page path -> Markdown, with ``origins``: page path -> the file behind it (or None), and
    ``continuations``: the pages 2..n of paginated listings (reached by their pagers, kept
    out of the navigation)."""

    def __init__(self):
        super().__init__()
        self.origins: dict[str, Path | None] = {}
        self.continuations: set[str] = set()

    def off_nav(self, path: str) -> bool:
        """Whether the page is kept out of the navigation by the plugin itself: a continuation,
        or the page of a source named ``index`` (``mkdocs.yml``'s ``/sources/*.md`` does not
        reach ``sources/index/source.md``)."""
        return path in self.continuations or path == source_page("index")


def _bytecode_cache():
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):   # no usable temporary directory: compile every time
        return None


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, with ``x.name`` on a plain dict looked up as the item directly.

    Jinja tries the attribute first, and a dict has none but its methods: every ``x.name``
    on one of the contexts' dicts raised and caught an ``AttributeError`` (a fifth of the
    lookups while rendering a site). The result is Jinja's, methods (``x.items``) included."""

    def getattr(self, obj, attribute):
        if obj.__class__ is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return Environment.getattr(self, obj, attribute)


class Renderer:
    def __init__(self, templates: str | Path | None = None):
        loaders = [FileSystemLoader(str(templates))] if templates else []
        loaders.append(PackageLoader("generator.site", "templates"))
        # Compiled templates are kept in Jinja's per-user folder under the temporary directory
        # (keyed on each template's source), not compiled again on every build: compiling the
        # dozen templates costs as much as rendering a 100-source site.
        self.env = _Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               autoescape=False, bytecode_cache=_bytecode_cache())
        self.env.filters.update(md=md, cell=cell, url=url, front=front, title=title, mermaid=mermaid)
        self.env.globals["link"] = link
        self.env.tests["uncertain"] = lambda item: is_uncertain(item.status, item.confidence)
        self._fingerprint: str | None = None

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context, notes=Footnotes())

    def fingerprint(self) -> str:
        """The templates (override folder and package) and this module: what a cached page's
        text depends on besides its data."""
        if self._fingerprint is None:
            import jinja2
            sources = [(name, *self.env.loader.get_source(self.env, name)[:2])
                       for name in sorted(self.env.list_templates())]
            self._fingerprint = fingerprint((jinja2.__version__, sorted(self.env.filters)), Path(__file__),
                                            *(part for name, source, filename in sources
                                              for part in (name, filename, source)))
        return self._fingerprint

    @paused_gc()   # as load_site: many objects, next to no cycles
    def render_site(self, site: Site, overview: str = "index.md") -> Pages:
        pages = Pages()
        problems = defaultdict(list)
        for p in site.problems:
            problems[p.page].append(p)
        motives = {m["id"]: m for m in site.motives}
        actor_ids = {a["id"] for a in site.actors}
        common = dict(overview=overview, question=site.question, actor_ids=actor_ids,
                      motive_ids=set(motives), evidence_cap=OVERVIEW_EVIDENCE, per_source=PER_SOURCE,
                      relation_evidence=RELATION_EVIDENCE, actors_cap=MOTIVE_ACTORS)

        # Rendered pages are reused from the site cache under a key of their inputs: a source
        # page under its own brief's and seed's stamps (and what else its template is given),
        # every other page under the stamps of all briefs, since it gathers from all of them.
        cache = site.cache
        old, new = cache.pages(self.fingerprint()) if cache is not None else ({}, {})
        base = repr((cache.key if cache else None, overview, site.question, sorted(actor_ids),
                     sorted(motives), PER_SOURCE, OVERVIEW_EVIDENCE, RELATION_EVIDENCE, MOTIVE_ACTORS,
                     PAGE_SENTENCES, ONE_PAGE_SENTENCES, PAGE_ROWS, PAGE_SOURCES, PAGER_WINDOW))
        whole = None
        if cache is not None:
            whole = hashlib.sha256(repr((base, sorted(cache.keys.items()), sorted(cache.cross_keys.items()),
                                         [(p.path, p.message, p.line, p.column, p.page) for p in site.problems],
                                         repr(site.motives), repr(site.actors),
                                         repr(site.counterarguments))).encode()).hexdigest()

        # A source page's key: its own inputs. When many source pages are not in the cache (a
        # first build), forked workers render every page that is not (the listings first,
        # then the source pages), and this process takes them in order as they come.
        keys = {s.id: self._source_key(site, base, problems, s) for s in site.sources} \
            if cache is not None else {}
        run = _Run(self, common, problems, cache, old, new, base, whole, pages)
        units = self._units(site, overview, keys)
        stale = [n for n, u in enumerate(units) if not run.reusable(u)]
        jobs = forking.workers(sum(units[n].per_source for n in stale), PARALLEL_PAGES)
        with contextlib.ExitStack() as stack:
            ahead = forking.Ahead([], iter(()))
            if jobs:
                pool = stack.enter_context(forking.forked_pool(
                    jobs, run=run, site=site, overview=overview, keys=keys))
                # the pages that gather from every source (heavy, few) go out first, those that
                # share data made on first use (``_Lazy``) to one worker together
                batches = _batches(units, [n for n in stale if not units[n].per_source])
                per_source = [n for n in stale if units[n].per_source]
                ahead = forking.Ahead([units[n].path for b in batches for n in b]
                                      + [units[n].path for n in per_source], itertools.chain(
                    itertools.chain.from_iterable(pool.imap(_render_units_forked, batches)),
                    pool.imap(_render_unit_forked, per_source, chunksize=forking.chunk(len(per_source), jobs))))
            for unit in units:
                run.emit(unit, ahead.take(unit.path) if unit.path in ahead else None)
        if cache is not None:
            cache.save()
        return pages

    def _units(self, site: Site, overview: str, keys: dict) -> list["_Unit"]:
        """Every page of the site, in order, as ``_Unit``s whose contexts are computed only when
        called (a cached page needs none). The same in this process and in a forked worker."""
        analysis = site.analysis
        motives = {m["id"]: m for m in site.motives}
        units: list[_Unit] = []

        def add(path, template, origin, context, key=None, per_source=False, together=None):
            units.append(_Unit(path, template, origin, lambda: [context()], key, False, per_source, together))

        def listing(path, template, origin, contexts, together=None):
            units.append(_Unit(path, template, origin, contexts, None, True, False, together))

        lazy = _Lazy(site, analysis, motives)
        add(overview, "overview.md.j2", site.taxonomy_path, lambda: dict(
            motives=lazy.motive_rows, sources=sorted(lazy.top, key=lambda r: r["title"].lower()),
            total_sources=len(lazy.source_rows), graph=_shown_graph(analysis.graph, OVERVIEW_EVIDENCE),
            all_problems=site.problems, at=lazy.evidence_at), together="motives")
        add("motives/index.md", "motives.md.j2", site.taxonomy_path, lambda: dict(motives=lazy.motive_rows),
            together="motives")
        for m in site.motives:
            listing(f"motives/{m['id']}.md", "motive.md.j2", m["brief"] or site.taxonomy_path,
                    lambda m=m: lazy.motive_pages[m["id"]], together="motives")
        listing("counterarguments.md", "counterarguments.md.j2", site.taxonomy_path,
                lambda: _counter_pages(site, lazy.counters, "counterarguments.md"))
        names = {m["id"]: m["name"] for m in site.motives}
        listing("disputed.md", "disputed.md.j2", site.taxonomy_path, lambda: [
            dict(ctx, motive_names=names) for ctx in _dispute_pages(analysis.disputes, "disputed.md")])
        add("actors/index.md", "actors.md.j2", site.taxonomy_path, lambda: dict(
            actors=[dict(a, mentions=sum(m["count"] for m in lazy.mentions[a["id"]]),
                         sources=len(lazy.mentions[a["id"]])) for a in site.actors]), together="actors")
        for a in site.actors:
            add(f"actors/{a['id']}.md", "actor.md.j2", a["brief"] or site.taxonomy_path, lambda a=a: dict(
                **_actor_context(site, a, lazy.mentions[a["id"]], motives, lazy.naming[a["id"]],
                                 lazy.said[a["id"]]),
                neighbourhood=_neighbourhood(analysis.neighbourhoods.get(a["id"]))), together="actors")
        listing("sources/index.md", "sources.md.j2", None, lambda: [
            dict(sources=rows, motives=lazy.motive_rows, at=lazy.evidence_at)
            for rows in _chunks(lazy.source_rows, PAGE_SOURCES)], together="motives")
        for s in site.sources:
            add(source_page(s.id), "source.md.j2", s.brief or s.seed, lambda s=s: dict(source=s),
                keys.get(s.id), per_source=True)
        listing("timeline.md", "timeline.md.j2", None, lambda: [
            dict(entries=part, titles=lazy.titles,
                 # ``events`` (one per report, on page 1) stays in the context for override
                 # templates written for it
                 events=sorted(site.items("event"), key=lambda i: (i.label, i.source, _anchor_key(i.anchor)))
                 if k == 0 else [])
            for k, part in enumerate(_cut([dict(e, reports=e["citations"]) for e in analysis.timeline],
                                          "citations", _one, PAGE_ROWS))])
        listing("quotes.md", "quotes.md.j2", None, lambda: [
            dict(speakers=part, titles=lazy.titles)
            for part in _cut(_speakers(site), "groups", _weight, PAGE_SENTENCES, ONE_PAGE_SENTENCES)])
        return units

    @staticmethod
    def _source_key(site: Site, base: str, problems: dict, s) -> str | None:
        if s.id not in site.cache.keys:
            return None
        return hashlib.sha256(repr((base, site.cache.keys[s.id], problems.get(source_page(s.id), []),
                                    s.stance, s.summary, s.cells, s.weight)).encode()).hexdigest()

    def page(self, template: str, path: str, common: dict, problems: dict, context: dict) -> str:
        """One page's Markdown (in this process or in a forked worker: the same call)."""
        return self.render(template, root="../" * path.count("/"), problems=problems.get(path, []),
                           **common, **context)


def _item_values(item: Item) -> tuple:
    # An item by its values alone: without the memo, pickle writes every attribute's name
    # again for each of the thousands of items a listing holds.
    return Item, tuple(vars(item).values())


_DIGEST_REDUCERS = {**copyreg.dispatch_table, Item: _item_values}


def _digest(value) -> str:
    """A digest of a page's context: different contexts never share one, and equal contexts
    get the same one however their objects are shared (briefs read by different readers, or
    an item reached twice). Pickled without the memo (``fast``), which is lossless for the
    plain values, dataclasses and ``Listing`` that contexts hold, and faster than pickling
    with it or ``repr``; ``repr`` when something cannot be pickled (or holds a cycle)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True   # the memo would write a value shared twice differently from two copies
    pickler.dispatch_table = _DIGEST_REDUCERS
    try:
        pickler.dump(value)
        blob = buffer.getvalue()
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        blob = repr(value).encode()
    return hashlib.sha256(blob).hexdigest()


class _Unit(NamedTuple):
    """A page, or a listing of one or more pages (``listing``), whose contexts are given by
    ``contexts()`` (a list: one per page); ``key``: a page's own cache key (a source page's),
    else it is cached under the key of the whole site; ``per_source``: a source's page."""
    path: str
    template: str
    origin: Path | None
    contexts: object
    key: str | None
    listing: bool
    per_source: bool
    together: str | None = None   # units of one name share data made on first use (``_Lazy``)


class _Run:
    """One ``render_site``: its inputs and caches, and the pages as they are done. ``render``
    is what a forked worker does with a unit; ``emit`` enters a unit's pages, rendered here
    or by a worker (``done``), or reused from the cache."""

    def __init__(self, renderer, common, problems, cache, old, new, base, whole, pages):
        self.renderer, self.common, self.problems = renderer, common, problems
        self.cache, self.old, self.new, self.base, self.whole, self.pages = cache, old, new, base, whole, pages

    def _key(self, unit: _Unit):
        return unit.key if unit.key is not None else self.whole

    def reusable(self, unit: _Unit) -> bool:
        """Whether the last build's pages of ``unit`` stand as they are: no input changed (a
        listing's inputs cut it into the same pages as last time)."""
        return self.cache is not None and (self.old.get(unit.path) or (None,))[0] == self._key(unit)

    def render(self, unit: _Unit) -> list[tuple[str, str, str | None]]:
        """``(path, text, digest)`` of each page of ``unit``. A page that gathers from every
        source (no key of its own) has the digest of its context and is reused when the last
        build's page had the same (an edit changes a few of these pages, not all of them)."""
        ctxs = unit.contexts()
        paths = [page_path(unit.path, k) for k in range(1, len(ctxs) + 1)]
        out = []
        for k, ctx in enumerate(ctxs):
            if unit.listing:
                ctx["pager"] = _pager(paths, k)
            digest = None
            if unit.key is None and self.cache is not None:
                digest = _digest((self.base, unit.template, paths[k], self.problems.get(paths[k], []), ctx))
            hit = self.old.get(paths[k]) if self.cache is not None else None
            if digest is not None and hit is not None and hit[2] == digest:
                text = hit[1]
            else:
                text = self.renderer.page(unit.template, paths[k], self.common, self.problems, ctx)
            out.append((paths[k], text, digest))
        return out

    def emit(self, unit: _Unit, done: list | None = None) -> None:
        if self.reusable(unit):   # page 1 and, for a listing, its later pages of the same key
            found, path = [], unit.path
            while path == unit.path or (unit.listing and (self.old.get(path) or (None,))[0] == self.whole):
                found.append((path, *self.old[path][1:3]))
                path = page_path(unit.path, len(found) + 1)
        else:
            found = done if done is not None else self.render(unit)
        for k, (path, text, digest) in enumerate(found):
            if self.cache is not None:
                self.new[path] = (self._key(unit), text, digest)
            self.pages[path] = text
            self.pages.origins[path] = unit.origin
            if k:
                self.pages.continuations.add(path)


def _batches(units: list[_Unit], ns: list[int]) -> list[list[int]]:
    """``ns`` (indexes of ``units``) in batches for the workers: the units that share data
    made on first use in one batch (so one worker makes it, not each), any other alone."""
    batches: dict = {}
    for n in ns:
        batches.setdefault(units[n].together or n, []).append(n)
    return list(batches.values())


def _render_units_forked(ns: list[int]) -> list:
    return [_render_unit_forked(n) for n in ns]


def _render_unit_forked(n: int) -> list:
    """In a forked worker: the pages of the site's ``n``-th unit (``Renderer._units``, made
    once per worker: what the listings share is computed by a worker as it needs it, which
    is why the units that share it come in one batch, ``_batches``)."""
    shared = forking.state()
    run = shared["run"]
    if "units" not in shared:
        shared["units"] = run.renderer._units(shared["site"], shared["overview"], shared["keys"])
    return run.render(shared["units"][n])


class _Lazy:
    """What several pages' contexts share, computed on first use (a cached page needs none)."""

    def __init__(self, site: Site, analysis, motives: dict):
        self.site, self.analysis, self.motives = site, analysis, motives

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self, "_" + name)()
        setattr(self, name, value)
        return value

    def _evidence(self):
        return self.site.items("motive")

    def _counters(self):
        return self.site.items("counter")

    def _motive_rows(self):
        evidence, site = self.evidence, self.site
        per_motive = Counter(i.label for i in evidence)
        sources_per_motive = defaultdict(set)
        for i in evidence:
            sources_per_motive[i.label].add(i.source)
        rebuttals = Counter(i.rebuts for i in self.counters)
        return [dict(m, evidence=per_motive[m["id"]], sources=len(sources_per_motive[m["id"]]),
                     counters=rebuttals[m["id"]],
                     agreement=self.analysis.motives.get(m["id"], {}).get("label", ""))
                for m in site.motives]

    def _source_rows(self):
        return [_source_row(s) for s in self.site.sources]

    def _top(self):
        return sorted(self.source_rows, key=lambda r: (-r["weight"], r["title"].lower()))[:OVERVIEW_SOURCES]

    def _mentions(self):
        mentions = defaultdict(list)
        for s in self.site.sources:
            for a in s.actors:
                mentions[a["actor"]].append(dict(a, source=s.id, title=s.title))
        return mentions

    def _naming(self):   # actor -> items whose sentence names it
        naming: dict[str, list[Item]] = defaultdict(list)
        for s in self.site.sources:
            for i in s.items:
                for aid in i.actors:
                    naming[aid].append(i)
        return naming

    def _said(self):     # speaker -> quotes
        said: dict[str, list[Item]] = defaultdict(list)
        for s in self.site.sources:
            for i in s.items:
                if i.kind == "quote":
                    said[i.label].append(i)
        return said

    def _titles(self):
        return {s.id: s.title for s in self.site.sources}

    def _motive_pages(self):   # motive id -> its pages' contexts
        return {m["id"]: _motive_pages(self.site, m, self.evidence, self.counters, f"motives/{m['id']}.md")
                for m in self.site.motives}

    def _evidence_at(self):
        """Motive id -> source id -> the page after the motive's first that holds the source's
        evidence (its ``#src-<source>`` anchor); sources on page 1 are not listed."""
        at: dict[str, dict[str, str]] = {}
        for mid, ctxs in self.motive_pages.items():
            for ctx in ctxs[1:]:
                for g in ctx["groups"]:
                    at.setdefault(mid, {})[g["source"]] = ctx["path"]
        return at


@lru_cache(maxsize=65536)   # listings sort every item by it, many times over
def _anchor_key(anchor: str | None) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", anchor or "")) or (0,)


def _source_row(s) -> dict:
    return {"id": s.id, "title": s.title, "author": s.author, "outlet": s.outlet, "date": s.date,
            "extracted": s.extracted, "evidence": len(s.of("motive")), "counters": len(s.of("counter")),
            "stance": s.stance, "cells": s.cells, "weight": s.weight}


def _by_source(site: Site, items: list[Item], cap: int | None = None, sources: int | None = None) -> list[dict]:
    """Items grouped by source (in the sources' order, sentences in article order). With
    ``cap``, each group shows at most ``cap`` entries and counts the rest in ``more``; with
    ``sources``, only the groups with the most entries are kept (the returned list's
    ``hidden_sources`` / ``hidden_items`` count the rest)."""
    by: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        by[i.source].append(i)
    order, titles = _order(site)
    sids = sorted((k for k in by if k in order), key=order.__getitem__)
    hidden: list[str] = []
    if sources is not None and len(sids) > sources:
        # the groups left out are only counted: their sentences are never sorted (an actor
        # named in most of 10,000 sources keeps 25 of them)
        kept = set(heapq.nsmallest(sources, sids, key=lambda sid: (-len(by[sid]), order[sid])))
        hidden = [sid for sid in sids if sid not in kept]
        sids = [sid for sid in sids if sid in kept]
    out = Listing()
    for sid in sids:
        mine = sorted(by[sid], key=lambda i: _anchor_key(i.anchor))
        shown = mine[:cap] if cap else mine
        out.append({"source": sid, "title": titles[sid], "entries": shown, "total": len(mine),
                    "more": len(mine) - len(shown)})
    if hidden:
        out.hidden_sources = len(hidden)
        out.hidden_items = sum(len(by[sid]) for sid in hidden)
    return out


class Listing(list):
    """Groups by source; ``hidden_sources`` and ``hidden_items``: what a cap left out."""
    hidden_sources = 0
    hidden_items = 0

    def __repr__(self) -> str:   # complete: a page's cache key is the repr of its context
        return f"Listing({list.__repr__(self)}, {self.hidden_sources}, {self.hidden_items})"


def _order(site: Site) -> tuple[dict[str, int], dict[str, str]]:
    """Each source's position and title (computed once per site, not once per listing)."""
    cached = getattr(site, "_source_order", None)
    if cached is None or len(cached[0]) != len(site.sources):
        cached = ({s.id: n for n, s in enumerate(site.sources)}, {s.id: s.title for s in site.sources})
        site._source_order = cached
    return cached


def _full(g: dict) -> dict:
    return dict(g, hidden_statements=0)


# ---- pagination: which entries go on which page

def page_path(path: str, k: int) -> str:
    """Page ``k`` (from 1) of the listing at ``path``: ``X.md``, then ``X/2.md``, ``X/3.md``..."""
    return path if k == 1 else f"{path[:-3]}/{k}.md"


def _split(weights: list[int], budget: int) -> list[int]:
    """The page (from 0) of each entry, in order: a page takes entries while their weights add
    up to at most ``budget``; an entry is never split (one heavier than the budget has a page
    of its own). Everything is on page 0 exactly when the weights add up to the budget or less."""
    out, page, load = [], 0, 0
    for w in weights:
        if load and load + w > budget:
            page, load = page + 1, 0
        load += w
        out.append(page)
    return out


def _chunks(rows: list, size: int) -> list[list]:
    """``rows`` in pages of ``size`` (one empty page when there are none)."""
    return [rows[n:n + size] for n in range(0, len(rows), size)] or [[]]


def _weight(group: dict) -> int:
    """A source group's weight: its quoted sentences, and a footnote as one more."""
    return sum(2 if i.context else 1 for i in group["entries"])


def _one(_) -> int:
    return 1


def _cut(sections: list[dict], key: str, weight, budget: int, one: int | None = None) -> list[list[dict]]:
    """Cut the entries under ``key`` of consecutive ``sections`` (kinds, speakers, events...)
    into pages of at most ``budget`` (``weight`` of each entry). Each page is a list of
    copies of the sections it holds entries of, with those entries under ``key`` and
    ``continued`` true when the section began on an earlier page; sections without entries
    are left out, except that a single page keeps every section. Entries weighing ``one``
    (default: ``budget``) or less in all stay on a single page."""
    flat = [(n, x) for n, s in enumerate(sections) for x in s[key]]
    weights = [weight(x) for _, x in flat]
    where = _split(weights, budget)
    if not where or where[-1] == 0 or sum(weights) <= (one or budget):
        return [[dict(s, continued=False) for s in sections]]
    parts: list[list[tuple[int, list]]] = [[] for _ in range(where[-1] + 1)]
    for (n, x), p in zip(flat, where):
        if not parts[p] or parts[p][-1][0] != n:
            parts[p].append((n, []))
        parts[p][-1][1].append(x)
    started: set[int] = set()
    out = []
    for part in parts:
        out.append([dict(sections[n], **{key: xs, "continued": n in started}) for n, xs in part])
        started.update(n for n, _ in part)
    return out


def _pager(paths: list[str], k: int) -> dict | None:
    """The pager of page ``k`` (from 0) of a listing's pages: ``None`` for a single page. Its
    ``window`` links every page, or (many pages) the first, the last and ``PAGER_WINDOW``
    either side of this one, with ``None`` where pages are left out."""
    n = len(paths)
    if n == 1:
        return None
    shown = sorted({0, n - 1} | set(range(max(0, k - PAGER_WINDOW), min(n, k + PAGER_WINDOW + 1))))
    window: list[dict | None] = []
    last = -1
    for i in shown:
        if i - last == 2:     # a gap of one page: link it rather than print "…" for it
            window.append({"page": i, "path": paths[i - 1]})
        elif i - last > 2:
            window.append(None)
        window.append({"page": i + 1, "path": paths[i]})
        last = i
    return {"page": k + 1, "pages": n, "path": paths[k], "window": window,
            "prev": paths[k - 1] if k else None, "next": paths[k + 1] if k + 1 < n else None}


def _pages_of(cut: list[list[dict]], key: str, first: int, path: str) -> dict:
    """Section ``key`` -> the pages (numbered from ``first``) of the listing at ``path`` whose
    part of ``cut`` holds entries of that section."""
    pages_of: dict = defaultdict(list)
    for j, part in enumerate(cut):
        for section in part:
            pages_of[section[key]].append({"page": first + j, "path": page_path(path, first + j)})
    return pages_of


def _kind_pages(kinds: list[dict], cut: list[list[dict]], first: int, path: str) -> list[dict]:
    """The index entries of counterargument kinds whose source groups are on pages ``first``,
    ``first + 1``... (``cut``): each kind with its counts, the pages that list it, no groups."""
    pages_of = _pages_of(cut, "kind", first, path)
    return [dict(c, groups=[], sources=len(c["groups"]), sentences=sum(g["total"] for g in c["groups"]),
                 pages=pages_of[c["kind"]], continued=False) for c in kinds]


def _counter_pages(site: Site, counters, path: str) -> list[dict]:
    """Counterarguments by the motive they rebut. Past one page, page 1 is an index of the
    kinds (every kind's anchor, linked from the source pages, stays on it) with their counts
    and pages, and pages 2..n list the source groups of one kind after another."""
    groups = [dict(g, continued=False, counters=[dict(c, continued=False) for c in g["counters"]])
              for g in _counter_groups(site, counters)]
    kinds = [dict(c, parent=n) for n, g in enumerate(groups) for c in g["counters"]]
    kinds = [dict(c, kind=n) for n, c in enumerate(kinds)]
    cut = _cut(kinds, "groups", _weight, PAGE_SENTENCES, ONE_PAGE_SENTENCES)
    if len(cut) == 1:
        return [dict(groups=groups, index=False)]
    index = iter(_kind_pages(kinds, cut, 2, path))
    pages = [dict(groups=[dict(g, counters=[next(index) for _ in g["counters"]], continued=False) for g in groups],
                  index=True)]
    seen: set[int] = set()
    for part in cut:
        mine: list[dict] = []
        for c in part:
            if not mine or mine[-1]["parent"] != c["parent"]:
                mine.append(dict(groups[c["parent"]], counters=[], continued=c["parent"] in seen,
                                 parent=c["parent"]))
            mine[-1]["counters"].append(c)
        seen.update(g["parent"] for g in mine)
        pages.append(dict(groups=mine, index=False))
    return pages


def _dispute_pages(disputes: list[dict], path: str) -> list[dict]:
    """Disputed points. Past one page, page 1 is an index of the points (their anchors, linked
    from motive pages, stay on it) with why they clash and where their statements are, and
    pages 2..n list the statements of one point after another."""
    groups = [_full(g) for g in disputes]
    cut = _cut(groups, "statements", _one, PAGE_ROWS)
    if len(cut) == 1:
        return [dict(groups=groups, index=False)]
    spans = _pages_of(cut, "id", 2, path)
    index = [dict(g, statements=[], count=len(g["statements"]), pages=spans[g["id"]]) for g in groups]
    return [dict(groups=index, index=True)] + [dict(groups=part, index=False) for part in cut]


def _motive_pages(site: Site, m: dict, evidence, counters, path: str) -> list[dict]:
    """A motive's page, or pages: past one page, page 1 keeps everything but the listings and
    the first page of evidence, with an index of the counterarguments; the evidence goes on
    from page 2, then the counterarguments' source groups follow on pages of their own."""
    ctx = _motive_context(site, m, evidence, counters)
    kinds = [dict(c, kind=n) for n, c in enumerate(ctx["counters"])]
    total = sum(map(_weight, ctx["groups"])) + sum(_weight(g) for c in kinds for g in c["groups"])
    if total <= ONE_PAGE_SENTENCES:
        return [dict(ctx, counters=[dict(c, continued=False) for c in ctx["counters"]], index=False, path=path)]
    ev = [Listing()]
    for g, p in zip(ctx["groups"], _split([_weight(g) for g in ctx["groups"]], PAGE_SENTENCES)):
        if p == len(ev):
            ev.append(Listing())
        ev[p].append(g)
    cut = [part for part in ([c for c in part if c["groups"]] for part in _cut(kinds, "groups", _weight, PAGE_SENTENCES))
           if part]
    first = len(ev) + 1
    pages = [dict(ctx, groups=ev[0], counters=_kind_pages(kinds, cut, first, path), index=True, path=path)]
    for k, groups in enumerate(ev[1:], start=2):
        pages.append(dict(motive=m, groups=groups, counters=[], index=False, path=page_path(path, k)))
    for k, part in enumerate(cut, start=first):
        pages.append(dict(motive=m, groups=Listing(), counters=part, index=False, path=page_path(path, k)))
    return pages


def _motive_context(site: Site, m: dict, evidence, counters) -> dict:
    mine = [i for i in evidence if i.label == m["id"]]
    rebut = [i for i in counters if i.rebuts == m["id"]]
    kinds = [c for c in site.counterarguments if c["rebuts"] == m["id"]]
    known = {c["id"] for c in kinds}
    kinds += [{"id": lbl, "name": lbl, "description": "", "rebuts": m["id"]}
              for lbl in sorted({i.label for i in rebut} - known)]
    actors = Counter(a for i in mine for a in i.actors)
    names = {a["id"]: a["name"] for a in site.actors}
    disputes = site.analysis.motives.get(m["id"], {}).get("disputes", [])
    return {"motive": m, "groups": _by_source(site, mine, PER_SOURCE),
            "counters": [dict(c, groups=_by_source(site, [i for i in rebut if i.label == c["id"]], PER_SOURCE))
                         for c in kinds],
            "actors": [{"id": a, "name": names.get(a, a), "count": n} for a, n in actors.most_common()],
            "agreement": site.analysis.motives.get(m["id"], {}).get("label", ""),
            "disputes": [dict(g, statements=g["statements"][:DISPUTE_STATEMENTS],
                              hidden_statements=max(0, len(g["statements"]) - DISPUTE_STATEMENTS))
                         for g in disputes],
            "tags": [m["name"]]}


def _counter_groups(site: Site, counters) -> list[dict]:
    by: dict[tuple, list[Item]] = defaultdict(list)
    for i in counters:
        by[(i.label, i.rebuts)].append(i)
    groups = []
    for target in [m["id"] for m in site.motives] + [None]:
        kinds = [c for c in site.counterarguments if c["rebuts"] == target]
        known = {c["id"] for c in kinds}
        extra = sorted({lbl for (lbl, rebuts) in by if rebuts == target} - known)
        kinds += [{"id": lbl, "name": lbl, "description": "", "rebuts": target} for lbl in extra]
        if not kinds:
            continue
        motive = next((m for m in site.motives if m["id"] == target), None)
        groups.append({"motive": motive, "counters": [
            dict(c, groups=_by_source(site, by.get((c["id"], target), [])))
            for c in kinds]})
    return groups


def _neighbourhood(n: dict | None) -> dict | None:
    """An actor's relations, best attested first, at most ``ACTOR_RELATIONS`` rows of at most
    ``RELATION_EVIDENCE`` quoted sentences each."""
    if not n:
        return n
    rels = n["relations"]
    return dict(n, relations=_shown_relations(rels[:ACTOR_RELATIONS], RELATION_EVIDENCE),
                graph=_shown_graph(n["graph"], RELATION_EVIDENCE),
                hidden_relations=max(0, len(rels) - ACTOR_RELATIONS))


def _shown_relations(relations: list[dict], cap: int) -> list[dict]:
    """Relations with the ``cap`` quoted sentences a page shows and the number of all of them
    (``evidence_total``): a relation between the main actors of 10,000 sources has tens of
    thousands, which the page's context would otherwise carry (and its digest pickle)."""
    return [r if len(r["evidence"]) <= cap else dict(r, evidence=r["evidence"][:cap],
                                                     evidence_total=len(r["evidence"]))
            for r in relations]


def _shown_graph(graph: dict | None, cap: int) -> dict | None:
    return graph and dict(graph, relations=_shown_relations(graph["relations"], cap))


def _actor_context(site: Site, a: dict, mentions: list[dict], motives: dict,
                   items: list[Item], said: list[Item]) -> dict:
    # one pass over what may be most items of the site (an actor most sources name)
    per_motive: Counter = Counter()
    per_counter: Counter = Counter()
    evidence = []   # the motive and counterargument items, in order
    for i in items:
        if i.kind == "motive":
            per_motive[i.label] += 1
            evidence.append(i)
        elif i.kind == "counter":
            per_counter[i.label] += 1
            evidence.append(i)
    cnames = {c["id"]: c["name"] for c in site.counterarguments}
    shown, hidden = mentions, []
    if len(mentions) > ACTOR_MENTIONS:
        order = _order(site)[0]
        # sorted(...)[:ACTOR_MENTIONS], without sorting the rest
        top = heapq.nsmallest(ACTOR_MENTIONS, mentions, key=lambda x: (
            -(x["count"] if isinstance(x["count"], int) else 0), order.get(x["source"], 0)))
        keep = {id(x) for x in top}
        shown = [x for x in mentions if id(x) in keep]
        hidden = [x for x in mentions if id(x) not in keep]
    return {"actor": a, "mentions": shown,
            "hidden_mentions": {"sources": len(hidden),
                                "count": sum(x["count"] for x in hidden if isinstance(x["count"], int))},
            "quotes": _by_source(site, said, PER_SOURCE, ACTOR_SOURCES),
            "motives": [{"id": k, "name": motives[k]["name"] if k in motives else k, "count": n,
                         "page": k in motives} for k, n in per_motive.most_common()],
            "counters": [{"id": k, "name": cnames.get(k, k), "count": n} for k, n in per_counter.most_common()],
            "evidence": _by_source(site, evidence, PER_SOURCE, ACTOR_SOURCES),
            "tags": [a["name"], a["kind"]]}


def _speakers(site: Site) -> list[dict]:
    by: dict[str, list[Item]] = defaultdict(list)
    for i in site.items("quote"):
        by[i.label].append(i)
    return [{"id": k, "name": v[0].label_name, "groups": _by_source(site, v)}
            for k, v in sorted(by.items(), key=lambda kv: kv[1][0].label_name.lower())]
