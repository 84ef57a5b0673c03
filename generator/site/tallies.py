"""Serving: what the listing pages gather from every source, kept by source between rebuilds.

The overview, the indexes of motives and actors, a motive's pages and an actor's page count or
gather items over all sources (per motive, per actor, per speaker). ``Tallies`` keeps each
source's part of those (``_part``), and the sums and indexes over them, and on a rebuild takes
away the parts of the sources that changed and adds their new ones: a save costs the work of
the sources it changed, not a pass over every item of the site. A source whose ``Source`` is
the very object of the last build (``cache.site.SiteCache.unpacked``) did not change.

``Gathered`` gives what ``listings.Lazy`` gave: the items (or mentions) under one key in the
sources' order, each source's in its own order, made when a page asks for them.
"""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from . import listings as L
from . import pagination as P
from .model import Site, Source


class _Part(NamedTuple):
    """One source's part of the listings, each list in the order ``listings.Lazy`` walked it."""
    naming: dict        # actor id -> the source's items whose sentence names it
    mentions: dict      # actor id -> [its mention row]
    said: dict          # speaker id -> the source's quotes
    motive: dict        # motive id -> the source's motive items labelled with it
    rebuts: dict        # motive id -> the source's counterargument items rebutting it
    counts: tuple       # (motive items by label, counter items by what they rebut): Counters
    made: dict          # what the listings made of this part alone (``listings``), by what it is


def _part(s: Source) -> _Part:
    naming: dict = {}
    said: dict = {}
    motive: dict = {}
    rebuts: dict = {}
    for i in s.items:
        for aid in i.actors:
            naming.setdefault(aid, []).append(i)
        if i.kind == "quote":
            said.setdefault(i.label, []).append(i)
        elif i.kind == "motive":
            motive.setdefault(i.label, []).append(i)
        elif i.kind == "counter":
            rebuts.setdefault(i.rebuts, []).append(i)
    mentions: dict = {}
    for a in s.actors:
        mentions.setdefault(a["actor"], []).append(dict(a, source=s.id, title=s.title))
    counts = (Counter({k: len(v) for k, v in motive.items()}), Counter({k: len(v) for k, v in rebuts.items()}))
    return _Part(naming, mentions, said, motive, rebuts, counts, {})


FIELDS = ("naming", "mentions", "said", "motive", "rebuts")


class Tallies:
    """The parts of the last build's sources, and over them: motive items per motive, sources
    per motive, counterarguments per motive rebutted, and per actor its mentions' count and
    rows; an index (field, key) -> the sources with items under that key."""

    def __init__(self) -> None:
        self.parts: dict[str, tuple[Source, _Part]] = {}
        self.index: dict[tuple[str, str], set[str]] = {}
        self.evidence: Counter = Counter()       # motive id -> its items
        self.sources: Counter = Counter()        # motive id -> sources with items of it
        self.rebuttals: Counter = Counter()      # motive id -> counterargument items rebutting it
        self.actors: dict[str, list] = {}        # actor id -> [sum of its mentions' counts, rows]
        self.usable = True                       # False: a count that is not a number was seen
        self.weights: dict[int, tuple] = {}      # id(a part's group) -> (the group, its weight)

    def update(self, site: Site) -> None:
        """Take away the parts of the sources gone or changed since the last build, add theirs now."""
        now = {s.id: s for s in site.sources}
        for sid in [sid for sid in self.parts if now.get(sid) is not self.parts[sid][0]]:
            part = self.parts.pop(sid)[1]
            self._add(sid, part, -1)
            for made in part.made.values():
                self.weights.pop(id(made), None)
        for sid, s in now.items():
            if sid not in self.parts:
                part = _part(s)
                self.parts[sid] = (s, part)
                self._add(sid, part, 1)

    def _add(self, sid: str, part: _Part, sign: int) -> None:
        for field in FIELDS:
            for key in getattr(part, field):
                found = self.index.setdefault((field, key), set())
                (found.add if sign > 0 else found.discard)(sid)
                if not found:
                    del self.index[(field, key)]
        motive, rebuts = part.counts
        for label, n in motive.items():
            self.evidence[label] += sign * n
            self.sources[label] += sign
        for target, n in rebuts.items():
            self.rebuttals[target] += sign * n
        for aid, rows in part.mentions.items():
            counts = [r["count"] for r in rows]
            if not all(type(c) is int for c in counts):
                self.usable = False
            total = self.actors.setdefault(aid, [0, 0])
            total[0] += sign * sum(c for c in counts if type(c) is int)
            total[1] += sign * len(rows)
            if not total[1]:
                del self.actors[aid]

    def group(self, sid: str, what: tuple, titles: dict):
        """One source's group of ``listings._by_source`` of the items ``what`` names (``_items``:
        sorted by sentence, ``listings.PER_SOURCE`` shown), made once per part; None: no items."""
        made = self.parts[sid][1].made
        if what not in made:
            mine = self.items(sid, what)
            made[what] = L.source_group(sid, titles[sid], mine, L.PER_SOURCE) if mine else None
        return made[what]

    def weight(self, group: dict) -> int:
        """``pagination.weight`` of a group, kept with it (a part's groups are cut again on every
        rebuild; the weights of a gone part's groups are dropped with it)."""
        kept = self.weights.get(id(group))
        if kept is None or kept[0] is not group:
            kept = self.weights[id(group)] = (group, P.weight(group))
        return kept[1]

    def items(self, sid: str, what: tuple) -> list:
        """A source's items: ("motive", m) its motive items of motive m; ("rebuts", m, kind) its
        counterarguments of a kind rebutting m; ("evidence", actor) its motive and counterargument
        items naming the actor; ("said", speaker) the speaker's quotes. Made once per part."""
        made = self.parts[sid][1].made
        key = ("items", *what)
        if key not in made:
            part, head, name = self.parts[sid][1], what[0], what[1]
            if head == "evidence":
                made[key] = [i for i in part.naming.get(name, ()) if i.kind in ("motive", "counter")]
            else:
                made[key] = [i for i in getattr(part, head).get(name, ()) if len(what) < 3 or i.label == what[2]]
        return made[key]

    def counted(self, sid: str, what: tuple) -> Counter:
        """A source's ("actors", m): the actors its motive items of m name; ("labels", actor):
        its items naming the actor, motives' and counterarguments' labels apart. Made once per part."""
        made = self.parts[sid][1].made
        if what not in made:
            if what[0] == "actors":
                made[what] = Counter(a for i in self.items(sid, ("motive", what[1])) for a in i.actors)
            else:
                found = self.items(sid, ("evidence", what[1]))
                made[what] = tuple(Counter(i.label for i in found if i.kind == kind) for kind in ("motive", "counter"))
        return made[what]

    def listing(self, sids: list[str], what: tuple, titles: dict, order: dict, sources: int | None = None):
        """``listings._by_source`` of the items ``what`` names, of ``sids`` (in order); with
        ``sources``, the groups of the sources with the most items only (the rest counted)."""
        out = L.Listing()
        shown, hidden = L.most_items([sid for sid in sids if self.items(sid, what)],
                                     lambda sid: len(self.items(sid, what)), order, sources)
        if hidden:
            out.hidden_sources, out.hidden_items = len(hidden), sum(len(self.items(sid, what)) for sid in hidden)
        out.extend(self.group(sid, what, titles) for sid in shown)
        return out

    def motive_context(self, lazy, m: dict) -> dict:
        """``listings._motive_context`` from the parts: each source's groups and actor counts made
        once while it stands, not every item of the motive grouped and sorted again."""
        site, mid = lazy.site, m["id"]
        order, titles = L.source_order(site)
        mine = sorted(self.index.get(("motive", mid), ()), key=order.__getitem__)
        rebut = sorted(self.index.get(("rebuts", mid), ()), key=order.__getitem__)
        kinds = L.counter_kinds(site, m, {i.label for sid in rebut for i in self.parts[sid][1].rebuts[mid]})
        actors: Counter = Counter()
        for sid in mine:
            actors.update(self.counted(sid, ("actors", mid)))
        return L.motive_frame(site, m, self.listing(mine, ("motive", mid), titles, order),
                            [dict(c, groups=self.listing(rebut, ("rebuts", mid, c["id"]), titles, order))
                             for c in kinds], actors)

    def actor_context(self, lazy, a: dict, motives: dict) -> dict:
        """``listings.actor_context`` from the parts (the same context)."""
        site, aid = lazy.site, a["id"]
        order, titles = L.source_order(site)
        naming = sorted(self.index.get(("naming", aid), ()), key=order.__getitem__)
        per_motive: Counter = Counter()
        per_counter: Counter = Counter()
        for sid in naming:
            found = self.counted(sid, ("labels", aid))
            per_motive.update(found[0])
            per_counter.update(found[1])
        said = sorted(self.index.get(("said", aid), ()), key=order.__getitem__)
        return L.actor_frame(site, a, lazy.mentions[aid], motives, (per_motive, per_counter),
                           self.listing(said, ("said", aid), titles, order, L.ACTOR_SOURCES),
                           self.listing(naming, ("evidence", aid), titles, order, L.ACTOR_SOURCES))

    def gathered(self, field: str, order: dict[str, int]) -> "Gathered":
        return Gathered(self, field, order)


class Gathered(dict):
    """Key -> the lists under it of every source's part (``field``), in the sources' order."""

    def __init__(self, tallies: Tallies, field: str, order: dict[str, int]) -> None:
        super().__init__()
        self.tallies, self.field, self.order = tallies, field, order

    def __missing__(self, key) -> list:
        parts = self.tallies.parts
        sids = sorted(self.tallies.index.get((self.field, key), ()), key=self.order.__getitem__)
        found = self[key] = [x for sid in sids for x in getattr(parts[sid][1], self.field)[key]]
        return found
