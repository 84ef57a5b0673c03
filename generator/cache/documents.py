"""The segmented articles of the last extraction, kept for the site (``documents.marshal``).

Extraction reads, cleans and segments every article it extracts; the site needs the same
``Document`` of each one to show its text with sentence anchors. Cleaning and segmenting
were a quarter of a first site load, done a second time for nothing: extraction keeps each
document's structure (offsets, roles, metadata: plain numbers and strings, not the text),
and the site rebuilds the ``Document`` from it and the file's text when the file, its
sidecar and the code that segments are as they were, else reads the article itself.
"""
from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path

from .files import read_marshal, write_marshal
from .stamps import fingerprint, package_files, stamp
from .state import state_dir
from ..briefs.model import Article, Block, Document, Paragraph, Removed, Sentence, SourceMeta

NAME = "documents.marshal"
_META = tuple(SourceMeta.__dataclass_fields__)


# The code that makes a ``Document``: every module reading and segmenting an article imports
# (the furniture rules, the pointer table, the sidecar's reader), not only the two it calls.
CODE = ("ingest/*.py", "text/days.py", "text/marks.py", "briefs/model.py", "briefs/problem.py", "briefs/reader.py",
        "briefs/quickyaml.py")


def _code_version() -> str:
    """A digest of the code that makes a ``Document`` (a change to it discards every entry)."""
    return fingerprint(*package_files(*CODE))


def _sidecar_stamp(path: Path) -> list | None:
    return stamp(path.with_name(path.stem + ".meta.yaml"))


def pack(doc: Document) -> bytes:
    """The document's structure as plain values, everything but its text, marshalled: about
    1 KB a source where the tuples themselves take about 13 KB in the process that gathers
    them (extraction's main process held every one until it wrote the file)."""
    a = doc.article
    return marshal.dumps((a.path.name, a.sha256, _sidecar_stamp(a.path), tuple(getattr(a.meta, f) for f in _META),
            tuple((b.start, b.end, b.role, b.cuts) for b in a.blocks),
            tuple((r.start, r.end, r.reason) for r in a.removed),
            tuple(tuple((s.start, s.end) for s in p.sentences) for p in doc.paragraphs)))


def unpack(path: Path, data: bytes, entry: tuple) -> Document:
    """The ``Document`` that ``pack`` was given, from the file's bytes (which it must match)."""
    _, sha, _, meta, blocks, removed, sentences = entry
    text = data.decode("utf-8")
    article = Article(id=path.stem, path=path, text=text, sha256=sha,
                      meta=SourceMeta(*meta), blocks=tuple(Block(s, e, r, c) for s, e, r, c in blocks),
                      removed=tuple(Removed(*r) for r in removed))
    paragraphs = []
    for number, (block, spans) in enumerate(zip(article.blocks, sentences), start=1):
        sents = tuple(Sentence(f"p{number}-s{k}", number, s, e, text[s:e])
                      for k, (s, e) in enumerate(spans, start=1))
        paragraphs.append(Paragraph(f"p{number}", number, block.start, block.end, sents, block.role))
    return Document(article, tuple(paragraphs))


class Documents:
    """The kept documents by source id; ``document(path)`` gives one back only if it is
    certainly what reading and segmenting the file would give now."""

    def __init__(self, folder: Path) -> None:
        self.briefs = Path(folder)
        self.path = state_dir(self.briefs) / NAME
        self.entries: dict[str, bytes] = {}
        self.version = ("briefsmith-documents", 2, sys.version_info[:2], _code_version())
        self.entries = read_marshal(self.path, self.version)

    def document(self, path: Path) -> Document | None:
        packed = self.entries.get(path.stem)
        try:
            entry = marshal.loads(packed) if isinstance(packed, bytes) else None
        except (EOFError, ValueError, TypeError):
            entry = None
        if not isinstance(entry, tuple) or len(entry) != 7 or entry[0] != path.name:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != entry[1] or _sidecar_stamp(path) != entry[2]:
            return None
        return unpack(path, data, entry)

    def save(self, fresh: dict[str, bytes], keep: set[str]) -> None:
        """Write the entries of ``fresh`` and those of ``keep`` (ids) already kept, no other,
        through a temporary file renamed into place; nothing when that fails (a cache)."""
        entries = {sid: e for sid, e in self.entries.items() if sid in keep and sid not in fresh}
        entries.update(fresh)
        self.entries = dict(sorted(entries.items()))
        state_dir(self.briefs, create=True)
        write_marshal(self.path, self.version, self.entries)
