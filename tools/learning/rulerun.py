"""One run of the rule-based extractors over the annotated articles (seeds and dev set), in
memory, with what ``audit.py`` compares between runs: every sentence's outputs (quotes with
their speakers, dated events, actor mentions, the lines ingest removed) and which reference
items came out right (gold/SCORING.md's matching, item by item rather than counted).

The motive and counterargument classifier is not run: these are the rules' outputs alone.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from generator.briefs.taxonomy import load_taxonomy  # noqa: E402
from generator.extract import Extractor  # noqa: E402
from generator.ingest.articles import read_article  # noqa: E402
from generator.ingest.segment import segment  # noqa: E402
from generator.learn.annotations import collapse, load_annotation  # noqa: E402
from generator.learn.score import Count, Scorer, _overlap  # noqa: E402
from generator.text.cues import tokenize  # noqa: E402

SETS = (("seeds", REPO / "gold" / "seeds.yaml", REPO / "seeds"),
        ("dev", REPO / "gold" / "dev" / "dev.yaml", REPO / "gold" / "dev" / "texts"))
SCANNED = ("title", "subtitle", "body")


@dataclass
class Corpus:
    """The annotated articles: (set name, scorer, gold source) of each, and the taxonomy."""
    sources: list
    taxonomy: object
    docs: dict = field(default_factory=dict)   # source id -> segmented Document (a plain run's)

    @classmethod
    def load(cls, taxonomy_path: Path = REPO / "briefs" / "taxonomy.yaml") -> "Corpus":
        sources = []
        for name, gold, texts in SETS:
            annotation = load_annotation(gold, texts)
            scorer = Scorer(annotation)
            sources += [(name, scorer, g) for g in annotation.sources]
        return cls(sources, load_taxonomy(taxonomy_path))


@dataclass
class Run:
    """What one run gave: the outputs per sentence ``(source, sentence start) -> frozenset``,
    the reference items it got right, its wrong predictions, and the counts per measure."""
    outputs: dict
    right: set
    wrong: set
    counts: dict                 # (set name, measure) -> Count
    leaks: dict                  # set name -> reference boilerplate lines left in a sentence

    def figures(self, name: str | None = None) -> dict:
        """F1 per measure over one set (``seeds``, ``dev``) or both, and the leaks."""
        out = {}
        for kind in ("quote", "event", "actor"):
            total = Count()
            for (n, k), c in self.counts.items():
                if k == kind and name in (None, n):
                    total.add(c)
            out[kind] = round(total.f1, 3)
        out["leaks"] = sum(v for n, v in self.leaks.items() if name in (None, n))
        return out


def read(corpus: Corpus, reread: bool) -> dict:
    """Each source's Document: read and segmented again when ``reread`` (an ingest rule is
    changed), else the plain run's."""
    if reread or not corpus.docs:
        docs = {g.id: segment(read_article(g.path)) for _, _, g in corpus.sources}
        if not corpus.docs:
            corpus.docs = docs
        return docs
    return corpus.docs


def run(corpus: Corpus, taxonomy=None, reread: bool = False) -> Run:
    """The rules over every annotated article, with ``taxonomy`` (default: the corpus')."""
    extractor = Extractor(taxonomy or corpus.taxonomy)
    docs = read(corpus, reread)
    result = Run({}, set(), set(), {}, {})
    for name, scorer, g in corpus.sources:
        _one(extractor, docs[g.id], name, scorer, g, result)
    return result


def mentions_of(extractor, doc) -> tuple[list, dict, dict]:
    """The scanned sentences, their tokens, and each one's actor mentions as extraction finds
    them: ``{anchor: {first token: (actor, token after)}}``."""
    scanned = [s for p in doc.paragraphs if p.role in SCANNED for s in p.sentences]
    tokenize.cache_clear()
    tokens = {s.anchor: tokenize(s.text) for s in scanned}
    _, at = extractor.finder.document(scanned, tokens)
    return scanned, tokens, at


def _one(extractor, doc, name, scorer, g, result: Run) -> None:
    x = extractor.extract(doc)
    scanned, tokens, at = mentions_of(extractor, doc)
    starts = [s.start for s in scanned]
    out: dict = {}

    def put(pos, item):
        k = max([i for i, st in enumerate(starts) if st <= pos] or [0])
        out.setdefault((g.id, starts[k] if starts else 0), set()).add(item)
    for s in scanned:
        put(s.start, ("sentence", s.end))
        for i, (actor, end) in at[s.anchor].items():
            put(s.start, ("actor", tokens[s.anchor][i].start, actor))
    for r in doc.article.removed:
        out.setdefault((g.id, -1), set()).add(("removed", r.start, r.end))
    for q in x.quotes:
        put(q.span.start, ("quote", q.span.start, q.span.end, q.speaker))
    for e in x.events:
        put(e.span.start, ("event", e.date))
    result.outputs.update({k: frozenset(v) for k, v in out.items()})
    quotes = [((q.span.start, q.span.end), {"label": q.speaker}) for q in x.quotes]
    _match(result, "quote", name, g, g.items["quotes"], quotes, scorer._same_speaker)
    events = [((e.span.start, e.span.end), {"label": e.date}) for e in x.events]
    _match(result, "event", name, g, g.items["events"], events,
           lambda gi, r: str(r["label"]).startswith(str(gi.get("date"))))
    _actors(result, name, scorer, g, {scorer.id(a.actor) for a in x.actors})
    text = [collapse(s.text) for s in scanned]
    result.leaks[name] = result.leaks.get(name, 0) + sum(1 for b in g.boilerplate if b and any(b in t for t in text))


def _match(result: Run, kind, name, g, gold, pred, same) -> None:
    c = result.counts.setdefault((name, kind), Count())
    hit = [False] * len(gold)
    for p_span, r in pred:
        ok = False
        for j, (g_span, item) in enumerate(gold):
            if g_span and _overlap(g_span, p_span) and same(item, r):
                hit[j] = ok = True
        if not ok:
            result.wrong.add((kind, name, g.id, p_span, str(r["label"])))
        c.tp_pred += ok
    c.pred += len(pred)
    c.gold += len(gold)
    c.tp_gold += sum(hit)
    result.right.update((kind, name, g.id, j) for j, h in enumerate(hit) if h)


def _actors(result: Run, name, scorer, g, pred: set) -> None:
    gold = {scorer.id(a) for a in g.actors}

    def same(a, b):
        return a == b or (a in scorer.persons and a.split("-")[-1] == b.split("-")[-1])
    c = result.counts.setdefault((name, "actor"), Count())
    for p in sorted(pred):
        ok = any(same(a, p) for a in gold)
        c.tp_pred += ok
        if not ok:
            result.wrong.add(("actor", name, g.id, p))
    for a in sorted(gold):
        if any(same(a, p) for p in pred):
            c.tp_gold += 1
            result.right.add(("actor", name, g.id, a))
    c.pred += len(pred)
    c.gold += len(gold)
