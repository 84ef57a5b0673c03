"""The decision thresholds of the motive and counter heads (session 10): ``python
tools/learning/thresholds.py collect OUT.pkl [FOLDER...] [--partitions K] [--train FOLDER]``, then
``python tools/learning/thresholds.py rules OUT.pkl`` (run ``collect`` under ``nice``).

``collect`` trains models as ``brief train`` does and keeps, for every model, what a selection
rule may look at (the out-of-fold probabilities over its training articles that ``train._thresholds``
computes, with their labels: the counters' over each of ``train.COUNTER_PARTITIONS`` partitions of
the articles into the inner folds, session 12) and what it is judged on (every sentence's
probabilities on the articles it never saw, as exact floats, with the records extraction would make
at threshold 0): one model on all the training data, judged on each annotated FOLDER (held out: the
private real sets); and the models of ``brief eval --cv``'s folds over K partitions of the dev set
and the seeds (``partitions.py``'s folds), judged on their test folds. ``--train FOLDER`` adds
invented articles to every model's training data (``heldout.py``'s ``--train``).

``rules`` prints F1 against a fixed threshold (held out, and cross-validated per partition), then
each selection rule's thresholds and figures: held out (micro over the folders, with a paired
bootstrap over the articles against the shipped rule; a-h and i+j apart) and cross-validated (mean over the
partitions, every fold's model with its own rule-chosen threshold; on how many partitions ahead of
and behind the shipped rule; the spread of the fold models' thresholds). ``compare BASE.pkl
CAND.pkl [--rule NAME]`` compares two training sets under one rule: held out (paired bootstrap)
and cross-validated per annotation (paired by partition; partition 0 is ``brief eval --cv``'s).
The same figures as ``heldout.py`` and ``partitions.py`` at every threshold in one run. The
pickles hold the scored folders' sentences: keep them out of the repository.
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from threadpoolctl import threadpool_limits  # noqa: E402

import generator.extract.classifier as classifier  # noqa: E402
import generator.learn.cv as cv_module  # noqa: E402
import generator.learn.train as train  # noqa: E402
from generator.cli.learn import training_data  # noqa: E402
from generator.extract import Extractor  # noqa: E402
from generator.extract.classifier import SentenceModel  # noqa: E402
from generator.extract.features import _OBJECTION  # noqa: E402
from generator.learn.annotations import load_annotation, texts_folder  # noqa: E402
from generator.learn.dataset import from_annotation  # noqa: E402
from generator.learn.score import Count, Scorer  # noqa: E402
from heldout import annotation_file, extra_documents  # noqa: E402
from partitions import partition_runs  # noqa: E402

GRID = tuple(round(0.05 + 0.025 * k, 3) for k in range(27))      # 0.05 .. 0.70
MEASURES = {"motive": ("motive (micro)",), "counter": ("counter (detected)", "counter (+rebuts)")}


# ---- collect ---------------------------------------------------------------------------------

class Recorder:
    """``train._motive_threshold`` (the motives, over ``train.MOTIVE_PARTITIONS`` partitions since
    session 14; the first partition's kept, as before) and ``train._counter_threshold`` (the
    counters, over ``train.COUNTER_PARTITIONS`` partitions of the training articles into the inner
    folds, pooled) patched to keep their inputs, motive first, then counter."""

    def __init__(self):
        self.calls, self.original = [], (train._motive_threshold, train._counter_threshold)

    def __enter__(self):
        def keep(original, first=False):
            def chosen(p, gold):
                self.calls.append((np.array(p[0] if first else p, dtype=np.float64), np.array(gold, dtype=np.int8)))
                return original(p, gold)
            return chosen
        train._motive_threshold = keep(self.original[0], first=True)
        train._counter_threshold = keep(self.original[1])
        classifier._confidence = float          # exact probabilities in the records
        return self

    def __exit__(self, *exc):
        train._motive_threshold, train._counter_threshold = self.original
        classifier._confidence = lambda p: round(float(p), 2)


def trained(taxonomy, docs, recorder: Recorder) -> tuple[SentenceModel, dict]:
    """A model (thresholds at ~0: every cell becomes a record) and its inner out-of-fold data:
    the motives' (one partition), the counters' on the first partition (``GroupKFold``, as
    before session 12) and on each of the ``train.COUNTER_PARTITIONS``."""
    before = len(recorder.calls)
    data = train.fit(taxonomy, docs)
    (pm, gm), (pc, gc) = recorder.calls[before:before + 2]
    n = len(pc) // train.COUNTER_PARTITIONS
    parts = [pc[k * n:(k + 1) * n] for k in range(train.COUNTER_PARTITIONS)]
    model = SentenceModel(data)
    inner = {"motive": (pm, gm), "counter": (parts[0], gc[:n]), "counter_partitions": parts,
             "chosen": (model.heads["motive"].threshold, model.heads["counter"].threshold),
             "articles": len({d.group for d in docs if d.origin != "examples"}),
             # per inner row, for article-level decisions (gates.py, session 14)
             "groups": [d.family for d in docs for _ in d.labels],
             "origin": [d.origin for d in docs for _ in d.labels],
             "objection_words": [sum(w in _OBJECTION for w in c.words) for d in docs for c in d.candidates]}
    model.heads["motive"].threshold = model.heads["counter"].threshold = 1e-9
    return model, inner


def judged(model, taxonomy, docs) -> list[dict]:
    return [r for d in docs for r in cv_module.records(d, model, taxonomy)]


def collect(args) -> int:
    data = argparse.Namespace(taxonomy=None, briefs=REPO / "briefs", gold=None, seeds=REPO / "seeds")
    out = {"heldout": {}, "cv": []}
    with threadpool_limits(1), Recorder() as recorder:
        taxonomy, annotated, examples, reviewed, _ = training_data(data)
        extra = extra_documents(taxonomy, args.train, None, 0, "invented")
        docs = [d for _, ds in annotated.values() for d in ds] + reviewed + extra + examples
        model, inner = trained(taxonomy, docs, recorder)
        out["heldout_inner"] = inner
        print(f"full model: thresholds {inner['chosen']}", flush=True)
        for folder in args.folders:
            gold = annotation_file(folder)
            annotation = load_annotation(gold, texts_folder(gold, REPO / "seeds"))
            fdocs = from_annotation(Extractor(taxonomy), annotation)
            out["heldout"][str(gold)] = (annotation, judged(model, taxonomy, fdocs))
        _, annotated, examples, _, _ = training_data(data, with_reviews=False)
        cv_docs = [d for _, ds in annotated.values() for d in ds]
        out["cv_annotations"] = {k: a for k, (a, _) in annotated.items()}
        for seed in range(args.partitions):
            runs = partition_runs(cv_docs, extra + examples, seed, lambda docs: trained(taxonomy, docs, recorder),
                                  lambda model, docs: judged(model, taxonomy, docs))
            out["cv"].append(runs)
            print(f"partition {seed}: fold thresholds {[r[0]['chosen'] for r in runs]}", flush=True)
    args.out.write_bytes(pickle.dumps(out))
    return 0


# ---- rules -----------------------------------------------------------------------------------

def f1_curve(p: np.ndarray, gold: np.ndarray, grid) -> np.ndarray:
    g = gold.sum()
    out = []
    for t in grid:
        pred = p >= t
        tp = int((pred & (gold == 1)).sum())
        out.append(2 * tp / (pred.sum() + g) if pred.sum() + g else 0.0)
    return np.array(out)


COARSE = train.THRESHOLDS


def _tolerance(p, gold, tol, pick, grid=COARSE):
    f = f1_curve(p, gold, grid)
    return pick(t for t, v in zip(grid, f) if v >= f.max() - tol - 1e-12)


def _smoothed(p, gold, half, grid=COARSE):
    f = f1_curve(p, gold, grid)
    s = np.array([f[max(0, i - half): i + half + 1].mean() for i in range(len(f))])
    return grid[int(np.flatnonzero(s >= s.max() - 1e-12)[-1])]


def _rate(p, gold, ratio, grid=GRID):
    """The threshold whose predicted count is nearest ``ratio`` times the reference count."""
    target = ratio * gold.sum()
    counts = np.array([(p >= t).sum() for t in grid])
    return grid[int(np.argmin(np.abs(counts - target)))]


def _capped(p, gold, ratio, grid=COARSE):
    """The best-F1 threshold among those predicting at least ``ratio`` times the reference count."""
    f = f1_curve(p, gold, grid)
    ok = [i for i, t in enumerate(grid) if (p >= t).sum() >= ratio * gold.sum()] or [0]
    best = max(f[i] for i in ok)
    return max(grid[i] for i in ok if f[i] >= best - 0.01 - 1e-12)


RULES = {
    "current (tol .01, highest)": lambda p, g: _tolerance(p, g, 0.01, max),
    "argmax (lowest of ties)": lambda p, g: _tolerance(p, g, 0.0, min),
    "tol .01, lowest": lambda p, g: _tolerance(p, g, 0.01, min),
    "tol .02, highest": lambda p, g: _tolerance(p, g, 0.02, max),
    "tol .02, lowest": lambda p, g: _tolerance(p, g, 0.02, min),
    "tol .02, middle": lambda p, g: float(np.median([t for t in COARSE if f1_curve(p, g, [t])[0]
                                                     >= f1_curve(p, g, COARSE).max() - 0.02 - 1e-12])),
    "smoothed +-1 step": lambda p, g: _smoothed(p, g, 1),
    "smoothed +-2 steps": lambda p, g: _smoothed(p, g, 2),
    "fine grid, smoothed +-0.05": lambda p, g: _smoothed(p, g, 2, GRID),
    "fine grid, smoothed +-0.075": lambda p, g: _smoothed(p, g, 3, GRID),
    "rate x0.6": lambda p, g: _rate(p, g, 0.6),
    "rate x0.7": lambda p, g: _rate(p, g, 0.7),
    "rate x0.8": lambda p, g: _rate(p, g, 0.8),
    "rate x0.9": lambda p, g: _rate(p, g, 0.9),
    "rate x1.0": lambda p, g: _rate(p, g, 1.0),
    "rate x1.2": lambda p, g: _rate(p, g, 1.2),
    "rate x1.5": lambda p, g: _rate(p, g, 1.5),
    "current, predicted >= 0.6x": lambda p, g: _capped(p, g, 0.6),
    "current, predicted >= 0.7x": lambda p, g: _capped(p, g, 0.7),
    "current, predicted >= 0.8x": lambda p, g: _capped(p, g, 0.8),
    "current fine, predicted >= 0.7x": lambda p, g: _capped(p, g, 0.7, GRID),
    "current fine, predicted >= 0.8x": lambda p, g: _capped(p, g, 0.8, GRID),
    "best F1, predicted >= 1.0x": lambda p, g: _capped(p, g, 1.0),
    "best F1, predicted >= 1.2x": lambda p, g: _capped(p, g, 1.2),
}
TOPK = {
    "current + top-1 >= 0.10": lambda p, g: (_tolerance(p, g, 0.01, max), 0.10, 1),
    "current + top-1 >= 0.15": lambda p, g: (_tolerance(p, g, 0.01, max), 0.15, 1),
    "rate x0.8 + top-1 >= 0.10": lambda p, g: (_rate(p, g, 0.8), 0.10, 1),
    "rate x0.8 + top-1 >= 0.15": lambda p, g: (_rate(p, g, 0.8), 0.15, 1),
    "fixed 0.30 + top-1 >= 0.15": lambda p, g: (0.30, 0.15, 1),
    "fixed 0.30 + top-2 >= 0.15": lambda p, g: (0.30, 0.15, 2),
    "top-1 >= 0.15 only": lambda p, g: (1.01, 0.15, 1),
    "top-2 >= 0.15 only": lambda p, g: (1.01, 0.15, 2),
}
for _t in (0.10, 0.15, 0.20, 0.25, 0.30, 0.35):
    RULES[f"fixed {_t:.2f}"] = (lambda t: lambda p, g: t)(_t)


def kept(records: list[dict], kind: str, spec) -> list[dict]:
    """The records of ``kind`` that a threshold keeps; ``spec`` (t, floor, k): also each article's
    ``k`` most probable sentences at or above ``floor``."""
    t, floor, k = spec if isinstance(spec, tuple) else (spec, None, 0)
    mine = [r for r in records if r["kind"] == kind]
    out = [r for r in mine if r["confidence"] >= t]
    if k:
        best: dict = {}
        for r in mine:
            best.setdefault(r["source"], {}).setdefault((r["start"], r["end"]), r["confidence"])
        for source, cells in best.items():
            top = sorted(cells.values(), reverse=True)[:k]
            cut = max(floor, top[-1]) if top else 1.0
            out += [r for r in mine if r["source"] == source and t > r["confidence"] >= cut]
    return out


def counts(annotation, records: list[dict], kind: str, spec) -> dict:
    """Per source that ``records`` cover (a fold's test articles; all when there are none), the
    measures of ``kind`` at ``spec``."""
    sources = {r["source"] for r in records}
    result = Scorer(annotation).score(kept(records, kind, spec))
    return {s.id: {m: s.counts[m] for m in MEASURES[kind]} for s in result.sources
            if s.id in sources or not records}


class Judge:
    """Counts per (run, kind, spec), computed once."""

    def __init__(self):
        self.cache = {}

    def __call__(self, key, annotation, records, kind, spec):
        k = (key, kind, spec if isinstance(spec, tuple) else round(spec, 4))
        if k not in self.cache:
            self.cache[k] = counts(annotation, records, kind, spec)
        return self.cache[k]


def _sum(per_source: dict, kind) -> dict:
    total = {m: Count() for m in MEASURES[kind]}
    for c in per_source.values():
        for m in total:
            total[m].add(c[m])
    return total


def heldout_sources(data, judge, kind, spec, only=None) -> dict:
    out = {}
    for name, (annotation, records) in data["heldout"].items():
        if only is not None and not any(f"/{g}/" in name for g in only):
            continue
        out.update({(name, k): v for k, v in judge(("h", name), annotation, records, kind, spec).items()})
    return out


GROUPS = (None, tuple("abcdefgh"), ("i", "j"))


def heldout_f1(data, judge, kind, spec) -> list[float]:
    """The first measure's F1 over every held-out folder, over a-h, over i+j; then the second
    measure's over every folder."""
    out = []
    for only in GROUPS:
        total = _sum(heldout_sources(data, judge, kind, spec, only), kind)
        out.append(total[MEASURES[kind][0]].f1)
    return out + [_sum(heldout_sources(data, judge, kind, spec), kind)[m].f1 for m in MEASURES[kind][1:]]


def bootstrap(before: dict, after: dict, kind, rounds: int = 1000) -> str:
    """How often ``after`` is ahead of ``before`` over the held-out articles resampled (seed 0),
    and the 90% interval of the difference, for the first measure of ``kind``."""
    return measure_bootstrap(before, after, MEASURES[kind][0], rounds)


def measure_bootstrap(before: dict, after: dict, m: str, rounds: int) -> str:
    """``bootstrap`` for the measure ``m`` of each article's counts (tools/learning/gates.py too)."""
    keys = sorted(before)
    rng = np.random.RandomState(0)
    diffs = []
    for _ in range(rounds):
        pick = [keys[i] for i in rng.randint(0, len(keys), len(keys))]
        a, b = Count(), Count()
        for k in pick:
            a.add(after[k][m])
            b.add(before[k][m])
        diffs.append(a.f1 - b.f1)
    lo, hi = np.percentile(diffs, [5, 95])
    return f"ahead {np.mean(np.array(diffs) > 0):.0%} [{lo:+.3f}..{hi:+.3f}]"


def cv_f1(data, judge, kind, chooser) -> tuple[list[float], list]:
    """Mean over partitions of the pooled F1, each fold at ``chooser(inner)``'s spec."""
    per_partition, chosen = [], []
    for n, runs in enumerate(data["cv"]):
        total = {m: Count() for m in MEASURES[kind]}
        for f, (inner, records) in enumerate(runs):
            spec = chooser(inner)
            chosen.append(spec[0] if isinstance(spec, tuple) else spec)
            for name, annotation in data["cv_annotations"].items():
                ids = {s.id for s in annotation.sources}
                mine = [r for r in records if r["source"] in ids]
                if mine:
                    for m, c in _sum(judge(("cv", n, f, name), annotation, mine, kind, spec), kind).items():
                        total[m].add(c)
        per_partition.append([total[m].f1 for m in MEASURES[kind]])
    cv_f1.last = [row[0] for row in per_partition]
    return list(np.mean(per_partition, axis=0)), chosen


def curves(data, judge, kind) -> str:
    lines = [f"{kind}: F1 against a fixed threshold (held out micro: all / a-h / i+j [/ +rebuts all];"
             f" cv mean over {len(data['cv'])} partitions [/ +rebuts]; inner: the full model's out-of-fold F1)"]
    p, g = data["heldout_inner"][kind]
    inner = f1_curve(p.ravel(), g.ravel(), GRID)
    for i, t in enumerate(GRID):
        h = heldout_f1(data, judge, kind, t) if data["heldout"] else []
        c, _ = cv_f1(data, judge, kind, lambda inner_: t)
        lines.append(f"  {t:5.3f}  inner {inner[i]:.3f}  held out " + " / ".join(f"{v:.3f}" for v in h)
                     + "  cv " + " / ".join(f"{v:.3f}" for v in c))
    return "\n".join(lines)


POOLED = ("current (tol .01, highest)", "argmax (lowest of ties)", "tol .02, lowest", "smoothed +-1 step")


def choosers(data, kind) -> dict:
    """Each rule as a function of a model's inner data (on the first inner partition); for the
    counters, also some rules on the partitions' out-of-fold probabilities pooled (the shipped
    one since session 12: "pooled 6: smoothed +-1 step"), and the "current" rule on each other
    partition alone."""
    def on(rule, pooled=False, partition=None):
        def choose(inner):
            p, g = inner[kind]
            if pooled:
                parts = inner["counter_partitions"]
                p, g = np.concatenate(parts), np.tile(g.ravel(), len(parts))
            elif partition is not None:
                p = inner["counter_partitions"][partition]
            return rule(p.ravel(), g.ravel())
        return choose
    out = {name: on(rule) for name, rule in {**RULES, **TOPK}.items()}
    parts = len(data["heldout_inner"].get("counter_partitions", ())) if kind == "counter" else 0
    if parts > 1:
        out.update({f"pooled {parts}: {name}": on(RULES[name], pooled=True) for name in POOLED})
        out.update({f"partition {k} alone: current": on(RULES[POOLED[0]], partition=k) for k in range(1, parts)})
    return out


def rules(args) -> int:
    data = pickle.loads(args.out.read_bytes())
    judge = Judge()
    kinds = args.kinds.split(",")
    for kind in kinds:
        print(curves(data, judge, kind))
        print(f"\n{kind}: selection rules (threshold chosen on the full model's inner folds -> held out;"
              " cv: each fold's own)")
        base, base_cv = None, None
        for name, choose in choosers(data, kind).items():
            spec = choose(data["heldout_inner"])
            t = spec[0] if isinstance(spec, tuple) else spec
            h = heldout_f1(data, judge, kind, spec) if data["heldout"] else []
            boot = ""
            if data["heldout"]:
                per = heldout_sources(data, judge, kind, spec)
                base = base or per
                boot = bootstrap(base, per, kind)
            c, chosen = cv_f1(data, judge, kind, choose)
            base_cv = base_cv or cv_f1.last
            ahead = sum(a > b + 1e-9 for a, b in zip(cv_f1.last, base_cv))
            behind = sum(a < b - 1e-9 for a, b in zip(cv_f1.last, base_cv))
            print(f"  {name:36} t {t:5.3f}  held out " + " / ".join(f"{v:.3f}" for v in h) + f" {boot}"
                  + "  cv " + " / ".join(f"{v:.3f}" for v in c) + f" (+{ahead}/-{behind})"
                  + f"  (folds {min(chosen):.3f}..{max(chosen):.3f}, sd {np.std(chosen):.3f})")
        print()
    return 0


def cv_table(data, judge, kind, chooser) -> dict:
    """Per partition, per annotation ('overall' too), per measure of ``kind``: the F1."""
    rows = []
    for n, runs in enumerate(data["cv"]):
        totals: dict = {}
        for f, (inner, records) in enumerate(runs):
            spec = chooser(inner)
            for name, annotation in data["cv_annotations"].items():
                ids = {s.id for s in annotation.sources}
                mine = [r for r in records if r["source"] in ids]
                if mine:
                    for m, c in _sum(judge(("cv", n, f, name), annotation, mine, kind, spec), kind).items():
                        for key in (Path(name).stem, "overall"):
                            totals.setdefault((key, m), Count()).add(c)
        rows.append({k: c.f1 for k, c in totals.items()})
    return rows


def compare(args) -> int:
    """A candidate training set against a base one, each with the rule ``--rule``: held out
    (paired bootstrap over the articles) and cross-validated (paired by partition)."""
    base, cand = (pickle.loads(p.read_bytes()) for p in (args.base, args.cand))
    jb, jc = Judge(), Judge()
    for kind in ("motive", "counter"):
        rules_of = choosers(base, kind)
        name = args.rule if args.rule in rules_of or kind == "counter" else "current (tol .01, highest)"
        choose = rules_of[name]
        sb, sc = choose(base["heldout_inner"]), choose(cand["heldout_inner"])
        print(f"{kind}: threshold {sb} -> {sc}")
        for m in MEASURES[kind]:
            for only, label in zip(GROUPS, ("all", "a-h", "i+j")):
                b = heldout_sources(base, jb, kind, sb, only)
                c = heldout_sources(cand, jc, kind, sc, only)
                fb, fc = _sum(b, kind)[m], _sum(c, kind)[m]
                boot = bootstrap({k: {MEASURES[kind][0]: v[m]} for k, v in b.items()},
                                 {k: {MEASURES[kind][0]: v[m]} for k, v in c.items()}, kind)
                print(f"  held out {label:4} {m:20} {fb.f1:.3f} -> {fc.f1:.3f} (found {fb.tp_gold}->{fc.tp_gold} of "
                      f"{fb.gold}, predicted {fb.pred}->{fc.pred})  {boot}")
        rb, rc = cv_table(base, jb, kind, choose), cv_table(cand, jc, kind, choose)
        k = min(len(rb), len(rc))
        for key in sorted(rc[0]):
            a = [r[key] for r in rb[:k]]
            b = [r[key] for r in rc[:k]]
            ahead = sum(y > x + 1e-9 for x, y in zip(a, b))
            print(f"  cv {key[0]:8} {key[1]:20} {np.mean(a):.3f} -> {np.mean(b):.3f}  ahead on {ahead} of {k}"
                  f"  (default folds, brief eval --cv: {a[0]:.3f} -> {b[0]:.3f})")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("out", type=Path)
    c.add_argument("folders", nargs="*", type=Path)
    c.add_argument("--partitions", type=int, default=3)
    c.add_argument("--train", type=Path, action="append", default=[])
    r = sub.add_parser("rules")
    r.add_argument("out", type=Path)
    r.add_argument("--kinds", default="counter,motive")
    c = sub.add_parser("compare")
    c.add_argument("base", type=Path)
    c.add_argument("cand", type=Path)
    c.add_argument("--rule", default="current (tol .01, highest)",
                   help="the counters' rule (the motives': this one, else the shipped one)")
    args = parser.parse_args(argv)
    os.chdir(REPO)
    return {"collect": collect, "rules": rules, "compare": compare}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
