"""What extraction drafts of one document beyond its items: the relations between its actors,
its statements on the taxonomy's questions, and its summary, as typed values."""
from __future__ import annotations

from ..briefs.model import Claim, Relation, Summary
from ..briefs.taxonomy import Taxonomy, questions, relation_types
from .claims import ClaimFinder
from .relations import RelationFinder
from .summary import source_summary

__all__ = ["Analyser"]


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
            hits: dict | None = None) -> tuple[tuple[Relation, ...], tuple[Claim, ...], Summary]:
        """``(relations, claims, summary)`` of a document's body sentences; ``mentions`` maps an
        anchor to its (actor, start, end). Optional: ``at``, the same mentions by token (first
        token: (actor, token after)), and ``hits``, anchor -> {"relation": [Hit], "claim":
        [Hit]} found with the keys of ``cue_phrases``."""
        relations = []
        for s in body:
            found = None if hits is None else hits.get(s.anchor, {}).get("relation", [])
            relations += self.relations.find(s, mentions.get(s.anchor, []),
                                             None if at is None else at.get(s.anchor), found)
        claims = self.claims.find(body, mentions, at,
                                  None if hits is None else {a: h.get("claim", []) for a, h in hits.items()})
        evidence: dict[str, list[str]] = {}
        for e in (*motives, *counters):
            evidence.setdefault(e.span.anchor, []).append(e.label)
        return tuple(relations), tuple(claims), source_summary(body, mentions, evidence)
