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
import re
import secrets
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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                               suffix=f".{os.getpid()}-w.tmp")   # (``clean_stale``)
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


def token() -> str:
    """A name for one run's staged files: its process id first (``clean_stale``)."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


# The temporary files of ``atomic_file`` and ``stage``: ".<name>.<random>.<pid>-<...>.tmp".
_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-z]+\.tmp$")


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files that a killed run left in ``folder`` (those of a process
    that no longer runs; a run in progress keeps its own); the files removed."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TEMPORARY.match(name)
        if m is None or _running(int(m.group(1))):
            continue
        try:
            (folder / name).unlink()
            removed.append(folder / name)
        except FileNotFoundError:
            pass
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True      # another user's process: not ours to judge
    return True


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
