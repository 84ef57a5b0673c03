"""Candidate changes to the sentence classifier, as patches of the shipped code, for
``heldout.py --variant NAME`` and ``partitions.py --variant NAME`` (session 7).

Each variant is a concept, written from gold/GUIDE.md's definitions and general English, never
from an annotated sentence. A variant patches the modules that training, extraction and
``brief eval --cv`` share (``extract.features``, ``extract.classifier``, ``learn.train``,
``learn.cv``), so that the measure is the shipped code's own with the change; ``applied(names)``
undoes every patch on exit. Variants combine: ``--variant a+b``.

- ``no-motive-on-counter``: no motive on a sentence the counter head keeps.
- ``counter-over-motive``: no motive on a sentence the counter head keeps with a probability
  above the motive's.
- ``position``: the sentence's index among the candidates (capped at 30, over 30) and whether
  it is among the first three.
- ``paragraph-subject``: whether the sentence before (same paragraph) names the briefing's
  subject, and whether any other sentence of its paragraph does (a paragraph about Russia's
  reasons whose sentence says "it" or "Moscow's partners").
- ``one-motive``: a sentence keeps only its most probable motive (9% of the annotated sentences
  with a motive carry two or more; a second head over the threshold is more often a motive the
  sentence names in passing; session 8).
- ``cut-last-feature``: the body's last sentence when the text cuts it off
  (``features.cut_off_at_end``, which the classifier gives no label since session 8) as a
  feature the model weighs as well (the training sets' such sentences are all unlabelled).
- ``contrast-after-reason``: contrast words times "the sentence before fired a motive cue" (a
  counterargument answers a rationale just stated), for the counter heads only.

Session 3's ``objection-counter`` (objection words seen by the counter heads only) is shipped
since session 12 (``features.OBJECTION_WORDS``, ``features.COUNTER_ONLY``); ``objection`` (the
same seen by every head: motives fell on every partition) went with it.
"""
from __future__ import annotations

from contextlib import ExitStack, contextmanager

import numpy as np

import generator.extract.classifier as classifier
import generator.extract.features as features
import generator.learn.cv as cv_module
import generator.learn.train as train

# ---- patching helpers ------------------------------------------------------------------------

@contextmanager
def patched(module, name: str, value):
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def sentence_columns(stack: ExitStack, names: tuple, fn) -> None:
    """Append ``names`` to the sentence block: ``fn(cands, subject) -> (n, len(names))``."""
    original, base = features._sentence_block, len(features.SENTENCE_FEATURES)
    stack.enter_context(patched(features, "SENTENCE_FEATURES", features.SENTENCE_FEATURES + names))

    def block(cands, subject):
        extra = np.asarray(fn(cands, subject), dtype=np.float64).reshape(len(cands), len(names))
        # the shipped block sizes its array by SENTENCE_FEATURES (patched): its own columns first
        return np.hstack([original(cands, subject)[:, :base], extra])
    stack.enter_context(patched(features, "_sentence_block", block))


def hidden_from_motives(stack: ExitStack, names: tuple) -> None:
    """The motive heads are fitted with the columns ``sentence:<name>`` held at zero (their
    weights for them are 0); the counter heads see them. Variants that hide columns share one
    patch (each adds its names to it)."""
    if hasattr(train._heads, "hidden"):
        train._heads.hidden.extend(names)
        return
    original = train._heads

    def heads(taxonomy, X, y, C, hidden=()):
        dense = features.dense_names(taxonomy, features.Settings())
        cols = [dense.index(f"sentence:{n}") for n in heads.hidden] + list(hidden)
        out = original(taxonomy, X, {**y, "motive": np.zeros_like(y["motive"])}, C, hidden)   # motives below
        Xm = X.copy()
        Xm[:, cols] = 0.0
        fitted = [train._binary(Xm, y["motive"][:, j], C) for j in range(y["motive"].shape[1])]
        out["motive"]["coef"] = [train._round(w).tolist() for w, _ in fitted]
        out["motive"]["intercept"] = train._round([b for _, b in fitted]).tolist()
        return out
    heads.hidden = list(names)
    stack.enter_context(patched(train, "_heads", heads))


# ---- feature functions ---------------------------------------------------------------------

def position_columns(cands, subject):
    return [[min(i, 30) / 30, float(i < 3)] for i in range(len(cands))]


def paragraph_subject(cands, subject):
    names = [subject is not None and subject in c.actors for c in cands]
    out = []
    for i, c in enumerate(cands):
        p = c.sentence.paragraph
        before = i > 0 and cands[i - 1].sentence.paragraph == p and names[i - 1]
        other = any(names[j] for j, d in enumerate(cands) if j != i and d.sentence.paragraph == p)
        out.append([float(before), float(other)])
    return out


def contrast_after_reason(cands, subject):
    contrast = features._CONTRAST | features._OBJECTION
    out = []
    for i, c in enumerate(cands):
        previous = cands[i - 1] if i and cands[i - 1].sentence.paragraph == c.sentence.paragraph else None
        reason = previous is not None and any(k[0] == "motive" and k[2] != "none" for k in previous.hits)
        out.append([float(reason and any(w in contrast for w in c.words))])
    return out


# ---- classification rules ------------------------------------------------------------------

def drop_motives_on_counters(only_when_stronger: bool):
    original = classifier.classify_candidates

    def classify_candidates(model, taxonomy, cands, embedder=None):
        motives, counters = original(model, taxonomy, cands, embedder)
        if not counters:
            return motives, counters
        strength = {(e.span.start, e.span.end): e.confidence for e in counters}
        kept = [m for m in motives if (m.span.start, m.span.end) not in strength
                or (only_when_stronger and strength[(m.span.start, m.span.end)] <= m.confidence)]
        return kept, counters
    return classify_candidates


def most_probable_motive():
    original = classifier.classify_candidates

    def classify_candidates(model, taxonomy, cands, embedder=None):
        motives, counters = original(model, taxonomy, cands, embedder)
        best: dict = {}
        for m in motives:
            key = (m.span.start, m.span.end)
            if key not in best or m.confidence > best[key].confidence:
                best[key] = m
        return [m for m in motives if best[(m.span.start, m.span.end)] is m], counters
    return classify_candidates


def cut_off_column(cands, subject):
    cut = features.cut_off_at_end(cands)
    return [[float(i == cut)] for i in range(len(cands))]


# ---- the registry ------------------------------------------------------------------------

def _rule(only_when_stronger):
    def apply(stack):
        fn = drop_motives_on_counters(only_when_stronger)
        stack.enter_context(patched(classifier, "classify_candidates", fn))
        stack.enter_context(patched(cv_module, "classify_candidates", fn))
    return apply


def _position(stack):
    sentence_columns(stack, ("position_index", "position_first3"), position_columns)


def _paragraph_subject(stack):
    sentence_columns(stack, ("previous_names_subject", "paragraph_names_subject"), paragraph_subject)


def _contrast_after_reason(stack):
    sentence_columns(stack, ("contrast_after_reason",), contrast_after_reason)
    hidden_from_motives(stack, ("contrast_after_reason",))


def _one_motive(stack):
    fn = most_probable_motive()
    stack.enter_context(patched(classifier, "classify_candidates", fn))
    stack.enter_context(patched(cv_module, "classify_candidates", fn))


def _cut_last_feature(stack):
    sentence_columns(stack, ("cut_off_at_end",), cut_off_column)


VARIANTS = {
    "one-motive": _one_motive,
    "cut-last-feature": _cut_last_feature,
    "no-motive-on-counter": _rule(False),
    "counter-over-motive": _rule(True),
    "position": _position,
    "paragraph-subject": _paragraph_subject,
    "contrast-after-reason": _contrast_after_reason,
}


@contextmanager
def applied(spec: str | None):
    """Apply the variants named in ``spec`` (``a+b``; None or "" for the shipped model)."""
    with ExitStack() as stack:
        for name in (spec or "").split("+"):
            if name:
                if name not in VARIANTS:
                    raise SystemExit(f"unknown variant {name!r}: {', '.join(VARIANTS)}")
                VARIANTS[name](stack)
        yield
