"""The learned sentence classifier's inference: motives and counterarguments with numpy alone.

A model is plain data (``model/sentences.json``, written by ``brief train``): the feature
settings, the dense features' centring and scale, the vocabulary with its idf weights, and per
head the logistic-regression coefficients, intercepts and decision threshold:

- ``motive``: one binary head per motive (a sentence may carry several);
- ``counter``: whether the sentence argues against the rationale;
- ``rebuts``: which motive a counterargument answers (``none`` for a general objection);
- ``counter_id``: which counterargument of the taxonomy it is
(``rebuts`` and ``counter_id`` are one-vs-rest heads: the label with the highest logit wins).

The model holds its taxonomy's fingerprint (the motive and counterargument ids in order); a
model for another taxonomy is not used (``matches``). Nothing here reads a file or trains.
"""
from __future__ import annotations

import hashlib
import json
import numpy as np

from ..briefs.model import BriefsmithError, Evidence, Span
from .features import Settings, candidates, cut_off_at_end, dense_matrix, dense_names
from .terms import TermIndex

FORMAT = "briefsmith-sentence-classifier/1"
HEADS = ("motive", "counter", "rebuts", "counter_id")


def taxonomy_fingerprint(taxonomy) -> str:
    """What a model's heads and cue features are laid out by: the label ids, in order."""
    ids = {"motives": [m.id for m in taxonomy.motives],
           "counterarguments": [c.id for c in taxonomy.counterarguments]}
    return hashlib.sha256(json.dumps(ids, sort_keys=True).encode()).hexdigest()[:16]


class Head:
    """One head's labels and threshold; ``rows`` are its rows in the model's stacked weights."""

    def __init__(self, data: dict, columns: int, first_row: int):
        self.labels = list(data["labels"])
        self.coef = np.asarray(data["coef"], dtype=np.float64).reshape(len(self.labels), columns)
        self.intercept = np.asarray(data["intercept"], dtype=np.float64).reshape(len(self.labels))
        self.threshold = float(data.get("threshold", 0.5))
        self.rows = slice(first_row, first_row + len(self.labels))


class SentenceModel:
    """A loaded model, ready to label the candidate sentences of a document.

    Every head's weights are stacked into one matrix per feature block, so that a document is
    scored by one product for the dense features and a sparse sum for its terms (a sentence
    has a few dozen of the vocabulary's thousands)."""

    def __init__(self, data: dict, source: str = "model"):
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BriefsmithError(source, f"not a sentence model of format {FORMAT}")
        try:
            self.fingerprint = str(data["taxonomy"])
            self.settings = Settings(**data["settings"])
            dense = data["dense"]
            self.dense_names = list(dense["names"])
            self.mean = np.asarray(dense["mean"], dtype=np.float64)
            self.scale = np.asarray(dense["scale"], dtype=np.float64)
            vocab = data["terms"]["vocabulary"] if self.settings.terms else []
            self.vocabulary = {t: i for i, t in enumerate(vocab)}
            self.idf = np.asarray(data["terms"]["idf"] if self.settings.terms else [], dtype=np.float64)
            self.term_weight = float(data["terms"]["weight"]) if self.settings.terms else 0.0
            self.embedding_dim = int(data["embedding"]["dim"]) if self.settings.embedding else 0
            self.embedding_weight = float(data["embedding"]["weight"]) if self.settings.embedding else 0.0
            columns = len(self.dense_names) + len(self.vocabulary) + self.embedding_dim
            self.heads, first = {}, 0
            for name in HEADS:
                self.heads[name] = head = Head(data["heads"][name], columns, first)
                first += len(head.labels)
        except (KeyError, TypeError, ValueError) as e:
            raise BriefsmithError(source, f"damaged sentence model: {e}")
        W = np.vstack([h.coef for h in self.heads.values()])
        d, v = len(self.dense_names), len(self.vocabulary)
        self.w_dense = np.ascontiguousarray(W[:, :d].T)            # (dense, all labels)
        self.w_terms = np.ascontiguousarray(W[:, d:d + v].T)       # (vocabulary, all labels)
        self.w_embedding = np.ascontiguousarray(W[:, d + v:].T)    # (dimensions, all labels)
        self.intercept = np.concatenate([h.intercept for h in self.heads.values()])
        self.terms = TermIndex(vocab, self.idf, self.term_weight, self.w_terms)

    def matches(self, taxonomy) -> bool:
        return self.fingerprint == taxonomy_fingerprint(taxonomy) and \
            self.dense_names == dense_names(taxonomy, self.settings)

    def probabilities(self, taxonomy, cands, embedder=None) -> dict:
        """Per head, ``(len(cands), labels)``: each label's probability (the logistic of its logit)."""
        scores = self.scores(taxonomy, cands, embedder)
        return {name: scores.head(name) for name in self.heads}

    def scores(self, taxonomy, cands, embedder=None) -> Scores:
        """The candidates' logits, the terms' part of a head added when it is asked for."""
        dense = (dense_matrix(taxonomy, self.settings, cands) - self.mean) / self.scale
        logits = dense @ self.w_dense + self.intercept
        terms = self.terms.document([c.words for c in cands]) if self.settings.terms else None
        embedded = None
        if self.settings.embedding:
            if embedder is None:
                raise BriefsmithError(None, "this sentence model needs the embedder (wordllama)")
            vectors = np.asarray(embedder.embed([c.sentence.text for c in cands]), dtype=np.float64)
            embedded = (vectors * self.embedding_weight) @ self.w_embedding
        return Scores(self, logits, terms, embedded)


class Scores:
    """A document's logits, per head and for the sentences asked: dense part, plus the terms'
    part, plus the embedding's, added in that order (the same floats for any subset asked;
    ``terms.TermIndex.sums``), so the rebuts and counter-id heads are scored only for the
    sentences the counter head keeps."""

    def __init__(self, model: SentenceModel, logits: np.ndarray, terms, embedded):
        self.model, self.logits, self.terms, self.embedded = model, logits, terms, embedded

    def head(self, name: str, sentences: np.ndarray | None = None) -> np.ndarray:
        """``(sentences, labels)``: the probabilities of head ``name`` (all sentences: None)."""
        labels = self.model.heads[name].rows
        logits = self.logits[:, labels] if sentences is None else self.logits[sentences, labels]
        if self.terms is not None:
            logits = logits + self.model.terms.sums(self.terms, labels, sentences)
        if self.embedded is not None:
            logits = logits + (self.embedded[:, labels] if sentences is None else self.embedded[sentences, labels])
        return 1.0 / (1.0 + np.exp(-logits))


def classify(model: SentenceModel, taxonomy, doc, actors_at: dict, hits: dict,
             embedder=None) -> tuple[list[Evidence], list[Evidence]]:
    """Motive and counterargument evidence for a document's body sentences (``actors_at``,
    ``hits``: anchor -> actor mentions, cue hits)."""
    return classify_candidates(model, taxonomy, candidates(doc, actors_at, hits), embedder)


def classify_candidates(model: SentenceModel, taxonomy, cands: list,
                        embedder=None) -> tuple[list[Evidence], list[Evidence]]:
    """Evidence for ``features.Candidate`` sentences; every item carries the model's
    probability as its confidence. A last sentence the text cuts off gets none
    (``features.cut_off_at_end``)."""
    if not cands:
        return [], []
    scores = model.scores(taxonomy, cands, embedder)
    p_motive = scores.head("motive")
    cut = cut_off_at_end(cands)
    if cut is not None:
        p_motive[cut] = 0.0
    motive_head, counter_head = model.heads["motive"], model.heads["counter"]
    counters_by_id = {c.id: c for c in taxonomy.counterarguments}
    motives, counters = [], []
    spans: dict[int, Span] = {}
    # only the (sentence, label) cells over the threshold, found by numpy in row order (the
    # order the items were always made in); as Python floats, the same values
    rows, labels = np.nonzero(p_motive >= motive_head.threshold)
    for i, j, prob in zip(rows.tolist(), labels.tolist(), p_motive[rows, labels].tolist()):
        label = motive_head.labels[j]
        motives.append(Evidence("motive", label, _span(spans, cands[i].sentence, i),
                                _cues(cands[i].hits, "motive", label), _confidence(prob)))
    p_counter = scores.head("counter")[:, 0]
    if cut is not None:
        p_counter[cut] = 0.0
    kept = np.flatnonzero(p_counter >= counter_head.threshold)
    if len(kept):
        p_id, p_rebuts = scores.head("counter_id", kept), scores.head("rebuts", kept)
    for k, i in enumerate(kept.tolist()):
        c = cands[i]
        label = _best(model.heads["counter_id"].labels, p_id[k], counters_by_id)
        rebuts = model.heads["rebuts"].labels[int(np.argmax(p_rebuts[k]))]
        counters.append(Evidence("counter", label, _span(spans, c.sentence, i), _cues(c.hits, "counter", label),
                                 _confidence(float(p_counter[i])),
                                 rebuts=None if rebuts == "none" else rebuts))
    return motives, counters


def _span(spans: dict, s, i: int) -> Span:
    """The sentence's span, made once for its motives and its counterargument."""
    if i not in spans:
        spans[i] = Span(s.text, s.start, s.end, s.anchor)
    return spans[i]


def _best(labels: list[str], probabilities: np.ndarray, known: dict) -> str:
    """The most probable label that the taxonomy has."""
    for j in np.argsort(-probabilities, kind="stable"):
        if labels[j] in known:
            return labels[j]
    return next(iter(known))


def _cues(hits: dict, kind: str, label: str) -> tuple[str, ...]:
    """The cue phrases of ``label`` found in the sentence (what the reader sees as the why)."""
    found: list[str] = []
    for key, phrases in hits.items():
        if key[0] == kind and key[1] == label and key[2] != "none":
            found += [p for p in phrases if p not in found]
    return tuple(found)


def _confidence(p: float) -> float:
    return round(float(p), 2)
