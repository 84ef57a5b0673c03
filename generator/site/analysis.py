"""The cross-source analysis (``generator.analysis.site_view``) as parts of the site's view model.

Decides what the pages show: the sources-by-motives cells and where each links, each source's
stance line, the disputed points with their statements, the relation graphs (the most
connected actors on the overview, each actor's neighbourhood on its page) and their evidence,
the merged timeline with dates at their precision, and the grounded summaries. Rejected
items never reach here (the analysis drops them); a link to a sentence is kept only when the
sentence exists on the source page.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field

from ..analysis import site_view
from ..analysis.graph import actor_index, ranked

SUMMARY_LABELS = {"auto": "unreviewed: sentences picked by the extractor",
                  "confirmed": "reviewed by an analyst", "manual": "written by an analyst"}
STATUS_LABELS = {"auto": "unreviewed", "confirmed": "reviewed", "manual": "added by analyst"}
OVERVIEW_SOURCES = 50    # rows of the overview's sources-by-motives table
OVERVIEW_ACTORS = 20     # actors in the overview's graph (more are unreadable at page width)
GRAPH_ACTORS = 30        # actors in an actor's neighbourhood graph
GRAPH_EDGES = 60         # edges in a graph
OVERVIEW_EVIDENCE = 3    # quoted sentences per relation on the overview
REASONS = 10             # disagreements spelt out per disputed point


@dataclass
class Analysis:
    motives: dict[str, dict] = field(default_factory=dict)     # id -> {label, disputes}
    disputes: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)       # every edge, best attested first
    graph: dict | None = None                                  # the overview's
    neighbourhoods: dict[str, dict] = field(default_factory=dict)  # actor -> {graph, relations}
    timeline: list[dict] = field(default_factory=list)


def _status(x: dict) -> dict:
    s = str(x.get("status") or "auto")
    return {"status": s, "status_label": STATUS_LABELS.get(s, s)}


def _link(source: str | None, anchor, anchors: dict[str, set]) -> str | None:
    """The anchor to link to, if that sentence is on the source's page."""
    return str(anchor) if source in anchors and anchor in anchors[source] else None


def summary(raw, anchors: dict[str, set], source: str | None = None) -> dict | None:
    """A summary to show: ``{text, status, status_label, sentences: [{quote, source, anchor}]}``;
    ``sentences`` is empty unless the text is exactly its extracted sentences (an analyst's
    text is shown as written)."""
    if not isinstance(raw, dict) or not raw.get("text") or raw.get("status") == "rejected":
        return None
    status = str(raw.get("status") or "auto")
    text = str(raw["text"])
    sents = [s for s in raw.get("sentences") or [] if isinstance(s, dict) and s.get("quote")]
    if " ".join(str(s["quote"]) for s in sents).split() != text.split():
        sents = []
    out = [{"quote": str(s["quote"]), "source": str(s.get("source") or source),
            "anchor": _link(str(s.get("source") or source), s.get("anchor"), anchors)} for s in sents]
    label = SUMMARY_LABELS.get(status, status) if out or status != "auto" else STATUS_LABELS["auto"]
    return {"text": text, "status": status, "status_label": label, "sentences": out}


def show_date(date: str) -> str:
    """``2016``, ``September 2016`` or ``23 December 2015``: the precision the source gives."""
    parts = str(date).split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return f"{nums[0]}"
        month = calendar.month_name[nums[1]]
        if len(nums) == 2:
            return f"{month} {nums[0]}"
        if len(nums) == 3 and 1 <= nums[2] <= 31:
            return f"{nums[2]} {month} {nums[0]}"
    except (ValueError, IndexError):
        pass
    return str(date)


def _graph(edges: list[dict], names: dict[str, str], centre: str | None = None,
           size: int = GRAPH_ACTORS) -> dict | None:
    """Nodes (the most connected actors, ``centre`` first) and the best attested edges among
    them; node keys are generated, so no actor id or name ever becomes Mermaid syntax."""
    if not edges:
        return None
    degree: dict[str, set] = {}
    weight: dict[str, int] = {}
    for e in edges:
        for a, b in ((e["subject"], e["object"]), (e["object"], e["subject"])):
            degree.setdefault(a, set()).add(b)
            weight[a] = weight.get(a, 0) + e["count"]
    ranked = sorted(degree, key=lambda a: (a != centre, -len(degree[a]), -weight[a], a))
    keep = set(ranked[:size])
    chosen = [e for e in edges if e["subject"] in keep and e["object"] in keep][:GRAPH_EDGES]
    used = sorted({a for e in chosen for a in (e["subject"], e["object"])}, key=ranked.index)
    keys = {a: f"n{i}" for i, a in enumerate(used)}
    return {"nodes": [{"key": keys[a], "id": a, "name": names.get(a, a), "centre": a == centre}
                      for a in used],
            "edges": [{"a": keys[e["subject"]], "b": keys[e["object"]], "label": e["name"],
                       "count": e["count"], "symmetric": e["symmetric"]} for e in chosen],
            "relations": chosen, "shown_actors": len(used), "actors": len(degree),
            "shown_edges": len(chosen), "edges_total": len(edges)}


class Reuse:
    """What ``build`` made from the view's objects last time (a serve session's last build),
    reused when the view hands it the same object (``analysis.incremental`` keeps the parts
    no changed brief touches) and no source it cites changed its title or sentences.
    The objects are kept here with what was made of them (so that no id is reused)."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple] = {}     # sid -> (title, its sentence anchors)
        self.made: dict[int, tuple] = {}     # id(object) -> (object, extra, what was made)
        self.now: dict[int, tuple] = {}
        self.changed: set[str] = set()
        self.frame: tuple | None = None
        self.graphs: dict[str, tuple] = {}   # actor -> (its relations, its neighbourhood's graph)

    def start(self, taxonomy, titles: dict[str, str], anchors: dict[str, set], names) -> None:
        seen = {sid: (titles.get(sid), anchors.get(sid)) for sid in titles.keys() | anchors.keys()}
        old = self.seen
        self.changed = {sid for sid in seen.keys() | old.keys() if sid not in seen or sid not in old
                        or seen[sid][0] != old[sid][0] or seen[sid][1] is not old[sid][1]}
        if (taxonomy, names) != self.frame:   # (motives, stance settings; actor names, pages, joins)
            self.made, self.graphs = {}, {}
        self.seen, self.frame, self.now = seen, (taxonomy, names), {}

    def graph(self, actor: str, relations: list[dict], make):
        """``make()``, or the graph made last time of the very same ``relations``."""
        kept = self.graphs.get(actor)
        if kept is None or len(kept[0]) != len(relations) or any(a is not b for a, b in zip(kept[0], relations)):
            kept = self.graphs[actor] = (relations, make())
        return kept[1]

    def get(self, obj, sources, make, extra=()):
        """``make()``, or what it gave for ``obj`` last time if ``extra`` is the same and no
        source of ``sources`` changed."""
        kept = self.made.get(id(obj))
        if kept is not None and kept[0] is obj and kept[1] == extra and self.changed.isdisjoint(sources):
            value = kept[2]
        else:
            value = make()
        self.now[id(obj)] = (obj, extra, value)
        return value

    def done(self) -> None:
        self.made, self.now = self.now, {}


def build(taxonomy, raw_sources: dict[str, dict], raw_motives: dict[str, dict],
          anchors: dict[str, set], titles: dict[str, str], actor_names: dict[str, str],
          view: dict | None = None, reuse: Reuse | None = None,
          joined: dict[str, str] | None = None) -> tuple[Analysis, dict]:
    """``(Analysis, per_source)`` where ``per_source[id]`` is ``{stance, summary, cells,
    weight}`` for the source's page and rows; ``view``: ``site_view`` of these briefs, if
    it is made already; ``reuse``: what the last build made, kept (``Reuse``); ``joined``:
    an actor id -> the id of the page it is shown on (``Site.joined``)."""
    if view is None:
        view = site_view(taxonomy, raw_sources, raw_motives)
    out = Analysis()
    reuse = reuse if reuse is not None else Reuse()
    joined = joined or {}
    reuse.start(taxonomy, titles, anchors, (actor_names, joined))

    def cite(x: dict) -> dict:
        return {"source": x["source"], "title": titles.get(x["source"], x["source"]),
                "quote": x.get("quote") or "", "anchor": _link(x["source"], x.get("anchor"), anchors),
                **_status(x)}

    rows = view["agreement"]["motives"]
    per_source = {sid: reuse.get(raw_sources[sid], (sid,), lambda sid=sid: _per_source(
                      sid, raw_sources[sid], rows, view, anchors), view["stance"][sid])
                  for sid in raw_sources}
    def stated(x: dict) -> dict:   # a statement, made again only when its source changed
        return reuse.get(x, (x["source"],), lambda: dict(cite(x), value=x.get("value")), "statement")

    def cited(x: dict) -> dict:    # a relation's evidence, likewise
        return reuse.get(x, (x["source"],), lambda: cite(x), "evidence")
    out.disputes = [reuse.get(g, g["sources"], lambda g=g: _dispute(g, stated)) for g in view["disputes"]]
    for r in rows:
        out.motives[r["motive"]] = {
            "label": r["label"],
            "summary": summary(view["motive_summaries"].get(r["motive"]), anchors),
            "disputes": [out.disputes[i] for i in view["disputes_by_motive"].get(r["motive"], [])]}
    _relations(out, joined_relations(view["relations"], joined), actor_names, cited, reuse)
    for entry in view["timeline"]:
        out.timeline.append(reuse.get(entry, [c["source"] for c in entry["citations"]], lambda entry=entry: {
            "date": entry["date"], "display": show_date(entry["date"]), "precision": entry["precision"],
            "citations": [cite(c) for c in entry["citations"]]}))
    reuse.done()
    return out, per_source


def _per_source(sid: str, brief: dict, rows: list[dict], view: dict, anchors: dict[str, set]) -> dict:
    """A source's stance, its cell per motive (with its first rebuttal's anchor), summary, weight."""
    first_rebuttal = {}
    for c in brief.get("counters") or []:
        if isinstance(c, dict) and c.get("status") != "rejected" and c.get("rebuts"):
            first_rebuttal.setdefault(c["rebuts"], _link(sid, c.get("anchor"), anchors))
    cells = [dict(r["cells"][sid], motive=r["motive"], rebut_anchor=first_rebuttal.get(r["motive"]))
             for r in rows]
    st = view["stance"][sid]
    return {"stance": st, "cells": cells, "summary": summary(brief.get("summary"), anchors, sid),
            "weight": st["motive_items"] + st["counters"]}


def _dispute(g: dict, stated) -> dict:
    """A disputed point: its statements (``stated``), and one line per pair of disagreeing sources."""
    statements = [stated(s) for s in g["statements"]]
    pairs: dict[tuple, dict] = {}
    for r in g["reasons"]:
        a, b = statements[r["a"]], statements[r["b"]]
        pair = pairs.setdefault((a["source"], b["source"]), {"a": a["title"], "b": b["title"],
                                                           "a_values": [], "b_values": [], "why": []})
        for key, value in (("a_values", a["value"]), ("b_values", b["value"]), ("why", r["reason"])):
            if value not in pair[key]:
                pair[key].append(value)
    reasons = list(pairs.values())
    return {"id": g["question"], "name": g["name"], "motive": g["motive"],
            "unit": g["unit"], "disputed": g["disputed"], "sources": len(g["sources"]),
            "statements": statements, "reasons": reasons[:REASONS],
            "more_reasons": max(0, len(reasons) - REASONS)}


def joined_relations(relations: dict, joined: dict[str, str]) -> dict:
    """The relations with each actor id another's spelling of one person (``joined``) replaced
    by its page's id, so that every edge and neighbourhood naming it links to that page. Edges
    that become one are one, with all their evidence (in source order); an edge between two
    spellings of one person is dropped, as one between an actor and itself is. The view's own
    edge objects are kept where nothing changed (``Reuse`` knows them by identity)."""
    if not joined or not any(e["subject"] in joined or e["object"] in joined for e in relations["edges"]):
        return relations
    order = dict.fromkeys(t["id"] for t in relations["types"])   # ``graph.ranked``'s types, in order
    found: dict[tuple, list[dict]] = {}
    for e in relations["edges"]:
        s, o = joined.get(e["subject"], e["subject"]), joined.get(e["object"], e["object"])
        if e["symmetric"] and o < s:
            s, o = o, s
        if s != o:
            found.setdefault((e["type"], s, o), []).append(e)
    edges = []
    for (_, s, o), group in found.items():
        if len(group) == 1 and (group[0]["subject"], group[0]["object"]) == (s, o):
            edges.append(group[0])
            continue
        evidence = sorted((x for e in group for x in e["evidence"]), key=lambda x: x["source"])
        edges.append(dict(group[0], subject=s, object=o, evidence=evidence, count=len(evidence),
                          sources=sorted({x["source"] for x in evidence})))
    edges = ranked(edges, order)
    return dict(relations, edges=edges, by_actor=actor_index(edges))


def _relations(out: Analysis, relations: dict, actor_names: dict[str, str], cited, reuse: Reuse) -> None:
    """The relations with their actors' names and evidence, the overview's graph and each
    actor's neighbourhood."""
    names = dict(relations["names"])
    names.update(actor_names)
    for e in relations["edges"]:
        out.relations.append(reuse.get(e, e["sources"], lambda e=e: dict(
            e, subject_name=names.get(e["subject"], e["subject"]),
            object_name=names.get(e["object"], e["object"]),
            subject_page=e["subject"] in actor_names, object_page=e["object"] in actor_names,
            evidence=[cited(x) for x in e["evidence"]]), (names.get(e["subject"]), names.get(e["object"]))))
    out.graph = _graph(out.relations, names, size=OVERVIEW_ACTORS)
    for aid, idx in relations["by_actor"].items():
        mine = [out.relations[i] for i in idx]
        out.neighbourhoods[aid] = {"graph": reuse.graph(aid, mine, lambda: _graph(mine, names, centre=aid)),
                                   "relations": mine}
    for gone in reuse.graphs.keys() - relations["by_actor"].keys():
        del reuse.graphs[gone]
