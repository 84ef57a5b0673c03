"""Without a model: the sentences most like a taxonomy's ``examples:`` (cosine similarity of
wordllama vectors), added to what the cues found. A new topic gets recall beyond its cue
lexicon from a few example sentences per motive, before anything is annotated or trained."""
from __future__ import annotations

import numpy as np

from ..briefs.model import Evidence, Span
from .features import label_keys

# Cosine similarity from which a sentence counts as saying what an example says. Measured on the
# dev set with two example sentences per default motive (docs/learning.md): unrelated sentences
# reach 0.63-0.75 at their 99th percentile, so below about 0.7 the matches are mostly noise.
SIMILAR = 0.72


class ExampleMatcher:
    def __init__(self, labels: list[tuple[str, object]], vectors: list[np.ndarray], embedder):
        self.labels, self.vectors, self.embedder = labels, vectors, embedder

    @classmethod
    def of(cls, taxonomy, embedder) -> "ExampleMatcher | None":
        labels = [(kind, item) for kind, item in label_keys(taxonomy) if item.examples]
        if not labels:
            return None
        return cls(labels, [embedder.embed(list(item.examples)) for _, item in labels], embedder)

    def similarities(self, texts: list[str]) -> np.ndarray:
        """``(len(texts), labels)``: each sentence's highest similarity to each label's examples."""
        vectors = self.embedder.embed(texts)
        return np.stack([(vectors @ v.T).max(axis=1) for v in self.vectors], axis=1)

    def extend(self, body, motives: list[Evidence], counters: list[Evidence]):
        if not body:
            return motives, counters
        sims = self.similarities([s.text for s in body])
        have = {(e.kind, e.label, e.span.anchor) for e in (*motives, *counters)}
        before = len(have)
        countered = {e.span.anchor for e in counters}
        for i, s in enumerate(body):
            for j, (kind, item) in enumerate(self.labels):
                score = float(sims[i, j])
                if score < SIMILAR or (kind, item.id, s.anchor) in have:
                    continue
                if kind == "motive" and s.anchor in countered:
                    continue   # a sentence that argues against a reason is not evidence for it
                evidence = Evidence(kind, item.id, Span(s.text, s.start, s.end, s.anchor),
                                    ("like an example",), round(score, 2),
                                    rebuts=item.rebuts if kind == "counter" else None)
                (motives if kind == "motive" else counters).append(evidence)
                if kind == "counter":
                    countered.add(s.anchor)
                have.add((kind, item.id, s.anchor))
        if len(have) == before:
            return motives, counters
        order = {(kind, item.id): n for n, (kind, item) in enumerate(self.labels)}
        key = lambda e: (e.span.start, order.get((e.kind, e.label), -1))
        return sorted(motives, key=key), sorted(counters, key=key)
