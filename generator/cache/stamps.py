"""What a cache keys its entries on: a file's ``stamp`` and the ``fingerprint`` of code and data.

A stamp is a file's size and modification time, read without opening it: an edit changes it.
A fingerprint is one digest of everything an entry was made from (the taxonomy's bytes, the
folders, the code that made it): when it differs, nothing of that cache is reused.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import time
import types
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent   # generator/


_snapshot: dict | None = None   # path -> its stamp, while ``snapshot()`` holds
# A folder's listing kept from one ``snapshot()`` block to the next (``listed``): (folder, kind)
# -> (the folder's own lstat stamp, the listing). Kept only when the folder's mtime was
# older than RACY_NS when it was listed: an entry added within the file system's timestamp
# granularity of the last change may leave the mtime as it was (git's "racy" entries).
_listings: dict[tuple, tuple] = {}
RACY_NS = 2_000_000_000


def stamp(path: Path | str | None) -> list[int] | None:
    """``[size, mtime_ns]`` of a file; None when there is none or it cannot be read."""
    if path is None:
        return None
    if _snapshot is not None:
        key = os.fspath(path)
        if key in _snapshot:
            return _snapshot[key]
    try:
        st = os.stat(path)
        found = [st.st_size, st.st_mtime_ns]
    except OSError:
        found = None
    if _snapshot is not None:
        _snapshot[key] = found
    return found


@contextlib.contextmanager
def snapshot():
    """Within the block, a file is stat'ed once: its stamp is the one first read. For a
    rebuild under `mkdocs serve`, which writes none of the files it stamps: the brief, its
    seed and the seed's sidecar were stat'ed up to four times each (the check's inputs, the
    drafts, the views, the data cache), 120,000 calls and about 2 s at 10,000 sources. A file
    saved during the build starts another one, which reads it anew."""
    global _snapshot
    outer, _snapshot = _snapshot, ({} if _snapshot is None else _snapshot)
    try:
        yield
    finally:
        _snapshot = outer


def listed(folder: Path | str, kind, make):
    """``make()``: a listing of ``folder`` (``kind`` names which), made once within a
    ``snapshot()`` block, and kept for the next blocks while the folder's own size and mtime
    are as they were (a file added, removed, renamed or replaced in it changes them; an edit
    inside a file does not, and a listing holds names and kinds of entries only). Outside a
    block, ``make()`` each time. The caller must not change what it is given."""
    if _snapshot is None:
        return make()
    key = (os.fspath(folder), kind)
    if ("listing", key) in _snapshot:
        return _snapshot[("listing", key)]
    try:
        st = os.lstat(folder)
        now = (st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError:
        now = None
    kept = _listings.get(key)
    if now is not None and kept is not None and kept[0] == now:
        value = kept[1]
    else:
        listed_at = time.time_ns()
        value = make()
        if now is not None and now[1] < listed_at - RACY_NS:
            _listings[key] = (now, value)
        else:
            _listings.pop(key, None)
    _snapshot[("listing", key)] = value
    return value


def folder_stamps(folder: Path | str) -> dict[str, list[int] | None] | None:
    """Every entry of ``folder`` (by name, in the system's order) -> its ``stamp``; None when
    the folder cannot be listed. Within a ``snapshot()`` block the folder is read once and its
    files' stamps are the snapshot's (``stamp`` of ``folder / name`` reads nothing again): a
    pass over 10,000 files without a path object per file."""
    key = ("stamps", os.fspath(folder))
    if _snapshot is not None and key in _snapshot:
        return _snapshot[key]
    base = key[1]
    try:
        names = os.listdir(base)
    except OSError:
        found = None
    else:
        head = base if base.endswith(os.sep) else base + os.sep   # (as ``Path`` joins: one key per file)
        found = {name: stamp(head + name) for name in names}
    if _snapshot is not None:
        _snapshot[key] = found
    return found


def fingerprint(*parts) -> str:
    """One digest of ``parts``, each kept apart from the next: bytes and text as they are, a
    module or a ``Path`` as its file's name (relative to the package for its own modules, so a
    copy of the code has the same fingerprint) and bytes, anything else as its ``repr``."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, types.ModuleType):
            part = Path(part.__file__)
        if isinstance(part, Path):
            h.update(_name(part).encode() + b"\0" + _read(part))
        elif isinstance(part, bytes):
            h.update(part)
        else:
            h.update((part if isinstance(part, str) else repr(part)).encode("utf-8", "surrogatepass"))
        h.update(b"\0\1\0")
    return h.hexdigest()


def value_digest(value, reducers=None) -> str:
    """A digest of a plain value (a page's context): different values never share one, and
    equal values get the same one however their objects are shared (briefs read by different
    readers, or an item reached twice). Pickled without the memo (``fast``), which is lossless
    for plain values and dataclasses (``reducers``: a ``copyreg`` dispatch table, to pickle a
    class by its values alone), and faster than pickling with it or ``repr``; ``repr`` when
    something cannot be pickled (or holds a cycle)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True   # the memo would write a value shared twice differently from two copies
    if reducers is not None:
        pickler.dispatch_table = reducers
    try:
        pickler.dump(value)
        blob = buffer.getvalue()
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        blob = repr(value).encode()
    return hashlib.sha256(blob).hexdigest()


def package_files(*patterns: str) -> list[Path]:
    """The package's files matching ``patterns`` (globs relative to ``generator/``), sorted."""
    return sorted({path for pattern in patterns for path in PACKAGE.glob(pattern)})


def _name(path: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(PACKAGE).as_posix() if resolved.is_relative_to(PACKAGE) else str(path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0missing"
