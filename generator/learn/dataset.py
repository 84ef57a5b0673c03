"""Training sets: annotated and reviewed sentences, with what the classifier sees of them.

Three sources of labelled sentences, each read through the extractor's own view of a document
(``Extractor.sentence_view``), so that training and extraction compute the same features:

- reference annotations (``gold/seeds.yaml``, ``gold/dev/dev.yaml``): a sentence carries the
  labels of the reference items it overlaps (gold/SCORING.md's rule);
- the taxonomy's ``examples:``: each example is a one-sentence document of its label;
- the analysts' review decisions in ``briefs/sources/``: a confirmed or manual motive or
  counterargument is a positive of its sentence, a rejected one a negative (they override the
  annotation of the same sentence). An article no annotation covers teaches its other sentences
  as negatives only once it is reviewed, none of its motives and counterarguments left ``auto``:
  before that, its decided sentences alone (a first pass over ``brief review --uncertain`` leaves
  right but unreviewed items, and sentences nobody has added yet, which are no negatives).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..briefs import reader
from ..briefs.model import Article, Document, Paragraph, Sentence, SourceMeta
from ..ingest.articles import read_article
from ..ingest.segment import segment
from .annotations import Annotation

DECIDED = ("confirmed", "manual")


@dataclass
class Labels:
    motives: set = field(default_factory=set)
    counter: bool = False
    counter_id: str | None = None
    rebuts: str | None = None


@dataclass
class LabelledDocument:
    group: str                 # the article (cross-validation keeps a group on one side)
    origin: str                # "annotation" | "examples" | "reviews" | "invented" | "twin"
    doc: Document
    candidates: list
    labels: list[Labels]
    cache: dict = field(default_factory=dict)   # features computed once (see train.features)
    twin_of: str | None = None  # a paraphrased twin: its original article's group
    taught: tuple[int, ...] | None = None   # the rows training learns from (None: every one)

    def taught_rows(self, rows: list) -> list:
        """``rows`` (one per candidate) cut to those training learns from: a partly reviewed
        article's decided sentences, each with what it has in the whole article (its neighbours)."""
        return rows if self.taught is None else [rows[i] for i in self.taught]

    @property
    def family(self) -> str:
        """The article with its paraphrased twins: what a fold keeps on one side."""
        return self.twin_of or self.group

    @property
    def texts(self) -> list[str]:
        return [c.sentence.text for c in self.candidates]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return hi > lo and hi - lo >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _sentences_at(cands, span) -> list[int]:
    return [i for i, c in enumerate(cands) if span and overlaps((c.sentence.start, c.sentence.end), span)]


def from_annotation(extractor, annotation: Annotation) -> list[LabelledDocument]:
    out = []
    for g in annotation.sources:
        doc = segment(read_article(g.path))
        cands = extractor.sentence_view(doc)
        labels = [Labels() for _ in cands]
        for span, item in g.items["motives"]:
            for i in _sentences_at(cands, span):
                labels[i].motives.update(str(m) for m in item.get("motives") or ())
        for span, item in g.items["counters"]:
            for i in _sentences_at(cands, span):
                if not labels[i].counter:
                    labels[i].counter = True
                    labels[i].counter_id = str(item.get("id")) if item.get("id") else None
                    labels[i].rebuts = str(item["rebuts"]) if item.get("rebuts") else None
        out.append(LabelledDocument(g.id, "annotation", doc, cands, labels, twin_of=g.twin_of))
    return out


def from_examples(extractor, taxonomy) -> list[LabelledDocument]:
    out = []
    for m in taxonomy.motives:
        out += [_example(extractor, text, Labels(motives={m.id})) for text in m.examples]
    for c in taxonomy.counterarguments:
        out += [_example(extractor, text, Labels(counter=True, counter_id=c.id, rebuts=c.rebuts))
                for text in c.examples]
    return out


def _example(extractor, text: str, labels: Labels) -> LabelledDocument:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sentence = Sentence("p1-s1", 1, 0, len(text), text)
    article = Article(f"example-{digest[:12]}", Path("taxonomy.yaml"), text, digest, SourceMeta(), ())
    doc = Document(article, (Paragraph("p1", 1, 0, len(text), (sentence,), "body"),))
    cands = extractor.sentence_view(doc)
    return LabelledDocument(f"examples:{digest[:12]}", "examples", doc, cands, [labels for _ in cands])


def apply_reviews(extractor, briefs: Path, seeds: Path, docs: list[LabelledDocument]) -> int:
    """Put the review decisions of ``briefs/sources/*.yaml`` on ``docs`` (adding the reviewed
    articles that no annotation covers); the number of decisions taken."""
    by_group = {d.group: d for d in docs if d.origin == "annotation"}
    taken = 0
    for path in sorted((briefs / "sources").glob("*.yaml")):
        brief = reader.load(path).data
        decided = [(k, i) for k in ("motives", "counters") for i in brief.get(k) or []
                   if isinstance(i, dict) and i.get("status") in (*DECIDED, "rejected")]
        if not decided:
            continue
        sid = str(brief.get("id") or path.stem)
        doc = by_group.get(sid)
        if doc is None:
            seed = seeds / str((brief.get("source") or {}).get("file") or f"{sid}.txt")
            if not seed.is_file():
                continue   # a brief whose article is gone teaches nothing
            d = segment(read_article(seed))
            cands = extractor.sentence_view(d)
            doc = by_group[sid] = LabelledDocument(sid, "reviews", d, cands, [Labels() for _ in cands])
            docs.append(doc)
        taught: set = set()
        for kind, item in decided:
            taken += _decide(doc, kind, item, taught)
        if doc.origin == "reviews" and not _reviewed(brief):
            doc.taught = tuple(sorted(taught))
    return taken


def _reviewed(brief: dict) -> bool:
    """Whether an analyst has been through the whole brief: no motive or counterargument left
    the machine's (``auto``), so that its other sentences are the analyst's negatives."""
    return not any(isinstance(i, dict) and i.get("status", "auto") in (None, "auto")
                   for k in ("motives", "counters") for i in brief.get(k) or [])


def _decide(doc: LabelledDocument, kind: str, item: dict, taught: set) -> int:
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return 0
    positive = item.get("status") in DECIDED
    hits = _sentences_at(doc.candidates, (start, end))
    taught.update(hits)
    for i in hits:
        labels = doc.labels[i]
        if kind == "motives" and isinstance(item.get("motive"), str):
            (labels.motives.add if positive else labels.motives.discard)(item["motive"])
        elif kind == "counters":
            labels.counter = positive
            labels.counter_id = item.get("counter") if positive else None
            labels.rebuts = item.get("rebuts") if positive else None
    return 1 if hits else 0
