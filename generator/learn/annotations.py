"""Reference annotations (``gold/seeds.yaml``, ``gold/dev/dev.yaml``): read, placed in their texts.

A reference item names its sentence by its verbatim text (``text``) or by its first words
(``head``: the sentence runs on to its end mark, never past its line). Both are found in the
source after white space is collapsed; ``GoldText.span`` gives the raw offsets (see
gold/SCORING.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


from ..briefs import reader
from ..briefs.model import BriefsmithError

END = re.compile(r"[.!?][”\"’')\]]*(?=\s|$)")
ITEM_KINDS = ("motives", "counters", "quotes", "events")


class GoldText:
    """A source's text with white space collapsed, to place reference sentences in it."""

    def __init__(self, raw: str):
        self.raw = raw
        flat, index, previous_space = [], [], False
        for i, ch in enumerate(raw):
            if ch.isspace():
                if previous_space:
                    continue
                flat.append(" ")
                index.append(i)
                previous_space = True
            else:
                flat.append(ch)
                index.append(i)
                previous_space = False
        self.flat, self.index = "".join(flat), index

    def span(self, item: dict) -> tuple[int, int] | None:
        """Raw ``(start, end)`` of a reference item, or None when its words are not in the text."""
        if "text" in item:
            words = collapse(str(item["text"]))
            k = self.flat.find(words) if words else -1
            if k < 0:
                return None
            return self.index[k], self.index[k + len(words) - 1] + 1
        words = collapse(str(item.get("head", "")))
        k = self.flat.find(words) if words else -1
        if k < 0:
            return None
        m = END.search(self.flat, k + len(words) - 1)
        end = m.end() if m else len(self.flat)
        start, end = self.index[k], self.index[end - 1] + 1
        newline = self.raw.find("\n", self.index[k + len(words) - 1], end)  # a sentence never runs past its line
        return start, (newline if newline >= 0 else end)

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Raw span of the first occurrence of ``quote`` (white space collapsed), or None."""
        words = collapse(quote)
        k = self.flat.find(words) if words else -1
        return (self.index[k], self.index[k + len(words) - 1] + 1) if k >= 0 else None


def collapse(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class GoldSource:
    id: str
    path: Path
    text: GoldText
    items: dict          # kind -> [(span or None, reference item as written)]
    actors: tuple[str, ...]
    boilerplate: tuple[str, ...]
    twin_of: str | None = None   # a paraphrased twin's original article (docs/learning.md, session 11)


@dataclass(frozen=True)
class Annotation:
    path: Path
    texts: Path
    aliases: dict = field(default_factory=dict)     # alias slug -> annotation's actor id
    persons: frozenset = frozenset()
    sources: tuple[GoldSource, ...] = ()


def texts_folder(gold: Path, default: Path) -> Path:
    """Where an annotation's articles are: ``texts/`` beside it when there is one (the dev set),
    else ``default`` (the seeds folder, for ``gold/seeds.yaml``)."""
    beside = gold.parent / "texts"
    return beside if beside.is_dir() else default


def load_annotation(path: Path, texts: Path) -> Annotation:
    """Read an annotation and the texts it names; errors name the file (and line)."""
    if not path.is_file():
        raise BriefsmithError(path, "reference annotation not found")
    doc = reader.load(path, "a reference annotation")
    data = doc.data
    if not isinstance(data.get("sources"), list):
        raise BriefsmithError(path, "a reference annotation is a mapping with a list of sources")
    aliases = {}
    for actor, names in (data.get("aliases") or {}).items():
        for name in names or ():
            aliases[canonical_id(name)] = actor
    sources = []
    for n, entry in enumerate(data["sources"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise BriefsmithError(path, f"source {n + 1} of the annotation has no id")
        sources.append(_source(path, texts, entry))
        _check_placed(doc, n, sources[-1])
    return Annotation(path, texts, aliases, frozenset(canonical_id(p) for p in data.get("persons") or ()),
                      tuple(sources))


def _source(path: Path, texts: Path, entry: dict) -> GoldSource:
    text_path = texts / f"{entry['id']}.txt"
    try:
        text = GoldText(text_path.read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        raise BriefsmithError(text_path, f"source {entry['id']!r} of {path} not found")
    items = {}
    for kind in ITEM_KINDS:
        listed = entry.get(kind) or []
        if not isinstance(listed, list) or not all(isinstance(i, dict) for i in listed):
            raise BriefsmithError(path, f"{entry['id']}: {kind} must be a list of mappings")
        items[kind] = [(text.span(i), i) for i in listed]
    boilerplate = tuple(collapse(b if isinstance(b, str) else str(b.get("head", "")))
                        for b in entry.get("boilerplate") or ())
    twin_of = entry.get("twin_of")
    return GoldSource(entry["id"], text_path, text, items,
                      tuple(str(a) for a in entry.get("actors") or ()), boilerplate,
                      str(twin_of) if twin_of else None)


def _check_placed(doc, n: int, source: GoldSource) -> None:
    """Every reference sentence and boilerplate line must be in its text: an annotation's typo
    would otherwise count silently as a sentence the extraction missed."""
    for kind, listed in source.items.items():
        for j, (span, item) in enumerate(listed):
            if span is None:
                words = item.get("text", item.get("head"))
                field = "text" if "text" in item else "head"
                raise doc.problem(f"{source.id}: {kind} {field} {words!r} is not in {source.path.name}",
                                  ("sources", n, kind, j, field))
    for j, line in enumerate(source.boilerplate):
        if line and line not in source.text.flat:
            raise doc.problem(f"{source.id}: boilerplate {line!r} is not in {source.path.name}",
                              ("sources", n, "boilerplate", j))


# ---- actor ids, as gold/SCORING.md folds them ------------------------------------------

COMMON_ALIASES = {
    "isis": {"islamic-state", "isil", "daesh", "isis-k", "iskp", "is-k", "islamic-state-khorasan",
             "islamic-state-in-khorasan", "islamic-state-khorasan-province", "isis-khorasan", "is"},
    "united-states": {"us", "usa", "america", "u-s", "united-states-of-america"},
    "afghan-government": {"afghanistan-government", "national-unity-government", "nug",
                          "government-of-afghanistan", "afghan-national-unity-government", "kabul"},
    "russia": {"russian-federation", "moscow", "kremlin"},
    "taliban": {"afghan-taliban", "islamic-emirate"},
    "un-security-council": {"unsc", "united-nations-security-council"},
}
_COMMON = {alias: actor for actor, names in COMMON_ALIASES.items() for alias in names}


def canonical_id(value) -> str:
    """A label or name as an id: lowercase words joined by hyphens, common aliases folded."""
    s = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    return _COMMON.get(s, s)
