"""Render the site's view model into Markdown pages; writes nothing.

``Renderer`` owns the Jinja environment (override folder first, then the package's
templates). Data from articles and briefs is only ever passed as template values and
printed through ``md`` (or ``cell``), which makes it literal text in Markdown and HTML.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import pickle
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote as urlquote

from jinja2 import (ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PackageLoader,
                    StrictUndefined)

from . import forking
from .collector import paused_gc
from .site_analysis import OVERVIEW_EVIDENCE, OVERVIEW_SOURCES
from .site_data import Item, Site

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

# Characters that mean something to Markdown, its extensions or HTML, as entities.
_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\\": "&#92;",
    "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;", "[": "&#91;",
    "]": "&#93;", "#": "&#35;", "|": "&#124;", "~": "&#126;", "=": "&#61;", "^": "&#94;",
    "!": "&#33;", "$": "&#36;",
})
# Only at the start of a line do these open a block (list, admonition, details, definition).
_LEADING = {"-": "&#45;", "+": "&#43;", "?": "&#63;", ":": "&#58;"}
_ORDERED = re.compile(r"^(\d+)([.)])")


def md(value) -> str:
    """Text shown literally by Markdown and HTML, on one line."""
    if value is None:
        return ""
    text = " ".join(str(value).split()).translate(_ESCAPES)
    first = text[:1]
    if first in _LEADING:
        return _LEADING[first] + text[1:]
    if first.isdigit():   # the regex only where it can match (isdigit holds for every \d)
        return _ORDERED.sub(_ordered, text, count=1)
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
    target = f"{root}sources/{_url(str(source))}.md"
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
    """A front-matter scalar: JSON is YAML, and tags are plain text."""
    return json.dumps(re.sub(r"[<>&]", "", str(value)), ensure_ascii=False)


def title(value) -> str:
    """A front-matter page title. Themes print titles unescaped after ``striptags`` (which
    also decodes entities), so no markup and no entity may survive in it."""
    text = " ".join(str(value).split()).replace("<", "‹").replace(">", "›")
    return json.dumps(re.sub(r"&(?=#?\w+;)", "& ", text), ensure_ascii=False)


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
    """Page path -> Markdown, with ``origins``: page path -> the file behind it (or None)."""

    def __init__(self):
        super().__init__()
        self.origins: dict[str, Path | None] = {}


def _bytecode_cache():
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):   # no usable temporary directory: compile every time
        return None


class Renderer:
    def __init__(self, templates: str | Path | None = None):
        loaders = [FileSystemLoader(str(templates))] if templates else []
        loaders.append(PackageLoader("generator", "templates"))
        # Compiled templates are kept in Jinja's per-user folder under the temporary directory
        # (keyed on each template's source), not compiled again on every build: compiling the
        # dozen templates costs as much as rendering a 100-source site.
        self.env = Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               autoescape=False, bytecode_cache=_bytecode_cache())
        self.env.filters.update(md=md, cell=cell, url=url, front=front, title=title, mermaid=mermaid)
        self.env.globals["link"] = link
        self._fingerprint: str | None = None

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context, notes=Footnotes())

    def fingerprint(self) -> str:
        """The templates (override folder and package) and this module: what a cached page's
        text depends on besides its data."""
        if self._fingerprint is None:
            import jinja2
            h = hashlib.sha256(repr((jinja2.__version__, sorted(self.env.filters))).encode())
            h.update(Path(__file__).read_bytes())
            for name in sorted(self.env.list_templates()):
                source, filename, _ = self.env.loader.get_source(self.env, name)
                h.update(f"\0{name}\0{filename}\0".encode() + source.encode("utf-8"))
            self._fingerprint = h.hexdigest()
        return self._fingerprint

    @paused_gc()   # as load_site: many objects, next to no cycles
    def render_site(self, site: Site, overview: str = "index.md") -> Pages:
        pages = Pages()
        problems = defaultdict(list)
        for p in site.problems:
            problems[p.page].append(p)
        motives = {m["id"]: m for m in site.motives}
        actor_ids = {a["id"] for a in site.actors}
        analysis = site.analysis
        common = dict(overview=overview, question=site.question, actor_ids=actor_ids,
                      motive_ids=set(motives), evidence_cap=OVERVIEW_EVIDENCE, per_source=PER_SOURCE,
                      relation_evidence=RELATION_EVIDENCE, actors_cap=MOTIVE_ACTORS)

        # Rendered pages are reused from the site cache under a key of their inputs: a source
        # page under its own brief's and seed's stamps (and what else its template is given),
        # every other page under the stamps of all briefs, since it gathers from all of them.
        cache = site.cache
        old, new = cache.pages(self.fingerprint()) if cache is not None else ({}, {})
        base = repr((cache.key if cache else None, overview, site.question, sorted(actor_ids),
                     sorted(motives), PER_SOURCE, OVERVIEW_EVIDENCE, RELATION_EVIDENCE, MOTIVE_ACTORS))
        whole = None
        if cache is not None:
            whole = hashlib.sha256(repr((base, sorted(cache.keys.items()), sorted(cache.cross_keys.items()),
                                         [(p.path, p.message, p.line, p.column, p.page) for p in site.problems],
                                         repr(site.motives), repr(site.actors),
                                         repr(site.counterarguments))).encode()).hexdigest()

        # A source page's key: its own inputs. Source pages not in the cache are rendered by
        # forked workers when there are many (a first build), while this process renders the
        # other pages; they are taken in order as they come.
        keys = {s.id: self._source_key(site, base, problems, s) for s in site.sources} \
            if cache is not None else {}
        stale = [n for n, s in enumerate(site.sources)
                 if cache is None or (old.get(f"sources/{s.id}.md") or (None,))[0] != (keys[s.id] or whole)]
        jobs = forking.workers(len(stale), PARALLEL_PAGES)
        with contextlib.ExitStack() as stack:
            ahead = forking.Ahead([], iter(()))
            if jobs:
                pool = stack.enter_context(forking.forked_pool(
                    jobs, renderer=self, site=site, common=common, problems=problems))
                ahead = forking.Ahead([f"sources/{site.sources[n].id}.md" for n in stale],
                               pool.imap(_render_source_forked, stale, chunksize=forking.chunk(len(stale), jobs)))
            self._pages(site, overview, common, problems, cache, old, new, base, whole, keys, ahead, pages)
        if cache is not None:
            cache.save()
        return pages

    def _pages(self, site, overview, common, problems, cache, old, new, base, whole, keys, ahead, pages):
        analysis = site.analysis
        motives = {m["id"]: m for m in site.motives}

        def add(path, template, origin, context, key=None):
            """``context``: a function, called only when the page is not cached. A page that
            gathers from every source (no ``key`` of its own) is reused when no input changed
            at all, or else when its context is the same as when it was rendered (an edit
            changes a few of these pages, not all of them)."""
            hit = old.get(path) if cache is not None else None
            digest = None
            if hit is not None and hit[0] == (key if key is not None else whole):
                text, digest = hit[1], hit[2]
            elif path in ahead:
                text = ahead.take(path)
            else:
                ctx = context()
                if key is None and cache is not None:
                    digest = _digest((base, template, path, problems.get(path, []), ctx))
                if digest is not None and hit is not None and hit[2] == digest:
                    text = hit[1]
                else:
                    text = self.page(template, path, common, problems, ctx)
            if cache is not None:
                new[path] = (key if key is not None else whole, text, digest)
            pages[path] = text
            pages.origins[path] = origin

        lazy = _Lazy(site, analysis, motives)
        add(overview, "overview.md.j2", site.taxonomy_path, lambda: dict(
            motives=lazy.motive_rows, sources=sorted(lazy.top, key=lambda r: r["title"].lower()),
            total_sources=len(lazy.source_rows), graph=analysis.graph, all_problems=site.problems))
        add("motives/index.md", "motives.md.j2", site.taxonomy_path, lambda: dict(motives=lazy.motive_rows))
        for m in site.motives:
            add(f"motives/{m['id']}.md", "motive.md.j2", m["brief"] or site.taxonomy_path,
                lambda m=m: _motive_context(site, m, lazy.evidence, lazy.counters))
        add("counterarguments.md", "counterarguments.md.j2", site.taxonomy_path,
            lambda: dict(groups=_counter_groups(site, lazy.counters)))
        add("disputed.md", "disputed.md.j2", site.taxonomy_path, lambda: dict(
            groups=[_full(g) for g in analysis.disputes],
            motive_names={m["id"]: m["name"] for m in site.motives}))
        add("actors/index.md", "actors.md.j2", site.taxonomy_path, lambda: dict(
            actors=[dict(a, mentions=sum(m["count"] for m in lazy.mentions[a["id"]]),
                         sources=len(lazy.mentions[a["id"]])) for a in site.actors]))
        for a in site.actors:
            add(f"actors/{a['id']}.md", "actor.md.j2", a["brief"] or site.taxonomy_path, lambda a=a: dict(
                **_actor_context(site, a, lazy.mentions[a["id"]], motives, lazy.naming[a["id"]],
                                 lazy.said[a["id"]]),
                neighbourhood=_neighbourhood(analysis.neighbourhoods.get(a["id"]))))
        add("sources/index.md", "sources.md.j2", None,
            lambda: dict(sources=lazy.source_rows, motives=lazy.motive_rows))
        for s in site.sources:
            add(f"sources/{s.id}.md", "source.md.j2", s.brief or s.seed, lambda s=s: dict(source=s),
                keys.get(s.id))
        add("timeline.md", "timeline.md.j2", None, lambda: dict(
            entries=analysis.timeline, titles=lazy.titles,
            # ``events`` (one per report) stays in the context for override templates written for it
            events=sorted(site.items("event"), key=lambda i: (i.label, i.source, _anchor_key(i.anchor)))))
        add("quotes.md", "quotes.md.j2", None, lambda: dict(speakers=_speakers(site), titles=lazy.titles))

    @staticmethod
    def _source_key(site: Site, base: str, problems: dict, s) -> str | None:
        if s.id not in site.cache.keys:
            return None
        return hashlib.sha256(repr((base, site.cache.keys[s.id], problems.get(f"sources/{s.id}.md", []),
                                    s.stance, s.summary, s.cells, s.weight)).encode()).hexdigest()

    def page(self, template: str, path: str, common: dict, problems: dict, context: dict) -> str:
        """One page's Markdown (in this process or in a forked worker: the same call)."""
        return self.render(template, root="../" * path.count("/"), problems=problems.get(path, []),
                           **common, **context)


def _digest(value) -> str:
    """A digest of a page's context: different contexts never share one, and equal contexts
    get the same one however their objects are shared (briefs read by different readers, or
    an item reached twice). Pickled without the memo (``fast``), which is lossless for the
    plain values, dataclasses and ``Listing`` that contexts hold, and faster than pickling
    with it or ``repr``; ``repr`` when something cannot be pickled (or holds a cycle)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True   # the memo would write a value shared twice differently from two copies
    try:
        pickler.dump(value)
        blob = buffer.getvalue()
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        blob = repr(value).encode()
    return hashlib.sha256(blob).hexdigest()


def _render_source_forked(n: int) -> str:
    """In a forked worker: the page of the site's ``n``-th source."""
    shared = forking.state()
    s = shared["site"].sources[n]
    return shared["renderer"].page("source.md.j2", f"sources/{s.id}.md", shared["common"], shared["problems"],
                                   dict(source=s))


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
    groups = []
    for sid in sorted((k for k in by if k in order), key=order.__getitem__):
        mine = sorted(by[sid], key=lambda i: _anchor_key(i.anchor))
        shown = mine[:cap] if cap else mine
        groups.append({"source": sid, "title": titles[sid], "entries": shown, "total": len(mine),
                       "more": len(mine) - len(shown)})
    out = Listing(groups)
    if sources is not None and len(groups) > sources:
        keep = sorted(groups, key=lambda g: (-g["total"], order[g["source"]]))[:sources]
        kept = {g["source"] for g in keep}
        out = Listing([g for g in groups if g["source"] in kept])
        out.hidden_sources = len(groups) - len(out)
        out.hidden_items = sum(g["total"] for g in groups if g["source"] not in kept)
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
    return dict(n, relations=rels[:ACTOR_RELATIONS], hidden_relations=max(0, len(rels) - ACTOR_RELATIONS))


def _actor_context(site: Site, a: dict, mentions: list[dict], motives: dict,
                   items: list[Item], said: list[Item]) -> dict:
    per_motive = Counter(i.label for i in items if i.kind == "motive")
    per_counter = Counter(i.label for i in items if i.kind == "counter")
    cnames = {c["id"]: c["name"] for c in site.counterarguments}
    shown, hidden = mentions, []
    if len(mentions) > ACTOR_MENTIONS:
        order = _order(site)[0]
        top = sorted(mentions, key=lambda x: (-(x["count"] if isinstance(x["count"], int) else 0),
                                             order.get(x["source"], 0)))[:ACTOR_MENTIONS]
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
            "evidence": _by_source(site, [i for i in items if i.kind in ("motive", "counter")],
                                   PER_SOURCE, ACTOR_SOURCES),
            "tags": [a["name"], a["kind"]]}


def _speakers(site: Site) -> list[dict]:
    by: dict[str, list[Item]] = defaultdict(list)
    for i in site.items("quote"):
        by[i.label].append(i)
    return [{"id": k, "name": v[0].label_name, "groups": _by_source(site, v)}
            for k, v in sorted(by.items(), key=lambda kv: kv[1][0].label_name.lower())]
