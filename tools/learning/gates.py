"""Article-level decisions before the counterarguments are given (session 14): ``python
tools/learning/gates.py OUT.pkl`` on a ``thresholds.py collect`` pickle (the shipped training
data, default ``Config``: no twins).

Counters predicted on unseen real articles stand mostly in articles whose reference has no
counterargument at all. A *gate* gives an article counters only if one of its figures reaches a
level: its strongest counter probability (``cmax``), the mean of its two strongest (``ctop2``),
how many sentences pass the counter threshold (``ccount``) or the sum of their probabilities
(``csum``), how many sentences carry a motive (``mcount``: no motive found, nothing to answer)
or its strongest motive probability (``mmax``), its objection words (``aobj``, per sentence
``aobjd``). The level is chosen as ``train._counter_threshold`` chooses the counter threshold:
on the out-of-fold counter probabilities of the training articles over the six inner
partitions, pooled, the F1 smoothed with its neighbours', the highest of the best (the taxonomy's
example sentences are no article: left out). Also: a counter kept only if the motive its
``rebuts`` head names is found in the article; an article-level logistic regression on those
figures (cross-fitted on the inner articles, its level chosen the same way).

Printed: the ceiling (an oracle dropping every counter of an article without a reference one),
each gate at fixed levels and at its inner-chosen level held out (a-h, i-l, m+n, all; a paired
bootstrap over the articles, 2,000 rounds, 90% interval), and cross-validated (each fold's model
with its own inner-chosen level, paired with the shipped decision per partition). The pickle
holds the scored sets' sentences: keep it out of the repository.
"""
from __future__ import annotations

import pickle
import re
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from generator.extract.features import _OBJECTION, words  # noqa: E402
from generator.learn.score import Count, Scorer  # noqa: E402
from thresholds import measure_bootstrap  # noqa: E402

MEASURES = ("counter (detected)", "counter (+rebuts)", "motive (micro)")
GATES = {
    "cmax": [round(0.20 + 0.05 * k, 2) for k in range(11)],
    "ctop2": [round(0.10 + 0.05 * k, 2) for k in range(11)],
    "ccount": [1, 2, 3, 4],
    "csum": [round(0.5 * k, 1) for k in range(13)],
    "mcount": [0, 1, 2, 3, 4],
    "mmax": [round(0.05 * k, 2) for k in range(15)],
    "aobj": [0, 1, 2, 3],
    "aobjd": [round(0.025 * k, 3) for k in range(13)],
}
ARTICLE_FEATURES = ("cmax", "ctop2", "ccount", "csum", "mcount", "mmax", "aobjd")
SETS = (("a-h", "abcdefgh"), ("i-l", "ijkl"), ("m+n", "mn"), ("o+p", "op"), ("all", "abcdefghijklmnop"))


def figures(cp, mp, mt: float, ct: float, objections: int, n: int) -> dict:
    """An article's figures from its sentences' counter probabilities ``cp`` and strongest motive
    probabilities ``mp``."""
    cp = np.sort(np.asarray(cp, dtype=float))[::-1] if len(cp) else np.zeros(1)
    mp = np.asarray(mp, dtype=float) if len(mp) else np.zeros(1)
    return {"cmax": float(cp[0]), "ctop2": float(cp[:2].mean()), "ccount": int((cp >= ct).sum()),
            "csum": float(cp.sum()), "mcount": int((mp >= mt).sum()), "mmax": float(mp.max()),
            "aobj": objections, "aobjd": objections / max(n, 1)}


def record_figures(records: list, mt: float, ct: float) -> dict:
    """source -> its figures and the motives found, from records made at threshold ~0 (every
    sentence has a counter record)."""
    by: dict = {}
    for r in records:
        a = by.setdefault(r["source"], {"c": {}, "m": {}, "labels": set()})
        key = (r["start"], r["end"])
        if r["kind"] == "counter":
            a["c"][key] = (r["confidence"], sum(w in _OBJECTION for w in words(r["quote"])))
        else:
            a["m"][key] = max(a["m"].get(key, 0.0), r["confidence"])
            if r["confidence"] >= mt:
                a["labels"].add(r["label"])
    out = {}
    for source, a in by.items():
        cp = [p for p, _ in a["c"].values()]
        f = figures(cp, list(a["m"].values()), mt, ct, sum(o for _, o in a["c"].values()), len(cp))
        out[source] = {**f, "motives": a["labels"]}
    return out


def inner_figures(inner: dict, part: int) -> dict:
    """article -> its figures on the training articles' out-of-fold probabilities (the counters'
    of inner partition ``part``, the motives' of the first)."""
    groups, pc = np.array(inner["groups"]), inner["counter_partitions"][part]
    pm = inner["motive"][0]
    pm = pm.max(axis=1) if pm.ndim == 2 else pm
    objections = np.array(inner["objection_words"])
    mt, ct = inner["chosen"]
    out = {}
    for g in np.unique(groups):
        i = np.flatnonzero(groups == g)
        out[g] = figures(pc[i], pm[i], mt, ct, int(objections[i].sum()), len(i))
    return out


def smoothed_choice(curves: list, grid: list):
    """The highest level whose F1 (mean over the partitions), averaged with its neighbours', is
    the best (the ends repeated), as ``train._counter_threshold`` chooses."""
    f = np.mean(curves, axis=0)
    ext = np.concatenate([[f[0]], f, [f[-1]]])
    s = np.array([ext[i - 1:i + 2].mean() for i in range(1, len(ext) - 1)])
    return max(level for level, v in zip(grid, s) if v >= s.max() - 1e-12)


def inner_f1(inner: dict, part: int, passes) -> float:
    """The counters' F1 over the inner articles' rows (examples left out) with the articles that
    ``passes(article)`` gated."""
    groups, origin = np.array(inner["groups"]), np.array(inner["origin"])
    gold, pc = inner["counter"][1].astype(int), inner["counter_partitions"][part]
    rows = origin != "examples"
    ok = np.array([passes(g) for g in groups])
    pred = (pc >= inner["chosen"][1]) & ok & rows
    tp = int((pred & (gold == 1)).sum())
    return 2 * tp / (pred.sum() + (gold[rows] == 1).sum())


def gate_level(inner: dict, gate: str):
    """The gate's level chosen on the inner partitions, pooled and smoothed."""
    parts = range(len(inner["counter_partitions"]))
    tables = [inner_figures(inner, k) for k in parts]
    curves = [[inner_f1(inner, k, lambda g, t=tables[k], L=level: t[g][gate] >= L) for level in GATES[gate]]
              for k in parts]
    return smoothed_choice(curves, GATES[gate])


def article_model(inner: dict, grid=tuple(round(0.05 * k, 2) for k in range(19))):
    """A logistic regression of 'the article has a reference counter' on its figures, its level
    chosen on probabilities cross-fitted over the inner articles (5 folds); returns the decision."""
    from sklearn.linear_model import LogisticRegression
    groups, gold = np.array(inner["groups"]), inner["counter"][1]
    parts = range(len(inner["counter_partitions"]))
    tables = [inner_figures(inner, k) for k in parts]
    origin = dict(zip(inner["groups"], inner["origin"]))
    arts = sorted(g for g in tables[0] if origin[g] != "examples")
    y = np.array([int(gold[groups == g].sum() > 0) for g in arts])
    Xs = [np.array([[t[g][f] for f in ARTICLE_FEATURES] for g in arts]) for t in tables]
    mu, sd = np.vstack(Xs).mean(0), np.vstack(Xs).std(0) + 1e-9
    fold = np.arange(len(arts)) % 5
    curves = []
    for k, X in zip(parts, Xs):
        p = np.zeros(len(arts))
        for f in range(5):
            m = LogisticRegression(max_iter=2000).fit((X[fold != f] - mu) / sd, y[fold != f])
            p[fold == f] = m.predict_proba((X[fold == f] - mu) / sd)[:, 1]
        prob = dict(zip(arts, p))
        curves.append([inner_f1(inner, k, lambda g, L=level: prob.get(g, 1.0) >= L) for level in grid])
    level = smoothed_choice(curves, list(grid))
    m = LogisticRegression(max_iter=2000).fit((np.vstack(Xs) - mu) / sd, np.tile(y, len(Xs)))
    vec = lambda a: (np.array([[a[f] for f in ARTICLE_FEATURES]]) - mu) / sd   # noqa: E731
    return level, lambda a, r: m.predict_proba(vec(a))[0, 1] >= level


def decide(records: list, mt: float, ct: float, rule) -> list:
    """The records extraction would keep: motives at ``mt``; counters at ``ct`` that
    ``rule(article figures, record)`` lets through."""
    fig = record_figures(records, mt, ct)
    return [r for r in records if (r["confidence"] >= mt if r["kind"] == "motive"
                                   else r["confidence"] >= ct and rule(fig[r["source"]], r))]


def per_source(annotation, kept: list, sources: set) -> dict:
    result = Scorer(annotation).score(kept)
    return {s.id: {m: s.counts[m] for m in MEASURES} for s in result.sources if s.id in sources}


def set_of(path: str) -> str:
    found = re.search(r"/(\w)/[^/]*$", path)
    return found.group(1) if found else "?"


def heldout(data: dict, rule) -> dict:
    """(set, article) -> counts, the full model's thresholds, ``rule`` for the counters."""
    mt, ct = data["heldout_inner"]["chosen"]
    out = {}
    for name, (annotation, records) in data["heldout"].items():
        ids = {s.id for s in annotation.sources}
        for sid, v in per_source(annotation, decide(records, mt, ct, rule), ids).items():
            out[(set_of(name), sid)] = v
    return out


def oracle(per: dict) -> dict:
    """Every counter of an article without a reference one dropped."""
    def drop(v):
        return {m: Count(0, 0, c.tp_gold, c.gold) if m.startswith("counter") else c for m, c in v.items()}
    return {k: drop(v) if v[MEASURES[0]].gold == 0 else v for k, v in per.items()}


def total(per: dict, sets: str, m: str = MEASURES[0]) -> Count:
    c = Count()
    for (s, _), v in per.items():
        if s in sets:
            c.add(v[m])
    return c


def bootstrap(base: dict, cand: dict, rounds: int = 2000) -> str:
    return measure_bootstrap(base, cand, MEASURES[0], rounds)


def line(base: dict, per: dict) -> str:
    present = {s for s, _ in per}
    out = []
    for name, sets in SETS:
        if present & set(sets):
            c = total(per, sets)
            out.append(f"{name} {c.f1:.3f} ({c.tp_gold}/{c.gold}, p{c.pred})")
    return " | ".join(out) + "  " + bootstrap(base, per)


def cross_validated(data: dict, make_rule) -> np.ndarray:
    """Per partition: counters overall, dev, seeds; +rebuts overall; motives overall; each fold's
    model with ``make_rule(its inner data)``."""
    rows = []
    for runs in data["cv"]:
        tot = {(k, m): Count() for k in ("all", "dev", "seeds") for m in MEASURES}
        for inner, records in runs:
            mt, ct = inner["chosen"]
            rule = make_rule(inner)
            for name, annotation in data["cv_annotations"].items():
                mine = [r for r in records if r["source"] in {s.id for s in annotation.sources}]
                kept = decide(mine, mt, ct, rule)
                for v in per_source(annotation, kept, {r["source"] for r in mine}).values():
                    for k in ("all", "dev" if "dev" in name else "seeds"):
                        for m in MEASURES:
                            tot[(k, m)].add(v[m])
        rows.append([tot[("all", MEASURES[0])].f1, tot[("dev", MEASURES[0])].f1, tot[("seeds", MEASURES[0])].f1,
                     tot[("all", MEASURES[1])].f1, tot[("all", MEASURES[2])].f1])
    return np.array(rows)


def candidates() -> dict:
    """name -> (the rule on the full model's inner data, a function of a fold model's inner data)."""
    def gated(gate):
        def make(inner):
            level = gate_level(inner, gate)
            return lambda a, r: a[gate] >= level
        return make
    out = {f"{g} >= inner level": gated(g) for g in GATES}
    out["rebutted motive found (rebuts none: kept)"] = lambda inner: (
        lambda a, r: r.get("rebuts") is None or r["rebuts"] in a["motives"])
    out["article model"] = lambda inner: article_model(inner)[1]
    return out


def main(argv=None) -> int:
    data = pickle.loads(Path((argv or sys.argv[1:])[0]).read_bytes())
    inner = data["heldout_inner"]
    base = heldout(data, lambda a, r: True)
    print(f"thresholds {inner['chosen']}\nshipped: {line(base, base)}\noracle:  {line(base, oracle(base))}")
    print("fixed levels, held out:")
    for gate, grid in GATES.items():
        for level in grid:
            print(f"  {gate} >= {level}: {line(base, heldout(data, lambda a, r, g=gate, L=level: a[g] >= L))}")
    cv_base = cross_validated(data, lambda inner: (lambda a, r: True))
    print("cross-validated (counters all / dev / seeds, +rebuts, motives), shipped:", np.round(cv_base.mean(0), 3))
    for name, make in candidates().items():
        level = gate_level(inner, name.split()[0]) if name.split()[0] in GATES else None
        print(f"{name} (full model: {level}): held out {line(base, heldout(data, make(inner)))}")
        d = cross_validated(data, make) - cv_base
        print(f"    cv delta {np.round(d.mean(0), 4)}, counters per partition {np.round(d[:, 0], 3)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
