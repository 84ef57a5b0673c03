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
import math

import numpy as np

from ..briefs.model import BriefsmithError, Evidence, Span
from .features import Settings, candidates, dense_names, dense_rows, terms

FORMAT = "briefsmith-sentence-classifier/1"
HEADS = ("motive", "counter", "rebuts", "counter_id")


def taxonomy_fingerprint(taxonomy) -> str:
    """What a model's heads and cue features are laid out by: the label ids, in order."""
    ids = {"motives": [m.id for m in taxonomy.motives],
           "counterarguments": [c.id for c in taxonomy.counterarguments]}
    return hashlib.sha256(json.dumps(ids, sort_keys=True).encode()).hexdigest()[:16]


class Head:
    """One head's weights as arrays: ``scores(X)`` are its logits."""

    def __init__(self, data: dict, columns: int):
        self.labels = list(data["labels"])
        self.coef = np.asarray(data["coef"], dtype=np.float64).reshape(len(self.labels), columns)
        self.intercept = np.asarray(data["intercept"], dtype=np.float64)
        self.threshold = float(data.get("threshold", 0.5))

    def scores(self, X: np.ndarray) -> np.ndarray:
        return X @ self.coef.T + self.intercept


class SentenceModel:
    """A loaded model, ready to label the candidate sentences of a document."""

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
            self.heads = {name: Head(data["heads"][name], columns) for name in HEADS}
        except (KeyError, TypeError, ValueError) as e:
            raise BriefsmithError(source, f"damaged sentence model: {e}")

    def matches(self, taxonomy) -> bool:
        return self.fingerprint == taxonomy_fingerprint(taxonomy) and \
            self.dense_names == dense_names(taxonomy, self.settings)

    def design(self, taxonomy, cands, embedder=None) -> np.ndarray:
        """The feature matrix of ``cands`` (one row each), as training built it."""
        blocks = [(np.asarray(dense_rows(taxonomy, self.settings, cands), dtype=np.float64)
                   .reshape(len(cands), len(self.dense_names)) - self.mean) / self.scale]
        if self.settings.terms:
            blocks.append(self.term_matrix([c.sentence.text for c in cands]))
        if self.settings.embedding:
            if embedder is None:
                raise BriefsmithError(None, "this sentence model needs the embedder (wordllama)")
            vectors = np.asarray(embedder.embed([c.sentence.text for c in cands]), dtype=np.float64)
            blocks.append(vectors * self.embedding_weight)
        return np.hstack(blocks)

    def term_matrix(self, texts: list[str]) -> np.ndarray:
        """tf-idf rows (sublinear counts, unit length) of the model's vocabulary, weighted."""
        out = np.zeros((len(texts), len(self.vocabulary)))
        vocab = self.vocabulary
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for t in terms(text):
                col = vocab.get(t)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            if counts:
                cols = np.fromiter(counts, dtype=np.intp, count=len(counts))
                values = np.fromiter((1.0 + math.log(n) for n in counts.values()), dtype=np.float64,
                                     count=len(counts)) * self.idf[cols]
                out[row, cols] = values * (self.term_weight / np.sqrt(values @ values))
        return out

    def predict(self, X: np.ndarray) -> dict:
        """Per head, per label: the probability (the logistic of its logit)."""
        return {name: 1.0 / (1.0 + np.exp(-head.scores(X))) for name, head in self.heads.items()}


def classify(model: SentenceModel, taxonomy, doc, actors_at: dict, hits: dict,
             embedder=None) -> tuple[list[Evidence], list[Evidence]]:
    """Motive and counterargument evidence for a document's body sentences (``actors_at``,
    ``hits``: anchor -> actor mentions, cue hits)."""
    return classify_candidates(model, taxonomy, candidates(doc, actors_at, hits), embedder)


def classify_candidates(model: SentenceModel, taxonomy, cands: list,
                        embedder=None) -> tuple[list[Evidence], list[Evidence]]:
    """Evidence for ``features.Candidate`` sentences; every item carries the model's
    probability as its confidence."""
    if not cands:
        return [], []
    p = model.predict(model.design(taxonomy, cands, embedder))
    motive_head, counter_head = model.heads["motive"], model.heads["counter"]
    counters_by_id = {c.id: c for c in taxonomy.counterarguments}
    motives, counters = [], []
    for i, c in enumerate(cands):
        s = c.sentence
        span = Span(s.text, s.start, s.end, s.anchor)
        for j, label in enumerate(motive_head.labels):
            if p["motive"][i, j] >= motive_head.threshold:
                motives.append(Evidence("motive", label, span, _cues(c.hits, "motive", label),
                                        _confidence(p["motive"][i, j])))
        if p["counter"][i, 0] >= counter_head.threshold:
            label = _best(model.heads["counter_id"].labels, p["counter_id"][i], counters_by_id)
            rebuts = model.heads["rebuts"].labels[int(np.argmax(p["rebuts"][i]))]
            counters.append(Evidence("counter", label, span, _cues(c.hits, "counter", label),
                                     _confidence(p["counter"][i, 0]),
                                     rebuts=None if rebuts == "none" else rebuts))
    return motives, counters


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
