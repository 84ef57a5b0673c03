"""Writing files whole: through a temporary file in the same folder, renamed into place, so a
reader sees the old file or the new one, never part of one; and cache files of plain values.

- ``atomic_write``: a brief, a page, a seed, a cache file (text or bytes); nothing when unchanged.
- ``atomic_file``: the same for a file written as a stream.
- ``stage``: a file written next to its target and renamed later by the caller, with others
  (extraction replaces its briefs only once every source has succeeded; ``discard`` undoes).
- ``write_marshal`` / ``read_marshal``: cache files of plain values, checked by a header.

A new file gets the mode of the file it replaces, else an ordinary file's (``mkstemp`` makes
0600, and a brief or a page is an ordinary file that others may read).
"""
from __future__ import annotations

import marshal
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..ingest.paths import refuse_link


def atomic_write(path: Path, data: str | bytes, mkdir: bool = True, compare: bool = True) -> bool:
    """Write ``data`` (text as UTF-8, line ends as they are) through a temporary file renamed
    into place; False, and nothing written, when the file already holds it (``compare``: read
    it to see; a large cache file is written without reading it first). A symbolic link in
    its place is refused (``BriefsmithError``), neither read nor replaced."""
    path = refuse_link(Path(path))
    blob = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if compare and path.read_bytes() == blob:
            return False
    except OSError:
        pass
    if mkdir:
        path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as f:
        f.write(blob)
    return True


@contextmanager
def atomic_file(path: Path):
    """A binary file to write that replaces ``path`` when the block ends without an error; on an
    error the temporary file is removed and ``path`` is left as it was."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def stage(target: Path, text: str, token: str) -> str:
    """``text`` in a new file next to ``target`` (named with ``token``), for the caller to rename
    over ``target`` later (``os.replace``) or to remove with ``discard``; its path."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=f".{token}.tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.chmod(tmp, file_mode(target))
    return tmp


def discard(folder: Path, token: str) -> None:
    """Remove the files ``stage`` made in ``folder`` with ``token``."""
    for tmp in folder.glob(f".*.{token}.tmp"):
        tmp.unlink()


def file_mode(path: Path) -> int:
    """The mode of the file at ``path`` (the one a person gave it is kept), else an ordinary
    file's under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_marshal(path: Path, header, entries: dict) -> None:
    """Write a cache file that ``read_marshal`` reads; nothing (and no temporary file) when it
    cannot be written: a cache is optional."""
    try:
        blob = marshal.dumps((header, entries))
    except ValueError:  # a value marshal cannot hold (an odd YAML type): keep no cache
        return
    try:
        atomic_write(path, blob, mkdir=False, compare=False)
    except OSError:
        pass


def read_marshal(path: Path, header) -> dict:
    """The entries of a cache file written as ``marshal.dumps((header, entries))``, or {} when
    it is missing, damaged or of another version."""
    try:
        found, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if found == header and isinstance(entries, dict) else {}
