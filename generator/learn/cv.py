"""Leave-articles-out cross-validation: no article is scored by a model that trained on it.

The annotated articles are split into ``FOLDS`` groups (scikit-learn's ``GroupKFold``, by
article). For each fold a model is trained on the other folds' articles (and the taxonomy's
examples), then labels the fold's articles exactly as extraction does (``classifier.classify``);
the predictions of all folds are scored together with ``brief eval``'s scorer, per annotation
and overall. The training-only documents (the taxonomy's examples, invented articles, paraphrased
twins) are in every fold's training data, except the twins of the fold's own test articles.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..extract.classifier import SentenceModel, classify_candidates
from .dataset import LabelledDocument
from .score import Count, Result, Scorer
from .train import Config, fit

FOLDS = 7


@dataclass
class CrossValidation:
    results: dict              # annotation path (str) -> Result
    overall: dict              # measure -> Count, summed over the annotations
    thresholds: list           # (motive, counter) threshold of each fold's model

    def figures(self) -> dict:
        o = self.overall
        return {"motive_f1": o["motive (micro)"].f1, "motive_precision": o["motive (micro)"].precision,
                "motive_recall": o["motive (micro)"].recall, "counter_f1": o["counter (detected)"].f1,
                "counter_rebuts_f1": o["counter (+rebuts)"].f1, "counter_id_f1": o["counter (+id)"].f1}


def folds(docs: list[LabelledDocument], n: int = FOLDS) -> list[set]:
    """The annotated articles' groups, split by ``GroupKFold`` (deterministic)."""
    from sklearn.model_selection import GroupKFold
    groups = sorted({d.group for d in docs if d.origin == "annotation"})
    n = min(n, len(groups))
    splitter = GroupKFold(n)
    return [{groups[i] for i in test} for _, test in splitter.split(np.zeros(len(groups)), groups=groups)]


def cross_validate(taxonomy, annotated: dict, examples: list[LabelledDocument] = (),
                   config: Config = Config(), embedder=None, n: int = FOLDS) -> CrossValidation:
    """``annotated``: annotation path -> (Annotation, its labelled documents)."""
    docs = [d for _, ds in annotated.values() for d in ds]
    predicted: list[dict] = []
    thresholds = []
    for held_out in folds(docs, n):
        train = [d for d in docs if d.group not in held_out] + training_only(examples, held_out)
        model = SentenceModel(fit(taxonomy, train, config, embedder))
        thresholds.append((model.heads["motive"].threshold, model.heads["counter"].threshold))
        for d in docs:
            if d.group in held_out:
                predicted += records(d, model, taxonomy, embedder)
    results = {key: Scorer(annotation).score(predicted) for key, (annotation, _) in annotated.items()}
    overall: dict = {}
    for result in results.values():
        for measure, count in result.totals.items():
            overall.setdefault(measure, Count()).add(count)
    return CrossValidation(results, overall, thresholds)


def training_only(examples, held_out: set) -> list[LabelledDocument]:
    """The training-only documents a fold may learn from: all but the paraphrased twins of its
    test articles (a twin states its original's labelled sentences in other words; training on it
    would score the original on a paraphrase of itself)."""
    return [d for d in examples if d.twin_of is None or d.twin_of not in held_out]


def records(d: LabelledDocument, model: SentenceModel, taxonomy, embedder=None) -> list[dict]:
    """``brief export``'s records of the motives and counterarguments a model gives a document."""
    motives, counters = classify_candidates(model, taxonomy, d.candidates, embedder)
    out = []
    for e in (*motives, *counters):
        rec = {"kind": e.kind, "label": e.label, "source": d.group, "quote": e.span.quote,
               "start": e.span.start, "end": e.span.end, "confidence": e.confidence}
        if e.kind == "counter":
            rec["rebuts"] = e.rebuts
        out.append(rec)
    return out


class CachedEmbedder:
    """An embedder that embeds each sentence once (the folds see the same sentences)."""

    def __init__(self, embedder):
        self.embedder, self.vectors = embedder, {}

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.embedder.embed(missing)))
        return np.stack([self.vectors[t] for t in texts]) if texts else self.embedder.embed([])


def report(cv: CrossValidation) -> str:
    """The cross-validated figures: per annotation and overall, then per motive."""
    lines = [f"{'set':18} {'motive F1':>10} {'P':>5} {'R':>5} {'counters':>9} {'+rebuts':>8} {'+id':>5}"]
    rows = [(key, r.totals) for key, r in cv.results.items()] + [("overall", cv.overall)]
    for key, t in rows:
        m = t["motive (micro)"]
        lines.append(f"{_name(key):18} {m.f1:10.2f} {m.precision:5.2f} {m.recall:5.2f} "
                     f"{t['counter (detected)'].f1:9.2f} {t['counter (+rebuts)'].f1:8.2f} {t['counter (+id)'].f1:5.2f}")
    lines.append("")
    lines.append(f"{'motive (overall)':28} {'gold':>5} {'pred':>5} {'P':>5} {'R':>5} {'F1':>5}")
    for measure, c in cv.overall.items():
        if measure.startswith("motive:"):
            lines.append(f"{measure:28} {c.gold:5d} {c.pred:5d} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}")
    return "\n".join(lines) + "\n"


def _name(key: str) -> str:
    from pathlib import Path
    return Path(key).stem
