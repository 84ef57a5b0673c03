"""The extraction run: seeds -> briefs, incremental and parallel, all-or-nothing on errors."""
from __future__ import annotations

import hashlib
import json
import os
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


def _init_worker(taxonomy_path: str) -> None:
    _worker["extractor"] = Extractor(load_taxonomy(Path(taxonomy_path)))


def _extract_one(path: str, target: str, existing_text: str | None) -> tuple[str, str]:
    """In a worker: (source id, brief YAML text) for one seed file."""
    article = read_article(Path(path))
    ex = _worker["extractor"].extract(segment(article))
    fresh = B.source_brief(article, ex)
    return article.id, merge_text(existing_text, fresh, article.text, Path(target))


def extract_all(seeds: Path, briefs: Path, taxonomy_path: Path | None = None,
                jobs: int | None = None, force: bool = False) -> Report:
    """Extract every seed into ``briefs``. Nothing is written unless every source succeeds."""
    taxonomy_path = taxonomy_path or briefs / "taxonomy.yaml"
    taxonomy = load_taxonomy(taxonomy_path)
    files = source_files(seeds)
    if not files:
        raise BriefsmithError(seeds, "no .txt or .md articles in the seeds folder")
    tax_hash = hashlib.sha256(taxonomy_path.read_bytes() + _code_fingerprint()).hexdigest()
    cache = {} if force else _read_cache(briefs, tax_hash)
    report = Report()
    todo, outputs = [], {}
    for path in files:
        target = briefs / "sources" / f"{path.stem}.yaml"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if cache.get(path.stem) == [digest, _stamp(target)]:
            report.skipped.append(path.stem)
            continue
        todo.append((path, target, digest))
    for (path, target, digest), (sid, text) in zip(todo, _run(todo, taxonomy_path, jobs)):
        outputs[target] = (sid, digest, text)
    for target, (sid, digest, text) in outputs.items():
        (report.written if B.write_atomic(target, text) else report.unchanged).append(str(target))
        cache[sid] = [digest, _stamp(target)]
    stems = {p.stem for p in files}
    report.orphans = sorted(p.stem for p in (briefs / "sources").glob("*.yaml") if p.stem not in stems)
    report.written += write_cross_source(briefs, taxonomy)
    _write_schema(briefs)
    B.write_atomic(briefs / CACHE, json.dumps({"taxonomy": tax_hash, "sources": cache},
                                              sort_keys=True, indent=0) + "\n")
    return report


def _run(todo, taxonomy_path: Path, jobs: int | None):
    args = [(str(p), str(t), _existing(t)) for p, t, _ in todo]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(todo) < 8:
        _init_worker(str(taxonomy_path))
        return [_extract_one(*a) for a in args]
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(str(taxonomy_path),)) as pool:
        return list(pool.map(_extract_one, *zip(*args), chunksize=max(1, len(args) // (jobs * 8))))


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


def _read_cache(briefs: Path, tax_hash: str) -> dict:
    try:
        data = json.loads((briefs / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("sources", {}) if data.get("taxonomy") == tax_hash else {}


def _write_schema(briefs: Path) -> None:
    try:
        schema = resources.files("generator").joinpath("schema/brief.schema.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return
    B.write_atomic(briefs / "brief.schema.json", schema)


def write_cross_source(briefs: Path, taxonomy: Taxonomy) -> list[str]:
    """Per-motive and per-actor briefs: counts from the source briefs, human text kept."""
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
