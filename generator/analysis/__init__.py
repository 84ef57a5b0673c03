"""Cross-source analysis of the briefs: agreement, disputed points, the relation graph, the
timeline and the motives' summaries. (What one source's sentences give, its relations, claims
and summary, is drafted by extraction.)

Pure functions on typed inputs (the taxonomy, brief dicts); no I/O; nothing of extraction.
``site_view`` gathers everything the site shows as plain data.
"""
from __future__ import annotations

from .agreement import agreement, stance
from .disputes import group_claims, motive_index
from .graph import actor_index, edges, mermaid, neighbourhood
from .summaries import motive_summary
from .timeline import merge_events

__all__ = ["site_view", "stored_summary", "agreement", "stance", "group_claims", "edges", "neighbourhood",
           "mermaid", "merge_events", "motive_summary"]


def site_view(taxonomy, source_briefs: dict[str, dict],
              motive_briefs: dict[str, dict] | None = None) -> dict:
    """Everything the site needs from the analysis, as plain data:

    - ``agreement``: ``{sources, motives: [{motive, name, cells: {source: {asserts, rebuts,
      position}}, asserted_by, rebutted_by, silent, label}]}``
    - ``stance``: ``{source: {stance, counters, motive_items, motives, line}}``
    - ``disputes``: groups per question (see ``disputes.group_claims``); ``disputes_by_motive``
    - ``relations``: ``{types: [{id, name, symmetric}], edges: [...], by_actor: {actor: [edge
      index]}, mermaid: "graph LR ..."}``
    - ``timeline``: merged entries ``[{date, precision, citations}]``
    - ``motive_summaries``: ``{motive: summary}``: the one stored in the motive brief (see
      ``_motive_summary``), computed only when the brief has none.
    """
    from ..briefs.taxonomy import relation_types

    motive_briefs = motive_briefs or {}
    all_edges = edges(taxonomy, source_briefs)
    by_actor = actor_index(all_edges)
    names = {a.id: a.name for a in taxonomy.actors}
    for sid in sorted(source_briefs):   # the name the first source (by id) gives
        for a in source_briefs[sid].get("actors") or []:
            if isinstance(a, dict) and a.get("actor"):
                names.setdefault(a["actor"], a.get("name") or a["actor"])
    groups = group_claims(taxonomy, source_briefs)
    by_motive = motive_index(groups)
    summaries = {m.id: _motive_summary(m.id, source_briefs, motive_briefs) for m in taxonomy.motives}
    settings = taxonomy.extra.get("stance") if isinstance(taxonomy.extra.get("stance"), dict) else None
    return {
        "agreement": agreement(taxonomy, source_briefs),
        "stance": {sid: stance(source_briefs[sid], settings) for sid in sorted(source_briefs)},
        "disputes": groups,
        "disputes_by_motive": by_motive,
        "relations": {"types": [{"id": t.id, "name": t.name, "symmetric": t.symmetric}
                                for t in relation_types(taxonomy.extra.get("relations"))],
                      "edges": all_edges, "by_actor": by_actor, "names": names,
                      "mermaid": mermaid(all_edges, names)},
        "timeline": merge_events(source_briefs),
        "motive_summaries": summaries,
    }


def _motive_summary(motive_id: str, source_briefs: dict[str, dict], motive_briefs: dict[str, dict]) -> dict:
    """The motive brief's summary when it has one (``stored_summary``), else computed across
    every source (the costly part of the site)."""
    stored = stored_summary(motive_id, motive_briefs)
    return stored if stored is not None else motive_summary(motive_id, source_briefs)


def stored_summary(motive_id: str, motive_briefs: dict[str, dict]) -> dict | None:
    """The motive brief's summary when it has one: a person's (confirmed or manual), or the
    extractive one ``write_cross_source`` stored there (status auto, with text). A rejected
    summary gives way to the extracted one; a brief without a summary, or with an empty auto
    one, has none (None)."""
    stored = (motive_briefs.get(motive_id) or {}).get("summary")
    if isinstance(stored, dict):
        status = stored.get("status", "auto")
        if status in ("confirmed", "manual"):
            return stored
        if status == "auto" and isinstance(stored.get("text"), str) and stored["text"].strip():
            return stored
    return None
