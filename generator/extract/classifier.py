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
from itertools import chain, repeat

import numpy as np

from ..briefs.model import BriefsmithError, Evidence, Span
from .features import Settings, candidates, dense_matrix, dense_names

FORMAT = "briefsmith-sentence-classifier/1"
_SENTENCE_END = "\x00"   # between two sentences' words in ``term_logits``: no stem is it
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
            # column + 1 of each word and of each pair of words ("a b" as (a, b): no string
            # built per pair), so that filter(None, map(...)) drops the unknown ones in C
            self.word_column = {t: i + 1 for t, i in self.vocabulary.items() if " " not in t}
            self.pair_column = {tuple(t.split(" ", 1)): i + 1 for t, i in self.vocabulary.items() if " " in t}
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

    def matches(self, taxonomy) -> bool:
        return self.fingerprint == taxonomy_fingerprint(taxonomy) and \
            self.dense_names == dense_names(taxonomy, self.settings)

    def probabilities(self, taxonomy, cands, embedder=None) -> dict:
        """Per head, ``(len(cands), labels)``: each label's probability (the logistic of its logit)."""
        dense = (dense_matrix(taxonomy, self.settings, cands) - self.mean) / self.scale
        logits = dense @ self.w_dense + self.intercept
        if self.settings.terms:
            logits += self.term_logits([c.words for c in cands])
        if self.settings.embedding:
            if embedder is None:
                raise BriefsmithError(None, "this sentence model needs the embedder (wordllama)")
            vectors = np.asarray(embedder.embed([c.sentence.text for c in cands]), dtype=np.float64)
            logits += (vectors * self.embedding_weight) @ self.w_embedding
        p = 1.0 / (1.0 + np.exp(-logits))
        return {name: p[:, head.rows] for name, head in self.heads.items()}

    def term_logits(self, sentences_words: list) -> np.ndarray:
        """What the terms (``features.terms`` of each sentence's words) add to each label's
        logit: tf-idf values (sublinear counts, unit length per sentence, weighted) times the
        terms' weights, summed per sentence."""
        v = len(self.vocabulary)
        shape = (len(sentences_words), self.w_terms.shape[1])
        # The document's words in one list, each sentence's followed by a mark that is no
        # word (so no pair spans two sentences), looked up in two C-level passes: column + 1
        # of each word and of each pair with the next word, 0 for the unknown ones.
        words: list = []
        for w in sentences_words:
            words += w
            words.append(_SENTENCE_END)
        columns = np.fromiter(chain(map(self.word_column.get, words, repeat(0)),
                                    map(self.pair_column.get, zip(words, words[1:]), repeat(0))),
                              dtype=np.int64, count=2 * len(words) - 1)
        row_of = np.repeat(np.arange(shape[0], dtype=np.int64) * v,
                           np.fromiter(map(len, sentences_words), dtype=np.int64, count=shape[0]) + 1)
        row_of = np.concatenate((row_of, row_of[:-1]))   # a pair's row is its first word's
        known = columns > 0
        if not known.any():
            return np.zeros(shape)
        # np.unique sorts the keys: the order they are gathered in does not matter
        found, counts = np.unique(row_of[known] + columns[known] - 1, return_counts=True)
        rows, cols = found // v, found % v
        values = (1.0 + np.log(counts)) * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=shape[0]))
        values *= self.term_weight / norms[rows]
        # per (sentence, label) the sum of its terms' products in the order of ``found``, from
        # zero: the floating-point sums np.add.at gives, in one bincount at a third of its cost
        flat = (rows[:, None] * shape[1] + np.arange(shape[1])).ravel()
        return np.bincount(flat, weights=(values[:, None] * self.w_terms[cols]).ravel(),
                           minlength=shape[0] * shape[1]).reshape(shape)


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
    p = model.probabilities(taxonomy, cands, embedder)
    motive_head, counter_head = model.heads["motive"], model.heads["counter"]
    counters_by_id = {c.id: c for c in taxonomy.counterarguments}
    motives, counters = [], []
    spans: dict[int, Span] = {}
    # only the (sentence, label) cells over the threshold, found by numpy in row order (the
    # order the items were always made in); as Python floats, the same values
    rows, labels = np.nonzero(p["motive"] >= motive_head.threshold)
    for i, j, prob in zip(rows.tolist(), labels.tolist(), p["motive"][rows, labels].tolist()):
        label = motive_head.labels[j]
        motives.append(Evidence("motive", label, _span(spans, cands[i].sentence, i),
                                _cues(cands[i].hits, "motive", label), _confidence(prob)))
    p_counter = p["counter"][:, 0]
    for i in np.flatnonzero(p_counter >= counter_head.threshold).tolist():
        c = cands[i]
        label = _best(model.heads["counter_id"].labels, p["counter_id"][i], counters_by_id)
        rebuts = model.heads["rebuts"].labels[int(np.argmax(p["rebuts"][i]))]
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
