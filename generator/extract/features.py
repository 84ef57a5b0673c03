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
from operator import itemgetter

from ..briefs.model import record
from ..text.cues import tokenize

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
ANAPHOR = re.compile(r"^[\W_]*(this|these|that|those|it|they|such|the group|the move|the decision)\b", re.I)
OPENING_QUOTE = "“\"‘'"
STEM_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
LABELLED_ROLES = ("title", "body")   # the paragraphs whose sentences the classifier labels
SENTENCE_FEATURES = ("headline", "first_paragraph", "opens_paragraph", "names_subject", "actors",
                     "reason_words", "contrast_words", "opens_with_quote", "opens_with_anaphor",
                     "question", "length")


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


@record
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
    """One row of dense features per candidate (``dense_names`` order)."""
    keys = label_keys(taxonomy)
    place = {(kind, item.id): (3 * k, _cue_keys(kind, item.id, item.cues)) for k, (kind, item) in enumerate(keys)}
    subject = taxonomy.subject
    rows, previous = [], None
    nothing = [0.0] * (3 * len(keys))
    for c in cands:
        fired = nothing
        if c.hits:   # most sentences touch no label, the others one or two: only theirs change
            fired = nothing.copy()
            for key in {key[:2] for key in c.hits}:
                if key in place:
                    k, probes = place[key]
                    fired[k:k + 3] = _fires(c.hits, *probes)
        row = fired.copy() if settings.cues else []
        if settings.sentence:
            row += _sentence(c, subject)
        if settings.context:
            same_paragraph = previous is not None and previous[0] == c.sentence.paragraph
            row += previous[1][0::3] if same_paragraph else nothing[:len(keys)]
        previous = (c.sentence.paragraph, fired)
        rows.append(row)
    return rows


def _sentence(c: Candidate, subject: str | None) -> list[float]:
    text = c.sentence.text
    stripped = text.strip()
    w = c.words
    # counted in C (map over the sets' membership test), each occurrence once
    reasons = sum(map(_REASON.__contains__, w)) + sum(map(_REASON_PAIRS.__contains__, zip(w, w[1:])))
    contrasts = sum(map(_CONTRAST.__contains__, w))
    return [float(c.body_paragraph == 0), float(c.body_paragraph == 1), float(c.opens_paragraph),
            float(subject is not None and subject in c.actors), min(len(c.actors), 5) / 5,
            min(reasons, 3) / 3, min(contrasts, 3) / 3,
            float(stripped[:1] in OPENING_QUOTE), float(bool(ANAPHOR.match(stripped))),
            float(stripped.rstrip("”\"’')").endswith("?")), min(len(text.split()), 60) / 60]


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
