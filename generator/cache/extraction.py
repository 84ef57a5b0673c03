"""The extraction's state between runs (``extraction.jsonl`` in the state folder), and the spool of
records the cross-source step reads.

A run extracts only the seeds whose bytes (or sidecar) changed, or whose brief changed since
the last run, and recomputes the cross-source briefs only when a source brief did: the cache
keeps each seed's digest, each brief's stamp and each source's record for the cross-source
step. Its key is the taxonomy, the sentence model and the code that shapes a brief (``BRIEF_CODE``).
"""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from ..briefs.model import BriefsmithError
from ..ingest.articles import sidecar_path
from ..ingest.paths import refuse_link
from .files import atomic_file
from .stamps import fingerprint, package_files
from .state import state_dir

NAME = "extraction.jsonl"   # JSON Lines: see ExtractionCache

# The code a brief depends on: what the extraction workers and the cross-source step import,
# the check that merging runs on a brief included (tests/test_pipeline.py checks the list
# against a real run). Site code (render, plugin, site data, templates) is left out, so
# changing it does not re-extract every source.
BRIEF_CODE = ("__init__.py", "briefs/__init__.py", "briefs/extraction.py", "briefs/cross_source.py",
              "ingest/*.py", "briefs/model.py", "briefs/taxonomy.py", "briefs/reader.py",
              "briefs/problem.py", "briefs/format.py", "briefs/quickyaml.py", "briefs/yamlout.py",
              "briefs/writer.py", "briefs/anchor.py", "briefs/merge.py", "briefs/schema.py", "briefs/seen.py",
              "briefs/renames.py",
              "cache/__init__.py", "cache/documents.py", "cache/files.py", "cache/stamps.py",
              "cache/extraction.py", "cache/state.py", "cache/processes.py",
              "briefs/check.py", "cache/collector.py", "extract/*.py", "analysis/*.py", "text/*.py",
              "learn/__init__.py", "learn/modelfile.py")


def brief_code_files() -> list[Path]:
    return package_files(*BRIEF_CODE)


def cache_key(taxonomy_path: Path, model: bytes = b"") -> str:
    """What every entry depends on: the taxonomy's bytes, the sentence model's (b"" for none)
    and the code that shapes a brief."""
    return fingerprint(taxonomy_path.read_bytes(), b"\0model\0", model, *brief_code_files())


def seed_digest(path: Path) -> str:
    """What decides whether a seed is extracted again: its bytes, and its sidecar's (an outlet
    or a date corrected there is in the brief too). Without a sidecar, the seed's sha256."""
    try:
        digest = hashlib.sha256(refuse_link(path).read_bytes())
    except OSError as e:
        raise BriefsmithError(path, f"cannot read: {e.strerror}")
    side = sidecar_path(path)
    try:
        digest.update(b"\0sidecar\0" + side.read_bytes())
    except FileNotFoundError:
        pass
    except OSError as e:
        raise BriefsmithError(side, f"cannot read: {e.strerror}")
    return digest.hexdigest()


def article_digest(article) -> str:
    """``seed_digest`` of an ``ingest.articles.Article`` just read: without a sidecar, the
    sha256 of the bytes it was read from (the file is not read and hashed a second time)."""
    if sidecar_path(article.path).exists():
        return seed_digest(article.path)
    return article.sha256


def extracted_digests(briefs: Path) -> dict[str, str]:
    """Each source's ``seed_digest`` when `brief extract` last wrote its brief (the first line of
    the cache alone, whatever its key): what ``briefs.drafts`` compares the seeds with."""
    try:
        with open(state_dir(briefs) / NAME, "rb") as f:
            index = json.loads(f.readline())
    except (OSError, ValueError):
        return {}
    sources = index.get("sources") if isinstance(index, dict) else None
    if not isinstance(sources, dict):
        return {}
    return {sid: e[0] for sid, e in sources.items() if isinstance(e, list) and e and isinstance(e[0], str)}


def record_line(record: dict) -> bytes | dict:
    """``record`` as one JSON line, or itself if JSON would not give it back unchanged (a brief
    edited by hand may hold dates): such a record is kept in memory and not cached."""
    try:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) == record:
            return text.encode("utf-8") + b"\n"
    except (TypeError, ValueError):
        pass
    return record


class Records:
    """Every source's record, one JSON line each in an unnamed spool file in ``folder``, so that
    the cross-source step reads them as a stream. In memory only where each line is (and the
    rare record JSON cannot hold). ``ids``: the sources in brief-file order."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.file = tempfile.TemporaryFile(dir=folder)
        self.where: dict[str, int | dict] = {}
        self.size = 0

    def __enter__(self) -> Records:
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()

    def add(self, sid: str, line: bytes | dict) -> int | None:
        """Store a record (a JSON line, or the record itself); its offset in the spool."""
        if isinstance(line, dict):
            self.where[sid] = line
            return None
        self.file.seek(self.size)
        self.file.write(line)
        self.where[sid], self.size = self.size, self.size + len(line)
        return self.where[sid]

    def get(self, sid: str) -> dict:
        where = self.where[sid]
        if isinstance(where, dict):
            return where
        self.file.seek(where)
        return json.loads(self.file.readline())

    @property
    def ids(self) -> list[str]:
        return list(self.where)

    def reorder(self, ids: list[str]) -> None:
        self.where = {sid: self.where[sid] for sid in ids}

    def copy_to(self, out) -> None:
        self.file.seek(0)
        shutil.copyfileobj(self.file, out)


class ExtractionCache:
    """The cache of the last run: a first line of JSON, the index (``sources``: id -> [seed
    digest, brief stamp, offset of its record or null], the briefs' stamps, the cross-source
    briefs' stamps), then every source's record as one JSON line. When nothing changed only
    the first line is read. ``key`` None (a forced run): as if there were none."""

    def __init__(self, briefs: Path, key: str | None) -> None:
        self.path = state_dir(briefs) / NAME
        self.index: dict = {}
        self.file, self.start = None, None
        if key is None:
            return
        try:
            self.file = open(self.path, "rb")
            index = json.loads(self.file.readline())
        except (OSError, ValueError):
            index = None
        if isinstance(index, dict) and index.get("taxonomy") == key \
                and isinstance(index.get("sources"), dict):
            self.index, self.start = index, self.file.tell()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc) -> None:
        if self.file:
            self.file.close()

    @property
    def sources(self) -> dict:
        return self.index.get("sources", {})

    def machine_written(self, stamps: dict) -> set[str]:
        """The cross-source briefs (``motives/<id>.yaml``, ...) that hold the machine's text
        alone, as the last run left them: their stamps are the ones it recorded."""
        names, recorded = self.index.get("machine"), self.index.get("cross")
        if not isinstance(names, list) or not isinstance(recorded, dict):
            return set()
        return {n for n in names if isinstance(n, str) and n in stamps and recorded.get(n) == stamps[n]}

    def line(self, offset) -> bytes | None:
        """The record line at ``offset``, as stored (not parsed)."""
        if not isinstance(offset, int) or self.start is None:
            return None
        self.file.seek(self.start + offset)
        line = self.file.readline()
        return line if line.startswith(b"{") and line.endswith(b"\n") else None

    def write(self, briefs: Path, index: dict, records: Records) -> None:
        """The index line, then the records' lines (offsets in the index count from the second line)."""
        state_dir(briefs, create=True)
        with atomic_file(self.path) as f:
            f.write(json.dumps(index, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
            records.copy_to(f)
