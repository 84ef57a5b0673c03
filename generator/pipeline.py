"""The extraction run: seeds -> briefs, incremental and parallel, all-or-nothing on errors."""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import briefs as B
from .analysis.summaries import motive_summary
from .extract import Extractor
from .ingest import read_article, source_files
from .merge import merge_cross_text, merge_text
from .model import BriefsmithError
from .segment import segment
from .taxonomy import Taxonomy, load_taxonomy

CACHE = ".extract-cache.json"


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # source and taxonomy unchanged: not parsed
    orphans: list[str] = field(default_factory=list)   # briefs whose seed is gone (kept)

    def lines(self) -> list[str]:
        out = [f"wrote {p}" for p in self.written]
        out += [f"kept {o}: its seed file is gone (brief left as it is)" for o in self.orphans]
        out.append(f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
                   f"{len(self.skipped)} sources skipped (unchanged since last extraction)")
        return out


_worker: dict = {}
# What write_cross_source reads of a source brief: workers hand these fields back (and the
# cache keeps them), so the cross-source briefs never re-load every source brief from YAML.
# tests/test_bench.py checks that the cross-source briefs come out the same as from the YAML.
CROSS_FIELDS = {"motives": ("motive", "status", "quote", "start", "end", "anchor"),
                "counters": ("rebuts", "status"),
                "actors": ("actor", "name", "count", "status")}


def cross_view(brief: dict) -> dict:
    """The part of a source brief that the cross-source briefs are computed from."""
    out = {}
    for key, fields in CROSS_FIELDS.items():
        value = brief.get(key)
        if isinstance(value, list):
            value = [{f: i[f] for f in fields if f in i} if isinstance(i, dict) else i for i in value]
        out[key] = value
    return out


def _init_worker(taxonomy_path: str) -> None:
    _worker["extractor"] = Extractor(load_taxonomy(Path(taxonomy_path)))


def _extract_one(path: str, target: str, token: str) -> tuple[str, str | None, dict]:
    """In a worker: extract one seed file and stage its brief next to the target.

    Returns (source id, staged file or None when the brief is unchanged, its
    ``cross_view``). Nothing replaces the target here: ``extract_all`` renames the staged
    files once every source has succeeded."""
    article = read_article(Path(path))
    ex = _worker["extractor"].extract(segment(article))
    fresh = B.source_brief(article, ex)
    target_path = Path(target)
    existing = _existing(target_path)
    text = merge_text(existing, fresh, article.text, target_path)
    data = fresh if existing is None else B.load_from_text(text, target_path)
    cross = cross_view(data)
    if text == existing:
        return article.id, None, cross
    fd, tmp = tempfile.mkstemp(dir=target_path.parent, prefix=f".{target_path.name}.",
                               suffix=f".{token}.tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.chmod(tmp, B._mode_for(target_path))  # as briefs.write_atomic: not mkstemp's 0600
    return article.id, tmp, cross


def extract_all(seeds: Path, briefs: Path, taxonomy_path: Path | None = None,
                jobs: int | None = None, force: bool = False) -> Report:
    """Extract every seed into ``briefs``. Nothing is written unless every source succeeds.

    Unchanged seeds (same bytes, brief untouched since) are only hashed and stat-ed; when
    nothing changed at all, the cross-source briefs are not recomputed either."""
    taxonomy_path = taxonomy_path or briefs / "taxonomy.yaml"
    taxonomy = load_taxonomy(taxonomy_path)
    files = source_files(seeds)
    if not files:
        raise BriefsmithError(seeds, "no .txt or .md articles in the seeds folder")
    tax_hash = hashlib.sha256(taxonomy_path.read_bytes() + _code_fingerprint()).hexdigest()
    state = {} if force else _read_state(briefs, tax_hash)
    cache = state.get("sources", {})
    report = Report()
    todo = []
    for path in files:
        target = briefs / "sources" / f"{path.stem}.yaml"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        entry = cache.get(path.stem)
        if entry and entry[:2] == [digest, _stamp(target)]:
            report.skipped.append(path.stem)
            continue
        todo.append((path, target, digest))
    fresh: dict[str, dict] = {}
    for (path, target, digest), (sid, tmp, cross) in zip(todo, _run(todo, briefs, taxonomy_path, jobs)):
        if tmp is None:
            report.unchanged.append(str(target))
        else:
            os.replace(tmp, target)
            report.written.append(str(target))
        fresh[sid] = cross
        cache[sid] = [digest, _stamp(target), _jsonable(cross)]
    stems = {p.stem for p in files}
    briefs_now = sorted((briefs / "sources").glob("*.yaml"))
    report.orphans = sorted(p.stem for p in briefs_now if p.stem not in stems)
    sources_state = [[p.stem, _stamp(p)] for p in briefs_now]
    changed = bool(todo) or state.get("state") != sources_state \
        or state.get("cross") != _cross_stamps(briefs)
    if changed:
        sources = {}
        for p in briefs_now:
            entry = cache.get(p.stem)
            if p.stem in fresh:
                sources[p.stem] = fresh[p.stem]
            elif entry and len(entry) > 2 and entry[2] is not None and entry[1] == _stamp(p):
                sources[p.stem] = entry[2]
            else:   # a brief extraction did not write (an orphan, or edited by hand)
                sources[p.stem] = cross_view(B.load(p))
        report.written += write_cross_source(briefs, taxonomy, sources)
    _write_schema(briefs)
    if changed:  # else the cache would be written as it is
        B.write_atomic(briefs / CACHE, json.dumps(
            {"taxonomy": tax_hash, "sources": cache, "state": sources_state,
             "cross": _cross_stamps(briefs)}, sort_keys=True, indent=0, ensure_ascii=False) + "\n")
    return report


def _run(todo, briefs: Path, taxonomy_path: Path, jobs: int | None) -> list:
    """Extract and stage every brief of ``todo``, in order; on any error remove what was staged."""
    if not todo:
        return []
    folder = briefs / "sources"
    created = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    args = [(str(p), str(t), token) for p, t, _ in todo]
    jobs = jobs or os.cpu_count() or 1
    try:
        if jobs <= 1 or len(todo) < 8:
            _init_worker(str(taxonomy_path))
            return [_extract_one(*a) for a in args]
        pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(str(taxonomy_path),))
        try:
            # small chunks: articles differ in length, and a long tail keeps one core idle
            return list(pool.map(_extract_one, *zip(*args), chunksize=max(1, len(args) // (jobs * 32))))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    except BaseException:
        for tmp in folder.glob(f".*.{token}.tmp"):
            tmp.unlink()
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise


def _jsonable(value):
    """``value`` if it survives a JSON round trip unchanged (a brief edited by hand may hold
    dates or non-string keys), else None: such a brief is loaded from its YAML when needed."""
    try:
        return value if json.loads(json.dumps(value)) == value else None
    except (TypeError, ValueError):
        return None


def _cross_stamps(briefs: Path) -> dict:
    return {f"{kind}/{p.name}": _stamp(p) for kind in ("motives", "actors")
            for p in sorted((briefs / kind).glob("*.yaml"))}


def _code_fingerprint() -> bytes:
    """A digest of the code that shapes a brief: a new version re-extracts everything."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("*.py"), *root.glob("extract/*.py"), *root.glob("analysis/*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _existing(target: Path) -> str | None:
    try:
        return target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _stamp(path: Path) -> list:
    try:
        st = path.stat()
        return [st.st_size, st.st_mtime_ns]
    except FileNotFoundError:
        return [0, 0]


def _read_state(briefs: Path, tax_hash: str) -> dict:
    """The cache of the last run, if it ran with the same taxonomy and code."""
    try:
        data = json.loads((briefs / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("taxonomy") != tax_hash or not isinstance(data.get("sources"), dict):
        return {}
    return data


def _write_schema(briefs: Path) -> None:
    try:
        schema = resources.files("generator").joinpath("schema/brief.schema.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return
    B.write_atomic(briefs / "brief.schema.json", schema)


def write_cross_source(briefs: Path, taxonomy: Taxonomy, sources: dict[str, dict] | None = None) -> list[str]:
    """Per-motive and per-actor briefs: counts from the source briefs, human text kept.

    ``sources``: source id -> the brief's ``cross_view``, in id order (default: load them)."""
    if sources is None:
        sources = {p.stem: B.load(p) for p in sorted((briefs / "sources").glob("*.yaml"))}
    written = []
    for m in taxonomy.motives:
        rows = []
        for sid, b in sources.items():
            ev = sum(1 for i in B.visible(b.get("motives")) if i.get("motive") == m.id)
            co = sum(1 for i in B.visible(b.get("counters")) if i.get("rebuts") == m.id)
            if ev or co:
                rows.append({"source": sid, "evidence": ev, "counters": co})
        doc = {"brief": "motive", "version": B.VERSION, "id": m.id, "name": m.name,
               "summary": motive_summary(m.id, sources), "notes": None, "sources": rows}
        written += _write_cross(briefs / "motives" / f"{m.id}.yaml", doc)
    counts: dict[str, list] = {}
    names: dict[str, tuple[str, str]] = {}
    for sid, b in sources.items():
        for a in B.visible(b.get("actors")):
            counts.setdefault(a["actor"], []).append({"source": sid, "count": a.get("count", 0)})
            names.setdefault(a["actor"], (a.get("name") or a["actor"], ""))
    kinds = {a.id: (a.name, a.kind) for a in taxonomy.actors}
    for actor_id in sorted(counts):
        name, kind = kinds.get(actor_id, (names[actor_id][0], "person"))
        doc = {"brief": "actor", "version": B.VERSION, "id": actor_id, "name": name, "kind": kind,
               "summary": {"text": None, "status": "auto"}, "notes": None, "sources": counts[actor_id]}
        written += _write_cross(briefs / "actors" / f"{actor_id}.yaml", doc)
    return written


def _write_cross(path: Path, doc: dict) -> list[str]:
    text = merge_cross_text(_existing(path), doc, path)   # keeps summary, notes, YAML comments
    return [str(path)] if B.write_atomic(path, text) else []


from .check import check_project as check_all  # noqa: E402  (the site plugin's entry point)
