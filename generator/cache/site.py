"""The caches of the site between builds: parsed briefs (``DataCache``) and the loaded site,
the analysis, the check's result and the rendered pages (``SiteCache``, the ``site.load.Store``
that ``mkdocs serve``, ``brief build`` and ``brief render`` give ``load_site`` and
``render_site``). Everything is kept under the stamps of its inputs, written whole to the state
folder (``cache.state``) through ``cache.files``; many stale sources are loaded by forked
workers (``cache.forking``).
"""
from __future__ import annotations

import contextlib
import functools
import os
import sys
from pathlib import Path

from ..analysis.incremental import IncrementalView
from ..briefs.problem import Problem
from ..site.analysis import Reuse
from ..site.load import Store
from ..site.scopes import Scopes
from ..site.sources import read_brief
from . import forking
from .collector import paused_gc
from .check import check_briefs, check_inputs, checked_result, problem_row
from .documents import Documents
from .files import read_marshal as _read_marshal
from .files import write_marshal as _write_marshal
from .stamps import fingerprint, package_files
from .stamps import snapshot
from .stamps import stamp as _stamp
from .state import state_dir

# Stale sources from which forked workers load them (a first build; see _loaded)
PARALLEL_SOURCES = 64


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
    loads, segments and analyses (a changed loader rebuilds every view). Every module of ingest,
    text and analysis by its file, not by import: cleaning a page reaches furniture, lines and
    paragraphs, and an upgrade that changes only them must not serve views cut the old way."""
    from ..briefs import model, reader as yaml_reader, taxonomy as tx
    from ..site import analysis as site_analysis, load, model as site_model, sources
    mods = [sys.modules[__name__], load, sources, site_model, model, site_analysis, tx, yaml_reader]
    mods += package_files("ingest/*.py", "text/*.py", "analysis/*.py")
    try:   # (a link is not read: loading the taxonomy refuses it)
        tax = b"" if taxonomy.is_symlink() else taxonomy.read_bytes()
    except OSError:
        tax = b""
    return fingerprint((SiteCache.HEADER, str(briefs.resolve()), str(seeds.resolve())), *mods, tax)


class SiteCache(Store):
    """The site between builds, in ``site.marshal`` in the state folder (or only in memory under
    ``mkdocs serve``: ``persist=False``), the ``Store`` of ``site.load``:

    - each source's loaded view (items, paragraphs, problems) under its brief's and seed's
      size and mtime, so a source is read and segmented again only after it changed;
    - the motive and actor briefs likewise;
    - the cross-source analysis under the stamps of every brief and seed;
    - the check's result under the stamps of every file it reads (``cache.check``);
    - each rendered page under a key of its inputs (see ``site.render.Renderer.render_site``).

    All of it under one global key (taxonomy, folders, code): anything else changed, nothing
    is reused. Entries not used by a build are dropped when it is saved. Parsed briefs are kept
    apart (``DataCache``, which `brief build`'s check fills), and so are the check's results
    per brief (``check_memory``: kept across the rebuilds of ``mkdocs serve``)."""

    NAME = "site.marshal"
    HEADER = ("briefsmith-render", 2, sys.version_info[:2])

    def __init__(self, briefs: Path, persist: bool = True, background: bool = False):
        self.briefs = Path(briefs)
        self.path = state_dir(self.briefs) / self.NAME
        self.persist = persist
        self.background = background
        self.data = DataCache(self.briefs)   # parsed briefs
        self.check_memory: dict = {}          # the check's results per brief, kept in memory
        self.seeds: Path | None = None
        self.taxonomy: Path | None = None
        self.docs = None                      # the documents extraction kept, read on first use
        self.writer: int | None = None    # the child writing the file (``save``), if any
        self.key: str | None = None
        self.old: dict | None = None      # None: the file is not read yet
        self.new: dict = {}
        self.keys: dict[str, tuple] = {}        # source id -> its view's key, this load
        self.cross_keys: dict[str, tuple] = {}  # cross brief path -> its stamp, this load
        # serving: the analysis kept by source, so that a rebuild analyses the changed briefs only
        self.viewer = None if persist else IncrementalView()
        self.analysed = None if persist else Reuse()
        self.scopes = None if persist else Scopes()   # serving: the listings no change reached
        # serving: each source as the last load unpacked it, by its view (``unpacked``)
        self.unpacked_sources: dict[str, tuple] | None = None if persist else {}
        self.source_keys: dict[str, tuple] | None = None if persist else {}   # serving: render's keys

    def begin(self, briefs: Path, seeds: Path, taxonomy: Path) -> None:
        """A new load: reuse what matches its global key (the file's or the previous load's)."""
        if Path(briefs) != self.briefs:
            raise ValueError(f"a site cache of {self.briefs} asked to load {briefs}")
        self.seeds, self.taxonomy, self.docs = seeds, taxonomy, None
        self.reuse(_global_key(self.briefs, seeds, taxonomy))

    def reuse(self, key: str) -> None:
        """Reuse what matches ``key`` (the file's or the previous load's)."""
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

    def cross(self, path: Path, problems: list, page: str | None) -> dict | None:
        stamp = _stamp(path)
        entry = (self.old.get("cross") or {}).get(str(path))
        if entry is None or entry[0] != stamp or entry[3] != page:
            mine: list[Problem] = []
            data = self.brief(path, mine, page)
            entry = (stamp, data, [(p.path, p.message, p.line, p.column, p.page) for p in mine], page)
        self.new["cross"][str(path)] = entry
        self.cross_keys[str(path)] = stamp
        problems.extend(Problem(*p) for p in entry[2])
        return entry[1]

    def brief(self, path: Path, problems: list[Problem], page: str | None) -> dict | None:
        """A brief's data from the data cache when it holds it under the brief's stamp."""
        drafted = self.drafted(path)
        if drafted is not None:
            return drafted
        stamp = _stamp(path)
        data = self.data.get(path, stamp)
        if data is None:
            mine: list[Problem] = []
            data = read_brief(path, mine, page)
            problems.extend(mine)
            if data is not None and not mine:
                self.data.put(path, stamp, data)
        return data

    def unpacked(self, sid: str, brief: Path | None, view: tuple) -> tuple:
        """Serving: the ``Source`` the last load unpacked from the very same view, its items
        already built (a rebuild at 10,000 sources unpacked every source's items again for
        the listings), with the fields the analysis sets as ``unpack`` leaves them."""
        kept = self.unpacked_sources.get(sid) if self.unpacked_sources is not None else None
        if kept is None or kept[0] is not view or kept[1] != brief:
            found = super().unpacked(sid, brief, view)
            if self.unpacked_sources is not None:
                self.unpacked_sources[sid] = (view, brief, found)
            return found
        src, sent_anchors, problems = kept[2]
        src.stance, src.cells, src.weight, src.summary = None, [], 0, view[0]["summary"]
        return src, sent_anchors, list(problems)

    def kept_briefs(self, paths: list[Path]) -> list[dict] | None:
        if self.drafts:
            return None
        entries = [self.data.old.get(str(path)) for path in paths]
        if any(e is None or e[0] != _stamp(p) for e, p in zip(entries, paths)):
            return None
        return [e[1] for e in entries]

    def document(self, seed: Path):
        """The document extraction kept for ``seed`` if it is still the file's, else read anew."""
        if self.docs is None:
            self.docs = Documents(self.briefs)
        return self.docs.document(seed) or super().document(seed)

    def _kept(self, slot: str, key: str):
        """The value kept in ``slot`` under ``key`` by the last load (kept for the next), or None."""
        entry = self.old.get(slot)
        if entry is not None and entry[0] == key:
            self.new[slot] = entry
            return entry[1]
        return None

    def analysis(self, compute):
        # the analysis reads every source brief: it is kept under all of their stamps, and the
        # briefs are read (from the data cache) only when one of them changed
        key = repr((sorted(self.keys.items()), sorted(self.cross_keys.items())))
        value = self._kept("analysis", key)
        if value is None:
            value = compute()
            if value is not None:
                self.new["analysis"] = (key, value)
        return value

    def done(self) -> None:
        for kept in (self.unpacked_sources, self.source_keys):
            for gone in (kept.keys() - self.keys.keys()) if kept else ():
                del kept[gone]
        if self.data.loaded:
            # briefs this load took from the site cache did not pass through the data cache:
            # keep their parsed data for the next analysis (entries of deleted briefs are dropped)
            self.data.keep([k[0] for k in self.keys.values() if k[1]] + list(self.cross_keys))
            if self.persist:
                self.data.save()
            self.data.rotate()

    def check(self, briefs: Path, seeds: Path, taxonomy: Path) -> list[Problem]:
        """``brief check``'s problems: the last result when no file it reads (nor the code)
        changed since, not even importing the checker (its schema models cost a quarter
        second); else checked again, only the briefs changed since (``cache.check``)."""
        key = check_inputs(briefs, seeds, taxonomy)
        found = self._kept("check", key)
        if found is None:   # `brief build` has usually just checked: its result, if still current
            last = checked_result(briefs, seeds, taxonomy, key, self.check_memory)
            found = None if last is None else [problem_row(p) for p in last]
        if found is None:
            found = [problem_row(p) for p in check_briefs(seeds, briefs, taxonomy, memory=self.check_memory,
                                                          persist=self.persist, inputs=key)]
        self.new["check"] = (key, found)
        return [Problem(*row) for row in found]

    def views(self, todo: list[tuple], load, meanwhile=None):
        """Each source's view: kept, when its brief, its seed (and the seed's sidecar) are as
        they were (and, through the global key, the taxonomy and the code); else loaded, many
        (a first build) by forked workers while this process runs ``meanwhile()``."""
        stale = []
        for sid, brief, seed in todo:
            key = (str(brief), _stamp(brief) if brief else None, str(seed), _seed_stamp(seed))
            if sid in self.drafts:   # made in memory: of the seed, the brief and the extractor
                key = (*key[:3], (key[3], repr(self.drafts[sid][2])))
            view = self.source(sid, key)
            if view is None:
                stale.append((sid, brief, seed, key))
            else:
                yield sid, brief, view, None, None
        for sid, brief, key, view, data, seed in _loaded(stale, load, self, meanwhile):
            if seed is not None and str(seed) != key[2]:   # the brief names another seed file
                key = (*key, str(seed), _seed_stamp(seed))
            self.put_source(sid, key, view)
            yield sid, brief, view, data, seed

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

    close = wait   # at the end of a build or of `mkdocs serve`

    def building(self):
        """A build's block: loading, rendering and making pages, many objects and next to no
        cycles, with the cyclic collector paused. A one-shot build (``persist``; not serve,
        whose rebuilds drop what the last one made) keeps them to its end: frozen, the
        collector does not traverse them again, neither after the block nor in MkDocs' build.
        Under serve (not ``persist``), each file is stat'ed once in the block (``snapshot``), and
        what the block made is frozen when it ends: the first young collection after it would
        traverse every object the rebuild made (0.5 s at 10,000 sources); the cycles frozen so
        are collected by the serve session's periodic ``collect_and_freeze``."""
        if self.persist:
            return paused_gc(freeze=True)
        stack = contextlib.ExitStack()
        stack.enter_context(paused_gc(freeze=True))
        stack.enter_context(snapshot())
        return stack


def check_for_build(seeds: Path, briefs: Path, taxonomy: Path) -> list[Problem]:
    """``brief check``'s problems for `brief build`, checked again only where briefs changed
    (``cache.check``); the briefs it parses go to the data cache's file, so that the plugin
    inside MkDocs parses no brief a second time. Frozen on leaving (a one-shot command): the
    collector does not walk the parsed briefs again before they are dropped, and they are not
    held while MkDocs runs (1.2 GB at 10,000 sources)."""
    data = DataCache(briefs)
    with paused_gc(freeze=True):
        problems = check_briefs(seeds, briefs, taxonomy, data=data)
        data.save(keep_old=True)
    return problems


def _seed_stamp(seed: Path | None):
    """The stamps of a seed and of its sidecar (``<stem>.meta.yaml``), named as ``Path`` names
    them without making one (once per source and rebuild)."""
    if seed is None:
        return None
    name = os.fspath(seed)
    dot, sep = name.rfind("."), name.rfind(os.sep)
    stem = name[:dot] if sep + 1 < dot < len(name) - 1 else name
    return (_stamp(name), _stamp(stem + ".meta.yaml"))


def _loaded(todo: list[tuple], load, store: SiteCache, meanwhile=None):
    """``(sid, brief, key, view, brief data or None, seed read)`` of each ``(sid, brief, seed,
    key)`` of ``todo`` (in its order), loaded by ``load``; many (a first build) by forked
    workers, which send back the views (and only the brief data the data cache lacks), while
    this process runs ``meanwhile()``."""
    store.data.old   # read before forking, so that the workers share it
    jobs = forking.workers(len(todo), PARALLEL_SOURCES)
    if not jobs:
        for sid, brief, seed, key in todo:
            yield sid, brief, key, *load(sid, brief, seed)
        return
    with forking.forked_pool(jobs, load=load, store=store) as pool:
        results = pool.imap(_load_forked, todo, chunksize=forking.chunk(len(todo), jobs))
        if meanwhile is not None:
            meanwhile()
        for sid, brief, key, view, data, seed, parsed in results:
            if data is True:
                data = store.brief(brief, [], None)
            elif parsed is not None and not store.persist:
                # serving: what a worker parsed, kept as if parsed here (the next rebuild's
                # analysis reads every brief: at 10,000 sources the first save after the first
                # build parsed them all again); a one-shot build does not keep it (the file)
                store.data.put(brief, parsed, data)
            yield sid, brief, key, view, data, seed


def _load_forked(item: tuple) -> tuple:
    """As ``load`` in a worker; brief data that the data cache holds is not sent back
    (``True``: the parent reads it from its own copy of the cache). ``parsed``: the brief's
    stamp when the worker parsed it and its data cache took it (it loaded without a problem),
    else None."""
    shared = forking.state()
    sid, brief, seed, key = item
    view, data, seed = shared["load"](sid, brief, seed)
    cache = shared["store"].data
    entry = cache.old.get(str(brief)) if data is not None else None
    parsed = None
    if entry is not None and entry[1] is data:
        data = True
    elif data is not None:
        fresh = cache.new.get(str(brief))
        parsed = fresh[0] if fresh is not None and fresh[1] is data else None
    return sid, brief, key, view, data, seed, parsed
