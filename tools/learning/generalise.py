"""Session 16's candidates: can the classifier carry what it learnt to words it never saw?
Registered in ``variants.VARIANTS`` (``heldout.py`` / ``partitions.py --variant NAME``).

- ``clusters-K`` (K = 100, 200, 400): every stemmed word that wordllama's tokenizer holds as one
  whole-word token (8,512 stems, their token vectors averaged per stem) is put in one of K
  groups by k-means (scikit-learn, ``random_state=0``); a sentence's terms gain one term per
  word's group (``\\x02c<id>``), so an unseen word near a trained one fires the same term.
  ``clusters-K-pairs`` adds the pairs of adjacent groups; ``clusters-K-all`` also groups the
  words wordllama splits into several tokens (their tokens' vectors averaged), looked up on
  demand (an upper bound: extraction would need wordllama loaded).
- ``stem-snowball``: the terms and the concept lexicons stemmed by Snowball's English stemmer
  (``snowballstemmer``) instead of the light suffix stripper; ``stem-trunc6``: the light stem
  cut to its first six letters.
- ``bag-B``: every logistic head is the average of B fits on bootstrap samples of the training
  articles (coefficients averaged: one linear head, no cost at extraction); ``bag-B-final``:
  the final heads only, the inner folds that choose the thresholds unbagged.

All were measured on main 6148fd2 (docs/learning.md, session 16; nothing shipped). The
``clusters-*`` variants patch ``features.words``: ``heldout.py`` and (since this session)
``partitions.py`` read the documents inside the variant. The groups built into the classifier
(``Settings.groups``, the table in the model) are on the branch ``motives-groups``.
"""
from __future__ import annotations

import numpy as np

import generator.extract.features as features
import generator.learn.train as train

SEP = "\x01"         # between a sentence's words and its groups: never a term, breaks pairs
GROUP = "\x02c"      # a group's term


# ---- word clusters ---------------------------------------------------------------------------

_TABLES: dict = {}


def _token_vectors():
    from generator.extract import embedder
    inf = embedder.load().inference
    return inf, np.asarray(inf.embedding, dtype=np.float64)


def cluster_table(k: int, seed: int = 0) -> tuple[dict, np.ndarray]:
    """(stem -> group, the groups' centroids), from wordllama's whole-word tokens."""
    if (k, seed) in _TABLES:
        return _TABLES[(k, seed)]
    from sklearn.cluster import KMeans
    inf, E = _token_vectors()
    ids: dict = {}
    for token, i in inf.tokenizer.get_vocab().items():
        word = token[1:]
        if token.startswith("\u2581") and word.isascii() and word.isalpha() and len(word) >= 3:
            ids.setdefault(features._stem(word.lower()), []).append(i)
    stems = sorted(ids)
    V = np.array([E[ids[s]].mean(axis=0) for s in stems])
    V /= np.linalg.norm(V, axis=1, keepdims=True)
    km = KMeans(n_clusters=k, random_state=seed, n_init=4).fit(V)
    centroids = km.cluster_centers_ / np.linalg.norm(km.cluster_centers_, axis=1, keepdims=True)
    _TABLES[(k, seed)] = ({s: int(c) for s, c in zip(stems, km.labels_)}, centroids)
    return _TABLES[(k, seed)]


def _on_demand(k: int):
    """Group of any word: the table's, else the nearest centroid to its tokens' mean vector."""
    table, centroids = cluster_table(k)
    inf, E = _token_vectors()
    memo: dict = {}

    def group(stem: str, word: str):
        if stem in table:
            return table[stem]
        if word not in memo:
            tokens = [i for i in inf.tokenizer.encode(word, add_special_tokens=False).ids]
            if not tokens or not word.isalpha():
                memo[word] = None
            else:
                v = E[tokens].mean(axis=0)
                memo[word] = int(np.argmax(centroids @ (v / (np.linalg.norm(v) or 1.0))))
        return memo[word]
    return group


def clusters(k: int, pairs: bool = False, every_word: bool = False, seed: int = 0):
    def apply(stack):
        from variants import patched
        from generator.text.cues import tokenize
        table, _ = cluster_table(k, seed)
        lookup = _on_demand(k) if every_word else (lambda stem, word: table.get(stem))
        original_words, original_terms = features.words, features.terms

        def words(text: str):
            stems = original_words(text)
            lowered = [t[1] for t in tokenize(text)]
            groups = [lookup(s, w) for s, w in zip(stems, lowered)]
            return stems + (SEP,) + tuple(f"{GROUP}{g}" for g in groups if g is not None)

        def terms(stemmed):
            if SEP not in stemmed:
                return original_terms(stemmed)
            cut = stemmed.index(SEP)
            ws, gs = stemmed[:cut], stemmed[cut + 1:]
            out = original_terms(ws) + list(gs)
            if pairs:
                out += [f"{a} {b}" for a, b in zip(gs, gs[1:])]
            return out
        stack.enter_context(patched(features, "words", words))
        stack.enter_context(patched(features, "terms", terms))
        stack.enter_context(patched(train, "terms", terms))
    return apply


# ---- stemming --------------------------------------------------------------------------------

def _restem(stem_fn) -> None:
    """Stem with ``stem_fn``: the memo emptied, the concept lexicons stemmed again."""
    f = features
    f._stem = stem_fn
    f._STEMS.clear()
    f._REASON = frozenset(stem_fn(w) for w in f.REASON_WORDS)
    f._REASON_PAIRS = frozenset(tuple(map(stem_fn, p.split())) for p in f.REASON_PAIRS)
    f._CONTRAST = frozenset(stem_fn(w) for w in f.CONTRAST_WORDS)
    f._OBJECTION = frozenset(stem_fn(w) for w in f.OBJECTION_WORDS)
    f._WORD_KINDS.clear()
    for kind, ws in ((f._REASON_WORD, f._REASON), (f._CONTRAST_WORD, f._CONTRAST),
                     (f._PAIR_FIRST, {first for first, _ in f._REASON_PAIRS}), (f._OBJECTION_WORD, f._OBJECTION)):
        for w in ws:
            f._WORD_KINDS[w] = f._WORD_KINDS.get(w, 0) | kind


def stemmer(name: str):
    def apply(stack):
        light = features._stem
        if name == "snowball":
            import snowballstemmer
            snow = snowballstemmer.stemmer("english")

            def stem_fn(word: str) -> str:
                return "0" if word[:1].isdigit() else snow.stemWord(word)
        else:
            def stem_fn(word: str) -> str:
                return light(word)[:6]
        saved = (features._REASON, features._REASON_PAIRS, features._CONTRAST, features._OBJECTION,
                 dict(features._WORD_KINDS))

        def undo():
            features._stem = light
            features._STEMS.clear()
            (features._REASON, features._REASON_PAIRS, features._CONTRAST, features._OBJECTION) = saved[:4]
            features._WORD_KINDS.clear()
            features._WORD_KINDS.update(saved[4])
        _restem(stem_fn)
        stack.callback(undo)
    return apply


# ---- bagging ---------------------------------------------------------------------------------

_STATE: dict = {"groups": None, "inner": False}


def _bagged_fit(fit_binary, X, groups, y, C, weight, bags: int):
    """The mean of ``bags`` fits, each on a bootstrap sample of the articles (``groups``), with a 0
    weight for the articles' column the caller took off."""
    present = np.unique(groups)
    coef, intercept, n = np.zeros(X.shape[1]), 0.0, 0
    for seed in range(bags):
        drawn = np.random.RandomState(seed).randint(0, len(present), len(present))
        counts = np.bincount(drawn, minlength=len(present)).astype(np.float64)
        rows_w = counts[np.searchsorted(present, groups)] * (1.0 if weight is None else weight)
        keep = rows_w > 0
        if y[keep].min() == y[keep].max():
            continue   # a bag without this label's positives (or negatives) learns nothing
        w, b = fit_binary(X[keep], y[keep], C, rows_w[keep])
        coef += w
        intercept += b
        n += 1
    if n == 0:
        w, b = fit_binary(X, y, C, weight)
        return list(w) + [0.0], b
    return list(coef / n) + [0.0], intercept / n


def bagging(bags: int, final_only: bool = False):
    """Each head the mean of ``bags`` fits on bootstrap samples of the articles. The articles
    ride along as a last column of X (``_scaled``), which ``_binary`` takes off before fitting
    and which the stored heads lose (its weight 0)."""
    def apply(stack):
        from variants import patched
        original_targets, original_scaled = train.targets, train._scaled
        original_binary, original_fit, original_thresholds = train._binary, train._fit, train._thresholds

        def targets(taxonomy, docs):
            y = original_targets(taxonomy, docs)
            names = sorted(set(y["groups"]))
            code = {g: i for i, g in enumerate(names)}
            _STATE["groups"] = np.array([code[g] for g in y["groups"]], dtype=np.float64)
            return y

        def scaled(D, term_lists, own, config):
            mean, scale, blocks, vocabulary, idf = original_scaled(D, term_lists, own, config)
            return mean, scale, blocks + [_STATE["groups"][:, None]], vocabulary, idf

        def binary(X, y, C, weight=None):
            g, Xf = X[:, -1].astype(int), X[:, :-1]
            if final_only and _STATE["inner"]:
                w, b = original_binary(Xf, y, C, weight)
                return list(w) + [0.0], b
            return _bagged_fit(original_binary, Xf, g, y, C, weight, bags)

        def thresholds(*args, **kwargs):
            _STATE["inner"] = True
            try:
                return original_thresholds(*args, **kwargs)
            finally:
                _STATE["inner"] = False

        def fit(taxonomy, docs, config, embedder, thresholds_wanted):
            model = original_fit(taxonomy, docs, config, embedder, thresholds_wanted)
            for head in model["heads"].values():
                head["coef"] = [row[:-1] for row in head["coef"]]
            return model
        stack.enter_context(patched(train, "targets", targets))
        stack.enter_context(patched(train, "_scaled", scaled))
        stack.enter_context(patched(train, "_binary", binary))
        stack.enter_context(patched(train, "_thresholds", thresholds))
        stack.enter_context(patched(train, "_fit", fit))
    return apply


VARIANTS = {
    **{f"clusters-{k}": clusters(k) for k in (100, 200, 400)},
    **{f"clusters-{k}-pairs": clusters(k, pairs=True) for k in (100, 200, 400)},
    **{f"clusters-{k}-all": clusters(k, every_word=True) for k in (100, 200, 400)},
    **{f"clusters-200-s{seed}": clusters(200, seed=seed) for seed in (1, 2, 3)},
    **{f"clusters-200-pairs-s{seed}": clusters(200, pairs=True, seed=seed) for seed in (1, 2, 3)},
    "stem-snowball": stemmer("snowball"),
    "stem-trunc6": stemmer("trunc6"),
    **{f"bag-{b}": bagging(b) for b in (5, 10, 20)},
    **{f"bag-{b}-final": bagging(b, final_only=True) for b in (5, 10, 20)},
}
