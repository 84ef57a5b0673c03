"""The site's view model: plain dataclasses the templates only present.

Loading (``load``) decides everything a page shows (labels, counts, groups, which actors a
sentence names) and puts it here; rendering (``render``) only lays it out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..briefs.problem import Problem
from ..briefs.taxonomy import Taxonomy
from .analysis import Analysis

STATUS_LABELS = {"auto": "unreviewed", "confirmed": "reviewed", "manual": "added by analyst"}
KINDS = ("motives", "counters", "quotes", "events", "figures")


@dataclass
class Item:
    """One shown item of a source brief (motive, counter, quote, event or figure)."""
    kind: str                 # motive | counter | quote | event | figure
    id: str
    source: str
    quote: str
    anchor: str | None        # sentence anchor on the source page, None when unknown
    status: str
    status_label: str
    confidence: float | None
    label: str = ""           # motive / counterargument id, speaker id, date or counts
    label_name: str = ""      # its display name
    rebuts: str | None = None
    comment: str | None = None
    context: str | None = None  # the whole sentence, when the quote is only part of it
    value: str | None = None
    actors: list[str] = field(default_factory=list)  # actor ids the sentence names


@dataclass
class Sentence:
    anchor: str
    text: str                 # cleaned: inline page furniture cut out
    items: list[Item]
    highlight: bool           # carries a motive or a counterargument


@dataclass
class Paragraph:
    anchor: str
    role: str
    sentences: list[Sentence]


@dataclass
class Source:
    id: str
    title: str
    subtitle: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    file: str | None = None
    summary: dict | None = None     # {text, status, status_label, sentences: [{quote, source, anchor}]}
    stance: dict | None = None      # {stance, line, counters, motives, ...}; None before extraction
    cells: list[dict] = field(default_factory=list)  # per motive: {motive, position, asserts, rebuts, rebut_anchor}
    weight: int = 0                 # motive and counterargument items (ranks the overview's rows)
    notes: str | None = None
    brief: Path | None = None       # the YAML behind the page
    seed: Path | None = None
    extracted: bool = False
    items: list[Item] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)   # {actor, name, count, forms, status_label}
    paragraphs: list[Paragraph] = field(default_factory=list)

    def of(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]


@dataclass
class Site:
    question: str
    taxonomy: Taxonomy | None
    taxonomy_path: Path
    motives: list[dict]            # {id, name, description, summary, notes, brief}
    counterarguments: list[dict]   # {id, name, description, rebuts, rebuts_name}
    actors: list[dict]             # {id, name, kind, aliases, summary, notes, brief}
    sources: list[Source]
    problems: list[Problem]
    analysis: Analysis = field(default_factory=Analysis)
    # a person's id -> the id of the page it is shown on, when it is another's spelling
    # (``analysis.actors.same_actors``); that actor's entry lists it under ``joined``
    joined: dict[str, str] = field(default_factory=dict)

    def items(self, kind: str) -> list[Item]:
        return [i for s in self.sources for i in s.items if i.kind == kind]


def source_page(sid: str) -> str:
    """The path of a source's page: ``sources/<id>.md``; but ``sources/index.md`` is the list
    of sources, so the page of a source named ``index`` is ``sources/index/source.md`` (no
    other page has that path: page k of a listing is ``X/k.md`` with a number k, and an id,
    a file's stem, holds no ``/``)."""
    return "sources/index/source.md" if sid == "index" else f"sources/{sid}.md"
