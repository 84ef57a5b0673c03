"""The analytic frame as data: ``briefs/taxonomy.yaml`` -> ``Taxonomy``.

Cues are phrases. Each word of a phrase matches its common inflections (threat ~ threats,
worry ~ worried ~ worries, fight ~ fighting); ``word*`` matches any word starting so;
``...`` allows up to four words in between; ``@actor`` matches any name of that actor.
A motive or counterargument fires on a sentence when one of its ``any`` cues is there,
or when every group of its ``all`` list has a cue there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest.paths import refuse_link
from .model import BriefsmithError
from .reader import Places, read_yaml

ACTOR_KINDS = ("state", "organisation", "armed group", "person")
TOKEN = re.compile(r"[A-Za-z0-9][\w’'-]*[\w]|[A-Za-z0-9]|\.\.\.")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    # (successor's id, YYYY or YYYY-MM, the names that pass to it): "Kabul" is the Taliban's
    # government in articles from August 2021 on
    succeeded: tuple[str, str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class CueSet:
    any: tuple[str, ...] = ()
    all: tuple[tuple[str, ...], ...] = ()
    none: tuple[str, ...] = ()   # a sentence with one of these never fires


@dataclass(frozen=True)
class Motive:
    id: str
    name: str
    description: str
    cues: CueSet
    examples: tuple[str, ...] = ()   # sentences that state it (training; similarity without a model)


@dataclass(frozen=True)
class Counterargument:
    id: str
    name: str
    description: str
    rebuts: str | None
    cues: CueSet
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    question: str
    subject: str | None
    actors: tuple[Actor, ...]
    motives: tuple[Motive, ...]
    counterarguments: tuple[Counterargument, ...]
    counter_markers: CueSet = CueSet()
    speech_verbs: tuple[str, ...] = ()
    person_titles: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)   # sections later stages read (questions, relations)
    path: Path | None = None

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def motive(self, motive_id: str) -> Motive | None:
        return next((m for m in self.motives if m.id == motive_id), None)


def load_taxonomy(path: Path) -> Taxonomy:
    """Load and check the taxonomy; errors name the file and line."""
    refuse_link(path)
    if not path.is_file():
        raise BriefsmithError(path, "taxonomy file not found")
    doc = read_yaml(path)
    return _build(path, doc.data, doc.places)


def _fail(path, lines: Places, message: str, *keys):
    line, col = lines.at(keys)
    raise BriefsmithError(path, message, line, col)


def _build(path: Path, data, lines: Places) -> Taxonomy:
    if not isinstance(data, dict):
        _fail(path, lines, "expected a mapping with actors, motives and counterarguments")
    known = {"question", "subject", "actors", "motives", "counterarguments", "counter_markers",
             "speech_verbs", "person_titles", "questions", "relations", "stance"}
    for key in data:
        if key not in known:
            _fail(path, lines, f"unknown key {key!r}", key)
    actors = tuple(_actor(path, lines, i, a) for i, a in enumerate(_list(path, lines, data, "actors")))
    motives = tuple(Motive(m["id"], str(m.get("name", m["id"])), str(m.get("description", "")),
                           _cues(path, lines, m.get("cues"), "motives", i),
                           _examples(path, lines, m.get("examples"), "motives", i))
                    for i, m in enumerate(_items(path, lines, data, "motives")))
    motive_ids = {m.id for m in motives}
    counters = []
    for i, c in enumerate(_items(path, lines, data, "counterarguments")):
        rebuts = c.get("rebuts")
        if rebuts is not None and rebuts not in motive_ids:
            _fail(path, lines, f"rebuts {rebuts!r} is not a motive id", "counterarguments", i, "rebuts")
        counters.append(Counterargument(c["id"], str(c.get("name", c["id"])),
                                        str(c.get("description", "")), rebuts,
                                        _cues(path, lines, c.get("cues"), "counterarguments", i),
                                        _examples(path, lines, c.get("examples"), "counterarguments", i)))
    _unique(path, lines, "actors", [a.id for a in actors])
    _unique(path, lines, "motives", [m.id for m in motives])
    _unique(path, lines, "counterarguments", [c.id for c in counters])
    actor_ids = {a.id for a in actors}
    for i, a in enumerate(actors):
        if a.succeeded and a.succeeded[0] not in actor_ids:
            _fail(path, lines, f"succeeded.by {a.succeeded[0]!r} is not an actor id", "actors", i, "succeeded", "by")
    subject = data.get("subject")
    if subject is not None and subject not in actor_ids:
        _fail(path, lines, f"subject {subject!r} is not an actor id", "subject")
    return Taxonomy(
        question=str(data.get("question") or ""), subject=subject, actors=actors, motives=motives,
        counterarguments=tuple(counters),
        counter_markers=_cues(path, lines, data.get("counter_markers"), "counter_markers"),
        speech_verbs=tuple(str(v) for v in data.get("speech_verbs") or ()),
        person_titles=tuple(str(v) for v in data.get("person_titles") or ()),
        extra={k: data[k] for k in ("questions", "relations", "stance") if k in data},
        path=path)


def _list(path, lines, data, key) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        _fail(path, lines, f"{key} must be a list", key)
    return value


def _items(path, lines, data, key) -> list[dict]:
    items = _list(path, lines, data, key)
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            _fail(path, lines, f"each of {key} needs an id", key, i)
        if not ID.match(item["id"]):
            _fail(path, lines, f"id {item['id']!r} must be lowercase letters, digits and hyphens",
                  key, i, "id")
    return items


def _actor(path, lines, i, a) -> Actor:
    if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not ID.match(a["id"]):
        _fail(path, lines, "each actor needs an id of lowercase letters, digits and hyphens", "actors", i)
    kind = a.get("kind", "organisation")
    if kind not in ACTOR_KINDS:
        _fail(path, lines, f"kind must be one of {', '.join(ACTOR_KINDS)}, got {kind!r}", "actors", i, "kind")
    aliases = a.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(x, str) for x in aliases):
        _fail(path, lines, "aliases must be a list of names", "actors", i, "aliases")
    return Actor(a["id"], str(a.get("name") or a["id"]), kind, tuple(aliases),
                 _succession(path, lines, i, a.get("succeeded")))


def _succession(path, lines, i, value) -> tuple[str, str, tuple[str, ...]] | None:
    if value is None:
        return None
    where = ("actors", i, "succeeded")
    if not isinstance(value, dict) or set(value) != {"by", "since", "aliases"}:
        _fail(path, lines, "succeeded must be a mapping of by, since and aliases", *where)
    if not isinstance(value["by"], str) or not ID.match(value["by"]):
        _fail(path, lines, "succeeded.by must be an actor id", *where, "by")
    since = str(value["since"])
    if not re.fullmatch(r"\d{4}(-\d{2})?", since):
        _fail(path, lines, f"succeeded.since must be YYYY or YYYY-MM, got {since!r}", *where, "since")
    names = value["aliases"]
    if not isinstance(names, list) or not names or not all(isinstance(x, str) for x in names):
        _fail(path, lines, "succeeded.aliases must be a list of names", *where, "aliases")
    return value["by"], since, tuple(names)


def _cues(path, lines, value, *keys) -> CueSet:
    if value is None:
        return CueSet()
    if isinstance(value, list):
        value = {"any": value}
    if not isinstance(value, dict) or set(value) - {"any", "all", "none"}:
        _fail(path, lines, "cues must be a mapping with any, all and none", *keys, "cues")

    def phrases(v, *where):
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            _fail(path, lines, "expected a list of cue phrases", *keys, "cues", *where)
        return tuple(v)
    groups = value.get("all") or []
    if not isinstance(groups, list):
        _fail(path, lines, "all must be a list of lists of cue phrases", *keys, "cues", "all")
    return CueSet(any=phrases(value.get("any") or [], "any"),
                  all=tuple(phrases(g, "all", j) for j, g in enumerate(groups)),
                  none=phrases(value.get("none") or [], "none"))


def _examples(path, lines, value, *keys) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        _fail(path, lines, "examples must be a list of sentences", *keys, "examples")
    return tuple(" ".join(x.split()) for x in value)


def _unique(path, lines, key, ids):
    seen = set()
    for i, x in enumerate(ids):
        if x in seen:
            _fail(path, lines, f"duplicate id {x!r} in {key}", key, i, "id")
        seen.add(x)


# ---- the sections later stages read: questions (claims) and relation types ----------------

LEVELS = ("none", "low", "high")


@dataclass(frozen=True)
class Question:
    id: str
    name: str
    kind: str                       # quantity | qualitative
    unit: str | None
    motive: str | None
    subject: str | None             # actor id
    any: tuple[str, ...] = ()
    all: tuple[tuple[str, ...], ...] = ()
    none: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    levels: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (level, phrases), none -> high

    def level_phrases(self, level: str) -> tuple[str, ...]:
        return dict(self.levels).get(level, ())


def _phrases(v) -> tuple[str, ...]:
    return tuple(str(x) for x in v or () if str(x).strip())


def questions(section) -> list[Question]:
    """The ``questions:`` section of the taxonomy as typed records."""
    out = []
    for q in section or ():
        if not isinstance(q, dict) or not q.get("id"):
            continue
        topic = q.get("topic") or q.get("cues") or {}
        if isinstance(topic, list):
            topic = {"any": topic}
        levels = q.get("levels") or {}
        out.append(Question(
            id=str(q["id"]), name=str(q.get("name") or q["id"]), kind=str(q.get("kind") or "quantity"),
            unit=q.get("unit"), motive=q.get("motive"), subject=q.get("subject"),
            any=_phrases(topic.get("any")), all=tuple(_phrases(g) for g in topic.get("all") or ()),
            none=_phrases(topic.get("none")), units=_phrases(q.get("units")),
            levels=tuple((lv, _phrases(levels.get(lv))) for lv in LEVELS if levels.get(lv))))
    return out


@dataclass(frozen=True)
class RelationType:
    id: str
    name: str
    symmetric: bool
    cues: tuple[str, ...]
    passive: tuple[str, ...] = ()
    stop: frozenset = frozenset()
    none: tuple[str, ...] = ()

    @property
    def denial(self) -> bool:
        return self.id.startswith("denies")


def relation_types(section) -> list[RelationType]:
    """The ``relations:`` section of the taxonomy (a list of mappings) as typed records."""
    out = []
    for r in section or ():
        if not isinstance(r, dict) or not r.get("id"):
            continue
        out.append(RelationType(
            id=str(r["id"]), name=str(r.get("name") or r["id"]), symmetric=bool(r.get("symmetric")),
            cues=tuple(str(c) for c in r.get("cues") or ()),
            passive=tuple(str(c) for c in r.get("passive") or ()),
            stop=frozenset(str(w).lower() for w in r.get("stop") or ()),
            none=tuple(str(c) for c in r.get("none") or ())))
    return out
