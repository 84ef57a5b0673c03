"""The relation graph across sources: one edge per (type, subject, object), with its evidence."""
from __future__ import annotations

import re

from ..briefs.format import visible
from ..briefs.taxonomy import relation_types

__all__ = ["edges", "relation_evidence", "edge", "ranked", "actor_index", "neighbourhood", "mermaid"]


def edges(taxonomy, source_briefs: dict[str, dict]) -> list[dict]:
    """``[{type, name, symmetric, subject, object, sources, count, evidence: [{source, id,
    quote, anchor, start, end, status, confidence}]}]``, most evidence first."""
    types = {t.id: t for t in relation_types(taxonomy.extra.get("relations"))}
    found: dict[tuple, list[dict]] = {}
    for sid in sorted(source_briefs):
        for key, evidence in relation_evidence(sid, source_briefs[sid], types):
            found.setdefault(key, []).append(evidence)
    return ranked([edge(key, evidence, types) for key, evidence in found.items()], types)


def relation_evidence(sid: str, brief: dict, types: dict) -> list[tuple[tuple, dict]]:
    """One source's shown relations as ``((type, subject, object), evidence)``, in brief order
    (a symmetric type's actors in order)."""
    out = []
    for r in visible(brief.get("relations")):
        t, s, o = r.get("type"), r.get("subject"), r.get("object")
        if not (t and s and o) or s == o:
            continue
        rt = types.get(t)
        if rt and rt.symmetric and o < s:
            s, o = o, s
        out.append(((t, s, o), {"source": sid, "id": r.get("id"), "quote": r.get("quote"),
                                "anchor": r.get("anchor"), "start": r.get("start"), "end": r.get("end"),
                                "status": r.get("status", "auto"), "confidence": r.get("confidence")}))
    return out


def edge(key: tuple, evidence: list[dict], types: dict) -> dict:
    """The edge of ``key`` with its ``evidence`` (in source order)."""
    t, s, o = key
    rt = types.get(t)
    return {"type": t, "name": rt.name if rt else t, "symmetric": bool(rt and rt.symmetric),
            "subject": s, "object": o, "evidence": evidence,
            "sources": sorted({x["source"] for x in evidence}), "count": len(evidence)}


def ranked(found: list[dict], types: dict) -> list[dict]:
    """Edges in the graph's order: most evidence first, then by type, subject and object."""
    order = list(types)
    return sorted(found, key=lambda e: (-e["count"], order.index(e["type"]) if e["type"] in order else 99,
                                        e["subject"], e["object"]))


def actor_index(all_edges: list[dict]) -> dict[str, list[int]]:
    """Each actor's edges: ``{actor: [edge index]}``, in the edges' order."""
    by_actor: dict[str, list[int]] = {}
    for i, e in enumerate(all_edges):
        for a in dict.fromkeys((e["subject"], e["object"])):
            by_actor.setdefault(a, []).append(i)
    return by_actor


def neighbourhood(all_edges: list[dict], actor_id: str) -> list[dict]:
    """The edges that touch ``actor_id``."""
    return [e for e in all_edges if actor_id in (e["subject"], e["object"])]


def _node(actor_id: str) -> str:
    return "a_" + re.sub(r"[^A-Za-z0-9_]", "_", actor_id)


def mermaid(some_edges: list[dict], names: dict[str, str] | None = None, limit: int = 40) -> str:
    """A Mermaid ``graph LR`` of the edges (the ``limit`` best attested), labelled by type."""
    names = names or {}
    chosen = some_edges[:limit]
    nodes = sorted({a for e in chosen for a in (e["subject"], e["object"])})
    lines = ["graph LR"]
    for a in nodes:
        label = str(names.get(a, a)).replace('"', "'")
        lines.append(f'  {_node(a)}["{label}"]')
    for e in chosen:
        arrow = "---" if e.get("symmetric") else "-->"
        label = f'{e["type"]} ×{e["count"]}' if e["count"] > 1 else e["type"]
        lines.append(f'  {_node(e["subject"])} {arrow}|"{label}"| {_node(e["object"])}')
    return "\n".join(lines) + "\n"
