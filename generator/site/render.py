"""Render the site's view model into Markdown pages; writes nothing: ``Renderer.render_site``.

``Renderer`` owns the Jinja environment (override folder first, then the package's
templates). Data from articles and briefs is only ever passed as template values and
printed through the filters of ``markdown``, which make it literal text in Markdown and HTML.
What the listings hold is ``listings``', how they are cut into pages ``pagination``';
``Pages.continuations`` names the pages after the first, which the plugin keeps out of the
navigation.

Pages may be reused from a ``site.load.Store`` that keeps them (``cache.site.SiteCache``),
under a key of their inputs; many stale pages are rendered by forked workers.
"""
from __future__ import annotations

import contextlib
import copyreg
import itertools
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from ..briefs.review import is_uncertain
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from ..cache import forking
from ..cache.collector import paused_gc
from ..cache.stamps import fingerprint, value_digest
from ..cache.state import template_cache
from . import listings as L
from . import pagination as P
from .analysis import OVERVIEW_EVIDENCE
from .markdown import Footnotes, cell, front, link, md, mermaid, title, url
from .model import Item, Site, source_page
from .scopes import scoped
from .sources import STORED

PARALLEL_PAGES = 200     # stale source pages from which forked workers render them (fewer: not worth a fork)


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


def _made_of(templates: str | Path | None) -> tuple:
    """The override folder and the stamps of its files (the package's do not change)."""
    if not templates:
        return (None,)
    return (str(templates), sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                                   for p in Path(templates).rglob("*") if p.is_file()))


class Renderer:
    def __init__(self, templates: str | Path | None = None):
        loaders = [FileSystemLoader(str(templates))] if templates else []
        loaders.append(PackageLoader("generator.site", "templates"))
        # Compiled templates are kept in Jinja's per-user folder under the temporary directory
        # (keyed on each template's source), not compiled again on every build: compiling the
        # dozen templates costs as much as rendering a 100-source site.
        self.env = _Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               autoescape=False, bytecode_cache=template_cache())
        self.env.filters.update(md=md, cell=cell, url=url, front=front, title=title, mermaid=mermaid)
        self.env.globals["link"] = link
        self.env.tests["uncertain"] = lambda item: is_uncertain(item.status, item.confidence)
        self._fingerprint: str | None = None
        self.made_of = _made_of(templates)

    @classmethod
    def reuse(cls, previous: "Renderer | None", templates: str | Path | None) -> "Renderer":
        """``previous`` (its templates compiled, a serve session's last build) when it was made of
        the templates as they are now, else a new renderer."""
        if previous is not None and previous.made_of == _made_of(templates):
            return previous
        return cls(templates)

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
    def render_site(self, site: Site, overview: str = "index.md", store=None) -> Pages:
        """Every page of the site; ``store`` (the ``site.load.Store`` ``load_site`` was given)
        may keep the pages of earlier builds, which are reused when their inputs are the same."""
        pages = Pages()
        problems = defaultdict(list)
        for p in site.problems:
            problems[p.page].append(p)
        motives = {m["id"]: m for m in site.motives}
        # an actor's id -> its page's (another's spelling is shown on that person's page)
        actor_ids = {**{a["id"]: a["id"] for a in site.actors}, **site.joined}
        common = dict(overview=overview, question=site.question, actor_ids=actor_ids,
                      motive_ids=set(motives), evidence_cap=OVERVIEW_EVIDENCE, per_source=L.PER_SOURCE,
                      relation_evidence=L.RELATION_EVIDENCE, actors_cap=L.MOTIVE_ACTORS)

        # Rendered pages are reused from the site cache under a key of their inputs: a source
        # page under its own brief's and seed's stamps (and what else its template is given),
        # every other page under the stamps of all briefs, since it gathers from all of them.
        cache = store if store is not None and store.key is not None else None
        old, new = cache.pages(self.fingerprint()) if cache is not None else ({}, {})
        base = repr((cache.key if cache else None, overview, site.question, sorted(actor_ids.items()),
                     sorted(motives), L.PER_SOURCE, OVERVIEW_EVIDENCE, L.RELATION_EVIDENCE, L.MOTIVE_ACTORS,
                     L.PAGE_SENTENCES, L.ONE_PAGE_SENTENCES, L.PAGE_ROWS, L.PAGE_SOURCES))
        whole = None
        if cache is not None:
            whole = fingerprint(repr((base, sorted(cache.keys.items()), sorted(cache.cross_keys.items()),
                                      [(p.path, p.message, p.line, p.column, p.page) for p in site.problems],
                                      repr(site.motives), repr(site.actors), repr(site.counterarguments))))

        # A source page's key: its own inputs. When many source pages are not in the cache (a
        # first build), forked workers render every page that is not (the listings first,
        # then the source pages), and this process takes them in order as they come.
        keys = {s.id: self._source_key(cache, base, problems, s) for s in site.sources} \
            if cache is not None else {}
        run = _Run(self, common, problems, cache, old, new, base, whole, pages)
        lazy = run.scope(site)
        units = self._units(site, overview, keys, lazy)
        stale = [n for n, u in enumerate(units) if not run.reusable(u)]
        jobs = forking.workers(sum(units[n].per_source for n in stale), PARALLEL_PAGES)
        with contextlib.ExitStack() as stack:
            ahead = forking.Ahead([], iter(()))
            if jobs:
                pool = stack.enter_context(forking.forked_pool(
                    jobs, run=run, site=site, overview=overview, keys=keys))
                # the pages that gather from every source (heavy, few) go out first, those that
                # share data made on first use (``L.Lazy``) to one worker together (serving:
                # those stay here, ``run.here``)
                batches = _batches(units, [n for n in stale if not (units[n].per_source or run.here(units[n]))])
                per_source = [n for n in stale if units[n].per_source]
                ahead = forking.Ahead([units[n].path for b in batches for n in b]
                                      + [units[n].path for n in per_source], itertools.chain(
                    itertools.chain.from_iterable(pool.imap(_render_units_forked, batches)),
                    pool.imap(_render_unit_forked, per_source, chunksize=forking.chunk(len(per_source), jobs))))
            for unit in units:
                run.emit(unit, ahead.take(unit.path) if unit.path in ahead else None)
        if cache is not None:
            run.scoped(lazy)
            cache.save()
        return pages

    def _units(self, site: Site, overview: str, keys: dict, lazy: L.Lazy | None = None) -> list["_Unit"]:
        """Every page of the site, in order, as ``_Unit``s whose contexts are computed only when
        called (a cached page needs none). The same in this process and in a forked worker."""
        analysis = site.analysis
        motives = {m["id"]: m for m in site.motives}
        units: list[_Unit] = []

        def add(path, template, origin, context, key=None, per_source=False, together=None):
            units.append(_Unit(path, template, origin, lambda: [context()], key, False, per_source, together))

        def listing(path, template, origin, contexts, together=None):
            units.append(_Unit(path, template, origin, contexts, None, True, False, together))

        lazy = lazy or L.Lazy(site, analysis, motives)
        add(overview, "overview.md.j2", site.taxonomy_path, lambda: dict(
            motives=lazy.motive_rows, sources=sorted(lazy.top, key=lambda r: r["title"].lower()),
            total_sources=len(lazy.source_rows), graph=L.shown_graph(analysis.graph, OVERVIEW_EVIDENCE),
            all_problems=site.problems, at=L.evidence_at_rows(lazy.evidence_at, lazy.top)), together="motives")
        add("motives/index.md", "motives.md.j2", site.taxonomy_path, lambda: dict(motives=lazy.motive_rows),
            together="motives")
        for m in site.motives:
            listing(f"motives/{m['id']}.md", "motive.md.j2", m["brief"] or site.taxonomy_path,
                    lambda m=m: lazy.motive_pages[m["id"]], together="motives")
        listing("counterarguments.md", "counterarguments.md.j2", site.taxonomy_path,
                lambda: L.counter_pages(site, lazy.counters, "counterarguments.md"))
        names = {m["id"]: m["name"] for m in site.motives}
        listing("disputed.md", "disputed.md.j2", site.taxonomy_path, lambda: [
            dict(ctx, motive_names=names) for ctx in L.dispute_pages(analysis.disputes, "disputed.md")])
        add("actors/index.md", "actors.md.j2", site.taxonomy_path, lambda: dict(actors=lazy.actor_rows),
            together="actors")
        for a in site.actors:
            add(f"actors/{a['id']}.md", "actor.md.j2", a["brief"] or site.taxonomy_path, lambda a=a: dict(
                **lazy.actor(a, motives), neighbourhood=L.neighbourhood(analysis.neighbourhoods.get(a["id"]))),
                together="actors")
        # (the sources list names the motives only: not their counts, which change with any
        # edit and made every page of it differ, so rendered again, for the same text)
        heads = [{k: m[k] for k in ("id", "name", "description")} for m in site.motives]
        listing("sources/index.md", "sources.md.j2", None, lambda: [
            dict(sources=rows, motives=heads, at=L.evidence_at_rows(lazy.evidence_at, rows))
            for rows in P.chunks(lazy.source_rows, L.PAGE_SOURCES)], together="motives")
        for s in site.sources:
            add(source_page(s.id), "source.md.j2", s.brief or s.seed, lambda s=s: dict(source=s),
                keys.get(s.id), per_source=True)
        listing("timeline.md", "timeline.md.j2", None, lambda: [
            dict(entries=part, titles=_titles(lazy.titles, (c["source"] for e in part for c in e["citations"])),
                 # ``events`` (one per report, on page 1) stays in the context for override
                 # templates written for it
                 events=sorted(site.items("event"), key=lambda i: (i.label, i.source, L.anchor_key(i.anchor)))
                 if k == 0 else [])
            for k, part in enumerate(P.cut_pages([dict(e, reports=e["citations"]) for e in analysis.timeline],
                                          "citations", P.one, L.PAGE_ROWS))])
        listing("quotes.md", "quotes.md.j2", None, lambda: [
            dict(speakers=part, titles=_titles(lazy.titles, (g["source"] for sp in part for g in sp["groups"])))
            for part in P.cut_pages(L.speakers(site), "groups", P.weight, L.PAGE_SENTENCES, L.ONE_PAGE_SENTENCES)])
        return units

    @staticmethod
    def _source_key(cache, base: str, problems: dict, s) -> str | None:
        if s.id not in cache.keys:
            return None
        made = (base, cache.keys[s.id], problems.get(source_page(s.id), []), s.stance, s.summary, s.cells, s.weight)
        # serving: the key made last time of the very same analysis values (site.analysis.Reuse
        # keeps an unchanged source's), not the repr and digest of them all again
        memo = getattr(cache, "source_keys", None)
        kept = memo.get(s.id) if memo is not None else None
        if kept is not None and kept[0][:3] == made[:3] and kept[0][6] == made[6] \
                and all(a is b for a, b in zip(kept[0][3:6], made[3:6])):
            return kept[1]
        key = fingerprint(repr(made))
        if memo is not None:
            memo[s.id] = (made, key)
        return key

    def page(self, template: str, path: str, common: dict, problems: dict, context: dict) -> str:
        """One page's Markdown (in this process or in a forked worker: the same call)."""
        return self.render(template, root="../" * path.count("/"), problems=problems.get(path, []),
                           **common, **context)


def _titles(titles: dict, sources) -> dict:
    """The titles of the sources a page cites (every source's would change the page's context,
    so render it again, whenever a source is added; the templates take titles from the entries)."""
    return {s: titles[s] for s in sorted(set(sources)) if s in titles}


def _item_values(item: Item) -> tuple:
    # An item by its values alone: without the memo, pickle writes every attribute's name
    # again for each of the thousands of items a listing holds. An item read back from a
    # packed source (``sources.unpack``) is the digest of its values, made when it was packed.
    stored = item.__dict__.get(STORED)
    return (Item, (stored,)) if stored is not None else (Item, tuple(vars(item).values()))


_DIGEST_REDUCERS = {**copyreg.dispatch_table, Item: _item_values}


def _digest(value) -> str:
    """A digest of a page's context (``cache.stamps.value_digest``), items by their values."""
    return value_digest(value, _DIGEST_REDUCERS)


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
    together: str | None = None   # units of one name share data made on first use (``L.Lazy``)


class _Run:
    """One ``render_site``: its inputs and caches, and the pages as they are done. ``render``
    is what a forked worker does with a unit; ``emit`` enters a unit's pages, rendered here
    or by a worker (``done``), or reused from the cache."""

    def __init__(self, renderer, common, problems, cache, old, new, base, whole, pages):
        self.renderer, self.common, self.problems = renderer, common, problems
        self.cache, self.old, self.new, self.base, self.whole, self.pages = cache, old, new, base, whole, pages
        # serving: the pages of ``scopes.scoped`` units are kept under ``scoped_key`` when
        # their unit is in ``kept`` (no change reached them), not under the whole site's key
        self.kept: set[str] | None = None
        self.scoped_key: str | None = None

    def scope(self, site: Site) -> L.Lazy:
        """Serving (the store has ``scopes``: see ``site.scopes``): the scoped units that stand;
        the listings' shared data, with the motives' part of ``evidence_at`` that stands."""
        scopes = getattr(self.cache, "scopes", None) if self.cache is not None else None
        if scopes is not None:
            self.scoped_key = fingerprint(repr(("scoped", self.base)))
            self.kept = scopes.kept(site, self.cache.keys, self.scoped_key, self.problems)
        return L.Lazy(site, site.analysis, {m["id"]: m for m in site.motives},
                      scopes.kept_at(self.kept) if scopes is not None else None,
                      scopes.counted(site) if scopes is not None else None)

    def scoped(self, lazy: L.Lazy) -> None:
        """After the pages: the motives' ``evidence_at`` as made now, for the next build."""
        if self.kept is not None and "evidence_at" in vars(lazy):
            self.cache.scopes.made_at(lazy.evidence_at)

    def here(self, unit: _Unit) -> bool:
        """Serving (``scope``): whether ``unit``, stale, is rendered in this process even when
        forked workers render the others: the units that share the listings' data (``together``:
        the motives' and the actors' pages) leave in this process what they made (the tallies'
        groups by source, ``evidence_at``), which the next rebuild reuses. Rendered by a first
        build's workers, the first save after it made them all again (at 10,000 sources about
        2.5 s of CPU more than the saves after it); here, this process does them while the
        workers render the rest, on a core it left idle waiting for them."""
        return self.kept is not None and unit.together is not None

    def _key(self, unit: _Unit):
        if unit.key is not None:
            return unit.key
        return self.scoped_key if self.kept is not None and scoped(unit.path) else self.whole

    def reusable(self, unit: _Unit) -> bool:
        """Whether the last build's pages of ``unit`` stand as they are: no input changed (a
        listing's inputs cut it into the same pages as last time)."""
        if self.kept is not None and scoped(unit.path) and unit.path not in self.kept:
            return False
        return self.cache is not None and (self.old.get(unit.path) or (None,))[0] == self._key(unit)

    def render(self, unit: _Unit) -> list[tuple[str, str, str | None]]:
        """``(path, text, digest)`` of each page of ``unit``. A page that gathers from every
        source (no key of its own) has the digest of its context and is reused when the last
        build's page had the same (an edit changes a few of these pages, not all of them)."""
        ctxs = unit.contexts()
        paths = [P.page_path(unit.path, k) for k in range(1, len(ctxs) + 1)]
        out = []
        for k, ctx in enumerate(ctxs):
            if unit.listing:
                ctx["pager"] = P.pager(paths, k)
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
            while path == unit.path or (unit.listing and (self.old.get(path) or (None,))[0] == self._key(unit)):
                found.append((path, *self.old[path][1:3]))
                path = P.page_path(unit.path, len(found) + 1)
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
