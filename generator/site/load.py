"""Briefs -> the site's view model: plain dataclasses the templates only present.

Reads ``taxonomy.yaml``, ``sources/*.yaml``, ``motives/*.yaml`` and ``actors/*.yaml`` (``briefs.reader``),
segments each source's seed file for the source pages, drops every item whose
status is ``rejected`` and decides everything the pages show (labels, counts, groups,
which actors a sentence names). Problems never stop loading: each becomes a ``Problem``
with a place (``path:line:column``) and the page it affects.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import forking
from ..briefs import reader
from ..analysis import site_view
from ..cache.files import read_marshal as _read_marshal
from ..cache.files import write_marshal as _write_marshal
from ..cache.collector import paused_gc
from ..cache.documents import Documents
from ..ingest.articles import read_article, source_listing
from ..ingest.paths import inside, listing
from ..briefs.model import Document
from ..briefs.problem import BriefsmithError, Problem
from ..briefs.reader import Places
from ..ingest.segment import segment
from .analysis import Analysis
from .analysis import build as build_analysis
from .analysis import summary as shown_summary
from ..cache.check import check_briefs, check_inputs, checked_result, problem_row
from ..cache.stamps import fingerprint
from ..cache.state import state_dir
from ..cache.stamps import stamp as _stamp
from ..briefs.taxonomy import Taxonomy, load_taxonomy

_WORD = re.compile(r"\w+")
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
    cache: "SiteCache | None" = None   # what loading used, for the rendered pages

    def items(self, kind: str) -> list[Item]:
        return [i for s in self.sources for i in s.items if i.kind == kind]


# ---- YAML, with places found only when a problem needs one ------------------------

class Where(Places):
    """Line and column of a key path in one brief, composed again (with positions) only when
    the first problem asks, so valid briefs load without positions."""

    def at(self, loc=(), key: bool = False, nearest: bool = False) -> tuple[int, int]:
        return super().at(loc, key, nearest)


class DataCache:
    """Loaded briefs by file, under their size and mtime, in ``briefs.marshal`` (state folder):
    PyYAML builds every node in Python (about 10 ms for a source brief), so a brief is parsed
    once after it changes, by ``brief check`` or by the site, and read back with ``marshal``.
    Only briefs that loaded (and, from the checker, passed the check) are kept."""

    NAME = "briefs.marshal"
    HEADER = ("briefsmith-site-data", 1, sys.version_info[:2])

    def __init__(self, briefs: Path):
        self.briefs = Path(briefs)
        self.path = state_dir(self.briefs) / self.NAME
        self._old: dict | None = None   # read on first use: a site whose views are cached needs none
        self.new: dict = {}
        self.dirty = False

    @property
    def loaded(self) -> bool:
        return self._old is not None

    @property
    def old(self) -> dict:
        if self._old is None:
            self._old = _read_marshal(self.path, self.HEADER)
        return self._old

    @old.setter
    def old(self, value: dict) -> None:
        self._old = value

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

    def keep(self, paths) -> None:
        """Carry the entries of ``paths`` over to the next save as they are."""
        for path in paths:
            if path not in self.new and path in self.old:
                self.new[path] = self.old[path]

    def rotate(self) -> None:
        """After a load: what this load used or added is what the next load may reuse."""
        self.old, self.new, self.dirty = self.new, {}, False

    def save(self, keep_old: bool = False) -> None:
        """Write the entries used or added (``keep_old``: and the others, when only some
        briefs went through this cache)."""
        if keep_old:
            self.new = {**self.old, **self.new}
        if not (self.dirty or set(self.new) != set(self.old)) or not self.briefs.is_dir():
            return
        state_dir(self.briefs, create=True)
        _write_marshal(self.path, self.HEADER, self.new)


def _global_key(briefs: Path, seeds: Path, taxonomy: Path) -> str:
    """What every cached view depends on: the taxonomy's bytes, the folders, and the code that
    loads, segments and analyses (a changed loader rebuilds every view)."""
    from .. import analysis
    from ..ingest import articles as ingest, segment
    from ..briefs import model, reader as yaml_reader, taxonomy as tx
    from . import analysis as site_analysis
    mods = [sys.modules[__name__], analysis, ingest, model, segment, site_analysis, tx, yaml_reader]
    folder = Path(analysis.__file__).parent
    mods += [sys.modules[f"generator.analysis.{p.stem}"] for p in sorted(folder.glob("*.py"))
             if p.stem != "__init__" and f"generator.analysis.{p.stem}" in sys.modules]
    try:   # (a link is not read: loading the taxonomy refuses it)
        tax = b"" if taxonomy.is_symlink() else taxonomy.read_bytes()
    except OSError:
        tax = b""
    return fingerprint((SiteCache.HEADER, str(briefs.resolve()), str(seeds.resolve())), *mods, tax)


class SiteCache:
    """The site between builds, in ``site.marshal`` in the state folder (or only in memory under
    ``mkdocs serve``, as before the state left the briefs folder):

    - each source's loaded view (items, paragraphs, problems) under its brief's and seed's
      size and mtime, so a source is read and segmented again only after it changed;
    - the motive and actor briefs likewise;
    - the cross-source analysis under the stamps of every brief and seed;
    - each rendered page under a key of its inputs (see ``render.Renderer.render_site``).

    All of it under one global key (taxonomy, folders, code): anything else changed, nothing
    is reused. Entries not used by a build are dropped when it is saved."""

    NAME = "site.marshal"
    HEADER = ("briefsmith-render", 2, sys.version_info[:2])

    def __init__(self, briefs: Path, persist: bool = True, background: bool = False):
        self.briefs = Path(briefs)
        self.path = state_dir(self.briefs) / self.NAME
        self.persist = persist
        self.background = background
        self.writer: int | None = None    # the child writing the file (``save``), if any
        self.key: str | None = None
        self.old: dict | None = None      # None: the file is not read yet
        self.new: dict = {}
        self.keys: dict[str, tuple] = {}        # source id -> its view's key, this load
        self.cross_keys: dict[str, tuple] = {}  # cross brief path -> its stamp, this load

    def begin(self, key: str) -> None:
        """A new load: reuse what matches ``key`` (the file's or the previous load's)."""
        self.wait()
        if self.old is None:
            self.old = _read_marshal(self.path, self.HEADER)
        if self.new:   # kept in memory from the previous load (serve)
            self.old = self.new
        if self.old.get("key") != key:
            self.old = {}
        self.key = key
        self.new = {"key": key, "sources": {}, "cross": {}, "analysis": None,
                    "pages": self.old.get("pages") or {}}
        self.keys, self.cross_keys = {}, {}

    def source(self, sid: str, key: tuple):
        entry = (self.old.get("sources") or {}).get(sid)
        # the key may have grown by the seed the brief names: compare its first part
        if entry is None or tuple(entry[0][:len(key)]) != key or not self._seed_fresh(entry[0][len(key):]):
            return None
        self.new["sources"][sid] = entry
        self.keys[sid] = tuple(entry[0])
        return entry[1]

    @staticmethod
    def _seed_fresh(extra) -> bool:
        return not extra or _seed_stamp(Path(extra[0])) == extra[1]

    def put_source(self, sid: str, key: tuple, view) -> None:
        self.new["sources"][sid] = (key, view)
        self.keys[sid] = key

    def cross(self, path: Path, problems: list, page, cache: DataCache | None):
        stamp = _stamp(path)
        entry = (self.old.get("cross") or {}).get(str(path))
        if entry is None or entry[0] != stamp or entry[3] != page:
            mine: list[Problem] = []
            data = read_yaml(path, mine, page, cache)
            entry = (stamp, data, [(p.path, p.message, p.line, p.column, p.page) for p in mine], page)
        self.new["cross"][str(path)] = entry
        self.cross_keys[str(path)] = stamp
        problems.extend(Problem(*p) for p in entry[2])
        return entry[1]

    def _kept(self, slot: str, key: str):
        """The value kept in ``slot`` under ``key`` by the last load (kept for the next), or None."""
        entry = self.old.get(slot)
        if entry is not None and entry[0] == key:
            self.new[slot] = entry
            return entry[1]
        return None

    def checked(self, key: str):
        return self._kept("check", key)

    def put_checked(self, key: str, found: list) -> None:
        self.new["check"] = (key, found)

    def analysis(self, key: str):
        return self._kept("analysis", key)

    def put_analysis(self, key: str, value) -> None:
        self.new["analysis"] = (key, value)

    def pages(self, renderer: str) -> tuple[dict, dict]:
        """``(old, new)`` rendered pages of one renderer (its templates): path -> (key, text)."""
        old = (self.old.get("pages") or {}).get(renderer) or {}
        new: dict = {}
        self.new["pages"] = {renderer: new}   # one renderer's pages are kept, the last one's
        return old, new

    def save(self) -> None:
        """After the pages are rendered: write the file (unless kept in memory only). With
        ``background``, a forked child writes it (hundreds of MB for a large site) while
        this process goes on; ``wait`` waits for it."""
        if not self.persist or not self.briefs.is_dir() or self.new == self.old:
            return
        self.wait()
        state_dir(self.briefs, create=True)
        write = functools.partial(_write_marshal, self.path, self.HEADER, self.new)
        self.writer = forking.in_background(write) if self.background else None
        if self.writer is None:
            write()

    def wait(self) -> None:
        """Until the file that ``save`` began to write in the background is written."""
        forking.wait(self.writer)
        self.writer = None


def read_yaml(path: Path, problems: list[Problem], page: str | None, cache: DataCache | None = None):
    """A brief's data (from ``cache`` when it holds it under the brief's stamp), or None; each
    problem reading it is added to ``problems``, on ``page``."""
    stamp = _stamp(path) if cache is not None else None
    if cache is not None:
        data = cache.get(path, stamp)
        if data is not None:
            return data
    text, problem = reader.read_text(path)
    doc, found = reader.parse(text, path) if problem is None else (None, [problem])
    problems.extend(Problem(p.path, p.message, p.line, p.column, page) for p in found)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(str(path), "expected a mapping (a brief)", 1, 1, page))
        return None
    if cache is not None and not found:
        cache.put(path, stamp, doc.data)
    return doc.data


def _text(value) -> str | None:
    return None if value is None else str(value)


def _brief_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The briefs of a folder in name order; a link among them is a problem, never read."""
    found = listing(folder, (".yaml",))
    problems.extend(Problem(e.path, e.message) for e in found.refused)
    return found.files


def source_page(sid: str) -> str:
    """The path of a source's page: ``sources/<id>.md``; but ``sources/index.md`` is the list
    of sources, so the page of a source named ``index`` is ``sources/index/source.md`` (no
    other page has that path: page k of a listing is ``X/k.md`` with a number k, and an id,
    a file's stem, holds no ``/``)."""
    return "sources/index/source.md" if sid == "index" else f"sources/{sid}.md"


# ---- loading --------------------------------------------------------------------

@paused_gc()
def load_site(briefs: Path, seeds: Path, taxonomy: Path | None = None, check_cache: dict | None = None,
              persist_check: bool = True, data_cache: DataCache | None = None,
              site_cache: "SiteCache | None" = None) -> Site:
    """The view model (built with the cyclic collector paused: loading makes plain data, no
    cycles, and the full collections its number sets off took a third of a first load of
    1,000 sources). ``check_cache``, ``data_cache`` and ``site_cache`` may be kept by the
    caller across loads (``mkdocs serve``); ``persist_check=False`` writes no cache file under
    briefs/. The site cache (views of sources, the analysis, rendered pages) is written by
    ``Renderer.render_site`` once the pages are rendered."""
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
    cache = data_cache if data_cache is not None and data_cache.briefs == briefs else DataCache(briefs)
    views = site_cache if site_cache is not None and site_cache.briefs == briefs else \
        SiteCache(briefs, persist=persist_check)
    views.begin(_global_key(briefs, seeds, taxonomy_path))
    early: dict = {}   # the analysis' site view, made while forked workers load the sources

    def meanwhile(brief_files: dict[str, Path]) -> None:
        if tax is not None:
            early.update(_early_view(tax, briefs, brief_files, set(names), cache))
    sources = _load_sources(briefs, seeds, problems, names, cnames, actors, raw, anchors, cache, views,
                            meanwhile)
    raw_motives = _cross(briefs / "motives", motives, "motives", problems, anchors, cache, views)
    actor_list = sorted(actors.values(), key=lambda a: a["name"].lower())
    _cross(briefs / "actors", actor_list, "actors", problems, anchors, cache, views)
    site = Site(question=str(tax.question) if tax else "", taxonomy=tax, taxonomy_path=taxonomy_path,
                motives=motives, counterarguments=counters, actors=actor_list, sources=sources,
                problems=problems)
    site.cache = views
    if tax is not None:
        # the analysis reads every source brief: it is kept under all of their stamps, and the
        # briefs are read (from the data cache) only when one of them changed
        key = repr((sorted(views.keys.items()), sorted(views.cross_keys.items())))
        cached = views.analysis(key)
        if cached is None:
            ordered = {}   # in the sources' order, as the analysis has always seen them
            for s in sources:
                data = raw.get(s.id)
                if data is None and s.brief is not None and s.extracted:
                    data = read_yaml(s.brief, [], None, cache)
                if data is not None:
                    ordered[s.id] = data
            value = _analyse(site, ordered, raw_motives, anchors, _same_view(early, ordered, raw_motives))
            if value is not None:
                views.put_analysis(key, value)
        else:
            _apply_analysis(site, cached)
    if cache.loaded:
        # briefs this load took from the site cache did not pass through the data cache:
        # keep their parsed data for the next analysis (entries of deleted briefs are dropped)
        cache.keep([k[0] for k in views.keys.values() if k[1]] + list(views.cross_keys))
        if persist_check:
            cache.save()
        cache.rotate()
    _add_check_problems(site, briefs, seeds, taxonomy_path, check_cache, persist_check, views)
    return site


def _add_check_problems(site: Site, briefs: Path, seeds: Path, taxonomy_path: Path,
                        memory: dict | None = None, persist: bool = True,
                        views: "SiteCache | None" = None) -> None:
    """What ``brief check`` finds (unknown ids, ungrounded quotes, stale offsets, ...), each on
    the page its brief feeds, so ``mkdocs build --strict`` fails on it and ``serve`` shows it.
    Through ``check_briefs``: only briefs changed since the last check are checked again."""
    seen = {(p.path, p.line, p.message) for p in site.problems}
    seen_places = {(p.path, p.line) for p in site.problems}
    # The check's result under the stamps of every file it reads and its code: when none
    # changed, not even the checker is imported (its schema models cost a quarter second).
    key = check_inputs(briefs, seeds, taxonomy_path)
    found = views.checked(key) if views is not None else None
    if found is None:   # `brief build` has usually just checked: its result, if still current
        last = checked_result(briefs, seeds, taxonomy_path, key, memory)
        found = None if last is None else [problem_row(p) for p in last]
    if found is None:
        found = [problem_row(p) for p in check_briefs(seeds, briefs, taxonomy_path, memory=memory,
                                                      persist=persist)]
        if views is not None:
            views.put_checked(key, found)
    for p in (Problem(*row) for row in found):
        if (p.path, p.line, p.message) in seen or (p.line is not None and (p.path, p.line) in seen_places
                                                     and "YAML" in p.message):
            continue
        path = Path(p.path)
        page = (f"{path.parent.name}/{path.stem}.md"
                if path.suffix == ".yaml" and path.parent.name in ("sources", "motives", "actors")
                else None)
        site.problems.append(Problem(p.path, p.message, p.line, p.column, page))


def _early_view(tax: Taxonomy, briefs: Path, brief_files: dict[str, Path], motive_ids: set,
                cache: DataCache | None) -> dict:
    """``{sources, motives, view}``: the analysis' site view of the briefs as the data cache
    holds them, or {} when it lacks one of them (then the view is made after the load). The
    view depends on the brief data alone: on two cores it is made while the workers load the
    sources, instead of after, with a core idle."""
    if cache is None:
        return {}
    found: dict[str, dict] = {}
    for kind, files in (("sources", sorted(brief_files.items())), ("motives", sorted(
            (p.stem, p) for p in (briefs / "motives").glob("*.yaml") if p.stem in motive_ids))):
        found[kind] = {}
        for sid, path in files:
            entry = cache.old.get(str(path))
            if entry is None or entry[0] != _stamp(path):
                return {}
            found[kind][sid] = entry[1]
    try:
        return dict(found, view=site_view(tax, found["sources"], found["motives"]))
    except Exception:  # malformed briefs: the analysis after the load reports the problem
        return {}


def _same_view(early: dict, raw: dict[str, dict], raw_motives: dict[str, dict]) -> dict | None:
    """The early view if it was made of exactly the briefs the analysis is given, else None."""
    if not early or list(early["sources"]) != list(raw) or early["motives"] != raw_motives:
        return None
    same = all(early["sources"][k] is v or early["sources"][k] == v for k, v in raw.items())
    return early["view"] if same else None


def _analyse(site: Site, raw: dict[str, dict], raw_motives: dict[str, dict],
             anchors: dict[str, set], view: dict | None = None) -> tuple | None:
    """Cross-source analysis into the view model (``view``: its site view, made already); a
    failure is a problem, never a crash."""
    titles = {s.id: s.title for s in site.sources}
    try:
        analysis, per_source = build_analysis(site.taxonomy, raw, raw_motives, anchors, titles,
                                              {a["id"]: a["name"] for a in site.actors}, view)
    except Exception as e:  # malformed briefs (wrong types) that loading tolerated
        site.problems.append(Problem(str(site.taxonomy_path.parent / "sources"),
                                     f"cross-source analysis failed: {type(e).__name__}: {e}"))
        return
    value = (dict(analysis.__dict__), per_source)
    _apply_analysis(site, value)
    return value


def _apply_analysis(site: Site, value: tuple) -> None:
    fields, per_source = value
    site.analysis = Analysis(**fields)
    for s in site.sources:
        if s.id in per_source:
            x = per_source[s.id]
            s.stance, s.cells, s.weight, s.summary = x["stance"], x["cells"], x["weight"], x["summary"]
    for m in site.motives:
        a = site.analysis.motives.get(m["id"])
        if a is not None:
            m["summary"] = a["summary"]


def _cross(folder: Path, entries: list[dict], kind: str, problems: list[Problem],
           anchors: dict[str, set], cache: DataCache | None = None,
           views: "SiteCache | None" = None) -> dict[str, dict]:
    """Summary and notes of the cross-source briefs (motives/<id>.yaml, actors/<id>.yaml);
    returns the briefs read, by id."""
    by_id = {e["id"]: e for e in entries}
    raw: dict[str, dict] = {}
    for e in entries:
        e.setdefault("summary", None)
        e.setdefault("notes", None)
        e.setdefault("brief", None)
    for path in _brief_files(folder, problems):
        entry = by_id.get(path.stem)
        page = f"{kind}/{path.stem}.md" if entry else None
        data = views.cross(path, problems, page, cache) if views is not None else \
            read_yaml(path, problems, page, cache)
        if data is None or entry is None:
            continue
        raw[path.stem] = data
        entry.update(summary=shown_summary(data.get("summary"), anchors), notes=_text(data.get("notes")), brief=path)
    return raw


# Sources to load from which forked workers load them (a first build; see _loaded_views)
PARALLEL_SOURCES = 64


def _load_sources(briefs, seeds, problems, names, cnames, actors, raw, anchors, cache=None,
                  views: "SiteCache | None" = None, meanwhile=None) -> list[Source]:
    """The sources in id order. ``meanwhile(brief_files)`` is called while forked workers
    load them, if they do."""
    seed_files: dict[str, Path] = {}
    try:   # the articles `brief extract` reads; one it refuses (a link, a bad name) is a problem
        found_seeds = source_listing(seeds)
        seed_files = {p.stem: p for p in found_seeds.files}
        problems.extend(Problem(e.path, e.message) for e in found_seeds.refused)
    except BriefsmithError as e:
        problems.append(Problem(e.path or str(seeds), e.message))
    brief_files = {p.stem: p for p in _brief_files(briefs / "sources", problems)}
    found: dict[str, tuple] = {}
    todo = []
    for sid in sorted(set(seed_files) | set(brief_files)):
        brief, seed = brief_files.get(sid), seed_files.get(sid)
        # A source's view depends on its brief, its seed (and the seed's sidecar) and, through
        # the global key of ``views``, on the taxonomy and the code: unchanged, it is read back.
        key = (str(brief), _stamp(brief) if brief else None, str(seed), _seed_stamp(seed))
        view = views.source(sid, key) if views is not None else None
        if view is None:
            todo.append((sid, brief, seed, key))
        else:
            found[sid] = _from_view(sid, brief, view)
    ahead = functools.partial(meanwhile, brief_files) if meanwhile else None
    # the documents extraction segmented: read only when some source is loaded anew
    docs = Documents(briefs) if todo else None
    for sid, brief, key, view, data in _loaded_views(todo, seeds, names, cnames, cache, ahead, docs):
        if views is not None:
            views.put_source(sid, key, view)
        if data is not None:
            raw[sid] = data
        found[sid] = _from_view(sid, brief, view)
    out = []
    for sid in sorted(found):
        src, sent_anchors, mine = found[sid]
        problems.extend(mine)
        if sent_anchors is not None:
            anchors[sid] = sent_anchors
        for a in src.actors:   # actors the taxonomy lacks, and the forms sources call them by
            aid = a["actor"]
            if aid not in actors:
                actors[aid] = {"id": aid, "name": a["name"], "kind": "person" if "-" in aid else "unknown",
                               "aliases": []}
            for f in a["forms"]:
                if f != actors[aid]["name"] and f not in actors[aid]["aliases"]:
                    actors[aid]["aliases"].append(f)
        out.append(src)
    return out


def _loaded_views(todo: list[tuple], seeds: Path, names, cnames, cache, meanwhile=None, docs=None):
    """``(sid, brief, key, view, brief data or None)`` for each source of ``todo`` (in its
    order), each loaded from its brief and seed; many (a first build) by forked workers,
    which send back the views (and only the brief data the data cache lacks), while this
    process runs ``meanwhile()``."""
    if cache is not None:
        cache.old   # read before forking, so that the workers share it
    jobs = forking.workers(len(todo), PARALLEL_SOURCES)
    if not jobs:
        for item in todo:
            yield _load_view(item, seeds, names, cnames, cache, docs)
        return
    with forking.forked_pool(jobs, seeds=seeds, names=names, cnames=cnames, cache=cache, docs=docs) as pool:
        results = pool.imap(_load_view_forked, todo, chunksize=forking.chunk(len(todo), jobs))
        if meanwhile is not None:
            meanwhile()
        for sid, brief, key, view, data in results:
            if data is True:
                data = read_yaml(brief, [], None, cache)
            yield sid, brief, key, view, data


def _load_view_forked(item: tuple) -> tuple:
    """As ``_load_view`` in a worker; brief data that the data cache holds is not sent back
    (``True``: the parent reads it from its own copy of the cache)."""
    shared = forking.state()
    sid, brief, key, view, data = _load_view(item, **shared)
    cache = shared["cache"]
    entry = cache.old.get(str(brief)) if data is not None and cache is not None else None
    if entry is not None and entry[1] is data:
        data = True
    return sid, brief, key, view, data


def _load_view(item: tuple, seeds: Path, names, cnames, cache, docs=None) -> tuple:
    sid, brief, seed, key = item
    mine: list[Problem] = []
    src, data, sent_anchors = _load_source(sid, brief, seed, seeds, mine, names, cnames, cache, docs)
    if src.seed is not None and src.seed != seed:   # the brief names another seed file
        key = (*key, str(src.seed), _seed_stamp(src.seed))
    return sid, brief, key, _view(src, sent_anchors, mine), data


def _seed_stamp(seed: Path | None):
    if seed is None:
        return None
    return (_stamp(seed), _stamp(seed.with_name(seed.stem + ".meta.yaml")))


_ITEM_FIELDS = ("kind", "id", "source", "quote", "anchor", "status", "status_label", "confidence",
                "label", "label_name", "rebuts", "comment", "context", "value", "actors")
_SOURCE_FIELDS = ("title", "subtitle", "author", "outlet", "date", "url", "file", "summary", "notes",
                  "extracted", "actors")


def _view(src: Source, sent_anchors: set | None, problems: list[Problem]) -> tuple:
    """A loaded source as plain values (``marshal`` holds them; no class is pickled). The items
    and paragraphs stay marshalled bytes until a page to render needs them: a rebuild whose
    pages are all cached builds none of them."""
    index = {id(i): n for n, i in enumerate(src.items)}
    paragraphs = [(p.anchor, p.role, [(s.anchor, s.text, [index[id(i)] for i in s.items], s.highlight)
                                      for s in p.sentences]) for p in src.paragraphs]
    return ({f: getattr(src, f) for f in _SOURCE_FIELDS},
            str(src.seed) if src.seed else None,
            marshal.dumps([tuple(getattr(i, f) for f in _ITEM_FIELDS) for i in src.items]),
            marshal.dumps(paragraphs),
            sent_anchors,
            [(p.path, p.message, p.line, p.column, p.page) for p in problems])


class _StoredSource(Source):
    """A source read back from the site cache: its items and paragraphs are built on first use."""

    _blob: bytes | None = None
    _paras: list = []
    _items_blob: bytes | None = None
    _items: list = []

    @property
    def items(self) -> list[Item]:
        if self._items_blob is not None:
            self._items = [Item(*t) for t in marshal.loads(self._items_blob)]
            self._items_blob = None
        return self._items

    @items.setter
    def items(self, value) -> None:
        self._items, self._items_blob = value, None

    @property
    def paragraphs(self) -> list[Paragraph]:
        if self._blob is not None:
            its = self.items
            self._paras = [Paragraph(a, role, [Sentence(sa, text, [its[n] for n in idx], hl)
                                               for sa, text, idx, hl in sents])
                           for a, role, sents in marshal.loads(self._blob)]
            self._blob = None
        return self._paras

    @paragraphs.setter
    def paragraphs(self, value) -> None:
        self._paras, self._blob = value, None


def _from_view(sid: str, brief: Path | None, view: tuple) -> tuple[Source, set | None, list[Problem]]:
    fields, seed, items, paragraphs, sent_anchors, problems = view
    src = _StoredSource(id=sid, brief=brief, seed=Path(seed) if seed else None, **fields)
    src._items_blob = items
    src._blob = paragraphs
    return src, sent_anchors, [Problem(*p) for p in problems]


def _load_source(sid, brief, seed, seeds, problems, names, cnames, cache, docs=None):
    """One source from its brief and seed: ``(Source, brief data or None, sentence anchors or
    None)``; ``docs``: the documents extraction kept (``Documents``), tried first."""
    page = source_page(sid)
    src = Source(id=sid, title=sid, brief=brief)
    data = read_yaml(src.brief, problems, page, cache) if src.brief else None
    where = Where(src.brief)
    meta = data.get("source") if data and isinstance(data.get("source"), dict) else {}
    if meta.get("file"):
        try:   # a plain file name in the seeds folder, never a link: nothing else is read
            seed = inside(seeds, meta["file"])
        except BriefsmithError as e:
            problems.append(Problem(str(src.brief), f"source file: {e}", *where.at(("source", "file")), page))
            seed = None
    doc = None
    if seed is not None and seed.is_file():
        src.seed = seed
        try:
            doc = (docs.document(seed) if docs is not None else None) or segment(read_article(seed))
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
    sent_anchors = {s.anchor for p in doc.paragraphs for s in p.sentences} if doc else None
    cleaned: dict[str, str] = {}   # sentence anchor -> its text without furniture, made once
    if data is not None:
        src.extracted = True
        _check_anchors(src, data, sent_anchors, problems, page, where)
        if doc and meta.get("sha256") and meta["sha256"] != doc.article.sha256:
            problems.append(Problem(str(src.brief), f"{seed.name} changed since extraction "
                                    "(sha256 differs); re-run extraction", *where.at(("source",)), page))
        # the source's own sentences only: a summary is shown from the analysis, which
        # links sentences of every source (this one stays when the analysis fails)
        src.summary = shown_summary(data.get("summary"), {sid: sent_anchors} if doc else {}, sid)
        src.notes = _text(data.get("notes"))
        _items(src, data, doc, problems, page, names, cnames, where, cleaned)
    if doc:
        src.paragraphs = _paragraphs(doc, src.items, cleaned)
    return src, data, sent_anchors


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


class ActorMatcher:
    """Which actors a sentence names, in the order of ``forms`` (actor id -> its forms): an
    actor whose word-bounded regex of forms finds a match.

    A form matches only as whole words (``\\b...\\b``), so its first word is a whole word of
    the sentence: one set lookup per word of the sentence picks the few candidate actors, and
    only their regexes run (forms that begin with no word character are always candidates).
    Results are kept per sentence text, since several items quote the same sentence."""

    def __init__(self, forms: dict[str, list[str]]):
        self.forms = {aid: tuple(fs) for aid, fs in forms.items() if fs}
        self.order = {aid: n for n, aid in enumerate(self.forms)}
        self.by_word: dict[str, set[str]] = {}
        self.always: set[str] = set()
        for aid, fs in self.forms.items():
            firsts, always = _first_words(fs)
            for w in firsts:
                self.by_word.setdefault(w, set()).add(aid)
            if always:
                self.always.add(aid)
        self.memo: dict[str, list[str]] = {}

    def named(self, probe: str) -> list[str]:
        found = self.memo.get(probe)
        if found is None:
            by_word, words, forms = self.by_word, set(_WORD.findall(probe)), self.forms
            cands = self.always.union(*(by_word[w] for w in by_word.keys() & words))
            # A form that is one of the sentence's words (a maximal run of word characters)
            # is matched by the word-bounded regex there: such an actor needs no regex search.
            found = self.memo[probe] = [aid for aid in sorted(cands, key=self.order.__getitem__)
                                        if not words.isdisjoint(forms[aid]) or _forms_regex(forms[aid]).search(probe)]
        return list(found)


# An actor has the same forms in most of the sources that name it: what is derived from
# them is made once per build, not once per source.
@functools.lru_cache(maxsize=4096)
def _first_words(forms: tuple[str, ...]) -> tuple[frozenset, bool]:
    """The first words of the forms that begin with one, and whether another does not."""
    firsts = [_WORD.match(f) for f in forms]
    return frozenset(m.group() for m in firsts if m), not all(firsts)


@functools.lru_cache(maxsize=4096)
def _forms_regex(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")


def _items(src: Source, data, doc: Document | None, problems, page, names, cnames,
           where: Where, cleaned: dict[str, str]) -> None:
    """The shown items; ``cleaned`` collects each quoted sentence's cleaned text by anchor."""
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
    matcher = ActorMatcher(forms)

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
                if anchor not in cleaned:
                    cleaned[anchor] = _clean(doc, sentence)
                text = cleaned[anchor]
                if " ".join(quote.split()) != " ".join(text.split()):
                    item.context = text
            item.actors = matcher.named(item.context or quote)
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


def _paragraphs(doc: Document, items: list[Item], cleaned: dict[str, str]) -> list[Paragraph]:
    by_anchor: dict[str, list[Item]] = defaultdict(list)
    marked = set()
    for i in items:
        if i.anchor:
            by_anchor[i.anchor].append(i)
            if i.kind in ("motive", "counter"):
                marked.add(i.anchor)
    out = []
    for p in doc.paragraphs:
        sents = [Sentence(s.anchor, cleaned[s.anchor] if s.anchor in cleaned else _clean(doc, s),
                          by_anchor.get(s.anchor, []), s.anchor in marked)
                 for s in p.sentences]
        out.append(Paragraph(p.anchor, p.role, sents))
    return out
