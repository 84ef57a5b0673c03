"""The analysis of one document during extraction: relations, claims and a summary, shaped as
brief items (ids, offsets, status, confidence, cues) ready for ``briefs.source_brief``."""
from __future__ import annotations

from ..briefs import format as B
from ..briefs.taxonomy import Taxonomy
from .claims import ClaimFinder, questions
from .relations import RelationFinder, relation_types
from .summaries import source_summary

__all__ = ["Analyser"]


def _ids(kind: str, rows: list[tuple[str, dict]]) -> list[dict]:
    """Ids as ``briefs.item_id(kind, label, quote)`` with the label under ``LABEL_KEY`` (the
    merge recognises a hand-edited item by an id that no longer fits), "-2", "-3" for the
    second and third item of that label in the same sentence."""
    out, seen = [], set()
    for label, item in rows:
        iid = base = B.item_id(kind, label, item["quote"])
        n = 2
        while iid in seen:
            iid = f"{base}-{n}"
            n += 1
        seen.add(iid)
        out.append({"id": iid, **item})
    return out


class Analyser:
    """The taxonomy's relation cues and questions compiled once; ``run`` per document."""

    def __init__(self, taxonomy: Taxonomy):
        self.relations = RelationFinder(relation_types(taxonomy.extra.get("relations")))
        self.claims = ClaimFinder(questions(taxonomy.extra.get("questions")),
                                  {a.id: a.kind for a in taxonomy.actors})

    def cue_phrases(self):
        """``(namespaced key, phrase)`` of every relation and question cue, for a caller that
        finds them together with its own cues (``hits`` of ``run``)."""
        return [*((("relation", k), p) for k, p in self.relations.index.added),
                *((("claim", k), p) for k, p in self.claims.index.added)]

    def run(self, body, mentions: dict, motives=(), counters=(), at: dict | None = None,
            hits: dict | None = None) -> dict:
        """``{"relations": [...], "claims": [...], "summary": {...}}`` for a document's body
        sentences; ``mentions`` maps an anchor to its (actor, start, end). Optional: ``at``,
        the same mentions by token (first token: (actor, token after)), and ``hits``, anchor
        -> {"relation": [Hit], "claim": [Hit]} found with the keys of ``cue_phrases``."""
        rels = []
        for s in body:
            found = None if hits is None else hits.get(s.anchor, {}).get("relation", [])
            for r in self.relations.find(s, mentions.get(s.anchor, []),
                                         None if at is None else at.get(s.anchor), found):
                rels.append((r.type, {
                    "type": r.type, "subject": r.subject, "object": r.object, "quote": r.quote,
                    "start": r.start, "end": r.end, "anchor": r.anchor, "status": "auto",
                    "confidence": r.confidence, "cues": list(r.cues)}))
        claims = [(c.question, {
            "question": c.question, "value": c.value, "quote": c.quote, "start": c.start,
            "end": c.end, "anchor": c.anchor, "status": "auto", "confidence": c.confidence,
            "cues": list(c.cues)}) for c in self.claims.find(
                body, mentions, at, None if hits is None else {a: h.get("claim", []) for a, h in hits.items()})]
        evidence: dict[str, list[str]] = {}
        for e in (*motives, *counters):
            evidence.setdefault(e.span.anchor, []).append(e.label)
        return {"relations": _ids("relations", rels), "claims": _ids("claims", claims),
                "summary": source_summary(body, mentions, evidence)}
