"""``brief check`` once per changed brief: the check's problems and the briefs it parsed.

``check_briefs`` gives ``check.check_project``'s problems, keeping each brief's in
``check.json`` (in the state folder, ``cache.state``) under its stamp (and a source brief's under its seed's
sha256), so that ``brief build`` and the plugin check again only what changed; many stale
source briefs (a first build) are checked by forked workers. ``checked_result`` reads the
last result back when no input changed, without importing the checker.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from . import forking
from .collector import paused_gc
from ..briefs.problem import Problem
from .files import atomic_write
from .state import state_dir
from .stamps import fingerprint, folder_stamps, package_files
from .stamps import stamp as file_stamp

if TYPE_CHECKING:
    from ..site.load import DataCache

# Stale source briefs from which forked workers check them (a first build)
PARALLEL_BRIEFS = 64

CHECK_CACHE = "check.json"
_CHECK_VERSION = 2   # 2: problems stored as [path, message, line, column]


def _code_key() -> str:
    """The checker's own code: a changed checker checks everything again."""
    from ..briefs import format as B
    from ..briefs import check as C
    from ..briefs import schema as S
    from ..briefs import reader
    return fingerprint(_CHECK_VERSION, C, S, B, reader, *package_files("briefs/quickyaml.py"))


class _Seeds:
    """``check.Context.texts`` read lazily: names are known from the folder listing and the
    cache, a seed's text is read only when a brief that quotes it is checked again."""

    def __init__(self):
        self.paths: dict[str, Path] = {}
        self.shas: dict[str, str | None] = {}
        self.loaded: dict[str, tuple[str, str] | None] = {}

    def __contains__(self, name) -> bool:
        return name in self.paths

    def __iter__(self):
        return iter(self.paths)

    def __getitem__(self, name):
        if name not in self.loaded:
            from ..briefs.check import decode, read_bytes
            raw, problem = read_bytes(self.paths[name])
            if problem is None:
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


def _check_source(C, ctx, path: Path, keep: bool) -> tuple:
    """Check one source brief: (its problems, what its cache entry keeps, the brief's stamp
    before reading, its data when it has no problem and ``keep``)."""
    stamp = file_stamp(path)
    found: list = []
    ctx.looked_elsewhere = False
    data = C.check_brief(path, ctx, found, expect="source")
    meta = data.get("source") if isinstance(data, dict) and isinstance(data.get("source"), dict) else {}
    fname = meta.get("file") if isinstance(meta.get("file"), str) else None
    actors = sorted({a.get("actor") for a in data.get("actors") or [] if isinstance(a, dict)},
                    key=repr) if isinstance(data, dict) else []
    extra = {"file": fname, "actors": [a for a in actors if isinstance(a, (str, int, float, bool)) or a is None],
             "read": isinstance(data, dict), "elsewhere": ctx.looked_elsewhere}
    return found, extra, stamp, data if keep and not found else None


def _check_source_forked(path: str) -> tuple:
    """In a forked worker: ``_check_source`` of one brief."""
    from ..briefs import check as C
    shared = forking.state()
    return _check_source(C, shared["ctx"], Path(path), shared["keep"])


def check_briefs(seeds: Path, briefs: Path, taxonomy: Path | None = None, memory: dict | None = None,
                 persist: bool = True, data: DataCache | None = None, inputs: str | None = None) -> list:
    """``check.check_project``'s problems (the same list), checking again only what changed.

    Each brief's problems are kept in ``check.json`` (in the state folder, ``cache.state``) (and in ``memory``, a dict
    kept across ``mkdocs serve`` rebuilds) under the brief's size and mtime. A source brief's
    entry also depends on the sha256 of the seed it names; a motive or actor brief's on the set
    of source briefs and of known actors. The whole cache depends on the taxonomy's bytes, the
    folders and the checker's code. ``persist=False`` does not write the file (serve: a write
    under briefs/ would trigger the next rebuild). With ``data``, each brief checked without a
    problem hands its parsed data to the site's ``DataCache`` (one parse per changed brief).
    ``inputs``: ``check_inputs`` of the project, when the caller has just made it (a pass over
    every file's stamp: at 10,000 sources, not twice per rebuild).
    """
    from ..briefs import check as C

    with paused_gc():   # as check_project: no cycles made, and full collections are costly
        return _check_briefs(C, seeds, briefs, taxonomy, memory, persist, data, inputs)


def _check_briefs(C, seeds, briefs, taxonomy, memory, persist, data, inputs) -> list:
    seeds, briefs = Path(seeds), Path(briefs)
    taxonomy = Path(taxonomy) if taxonomy else briefs / "taxonomy.yaml"
    run = _CheckRun(C, seeds, briefs, taxonomy, memory, data, inputs)
    run.check_seeds()
    run.check_sources()
    run.check_cross()
    return run.finish(memory, persist)


class _CheckRun:
    """One ``check_briefs``: the last run's entries (``old``), this run's (``new``), the
    problems found, the seeds' texts read lazily, and the data cache the parsed briefs go to."""

    def __init__(self, C, seeds: Path, briefs: Path, taxonomy: Path, memory: dict | None, data,
                 inputs: str | None = None) -> None:
        self.C, self.seeds, self.briefs, self.data_cache = C, seeds, briefs, data
        self.problems: list = []
        # before reading: an edit meanwhile is seen next time
        self.inputs = inputs if inputs is not None else check_inputs(briefs, seeds, taxonomy)
        self.tax = C.check_taxonomy(taxonomy, self.problems)
        try:   # (a link is not read: check_taxonomy has refused it)
            tax_bytes = b"" if taxonomy.is_symlink() else taxonomy.read_bytes()
        except OSError:
            tax_bytes = b""
        key = fingerprint(_code_key(), tax_bytes, str(seeds.resolve()), str(briefs.resolve()))
        self.path = state_dir(briefs) / CHECK_CACHE
        self.old = self._last(key, memory)
        self.old_seeds, self.old_briefs = self.old.get("seeds") or {}, self.old.get("briefs") or {}
        self.new = {"key": key, "seeds": {}, "briefs": {}}
        self.texts = _Seeds()

    def _last(self, key: str, memory: dict | None) -> dict:
        """The last run's entries under ``key``: from ``memory``, else the file, else none."""
        if memory is not None and memory.get("key") == key:
            return memory
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("key") == key:
                return loaded
        except (OSError, ValueError):
            pass
        return {}

    def check_seeds(self) -> None:
        """Every article: read again (and hashed) only when its stamp changed."""
        C, texts = self.C, self.texts
        before = len(self.problems)
        for p in C.seed_files(self.seeds, self.problems):
            stamp = file_stamp(p)
            entry = self.old_seeds.get(p.name)
            if not entry or entry.get("stamp") != stamp:
                raw, problem = C.read_bytes(p)
                text, problem = C.decode(raw, p) if problem is None else (None, problem)
                sha = hashlib.sha256(raw).hexdigest()
                texts.loaded[p.name] = None if problem else (text, sha)
                entry = {"stamp": stamp, "sha": None if problem else sha,
                         "problem": problem_row(problem) if problem else None}
            self.new["seeds"][p.name] = entry
            texts.paths[p.name], texts.shas[p.name] = p, entry["sha"]
            if entry["problem"]:
                self.problems.append(Problem(*entry["problem"]))
        whole = len(self.problems) == before and bool(texts.paths)   # (`brief extract` refuses none)
        tax = self.tax
        self.files = C.brief_files(self.briefs, self.problems)
        self.ctx = C.Context(self.seeds, self.briefs, texts, {m["id"] for m in tax.get("motives", [])},
                             {c["id"]: c.get("rebuts") for c in tax.get("counterarguments", [])},
                             {a["id"] for a in tax.get("actors", [])},
                             {p.stem for p in self.files["sources"]}, bool(tax))
        self.ctx.seeds_whole = whole
        self.known_actors = set(self.ctx.actors)

    def fresh(self, path: Path, deps) -> dict | None:
        """The brief's last entry if neither it nor what it depends on changed since."""
        entry = self.old_briefs.get(str(path))
        if entry and entry.get("stamp") == file_stamp(path) and entry.get("deps") == deps(entry):
            return entry
        return None

    def cached(self, path: Path, entry: dict | None, deps, run) -> dict:
        """``entry``: the brief's cache entry if it is ``fresh``; else ``run`` checks it."""
        if entry is not None:
            found = [Problem(*x) for x in entry["problems"]]
        else:
            found = []
            entry = {"stamp": file_stamp(path), **run(found)}
            entry["deps"] = deps(entry)
            entry["problems"] = [problem_row(x) for x in found]
        self.new["briefs"][str(path)] = entry
        self.problems.extend(found)
        return entry

    def source_deps(self, entry):
        """The named seed's sha256; and every seed's, when a quote missing from it was looked
        for in the other articles (``check.elsewhere``)."""
        own = self.texts.state(entry.get("file"))
        if not entry.get("elsewhere"):
            return own
        return [own, [[name, self.texts.shas.get(name)] for name in sorted(self.texts.paths)]]

    def check_sources(self) -> None:
        """Source briefs are checked one by one, independently: many of them (a first build)
        are checked by forked workers while this process takes their results in order."""
        C, ctx, data_cache = self.C, self.ctx, self.data_cache
        keep = data_cache is not None
        hits = {path: self.fresh(path, self.source_deps) for path in self.files["sources"]}
        stale = [str(path) for path, entry in hits.items() if entry is None]
        jobs = forking.workers(len(stale), PARALLEL_BRIEFS)
        with contextlib.ExitStack() as stack:
            ahead = forking.Ahead([], iter(()))
            if jobs:
                pool = stack.enter_context(forking.forked_pool(jobs, ctx=ctx, keep=keep))
                ahead = forking.Ahead(stale, pool.imap(_check_source_forked, stale,
                                                       chunksize=forking.chunk(len(stale), jobs)))
            for path in self.files["sources"]:
                def run(found, path=path):
                    result = ahead.take(str(path)) if str(path) in ahead else _check_source(C, ctx, path, keep)
                    mine, extra, stamp, data = result
                    found.extend(mine)
                    if data is not None:
                        data_cache.put(path, stamp, data)
                    return extra
                entry = self.cached(path, hits[path], self.source_deps, run)
                if not entry["read"]:
                    self.known_actors = C.UNREAD
                elif self.known_actors is not C.UNREAD:
                    self.known_actors |= set(entry["actors"])
                ctx.source_files[path.stem] = entry.get("file")

    def check_cross(self) -> None:
        """The motive and actor briefs: again when the sources or actors changed, or a seed
        whose sentences their summary quotes."""
        C, ctx, texts, data_cache, known_actors = self.C, self.ctx, self.texts, self.data_cache, self.known_actors
        actors = None if known_actors is C.UNREAD else sorted(map(repr, known_actors))
        cross = hashlib.sha256(json.dumps([sorted(ctx.source_ids), actors]).encode()).hexdigest()

        def cross_deps(entry):
            cites = entry.get("cites") or []
            return [cross, [[sid, ctx.source_files.get(sid), texts.state(ctx.source_files.get(sid))]
                            for sid in cites]] if cites else cross
        for kind in ("motives", "actors"):
            for path in self.files[kind]:
                def run_cross(found, path=path, kind=kind):
                    stamp = file_stamp(path)
                    data = C.check_brief(path, ctx, found, expect=kind[:-1], known_actors=known_actors)
                    if data_cache is not None and not found:
                        data_cache.put(path, stamp, data)
                    return {"cites": C.cited_sources(data)}
                self.cached(path, self.fresh(path, cross_deps), cross_deps, run_cross)

    def finish(self, memory: dict | None, persist: bool) -> list:
        """The problems in order; the entries kept in ``memory`` and (``persist``) the file,
        with the whole result under the digest of every input (for ``checked_result``)."""
        result = sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.column or 0, p.message))
        new = self.new
        new["inputs"], new["result"] = self.inputs, [problem_row(p) for p in result]
        if memory is not None:
            memory.clear()
            memory.update(new)
        if persist and new != self.old and self.briefs.is_dir():
            try:
                state_dir(self.briefs, create=True)
                atomic_write(self.path, json.dumps(new, separators=(",", ":")))
            except OSError:
                pass
        return result


def checked_result(briefs: Path, seeds: Path, taxonomy: Path, inputs: str,
                   memory: dict | None = None) -> list[Problem] | None:
    """The last check's problems if no file it read (and no module) changed since: read from
    ``memory`` or the check cache file without importing the checker. None otherwise."""
    old = memory if memory and memory.get("inputs") == inputs else None
    if old is None:
        try:
            loaded = json.loads((state_dir(briefs) / CHECK_CACHE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        old = loaded if isinstance(loaded, dict) and loaded.get("inputs") == inputs else None
    if old is None or not isinstance(old.get("result"), list):
        return None
    return [Problem(*x) for x in old["result"]]


def problem_row(p: Problem) -> list:
    """A problem as the cache file keeps it (``Problem(*row)`` gives it back)."""
    return [p.path, p.message, p.line, p.column]


def check_inputs(briefs: Path, seeds: Path, taxonomy: Path) -> str:
    """A digest of what ``brief check`` reads: every file of the seeds folder and of the brief
    folders, the taxonomy (all by size and mtime) and the package's modules (by content)."""
    h = hashlib.sha256(repr((str(briefs.resolve()), str(seeds.resolve()), str(taxonomy),
                             file_stamp(taxonomy))).encode())
    for folder in (seeds, briefs / "sources", briefs / "motives", briefs / "actors"):
        found = folder_stamps(folder)
        if found is None:
            h.update(b"\0missing")
            continue
        h.update(repr(sorted(found.items())).encode())
    h.update(_package_code())
    return h.hexdigest()


_CODE: dict[str, str] = {}


def _package_code() -> bytes:
    """The digest of the package's own modules (read once per process)."""
    if "digest" not in _CODE:
        _CODE["digest"] = fingerprint(*package_files("**/*.py"))
    return _CODE["digest"].encode()
