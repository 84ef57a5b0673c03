"""Session 3's configurations for ``compare.py`` (docs/learning.md, "Session 3"): concept
features added as a dense block (the sentence's place in the article, a "Russia and the Taliban
and a reason" frame, a quotation running on from an earlier sentence, the subject times the
partial cues), label-aware use of the wordllama vectors (similarity to each motive's training
positives and taxonomy examples), and late fusion (one model per view, their logits averaged).

Each block is fitted on the training articles only: a centroid of positives that a training
row sees leaves out that row's own article.
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

import compare as C
from generator.extract.features import _REASON
from generator.learn.train import targets

_EMBEDDER: list = []


def vectors(d) -> np.ndarray:
    """The wordllama unit vectors of a document's candidates (computed once per document)."""
    if "vectors" not in d.cache:
        if not _EMBEDDER:
            from generator.extract import embedder
            _EMBEDDER.append(embedder.load())
        d.cache["vectors"] = np.asarray(_EMBEDDER[0].embed(d.texts), dtype=np.float64).reshape(len(d.texts), -1)
    return d.cache["vectors"]


def stacked_vectors(ds) -> np.ndarray:
    return np.vstack([vectors(d) for d in ds])


# ---- dense concept blocks (standardised on the training rows) ----------------------------

def rows_block(fn):
    def block(data, train, test):
        A = np.vstack([fn(data, d) for d in train])
        B = np.vstack([fn(data, d) for d in test])
        mu, sd = A.mean(0), A.std(0)
        sd[sd == 0] = 1
        return (A - mu) / sd, (B - mu) / sd
    return block


def position(*parts):
    """0: index among the candidates (capped at 30, over 30); 1: among the first three;
    2: the document has fewer than 40 candidates (the dev set's pages are cut at ~2,000 bytes)."""
    def fn(data, d):
        n = len(d.candidates)
        return np.array([[min(i, 30) / 30, float(i < 3), float(n < 40)] for i in range(n)])[:, list(parts)]
    return fn


def frame(data, d):
    """Names the subject and the Taliban; and gives a reason; the subject and a reason."""
    s, out = data.taxonomy.subject, []
    for c in d.candidates:
        has, taliban = s in c.actors, "taliban" in c.actors
        reasons = any(w in _REASON for w in c.words)
        out.append([float(has and taliban), float(has and taliban and reasons), float(has and reasons)])
    return np.array(out)


def quotation_runs_on(data, d):
    """Inside a quotation that opened in an earlier sentence of the same paragraph."""
    out, inside, paragraph = [], False, None
    for c in d.candidates:
        t = c.sentence.text
        if c.sentence.paragraph != paragraph:
            inside, paragraph = False, c.sentence.paragraph
        out.append([float(inside)])
        opening, closing = t.count("“"), t.count("”")
        if opening or closing:
            inside = opening > closing or (inside and closing <= opening)
        elif t.count('"') % 2:
            inside = not inside
    return np.array(out)


def subject_times_cues(data, d):
    """Each motive's partial cues, once where the sentence names the subject, once where not."""
    s, out, n = data.taxonomy.subject, [], len(data.motives)
    for c in d.candidates:
        has = float(s in c.actors)
        partial = C._partial(data, c.hits)[:n]
        out.append(np.concatenate([has * partial, [has * float(any(w in _REASON for w in c.words))],
                                   (1 - has) * partial]))
    return np.array(out)


def both(*fns):
    return lambda data, d: np.hstack([f(data, d) for f in fns])


# ---- the wordllama vectors, label-aware -----------------------------------------------

def similarities(weight):
    """Cosine to the centroid of each motive's training positives (a training row: the centroid
    without its own article) and the highest cosine to each motive's taxonomy examples."""
    def block(data, train, test):
        Y = targets(data.taxonomy, train)["motive"]
        X = stacked_vectors(train)
        groups = np.array([d.group for d in train for _ in d.candidates])

        def centroids(mask):
            out = []
            for j in range(Y.shape[1]):
                s = X[mask & (Y[:, j] == 1)].sum(0)
                out.append(s / (np.linalg.norm(s) or 1.0))
            return np.array(out)
        A = np.zeros((len(X), Y.shape[1]))
        for g in np.unique(groups):
            A[groups == g] = X[groups == g] @ centroids(groups != g).T
        B = stacked_vectors(test) @ centroids(np.ones(len(X), bool)).T
        examples = [d for d in train if d.origin == "examples"]
        E = stacked_vectors(examples)
        EY = np.array([[m in d.labels[0].motives for m in data.motives] for d in examples])

        def nearest(V):
            S = V @ E.T
            return np.column_stack([S[:, EY[:, j]].max(1) if EY[:, j].any() else np.zeros(len(V))
                                    for j in range(EY.shape[1])])
        A, B = np.hstack([A, nearest(X)]), np.hstack([B, nearest(stacked_vectors(test))])
        mu, sd = A.mean(0), A.std(0)
        sd[sd == 0] = 1
        return (A - mu) / sd * weight, (B - mu) / sd * weight
    return block


# ---- late fusion: one logistic regression per view, logits averaged -----------------------

def view_main(data, train, test, cfg):
    return C.matrices(data, train, test, cfg)


def view_vectors(weight):
    return lambda data, train, test, cfg: (stacked_vectors(train) * weight, stacked_vectors(test) * weight)


def view_characters(weight):
    def view(data, train, test, cfg):
        v = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
        a = v.fit_transform([t for d in train for t in d.texts]).toarray()
        return a * weight, v.transform([t for d in test for t in d.texts]).toarray() * weight
    return view


def fusion(*views, Cs=None):
    def model(data, train, test, cfg):
        def predict(tr, te):
            Y, logit = targets(data.taxonomy, tr)["motive"], 0.0
            for k, view in enumerate(views):
                a, b = view(data, tr, te, cfg)
                P = np.clip(C.fitpred(a, Y, b, dict(cfg, C=Cs[k]) if Cs else cfg), 1e-9, 1 - 1e-9)
                logit = logit + np.log(P / (1 - P)) / len(views)
            return 1 / (1 + np.exp(-logit))
        P = predict(train, test)
        Pin, keep = C.inner(data, train, cfg, predict)
        return P, C.choose(Pin[keep], targets(data.taxonomy, train)["motive"][keep], cfg)
    return model


SHIPPED = {"threshold": "within0.01", "grid": C.GRID}
CONFIGURATIONS = {
    "s3/position-index-first3-short": (True, dict(SHIPPED, extra=[rows_block(position(0, 1, 2))])),
    "s3/position-index": (True, dict(SHIPPED, extra=[rows_block(position(0))])),
    "s3/position-first3": (True, dict(SHIPPED, extra=[rows_block(position(1))])),
    "s3/position-short": (True, dict(SHIPPED, extra=[rows_block(position(2))])),
    "s3/position-index-first3": (True, dict(SHIPPED, extra=[rows_block(position(0, 1))])),
    "s3/position+frame": (True, dict(SHIPPED, extra=[rows_block(both(position(0, 1), frame))])),
    "s3/position+quotation": (True, dict(SHIPPED, extra=[rows_block(both(position(0, 1), quotation_runs_on))])),
    "s3/subject-x-cues": (True, dict(SHIPPED, extra=[rows_block(subject_times_cues)])),
    "s3/similarities": (True, dict(SHIPPED, extra=[similarities(1.0)])),
    "s3/similarities-3": (True, dict(SHIPPED, extra=[similarities(3.0)])),
    "s3/fusion-vectors-16": (True, dict(SHIPPED, model=fusion(view_main, view_vectors(16.0)))),
    "s3/fusion-vectors-1-C=10": (True, dict(SHIPPED, model=fusion(view_main, view_vectors(1.0), Cs=[0.1, 10.0]))),
    "s3/fusion-characters": (True, dict(SHIPPED, model=fusion(view_main, view_characters(10.0)))),
}


# ---- positives the sentence cannot show: down-weighted after an inner pass ------------------

def cleaned(below: float, weight: float):
    """Fit, take the training articles' out-of-fold probabilities (5 inner folds), give the
    positives of a motive whose probability stays under ``below`` (labels that rest on the
    article's context, not on the sentence's words) ``weight``, and fit again per motive."""
    def model(data, train, test, cfg):
        def predict(tr, te, sample=None):
            a, b = C.matrices(data, tr, te, cfg)
            Y = targets(data.taxonomy, tr)["motive"]
            if sample is None:
                return C.fitpred(a, Y, b, cfg)
            return np.column_stack([C.fitpred(a, Y[:, [j]], b, cfg, sample[:, j])[:, 0] for j in range(Y.shape[1])])

        def weights_of(tr):
            Pin, keep = C.inner(data, tr, cfg, predict)
            Y = targets(data.taxonomy, tr)["motive"]
            return np.where((Y == 1) & (Pin < below) & keep[:, None], weight, 1.0)

        def refit(tr, te):
            return predict(tr, te, weights_of(tr))
        P = refit(train, test)
        Pin, keep = C.inner(data, train, cfg, refit)
        return P, C.choose(Pin[keep], targets(data.taxonomy, train)["motive"][keep], cfg)
    return model


CONFIGURATIONS.update({
    "s3/cleaned-0.05-weight-0": (True, dict(SHIPPED, model=cleaned(0.05, 0.0))),
    "s3/cleaned-0.05-weight-0.3": (True, dict(SHIPPED, model=cleaned(0.05, 0.3))),
    "s3/cleaned-0.1-weight-0": (True, dict(SHIPPED, model=cleaned(0.1, 0.0))),
})
