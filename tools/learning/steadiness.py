"""How steady the trained decision thresholds are (session 18): ``python tools/learning/steadiness.py
collect OUT.pkl [FOLDER...] [--cv-partitions K] [--skip-perturbations]``, then ``python
tools/learning/steadiness.py rules OUT.pkl [CV.pkl...]`` (run ``collect`` under ``nice``).

``collect`` trains the model ``brief train`` would write on its data and on small perturbations of
it (one invented article, one dev article, one seed article or one taxonomy example left out;
``PERTURBATIONS``), each time keeping the inner out-of-fold probabilities over
``MOTIVE_KEPT`` partitions of the training articles for the motive heads and ``COUNTER_KEPT`` for
the counter head (the shipped rule reads the first ``train.MOTIVE_PARTITIONS`` and
``train.COUNTER_PARTITIONS``), and every sentence's probabilities on the held-out FOLDERs (the
private real sets; never training data). ``--cv-partitions K`` also trains the fold models of ``brief
eval --cv`` (partition 0) and of K-1 random partitions (``partitions.py``'s), kept the same way.

``rules`` applies each threshold rule (``RULES``) afterwards to the same models: per rule, the
thresholds chosen on each perturbation (how many moved from the unperturbed data's, their range),
the held-out F1 on the FOLDERs pooled at those thresholds (mean and range over the perturbations),
and, from the CV runs, the pooled cross-validated F1 (overall, dev) with every fold model at its own
rule-chosen threshold. The pickles hold the held-out sentences: keep them out of the repository.
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
from generator.learn.annotations import load_annotation, texts_folder  # noqa: E402
from generator.learn.dataset import from_annotation  # noqa: E402
from generator.learn.score import Count, Scorer  # noqa: E402
from heldout import annotation_file  # noqa: E402
from partitions import partition_runs  # noqa: E402

MOTIVE_KEPT = 8
COUNTER_KEPT = 10
# (kind of document left out, how many draws): seeded picks among the training documents
PERTURBATIONS = (("invented", 4), ("dev", 4), ("seeds", 1), ("examples", 3))
MEASURE = {"motive": "motive (micro)", "counter": "counter (detected)"}


# ---- collect ---------------------------------------------------------------------------------

class Keeper:
    """``train._motive_threshold`` and ``_counter_threshold`` patched to keep every partition's
    out-of-fold probabilities (``MOTIVE_KEPT`` and ``COUNTER_KEPT`` of them computed)."""

    def __enter__(self):
        self.calls = []
        self.saved = (train._motive_threshold, train._counter_threshold,
                      train.MOTIVE_PARTITIONS, train.COUNTER_PARTITIONS)
        train.MOTIVE_PARTITIONS, train.COUNTER_PARTITIONS = MOTIVE_KEPT, COUNTER_KEPT

        def motive(parts, gold):
            self.calls.append(("motive", [np.array(p) for p in parts], np.array(gold, dtype=np.int8)))
            return 0.5

        def counter(p, gold):
            n = len(p) // COUNTER_KEPT
            self.calls.append(("counter", [np.array(p[k * n:(k + 1) * n]) for k in range(COUNTER_KEPT)],
                               np.array(gold[:n], dtype=np.int8)))
            return 0.5
        train._motive_threshold, train._counter_threshold = motive, counter
        classifier._confidence = float          # exact probabilities in the records
        return self

    def __exit__(self, *exc):
        (train._motive_threshold, train._counter_threshold,
         train.MOTIVE_PARTITIONS, train.COUNTER_PARTITIONS) = self.saved
        classifier._confidence = lambda p: round(float(p), 2)


def trained(taxonomy, docs, keeper: Keeper) -> tuple[SentenceModel, dict]:
    """A model at threshold ~0 (every cell a record) and its inner data: the partitions'
    out-of-fold probabilities, their labels and each row's article."""
    keeper.calls.clear()
    model = SentenceModel(train.fit(taxonomy, docs))
    (_, pm, gm), (_, pc, gc) = keeper.calls
    groups = np.array([d.family for d in docs for _ in d.labels])
    inner = {"motive": (pm, gm), "counter": (pc, gc), "groups": groups}
    model.heads["motive"].threshold = model.heads["counter"].threshold = 1e-9
    return model, inner


def judged(model, taxonomy, docs) -> list[dict]:
    return [r for d in docs for r in cv_module.records(d, model, taxonomy)]


def perturbations(annotated: dict, examples: list, per_kind: int = 99) -> list[tuple[str, object]]:
    """(name, the document group left out), the unperturbed data first."""
    pools = {"invented": sorted(d.group for d in examples if d.origin == "invented"),
             "examples": sorted(d.group for d in examples if d.origin == "examples")}
    for key, (_, ds) in annotated.items():
        pools["dev" if "/dev/" in key else "seeds"] = sorted(d.group for d in ds)
    out = [("none", None)]
    for kind, n in PERTURBATIONS:
        picks = np.random.RandomState(18).permutation(len(pools[kind]))[:min(n, per_kind)]
        out += [(f"-{kind} {pools[kind][i][:24]}", pools[kind][i]) for i in sorted(picks)]
    return out


def heldout_docs(taxonomy, folders) -> dict:
    out = {}
    for folder in folders:
        gold = annotation_file(folder)
        annotation = load_annotation(gold, texts_folder(gold, REPO / "seeds"))
        out[folder.name] = (annotation, from_annotation(Extractor(taxonomy), annotation))
    return out


def collect(args) -> int:
    data = argparse.Namespace(taxonomy=None, briefs=REPO / "briefs", gold=None, seeds=REPO / "seeds")
    out = {"runs": [], "heldout": {}, "cv": [], "cv_annotations": {}}
    global MOTIVE_KEPT, COUNTER_KEPT
    MOTIVE_KEPT, COUNTER_KEPT = args.motive_kept, args.counter_kept
    if args.keyed_folds:
        train._folds = keyed_folds
    with threadpool_limits(1), Keeper() as keeper:
        taxonomy, annotated, examples, reviewed, _ = training_data(data)
        held = heldout_docs(taxonomy, args.folders)
        out["heldout"] = {name: a for name, (a, _) in held.items()}
        docs = [d for _, ds in annotated.values() for d in ds] + reviewed + examples
        for name, left in ([] if args.skip_perturbations else perturbations(annotated, examples, args.per_kind)):
            model, inner = trained(taxonomy, [d for d in docs if d.group != left], keeper)
            records = {f: judged(model, taxonomy, ds) for f, (_, ds) in held.items()}
            out["runs"].append((name, inner, records))
            args.out.write_bytes(pickle.dumps(out))
            print(f"{name}: trained", flush=True)
        _, annotated, examples, _, _ = training_data(data, with_reviews=False)
        cv_docs = [d for _, ds in annotated.values() for d in ds]
        out["cv_annotations"] = {k: a for k, (a, _) in annotated.items()}
        for seed in range(args.cv_partitions):
            runs = partition_runs(cv_docs, examples, seed, lambda docs: trained(taxonomy, docs, keeper),
                                  lambda model, docs: judged(model, taxonomy, docs))
            out["cv"].append(runs)
            args.out.write_bytes(pickle.dumps(out))
            print(f"cv partition {seed}: done", flush=True)
    return 0


def keyed_folds(groups, rows, seed: int) -> np.ndarray:
    """Each row's inner fold keyed by its article's name and ``seed`` alone (a candidate): leaving
    an article out leaves every other article in its fold, where a seeded shuffle or
    ``GroupKFold`` deals them all anew."""
    import zlib
    fold_of = {g: zlib.crc32(f"{seed}:{g}".encode()) % train.INNER_FOLDS for g in set(groups[rows])}
    return np.array([fold_of[g] for g in groups[rows]])


# ---- rules -----------------------------------------------------------------------------------

STEP = 0.05
GRID = (round(train.THRESHOLDS[0] - STEP, 2), *train.THRESHOLDS, round(train.THRESHOLDS[-1] + STEP, 2))


def f1s(parts: list, gold: np.ndarray, weight=None, grid=GRID) -> np.ndarray:
    """The F1 of every cell of the pooled partitions at each threshold of ``grid``; ``weight``:
    each row's weight (an article's multiplicity in a bootstrap, or 1 / its sentences)."""
    w = np.ones(len(gold)) if weight is None else weight
    w = w[:, None] if gold.ndim == 2 else w
    g = float((w * gold).sum()) * len(parts)
    out = []
    for t in grid:
        pred = sum(float((w * (p >= t)).sum()) for p in parts)
        tp = sum(float((w * ((p >= t) & (gold == 1))).sum()) for p in parts)
        out.append(2 * tp / (pred + g) if pred + g else 0.0)
    return np.array(out)


def smoothed_pick(parts, gold, tolerance, half=1, weight=None, pick=max) -> float:
    """``train._smoothed_threshold`` generalised: the F1 averaged over ``half`` steps either side
    (the grid's ends extended by one step), then ``pick`` of the thresholds within ``tolerance``."""
    f = f1s(parts, gold, weight)
    inner = range(1, len(GRID) - 1)
    smooth = [float(np.mean(f[max(0, i - half):i + half + 1])) for i in inner]
    best = max(smooth)
    near = [GRID[i] for i, s in zip(inner, smooth) if s >= best - tolerance - 1e-12]
    return float(pick(near))


def bootstrap_median(parts, gold, groups, tolerance, draws=40) -> float:
    """The median of the rule's picks over the training articles resampled (seed 0)."""
    names = sorted(set(groups))
    index = {g: i for i, g in enumerate(names)}
    row_article = np.array([index[g] for g in groups])
    rng = np.random.RandomState(0)
    picks = []
    for _ in range(draws):
        times = np.bincount(rng.randint(0, len(names), len(names)), minlength=len(names))
        picks.append(smoothed_pick(parts, gold, tolerance, weight=times[row_article].astype(float)))
    return float(np.median(picks))


def keyed_bootstrap_median(parts, gold, groups, tolerance, draws=40) -> float:
    """``bootstrap_median`` with each article's weight in each draw (Poisson, mean 1) keyed by its
    name: leaving an article out leaves the others' weights as they were."""
    import zlib
    names, inverse = np.unique(groups, return_inverse=True)
    times = np.array([np.random.RandomState(zlib.crc32(str(g).encode())).poisson(1.0, draws) for g in names])
    picks = [smoothed_pick(parts, gold, tolerance, weight=times[inverse, d].astype(float)) for d in range(draws)]
    return float(np.median(picks))


def fine_pick(parts, gold, step: float = 0.01, width: float = 0.10) -> float:
    """The best of the F1 on a fine grid (0.05 .. 0.75 by ``step``) averaged over ``width`` either
    side (the window cut at the grid's ends): a pick that moves by a step, not by 0.05."""
    grid = tuple(round(0.05 + step * k, 3) for k in range(int(round(0.70 / step)) + 1))
    f = f1s(parts, gold, grid=grid)
    half = int(round(width / step))
    smooth = np.array([f[max(0, i - half):i + half + 1].mean() for i in range(len(grid))])
    inside = [i for i, t in enumerate(grid) if 0.10 - 1e-9 <= t <= 0.70 + 1e-9]
    best = max(smooth[i] for i in inside)
    return float(max(grid[i] for i in inside if smooth[i] >= best - 1e-12))


def article_weights(groups) -> np.ndarray:
    names, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    return 1.0 / counts[inverse]


def rule(kind_tol: dict, n: dict, **options):
    """A rule: per kind, ``smoothed_pick`` on the first ``n[kind]`` partitions with
    ``kind_tol[kind]`` and ``options`` ("boot": the bootstrap median; "articles": rows weighted
    1 / their article's sentences; "half", "pick")."""
    def choose(inner) -> tuple[float, float]:
        out = []
        for kind in ("motive", "counter"):
            parts, gold = inner[kind]
            parts = parts[:n[kind]]
            if options.get("boot"):
                median = keyed_bootstrap_median if options["boot"] == "keyed" else bootstrap_median
                out.append(median(parts, gold, inner["groups"][:len(gold)], kind_tol[kind]))
                continue
            if options.get("fine"):
                out.append(fine_pick(parts, gold, *options["fine"]) if kind == "motive" else
                           smoothed_pick(parts, gold, kind_tol[kind]))
                continue
            weight = article_weights(inner["groups"][:len(gold)]) if options.get("articles") else None
            out.append(smoothed_pick(parts, gold, kind_tol[kind], options.get("half", 1), weight,
                                     options.get("pick", max)))
        return tuple(out)
    return choose


def _mid(near):
    return near[len(near) // 2]


SHIPPED_TOL = {"motive": train.F1_TOLERANCE, "counter": 0.0}
SHIPPED_N = {"motive": train.MOTIVE_PARTITIONS, "counter": train.COUNTER_PARTITIONS}
ALL_N = {"motive": MOTIVE_KEPT, "counter": COUNTER_KEPT}
RULES = {
    "shipped (3 / 6 partitions, +-1, highest within .01 / best)": rule(SHIPPED_TOL, SHIPPED_N),
    "8 / 10 partitions": rule(SHIPPED_TOL, ALL_N),
    "+-2 steps": rule(SHIPPED_TOL, SHIPPED_N, half=2),
    "+-2 steps, 8 / 10": rule(SHIPPED_TOL, ALL_N, half=2),
    "bootstrap median (40 draws)": rule(SHIPPED_TOL, SHIPPED_N, boot=True),
    "keyed bootstrap median (40 draws)": rule(SHIPPED_TOL, SHIPPED_N, boot="keyed"),
    "keyed bootstrap median, 8 / 10": rule(SHIPPED_TOL, ALL_N, boot="keyed"),
    "articles alike": rule(SHIPPED_TOL, SHIPPED_N, articles=True),
    "articles alike, 8 / 10": rule(SHIPPED_TOL, ALL_N, articles=True),
    "middle of the near-best (tol .01 / .01)": rule({"motive": 0.01, "counter": 0.01}, SHIPPED_N, pick=_mid),
    "middle of the near-best, 8 / 10": rule({"motive": 0.01, "counter": 0.01}, ALL_N, pick=_mid),
    "motive: best of +-1 (no tolerance)": rule({"motive": 0.0, "counter": 0.0}, SHIPPED_N),
    "motive: best of +-2, 8 / 10": rule({"motive": 0.0, "counter": 0.0}, ALL_N, half=2),
}
for _n in (3, 4, 5, 6):
    RULES[f"motive: best of +-2, {_n} / 6"] = rule({"motive": 0.0, "counter": 0.0}, {"motive": _n, "counter": 6}, half=2)
    RULES[f"motive: middle of the near-best, {_n} / 6"] = rule({"motive": 0.01, "counter": 0.0},
                                                              {"motive": _n, "counter": 6}, pick=_mid)
for _step, _width in ((0.01, 0.10), (0.01, 0.075), (0.025, 0.10)):
    RULES[f"motive: fine {_step} grid, best of +-{_width}, 3 / 6"] = rule(
        {"motive": 0.0, "counter": 0.0}, {"motive": 3, "counter": 6}, fine=(_step, _width))
FIXED = (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40)


class Judge:
    """Per (run key, folder, kind, threshold): per-source counts of the kind's measure, once."""

    def __init__(self):
        self.cache = {}

    def __call__(self, key, annotation, records, kind, t) -> dict:
        k = (key, kind, round(t, 4))
        if k not in self.cache:
            kept = [r for r in records if r["kind"] == kind and r["confidence"] >= t]
            result = Scorer(annotation).score(kept)
            sources = {r["source"] for r in records}
            self.cache[k] = {s.id: s.counts[MEASURE[kind]] for s in result.sources if s.id in sources or not records}
        return self.cache[k]


def pooled(per_source: list[dict]) -> Count:
    total = Count()
    for counts in per_source:
        for c in counts.values():
            total.add(c)
    return total


def heldout_figures(data, judge, run, thresholds) -> dict:
    """Per kind: the pooled F1 over every held-out folder, and each folder's."""
    name, _, records = run
    out = {}
    for kind, t in zip(("motive", "counter"), thresholds):
        per = {f: judge((name, f), data["heldout"][f], records[f], kind, t) for f in records}
        out[kind] = (pooled(list(per.values())), {f: pooled([c]) for f, c in per.items()})
    return out


def paired(data, judge, run, base: tuple, ts: tuple, rounds: int = 2000) -> str:
    """Per kind, how often ``ts`` is ahead of ``base`` on the held-out articles resampled (seed 0),
    and the 90% interval of the F1 difference (the perturbations' mean difference beside it)."""
    name, _, records = run
    out = []
    for k, kind in enumerate(("motive", "counter")):
        per = [{(f, s): c for f in records
                for s, c in judge((name, f), data["heldout"][f], records[f], kind, t[k]).items()} for t in (base, ts)]
        keys = sorted(per[0])
        rng = np.random.RandomState(0)
        diffs = []
        for _ in range(rounds):
            pick = [keys[i] for i in rng.randint(0, len(keys), len(keys))]
            diffs.append(pooled([{0: per[1][x]} for x in pick]).f1 - pooled([{0: per[0][x]} for x in pick]).f1)
        lo, hi = np.percentile(diffs, [5, 95])
        out.append(f"{kind} ahead {np.mean(np.array(diffs) > 0):.0%} tied {np.mean(np.array(diffs) == 0):.0%} "
                   f"[{lo:+.3f}..{hi:+.3f}]")
    return "; ".join(out)


def cv_figures(cvs, judge, choose) -> tuple[dict, list]:
    """Mean over the CV partitions of the pooled F1 (overall, per annotation) per kind, every fold
    model at its own ``choose``; and the fold models' thresholds."""
    rows, chosen = [], []
    for ci, data in enumerate(cvs):
        for n, runs in enumerate(data["cv"]):
            totals: dict = {}
            for f, (inner, records) in enumerate(runs):
                ts = choose(inner)
                chosen.append(ts)
                for kind, t in zip(("motive", "counter"), ts):
                    for name, annotation in data["cv_annotations"].items():
                        ids = {s.id for s in annotation.sources}
                        mine = [r for r in records if r["source"] in ids]
                        if not mine:   # no article of this annotation in the fold
                            continue
                        c = pooled([judge(("cv", ci, n, f, name), annotation, mine, kind, t)])
                        for key in (Path(name).stem, "overall"):
                            totals.setdefault((kind, key), Count()).add(c)
            rows.append({k: c.f1 for k, c in totals.items()})
    keys = rows[0].keys() if rows else []
    return {k: float(np.mean([r[k] for r in rows])) for k in keys}, chosen


def rules(args) -> int:
    data = pickle.loads(args.out.read_bytes())
    cvs = [pickle.loads(p.read_bytes()) for p in args.cv] or ([data] if data["cv"] else [])
    judge = Judge()
    runs = data["runs"]
    print("held out at fixed thresholds (pooled F1 over the folders, the unperturbed model):")
    for t in FIXED:
        h = heldout_figures(data, judge, runs[0], (t, t))
        print(f"  {t:.2f}  motives {h['motive'][0].f1:.3f} ({_found(h['motive'][0])})"
              f"  counters {h['counter'][0].f1:.3f} ({_found(h['counter'][0])})")
    shipped = [RULES[next(iter(RULES))](inner) for _, inner, _ in runs]
    for name, choose in RULES.items():
        print(f"\n{name}")
        picks = [choose(inner) for _, inner, _ in runs]
        figures = [heldout_figures(data, judge, run, ts) for run, ts in zip(runs, picks)]
        for (rname, _, _), ts, h in zip(runs, picks, figures):
            per = " ".join(f"{f}:{c.f1:.2f}" for f, c in sorted(h["motive"][1].items()))
            print(f"  {rname:34} m {ts[0]:.2f} c {ts[1]:.2f}  held out motives {h['motive'][0].f1:.3f} "
                  f"({_found(h['motive'][0])}) counters {h['counter'][0].f1:.3f} ({_found(h['counter'][0])})  [{per}]")
        print("  held out against the shipped rule, unperturbed model: "
              + paired(data, judge, runs[0], shipped[0], picks[0]))
        for k, kind in enumerate(("motive", "counter")):
            ts = [p[k] for p in picks]
            hs = [h[kind][0].f1 for h in figures]
            print(f"  {kind}: moved {sum(t != ts[0] for t in ts)} of {len(ts) - 1}, range {min(ts):.2f}-{max(ts):.2f},"
                  f" sd {np.std(ts):.3f}; held out mean {np.mean(hs):.3f} (range {min(hs):.3f}-{max(hs):.3f})")
        if cvs:
            cv, chosen = cv_figures(cvs, judge, choose)
            for k, kind in enumerate(("motive", "counter")):
                ts = [c[k] for c in chosen]
                print(f"  cv {kind}: overall {cv[(kind, 'overall')]:.3f}, dev {cv[(kind, 'dev')]:.3f},"
                      f" seeds {cv[(kind, 'seeds')]:.3f}; fold models {min(ts):.2f}-{max(ts):.2f} sd {np.std(ts):.3f}")
    return 0


def _found(c: Count) -> str:
    return f"{c.tp_gold}/{c.gold}/{c.pred}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("out", type=Path)
    c.add_argument("folders", nargs="*", type=Path)
    c.add_argument("--cv-partitions", type=int, default=0)
    c.add_argument("--skip-perturbations", action="store_true")
    c.add_argument("--per-kind", type=int, default=99, help="at most N draws of each kind of perturbation")
    c.add_argument("--motive-kept", type=int, default=MOTIVE_KEPT)
    c.add_argument("--counter-kept", type=int, default=COUNTER_KEPT)
    c.add_argument("--keyed-folds", action="store_true", help="the inner folds keyed by article (a candidate)")
    r = sub.add_parser("rules")
    r.add_argument("out", type=Path)
    r.add_argument("cv", nargs="*", type=Path, help="pickles of CV runs (default: OUT's own)")
    args = parser.parse_args(argv)
    os.chdir(REPO)
    return {"collect": collect, "rules": rules}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
