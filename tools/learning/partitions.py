"""``brief eval --cv`` over several partitions of the articles: ``python tools/learning/partitions.py
[K]`` (K partitions, default 4; run it under ``nice``: about 20 s each).

The same cross-validation as ``brief eval --cv`` (``learn.cv.cross_validate``: ``train.fit`` with
its inner thresholds, extraction's ``classify``, the scorer), on the default folds and on K-1
random partitions of the articles into as many folds (seeds 1, 2, ...; ``--first N`` starts at
partition N, so that several processes can share them out). ``--variant NAME`` applies
a candidate change of ``variants.py`` (``a+b`` for several) to the whole run. ``compare.py``'s harness
draws its inner folds differently, and a gain it shows on one partition can vanish here: a change
to the shipped model is compared with main on the same partitions, by this tool.

``--train-fraction F`` trains each fold's model on a random share F of its training articles
(the taxonomy's examples all kept; drawn anew per fold, seed 100 + the partition's): the
learning curve inside the annotated articles (session 8: 0.5, 0.75, 1).

``--train FOLDER`` (repeatable) adds that annotated folder's articles to every fold's TRAINING
data only: they are never in a test fold and never scored (session 9: invented articles; does
training on them move the figures on the real ones?). ``--train-sample N`` keeps N of them,
drawn with ``--sample-seed``, as ``heldout.py`` does. A source with ``twin_of: ID`` is a
paraphrased twin of the scored article ID (session 11): a fold whose test articles hold ID never
trains on it (``cv.training_only``; the inner threshold folds keep a twin beside its original),
``--twin-weight W`` weighs the twins in the motive heads (``--twin-counter-heads``: in every
head), ``--skip-twins-of GOLD`` leaves out the twins of that annotation's articles.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from threadpoolctl import threadpool_limits  # noqa: E402

import generator.learn.cv as cv_module  # noqa: E402
import variants  # noqa: E402
from heldout import config_of, extra_documents, invented_options  # noqa: E402
from generator.cli.learn import training_data  # noqa: E402

COLUMNS = ("motive", "seeds", "dev", "counters", "counters dev", "+rebuts", "+rebuts dev",
           "ctr seeds", "+reb seeds")
DEFAULT_FOLDS = cv_module.folds


def random_folds(seed: int):
    def folds(docs, n: int = cv_module.FOLDS) -> list[set]:
        groups = sorted({d.group for d in docs if d.origin == "annotation"})
        order = np.random.RandomState(seed).permutation(len(groups))
        return [{groups[i] for i in order[f::n]} for f in range(n)]
    return folds


def partition_runs(cv_docs: list, training_only: list, seed: int, fit, judge) -> list[tuple]:
    """One partition of the cross-validation (seed 0: `brief eval --cv`'s own folds): per fold,
    ``fit(train_docs)`` -> (model, inner) and ``judge(model, held-out docs)``, as (inner, judged)."""
    folds = cv_module.folds(cv_docs) if seed == 0 else random_folds(seed)(cv_docs)
    runs = []
    for held_out in folds:
        train_docs = [d for d in cv_docs if d.group not in held_out] + \
            cv_module.training_only(training_only, held_out)   # no twin of a test article
        model, inner = fit(train_docs)
        runs.append((inner, judge(model, [d for d in cv_docs if d.group in held_out])))
    return runs


def subsampled_fit(fraction: float, seed: int):
    """``train.fit`` on a random ``fraction`` of the training articles of each fold."""
    original, rng = cv_module.fit, np.random.RandomState(100 + seed)

    def fit(taxonomy, train, config, embedder=None):
        groups = sorted({d.group for d in train if d.origin == "annotation"})
        keep = set(rng.permutation(groups)[: max(1, round(fraction * len(groups)))].tolist())
        return original(taxonomy, [d for d in train if d.origin != "annotation" or d.group in keep],
                        config, embedder)
    return fit


def figures(cv) -> list[float]:
    by = {Path(k).stem: r.totals for k, r in cv.results.items()}
    dev = by.get("dev", cv.overall)
    seeds = by.get("seeds", cv.overall)
    o = cv.overall
    return [o["motive (micro)"].f1, seeds["motive (micro)"].f1, dev["motive (micro)"].f1,
            o["counter (detected)"].f1, dev["counter (detected)"].f1,
            o["counter (+rebuts)"].f1, dev["counter (+rebuts)"].f1,
            seeds["counter (detected)"].f1, seeds["counter (+rebuts)"].f1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("partitions", nargs="?", type=int, default=4)
    parser.add_argument("--variant", default="", help="variants.py's names, joined by +")
    parser.add_argument("--train-fraction", type=float, default=1.0,
                        help="train each fold on this share of its training articles")
    parser.add_argument("--train", type=Path, action="append", default=[],
                        help="an annotated folder whose articles join every fold's training data (never scored)")
    parser.add_argument("--train-sample", type=int, default=None, help="keep N of the --train articles")
    parser.add_argument("--sample-seed", type=int, default=0)
    parser.add_argument("--first", type=int, default=0, help="start at this partition (run K - FIRST of them)")
    invented_options(parser)
    args = parser.parse_args(argv)
    os.chdir(REPO)
    with threadpool_limits(1), variants.applied(args.variant):
        # the data inside the variant: one that changes a sentence's words (session 16's groups as
        # a patch of ``features.words``) measured nothing when the documents were read before it
        return run(args)


def run(args) -> int:
    data = argparse.Namespace(taxonomy=None, briefs=REPO / "briefs", gold=None, seeds=REPO / "seeds")
    taxonomy, annotated, examples, _, _ = training_data(data, with_reviews=False)
    extra = extra_documents(taxonomy, args.train, args.train_sample, args.sample_seed,
                            "invented" if args.invented else "annotation", tuple(args.skip_twins_of))
    scored = {d.group for _, ds in annotated.values() for d in ds}
    if scored & {d.group for d in extra}:
        raise SystemExit("--train: an article id is also a scored article's")
    twins = [d for d in extra + examples if d.twin_of]
    if twins:   # cross_validate drops a fold's test articles' twins from its training data
        orphans = sorted({d.twin_of for d in twins} - scored)
        print(f"{len(twins)} paraphrased twins of {len({d.twin_of for d in twins})} articles: each fold "
              f"trains on all but its test articles' twins" + (f" (twins of unscored articles: {orphans})"
                                                              if orphans else ""))
    print(f"{'partition':10}" + "".join(f"{c:>13}" for c in COLUMNS))
    rows = []
    for seed in range(args.first, args.partitions):
        cv_module.folds = DEFAULT_FOLDS if seed == 0 else random_folds(seed)
        fit = cv_module.fit
        if args.train_fraction < 1:
            cv_module.fit = subsampled_fit(args.train_fraction, seed)
        try:
            rows.append(figures(cv_module.cross_validate(taxonomy, annotated, extra + examples, config_of(args))))
        finally:
            cv_module.folds, cv_module.fit = DEFAULT_FOLDS, fit
        print(f"{seed if seed else 'default':10}" + "".join(f"{v:13.3f}" for v in rows[-1]), flush=True)
    print(f"{'mean':10}" + "".join(f"{v:13.3f}" for v in np.mean(rows, axis=0)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
