"""What the pages that gather from every source list, and how a long listing is cut into pages.

Items grouped by source (``by_source``), bounded per source and per page; the contexts of the
motive, counterargument, disputed-point, actor and quote pages; and what each paginated listing
cuts into pages (``counter_pages``, ``dispute_pages``, ``_motive_pages``), with the cuts, paths and
pagers of ``pagination``. Anchors that other pages link to stay on page 1 (the index of
counterarguments and of disputed points), or the links are computed to the page that holds
them (``Lazy._evidence_at``: a source's evidence on a motive's later page).
"""
from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from functools import lru_cache
from operator import attrgetter, itemgetter

from .analysis import OVERVIEW_SOURCES
from .model import Item, Site
from .pagination import cut_pages, entry_pages, one, page_path, section_pages, weight

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

# Paginated listings: the pages that gather from every source (counterarguments, quotes, a
# motive's evidence, disputed points, the timeline, the sources) are cut into pages of a
# bounded size once they outgrow one. Page 1 keeps the listing's path; page k >= 2 of
# ``X.md`` is ``X/k.md`` (``counterarguments/2.md``, ``sources/index/2.md``,
# ``motives/opium/2.md``): no generated page lives in those folders and ids never hold a
# ``/``, so no source, motive or actor can take the path. A site of up to about 100 sources
# renders every listing as one page, as before pagination. A page's cuts and its pager depend on
# the entries around it, not on how many pages there are: a new source changes the pages it
# enters (and its neighbours' pagers when it opens a page), not every page after them.
PAGE_SENTENCES = 600     # quoted sentences per page of a listing grouped by source (one with a
                         # footnote counts twice: the footnote prints its whole sentence), on
                         # average: pages are cut where their entries say
                         # (``pagination.entry_pages``), from an eighth to three times this; a
                         # source's group is never split. About 200-300 KB of HTML a page.
ONE_PAGE_SENTENCES = 1000  # ...but a listing of at most this many stays on one page (at 100
                         # sources the counterarguments are 935, about 310 KB of HTML)
PAGE_ROWS = 500          # statements (disputed points) or citations (timeline) per page, on average
PAGE_SOURCES = 250       # sources per page of the sources list (each in both of its tables), on average


class Lazy:
    """What several pages' contexts share, computed on first use (a cached page needs none)."""

    def __init__(self, site: Site, analysis, motives: dict, kept_at: dict | None = None, tallies=None):
        self.site, self.analysis, self.motives = site, analysis, motives
        # motive id -> its part of ``evidence_at`` (or None), kept from the last build for the
        # motives whose pages stand (``site.scopes``): their pages are not made again for it
        self.kept_at = kept_at or {}
        # serving: the counts and indexes over every source, kept by source (``site.tallies``)
        self.tallies = tallies

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
        if self.tallies is not None:
            t = self.tallies
            return [dict(m, evidence=t.evidence[m["id"]], sources=t.sources[m["id"]], counters=t.rebuttals[m["id"]],
                         agreement=self.analysis.motives.get(m["id"], {}).get("label", ""))
                    for m in self.site.motives]
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
        if self.tallies is not None:   # each source's counts from its part
            parts = self.tallies.parts
            return [_source_row(s, parts[s.id][1].counts) for s in self.site.sources]
        return [_source_row(s) for s in self.site.sources]

    def _top(self):
        return sorted(self.source_rows, key=lambda r: (-r["weight"], r["title"].lower()))[:OVERVIEW_SOURCES]

    def _actor_rows(self):   # the actors' index: each actor with its mentions and sources
        t = self.tallies
        if t is not None:
            return [dict(a, mentions=sum(t.actors.get(i, (0, 0))[0] for i in actor_ids(a)),
                         sources=sum(t.actors.get(i, (0, 0))[1] for i in actor_ids(a)))
                    for a in self.site.actors]
        return [dict(a, mentions=sum(m["count"] for i in actor_ids(a) for m in self.mentions[i]),
                     sources=sum(len(self.mentions[i]) for i in actor_ids(a)))
                for a in self.site.actors]

    def _gathered(self, field: str):
        return self.tallies.gathered(field, _order(self.site)[0]) if self.tallies is not None else None

    def _mentions(self):
        if self.tallies is not None:
            return self._gathered("mentions")
        mentions = defaultdict(list)
        for s in self.site.sources:
            for a in s.actors:
                mentions[a["actor"]].append(dict(a, source=s.id, title=s.title))
        return mentions

    def _naming(self):   # actor -> items whose sentence names it
        if self.tallies is not None:
            return self._gathered("naming")
        naming: dict[str, list[Item]] = defaultdict(list)
        for s in self.site.sources:
            for i in s.items:
                for aid in i.actors:
                    naming[aid].append(i)
        return naming

    def _said(self):     # speaker -> quotes
        if self.tallies is not None:
            return self._gathered("said")
        said: dict[str, list[Item]] = defaultdict(list)
        for s in self.site.sources:
            for i in s.items:
                if i.kind == "quote":
                    said[i.label].append(i)
        return said

    def actor(self, a: dict, motives: dict) -> dict:
        """An actor's page context (``actor_context``; from the tallies' parts under serve)."""
        if a.get("joined"):   # one person under several ids: their rows in the sources' order
            order = source_order(self.site)[0]

            def rows(table, source):
                found = {id(x): x for i in actor_ids(a) for x in table[i]}
                return sorted(found.values(), key=lambda x: order.get(source(x), 0))
            return actor_context(self.site, a, rows(self.mentions, itemgetter("source")), motives,
                                 rows(self.naming, attrgetter("source")), rows(self.said, attrgetter("source")))
        if self.tallies is not None:
            return self.tallies.actor_context(self, a, motives)
        return actor_context(self.site, a, self.mentions[a["id"]], motives, self.naming[a["id"]],
                             self.said[a["id"]])

    def _titles(self):
        return {s.id: s.title for s in self.site.sources}

    def _motive_pages(self):   # motive id -> its pages' contexts, each made when first asked for
        return _MotivePages(self)

    def _evidence_at(self):
        """Motive id -> source id -> the page after the motive's first that holds the source's
        evidence (its ``#src-<source>`` anchor); sources on page 1 are not listed."""
        at: dict[str, dict[str, str]] = {}
        for mid in self.motives:
            if mid in self.kept_at:
                if self.kept_at[mid] is not None:
                    at[mid] = self.kept_at[mid]
                continue
            for ctx in self.motive_pages[mid][1:]:
                for g in ctx["groups"]:
                    at.setdefault(mid, {})[g["source"]] = ctx["path"]
        return at


class _MotivePages(dict):
    """Motive id -> the contexts of its pages, made on first use."""

    def __init__(self, lazy: Lazy) -> None:
        super().__init__()
        self.lazy = lazy

    def __missing__(self, mid: str) -> list[dict]:
        lazy = self.lazy
        if lazy.tallies is not None:   # each source's groups made once, while it stands
            pages = self[mid] = _motive_pages(lazy.site, lazy.motives[mid], (), (), f"motives/{mid}.md",
                                              lazy.tallies.motive_context(lazy, lazy.motives[mid]),
                                              lazy.tallies.weight)
            return pages
        pages = self[mid] = _motive_pages(lazy.site, lazy.motives[mid], lazy.evidence, lazy.counters,
                                          f"motives/{mid}.md")
        return pages


def evidence_at_rows(at: dict[str, dict[str, str]], rows: list[dict]) -> dict[str, dict[str, str]]:
    """``at`` (``Lazy.evidence_at``) for the sources of ``rows`` only, every motive kept: what
    their agreement cells link to. A page of the sources list held the whole of it (every
    motive's page of every source), so any moved cut changed every page's context, and each
    one was digested whole on every rebuild."""
    ids = [r["id"] for r in rows]
    return {m: {sid: pages[sid] for sid in ids if sid in pages} for m, pages in at.items()}


@lru_cache(maxsize=65536)   # listings sort every item by it, many times over
def anchor_key(anchor: str | None) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", anchor or "")) or (0,)


def _source_row(s, counts: tuple | None = None) -> dict:
    """A source's row; ``counts``: its motive and counterargument items counted (``site.tallies``)."""
    evidence, counters = (sum(counts[0].values()), sum(counts[1].values())) if counts is not None else \
        (len(s.of("motive")), len(s.of("counter")))
    return {"id": s.id, "title": s.title, "author": s.author, "outlet": s.outlet, "date": s.date,
            "extracted": s.extracted, "evidence": evidence, "counters": counters,
            "stance": s.stance, "cells": s.cells, "weight": s.weight}


def source_group(sid: str, title: str, items: list[Item], cap: int | None = None) -> dict:
    """One source's group of a listing: its items in article order, at most ``cap`` shown (a
    person's first: their decisions and comments show nowhere else) and the rest in ``more``."""
    mine = sorted(items, key=lambda i: anchor_key(i.anchor))
    first = {id(i) for i in sorted(mine, key=lambda i: i.status == "auto" and not i.comment)[:cap]}
    shown = [i for i in mine if id(i) in first] if cap else mine
    return {"source": sid, "title": title, "entries": shown, "total": len(mine), "more": len(mine) - len(shown)}


def most_items(sids: list[str], count, order: dict[str, int], sources: int | None) -> tuple[list, list]:
    """``(shown, hidden)`` of ``sids`` (in their order): with more than ``sources`` of them,
    the ``sources`` with the most items (``count(sid)``; ties by source order) shown."""
    if sources is None or len(sids) <= sources:
        return sids, []
    kept = set(heapq.nsmallest(sources, sids, key=lambda sid: (-count(sid), order[sid])))
    return [sid for sid in sids if sid in kept], [sid for sid in sids if sid not in kept]


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
    # the groups left out are only counted: their sentences are never sorted (an actor
    # named in most of 10,000 sources keeps 25 of them)
    sids, hidden = most_items(sids, lambda sid: len(by[sid]), order, sources)
    out = Listing(source_group(sid, titles[sid], by[sid], cap) for sid in sids)
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


def source_order(site: Site) -> tuple[dict[str, int], dict[str, str]]:
    """Each source's position and title (computed once per site, not once per listing)."""
    cached = getattr(site, "_source_order", None)
    if cached is None or len(cached[0]) != len(site.sources):
        cached = ({s.id: n for n, s in enumerate(site.sources)}, {s.id: s.title for s in site.sources})
        site._source_order = cached
    return cached


_order = source_order


def _full(g: dict) -> dict:
    return dict(g, hidden_statements=0)


def _kind_pages(kinds: list[dict], cut: list[list[dict]], first: int, path: str) -> list[dict]:
    """The index entries of counterargument kinds whose source groups are on pages ``first``,
    ``first + 1``... (``cut``): each kind with its counts, the pages that list it, no groups."""
    pages_of = section_pages(cut, "kind", first, path)
    return [dict(c, groups=[], sources=len(c["groups"]), sentences=sum(g["total"] for g in c["groups"]),
                 pages=pages_of[c["kind"]], continued=False) for c in kinds]


def counter_pages(site: Site, counters, path: str) -> list[dict]:
    """Counterarguments by the motive they rebut. Past one page, page 1 is an index of the
    kinds (every kind's anchor, linked from the source pages, stays on it) with their counts
    and pages, and pages 2..n list the source groups of one kind after another."""
    groups = [dict(g, continued=False, counters=[dict(c, continued=False) for c in g["counters"]])
              for g in _counter_groups(site, counters)]
    kinds = [dict(c, parent=n) for n, g in enumerate(groups) for c in g["counters"]]
    kinds = [dict(c, kind=n) for n, c in enumerate(kinds)]
    cut = cut_pages(kinds, "groups", weight, PAGE_SENTENCES, ONE_PAGE_SENTENCES)
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


def dispute_pages(disputes: list[dict], path: str) -> list[dict]:
    """Disputed points. Past one page, page 1 is an index of the points (their anchors, linked
    from motive pages, stay on it) with why they clash and where their statements are, and
    pages 2..n list the statements of one point after another."""
    groups = [_full(g) for g in disputes]
    cut = cut_pages(groups, "statements", one, PAGE_ROWS)
    if len(cut) == 1:
        return [dict(groups=groups, index=False)]
    spans = section_pages(cut, "id", 2, path)
    index = [dict(g, statements=[], count=len(g["statements"]), pages=spans[g["id"]]) for g in groups]
    return [dict(groups=index, index=True)] + [dict(groups=part, index=False) for part in cut]


def _motive_pages(site: Site, m: dict, evidence, counters, path: str, ctx: dict | None = None,
                  weigh=weight) -> list[dict]:
    """A motive's page, or pages: past one page, page 1 keeps everything but the listings and
    the first page of evidence, with an index of the counterarguments; the evidence goes on
    from page 2, then the counterarguments' source groups follow on pages of their own."""
    ctx = ctx if ctx is not None else _motive_context(site, m, evidence, counters)
    kinds = [dict(c, kind=n) for n, c in enumerate(ctx["counters"])]
    total = sum(map(weigh, ctx["groups"])) + sum(weigh(g) for c in kinds for g in c["groups"])
    if total <= ONE_PAGE_SENTENCES:
        return [dict(ctx, counters=[dict(c, continued=False) for c in ctx["counters"]], index=False, path=path)]
    ev = [Listing()]
    for g, p in zip(ctx["groups"], entry_pages([weigh(g) for g in ctx["groups"]], PAGE_SENTENCES,
                                               [g["source"] for g in ctx["groups"]])):
        if p == len(ev):
            ev.append(Listing())
        ev[p].append(g)
    cut = [part for part in ([c for c in part if c["groups"]] for part in cut_pages(kinds, "groups", weigh, PAGE_SENTENCES))
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
    kinds = counter_kinds(site, m, {i.label for i in rebut})
    return motive_frame(site, m, _by_source(site, mine, PER_SOURCE),
                         [dict(c, groups=_by_source(site, [i for i in rebut if i.label == c["id"]], PER_SOURCE))
                          for c in kinds], Counter(a for i in mine for a in i.actors))


def counter_kinds(site: Site, m: dict, labels: set) -> list[dict]:
    """The counterargument kinds rebutting ``m``: the taxonomy's, then the other ``labels``."""
    kinds = [c for c in site.counterarguments if c["rebuts"] == m["id"]]
    known = {c["id"] for c in kinds}
    return kinds + [{"id": lbl, "name": lbl, "description": "", "rebuts": m["id"]} for lbl in sorted(labels - known)]


def motive_frame(site: Site, m: dict, groups: Listing, counters: list[dict], actors: Counter) -> dict:
    """A motive's context of its groups, its counterarguments' groups and its actors counted."""
    names = {a["id"]: a["name"] for a in site.actors}
    disputes = site.analysis.motives.get(m["id"], {}).get("disputes", [])
    if site.joined and not site.joined.keys().isdisjoint(actors):   # one person, one row
        joined = Counter()
        for a, n in actors.items():
            joined[site.joined.get(a, a)] += n
        actors = joined
    return {"motive": m, "groups": groups, "counters": counters,
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


def neighbourhood(n: dict | None) -> dict | None:
    """An actor's relations, best attested first, at most ``ACTOR_RELATIONS`` rows of at most
    ``RELATION_EVIDENCE`` quoted sentences each."""
    if not n:
        return n
    rels = n["relations"]
    return dict(n, relations=_shown_relations(rels[:ACTOR_RELATIONS], RELATION_EVIDENCE),
                graph=shown_graph(n["graph"], RELATION_EVIDENCE),
                hidden_relations=max(0, len(rels) - ACTOR_RELATIONS))


def _shown_relations(relations: list[dict], cap: int) -> list[dict]:
    """Relations with the ``cap`` quoted sentences a page shows and the number of all of them
    (``evidence_total``): a relation between the main actors of 10,000 sources has tens of
    thousands, which the page's context would otherwise carry (and its digest pickle)."""
    return [r if len(r["evidence"]) <= cap else dict(r, evidence=r["evidence"][:cap],
                                                     evidence_total=len(r["evidence"]))
            for r in relations]


def shown_graph(graph: dict | None, cap: int) -> dict | None:
    return graph and dict(graph, relations=_shown_relations(graph["relations"], cap))


def actor_context(site: Site, a: dict, mentions: list[dict], motives: dict,
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
    return actor_frame(site, a, mentions, motives, (per_motive, per_counter),
                       _by_source(site, said, PER_SOURCE, ACTOR_SOURCES),
                       _by_source(site, evidence, PER_SOURCE, ACTOR_SOURCES))


def actor_frame(site: Site, a: dict, mentions: list[dict], motives: dict, counted: tuple,
                quotes: Listing, evidence: Listing) -> dict:
    """An actor's context: ``counted``, its items per motive and per counterargument (Counters)."""
    per_motive, per_counter = counted
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
            "quotes": quotes,
            "motives": [{"id": k, "name": motives[k]["name"] if k in motives else k, "count": n,
                         "page": k in motives} for k, n in per_motive.most_common()],
            "counters": [{"id": k, "name": cnames.get(k, k), "count": n} for k, n in per_counter.most_common()],
            "evidence": evidence,
            "tags": [a["name"], a["kind"]]}


def actor_ids(a: dict) -> tuple[str, ...]:
    """An actor entry's id and those of its other spellings (``Site.joined``)."""
    return (a["id"], *a.get("joined", ()))


def speakers(site: Site) -> list[dict]:
    by: dict[str, list[Item]] = defaultdict(list)
    for i in site.items("quote"):   # one person spelled several ways speaks under one heading
        by[site.joined.get(i.label, i.label)].append(i)
    pages = set(site.joined.values())
    named = {a["id"]: a["name"] for a in site.actors if a["id"] in pages} if pages else {}
    return sorted(({"id": k, "name": named.get(k, v[0].label_name), "groups": _by_source(site, v)}
                   for k, v in by.items()), key=lambda sp: sp["name"].lower())
