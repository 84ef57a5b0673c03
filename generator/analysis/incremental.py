"""``site_view`` kept between calls: each source's share of the analysis (its agreement cells
and stance, its statements on each question, its relations, the names it gives actors, its
dated events, its candidates for the motives' summaries) is kept under its brief, and the
shares are combined again. A call after one brief changed computes that source's share and
the parts it touches (the questions it answers, its relations' edges, the years of its
events, the summaries of its motives), not every source's: at 10,000 sources the whole
analysis took seconds of every rebuild under `mkdocs serve`.

The result equals ``site_view`` of the same briefs (``tests/test_analysis_incremental.py``
holds it to that after random edits, additions and removals). Pure, in memory; the caller
keeps the object (``cache.site``). A brief is known by its object: a brief read again is a
changed one (a changed file is read again; an unchanged one is the same object).
"""
from __future__ import annotations

from .agreement import motive_row, source_cells, stance
from .disputes import Questions, motive_index
from .graph import actor_index, edge, mermaid, ranked, relation_evidence
from . import stored_summary
from .summaries import candidate_rows, motive_summary
from .timeline import event_reports, merge_year, year
from ..briefs.taxonomy import relation_types

__all__ = ["IncrementalView"]


HELD = ("statements", "relations", "names", "years", "candidates")   # a share's parts, by key


class _Share:
    """What one source gives the analysis; each part of ``HELD`` is a dict by key (a
    question's number, an edge's (type, subject, object), an actor, a year, a motive)."""

    __slots__ = ("cells", "stance", *HELD)

    def __init__(self, sid: str, brief: dict, frame: "_Frame") -> None:
        self.cells = source_cells(brief, frame.taxonomy)
        self.stance = stance(brief, frame.settings)
        self.statements = frame.questions.statements(sid, brief)
        self.relations: dict[tuple, list[dict]] = {}
        for key, evidence in relation_evidence(sid, brief, frame.types):
            self.relations.setdefault(key, []).append(evidence)
        self.names: dict[str, str] = {}   # in the order the brief names them
        for a in brief.get("actors") or []:
            if isinstance(a, dict) and a.get("actor"):
                self.names.setdefault(a["actor"], a.get("name") or a["actor"])
        self.years: dict[str, list[dict]] = {}
        for r in event_reports(sid, brief):
            self.years.setdefault(year(r), []).append(r)
        self.candidates: dict[str, list] = {}
        if frame.summarised:
            for row in candidate_rows(brief.get("motives")):
                self.candidates.setdefault(row[0], []).append(row)


class _Frame:
    """What every share is computed against: the taxonomy's parts the analysis reads, and
    whether some motive's summary is computed from the sources (else no share keeps
    candidates for it)."""

    def __init__(self, taxonomy, summarised: bool) -> None:
        self.taxonomy = taxonomy
        extra = taxonomy.extra.get("stance")
        self.settings = extra if isinstance(extra, dict) else None
        self.questions = Questions(taxonomy)
        self.type_list = relation_types(taxonomy.extra.get("relations"))
        self.types = {t.id: t for t in self.type_list}
        self.summarised = summarised


class IncrementalView:
    """``site_view`` of the briefs given to ``view``, each source's share computed once per
    brief object (see the module's doc)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.frame: _Frame | None = None
        self.briefs: dict[str, dict] = {}       # sid -> the brief its share was computed from
        self.shares: dict[str, _Share] = {}
        self.sids: list[str] = []
        # part -> key -> the sources whose share has that key (``HELD``)
        self.holders: dict[str, dict] = {part: {} for part in HELD}
        self.groups: dict[int, dict | None] = {}   # question number -> its group
        self.edges: dict[tuple, dict] = {}        # (type, subject, object) -> its edge
        self.years: dict[str, list[dict]] = {}    # year -> its timeline entries
        self.summaries: dict[str, dict] = {}      # motive -> its summary computed from the sources
        self.rows: dict[str, dict] = {}           # motive -> its agreement row (``_rows``)

    def view(self, taxonomy, source_briefs: dict[str, dict], motive_briefs: dict[str, dict] | None = None) -> dict:
        """What ``site_view(taxonomy, source_briefs, motive_briefs)`` gives. On any error the
        kept shares are dropped and ``site_view`` runs whole (raising what it raises)."""
        from . import site_view
        try:
            return self._view(taxonomy, source_briefs, motive_briefs or {})
        except Exception:
            self.reset()
            return site_view(taxonomy, source_briefs, motive_briefs)

    def _view(self, taxonomy, source_briefs: dict[str, dict], motive_briefs: dict[str, dict]) -> dict:
        stored = {m.id: stored_summary(m.id, motive_briefs) for m in taxonomy.motives}
        summarised = any(v is None for v in stored.values())
        if self.frame is None or self.frame.taxonomy != taxonomy or self.frame.summarised != summarised:
            self.reset()
            self.frame = _Frame(taxonomy, summarised)
        touched = self._update(source_briefs)
        frame = self.frame
        for n in touched["statements"]:
            self.groups[n] = frame.questions.group(n, self._gather("statements", n))
        for key in touched["relations"]:
            evidence = self._gather("relations", key)
            self.edges[key] = edge(key, evidence, frame.types)
            if not evidence:
                del self.edges[key]
        for y in touched["years"]:
            self.years[y] = merge_year(self._gather("years", y))
            if not self.years[y]:
                del self.years[y]
        summaries = {}
        for m, kept in stored.items():
            if kept is None and (m in touched["candidates"] or m not in self.summaries):
                self.summaries[m] = motive_summary(m, self.briefs)
            summaries[m] = kept if kept is not None else self.summaries[m]
            if kept is not None:
                self.summaries.pop(m, None)
        return self._result(summaries, touched["cells"])

    def _gather(self, part: str, key) -> list:
        """The values under ``key`` of ``part`` of every share that has one, in source order."""
        holders = self.holders[part].get(key) or ()
        return [x for sid in sorted(holders) for x in getattr(self.shares[sid], part)[key]]

    def _update(self, source_briefs: dict[str, dict]) -> dict[str, set]:
        """Recompute the shares of the briefs that are new or changed, drop the gone ones;
        the keys of each part that a changed share had or has."""
        touched: dict[str, set] = {part: set() for part in HELD}
        touched["cells"] = set()   # the motives whose agreement row changed (None: every one)
        gone = [sid for sid in self.briefs if sid not in source_briefs]
        for sid in gone:
            self._hold(sid, self.shares.pop(sid), None, touched)
            del self.briefs[sid]
        fresh = [sid for sid, brief in source_briefs.items() if self.briefs.get(sid) is not brief]
        for sid in fresh:
            share = _Share(sid, source_briefs[sid], self.frame)
            old = self.shares.get(sid)
            touched["cells"].update([None] if old is None or gone else
                                    (m for m, cell in share.cells.items() if old.cells.get(m) != cell))
            self._hold(sid, self.shares.get(sid), share, touched)
            self.shares[sid], self.briefs[sid] = share, source_briefs[sid]
        if gone or fresh:
            self.sids = sorted(self.shares)
        if gone:
            touched["cells"].add(None)
        return touched

    def _hold(self, sid: str, old: _Share | None, new: _Share | None, touched: dict[str, set]) -> None:
        """``holders`` told that ``sid``'s share is ``new`` now, not ``old``; ``touched``, the
        keys whose values differ between the two (an edit of a source's motives leaves its
        statements, relations and events, and what is made of them, as they were)."""
        for part in HELD:
            holders, mine = self.holders[part], touched[part]
            was = getattr(old, part) if old is not None else {}
            now = getattr(new, part) if new is not None else {}
            for key in was.keys() - now.keys():
                holders[key].discard(sid)
                if not holders[key]:
                    del holders[key]
            for key in now.keys() - was.keys():
                holders.setdefault(key, set()).add(sid)
            mine.update(key for key in was.keys() | now.keys() if was.get(key) != now.get(key))

    def _result(self, summaries: dict[str, dict], cells: set) -> dict:
        """The view, as ``site_view`` lays it out, of the shares and the parts kept."""
        frame, sids, shares = self.frame, self.sids, self.shares
        groups = [g for n, g in sorted(self.groups.items()) if g]
        by_motive = motive_index(groups)
        all_edges = ranked(list(self.edges.values()), frame.types)
        by_actor = actor_index(all_edges)
        names = self._names()
        return {
            "agreement": {"sources": list(sids), "motives": self._rows(cells)},
            "stance": {sid: shares[sid].stance for sid in sids},
            "disputes": groups,
            "disputes_by_motive": by_motive,
            "relations": {"types": [{"id": t.id, "name": t.name, "symmetric": t.symmetric}
                                    for t in frame.type_list],
                          "edges": all_edges, "by_actor": by_actor, "names": names,
                          "mermaid": mermaid(all_edges, names)},
            "timeline": [entry for y in sorted(self.years) for entry in self.years[y]],
            "motive_summaries": summaries,
        }

    def _rows(self, changed: set) -> list[dict]:
        """The agreement's rows, one per motive (``agreement.agreement``): a row is made again
        when a source came or went (``changed`` holds None) or a source's cell for its motive
        changed (a row holds a cell of every source: 10,000 at 10,000 sources)."""
        sids, shares = self.sids, self.shares
        for m in self.frame.taxonomy.motives:
            if None in changed or m.id in changed or m.id not in self.rows:
                self.rows[m.id] = motive_row(m, sids, {sid: shares[sid].cells[m.id] for sid in sids})
        return [self.rows[m.id] for m in self.frame.taxonomy.motives]

    def _names(self) -> dict[str, str]:
        """Actor -> name: the taxonomy's, then the one the first source naming it gives, in the
        order the sources (and each brief) first name them."""
        names = {a.id: a.name for a in self.frame.taxonomy.actors}
        first = {}
        for actor, sids in self.holders["names"].items():
            if actor not in names:
                sid = min(sids)
                first[actor] = (sid, list(self.shares[sid].names).index(actor))
        for actor in sorted(first, key=first.__getitem__):
            names[actor] = self.shares[first[actor][0]].names[actor]
        return names
