"""Which pages of the listings a serve rebuild keeps whole: a listing (a motive's pages, the
counterarguments, the quotes, the timeline, the disputed points) and an actor's page are kept
when no source that changed since the last build changed what it puts on them, and what they
take from the rest of the site (the taxonomy's entries, the analysis' parts, their problems)
is as it was; then their contexts are not even computed. The pages that gather a row from
every source (the overview, the indexes, the sources list) are made again on every change.
"""
from __future__ import annotations

from collections import defaultdict

from .model import Site
from .tallies import Tallies

SCOPED = ("motives/", "actors/", "counterarguments.md", "quotes.md", "timeline.md", "disputed.md")


def scoped(path: str) -> bool:
    """Whether the page at ``path`` (page 1 of its unit) is kept by ``Scopes``."""
    return path.startswith(SCOPED) and not path.endswith("/index.md")


def marks(src) -> dict[str, tuple]:
    """What one source puts on each scoped page: page path -> a value that differs when the
    source's part of that page differs (its items there, its title, its actor entry)."""
    out: dict[str, list] = defaultdict(list)
    for i in src.items:
        if i.kind == "motive":
            out[f"motives/{i.label}.md"].append(i)
        elif i.kind == "counter":
            out[f"motives/{i.rebuts}.md"].append(i)
            out["counterarguments.md"].append(i)
        elif i.kind == "quote":
            out["quotes.md"].append(i)
            out[f"actors/{i.label}.md"].append(i)
        elif i.kind == "event":
            out["timeline.md"].append(i)
        for aid in i.actors:
            out[f"actors/{aid}.md"].append(i)
    for a in src.actors:
        out[f"actors/{a['actor']}.md"].append(a)
    return {path: (src.title, items) for path, items in out.items()}


class Scopes:
    """The last build's view of each source and of each scoped page's other inputs."""

    def __init__(self) -> None:
        self.sources: dict[str, tuple] = {}   # sid -> (its view's key, its Source)
        self.inputs: dict[str, tuple] = {}    # scoped page -> what it took from the rest of the site
        self.key: str | None = None           # the pages' key of the last build (its code, settings)
        self.at: dict[str, dict | None] = {}  # motive id -> its part of Lazy.evidence_at, last made
        self.inputs_motives: list[str] = []
        self.tallies = Tallies()              # the listings' counts and indexes, kept by source

    def counted(self, site: Site) -> Tallies | None:
        """The listings' counts and indexes over ``site``'s sources (``site.tallies``), brought
        up to date by source; None when they cannot stand for a full count."""
        self.tallies.update(site)
        return self.tallies if self.tallies.usable else None

    def kept_at(self, kept: set[str]) -> dict[str, dict | None]:
        """The parts of ``Lazy.evidence_at`` of the motives whose pages are ``kept``."""
        return {mid: part for mid, part in self.at.items() if f"motives/{mid}.md" in kept}

    def made_at(self, at: dict[str, dict]) -> None:
        """``Lazy.evidence_at`` as this build made it (of the motives it knows)."""
        self.at = {mid: at.get(mid) for mid in self.inputs_motives}

    def kept(self, site: Site, keys: dict, key: str, problems: dict) -> set[str]:
        """The scoped pages whose last build's pages stand (see the module's doc); what this
        build is made of is remembered for the next."""
        sources = {s.id: (keys.get(s.id), s) for s in site.sources}
        touched: set[str] = set()
        for sid in sources.keys() | self.sources.keys():
            was, now = self.sources.get(sid), sources.get(sid)
            if was is not None and now is not None and was[0] is not None and was[0] == now[0]:
                continue
            before = marks(was[1]) if was is not None else {}
            after = marks(now[1]) if now is not None else {}
            touched.update(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
        # a person's other spelling is shown on that person's page
        touched.update(f"actors/{site.joined[p[7:-3]]}.md" for p in list(touched)
                       if p.startswith("actors/") and p[7:-3] in site.joined)
        inputs = _inputs(site, problems)
        self.inputs_motives = [m["id"] for m in site.motives]
        kept = set() if key != self.key else {
            path for path, value in inputs.items()
            if path not in touched and path in self.inputs and self.inputs[path] == value}
        self.sources, self.inputs, self.key = sources, inputs, key
        return kept


def _inputs(site: Site, problems: dict) -> dict[str, tuple]:
    """Each scoped page -> what it takes from the site besides its sources' items."""
    analysis = site.analysis
    names = {m["id"]: m["name"] for m in site.motives}
    mine = defaultdict(list)   # the problems shown on a unit's pages
    for page, found in problems.items():
        if page is not None:
            mine[_unit_of(page)].extend((p.path, p.message, p.line, p.column) for p in found)
    actors = [(a["id"], a["name"]) for a in site.actors]
    out = {"counterarguments.md": (site.counterarguments, site.motives),
           "quotes.md": (),
           "timeline.md": (analysis.timeline,),
           "disputed.md": (analysis.disputes, names)}
    for m in site.motives:
        out[f"motives/{m['id']}.md"] = (m, site.counterarguments, actors, analysis.motives.get(m["id"]))
    for a in site.actors:
        out[f"actors/{a['id']}.md"] = (a, names, site.counterarguments, analysis.neighbourhoods.get(a["id"]))
    return {path: (value, mine.get(path, [])) for path, value in out.items()}


def _unit_of(page: str) -> str:
    """The path of page 1 of the unit a page belongs to (``X/3.md`` -> ``X.md``)."""
    head, _, tail = page.rpartition("/")
    return f"{head}.md" if tail[:-3].isdigit() and head else page
