"""Motives and counterarguments: taxonomy cues matched sentence by sentence.

A counterargument outranks a motive on the same sentence: a sentence that argues against a
reason is not evidence for it. A sentence that only half-matches a motive (one cue group)
inherits the motive of the sentence before it in the same paragraph, when that one fired:
articles state a reason and then unfold it.
"""
from __future__ import annotations

from ..briefs.model import Evidence, Span
from ..briefs.taxonomy import CueSet, Taxonomy
from ..text.cues import CueIndex


def add_cueset(index: CueIndex, kind: str, label: str, cues: CueSet) -> None:
    for phrase in cues.any:
        index.add((kind, label, "any", 0), phrase)
    for g, group in enumerate(cues.all):
        for phrase in group:
            index.add((kind, label, "all", g), phrase)
    for phrase in cues.none:
        index.add((kind, label, "none", 0), phrase)


def build_index(taxonomy: Taxonomy) -> CueIndex:
    index = CueIndex()
    for m in taxonomy.motives:
        add_cueset(index, "motive", m.id, m.cues)
    for c in taxonomy.counterarguments:
        add_cueset(index, "counter", c.id, c.cues)
    return index


def _fires(cues: CueSet, hits: dict, kind: str, label: str) -> tuple[bool, bool, list[str]]:
    """(fires, half-fires, cues that matched)."""
    if (kind, label, "none", 0) in hits:
        return False, False, []
    matched = list(hits.get((kind, label, "any", 0), []))
    groups = [hits.get((kind, label, "all", g)) for g in range(len(cues.all))]
    for g in groups:
        for phrase in g or ():
            if phrase not in matched:
                matched.append(phrase)
    full = bool(hits.get((kind, label, "any", 0))) or (bool(groups) and all(groups))
    # half: enough to continue the previous sentence's motive ("the threat", "this mechanism")
    half = not full and len(groups) >= 2 and sum(1 for g in groups if g) >= len(groups) - 1
    return full, half, matched


def _confidence(n_cues: int, carried: bool = False) -> float:
    return round(min(0.95, (0.35 if carried else 0.5) + 0.1 * max(0, n_cues - 1)), 2)


def classify(taxonomy: Taxonomy, sentences, hits_of) -> tuple[list[Evidence], list[Evidence]]:
    """Evidence for the motives and counterarguments in ``sentences`` (one paragraph's worth
    at a time is fine; ``hits_of(sentence)`` gives the cue hits)."""
    motives, counters = [], []
    previous: set[str] = set()
    previous_paragraph = None
    for sent in sentences:
        if sent.paragraph != previous_paragraph:
            previous, previous_paragraph = set(), sent.paragraph
        hits = hits_of(sent)
        labels = {key[1] for key in hits}  # most sentences touch no label, or one or two
        if not labels:
            previous = set()
            continue
        span = Span(sent.text, sent.start, sent.end, sent.anchor)
        found_counter = False
        for c in taxonomy.counterarguments:
            if c.id not in labels:
                continue
            full, _, cues = _fires(c.cues, hits, "counter", c.id)
            if full:
                counters.append(Evidence("counter", c.id, span, tuple(cues), _confidence(len(cues)),
                                         rebuts=c.rebuts))
                found_counter = True
        current: set[str] = set()
        if not found_counter:
            for m in taxonomy.motives:
                if m.id not in labels:
                    continue
                full, half, cues = _fires(m.cues, hits, "motive", m.id)
                carried = half and m.id in previous
                if full or carried:
                    motives.append(Evidence("motive", m.id, span, tuple(cues),
                                            _confidence(len(cues), carried)))
                    current.add(m.id)
        previous = current
    return motives, counters


class SentenceLabeler:
    """Motives and counterarguments of a document: the learned model (``classifier.py``) when
    there is one for this taxonomy; else the taxonomy's cues, plus the sentences most like its
    ``examples:`` (when it has some and an embedder is at hand): a ``brief init`` project, or a
    taxonomy whose motives or counterarguments changed since the model was trained."""

    def __init__(self, taxonomy: Taxonomy, model=None, embedder=None):
        self.taxonomy = taxonomy
        self.model = model if model is not None and model.matches(taxonomy) else None
        self.embedder = embedder
        self.examples = None
        if self.model is None and embedder is not None:
            from .examples import ExampleMatcher
            self.examples = ExampleMatcher.of(taxonomy, embedder)

    def classify(self, doc, body, actors_at: dict, hits: dict) -> tuple[list[Evidence], list[Evidence]]:
        """``actors_at`` and ``hits``: anchor -> actor mentions, cue hits (of the headline's and the body's
        sentences: the model labels both; the cues, without a model, the body alone)."""
        if self.model is not None:
            from .classifier import classify as by_model
            return by_model(self.model, self.taxonomy, doc, actors_at, hits, self.embedder)
        from .features import stops_inside
        if body and stops_inside(body[-1].text):
            body = body[:-1]   # cut off by the text's end: no reason stated (as with a model)
        motives, counters = classify(self.taxonomy, body, lambda s: hits[s.anchor])
        if self.examples is not None:
            return self.examples.extend(body, motives, counters)
        return motives, counters
