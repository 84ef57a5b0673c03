"""The configurations compared for the sentence classifier (docs/learning.md, "What was
compared"), each cross-validated by article: ``python tools/learning/compare.py [NAME...]``
(none: all; ``--list``: the names). Run it under ``nice``: each takes 10-60 s.

A fast stand-in for ``brief eval --cv`` on motives alone: the same features (``features``),
the same 7 folds by article, a threshold chosen on out-of-fold probabilities over the training
articles (5 inner folds), scored with ``brief eval``'s scorer. A configuration changes one
thing: the regularisation, the term block, extra feature blocks (context words, context cues,
character n-grams), sample weights, a second (stacked) model, the threshold rule, or whether
the headline is labelled. Its figures differ from ``brief eval --cv`` by a little (its inner
folds are drawn differently); compare rows with each other, not with that table.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from generator.cli.learn import training_data  # noqa: E402
from generator.extract import features as feature_module  # noqa: E402
from generator.extract.features import ANAPHOR, Settings, cue_fires, label_keys, terms, words  # noqa: E402
from generator.learn.cv import folds  # noqa: E402
from generator.learn.score import Count, Scorer  # noqa: E402
from generator.learn.train import features, targets  # noqa: E402
from generator.text.cues import tokenize  # noqa: E402

GRID = np.round(np.arange(0.1, 0.71, 0.05), 2)        # train.THRESHOLDS
FINE = np.round(np.arange(0.05, 0.81, 0.025), 3)      # the exploration's first grid


class Data:
    def __init__(self, labelled_roles=("title", "body")):
        feature_module.LABELLED_ROLES = labelled_roles   # what the classifier sees as candidates
        args = argparse.Namespace(taxonomy=None, briefs=REPO / "briefs", gold=None, seeds=REPO / "seeds")
        import os
        os.chdir(REPO)
        self.taxonomy, self.annotated, examples, _, _ = training_data(args, with_reviews=False)
        self.docs = [d for _, ds in self.annotated.values() for d in ds]
        self.examples = list(examples)
        self.motives = [m.id for m in self.taxonomy.motives]
        self.folds = folds(self.docs)


# ---- one model ------------------------------------------------------------------------

def matrices(data, train, test, cfg):
    s = cfg.get("settings", Settings())
    Dtr, _, Ttr, _ = features(data.taxonomy, s, train)
    Dte, _, Tte, _ = features(data.taxonomy, s, test)
    mean, sd = Dtr.mean(0), Dtr.std(0)
    sd[sd == 0] = 1
    A, B = [(Dtr - mean) / sd], [(Dte - mean) / sd]
    if s.terms:
        v = TfidfVectorizer(analyzer=list, min_df=cfg.get("min_df", 2), sublinear_tf=True)
        a, b = v.fit_transform(Ttr).toarray(), v.transform(Tte).toarray()
        if cfg.get("select"):   # the terms most tied to any motive (chi-squared), fit on training rows
            from sklearn.feature_selection import chi2
            Y = targets(data.taxonomy, train)["motive"]
            scores = np.nan_to_num(np.max([chi2(a, Y[:, j])[0] for j in range(Y.shape[1])], axis=0))
            keep = np.sort(np.argsort(-scores, kind="stable")[:cfg["select"]])
            a, b = a[:, keep], b[:, keep]
        A.append(a * cfg.get("tw", 10.0))
        B.append(b * cfg.get("tw", 10.0))
    for extra in cfg.get("extra", []):
        a, b = extra(data, train, test)
        A.append(a)
        B.append(b)
    return np.hstack(A), np.hstack(B)


def _learner(cfg):
    if cfg.get("svm"):   # a linear SVM, its scores made probabilities by Platt scaling
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC
        return CalibratedClassifierCV(LinearSVC(C=cfg["svm"], max_iter=20000), method="sigmoid", cv=3)
    if cfg.get("penalty") == "l1":   # sparse weights (elasticnet by saga took too long to finish)
        return LogisticRegression(C=cfg.get("C", 0.1), penalty="l1", solver="liblinear", max_iter=5000,
                                  class_weight=cfg.get("cw"))
    return LogisticRegression(C=cfg.get("C", 0.1), max_iter=5000, tol=1e-6, class_weight=cfg.get("cw"))


def fitpred(Xtr, Ytr, Xte, cfg, weights=None):
    P = np.zeros((len(Xte), Ytr.shape[1]))
    for j in range(Ytr.shape[1]):
        P[:, j] = _learner(cfg).fit(Xtr, Ytr[:, j], sample_weight=weights).predict_proba(Xte)[:, 1]
    return P


def weights(cfg, train):
    w = cfg.get("weight")
    return np.concatenate([np.full(len(d.candidates), w(d)) for d in train]) if w else None


def f1(p, g, t, w=None):
    """F1 of ``p >= t`` against ``g``; ``w``: a weight per row (each article's rows summing to
    one, for the "article-weighted" rule)."""
    pr = p >= t
    w = np.ones(len(p)) if w is None else w
    w = w[:, None] if p.ndim == 2 else w
    d = (pr * w).sum() + (g * w).sum()
    return 2 * ((pr & (g == 1)) * w).sum() / d if d else 0.0


def choose(P, Y, cfg):
    """Thresholds by a rule: the best F1's ("argmax", the default), per motive, of the F1 curve
    smoothed over 3 neighbours, or the highest within X of the best ("withinX", the shipped
    rule with X = 0.01 on ``GRID``)."""
    rule, grid = cfg.get("threshold", "argmax"), cfg.get("grid", FINE)
    if rule == "per-label":
        return np.array([grid[np.argmax([f1(P[:, j], Y[:, j], t) for t in grid])] for j in range(Y.shape[1])])
    f = np.array([f1(P, Y, t, cfg.get("_row_weights") if rule == "article-weighted" else None) for t in grid])
    if rule in ("argmax", "article-weighted"):
        t = grid[np.argmax(f)]
    elif rule == "smoothed":
        t = grid[np.argmax(np.convolve(np.pad(f, 1, mode="edge"), np.ones(3) / 3, mode="valid"))]
    else:
        t = grid[f >= f.max() - float(rule[len("within"):]) - 1e-12].max()
    return np.full(Y.shape[1], t)


def inner(data, train, cfg, predict):
    """Out-of-fold probabilities of the training articles (5 folds by article), by ``predict``."""
    groups = sorted({d.group for d in train if d.origin == "annotation"})
    rows = np.cumsum([0] + [len(d.candidates) for d in train])
    P = np.zeros((rows[-1], len(data.motives)))
    for _, held_i in GroupKFold(5).split(np.zeros(len(groups)), groups=groups):
        held = {groups[i] for i in held_i}
        tr = [d for d in train if d.group not in held]
        te = [d for d in train if d.group in held]
        p = predict(tr, te)
        k = 0
        for n, d in enumerate(train):
            if d.group in held:
                P[rows[n]:rows[n + 1]] = p[k:k + len(d.candidates)]
                k += len(d.candidates)
    keep = np.concatenate([np.full(len(d.candidates), d.origin == "annotation") for d in train])
    return P, keep


def per_label_C(grid=(0.03, 0.1, 0.3)):
    """Each motive's C chosen among ``grid`` by its F1 on out-of-fold probabilities over the
    training articles (at its best threshold), then the plain model with those C."""
    def model(data, train, test, cfg):
        Y = targets(data.taxonomy, train)["motive"]
        best = []
        oof = {}
        for C in grid:
            c = dict(cfg, C=C)

            def predict(tr, te, c=c):
                a, b = matrices(data, tr, te, c)
                return fitpred(a, targets(data.taxonomy, tr)["motive"], b, c)
            oof[C] = inner(data, train, c, predict)
        for j in range(Y.shape[1]):
            score = {C: max(f1(P[keep][:, j], Y[keep][:, j], t) for t in FINE) for C, (P, keep) in oof.items()}
            best.append(max(grid, key=lambda C: score[C]))
        a, b = matrices(data, train, test, cfg)
        P = np.column_stack([fitpred(a, Y[:, [j]], b, dict(cfg, C=best[j]))[:, 0] for j in range(Y.shape[1])])
        Pin = np.column_stack([oof[best[j]][0][:, j] for j in range(Y.shape[1])])
        keep = oof[grid[0]][1]
        return P, choose(Pin[keep], Y[keep], cfg)
    return model


def plain(data, train, test, cfg):
    def predict(tr, te):
        a, b = matrices(data, tr, te, cfg)
        return fitpred(a, targets(data.taxonomy, tr)["motive"], b, cfg, weights(cfg, tr))
    P = predict(train, test)
    Pin, keep = inner(data, train, cfg, predict)
    rows = np.concatenate([np.full(len(d.candidates), 1.0 / max(len(d.candidates), 1)) for d in train])
    return P, choose(Pin[keep], targets(data.taxonomy, train)["motive"][keep], dict(cfg, _row_weights=rows[keep]))


# ---- cross-validation and scoring -----------------------------------------------------

def cv(data, cfg) -> dict:
    out = {}
    for held in data.folds:
        train = [d for d in data.docs if d.group not in held] + data.examples
        test = [d for d in data.docs if d.group in held]
        P, T = cfg.get("model", plain)(data, train, test, cfg)
        k = 0
        for d in test:
            out[d.group] = (P[k:k + len(d.candidates)], T)
            k += len(d.candidates)
    return score(data, out)


def score(data, out) -> dict:
    res = {}
    for key, (annotation, ds) in data.annotated.items():
        recs = []
        for d in ds:
            P, T = out[d.group]
            for i, c in enumerate(d.candidates):
                s = c.sentence
                recs += [{"kind": "motive", "label": m, "source": d.group, "quote": s.text, "start": s.start,
                          "end": s.end} for j, m in enumerate(data.motives) if P[i, j] >= T[j]]
        res[Path(key).stem] = Scorer(annotation).score(recs).totals
    total: dict = {}
    for t in res.values():
        for m, c in t.items():
            total.setdefault(m, Count()).add(c)
    res["overall"] = total
    return res


def line(name, data, res) -> str:
    m = {k: res[k]["motive (micro)"] for k in ("overall", "seeds", "dev")}
    per = " ".join(f"{label}={res['overall']['motive:' + label].f1:.2f}" for label in data.motives)
    return (f"{name:44} overall {m['overall'].f1:.3f} (P {m['overall'].precision:.2f} R "
            f"{m['overall'].recall:.2f}) seeds {m['seeds'].f1:.3f} dev {m['dev'].f1:.3f} | {per}")


# ---- extra feature blocks ----------------------------------------------------------------

def characters(lo, hi, weight):
    def block(data, train, test):
        v = TfidfVectorizer(analyzer="char_wb", ngram_range=(lo, hi), min_df=2, sublinear_tf=True)
        a = v.fit_transform([t for d in train for t in d.texts]).toarray()
        return a * weight, v.transform([t for d in test for t in d.texts]).toarray() * weight
    return block


def _context_terms(kind, d):
    cs, out = d.candidates, []
    title = " ".join(s.text for p in d.doc.paragraphs if p.role == "title" for s in p.sentences)
    for i, c in enumerate(cs):
        same = [o for o in cs if o.sentence.paragraph == c.sentence.paragraph and o is not c]
        out.append({
            "previous": terms(cs[i - 1].words) if i and cs[i - 1].sentence.paragraph == c.sentence.paragraph else [],
            "previous-any": terms(cs[i - 1].words) if i else [],
            "next": terms(cs[i + 1].words) if i + 1 < len(cs) and cs[i + 1].sentence.paragraph == c.sentence.paragraph else [],
            "headline": terms(words(title)),
            "paragraph": [t for o in same for t in o.words]}[kind])
    return out


def context_words(kind, weight):
    """tf-idf of words around the sentence (a second vocabulary)."""
    def block(data, train, test):
        v = TfidfVectorizer(analyzer=list, min_df=2, sublinear_tf=True)
        a = v.fit_transform([t for d in train for t in _context_terms(kind, d)]).toarray()
        return a * weight, v.transform([t for d in test for t in _context_terms(kind, d)]).toarray() * weight
    return block


def _fires(data, hits):
    touched = {k[:2] for k in hits}
    return np.array([cue_fires(item.cues, hits, kind, item.id)[0] if (kind, item.id) in touched else 0.0
                     for kind, item in label_keys(data.taxonomy)])


def _partial(data, hits):
    """Whether any of a label's cues (a part of an ``all`` group, or an ``any`` cue) is found."""
    return np.array([float(any(k[:2] == (kind, item.id) and k[2] != "none" for k in hits))
                     for kind, item in label_keys(data.taxonomy)])


def _headline_fires(data, d):
    from generator.extract import Extractor
    if "headline-fires" not in d.cache:
        extractor = data.__dict__.setdefault("extractor", Extractor(data.taxonomy))
        heads = [s for p in d.doc.paragraphs if p.role in ("title", "subtitle") for s in p.sentences]
        f = np.zeros(len(label_keys(data.taxonomy)))
        if heads:
            tokens = {s.anchor: tokenize(s.text) for s in heads}
            _, at = extractor.finder.document(heads, tokens)
            hits, _ = extractor._cues(heads, tokens, at)
            for s in heads:
                f = np.maximum(f, _fires(data, hits.get(s.anchor, {})))
        d.cache["headline-fires"] = f
    return d.cache["headline-fires"]


def context_cues(*parts):
    """Which cues fire around the sentence: the two sentences before, the next, the rest of the
    paragraph, the headline, the article's share; an anaphor times the previous cues."""
    def rows(data, ds):
        out = []
        for d in ds:
            width = len(label_keys(data.taxonomy))
            F = np.array([_fires(data, c.hits) for c in d.candidates]).reshape(-1, width)
            n, paras, zero = len(F), [c.sentence.paragraph for c in d.candidates], np.zeros(width)
            for i, c in enumerate(d.candidates):
                same = [k for k in range(n) if paras[k] == paras[i] and k != i]
                row = {"before": F[max(0, i - 2):i].max(0) if i else zero,
                       "next": F[i + 1] if i + 1 < n else zero,
                       "paragraph": F[same].max(0) if same else zero,
                       "headline": _headline_fires(data, d),
                       "share": F.mean(0),
                       "anaphor": float(bool(ANAPHOR.match(c.sentence.text.strip()))) * (F[i - 1] if i else zero),
                       "headline-x-partial": _headline_fires(data, d) * _partial(data, c.hits),
                       "share-x-partial": F.mean(0) * _partial(data, c.hits)}
                out.append(np.concatenate([row[p] for p in parts]))
        return np.array(out)

    def block(data, train, test):
        A, B = rows(data, train), rows(data, test)
        mu, sd = A.mean(0), A.std(0)
        sd[sd == 0] = 1
        return (A - mu) / sd, (B - mu) / sd
    return block


# ---- a stacked model: a second logistic regression on the first's probabilities ---------

def _meta(ds, P, parts):
    rows, k = [], 0
    for d in ds:
        p = P[k:k + len(d.candidates)]
        k += len(d.candidates)
        n, paras, zero = len(p), [c.sentence.paragraph for c in d.candidates], np.zeros(P.shape[1])
        logit = np.log((p + 1e-4) / (1 - p + 1e-4))
        for i in range(n):
            f = [logit[i]]
            others = np.delete(p, i, 0)
            if "article" in parts:
                f += [others.mean(0) if n > 1 else zero, others.max(0) if n > 1 else zero]
            if "neighbours" in parts:
                f += [p[i - 1] if i and paras[i - 1] == paras[i] else zero,
                      p[i + 1] if i + 1 < n and paras[i + 1] == paras[i] else zero]
            if "paragraph" in parts:
                same = [j for j in range(n) if paras[j] == paras[i] and j != i]
                f += [p[same].max(0) if same else zero]
            rows.append(np.concatenate(f))
    return np.array(rows)


def stacked(*parts):
    def model(data, train, test, cfg):
        annotated = [d for d in train if d.origin == "annotation"]
        a, b = matrices(data, train, test, cfg)
        first = fitpred(a, targets(data.taxonomy, train)["motive"], b, cfg)

        def predict(tr, te):
            x, y = matrices(data, tr, te, cfg)
            return fitpred(x, targets(data.taxonomy, tr)["motive"], y, cfg)
        oof, keep = inner(data, train, cfg, predict)
        Mtr, Mte = _meta(annotated, oof[keep], parts), _meta(test, first, parts)
        Y = targets(data.taxonomy, annotated)["motive"]
        groups = np.array(targets(data.taxonomy, annotated)["groups"])
        P, Pin = np.zeros((len(Mte), Y.shape[1])), np.zeros(Y.shape)
        for j in range(Y.shape[1]):
            P[:, j] = LogisticRegression(max_iter=5000).fit(Mtr, Y[:, j]).predict_proba(Mte)[:, 1]
            for tr_i, te_i in GroupKFold(5).split(Mtr, groups=groups):
                Pin[te_i, j] = LogisticRegression(max_iter=5000).fit(Mtr[tr_i], Y[tr_i, j]).predict_proba(Mtr[te_i])[:, 1]
        return P, choose(Pin, Y, cfg)
    return model


def _dev(d):
    return d.origin == "annotation" and not d.group[:1].isdigit()


# name -> (headlines labelled, configuration)
CONFIGURATIONS = {
    "no-headlines": (False, {}),
    "no-headlines/per-label-thresholds": (False, {"threshold": "per-label"}),
    "no-headlines/balanced": (False, {"cw": "balanced"}),
    "no-headlines/C=0.05": (False, {"C": 0.05}),
    "no-headlines/C=0.2": (False, {"C": 0.2}),
    "no-headlines/term-weight-7": (False, {"tw": 7.0}),
    "no-headlines/term-weight-14": (False, {"tw": 14.0}),
    "no-headlines/terms-in-3": (False, {"min_df": 3}),
    "no-headlines/characters": (False, {"extra": [characters(3, 5, 5.0)]}),
    "no-headlines/characters-not-words": (False, {"extra": [characters(3, 5, 10.0)], "settings": Settings(terms=False)}),
    "no-headlines/previous-words": (False, {"extra": [context_words("previous", 5.0)]}),
    "no-headlines/previous-any-words": (False, {"extra": [context_words("previous-any", 5.0)]}),
    "no-headlines/next-words": (False, {"extra": [context_words("next", 5.0)]}),
    "no-headlines/headline-words-3": (False, {"extra": [context_words("headline", 3.0)]}),
    "no-headlines/headline-words-6": (False, {"extra": [context_words("headline", 6.0)]}),
    "no-headlines/paragraph-words": (False, {"extra": [context_words("paragraph", 5.0)]}),
    "no-headlines/cues-before": (False, {"extra": [context_cues("before")]}),
    "no-headlines/cues-next": (False, {"extra": [context_cues("next")]}),
    "no-headlines/cues-paragraph": (False, {"extra": [context_cues("paragraph")]}),
    "no-headlines/cues-headline": (False, {"extra": [context_cues("headline")]}),
    "no-headlines/cues-share": (False, {"extra": [context_cues("share")]}),
    "no-headlines/cues-anaphor": (False, {"extra": [context_cues("anaphor")]}),
    "headlines/headline-cues-x-partial-cues": (True, {"extra": [context_cues("headline-x-partial")]}),
    "headlines/article-share-x-partial-cues": (True, {"extra": [context_cues("share-x-partial")]}),
    "no-headlines/stacked": (False, {"model": stacked()}),
    "no-headlines/stacked-article": (False, {"model": stacked("article")}),
    "no-headlines/stacked-neighbours": (False, {"model": stacked("neighbours")}),
    "no-headlines/stacked-article-neighbours": (False, {"model": stacked("article", "neighbours")}),
    "no-headlines/stacked-all": (False, {"model": stacked("article", "neighbours", "paragraph")}),
    "no-headlines/dev-2x": (False, {"weight": lambda d: 2.0 if _dev(d) else 1.0}),
    "no-headlines/seeds-0.5x": (False, {"weight": lambda d: 0.5 if d.origin == "annotation" and not _dev(d) else 1.0}),
    "no-headlines/examples-3x": (False, {"weight": lambda d: 3.0 if d.origin == "examples" else 1.0}),
    "headlines": (True, {}),
    "headlines/l1-C=0.3": (True, {"penalty": "l1", "C": 0.3}),
    "headlines/l1-C=1": (True, {"penalty": "l1", "C": 1.0}),
    "headlines/terms-selected-500": (True, {"select": 500}),
    "headlines/terms-selected-1500": (True, {"select": 1500}),
    "headlines/C-per-motive-by-inner-CV": (True, {"model": per_label_C()}),
    "headlines/svm-C=0.01": (True, {"svm": 0.01}),
    "headlines/svm-C=0.003": (True, {"svm": 0.003}),
    "headlines/terms-in-3": (True, {"min_df": 3}),
    "headlines/balanced": (True, {"cw": "balanced"}),
    "headlines/terms-in-3-balanced": (True, {"min_df": 3, "cw": "balanced"}),
    "headlines/argmax-threshold": (True, {"threshold": "argmax", "grid": GRID}),
    "headlines/smoothed-threshold": (True, {"threshold": "smoothed", "grid": GRID}),
    "headlines/within-0.01-threshold": (True, {"threshold": "within0.01", "grid": GRID}),   # shipped
    "headlines/article-weighted-threshold": (True, {"threshold": "article-weighted", "grid": GRID}),
    "headlines/article-weighted-threshold-fine": (True, {"threshold": "article-weighted"}),
    "headlines/within-0.02-threshold": (True, {"threshold": "within0.02", "grid": GRID}),
}


def partitions(data, k: int) -> list[list[set]]:
    """The default folds, then ``k - 1`` random partitions of the articles into as many folds
    (seeds 1, 2, ...): a gain must hold whichever articles share a fold."""
    groups = sorted({d.group for d in data.docs if d.origin == "annotation"})
    out = [data.folds]
    for seed in range(1, k):
        order = np.random.RandomState(seed).permutation(len(groups))
        out.append([{groups[i] for i in order[f::len(data.folds)]} for f in range(len(data.folds))])
    return out


def repeated(name, data, cfg, k: int) -> str:
    """Overall, seeds and dev motive F1 on each of ``k`` partitions, and their means."""
    default, figures = data.folds, []
    try:
        for folds_ in partitions(data, k):
            data.folds = folds_
            res = cv(data, cfg)
            figures.append([res[s]["motive (micro)"].f1 for s in ("overall", "seeds", "dev")])
    finally:
        data.folds = default
    each = " ".join("/".join(f"{v:.3f}" for v in row) for row in figures)
    mean = "/".join(f"{v:.3f}" for v in np.mean(figures, axis=0))
    return f"{name:44} mean {mean} (overall/seeds/dev) | {each}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--partitions", type=int, default=1, metavar="K",
                        help="the default folds and K-1 random partitions of the articles, with the means")
    args = parser.parse_args(argv)
    import session3   # session 3's configurations (it imports this module: not at the top)
    CONFIGURATIONS.update(session3.CONFIGURATIONS)
    if args.list:
        print("\n".join(CONFIGURATIONS))
        return 0
    names = args.names or list(CONFIGURATIONS)
    unknown = [n for n in names if n not in CONFIGURATIONS]
    if unknown:
        parser.error(f"unknown configuration: {', '.join(unknown)} (see --list)")
    data = {}
    with threadpool_limits(1):
        for name in names:
            headlines, cfg = CONFIGURATIONS[name]
            if headlines not in data:
                data[headlines] = Data(("title", "body") if headlines else ("body",))
            if args.partitions > 1:
                print(repeated(name, data[headlines], cfg, args.partitions), flush=True)
            else:
                print(line(name, data[headlines], cv(data[headlines], cfg)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
