"""What the sentence classifier sees of a sentence: the same code for training and extraction.

Per candidate sentence (the headline's and the body's sentences of a document: the site anchors
those, and every item must link to its sentence; reference annotations label headlines too):

- **cues**: for every motive and counterargument of the taxonomy, whether its cues fire, the
  share of its ``all`` groups found, whether an ``any`` cue is there (the lexicon as evidence
  the model weighs, not as the decision);
- **sentence**: its place (the headline, the first paragraph, opening a paragraph), whether it
  names the briefing's subject (``taxonomy.subject``), how many actors it names, words that give
  reasons ("because", "seeks", "interests"), contrast and concession markers ("however", "the
  notion that", "cannot"), an opening quotation mark or anaphor ("This", "These"), a question,
  its length;
- **context**: which cues fired in the sentence before (articles state a reason, then unfold it);
- **terms**: its words, lightly stemmed, and word pairs (the model's vocabulary picks the ones
  seen in several training sentences);
- optionally **embedding**: the sentence's wordllama vector (``embedder.py``).

Nothing here reads a file; the embedding, when the settings ask for it, is computed by the
embedder the caller hands in, one batched call per document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

import numpy as np

from ..text.cues import tokenize
from ..text.marks import END_MARK
from .terms import SENTENCE_END as _SENTENCE_END

# concept lexicons (stemmed, like the terms): words by which a sentence gives a reason, or
# argues against one
REASON_WORDS = """because reason interest want seek sought aim goal motive motivation motivated concern
fear hope benefit strategy strategic calculus desire driven see view consider regard worry priority
objective purpose why gain leverage opportunity intention ambition calculation need pragmatic""".split()
REASON_PAIRS = ("in order", "so as", "count on", "sake of")
CONTRAST_WORDS = """however but yet although though despite nevertheless nonetheless notion claim myth not
no never cannot can't won't doesn't isn't risk danger dangerous instead rather fail doubt doubtful
sceptical skeptical questionable unlikely mistake wrong critic criticise criticize criticism accuse
undermine backfire naive illusion contrary""".split()
# A third party objects, a risk or harm of the policy, a premise called false or overstated: the
# objections real articles report ("officials warned", "critics condemned"), which the taxonomy's
# argued counterarguments do not name. Written from gold/GUIDE.md's counterargument definition in
# general English (session 3); seen by the counter heads only (``train``: the motive heads are
# fitted with it held at zero).
OBJECTION_WORDS = """object objection oppose opposition opponent protest condemn condemnation denounce
reject dispute disagree critic criticism criticise criticize warn warning caution alarm alarmed
worry worried concern concerned fear unease uneasy anxious anxiety skeptic sceptic
risk risky danger dangerous peril perilous harm harmful damage damaging cost costly backfire
destabilise destabilize undermine jeopardise jeopardize endanger embolden legitimise legitimize
betray betrayal exaggerate exaggerated overstate overstated overblown myth pretext excuse
hypocrisy hypocritical misguided shortsighted short-sighted reckless naive counterproductive
dubious questionable flawed controversial""".split()
ANAPHOR = re.compile(r"^[\W_]*(this|these|that|those|it|they|such|the group|the move|the decision)\b", re.I)
OPENING_QUOTE = "“\"‘'"
STEM_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
LABELLED_ROLES = ("title", "body")   # the paragraphs whose sentences the classifier labels
SENTENCE_FEATURES = ("headline", "first_paragraph", "opens_paragraph", "names_subject", "actors",
                     "reason_words", "contrast_words", "opens_with_quote", "opens_with_anaphor",
                     "question", "length", "objection_words")
COUNTER_ONLY = ("sentence:objection_words",)   # dense features the motive heads never weigh


@dataclass(frozen=True)
class Settings:
    """Which feature blocks a model uses (stored in the model file)."""
    cues: bool = True
    sentence: bool = True
    context: bool = True
    terms: bool = True
    embedding: bool = False

    def as_dict(self) -> dict:
        return {"cues": self.cues, "sentence": self.sentence, "context": self.context,
                "terms": self.terms, "embedding": self.embedding}


# Not a frozen record: one per sentence, made an article, and a frozen class's __init__ sets each
# field through object.__setattr__, several times the work. Nothing changes one once made.
@dataclass(unsafe_hash=True)
class Candidate:
    """A sentence the classifier labels, with what it needs of its document."""
    sentence: object          # briefs.model.Sentence
    body_paragraph: int       # 1-based among body paragraphs; 0 in the headline
    opens_paragraph: bool
    actors: frozenset         # actor ids named in it
    hits: dict                # cue hits: {(kind, label, "any"|"all"|"none", group): [phrase]}
    words: tuple              # ``words(sentence.text)``: its terms are these and their pairs


def labelled_sentences(doc) -> list:
    """The sentences the classifier labels: the headline's and the body's, in order."""
    return [s for p in doc.paragraphs if p.role in LABELLED_ROLES for s in p.sentences]


def candidates(doc, actors_at: dict, hits: dict) -> list[Candidate]:
    """The headline's and body's sentences of ``doc``, in order. ``actors_at``: anchor ->
    {token: (actor, after)}; ``hits``: anchor -> cue hits (as ``CueIndex.match`` gives)."""
    out, body_number = [], 0
    for p in doc.paragraphs:
        if p.role not in LABELLED_ROLES:
            continue
        body_number += p.role == "body"
        for k, s in enumerate(p.sentences):
            out.append(Candidate(s, body_number if p.role == "body" else 0, k == 0,
                                 frozenset(a for a, _ in actors_at.get(s.anchor, {}).values()),
                                 hits.get(s.anchor, {}), words(s.text)))
    return out


def cut_off_at_end(cands: list[Candidate]) -> int | None:
    """The index of the body's last sentence when the text stops inside it (no end mark): an
    excerpt of a page cut at a length, or a page saved half-loaded. What it would have said is
    not there, and the annotations never label it; the classifier gives it nothing."""
    if cands and cands[-1].body_paragraph > 0 and stops_inside(cands[-1].sentence.text):
        return len(cands) - 1
    return None


def stops_inside(sentence: str) -> bool:
    """A sentence with no end mark: cut off when it is the body's last."""
    return not END_MARK.search(sentence)


def label_keys(taxonomy) -> list[tuple[str, object]]:
    """(kind, motive or counterargument) in taxonomy order: the cue block's layout."""
    return [("motive", m) for m in taxonomy.motives] + [("counter", c) for c in taxonomy.counterarguments]


def dense_names(taxonomy, settings: Settings) -> list[str]:
    names = []
    if settings.cues:
        for kind, item in label_keys(taxonomy):
            names += [f"cue:{kind}:{item.id}:{part}" for part in ("fires", "groups", "any")]
    if settings.sentence:
        names += [f"sentence:{n}" for n in SENTENCE_FEATURES]
    if settings.context:
        names += [f"previous:{kind}:{item.id}" for kind, item in label_keys(taxonomy)]
    return names


def cue_fires(cues, hits: dict, kind: str, label: str) -> tuple[float, float, float]:
    """(fires, share of ``all`` groups found, an ``any`` cue found) of one label's cues."""
    return _fires(hits, *_cue_keys(kind, label, cues))


def _cue_keys(kind: str, label: str, cues) -> tuple:
    """The hit keys ``cue_fires`` probes for one label: its ``none`` key, its ``any`` key and
    one key per ``all`` group (made once per document, not once per sentence)."""
    return ((kind, label, "none", 0), (kind, label, "any", 0),
            tuple((kind, label, "all", g) for g in range(len(cues.all))))


def _fires(hits: dict, none_key, any_key, all_keys: tuple) -> tuple[float, float, float]:
    if not hits or none_key in hits:
        return 0.0, 0.0, 0.0
    any_hit = any_key in hits
    groups = len(all_keys)
    found = sum(map(hits.__contains__, all_keys))   # the groups found, counted in C
    fires = any_hit or (groups > 0 and found == groups)
    return float(fires), (found / groups if groups else 0.0), float(any_hit)


def dense_rows(taxonomy, settings: Settings, cands: list[Candidate]) -> list[list[float]]:
    """One row of dense features per candidate (``dense_names`` order): ``dense_matrix``'s rows."""
    return dense_matrix(taxonomy, settings, cands).tolist()


def dense_matrix(taxonomy, settings: Settings, cands: list[Candidate]) -> np.ndarray:
    """The dense features of a document's candidates, ``(len(cands), len(dense_names))``:
    each block built for all the sentences at once (a few numpy passes per document instead of
    a list per sentence converted afterwards); tests hold it to the row-by-row definition."""
    fired = _cue_block(taxonomy, cands)
    blocks = []
    if settings.cues:
        blocks.append(fired)
    if settings.sentence:
        blocks.append(_sentence_block(cands, taxonomy.subject))
    if settings.context:
        blocks.append(_context_block(cands, fired[:, 0::3]))
    if not blocks:
        return np.zeros((len(cands), 0))
    return np.hstack(blocks)


def _cue_block(taxonomy, cands: list[Candidate]) -> np.ndarray:
    """Per label (fires, share of ``all`` groups found, an ``any`` cue found), as ``cue_fires``
    gives them, for all the sentences at once: every hit key of the document is given its
    (label, part) cell in one C-level pass and the cells counted by one ``bincount``."""
    codes, groups = _cue_codes(taxonomy)
    n, labels = len(cands), len(groups)
    found = [key for c in cands for key in c.hits]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.fromiter(map(len, (c.hits for c in cands)),
                                                              dtype=np.int64, count=n))
    code = np.fromiter(map(codes.get, found, repeat(-1)), dtype=np.int64, count=len(found))
    known = code >= 0
    counts = np.bincount(rows[known] * 3 * labels + code[known], minlength=3 * labels * n).reshape(n, labels, 3)
    all_found, any_hit, none_hit = counts[:, :, 0], counts[:, :, 1] > 0, counts[:, :, 2] > 0
    complete = (groups > 0) & (all_found == groups)
    fired = np.empty((n, 3 * labels))
    fired[:, 0::3] = any_hit | complete
    fired[:, 1::3] = np.where(groups > 0, all_found / np.maximum(groups, 1), 0.0)
    fired[:, 2::3] = any_hit
    fired.reshape(n, labels, 3)[none_hit] = 0.0   # a ``none`` cue silences the label
    return fired


def _cue_codes(taxonomy) -> tuple[dict, np.ndarray]:
    """The hit keys ``cue_fires`` probes, each with its cell ``3 * label + part`` (part 0: an
    ``all`` group, 1: ``any``, 2: ``none``), and each label's number of ``all`` groups; made
    once per taxonomy (the last one asked is kept: extraction asks for one, per document)."""
    if _CODES and _CODES[0] is taxonomy:
        return _CODES[1], _CODES[2]
    keys = label_keys(taxonomy)
    codes = {}
    for k, (kind, item) in enumerate(keys):
        none_key, any_key, all_keys = _cue_keys(kind, item.id, item.cues)
        codes.update(dict.fromkeys(all_keys, 3 * k))
        codes[any_key], codes[none_key] = 3 * k + 1, 3 * k + 2
    groups = np.fromiter((len(item.cues.all) for _, item in keys), dtype=np.int64, count=len(keys))
    _CODES[:] = [taxonomy, codes, groups]
    return codes, groups


_CODES: list = []   # [taxonomy, its cue codes, its groups] (``_cue_codes``)


def _context_block(cands: list[Candidate], fires: np.ndarray) -> np.ndarray:
    """Which labels' cues fired in the sentence before, when it is in the same paragraph."""
    paragraphs = np.fromiter((c.sentence.paragraph for c in cands), dtype=np.int64, count=len(cands))
    previous = np.zeros_like(fires)
    same = np.flatnonzero(paragraphs[1:] == paragraphs[:-1]) + 1
    previous[same] = fires[same - 1]
    return previous


def _sentence_block(cands: list[Candidate], subject: str | None) -> np.ndarray:
    """``SENTENCE_FEATURES`` of every candidate; the word counts over the document's words at
    once (each sentence's followed by a mark that is no word, so no pair spans two)."""
    n = len(cands)
    texts = [c.sentence.text for c in cands]
    stripped = list(map(str.strip, texts))
    words: list = []
    for c in cands:
        words += c.words
        words.append(_SENTENCE_END)
    row_of = np.repeat(np.arange(n), np.fromiter(map(len, (c.words for c in cands)), dtype=np.int64, count=n) + 1)
    # each word's kinds in one C-level pass (bits: a reason word, a contrast word, a reason
    # pair's first word); the few pairs that may be reason pairs are then tested one by one
    kind = np.fromiter(map(_WORD_KINDS.get, words, repeat(0)), dtype=np.int64, count=len(words))
    pairs = [at for at in np.flatnonzero(kind & _PAIR_FIRST).tolist()
             if (words[at], words[at + 1]) in _REASON_PAIRS]
    reasons = np.bincount(row_of[(kind & _REASON_WORD) > 0], minlength=n) + np.bincount(row_of[pairs], minlength=n)
    contrasts = np.bincount(row_of[(kind & _CONTRAST_WORD) > 0], minlength=n)
    objections = np.bincount(row_of[(kind & _OBJECTION_WORD) > 0], minlength=n)
    body = np.fromiter((c.body_paragraph for c in cands), dtype=np.int64, count=n)
    out = np.empty((n, len(SENTENCE_FEATURES)))
    out[:, 0] = body == 0
    out[:, 1] = body == 1
    out[:, 2] = np.fromiter((c.opens_paragraph for c in cands), dtype=bool, count=n)
    out[:, 3] = np.fromiter((subject is not None and subject in c.actors for c in cands), dtype=bool, count=n)
    out[:, 4] = np.minimum(np.fromiter((len(c.actors) for c in cands), dtype=np.int64, count=n), 5) / 5
    out[:, 5] = np.minimum(reasons, 3) / 3
    out[:, 6] = np.minimum(contrasts, 3) / 3
    out[:, 7] = np.fromiter((s[:1] in OPENING_QUOTE for s in stripped), dtype=bool, count=n)
    out[:, 8] = np.fromiter((ANAPHOR.match(s) is not None for s in stripped), dtype=bool, count=n)
    out[:, 9] = np.fromiter((s.rstrip("”\"’')").endswith("?") for s in stripped), dtype=bool, count=n)
    out[:, 10] = np.minimum(np.fromiter(map(len, map(str.split, texts)), dtype=np.int64, count=n), 60) / 60
    out[:, 11] = np.minimum(objections, 3) / 3
    return out


def stem(word: str) -> str:
    """A light stemmer: talks ~ talk, hosting ~ host, countries ~ country, 2017 ~ "0"
    (memoised: a few thousand words make up most of any corpus)."""
    return _STEMS[word]


def _stem(word: str) -> str:
    if word[:1].isdigit():
        return "0"   # a number: one token, whatever its value
    for suffix, replacement in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> tuple[str, ...]:
    """The sentence's words, stemmed (numbers as one token "0")."""
    return tuple(map(_STEMS.__getitem__, map(_LOWER, tokenize(text))))


def terms(stemmed: tuple[str, ...]) -> list[str]:
    """What the vocabulary is made of: the stemmed words and the pairs of adjacent ones."""
    return list(stemmed) + [f"{a} {b}" for a, b in zip(stemmed, stemmed[1:])]


class _Stems(dict):
    """Word -> ``_stem`` of it, computed on first use, so that a sentence's words are stemmed
    by one C-level ``map``; started over past 100,000 words (a long-running server)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 100_000:
            self.clear()
        found = self[word] = _stem(word)
        return found


_STEMS = _Stems()
_LOWER = itemgetter(1)   # a token's ``lower``
_REASON = frozenset(_stem(w) for w in REASON_WORDS)
_REASON_PAIRS = frozenset(tuple(map(_stem, p.split())) for p in REASON_PAIRS)
_CONTRAST = frozenset(_stem(w) for w in CONTRAST_WORDS)
_OBJECTION = frozenset(_stem(w) for w in OBJECTION_WORDS)
_REASON_WORD, _CONTRAST_WORD, _PAIR_FIRST, _OBJECTION_WORD = 1, 2, 4, 8
_WORD_KINDS: dict[str, int] = {}
for _kind, _words in ((_REASON_WORD, _REASON), (_CONTRAST_WORD, _CONTRAST),
                      (_PAIR_FIRST, {first for first, _ in _REASON_PAIRS}), (_OBJECTION_WORD, _OBJECTION)):
    for _word in _words:
        _WORD_KINDS[_word] = _WORD_KINDS.get(_word, 0) | _kind
