"""Briefs: ``Extraction`` -> YAML brief documents; load them back.

Layout (see docs/format.md): ``sources/<id>.yaml``, ``motives/<id>.yaml``,
``actors/<id>.yaml`` and ``brief.schema.json`` in the briefs folder.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from . import quickyaml, yamlout
from ..ingest.paths import refuse_link
from .model import Article, BriefsmithError, Extraction

VERSION = 1
HEADER = "# yaml-language-server: $schema=../brief.schema.json\n"
STATUSES = ("auto", "confirmed", "rejected", "manual")
ITEM_KINDS = ("motives", "counters", "quotes", "events", "figures", "relations", "claims")
LABEL_KEY = {"motives": "motive", "counters": "counter", "quotes": "speaker", "events": "date",
             "figures": "counts", "actors": "actor", "relations": "type", "claims": "question"}
PREFIX = {"motives": "m", "counters": "c", "quotes": "q", "events": "e", "figures": "f",
          "relations": "r", "claims": "k"}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def item_id(kind: str, label: str, quote: str) -> str:
    digest = hashlib.sha1(f"{label}\0{quote}".encode("utf-8")).hexdigest()[:8]
    return f"{PREFIX[kind]}-{digest}"


def _span_fields(span) -> dict:
    return {"quote": span.quote, "start": span.start, "end": span.end, "anchor": span.anchor}


def source_brief(article: Article, ex: Extraction) -> dict:
    """The brief of one source, as plain data in the order it is written."""
    meta = article.meta
    brief = {
        "brief": "source", "version": VERSION, "id": article.id,
        "source": {"file": article.path.name, "sha256": article.sha256, "title": meta.title,
                   "subtitle": meta.subtitle, "author": meta.author, "outlet": meta.outlet,
                   "date": meta.date, "url": meta.url},
        "summary": ex.extra.get("summary") or {"text": None, "status": "auto"},
        "notes": None,
        "actors": [{"actor": a.actor, "name": a.name, "count": a.count, "forms": list(a.forms),
                    "status": "auto"} for a in ex.actors],
    }
    rows = {
        "motives": [({"motive": e.label}, e) for e in ex.motives],
        "counters": [({"counter": e.label, "rebuts": e.rebuts}, e) for e in ex.counters],
        "quotes": [({"speaker": q.speaker, "speaker_name": q.speaker_name}, q) for q in ex.quotes],
        "events": [({"date": e.date}, e) for e in ex.events],
        "figures": [({"value": f.value, "counts": f.counts}, f) for f in ex.figures],
    }
    for kind, items in rows.items():
        out, seen = [], set()
        for head, item in items:
            label = str(head[LABEL_KEY[kind]])
            iid = item_id(kind, label, item.span.quote)
            n = 2
            while iid in seen:  # the same words twice in one article
                iid = f"{item_id(kind, label, item.span.quote)}-{n}"
                n += 1
            seen.add(iid)
            out.append({"id": iid, **head, **_span_fields(item.span), "status": "auto",
                        "confidence": item.confidence, "cues": list(item.cues)})
        brief[kind] = out
    for key in ("relations", "claims"):   # drafted by generator.analysis, already shaped
        if key in ex.extra:
            brief[key] = ex.extra[key]
    return brief


def dump(brief: dict) -> str:
    """The brief's YAML text: PyYAML's block style, written by ``yamlout`` for speed."""
    return HEADER + yamlout.dump(brief)


def load_text(path: Path) -> str:
    try:
        return refuse_link(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise BriefsmithError(path, f"not valid UTF-8 at byte {e.start}")
    except OSError as e:
        raise BriefsmithError(path, f"cannot read: {e.strerror}")


def load(path: Path) -> dict:
    """A brief as plain data (safe loading: arbitrary tags are refused)."""
    return load_from_text(load_text(path), path)


def load_from_text(text: str, path: Path) -> dict:
    try:
        # the shape Briefsmith writes, read as the loader reads it, in a tenth of the time
        return quickyaml.load(text, as_loader=True)
    except quickyaml.Unsure:
        pass
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.constructor.ConstructorError as e:
        raise BriefsmithError.from_yaml(path, e, "tag not allowed in a brief")
    except yaml.YAMLError as e:
        raise BriefsmithError.from_yaml(path, e)
    if not isinstance(data, dict):
        raise BriefsmithError(path, "a brief must be a mapping", 1, 1)
    return data


def visible(items: list[dict] | None) -> list[dict]:
    """Items that are shown and exported: all but the rejected ones."""
    return [i for i in items or [] if i.get("status", "auto") != "rejected"]
