"""The types that carry data from one stage to the next.

ingest -> ``Article``; segment -> ``Document`` (paragraphs and sentences);
extract -> ``Extraction`` (items); briefs turn an ``Extraction`` into YAML.
Every offset is a character offset into the source file's decoded text
(``Article.text``), so ``text[start:end] == quote`` always holds.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from pathlib import Path

from .problem import BriefsmithError  # noqa: F401  (the name older code imports from here)


def record(cls):
    """``@dataclass(frozen=True)``, with a faster ``__init__``. The one ``dataclass`` writes for a
    frozen class looks ``object.__setattr__`` up for every field it sets (to get past the frozen
    ``__setattr__``); this one is handed it once. The fields are set the same way, in the same
    order, with the same defaults (so the instance keeps the interpreter's compact attribute
    storage); equality, hashing, ``repr`` and ``replace`` are the dataclass's own. For plain
    records only: no ``default_factory``, ``init=False`` or ``__post_init__``."""
    cls = dataclass(frozen=True)(cls)
    own = fields(cls)
    if hasattr(cls, "__post_init__") or any(f.default_factory is not MISSING or not f.init for f in own):
        raise TypeError(f"{cls.__name__}: record() makes plain records only")
    defaults = {f"_default_{f.name}": f.default for f in own if f.default is not MISSING}
    params = ", ".join(f.name if f.default is MISSING else f"{f.name}=_default_{f.name}" for f in own)
    lines = "".join(f"\n        set_field(self, {f.name!r}, {f.name})" for f in own)
    made: dict = {}
    exec(f"def make(set_field):\n    def __init__(self, {params}):{lines}\n    return __init__", defaults, made)
    init = made["make"](object.__setattr__)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


@record
class SourceMeta:
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


@record
class Removed:
    """A stretch of the file that is page furniture, not article text."""
    start: int
    end: int
    reason: str


@record
class Block:
    """A kept paragraph of the cleaned view: raw offsets and its role."""
    start: int
    end: int
    role: str = "body"  # body | title | subtitle | byline | bio
    cuts: tuple[tuple[int, int], ...] = ()  # inline furniture inside the block (raw offsets)


@record
class Article:
    """A source file as read: its untouched text, metadata and cleaned blocks."""
    id: str
    path: Path
    text: str
    sha256: str
    meta: SourceMeta
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()


@record
class Sentence:
    anchor: str       # "p3-s2": paragraph 3, sentence 2 (1-based)
    paragraph: int
    start: int
    end: int
    text: str         # == Article.text[start:end]


@record
class Paragraph:
    anchor: str       # "p3"
    number: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    role: str = "body"


@record
class Document:
    """A segmented article; only body paragraphs carry evidence."""
    article: Article
    paragraphs: tuple[Paragraph, ...]

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs if p.role == "body" for s in p.sentences]


# ---- extracted items -------------------------------------------------------

@record
class Span:
    quote: str
    start: int
    end: int
    anchor: str       # sentence anchor the span lies in


@record
class ActorMention:
    actor: str                 # actor id
    name: str                  # display name
    kind: str                  # state | organisation | armed group | person
    count: int
    forms: tuple[str, ...]     # surface forms seen, sorted
    first: Span | None = None  # first mention, for grounding
    known: bool = True         # False: found by pattern, not in the taxonomy


@record
class Evidence:
    """A sentence that carries a motive or a counterargument."""
    kind: str                  # "motive" | "counter"
    label: str                 # motive id or counterargument id
    span: Span
    cues: tuple[str, ...]
    confidence: float
    rebuts: str | None = None  # counters only


@record
class Quote:
    speaker: str               # actor id (or slug of the speaker's name)
    speaker_name: str
    span: Span                 # the words inside the quotation marks
    cues: tuple[str, ...]
    confidence: float


@record
class Event:
    date: str                  # YYYY, YYYY-MM or YYYY-MM-DD
    span: Span                 # the sentence
    cues: tuple[str, ...]      # the date expression as written
    confidence: float


@record
class Figure:
    value: str                 # "90 percent", "between 1,000 and 3,000"
    counts: str                # what it counts: "the world's illicit opiates"
    span: Span                 # the number phrase
    cues: tuple[str, ...]
    confidence: float


@record
class Relation:
    type: str
    subject: str
    object: str
    span: Span                 # the sentence
    cues: tuple[str, ...]
    confidence: float


@record
class Claim:
    question: str
    value: str
    reading: str        # "number" or a level: none | low | high
    span: Span                 # the sentence
    cues: tuple[str, ...]
    confidence: float


@record
class Summary:
    """A source's summary as extraction drafts it: sentences of the article, joined."""
    text: str | None
    sentences: tuple[Span, ...] = ()   # the sentences it is made of


@record
class Extraction:
    source: str
    actors: tuple[ActorMention, ...] = ()
    motives: tuple[Evidence, ...] = ()
    counters: tuple[Evidence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    # drafted from the same sentences: relations between actors, statements on the taxonomy's
    # questions, the source's summary (None: not drafted, as by an extractor of items alone)
    relations: tuple[Relation, ...] | None = None
    claims: tuple[Claim, ...] | None = None
    summary: Summary | None = None
