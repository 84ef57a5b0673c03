"""Where the cross-validated motive errors are, and what an article-level stage could win at most:
``python tools/learning/errors.py [--dump]`` (under ``nice``: about 10 s).

Out-of-fold probabilities of ``compare.py``'s shipped configuration (7 folds by article), at each
fold's own threshold, sentence by sentence (a sentence carries the labels of the reference items
it overlaps, as training sees them):

- misses by probability (under 0.05, further than 0.1 below the threshold, near it) and whether
  an adjacent sentence of the same paragraph carries the same reference motive;
- false positives by kind: on a counterargument sentence, on a sentence that carries another
  motive, on an unlabelled sentence of an article that argues the motive, in an article that
  never does;
- an **oracle** of the article stage: told which articles argue each motive, drop the motive
  elsewhere, and lower the threshold inside them (best of a grid, chosen on these very
  predictions: a ceiling, not a figure);
- the same sentences' logits plus the article's and the neighbours' (the highest logit among the
  other sentences, the adjacent ones of the paragraph, the headline), weights and threshold chosen
  on these very predictions: what context adds on top of the sentence stage at best.

``--dump`` prints every dev sentence with its reference and predicted motives and probabilities.
"""
from __future__ import annotations

import argparse
import collections
import itertools
import sys

import numpy as np
from threadpoolctl import threadpool_limits

import compare as C

SHIPPED = "headlines/within-0.01-threshold"


def out_of_fold(data):
    cfg, out = C.CONFIGURATIONS[SHIPPED][1], {}
    for held in data.folds:
        train = [d for d in data.docs if d.group not in held] + data.examples
        test = [d for d in data.docs if d.group in held]
        P, T = C.plain(data, train, test, cfg)
        k = 0
        for d in test:
            gold = np.array([[m in lab.motives for m in data.motives] for lab in d.labels]).reshape(-1, len(data.motives))
            out[d.group] = (d, P[k:k + len(d.candidates)], T[0], gold)
            k += len(d.candidates)
    return out


def categories(out, subset) -> collections.Counter:
    c = collections.Counter()
    for g, (d, P, t, G) in out.items():
        if not subset(g):
            continue
        paragraphs = [x.sentence.paragraph for x in d.candidates]
        for j in range(G.shape[1]):
            argued = G[:, j].any()
            for i in range(len(P)):
                p, predicted, gold = P[i, j], P[i, j] >= t, G[i, j]
                if gold and not predicted:
                    c["miss: p < 0.05" if p < 0.05 else "miss: below threshold - 0.1" if p < t - 0.1 else "miss: near"] += 1
                    nb = any(G[x, j] and paragraphs[x] == paragraphs[i] for x in (i - 1, i + 1) if 0 <= x < len(P))
                    c["miss: an adjacent sentence has it" if nb else "miss: no adjacent sentence has it"] += 1
                if predicted and not gold:
                    kind = ("counterargument sentence" if d.labels[i].counter else "carries another motive"
                            if G[i].any() else "unlabelled, article argues it" if argued else "article never argues it")
                    c["false positive: " + kind] += 1
    return c


def _f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def oracle(out, subset, mode, inside=None) -> float:
    tp = fp = fn = 0
    for g, (d, P, t, G) in out.items():
        if not subset(g):
            continue
        argued = G.any(axis=0)
        keep = np.ones_like(G) if mode == "none" else np.broadcast_to(argued, G.shape)
        threshold = np.where(np.broadcast_to(argued, G.shape) & (mode == "both"), inside or t, t)
        pred = (P >= threshold) & keep.astype(bool)
        tp, fp, fn = tp + (pred & G).sum(), fp + (pred & ~G).sum(), fn + (~pred & G).sum()
    return _f1(tp, fp, fn)


def context_logits(out):
    lg = lambda p: np.maximum(np.log((p + 1e-4) / (1 - p + 1e-4)), -6)   # noqa: E731
    feats = {}
    for g, (d, P, t, G) in out.items():
        n, paragraphs = len(P), [x.sentence.paragraph for x in d.candidates]
        heads = [i for i, x in enumerate(d.candidates) if x.body_paragraph == 0]
        headline = lg(P[heads].max(0)) if heads else np.full(P.shape[1], -6.0)
        others = np.array([lg(np.delete(P, i, 0).max(0)) if n > 1 else np.full(P.shape[1], -6.0) for i in range(n)])
        adjacent = np.array([lg(P[[k for k in (i - 1, i + 1) if 0 <= k < n and paragraphs[k] == paragraphs[i]]].max(0))
                             if any(0 <= k < n and paragraphs[k] == paragraphs[i] for k in (i - 1, i + 1))
                             else np.full(P.shape[1], -6.0) for i in range(n)])
        feats[g] = (lg(P), others.reshape(P.shape), adjacent.reshape(P.shape), np.broadcast_to(headline, P.shape), G)
    return feats


def best_context(feats) -> tuple:
    def f1(a, b, c, t):
        tp = fp = fn = 0
        for L, others, adjacent, headline, G in feats.values():
            pred = L + a * others + b * adjacent + c * headline >= t
            tp, fp, fn = tp + (pred & G).sum(), fp + (pred & ~G).sum(), fn + (~pred & G).sum()
        return _f1(tp, fp, fn)
    grid = np.round(np.arange(-3, 2, 0.1), 1)
    plain = max((f1(0, 0, 0, t), t) for t in grid)
    best = max((f1(a, b, c, t), a, b, c, t) for a, b in itertools.product((0, .1, .2, .3, .5), repeat=2)
               for c in (0, .1, .2, .3) for t in grid)
    return plain, best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", action="store_true")
    args = parser.parse_args(argv)
    with threadpool_limits(1):
        data = C.Data(("title", "body"))
        out = out_of_fold(data)
    sets = {"dev": lambda g: not g[:1].isdigit(), "seeds": lambda g: g[:1].isdigit(), "all": lambda g: True}
    for name in ("dev", "seeds"):
        print(name, dict(sorted(categories(out, sets[name]).items())))
    for name, subset in sets.items():
        inside = max((oracle(out, subset, "both", t), t) for t in np.round(np.arange(0.05, 0.45, 0.05), 2))
        print(f"{name}: sentence F1 {oracle(out, subset, 'none'):.3f}; oracle drops the motive outside its "
              f"articles {oracle(out, subset, 'drop'):.3f}; and lowers the threshold inside them "
              f"{inside[0]:.3f} (at {inside[1]})")
    plain, best = best_context(context_logits(out))
    print(f"all: sentence logits at their best threshold {plain[0]:.3f}; plus the article's, the adjacent "
          f"sentences' and the headline's logits (weights {best[1]}, {best[2]}, {best[3]}) {best[0]:.3f}")
    if args.dump:
        dump(data, out)
    return 0


def dump(data, out) -> None:
    for g, (d, P, t, G) in out.items():
        if g[:1].isdigit():
            continue
        print("=====", g)
        for i, c in enumerate(d.candidates):
            gold = {m for j, m in enumerate(data.motives) if G[i, j]}
            pred = {m for j, m in enumerate(data.motives) if P[i, j] >= t}
            marks = " ".join(("TP:" if m in gold & pred else "FN:" if m in gold else "FP:") + m for m in sorted(gold | pred))
            probs = " ".join(f"{m}={P[i, j]:.2f}" for j, m in enumerate(data.motives) if P[i, j] >= 0.05)
            print(f"{i:2d} {marks:30} [{probs}]{' counter' if d.labels[i].counter else ''} | {c.sentence.text[:200]}")


if __name__ == "__main__":
    sys.exit(main())
