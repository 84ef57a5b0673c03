"""The brief format: item kinds, statuses and ids, and the source brief of an ``Extraction``.

Layout (see docs/format.md): ``sources/<id>.yaml``, ``motives/<id>.yaml``,
``actors/<id>.yaml`` and ``brief.schema.json`` in the briefs folder.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict

from .model import Article, Extraction, Summary

VERSION = 1
HEADER = "# yaml-language-server: $schema=../brief.schema.json\n"
STATUSES = ("auto", "confirmed", "rejected", "manual")
HUMAN = ("confirmed", "rejected", "manual")   # statuses only a person sets
ITEM_KINDS = ("motives", "counters", "quotes", "events", "figures", "relations", "claims")
EXTRA_KINDS = ("relations", "claims")   # drafted by the analysis of each source
LABEL_KEY = {"motives": "motive", "counters": "counter", "quotes": "speaker", "events": "date",
             "figures": "counts", "actors": "actor", "relations": "type", "claims": "question"}
PREFIX = {"motives": "m", "counters": "c", "quotes": "q", "events": "e", "figures": "f",
          "relations": "r", "claims": "k"}


_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})   # no accent to strip


def slug(name: str) -> str:
    """An actor's id made of its name ("Zamir Kabulov" -> "zamir-kabulov"): the id of a
    person extraction finds, and what `brief check` accepts for an actor not in the taxonomy."""
    plain = unicodedata.normalize("NFKD", name.lower().replace("’", "").replace("'", "").translate(_LETTERS))
    return re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")   # "é" -> "e"


def item_id(kind: str, label: str, quote: str) -> str:
    digest = hashlib.sha1(f"{label}\0{quote}".encode("utf-8")).hexdigest()[:8]
    return f"{PREFIX[kind]}-{digest}"


def free_id(kind: str, item: dict, taken: set) -> str:
    """A new item's id (``item_id``), with "-2", "-3"... when ``taken`` has it already."""
    base = item_id(kind, str(item.get(LABEL_KEY[kind])), item["quote"])
    iid, n = base, 2
    while iid in taken:
        iid, n = f"{base}-{n}", n + 1
    return iid


def with_id(item: dict, iid: str) -> dict:
    return {"id": iid, **item}


def duplicate_id_problems(doc, copies: bool = True) -> list:
    """A ``Problem`` for every item of a brief (a ``reader.Doc``) whose id an earlier item
    already has. Ids key the merge: of two items with one id (a line pasted twice, say), a
    re-extraction would keep one and lose the other, so `brief check` reports them and
    `brief extract` stops on them, like on any other error in a brief. One case is no loss: a
    person's item (reviewed, added or commented) beside the machine's unreviewed copies of it
    (the same label and quote: an item cut from a brief, extracted again, then pasted back).
    The merge keeps the person's; `brief check` (``copies``) says so at each copy, and `brief
    extract` (``copies`` False) goes on."""
    rows_by_id: dict[str, list[tuple]] = {}
    for kind in ITEM_KINDS:
        rows = doc.data.get(kind)
        for i, item in enumerate(rows if isinstance(rows, list) else []):
            iid = item.get("id") if isinstance(item, dict) else None
            if isinstance(iid, str):
                rows_by_id.setdefault(iid, []).append(((kind, i, "id"), item))
    problems = []
    for iid, rows in rows_by_id.items():
        if len(rows) == 1:
            continue
        owned = [(loc, item) for loc, item in rows if not _machine_copy(item)]
        if len(owned) == 1:
            if copies:
                line = doc.place(owned[0][0])[0]
                status = owned[0][1].get("status", "auto")
                problems += [doc.problem(f"duplicate id {iid!r}: an unreviewed copy of the {status} item at "
                                         f"line {line}; `brief extract` keeps that one and drops this copy",
                                         loc) for loc, item in rows if item is not owned[0][1]]
            continue
        first = doc.place(rows[0][0])[0]
        problems += [doc.problem(f"duplicate id {iid!r} (first at line {first})", loc) for loc, _ in rows[1:]]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _machine_copy(item: dict) -> bool:
    """An item as extraction writes it: unreviewed, with no comment or flag of a person's."""
    return item.get("status", "auto") == "auto" and item.get("comment") is None and item.get("flag") is None


def _span_fields(span) -> dict:
    return {"quote": span.quote, "start": span.start, "end": span.end, "anchor": span.anchor}


def _actor_row(a) -> dict:
    """An actor of the source: the taxonomy's actors by id alone, the others with their kind, so
    that their briefs and pages do not have to guess it (Syria is no person)."""
    kind = {} if a.known else {"kind": a.kind}
    return {"actor": a.actor, "name": a.name, **kind, "count": a.count, "forms": list(a.forms),
            "status": "auto"}


def source_brief(article: Article, ex: Extraction) -> dict:
    """The brief of one source, as plain data in the order it is written."""
    brief = {
        "brief": "source", "version": VERSION, "id": article.id,
        "source": {"file": article.path.name, "sha256": article.sha256, **asdict(article.meta)},
        "summary": _summary(ex.summary),
        "notes": None,
        "actors": [_actor_row(a) for a in ex.actors],
    }
    rows = {
        "motives": [({"motive": e.label}, e.span, e) for e in ex.motives],
        "counters": [({"counter": e.label, "rebuts": e.rebuts}, e.span, e) for e in ex.counters],
        "quotes": [({"speaker": q.speaker, "speaker_name": q.speaker_name}, q.span, q) for q in ex.quotes],
        "events": [({"date": e.date}, e.span, e) for e in ex.events],
        "figures": [({"value": f.value, "counts": f.counts}, f.span, f) for f in ex.figures],
    }
    if ex.relations is not None:
        rows["relations"] = [({"type": r.type, "subject": r.subject, "object": r.object}, r.span, r)
                             for r in ex.relations]
    if ex.claims is not None:
        rows["claims"] = [({"question": c.question, "value": c.value}, c.span, c) for c in ex.claims]
    for kind, items in rows.items():
        brief[kind] = _items(kind, items)
    return brief


def _items(kind: str, items: list[tuple]) -> list[dict]:
    """``(head, span, item)`` of one kind as brief items: an id, the head, the span, the review
    status, confidence and cues."""
    out, seen, after = [], set(), {}
    for head, span, item in items:
        label = str(head[LABEL_KEY[kind]])
        base = iid = item_id(kind, label, span.quote)
        n = after.get(base, 2)
        while iid in seen:  # the same words twice in one article: base-2, base-3, ...
            iid = f"{base}-{n}"
            n += 1
        after[base] = n     # (the next free number: k copies cost k steps, not k²)
        seen.add(iid)
        out.append({"id": iid, **head, **_span_fields(span), "status": "auto",
                    "confidence": item.confidence, "cues": list(item.cues)})
    return out


def _summary(summary: Summary | None) -> dict:
    if summary is None:
        return {"text": None, "status": "auto"}
    return {"text": summary.text, "status": "auto",
            "sentences": [{"anchor": s.anchor, "start": s.start, "end": s.end, "quote": s.quote}
                          for s in summary.sentences]}


def summary_sentences(data) -> list:
    """The sentences of a brief's summary that a page can show as quotes, which must hold: not
    those of a rejected summary, which no page shows, nor those a person's summary (status
    confirmed or manual) left beside a text of their own: a page shows that text as written
    (``site.analysis.summary``), and the machine's sentences, kept as they were, go stale when
    the article is edited; they failed the build for a sentence no page showed."""
    summary = data.get("summary") if isinstance(data, dict) else None
    if not isinstance(summary, dict) or summary.get("status") == "rejected":
        return []
    sentences = summary.get("sentences")
    if not isinstance(sentences, list):
        return []
    if summary.get("status", "auto") != "auto":
        quotes = [str(s.get("quote")) for s in sentences if isinstance(s, dict) and s.get("quote")]
        if " ".join(quotes).split() != str(summary.get("text")).split():
            return []
    return sentences


def visible(items: list[dict] | None) -> list[dict]:
    """Items that are shown and exported: all but the rejected ones."""
    return [i for i in items or [] if i.get("status", "auto") != "rejected"]
