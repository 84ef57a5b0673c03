"""``site.tallies``: the listings' counts and indexes kept by source under serve equal a full
count (``listings.Lazy`` without them) after sources change, go and come."""
from __future__ import annotations

import copy
import dataclasses
import random

from conftest import copy_project
from generator.site import listings as L
from generator.site.load import load_site
from generator.site.tallies import Tallies


def _shown(lazy: L.Lazy, site) -> dict:
    """What the pages take from ``lazy``, for every motive, actor and speaker."""
    speakers = {i.label for s in site.sources for i in s.items if i.kind == "quote"}
    return {"motive_rows": lazy.motive_rows, "actor_rows": lazy.actor_rows, "source_rows": lazy.source_rows,
            "mentions": {a["id"]: lazy.mentions[a["id"]] for a in site.actors},
            "naming": {a["id"]: lazy.naming[a["id"]] for a in site.actors},
            "said": {k: lazy.said[k] for k in sorted(speakers) + ["nobody"]},
            "motive_pages": {m["id"]: lazy.motive_pages[m["id"]] for m in site.motives},
            "actors": {a["id"]: lazy.actor(a, {m["id"]: m for m in site.motives}) for a in site.actors}}


def _changed(src, rng: random.Random):
    """A new ``Source`` like ``src`` with items dropped, relabelled or re-pointed at actors."""
    new = copy.copy(src)
    items = []
    for i in src.items:
        roll = rng.random()
        if roll < 0.2:
            continue
        if roll < 0.35 and i.kind == "motive":
            i = dataclasses.replace(i, label=rng.choice(["opium", "isis-threat", "new-motive"]))
        elif roll < 0.45:
            i = dataclasses.replace(i, actors=rng.sample(["taliban", "russia", "x-y"], rng.randint(0, 2)))
        items.append(i)
    new.items = items
    new.actors = [dict(a, count=a["count"] + 1) for a in src.actors if rng.random() < 0.8]
    return new


def test_tallies_kept_by_source_equal_a_full_count(tmp_path, monkeypatch):
    # caps small enough for the repository's sources: an actor's page shows some sources' groups
    monkeypatch.setattr(L, "ACTOR_SOURCES", 2)
    monkeypatch.setattr(L, "PER_SOURCE", 1)
    monkeypatch.setattr(L, "ACTOR_MENTIONS", 1)
    project = copy_project("repo", tmp_path / "p")
    site = load_site(project / "briefs", project / "seeds")
    motives = {m["id"]: m for m in site.motives}
    tallies, rng = Tallies(), random.Random(7)
    aside = []
    for step in range(12):
        if step:
            sources = list(site.sources)
            for n in rng.sample(range(len(sources)), rng.randint(1, 3)):
                sources[n] = _changed(sources[n], rng)
            if step % 4 == 1:    # a source gone, and later back
                aside.append(sources.pop(rng.randrange(len(sources))))
            elif step % 4 == 3 and aside:
                sources = sorted(sources + [aside.pop()], key=lambda s: s.id)
            site = dataclasses.replace(site, sources=sources)
        tallies.update(site)
        assert tallies.usable
        kept = L.Lazy(site, site.analysis, motives, tallies=tallies)
        full = _shown(L.Lazy(site, site.analysis, motives), site)
        # (repr too: a Listing's counts of what its cap left out are not part of list equality)
        assert _shown(kept, site) == full and repr(_shown(kept, site)) == repr(full), step
    assert set(tallies.parts) == {s.id for s in site.sources}
    shown = _shown(kept, site)["actors"].values()
    assert any(c["evidence"].hidden_sources for c in shown) and any(c["hidden_mentions"]["sources"] for c in shown)
