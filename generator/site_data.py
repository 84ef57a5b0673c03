"""Briefs -> the site's view model: plain dataclasses the templates only present.

Reads ``taxonomy.yaml``, ``sources/*.yaml``, ``motives/*.yaml`` and ``actors/*.yaml`` with
libyaml, segments each source's seed file for the source pages, drops every item whose
status is ``rejected`` and decides everything the pages show (labels, counts, groups,
which actors a sentence names). Problems never stop loading: each becomes a ``Problem``
with a place (``path:line:column``) and the page it affects.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .ingest import read_article, source_files
from .model import BriefsmithError, Document
from .segment import segment
from .site_analysis import Analysis
from .site_analysis import build as build_analysis
from .site_analysis import summary as shown_summary
from .taxonomy import Taxonomy, load_taxonomy
from .yamlpos import place

STATUS_LABELS = {"auto": "unreviewed", "confirmed": "reviewed", "manual": "added by analyst"}
KINDS = ("motives", "counters", "quotes", "events", "figures")


@dataclass
class Problem:
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    page: str | None = None  # the page that shows it (None: the overview only)

    def __str__(self) -> str:
        return str(BriefsmithError(self.path, self.message, self.line, self.column))


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

    def items(self, kind: str) -> list[Item]:
        return [i for s in self.sources for i in s.items if i.kind == kind]


# ---- YAML, with places found only when a problem needs one ------------------------

class _Loader(yaml.CSafeLoader):
    """libyaml with the standard constructors; dates stay as written ("2017-01-15")."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class Where:
    """Line and column of a key path in one YAML file. The file is composed again (with
    positions) only when the first problem asks, so valid briefs load without positions."""

    def __init__(self, path: Path | None):
        self.path, self._node, self._done = path, None, False

    def at(self, loc=()) -> tuple[int, int]:
        if not self._done:
            self._done = True
            try:
                self._node = yaml.compose(self.path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
                self._node = None
        return place(self._node, loc, nearest=False)


class DataCache:
    """Loaded briefs by file, under their size and mtime, in ``briefs/.site-cache.marshal``:
    PyYAML builds every node in Python (about 10 ms for a source brief), so a brief is parsed
    once after it changes, by ``brief check`` or by the site, and read back with ``marshal``.
    Only briefs that loaded (and, from the checker, passed the check) are kept."""

    NAME = ".site-cache.marshal"
    HEADER = ("briefsmith-site-data", 1, sys.version_info[:2])

    def __init__(self, briefs: Path):
        self.path = Path(briefs) / self.NAME
        self.old: dict = {}
        self.new: dict = {}
        self.dirty = False
        try:
            header, entries = marshal.loads(self.path.read_bytes())
            if header == self.HEADER and isinstance(entries, dict):
                self.old = entries
        except (OSError, EOFError, ValueError, TypeError):
            pass

    def get(self, path: Path, stamp):
        entry = self.old.get(str(path)) if stamp else None
        if entry and entry[0] == stamp:
            self.new[str(path)] = entry
            return entry[1]
        return None

    def put(self, path: Path, stamp, data) -> None:
        if stamp and isinstance(data, dict):
            self.new[str(path)] = (stamp, data)
            self.dirty = True

    def rotate(self) -> None:
        """After a load: what this load used or added is what the next load may reuse."""
        self.old, self.new, self.dirty = self.new, {}, False

    def save(self, keep_old: bool = False) -> None:
        """Write the entries used or added (``keep_old``: and the others, when only some
        briefs went through this cache)."""
        if keep_old:
            self.new = {**self.old, **self.new}
        if not (self.dirty or set(self.new) != set(self.old)) or not self.path.parent.is_dir():
            return
        try:
            blob = marshal.dumps((self.HEADER, self.new))
        except ValueError:  # a value marshal cannot hold: keep no cache
            return
        try:
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            from .briefs import _mode_for
            os.chmod(tmp, _mode_for(self.path))  # mkstemp makes 0600; an ordinary file like the briefs
            os.replace(tmp, self.path)
        except OSError:
            pass


def read_yaml(path: Path, problems: list[Problem], page: str | None, cache: DataCache | None = None):
    stamp = _stamp(path) if cache is not None else None
    if cache is not None:
        data = cache.get(path, stamp)
        if data is not None:
            return data
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as e:
        err = BriefsmithError.from_yaml(str(path), e)
        problems.append(Problem(err.path, err.message, err.line, err.column, page))
        return None
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(str(path), f"cannot read: {e}", page=page))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(str(path), "expected a mapping (a brief)", 1, 1, page))
        return None
    if cache is not None:
        cache.put(path, stamp, data)
    return data


def _text(value) -> str | None:
    return None if value is None else str(value)


# ---- loading --------------------------------------------------------------------

def load_site(briefs: Path, seeds: Path, taxonomy: Path | None = None, check_cache: dict | None = None,
              persist_check: bool = True, data_cache: DataCache | None = None) -> Site:
    """The view model. ``check_cache`` and ``data_cache`` may be kept by the caller across
    loads (``mkdocs serve``); ``persist_check=False`` writes no cache file under briefs/."""
    briefs, seeds = Path(briefs), Path(seeds)
    taxonomy_path = Path(taxonomy) if taxonomy else briefs / "taxonomy.yaml"
    problems: list[Problem] = []
    tax = None
    try:
        tax = load_taxonomy(taxonomy_path)
    except BriefsmithError as e:
        problems.append(Problem(e.path or str(taxonomy_path), e.message, e.line, e.column, None))
    motives = [{"id": m.id, "name": m.name, "description": m.description}
               for m in (tax.motives if tax else ())]
    names = {m["id"]: m["name"] for m in motives}
    counters = [{"id": c.id, "name": c.name, "description": c.description, "rebuts": c.rebuts,
                 "rebuts_name": names.get(c.rebuts or "", c.rebuts)}
                for c in (tax.counterarguments if tax else ())]
    cnames = {c["id"]: c["name"] for c in counters}
    actors = {a.id: {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases)}
              for a in (tax.actors if tax else ())}

    raw: dict[str, dict] = {}
    anchors: dict[str, set] = {}
    cache = data_cache if data_cache is not None and data_cache.path.parent == briefs else DataCache(briefs)
    sources = _load_sources(briefs, seeds, problems, names, cnames, actors, raw, anchors, cache)
    raw_motives = _cross(briefs / "motives", motives, "motives", problems, anchors, cache)
    actor_list = sorted(actors.values(), key=lambda a: a["name"].lower())
    _cross(briefs / "actors", actor_list, "actors", problems, anchors, cache)
    if persist_check:
        cache.save()
    cache.rotate()
    site = Site(question=str(tax.question) if tax else "", taxonomy=tax, taxonomy_path=taxonomy_path,
                motives=motives, counterarguments=counters, actors=actor_list, sources=sources,
                problems=problems)
    if tax is not None:
        _analyse(site, raw, raw_motives, anchors)
    _add_check_problems(site, briefs, seeds, taxonomy_path, check_cache, persist_check)
    return site


def _add_check_problems(site: Site, briefs: Path, seeds: Path, taxonomy_path: Path,
                        memory: dict | None = None, persist: bool = True) -> None:
    """What ``brief check`` finds (unknown ids, ungrounded quotes, stale offsets, ...), each on
    the page its brief feeds, so ``mkdocs build --strict`` fails on it and ``serve`` shows it.
    Through ``check_briefs``: only briefs changed since the last check are checked again."""
    seen = {(p.path, p.line, p.message) for p in site.problems}
    seen_places = {(p.path, p.line) for p in site.problems}
    for p in check_briefs(seeds, briefs, taxonomy_path, memory=memory, persist=persist):
        if (p.path, p.line, p.message) in seen or (p.line is not None and (p.path, p.line) in seen_places
                                                     and "YAML" in p.message):
            continue
        path = Path(p.path)
        page = (f"{path.parent.name}/{path.stem}.md"
                if path.suffix == ".yaml" and path.parent.name in ("sources", "motives", "actors")
                else None)
        site.problems.append(Problem(p.path, p.message, p.line, p.column, page))


def _analyse(site: Site, raw: dict[str, dict], raw_motives: dict[str, dict], anchors: dict[str, set]) -> None:
    """Cross-source analysis into the view model; a failure is a problem, never a crash."""
    titles = {s.id: s.title for s in site.sources}
    try:
        site.analysis, per_source = build_analysis(site.taxonomy, raw, raw_motives, anchors, titles,
                                                   {a["id"]: a["name"] for a in site.actors})
    except Exception as e:  # malformed briefs (wrong types) that loading tolerated
        site.problems.append(Problem(str(site.taxonomy_path.parent / "sources"),
                                     f"cross-source analysis failed: {type(e).__name__}: {e}"))
        return
    for s in site.sources:
        if s.id in per_source:
            x = per_source[s.id]
            s.stance, s.cells, s.weight, s.summary = x["stance"], x["cells"], x["weight"], x["summary"]
    for m in site.motives:
        a = site.analysis.motives.get(m["id"])
        if a is not None:
            m["summary"] = a["summary"]


def _cross(folder: Path, entries: list[dict], kind: str, problems: list[Problem],
           anchors: dict[str, set], cache: DataCache | None = None) -> dict[str, dict]:
    """Summary and notes of the cross-source briefs (motives/<id>.yaml, actors/<id>.yaml);
    returns the briefs read, by id."""
    by_id = {e["id"]: e for e in entries}
    raw: dict[str, dict] = {}
    for e in entries:
        e.setdefault("summary", None)
        e.setdefault("notes", None)
        e.setdefault("brief", None)
    if not folder.is_dir():
        return raw
    for path in sorted(folder.glob("*.yaml")):
        entry = by_id.get(path.stem)
        page = f"{kind}/{path.stem}.md" if entry else None
        data = read_yaml(path, problems, page, cache)
        if data is None or entry is None:
            continue
        raw[path.stem] = data
        entry.update(summary=shown_summary(data.get("summary"), anchors), notes=_text(data.get("notes")), brief=path)
    return raw


def _load_sources(briefs, seeds, problems, names, cnames, actors, raw, anchors, cache=None) -> list[Source]:
    seed_files: dict[str, Path] = {}
    try:
        seed_files = {p.stem: p for p in source_files(seeds)}
    except BriefsmithError as e:
        problems.append(Problem(e.path or str(seeds), e.message))
    brief_files = {p.stem: p for p in sorted((briefs / "sources").glob("*.yaml"))} \
        if (briefs / "sources").is_dir() else {}
    out = []
    for sid in sorted(set(seed_files) | set(brief_files)):
        page = f"sources/{sid}.md"
        src = Source(id=sid, title=sid, brief=brief_files.get(sid))
        data = read_yaml(src.brief, problems, page, cache) if src.brief else None
        where = Where(src.brief)
        meta = data.get("source") if data and isinstance(data.get("source"), dict) else {}
        seed = seed_files.get(sid)
        if meta.get("file"):
            seed = seeds / str(meta["file"])
        doc = None
        if seed is not None and seed.is_file():
            src.seed = seed
            try:
                doc = segment(read_article(seed))
            except BriefsmithError as e:
                problems.append(Problem(e.path or str(seed), e.message, e.line, e.column, page))
        elif src.brief:
            problems.append(Problem(str(src.brief), f"seed file {seed or sid} not found in {seeds}",
                                    *where.at(("source",)), page))
        art = doc.article.meta if doc else None
        for key in ("title", "subtitle", "author", "outlet", "date", "url"):
            value = _text(meta.get(key)) or (getattr(art, key) if art else None)
            if value:
                setattr(src, key, value)
        src.file = seed.name if seed else None
        if doc:
            anchors[sid] = {s.anchor for p in doc.paragraphs for s in p.sentences}
        if data is not None:
            src.extracted = True
            raw[sid] = data
            _check_anchors(src, data, anchors.get(sid), problems, page, where)
            if doc and meta.get("sha256") and meta["sha256"] != doc.article.sha256:
                problems.append(Problem(str(src.brief), f"{seed.name} changed since extraction "
                                        "(sha256 differs); re-run extraction", *where.at(("source",)), page))
            src.summary = shown_summary(data.get("summary"), anchors, sid)
            src.notes = _text(data.get("notes"))
            _items(src, data, doc, problems, page, names, cnames, actors, where)
        if doc:
            src.paragraphs = _paragraphs(doc, src.items)
        out.append(src)
    return out


def _list(data: dict, key: str, path: Path, problems, page, where: Where) -> list[tuple[int, dict]]:
    """The mappings of ``data[key]`` with their indexes."""
    value = data.get(key) or []
    if not isinstance(value, list):
        problems.append(Problem(str(path), f"{key} must be a list", *where.at(), page))
        return []
    good = []
    for n, v in enumerate(value):
        if isinstance(v, dict):
            good.append((n, v))
        else:
            problems.append(Problem(str(path), f"each of {key} must be a mapping, got {v!r:.40}",
                                    *where.at(), page))
    return good


def _items(src: Source, data, doc: Document | None, problems, page, names, cnames, actors,
           where: Where) -> None:
    path = src.brief
    anchors = {s.anchor: s for p in doc.paragraphs for s in p.sentences} if doc else {}
    forms: dict[str, list[str]] = {}
    for _, a in _list(data, "actors", path, problems, page, where):
        status = str(a.get("status") or "auto")
        aid = str(a.get("actor") or "")
        if status == "rejected" or not aid:
            continue
        name = str(a.get("name") or aid)
        fs = [str(f) for f in a.get("forms") or []]
        src.actors.append({"actor": aid, "name": name, "count": a.get("count") or 0, "forms": fs,
                           "status": status, "status_label": STATUS_LABELS.get(status, status)})
        forms[aid] = sorted(set(fs) | {name}, key=len, reverse=True)
        if aid not in actors:
            actors[aid] = {"id": aid, "name": name, "kind": "person" if "-" in aid else "unknown",
                           "aliases": []}
        for f in fs:
            if f != actors[aid]["name"] and f not in actors[aid]["aliases"]:
                actors[aid]["aliases"].append(f)
    # a plain substring test first: the word-bounded regex runs only when a form occurs at all
    form_res = {aid: (tuple(fs), re.compile(r"\b(?:" + "|".join(map(re.escape, fs)) + r")\b"))
                for aid, fs in forms.items() if fs}
    for key in KINDS:
        kind = key[:-1]
        for n, raw in _list(data, key, path, problems, page, where):
            status = str(raw.get("status") or "auto")
            if status == "rejected":
                continue

            def bad(message, loc=(key, n)):
                problems.append(Problem(str(path), message, *where.at(loc), page))
            if status not in STATUS_LABELS:
                bad(f"status must be auto, confirmed, rejected or manual, got {status!r}")
            quote = str(raw.get("quote") or "")
            anchor = _text(raw.get("anchor"))
            sentence = anchors.get(anchor) if anchor else None
            if doc and anchor and sentence is None:
                bad(f"anchor {anchor!r} is not a sentence of {doc.article.path.name}")
                anchor = None
            if doc and isinstance(raw.get("start"), int) and isinstance(raw.get("end"), int) \
                    and doc.text[raw["start"]:raw["end"]] != quote:
                bad("quote differs from the source text at start:end; re-run extraction")
            if not doc:
                anchor = None
            item = Item(kind=kind, id=str(raw.get("id") or ""), source=src.id, quote=quote, anchor=anchor,
                        status=status, status_label=STATUS_LABELS.get(status, status),
                        confidence=raw.get("confidence"), comment=_text(raw.get("comment")))
            if kind == "motive":
                item.label = str(raw.get("motive") or "")
                item.label_name = names.get(item.label, item.label)
            elif kind == "counter":
                item.label = str(raw.get("counter") or "")
                item.label_name = cnames.get(item.label, item.label)
                item.rebuts = _text(raw.get("rebuts"))
            elif kind == "quote":
                item.label = str(raw.get("speaker") or "")
                item.label_name = str(raw.get("speaker_name") or item.label)
            elif kind == "event":
                item.label = item.label_name = str(raw.get("date") or "")
            else:
                item.label = item.label_name = str(raw.get("counts") or "")
                item.value = _text(raw.get("value"))
            if sentence is not None:
                text = _clean(doc, sentence)
                if " ".join(quote.split()) != " ".join(text.split()):
                    item.context = text
            probe = item.context or quote
            item.actors = [aid for aid, (fs, rx) in form_res.items()
                           if any(f in probe for f in fs) and rx.search(probe)]
            src.items.append(item)


def _check_anchors(src: Source, data: dict, anchors: set | None, problems, page, where: Where) -> None:
    """Relations, claims and summary sentences must point at sentences of the article."""
    if anchors is None:
        return
    summary = data.get("summary") if isinstance(data.get("summary"), dict) else {}
    for key, loc, items in (("relations", ("relations",), data.get("relations")),
                            ("claims", ("claims",), data.get("claims")),
                            ("summary sentences", ("summary", "sentences"), summary.get("sentences"))):
        for n, raw in enumerate(items if isinstance(items, list) else ()):
            if isinstance(raw, dict) and raw.get("status") != "rejected" and raw.get("anchor") \
                    and raw["anchor"] not in anchors:
                problems.append(Problem(str(src.brief), f"{key}: anchor {raw['anchor']!r} is not a "
                                        f"sentence of {src.file}", *where.at((*loc, n)), page))


def _clean(doc: Document, sentence) -> str:
    """A sentence's text with the inline furniture (tags, template placeholders) cut out."""
    block = doc.article.blocks[sentence.paragraph - 1]
    out, pos = [], sentence.start
    for cs, ce in block.cuts:
        if ce <= pos or cs >= sentence.end:
            continue
        out.append(doc.text[pos:max(pos, cs)])
        pos = max(pos, ce)
    out.append(doc.text[pos:sentence.end])
    return " ".join("".join(out).split())


def _paragraphs(doc: Document, items: list[Item]) -> list[Paragraph]:
    by_anchor: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        if i.anchor:
            by_anchor[i.anchor].append(i)
    out = []
    for p in doc.paragraphs:
        sents = [Sentence(s.anchor, _clean(doc, s), by_anchor.get(s.anchor, []),
                          any(i.kind in ("motive", "counter") for i in by_anchor.get(s.anchor, [])))
                 for s in p.sentences]
        out.append(Paragraph(p.anchor, p.role, sents))
    return out


# ---- `brief check`, once per changed brief ---------------------------------------

CHECK_CACHE = ".check-cache.json"
_CHECK_VERSION = 1


def _code_key() -> str:
    """The checker's own code: a changed checker checks everything again."""
    from . import briefs as B
    from . import check as C
    from . import schema as S
    h = hashlib.sha256(str(_CHECK_VERSION).encode())
    for mod in (C, S, B):
        try:
            h.update(Path(mod.__file__).read_bytes())
        except OSError:
            h.update(mod.__name__.encode())
    return h.hexdigest()


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


class _Seeds:
    """``check.Context.texts`` read lazily: names are known from the folder listing and the
    cache, a seed's text is read only when a brief that quotes it is checked again."""

    def __init__(self):
        self.paths: dict[str, Path] = {}
        self.shas: dict[str, str | None] = {}
        self.loaded: dict[str, tuple[str, str] | None] = {}

    def __contains__(self, name) -> bool:
        return name in self.paths

    def __getitem__(self, name):
        if name not in self.loaded:
            from .check import decode
            try:
                raw = self.paths[name].read_bytes()
            except OSError:
                self.loaded[name] = None
            else:
                text, problem = decode(raw, self.paths[name])
                self.loaded[name] = None if problem else (text, hashlib.sha256(raw).hexdigest())
        return self.loaded[name]

    def get(self, name, default=None):
        return self[name] if name in self else default

    def state(self, name) -> str | None:
        """What a source brief's check depends on in the seeds: the named file's sha256."""
        if not isinstance(name, str):
            return None
        if name not in self.paths:
            return "missing"
        return self.shas.get(name) or "unreadable"


def check_briefs(seeds: Path, briefs: Path, taxonomy: Path | None = None, memory: dict | None = None,
                 persist: bool = True, data: DataCache | None = None) -> list:
    """``check.check_project``'s problems (the same list), checking again only what changed.

    Each brief's problems are kept in ``briefs/.check-cache.json`` (and in ``memory``, a dict
    kept across ``mkdocs serve`` rebuilds) under the brief's size and mtime. A source brief's
    entry also depends on the sha256 of the seed it names; a motive or actor brief's on the set
    of source briefs and of known actors. The whole cache depends on the taxonomy's bytes, the
    folders and the checker's code. ``persist=False`` does not write the file (serve: a write
    under briefs/ would trigger the next rebuild). With ``data``, each brief checked without a
    problem hands its parsed data to the site's ``DataCache`` (one parse per changed brief).
    """
    from . import check as C

    data_cache = data
    seeds, briefs = Path(seeds), Path(briefs)
    taxonomy = Path(taxonomy) if taxonomy else briefs / "taxonomy.yaml"
    problems: list = []
    tax = C.check_taxonomy(taxonomy, problems)
    try:
        tax_bytes = taxonomy.read_bytes()
    except OSError:
        tax_bytes = b""
    key = hashlib.sha256(b"\0".join([_code_key().encode(), tax_bytes, str(seeds.resolve()).encode(),
                                      str(briefs.resolve()).encode()])).hexdigest()
    cache_path = briefs / CHECK_CACHE
    old: dict = {}
    if memory is not None and memory.get("key") == key:
        old = memory
    else:
        try:
            loaded = json.loads(cache_path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("key") == key:
                old = loaded
        except (OSError, ValueError):
            pass
    old_seeds, old_briefs = old.get("seeds") or {}, old.get("briefs") or {}
    new = {"key": key, "seeds": {}, "briefs": {}}

    texts = _Seeds()
    if not seeds.is_dir():
        problems.append(C.Problem(str(seeds), None, None, "seeds folder not found"))
    else:
        for p in sorted(seeds.iterdir()):
            if p.suffix in (".txt", ".md") and p.is_file() and not p.name.startswith("."):
                stamp = _stamp(p)
                entry = old_seeds.get(p.name)
                if not entry or entry.get("stamp") != stamp:
                    raw = p.read_bytes()
                    text, problem = C.decode(raw, p)
                    sha = hashlib.sha256(raw).hexdigest()
                    texts.loaded[p.name] = None if problem else (text, sha)
                    entry = {"stamp": stamp, "sha": None if problem else sha,
                             "problem": [problem.path, problem.line, problem.column, problem.message]
                             if problem else None}
                new["seeds"][p.name] = entry
                texts.paths[p.name], texts.shas[p.name] = p, entry["sha"]
                if entry["problem"]:
                    problems.append(C.Problem(*entry["problem"]))

    files = {kind: sorted((briefs / kind).glob("*.yaml")) if (briefs / kind).is_dir() else []
             for kind in ("sources", "motives", "actors")}
    ctx = C.Context(seeds, briefs, texts, {m["id"] for m in tax.get("motives", [])},
                    {c["id"]: c.get("rebuts") for c in tax.get("counterarguments", [])},
                    {a["id"] for a in tax.get("actors", [])},
                    {p.stem for p in files["sources"]}, bool(tax))

    def cached(path: Path, deps, run):
        stamp = _stamp(path)
        entry = old_briefs.get(str(path))
        if entry and entry.get("stamp") == stamp and entry.get("deps") == deps(entry):
            found = [C.Problem(*x) for x in entry["problems"]]
        else:
            found = []
            entry = {"stamp": stamp, **run(found)}
            entry["deps"] = deps(entry)
            entry["problems"] = [[x.path, x.line, x.column, x.message] for x in found]
        new["briefs"][str(path)] = entry
        problems.extend(found)
        return entry

    known_actors = set(ctx.actors)
    for path in files["sources"]:
        def run(found, path=path):
            stamp = _stamp(path)
            data = C.check_brief(path, ctx, found, expect="source")
            if data_cache is not None and not found:
                data_cache.put(path, stamp, data)
            meta = data.get("source") if isinstance(data, dict) and isinstance(data.get("source"), dict) else {}
            fname = meta.get("file") if isinstance(meta.get("file"), str) else None
            actors = sorted({a.get("actor") for a in data.get("actors") or [] if isinstance(a, dict)},
                            key=repr) if isinstance(data, dict) else []
            return {"file": fname, "actors": [a for a in actors if isinstance(a, (str, int, float, bool))
                                              or a is None]}
        entry = cached(path, lambda e: texts.state(e.get("file")), run)
        known_actors |= set(entry["actors"])
    cross = hashlib.sha256(json.dumps([sorted(ctx.source_ids), sorted(map(repr, known_actors))])
                           .encode()).hexdigest()
    for kind in ("motives", "actors"):
        for path in files[kind]:
            def run_cross(found, path=path, kind=kind):
                stamp = _stamp(path)
                data = C.check_brief(path, ctx, found, expect=kind[:-1], known_actors=known_actors)
                if data_cache is not None and not found:
                    data_cache.put(path, stamp, data)
                return {}
            cached(path, lambda e: cross, run_cross)
    if memory is not None:
        memory.clear()
        memory.update(new)
    if persist and new != old and briefs.is_dir():
        from .briefs import write_atomic
        try:
            write_atomic(cache_path, json.dumps(new, separators=(",", ":")))
        except OSError:
            pass
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.column or 0, p.message))
