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

Session 13's counter-only features (each seen by the counter heads alone, the motive heads fitted
with them held at zero), for the classes of the unseen articles' missed counters (session 12):

- ``reported``: an objection word and a reporting word (the taxonomy's ``speech_verbs`` and a few
  verbs of opinion) whose subject is a third party: a word of ``THIRD_PARTY`` ("critics",
  "officials", "rights groups"), a person title or another actor's name among the four words
  before it or the three after it ("..., the ministry said"), and no word of the briefing's
  subject among the three before it.
- ``continued``: the sentence before, in the same paragraph: its objection words and whether it
  reports a third party's objection (its features, never its labels: fold-clean).
- ``concession``: a concession shape (opening "while", "although", "even if"; "at what cost")
  with an objection word, and a turn ("but", "however") followed by an objection word.
- ``headline``: an objection word in the headline.
- ``speaker``: who speaks: a reporting word with a third party as its subject, one with the
  briefing's subject.

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


# ---- session 13: counter-only features for the classes of missed counters ---------------------

THIRD_PARTY = """critic analyst expert observer official government ministry minister diplomat envoy
ambassador lawmaker legislator senator parliament parliamentarian congress spokesman spokeswoman
spokesperson group activist campaigner rights commander general leader president neighbour neighbor
ally allies opposition scholar researcher commentator report study authorities agency council
watchdog un nato west western administration state states country countries capital capitals
embassy military army intelligence source sources""".split()
FRAME_EXTRA = """believe think consider accuse complain urge condemn criticise criticize object question
fear worry doubt charge allege caution""".split()
CONCESSION_OPENERS = "while whilst although though despite even granted admittedly notwithstanding".split()
CONCESSION_PAIRS = (("even", "if"), ("even", "though"), ("what", "cost"), ("the", "expense"))
TURN_WORDS = """but however yet nevertheless nonetheless still""".split()

_LEX: dict = {}


def _lexicon(subject):
    """(frame stems, third-party stems, the subject's stems) from the taxonomy (cached)."""
    if subject in _LEX:
        return _LEX[subject]
    from pathlib import Path
    from generator.briefs.taxonomy import load_taxonomy
    tax = load_taxonomy(Path(__file__).resolve().parents[2] / "briefs" / "taxonomy.yaml")
    st = features._stem
    frame = {"said", "told", "wrote", "accord"}
    for v in list(tax.speech_verbs) + FRAME_EXTRA:
        if " " not in v:
            frame |= {st(v), st(v + "s"), st(v + "ed"), st(v + "ing"), st(v.rstrip("e") + "ing")}
    frame -= {"not", "stat"}   # 'noted' and 'state' stem to a negation and a noun
    third = {st(w) for w in THIRD_PARTY} | {st(t.lower()) for t in tax.person_titles if " " not in t}
    own = set()
    for a in tax.actors:
        names = [a.name, *a.aliases]
        toks = {w for n in names if " " not in n for w in features.words(n)}
        if a.id == subject:
            own |= toks
        else:
            third |= toks
    third -= own
    _LEX[subject] = (frozenset(frame), frozenset(third), frozenset(own))
    return _LEX[subject]


def reported_frame(ws, frame, third, own) -> bool:
    """A reporting word whose subject (the 4 words before it, or the 3 after it: 'said the
    ministry') is a third party, and no word of the briefing's subject right before it."""
    for i, w in enumerate(ws):
        if w in frame:
            before, after = ws[max(0, i - 4):i], ws[i + 1:i + 4]
            if own.intersection(ws[max(0, i - 3):i]):
                continue
            if third.intersection(before) or third.intersection(after):
                return True
    return False


def reported_objection(cands, subject):
    frame, third, own = _lexicon(subject)
    return [[float(any(w in features._OBJECTION for w in c.words)
                   and reported_frame(c.words, frame, third, own))] for c in cands]


def _objection_count(c):
    return min(sum(w in features._OBJECTION for w in c.words), 3) / 3


def objection_continued(cands, subject):
    """The sentence before, in the same paragraph: its objection words, and whether it reports a
    third party's objection (its features, not its labels)."""
    frame, third, own = _lexicon(subject)
    out = []
    for i, c in enumerate(cands):
        p = cands[i - 1] if i and cands[i - 1].sentence.paragraph == c.sentence.paragraph else None
        if p is None:
            out.append([0.0, 0.0])
            continue
        rep = any(w in features._OBJECTION for w in p.words) and reported_frame(p.words, frame, third, own)
        out.append([_objection_count(p), float(rep)])
    return out


def concession_shape(cands, subject):
    """A concession (opening 'while', 'although', 'even if'; 'at what cost', 'the risk') or a
    turn ('but', 'however') followed by an objection word in the same sentence."""
    openers = frozenset(features._stem(w) for w in CONCESSION_OPENERS)
    turns = frozenset(features._stem(w) for w in TURN_WORDS)
    out = []
    for c in cands:
        ws = c.words
        objs = [i for i, w in enumerate(ws) if w in features._OBJECTION]
        conc = bool(ws) and ws[0] in openers or any(p in CONCESSION_PAIRS for p in zip(ws, ws[1:]))
        turn = any(w in turns and any(j > i for j in objs) for i, w in enumerate(ws))
        out.append([float(conc and bool(objs)), float(turn)])
    return out


def frames(ws, frame, third, own) -> tuple[bool, bool]:
    """(a reporting word whose subject is a third party, one whose subject is the briefing's
    subject): who speaks, by the words around each reporting word."""
    by_third = by_own = False
    for i, w in enumerate(ws):
        if w in frame:
            near = ws[max(0, i - 3):i] + ws[i + 1:i + 3]
            if own.intersection(near):
                by_own = True
            elif third.intersection(ws[max(0, i - 4):i]) or third.intersection(ws[i + 1:i + 4]):
                by_third = True
    return by_third, by_own


def speaker_frames(cands, subject):
    frame, third, own = _lexicon(subject)
    return [list(map(float, frames(c.words, frame, third, own))) for c in cands]


def headline_objection(cands, subject):
    return [[float(c.body_paragraph == 0 and any(w in features._OBJECTION for w in c.words))] for c in cands]


def _counter_columns(names, fn):
    def apply(stack):
        sentence_columns(stack, names, fn)
        hidden_from_motives(stack, names)
    return apply


VARIANTS = {
    "one-motive": _one_motive,
    "cut-last-feature": _cut_last_feature,
    "no-motive-on-counter": _rule(False),
    "counter-over-motive": _rule(True),
    "position": _position,
    "paragraph-subject": _paragraph_subject,
    "contrast-after-reason": _contrast_after_reason,
    "reported": _counter_columns(("reported_objection",), reported_objection),
    "continued": _counter_columns(("previous_objection_words", "previous_reported_objection"),
                                  objection_continued),
    "concession": _counter_columns(("concession_objection", "turn_objection"), concession_shape),
    "speaker": _counter_columns(("third_party_speaks", "subject_speaks"), speaker_frames),
    "headline": _counter_columns(("headline_objection",), headline_objection),
}


def _session16() -> dict:
    """Session 16's word clusters, stemmers and bagging (``generalise.py``)."""
    import generalise
    return generalise.VARIANTS


VARIANTS.update(_session16())


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
